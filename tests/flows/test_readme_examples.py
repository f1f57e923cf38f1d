"""The README's example outputs are what the code prints (scripts/readme_examples.py regenerates them), and every
row they show agrees with the expected facts of the sample articles (sample_articles/expected.jsonl)."""
from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from reliability_support import cli_env
from scoring_support import group_of

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = re.compile(r"<!-- example: (?P<name>[\w-]+)(?: on (?P<folder>[\w./-]+))? -->\n```\n(?P<body>.*?)```\n"
                     r"<!-- /example -->", re.S)
VALUE_TOLERANCE = 0.005


def readme_examples(folder: str | None = None) -> dict[str, str]:
    """The fenced text, by name, of each README example over the sample articles (or over another folder)."""
    return {m["name"]: m["body"] for m in EXAMPLE.finditer((REPO / "README.md").read_text(encoding="utf-8"))
            if m["folder"] == folder}


def table_rows(body: str) -> list[dict[str, str]]:
    """The rows of the rich table an example prints, wrapped cells joined, keyed by column name."""
    header = next(line for line in body.splitlines() if line.startswith("┃"))
    columns = [cell.strip() for cell in header.strip("┃").split("┃")]
    rows: list[dict[str, str]] = []
    for line in body.splitlines():
        if not line.startswith("│"):
            continue
        cells = [cell.strip() for cell in line.strip("│").split("│")]
        if rows and not cells[0]:  # a wrapped cell goes on in the next line
            for column, cell in zip(columns, cells):
                rows[-1][column] = f"{rows[-1][column]} {cell}".strip() if cell else rows[-1][column]
        else:
            rows.append(dict(zip(columns, cells)))
    return rows


def expected_facts() -> list[dict]:
    """The expected facts of the sample articles."""
    lines = (REPO / "sample_articles" / "expected.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def close(shown: float, expected: float) -> bool:
    """A value as the README shows it agrees with the expected one (within the scorer's 0.5%)."""
    return abs(shown - expected) <= VALUE_TOLERANCE * max(abs(expected), 1e-9)


def cell_agrees(column: str, shown: str, fact: dict) -> bool | None:
    """Whether one shown cell agrees with an expected fact; None for columns the expected facts do not hold."""
    text = None if shown == "NULL" else shown
    if column == "usd_bn":
        return fact["unit"] == "USD" and round(fact["value"] / 1e9, 1) == float(shown)
    if column == "value":
        return close(float(shown), fact["value"])
    if column == "subject":  # as FACTS.md scores subjects: by company group (Google = Google Cloud)
        return sorted(map(group_of, ast.literal_eval(shown))) == sorted(map(group_of, fact["subject"] or []))
    if column == "forecast":
        return shown == str(bool(fact["forecast"]))
    if column == "name":
        return shown == fact["article"]
    if column in ("metric", "unit", "source", "geography", "period", "text", "qualifier"):
        return text == fact[column]
    return None  # e.g. sentence: not in expected.jsonl


def agrees_with_an_expected_fact(row: dict[str, str]) -> bool:
    """True when some expected fact agrees with every shown column of the row that expected facts hold."""
    return any(all(cell_agrees(c, v, fact) is not False for c, v in row.items()) for fact in expected_facts())


# README rows that disagree with expected.jsonl because of extractor bugs handled elsewhere: (example, the row's
# cells that identify it, the reason). Once fixed, regenerating the README changes the row and the mark lapses.
KNOWN_EXTRACTOR_BUGS: list[tuple[str, dict[str, str], str]] = []  # "four new data centres in Texas and New Mexico"
# had no geography until facility figures took the country of their town or state (United States, as expected)


def readme_rows() -> list:
    """One pytest param per row of every README example, marked xfail when it is a known extractor bug."""
    params = []
    for name, body in readme_examples().items():
        for number, row in enumerate(table_rows(body), 1):
            reasons = [why for example, cells, why in KNOWN_EXTRACTOR_BUGS
                       if example == name and cells.items() <= row.items()]
            marks = [pytest.mark.xfail(strict=True, reason=f"extractor bug: {reasons[0]}")] if reasons else []
            params.append(pytest.param(row, id=f"{name}-row{number}", marks=marks))
    return params


@pytest.mark.integration
def test_readme_examples_are_what_the_code_prints(prefect_api: str, tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, str(REPO / "scripts" / "readme_examples.py"), "--check"],
                          env=cli_env(tmp_path / "prefect", prefect_api), capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, ("README examples differ from what the code prints; run "
                                  f"`.venv/bin/python scripts/readme_examples.py`:\n{done.stdout[-4000:]}{done.stderr[-2000:]}")


def test_the_readme_has_its_examples() -> None:
    examples = readme_examples()
    assert sorted(examples) == ["footprint", "market-share-sentences", "market-spending"]
    assert all(len(table_rows(body)) >= 4 for body in examples.values())


def test_the_readme_has_an_example_of_each_analyst_view_over_the_dev_corpus() -> None:
    # Their rows come from ../shared/corpus/dev, not the sample articles, so expected.jsonl does not check them.
    examples = readme_examples("../shared/corpus/dev")
    assert sorted(examples) == ["investment", "market-share-groups", "market-spending-segments", "revenue-growth"]
    for name, view in [("investment", "v_investment"), ("market-share-groups", "v_market_share"),
                       ("market-spending-segments", "v_market_spending"), ("revenue-growth", "v_revenue_growth")]:
        assert f"FROM {view} " in examples[name] and len(table_rows(examples[name])) >= 4, name


@pytest.mark.parametrize("row", readme_rows())
def test_readme_example_row_agrees_with_the_expected_facts(row: dict[str, str]) -> None:
    assert agrees_with_an_expected_fact(row), row


def test_a_wrong_row_is_caught() -> None:
    row = {"period": "2023", "source": "Canalys", "geography": "worldwide", "usd_bn": "330.0", "forecast": "False"}
    assert not agrees_with_an_expected_fact(row)
    assert agrees_with_an_expected_fact(dict(row, period="2024"))
    assert not agrees_with_an_expected_fact(dict(row, period="2024", usd_bn="331.0"))
