"""Fact.made (how emit makes facts) makes the facts Fact's own constructor makes."""
import dataclasses

import pytest

from extractors.models import Fact


def test_made_equals_the_dataclass_constructor() -> None:
    values = dict(metric="revenue", value=1.5, value_high=None, unit="USD", qualifier="exact", subject=("Amazon",),
                  geography=None, period="2024-Q1", forecast=False, source=None, text="$1.5 billion", start_char=3,
                  end_char=15, sentence="Revenue was $1.5 billion.", rule="cue.revenue", converts=None, segment=None,
                  growth_of=None)
    made, built = Fact.made(**values), Fact(**values)
    assert made == built and made.__dict__ == built.__dict__ and hash(made) == hash(built)
    assert {f.name for f in dataclasses.fields(Fact)} == set(made.__dict__)


def test_made_refuses_an_unknown_field_and_a_missing_one() -> None:
    values = dict(metric="revenue", value=1.5, value_high=None, unit="USD", qualifier="exact", subject=(),
                  geography=None, period=None, forecast=False, source=None, text="$1.5 billion", start_char=3,
                  end_char=15, sentence="Revenue was $1.5 billion.")
    assert Fact.made(**values) == Fact(**values)
    with pytest.raises(TypeError, match="no field 'colour'"):
        Fact.made(**values, colour="red")
    with pytest.raises(TypeError, match="needs 'sentence'"):
        Fact.made(**{k: v for k, v in values.items() if k != "sentence"})
