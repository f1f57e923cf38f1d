"""Where a facility figure stands: an investment, data centres, power capacity, zones, regions or jobs take the
country their facility is built in, when the figure's clause names it in one of the ways news does:
- a place before the facility noun: "the US$2bil Malaysian data centre", "into Indian cloud infrastructure",
  "its Chennai campus", "the Cape Town region", "its London and Manchester sites";
- a town, state or province of a known data-centre market after a preposition: "a park in Greater Noida",
  "the data centres it runs in Aragon" (`localities.jsonl` maps each to its country);
- the country named before, taken up again: "data centres in the country".
Asked only where the figure's sentence gave no place by the general rules (scope.assign_geography)."""
from __future__ import annotations

import re
from functools import lru_cache

from extractors.article_state import ArticleState
from extractors.datafiles import DataFileError, load_records
from extractors.drafts import CLAUSE_BREAK, Draft, Sentence, clause_before, inside_quantity, text_before
from extractors.entities import AliasEntry, AliasMatcher
from extractors.geography import GeoMention, find_geographies, geography_kind

LOCALITIES_FILE = "localities.jsonl"
FACILITY_METRICS = frozenset({"investment", "data_centers", "power_capacity", "availability_zones", "regions",
                              "jobs"})
FACILITY_AFTER = re.compile(
    r"(?:\s+(?:and|&)\s+[A-Z][\w-]+)?(?:\s+[\w-]+){0,2}?\s+(?:data[ -]?cent(?:re|er)s?|datacent(?:re|er)s?|"
    r"campus(?:es)?|cloud regions?|regions?|facilit(?:y|ies)|sites?|cloud infrastructure|infrastructure|"
    r"operations|parks?|hubs?|plants?|availability zones?)\b")
IN_PLACE = re.compile(r"\b(?:in|into|across|within|throughout|at|near|outside)\s+(?:the\s+)?(?:city\s+of\s+|state\s+of\s+)?"
                      r"(?:(?-i:[A-Z])[\w.'’-]+(?:\s+(?-i:[A-Z])[\w.'’-]+){0,2},\s+)?$",  # "in Abilene, Texas"
                      re.IGNORECASE)
THE_COUNTRY = re.compile(r"\b(?:in|into|across|within|throughout)\s+the\s+(?:country|kingdom|nation)\b(?!['’])",
                         re.IGNORECASE)


def _locality_records() -> tuple[dict, ...]:
    """Locality records, validated: a known country and non-empty aliases."""
    records = load_records(LOCALITIES_FILE, required=("country", "aliases", "case_sensitive"))
    for record in records:
        if geography_kind(record["country"]) != "country":
            raise DataFileError(f"{LOCALITIES_FILE}: {record['id']} names no known country: {record['country']!r}")
        aliases = record["aliases"]
        if not isinstance(aliases, list) or not aliases or not all(isinstance(a, str) and a.strip() for a in aliases):
            raise DataFileError(f"{LOCALITIES_FILE}: {record['id']} needs a list of non-empty aliases")
    return records


@lru_cache(maxsize=1)
def _matcher() -> AliasMatcher[str]:
    """Town, state and province names -> their country, built once per process."""
    return AliasMatcher([AliasEntry(alias, record["case_sensitive"], record["country"],
                                    frozenset(w.lower() for w in record.get("reject_next", [])))
                         for record in _locality_records() for alias in record["aliases"]])


def find_localities(text: str) -> list[GeoMention]:
    """Towns, states and provinces of known data-centre markets, each with its country as geography."""
    return [GeoMention(start, end, text[start:end], entry.payload) for start, end, entry in _matcher().find(text)]


def _localities(sentence: Sentence) -> list[GeoMention]:
    """The sentence's localities, with local offsets, found once per sentence."""
    found = sentence.memo.get("localities")
    if found is None:
        found = sentence.memo["localities"] = find_localities(sentence.text)
    return found


def _clause(d: Draft, sentence: Sentence) -> tuple[int, int]:
    """Local start and end of the clause the figure stands in."""
    after = CLAUSE_BREAK.search(sentence.text, d.end)
    return d.start - len(clause_before(sentence, d)), after.start() if after else len(sentence.text)


def country_before(sentence: Sentence, state: ArticleState) -> str | None:
    """The country the article names last before the sentence (sentences without figures included), else the
    headline's: what "the country" refers to."""
    countries = [g.geography for g in find_geographies(state.body[:sentence.start])
                 if geography_kind(g.geography) == "country"]
    return countries[-1] if countries else state.title_country


def facility_geography(d: Draft, sentence: Sentence, state: ArticleState) -> str | None:
    """The country the figure's facility stands in, or None."""
    if d.metric not in FACILITY_METRICS:
        return None
    start, end = _clause(d, sentence)
    def in_clause(g: GeoMention) -> bool:
        return start <= g.start_char and g.end_char <= end and not inside_quantity(g.start_char, sentence)

    places = [g for g in sentence.geos if g.geography != "worldwide" and in_clause(g)]
    towns = [g for g in _localities(sentence) if in_clause(g)]
    ties = [g for g in places + towns if FACILITY_AFTER.match(sentence.text, g.end_char)] + \
           [g for g in towns if IN_PLACE.search(text_before(sentence, g.start_char))]
    if ties:
        nearest = min(ties, key=lambda g: abs(g.start_char - d.start))
        return nearest.geography
    if THE_COUNTRY.search(sentence.text, start, end):
        return country_before(sentence, state)
    return None
