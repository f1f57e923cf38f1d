"""What a figure measures: its market (`segment`) and, for a growth, the metric that grew (`growth_of`)."""
from __future__ import annotations

import datetime

import pytest

from extractors.datafiles import DataFileError
from extractors.facts import extract_facts
from extractors.segments import SEGMENTS, article_scope, segment_cues

PUBLISHED = datetime.date(2025, 3, 4)


def measured(body: str, title: str | None = None) -> dict[str, tuple]:
    """{figure text: (metric, segment, growth_of)} of a body's facts."""
    return {f.text: (f.metric, f.segment, f.growth_of) for f in extract_facts(body, PUBLISHED, title)}


@pytest.mark.parametrize("body, text, expected", [
    # The segment named in the figure's clause.
    ("Worldwide spending on cloud infrastructure services climbed 24% to $92 billion in the fourth quarter, "
     "Canalys said.", "24%", ("growth_rate", "cloud_infrastructure_services", "market_spending")),
    ("Worldwide spending on cloud infrastructure services climbed 24% to $92 billion in the fourth quarter, "
     "Canalys said.", "$92 billion", ("market_spending", "cloud_infrastructure_services", None)),
    ("Gartner expects end-user spending on infrastructure-as-a-service to grow 25.6% in 2025.", "25.6%",
     ("growth_rate", "iaas", "market_spending")),
    ("Public cloud end-user spending worldwide will reach $723 billion in 2025, Gartner said.", "$723 billion",
     ("market_spending", "public_cloud", None)),
    ("IDC says spending on AI servers will top $200 billion by 2028.", "$200 billion",
     ("market_spending", "ai_infrastructure", None)),
    # A share's market follows "of".
    ("Microsoft holds 24% of the market for public cloud, Gartner said.", "24%",
     ("market_share", "public_cloud", None)),
    # A company's growth is of its revenue unless the clause names another metric.
    ("AWS revenue rose 17% to $29.3 billion in the quarter.", "17%", ("growth_rate", None, "revenue")),
    ("Operating income at AWS climbed 23% to $10.6 billion in the quarter.", "23%", ("growth_rate", None, "profit")),
    ("Microsoft reported revenue of $70 billion for the quarter, up 12 percent year on year.", "12 percent",
     ("growth_rate", None, "revenue")),
])
def test_segment_and_growth_of_from_the_sentence(body: str, text: str, expected: tuple) -> None:
    assert measured(body)[text] == expected


def test_a_share_without_segment_words_takes_the_market_the_article_leads_with() -> None:
    body = ("Spending on cloud infrastructure services reached $90 billion in the quarter, Synergy Research Group "
            "said.\n\nAWS held 30% of the market, ahead of Microsoft Azure on 21%.")
    found = measured(body, "Cloud spending keeps climbing")
    assert found["30%"] == ("market_share", "cloud_infrastructure_services", None)
    assert found["21%"] == ("market_share", "cloud_infrastructure_services", None)


def test_a_definition_names_the_market_and_its_list_names_only_its_parts() -> None:
    body = ("Synergy Research Group says cloud infrastructure services, which covers IaaS, PaaS and hosted private "
            "cloud, generated $95 billion of revenue in the quarter.")
    assert article_scope(body).defined == "cloud_infrastructure_services"
    assert measured(body)["$95 billion"] == ("market_spending", "cloud_infrastructure_services", None)


def test_generic_cloud_words_mean_the_article_market_and_cloud_without_one() -> None:
    narrow = ("Canalys counts spending on cloud infrastructure services.\n\n"
              "The cloud market grew 21% in the quarter, Canalys said.")
    assert measured(narrow)["21%"] == ("growth_rate", "cloud_infrastructure_services", "market_spending")
    plain = "China's cloud market grew 36% last year, CAICT said."
    assert measured(plain)["36%"] == ("growth_rate", "cloud", "market_spending")


def test_table_cells_take_the_segment_of_their_row() -> None:
    body = ("Gartner published its forecast.\n\n"
            "Table 1. Worldwide public cloud end-user spending forecast (millions of U.S. dollars)\n\n"
            "| | 2024 | 2025 |\n|---|---|---|\n"
            "| Infrastructure-as-a-service (IaaS) | 180,044 | 232,391 |\n"
            "| Software-as-a-service (SaaS) | 247,203 | 299,100 |\n"
            "| Total market | 595,725 | 723,449 |\n")
    segments = {f.text: f.segment for f in extract_facts(body, PUBLISHED) if f.metric == "market_spending"}
    assert segments == {"180,044": "iaas", "232,391": "iaas", "247,203": "saas", "299,100": "saas",
                        "595,725": "public_cloud", "723,449": "public_cloud"}


def test_other_facts_have_neither_field() -> None:
    found = measured("AWS will invest $15 billion in Japan by 2027 and open two availability zones.")
    assert all(segment is None and grown is None for _, segment, grown in found.values())


def test_segment_cues_name_known_segments_and_match_their_examples() -> None:
    cues = segment_cues()
    assert {c.value for c in cues if c.kind == "segment"} <= set(SEGMENTS)
    assert {c.kind for c in cues} == {"segment", "growth_noun"}


def test_a_malformed_segment_cue_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    import extractors.segments as segments

    segment_cues.cache_clear()
    monkeypatch.setattr(segments, "load_records", lambda *_: ({"id": "x", "example": "y", "kind": "segment",
                                                              "segment": "mainframes", "pattern": "y"},))
    try:
        with pytest.raises(DataFileError):
            segment_cues()
    finally:
        monkeypatch.undo()
        segment_cues.cache_clear()


def test_prefix_hits_are_the_hits_of_the_prefix() -> None:
    from extractors.segments import cue_hits, prefix_hits

    text = ("Worldwide public cloud spending, which covers IaaS, PaaS and SaaS, rose. Cloud infrastructure services "
            "grew, and AI infrastructure and sovereign cloud IaaS followed; the cloud market of data centre capacity. ") * 3
    for length in range(0, len(text) + 5, 7):
        for kind in ("segment", "growth_noun"):
            assert prefix_hits(text, length, kind) == cue_hits(text[:length], kind), length
