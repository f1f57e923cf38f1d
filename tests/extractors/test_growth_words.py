"""Growth told by a comparative after the figure, at constant currency, and share moves told by a trading verb
(metric_cues.json), on sentences of our own."""
from __future__ import annotations

import datetime

import pytest

from extractors.facts import extract_facts

PUBLISHED = datetime.date(2025, 8, 1)


def metrics(body: str) -> dict[str, tuple[str, float]]:
    return {f.text: (f.metric, f.value) for f in extract_facts(body, PUBLISHED)}


@pytest.mark.parametrize("body, figure, expected", [
    ("KT's revenue was 13.5 percent higher at 7.43 trillion won.", "13.5 percent", ("growth_rate", 13.5)),
    ("Microsoft's operating income was $38.3 billion, 21% higher.", "21%", ("growth_rate", 21.0)),
    ("Singtel's equipment sales of SGD249 million were 1.1 per cent lower.", "1.1 per cent", ("growth_rate", -1.1)),
    ("Oracle's revenue came to $16.1 billion, up 14% in USD and 13% at constant currency.", "13%", ("growth_rate", 13.0)),
    ("Kestrel Cloud's shares opened almost 15% higher on Monday.", "15%", ("share_price_change", 15.0)),
])
def test_growth_and_moves_after_the_figure(body: str, figure: str, expected: tuple) -> None:
    assert metrics(body)[figure] == expected


def test_a_price_lower_at_a_level_is_no_growth() -> None:
    assert metrics("Baidu stood 4.6 percent lower at HKD82.15 in Hong Kong.").get("4.6 percent", ("none",))[0] \
        != "growth_rate"


def test_higher_than_keeps_its_reading() -> None:
    assert metrics("Azure grew 39%, higher than the 35% analysts expected.")["39%"][0] == "growth_rate"


def test_a_cue_is_read_past_an_aside_when_nothing_else_names_the_metric() -> None:
    found = metrics("Growth at Amazon Web Services (AWS), which sells more rented computing power than any rival, was "
                    "slightly above 17 per cent, the company said.")
    assert found["17 per cent"] == ("growth_rate", 17.0)
