"""The cue words of tables (data/table_cues.json): which label, header or caption names a metric, a total or
others row, a segment, an estimate, a scale, a footnote or a source, validated on load."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractors.datafiles import DataFileError, load_records

CUE_KINDS = {"money_metric", "percent_metric", "percent_marker", "estimate", "forecast_caption", "total_label",
             "others_label", "segment_label", "company_header", "exclude", "exclude_table", "footnote", "scale",
             "source_note"}
TABLE_METRICS = {"market_spending", "revenue", "growth_rate", "market_share", "investment", "profit", "margin",
                 "backlog"}


@dataclass(frozen=True)
class TableCue:
    """A cue pattern of table_cues.json: its kind, the metric it names (for metric cues) and the compiled pattern."""

    id: str
    kind: str
    metric: str | None
    regex: re.Pattern


@lru_cache(maxsize=1)
def table_cues() -> tuple[TableCue, ...]:
    """The cues of table_cues.json, validated: known kinds, metric cues name a table metric, each pattern compiles
    and matches its example."""
    cues = []
    for rec in load_records("table_cues.json", ("kind", "pattern")):
        if rec["kind"] not in CUE_KINDS:
            raise DataFileError(f"table_cues.json: {rec['id']}: unknown kind {rec['kind']!r}")
        metric = rec.get("metric")
        if rec["kind"].endswith("_metric") and metric not in TABLE_METRICS:
            raise DataFileError(f"table_cues.json: {rec['id']}: metric must be one of {sorted(TABLE_METRICS)}")
        try:
            regex = re.compile(rec["pattern"], re.IGNORECASE)
        except re.error as err:
            raise DataFileError(f"table_cues.json: {rec['id']}: bad pattern: {err}") from err
        if not regex.search(rec["example"]):
            raise DataFileError(f"table_cues.json: {rec['id']}: the pattern does not match its example")
        cues.append(TableCue(rec["id"], rec["kind"], metric, regex))
    return tuple(cues)


def cues_of(kind: str) -> tuple[TableCue, ...]:
    """The cues of one kind, in file order."""
    return tuple(c for c in table_cues() if c.kind == kind)


@lru_cache(maxsize=4096)
def matches(kind: str, text: str) -> bool:
    """Whether any cue of a kind is found in the text."""
    return any(c.regex.search(text) for c in cues_of(kind))


@lru_cache(maxsize=4096)
def cue_metric(kind: str, text: str) -> str | None:
    """The metric of the first metric cue of a kind (money_metric, percent_metric) found in the text."""
    return next((c.metric for c in cues_of(kind) if c.regex.search(text)), None)


@lru_cache(maxsize=4096)
def without_footnote(text: str) -> str:
    """A label or header without its footnote marker ("Q1 of 2015 *" -> "Q1 of 2015")."""
    for cue in cues_of("footnote"):
        text = cue.regex.sub("", text)
    return text.strip()
