"""The value types that flow out of the extractors: quantities and facts."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Quantity:
    """One figure in a text: a normalised number with its unit, qualifier and span."""

    value: float
    value_high: float | None
    unit: str  # ISO 4217 code, or "percent", "pp", "count", "MW"
    qualifier: str  # exact | approximate | at_least | at_most | range
    text: str
    start_char: int
    end_char: int
    noun: str | None = None  # for counts: lemma of the counted noun ("availability zone")
    note: str | None = None  # set when the reading is doubtful (e.g. a typo was repaired)


@dataclass(frozen=True)
class Fact:
    """One figure with what it measures, as defined in FACTS.md."""

    metric: str
    value: float
    value_high: float | None
    unit: str
    qualifier: str
    subject: tuple[str, ...]
    geography: str | None
    period: str | None
    forecast: bool
    source: str | None
    text: str
    start_char: int
    end_char: int
    sentence: str
    rule: str = field(default="")
    segment: str | None = None  # the market a market figure is about (FACTS.md Segments)
    growth_of: str | None = None  # for growth_rate: the metric whose change it is

    def as_record(self) -> dict:
        """The fact as a plain dict with FACTS.md field names (subject as a list)."""
        return {
            "metric": self.metric,
            "value": self.value,
            "value_high": self.value_high,
            "unit": self.unit,
            "qualifier": self.qualifier,
            "subject": list(self.subject),
            "geography": self.geography,
            "period": self.period,
            "forecast": self.forecast,
            "source": self.source,
            "segment": self.segment,
            "growth_of": self.growth_of,
            "text": self.text,
            "start_char": self.start_char,
            "end_char": self.end_char,
            "sentence": self.sentence,
            "rule": self.rule,
        }
