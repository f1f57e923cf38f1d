"""The value types that flow out of the extractors: quantities and facts."""
from __future__ import annotations

import datetime
from dataclasses import MISSING, dataclass, field, fields


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
    period_start: datetime.date | None = None  # first day of the period (extractors.fact_dates)
    period_end: datetime.date | None = None  # last day of the period
    # A bracketed conversion ("€2 billion ($2.2 billion)"): the position, among its article's facts, of the fact it
    # translates. The warehouse turns it into that fact's fact_id (column conversion_of).
    conversion_of_position: int | None = None
    converts: Fact | None = field(default=None, compare=False, repr=False)  # that fact, until positions are known

    @classmethod
    def made(cls, **values: object) -> Fact:
        """Fact(**values), ~4x faster: Fact is frozen, so its __init__ sets each field through object.__setattr__;
        this fills the instance's __dict__ with the defaults and the values at once (every figure of every article
        is made into facts)."""
        if values.keys() - _FIELDS or _REQUIRED - values.keys():
            unknown = sorted(values.keys() - _FIELDS)
            raise TypeError(f"Fact has no field {unknown[0]!r}" if unknown
                            else f"Fact needs {sorted(_REQUIRED - values.keys())[0]!r}")
        fact = object.__new__(cls)
        fact.__dict__.update(_DEFAULTS, **values)
        return fact

    def with_fields(self, **changes: object) -> Fact:
        """dataclasses.replace(self, **changes) for Fact fields, ~6x faster: Fact's __init__ only sets its fields,
        so the copy takes them over directly (every fact of every article is copied when it is finished)."""
        unknown = changes.keys() - self.__dict__.keys()
        if unknown:
            raise TypeError(f"Fact has no field {sorted(unknown)[0]!r}")
        copy = object.__new__(Fact)
        copy.__dict__.update(self.__dict__, **changes)
        return copy

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
            "period_start": self.period_start.isoformat() if self.period_start else None,
            "period_end": self.period_end.isoformat() if self.period_end else None,
            "conversion_of_position": self.conversion_of_position,
            "text": self.text,
            "start_char": self.start_char,
            "end_char": self.end_char,
            "sentence": self.sentence,
            "rule": self.rule,
        }


_FIELDS = frozenset(f.name for f in fields(Fact))
_DEFAULTS = {f.name: f.default for f in fields(Fact) if f.default is not MISSING}
_REQUIRED = _FIELDS - _DEFAULTS.keys()
