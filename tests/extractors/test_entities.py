"""Entity mentions: canonical names and groups per FACTS.md, case rules, possessives, longest match."""
from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.datafiles import DATA_DIR, load_records
from extractors.entities import (
    COMPANY_KINDS,
    canonical_names,
    check_entity_records,
    company_records,
    find_entities,
    group_of,
    kind_of,
)


def _found(text: str) -> list[tuple[str, str]]:
    """(text, canonical) of every mention."""
    return [(m.text, m.canonical) for m in find_entities(text)]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Amazon Web Services grew 19% in the period.", [("Amazon Web Services", "AWS")]),
        ("AWS and Amazon AWS are the same unit.", [("AWS", "AWS"), ("Amazon AWS", "AWS")]),
        ("Amazon.com lifted its capex.", [("Amazon.com", "Amazon")]),
        ("Amazon's capex rose sharply.", [("Amazon", "Amazon")]),
        ("Microsoft’s Azure grew 33%.", [("Microsoft’s Azure", "Microsoft Azure")]),
        ("Microsoft's Intelligent Cloud segment grew.", [("Microsoft", "Microsoft"), ("Intelligent Cloud", "Microsoft Azure")]),
        ("Microsoft Cloud revenue topped $40 billion.", [("Microsoft Cloud", "Microsoft Azure")]),
        ("Google Cloud Platform (GCP) revenue rose.", [("Google Cloud Platform", "Google Cloud"), ("GCP", "Google Cloud")]),
        ("Google and Alphabet are one group.", [("Google", "Google"), ("Alphabet", "Alphabet")]),
        ("Aliyun, also called Alibaba Cloud, led.", [("Aliyun", "Alibaba Cloud"), ("Alibaba Cloud", "Alibaba Cloud")]),
        ("Alibaba Cloud Intelligence Group grew 26%.", [("Alibaba Cloud Intelligence Group", "Alibaba Cloud")]),
        ("Alibaba’s revenue rose.", [("Alibaba", "Alibaba Group")]),
        ("Alibaba Group Holding Limited filed results.", [("Alibaba Group Holding Limited", "Alibaba Group")]),
        ("Oracle Cloud Infrastructure (OCI) grew 52%.", [("Oracle Cloud Infrastructure", "Oracle Cloud"), ("OCI", "Oracle Cloud")]),
        ("Oracle shares jumped.", [("Oracle", "Oracle")]),
        ("Huawei Cloud and Huawei differ.", [("Huawei Cloud", "Huawei Cloud"), ("Huawei", "Huawei")]),
        ("Tencent Cloud trailed Tencent peers.", [("Tencent Cloud", "Tencent Cloud"), ("Tencent", "Tencent")]),
        ("Baidu AI Cloud grew, Baidu said.", [("Baidu AI Cloud", "Baidu AI Cloud"), ("Baidu", "Baidu")]),
        ("IBM and Salesforce both rose.", [("IBM", "IBM"), ("Salesforce", "Salesforce")]),
        ("Meta Platforms, formerly Facebook, spends heavily.", [("Meta Platforms", "Meta"), ("Facebook", "Meta")]),
        ("AWS Lambda runs the code.", [("AWS Lambda", "AWS")]),
        ("Lambda raised $480 million.", [("Lambda", "Lambda")]),
        ("Lambda functions are cheap.", []),
        ("Arm designs chips; an arm of the group sells them.", [("Arm", "Arm")]),
        ("An apple a day; Apple pays.", [("Apple", "Apple")]),
        ("The meta question is open.", []),
        ("Dell'Oro Group tracks Dell shipments.", [("Dell'Oro Group", "Dell'Oro Group"), ("Dell", "Dell")]),
        ("Hewlett Packard Enterprise (HPE) bought Juniper.", [("Hewlett Packard Enterprise", "HPE"), ("HPE", "HPE")]),
        ("SoftBank Group backs OpenAI and CoreWeave.", [("SoftBank Group", "SoftBank"), ("OpenAI", "OpenAI"), ("CoreWeave", "CoreWeave")]),
        ("China Telecom beat China Mobile.", [("China Telecom", "China Telecom"), ("China Mobile", "China Mobile")]),
        ("Amazon. Com shares fell.", [("Amazon", "Amazon")]),
        ("Google\nCloud revenue rose.", [("Google\nCloud", "Google Cloud")]),
    ],
)
def test_company_mentions(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert _found(sentence) == expected


@pytest.mark.parametrize(
    "sentence, canonical, kind",
    [
        ("According to Canalys, spending rose.", "Canalys", "analyst"),
        ("Synergy Research Group data show growth.", "Synergy Research Group", "analyst"),
        ("Synergy Research said spending rose.", "Synergy Research Group", "analyst"),
        ("Figures from Synergy show growth.", "Synergy Research Group", "analyst"),
        ("IDC forecasts growth.", "IDC", "analyst"),
        ("Gartner expects growth.", "Gartner", "analyst"),
        ("Forrester expects growth.", "Forrester", "analyst"),
        ("Omdia expects growth.", "Omdia", "analyst"),
        ("TrendForce expects growth.", "TrendForce", "analyst"),
        ("Counterpoint expects growth.", "Counterpoint Research", "analyst"),
        ("Morgan Stanley expects growth.", "Morgan Stanley", "analyst"),
        ("Goldman Sachs expects growth.", "Goldman Sachs", "analyst"),
        ("UBS expects growth.", "UBS", "analyst"),
        ("Bernstein expects growth.", "Bernstein", "analyst"),
        ("Jefferies expects growth.", "Jefferies", "analyst"),
        ("Reuters reported the deal.", "Reuters", "media"),
        ("Bloomberg reported the deal.", "Bloomberg", "media"),
    ],
)
def test_analysts_and_media(sentence: str, canonical: str, kind: str) -> None:
    (mention,) = find_entities(sentence)
    assert (mention.canonical, mention.kind) == (canonical, kind)


def test_synergy_as_a_word_is_not_the_firm() -> None:
    assert find_entities("The deal creates synergy between units.") == []


@pytest.mark.parametrize(
    "canonical, group",
    [
        ("AWS", "Amazon"), ("Amazon", "Amazon"), ("Microsoft Azure", "Microsoft"), ("Microsoft", "Microsoft"),
        ("Google Cloud", "Alphabet"), ("Google", "Alphabet"), ("Alphabet", "Alphabet"),
        ("Alibaba Cloud", "Alibaba"), ("Alibaba Group", "Alibaba"), ("Oracle Cloud", "Oracle"), ("Oracle", "Oracle"),
        ("Huawei Cloud", "Huawei"), ("Tencent Cloud", "Tencent"), ("Baidu AI Cloud", "Baidu"), ("IBM", "IBM"),
        ("Salesforce", "Salesforce"), ("Meta", "Meta"), ("Unknown Startup", "Unknown Startup"),
    ],
)
def test_group_of(canonical: str, group: str) -> None:
    assert group_of(canonical) == group


def test_kinds_and_names() -> None:
    assert kind_of("Gartner") == "analyst" and kind_of("AWS") == "company" and kind_of("Nobody") is None
    assert {"Canalys", "Synergy Research Group", "IDC", "Gartner"} <= set(canonical_names("analyst"))


def test_data_file_is_valid() -> None:
    records = [json.loads(line) for line in (DATA_DIR / "entities.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len({r["canonical"] for r in records}) == len(records)
    for record in records:
        assert record["group"] and record["aliases"] and record["example"]
        found = {m.canonical for m in find_entities(record["example"])}
        assert record["canonical"] in found, record["id"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("AWS Amazon.com’'s GoogleCloud()Lambda ")) | st.characters(), max_size=80))
def test_random_text_never_raises_and_spans_hold(text: str) -> None:
    previous_end = 0
    for mention in find_entities(text):
        assert 0 <= mention.start_char < mention.end_char <= len(text)
        assert text[mention.start_char : mention.end_char] == mention.text
        assert mention.start_char >= previous_end
        previous_end = mention.end_char


def test_case_blind_alias_that_changes_length_in_lower_case_is_refused() -> None:
    from extractors.datafiles import DataFileError
    from extractors.entities import AliasEntry, AliasMatcher

    with pytest.raises(DataFileError, match="changes length"):
        AliasMatcher([AliasEntry("İstanbul Cloud", False, "x")])
    assert AliasMatcher([AliasEntry("İstanbul Cloud", True, "x")]).find("at İstanbul Cloud today")[0][:2] == (3, 17)


def reference_find(matcher, text: str) -> list:
    """The matcher's result computed the plain way: try every token in turn (what the candidate regex skips)."""
    from extractors.entities import _tokens

    tokens, found, i = _tokens(text), [], 0
    while i < len(tokens):
        hit = matcher._longest_at(tokens, i)
        if hit is None:
            i += 1
            continue
        found.append((tokens[i][0], tokens[i + hit[0] - 1][1], hit[1]))
        i += hit[0]
    return found


ALIAS_PIECES = st.sampled_from(["AWS", "aws", "Amazon", " Web", " Services", "Alibaba", "’s", "'s", " Cloud",
                                "cloud", " Google", "Microsoft", " Azure", ".com", ".", ",", " ", "\n", "Canalys",
                                "CANALYS", "Türkiye", " the", " world", "-", "x", "Azure’s", "Inc", "Lambda", " functions",
                                " Labs", "Oracle", "US", " dollars", "$"])


@settings(max_examples=300, deadline=None)
@given(st.lists(ALIAS_PIECES, max_size=25).map("".join))
def test_candidate_regex_finds_what_trying_every_token_finds(text: str) -> None:
    from extractors.entities import _matcher
    from extractors.geography import _matcher as geography_matcher

    for matcher in (_matcher(), geography_matcher()):
        assert matcher.find(text) == reference_find(matcher, text)


def _record(**overrides: object) -> dict:
    """An entity record as entities.jsonl holds one."""
    record = {"id": "ent-x", "canonical": "Example Cloud", "group": "Example", "kind": "company",
              "company_kind": "cloud_provider", "aliases": ["Example Cloud"], "case_sensitive": True,
              "example": "Example Cloud grew."}
    return {**record, **overrides}


def test_every_record_has_a_known_company_kind_matching_its_kind() -> None:
    records = {r["canonical"]: r for r in company_records()}
    assert len(records) == len(load_records("entities.jsonl"))
    assert {r["kind"] for r in records.values()} <= COMPANY_KINDS
    assert (records["AWS"]["company_group"], records["AWS"]["kind"], records["AWS"]["entity_kind"]) == (
        "Amazon", "cloud_provider", "company")
    assert records["Gartner"]["kind"] == "analyst_firm" and records["Reuters"]["kind"] == "media"
    assert records["Equinix"]["kind"] == "data_centre_operator" and records["Nvidia"]["kind"] == "chip_maker"
    assert "Amazon Web Services" in records["AWS"]["aliases"]


@pytest.mark.parametrize(("overrides", "message"), [
    ({"company_kind": "hyperscaler"}, "ent-x has company_kind 'hyperscaler'; it must be one of ai_lab, "),
    ({"company_kind": None}, "ent-x has company_kind None"),
    ({"kind": "analyst"}, "ent-x is of kind 'analyst', so its company_kind must be 'analyst_firm', not "
                          "'cloud_provider'"),
    ({"kind": "media", "company_kind": "analyst_firm"}, "ent-x is of kind 'media', so its company_kind must be 'media'"),
    ({"company_kind": "analyst_firm"}, "ent-x is of kind 'company'; company_kind 'analyst_firm' is for kind analyst"),
])
def test_a_wrong_company_kind_is_a_clear_data_file_error(overrides: dict, message: str) -> None:
    from extractors.datafiles import DataFileError

    with pytest.raises(DataFileError, match=re.escape(f"entities.jsonl: {message}")):
        check_entity_records((_record(**overrides),))
    assert check_entity_records((_record(),)) == (_record(),)


@settings(max_examples=100, deadline=None)
@given(st.lists(ALIAS_PIECES, max_size=25).map("".join))
def test_kept_candidate_plans_change_nothing(text: str) -> None:
    """AliasMatcher keeps what it needs of each candidate word: a matcher that keeps none finds the same."""
    from extractors import entities

    warm = entities._matcher()
    cold = entities.AliasMatcher([])
    cold.__dict__.update({**warm.__dict__, "_plans": {}})
    limit = entities._MAX_PLANS
    entities._MAX_PLANS = 0
    try:
        assert cold.find(text) == warm.find(text) == reference_find(warm, text)
        assert not cold._plans
    finally:
        entities._MAX_PLANS = limit
