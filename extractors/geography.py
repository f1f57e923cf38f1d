"""Geography mentions: worldwide scope, countries (names and adjectives) and named regions."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from extractors.datafiles import DataFileError, load_records
from extractors.entities import AliasEntry, AliasMatcher

GEOGRAPHIES_FILE = "geographies.jsonl"
GEOGRAPHY_KINDS = frozenset({"country", "region", "worldwide"})


@dataclass(frozen=True)
class GeoMention:
    """One geography in a text with its normalised name (`worldwide`, `China`, `Asia Pacific`...)."""

    start_char: int
    end_char: int
    text: str
    geography: str


def _words(record: dict, field: str) -> list[str]:
    """A record's list-of-strings field, validated (missing means empty)."""
    values = record.get(field, [])
    if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
        raise DataFileError(f"{GEOGRAPHIES_FILE}: {record['id']} field {field!r} must be a list of non-empty strings")
    return values


def _geography_records() -> tuple[dict, ...]:
    """Geography records, validated: known kind, non-empty aliases, a boolean case_sensitive."""
    records = load_records(GEOGRAPHIES_FILE, required=("name", "kind", "aliases"))
    for record in records:
        if record["kind"] not in GEOGRAPHY_KINDS:
            raise DataFileError(f"{GEOGRAPHIES_FILE}: {record['id']} has unknown kind {record['kind']!r}")
        if not _words(record, "aliases"):
            raise DataFileError(f"{GEOGRAPHIES_FILE}: {record['id']} has no aliases")
        if not isinstance(record.get("case_sensitive"), bool):
            raise DataFileError(f"{GEOGRAPHIES_FILE}: {record['id']} needs a boolean case_sensitive")
    return records


@lru_cache(maxsize=1)
def _matcher() -> AliasMatcher[str]:
    """The geography alias matcher, built once per process."""
    entries: list[AliasEntry[str]] = []
    for record in _geography_records():
        veto = frozenset(w.lower() for w in _words(record, "reject_next"))
        entries.extend(
            AliasEntry(alias, record["case_sensitive"], record["name"], veto) for alias in _words(record, "aliases")
        )
    return AliasMatcher(entries)


@lru_cache(maxsize=1)
def _kinds() -> dict[str, str]:
    """Geography name -> kind (country, region, worldwide)."""
    return {record["name"]: record["kind"] for record in _geography_records()}


def find_geographies(text: str) -> list[GeoMention]:
    """Geography mentions in text order; the longest alias wins ("Latin American" over "American")."""
    if not isinstance(text, str) or not text:
        return []
    return [GeoMention(start, end, text[start:end], entry.payload) for start, end, entry in _matcher().find(text)]


def geography_kind(name: str) -> str | None:
    """Whether a normalised geography is a country, a region or worldwide; None when unknown."""
    return _kinds().get(name)
