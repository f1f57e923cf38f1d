"""The extraction as spaCy components: added by name to a fresh spacy.blank("en"), spans with their attributes,
upstream ORG entities as subject candidates, doc._.facts equal to extract_facts, and the README example."""
from __future__ import annotations

import datetime
import doctest
import re
import subprocess
import sys
from pathlib import Path

import pytest
import spacy

import extractors
from extractors.components import PIPE_NAMES, facts_of
from extractors.facts import extract_facts

ROOT = Path(__file__).resolve().parents[2]
PUBLISHED = datetime.date(2024, 11, 1)
TEXT = ("Canalys said cloud spending in Japan rose 21% to $9.2 billion in the third quarter. "
        "AWS held 31% of the market and Microsoft Azure 20%.\n\n"
        "Google will open two availability zones in India next year.")


def pipeline_by_name(*upstream: str) -> spacy.Language:
    """A fresh blank English pipeline with the cloudfacts components added by their factory names."""
    nlp = spacy.blank("en")
    for name in upstream + PIPE_NAMES:
        nlp.add_pipe(name)
    return nlp


def run(nlp: spacy.Language, text: str, published: datetime.date | None = PUBLISHED) -> spacy.tokens.Doc:
    """The pipeline over text with its publication date on the Doc."""
    doc = nlp.make_doc(text)
    doc._.published = published
    return nlp(doc)


def test_components_are_found_by_name_through_the_entry_point_alone() -> None:
    # A fresh interpreter that never imports extractors: spaCy must find the factories by their entry points.
    script = ("import spacy, sys\nnlp = spacy.blank('en')\n"
              f"for name in {PIPE_NAMES!r}:\n    nlp.add_pipe(name)\n"
              "doc = nlp('AWS revenue rose 19% to $27.5 billion.')\n"
              "print(nlp.pipe_names, [(f.fact.metric, f.fact.subject) for f in doc._.facts])")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out.strip() == f"{list(PIPE_NAMES)!r} [('growth_rate', ('AWS',)), ('revenue', ('AWS',))]"
    assert "extractors" not in script


def test_quantity_spans_carry_value_unit_and_qualifier() -> None:
    doc = run(pipeline_by_name(), TEXT)
    spans = {s.text: s for s in doc.spans["cf_quantities"]}
    assert set(spans) == {"21%", "$9.2 billion", "31%", "20%", "two"}
    money = spans["$9.2 billion"]
    assert (money._.value, money._.unit, money._.qualifier, money.label_) == (9.2e9, "USD", "exact", "CURRENCY")
    assert (spans["two"]._.value, spans["two"]._.unit, spans["two"]._.noun) == (2, "count", "availability zone")


def test_company_place_and_period_spans() -> None:
    doc = run(pipeline_by_name(), TEXT)
    assert [(s.text, s.label_, s._.canonical) for s in doc.spans["cf_companies"]] == [
        ("Canalys", "ANALYST", "Canalys"), ("AWS", "COMPANY", "AWS"), ("Microsoft Azure", "COMPANY", "Microsoft Azure"),
        ("Google", "COMPANY", "Google")]
    # places are looked for where figures are, as the fact rules read them; all_places looks everywhere
    assert [(s.text, s._.geography) for s in doc.spans["cf_places"]] == [("Japan", "Japan"), ("India", "India")]
    assert [(s.text, s._.period, s._.period_kind) for s in doc.spans["cf_periods"]] == [
        ("the third quarter", "2024-Q3", "quarter"), ("next year", "2025", "relative")]


def test_facts_point_at_their_spans() -> None:
    doc = run(pipeline_by_name(), TEXT)
    by_text = {d.fact.text: d for d in doc._.facts}
    spending = by_text["$9.2 billion"]
    assert (spending.fact.metric, spending.fact.source, spending.fact.period) == ("market_spending", "Canalys", "2024-Q3")
    assert spending.figure.text == "$9.2 billion" and spending.figure.label_ == "market_spending"
    assert spending.source.text == "Canalys" and spending.period.text == "the third quarter"
    assert [s.text for s in spending.places] == ["Japan"]
    assert spending.sentence.text.startswith("Canalys said") and spending.sentence.text.endswith("quarter.")
    share = by_text["31%"]
    assert [s.text for s in share.subjects] == ["AWS"] and share.figure._.metric == "market_share"
    assert [s.text for s in doc.spans["cf_facts"]] == [d.fact.text for d in doc._.facts]


def test_upstream_org_entities_become_subject_candidates() -> None:
    text = "Zyntrix Cloud now runs 12 data centres in Japan."
    alone = run(pipeline_by_name(), text)
    assert [d.fact.subject for d in alone._.facts] == [()]  # a company the alias table does not know
    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns([{"label": "ORG", "pattern": "Zyntrix Cloud"}])
    for name in PIPE_NAMES:
        nlp.add_pipe(name)
    doc = run(nlp, text)
    assert [(d.fact.metric, d.fact.subject, [s.text for s in d.subjects]) for d in doc._.facts] == [
        ("data_centers", ("Zyntrix Cloud",), ["Zyntrix Cloud"])]
    assert [(s.text, s.label_) for s in doc.spans["cf_companies"]] == [("Zyntrix Cloud", "ORG")]


def test_the_facts_component_alone_finds_its_mentions() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("cloudfacts_facts")
    assert [d.fact for d in run(nlp, TEXT)._.facts] == extract_facts(TEXT, PUBLISHED)


def sample_bodies() -> list[tuple[str, datetime.date | None, str | None]]:
    """Every sample article as (body, published, title)."""
    from extractors.article_files import discover_files
    from extractors.articles import Rejected
    from extractors.sources import read_source

    out = []
    for path in discover_files([ROOT / "sample_articles"]):
        if not isinstance(path, Rejected):
            out += [(a.body, a.published, a.title) for a in read_source(path) if not isinstance(a, Rejected)]
    return out


def test_default_pipeline_gives_the_facts_of_extract_facts() -> None:
    nlp = extractors.load()
    assert nlp.pipe_names == list(PIPE_NAMES)
    bodies = sample_bodies()
    assert len(bodies) >= 5
    for body, published, title in bodies:
        doc = facts_of(nlp, body, published, title)
        assert [d.fact for d in doc._.facts] == extract_facts(body, published, title)
        for d in doc._.facts:
            assert d.figure is not None and d.figure.start_char <= d.fact.start_char < d.fact.end_char <= d.figure.end_char


def test_long_runs_are_masked_for_the_tokenizer_but_read_in_full() -> None:
    body = "See " + "a/" * 150 + " for details. AWS grew 19% to $27.5 billion."
    doc = facts_of(extractors.load(), body)
    assert "x" * 300 in doc.text and len(doc.text) == len(body)
    assert [d.fact for d in doc._.facts] == extract_facts(body, None)
    assert doc._.facts[0].fact.sentence == "AWS grew 19% to $27.5 billion."


def readme_example() -> str:
    """The Python block of the README's spaCy section."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## spaCy components", 1)[1].split("\n## ", 1)[0]
    return re.search(r"```python\n(.*?)```", section, re.DOTALL).group(1)


def test_readme_example_runs_as_a_doctest() -> None:
    example = readme_example()
    assert len([line for line in example.splitlines() if line.startswith(">>> ")]) == 5
    test = doctest.DocTestParser().get_doctest(example, {}, "README", "README.md", 0)
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    assert runner.summarize(verbose=False).failed == 0


@pytest.mark.parametrize("name", PIPE_NAMES)
def test_each_component_runs_alone_on_an_empty_doc(name: str) -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe(name)
    doc = nlp("")
    assert doc._.facts in (None, [])


def test_all_places_marks_places_in_sentences_without_figures_too() -> None:
    text = "Oracle opened a region in Chile. Oracle has 50 regions worldwide."
    default = run(pipeline_by_name(), text)
    assert [s.text for s in default.spans["cf_places"]] == ["worldwide"]
    nlp = spacy.blank("en")
    for name in PIPE_NAMES:
        nlp.add_pipe(name, config={"all_places": True} if name == "cloudfacts_places" else {})
    everywhere = run(nlp, text)
    assert [s.text for s in everywhere.spans["cf_places"]] == ["Chile", "worldwide"]
    assert [d.fact for d in everywhere._.facts] == [d.fact for d in default._.facts]  # facts read the same places


def test_pipe_over_docs_with_their_dates() -> None:
    nlp = extractors.load()
    docs = []
    for published in (datetime.date(2024, 11, 1), datetime.date(2025, 5, 1)):
        doc = nlp.make_doc("AWS revenue rose 19% in the first quarter.")
        doc._.published = published
        docs.append(doc)
    assert [[d.fact.period for d in doc._.facts] for doc in nlp.pipe(docs)] == [["2024-Q1"], ["2025-Q1"]]
