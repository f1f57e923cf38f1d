"""Period finding against in-scope DatePeriod cases of Microsoft Recognizers-Text (see the data README)."""
from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

import pytest

from extractors.periods import find_periods

CASES_FILE = Path(__file__).resolve().parents[1] / "data" / "anchors_dateperiod" / "DatePeriodParser.in_scope.json"

# Cases we knowingly read differently, with the reason; strict, so a fix shows up as a failure.
KNOWN_FAILURES = {
    "I'll be out last sept": "month names must be capitalised (precision: 'may', 'march' are words)",
    "I'll be out june next year": "month names must be capitalised (precision: 'may', 'march' are words)",
    "I'll be out 2016 june": "month names must be capitalised (precision: 'may', 'march' are words)",
    "I'll be out 2016 , nov": "'YEAR , month' with a comma is not a news form; we read only the year",
}

_RANGE = re.compile(r"^\((?P<y1>\d{4}|XXXX)-(?P<m1>\d{2})-01,(?P<y2>\d{4}|XXXX)-(?P<m2>\d{2})-01,P(?P<n>\d+)(?P<unit>[MY])\)$")


def _most_recent_year(month: int, reference: datetime.date) -> int:
    """The year of the most recent given month that has started by the reference date."""
    return reference.year if month <= reference.month else reference.year - 1


def timex_to_period(timex: str, reference: datetime.date) -> str:
    """A Recognizers Timex value in FACTS.md form (only the shapes present in the in-scope cases)."""
    if re.fullmatch(r"\d{4}(-\d{2})?", timex):
        return timex
    if re.fullmatch(r"XXXX-\d{2}", timex):
        month = int(timex[5:])
        return f"{_most_recent_year(month, reference)}-{month:02d}"
    match = _RANGE.match(timex)
    if match is None:
        raise ValueError(f"unmapped Timex {timex!r}")
    first_month, count, unit = int(match["m1"]), int(match["n"]), match["unit"]
    first_year = _most_recent_year(first_month, reference) if match["y1"] == "XXXX" else int(match["y1"])
    if unit == "M" and count == 3 and first_month % 3 == 1:
        return f"{first_year}-Q{first_month // 3 + 1}"
    if unit == "M" and count == 6 and first_month in (1, 7):
        return f"{first_year}-H{1 if first_month == 1 else 2}"
    if unit == "Y" and first_month == 1:
        return f"{first_year}/{int(match['y2'])}"
    raise ValueError(f"unmapped Timex {timex!r}")


def _load_cases() -> list:
    """One pytest param per expected result of the copied cases."""
    params = []
    for case in json.loads(CASES_FILE.read_text(encoding="utf-8-sig")):
        context = case.get("Context") or {}
        reference = (
            datetime.date.fromisoformat(context["ReferenceDateTime"][:10]) if "ReferenceDateTime" in context else None
        )
        for result in case["Results"]:
            marks = (
                [pytest.mark.xfail(strict=True, reason=KNOWN_FAILURES[case["Input"]])]
                if case["Input"] in KNOWN_FAILURES
                else []
            )
            params.append(pytest.param(case["Input"], reference, result, id=case["Input"][:50], marks=marks))
    return params


def test_cases_file_holds_the_copied_records() -> None:
    cases = json.loads(CASES_FILE.read_text(encoding="utf-8-sig"))
    assert len(cases) == 22
    assert all(case["Results"] for case in cases)


@pytest.mark.parametrize("text, reference, result", _load_cases())
def test_anchor_case(text: str, reference: datetime.date | None, result: dict) -> None:
    expected = timex_to_period(result["Value"]["Timex"], reference or datetime.date(2000, 1, 1))
    start, end = result["Start"], result["Start"] + result["Length"]
    assert text[start:end] == result["Text"]
    overlapping = [m for m in find_periods(text, reference) if m.start_char < end and start < m.end_char]
    assert [m.period for m in overlapping] == [expected]


@pytest.mark.parametrize(
    "timex, reference, period",
    [
        ("2015-09", datetime.date(2016, 11, 7), "2015-09"),
        ("XXXX-02", datetime.date(2016, 11, 7), "2016-02"),
        ("XXXX-12", datetime.date(2016, 11, 7), "2015-12"),
        ("(XXXX-07-01,XXXX-10-01,P3M)", datetime.date(2016, 11, 7), "2016-Q3"),
        ("(2016-07-01,2017-01-01,P6M)", datetime.date(2016, 11, 7), "2016-H2"),
        ("(2014-01-01,2018-01-01,P4Y)", datetime.date(2016, 11, 7), "2014/2018"),
    ],
)
def test_timex_mapping(timex: str, reference: datetime.date, period: str) -> None:
    assert timex_to_period(timex, reference) == period
