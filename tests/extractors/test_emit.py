"""Facts made by emit are the facts Fact's own constructor makes."""
import dataclasses

from extractors.emit import new_fact
from extractors.models import Fact


def test_new_fact_equals_the_dataclass_constructor() -> None:
    values = dict(metric="revenue", value=1.5, value_high=None, unit="USD", qualifier="exact", subject=("Amazon",),
                  geography=None, period="2024-Q1", forecast=False, source=None, text="$1.5 billion", start_char=3,
                  end_char=15, sentence="Revenue was $1.5 billion.", rule="cue.revenue", converts=None, segment=None,
                  growth_of=None)
    made, built = new_fact(**values), Fact(**values)
    assert made == built and made.__dict__ == built.__dict__ and hash(made) == hash(built)
    assert {f.name for f in dataclasses.fields(Fact)} == set(made.__dict__)
