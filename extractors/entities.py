"""Company, analyst-firm and media mentions found by alias lookup over word tokens.

The alias matcher here is also used by `extractors.geography`: it tokenises text into words and
punctuation, and matches alias token sequences (leftmost, longest first) with the same spacing
between tokens, so "Amazon.com" never matches "Amazon. Com". Curly apostrophes count as straight
ones, so "Alibaba’s" yields "Alibaba" and "Microsoft’s Azure" yields Microsoft Azure.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, Iterable, TypeVar

from extractors.datafiles import DataFileError, load_records
from extractors.regex_starts import led
from extractors.regextrie import trie_pattern

ENTITIES_FILE = "entities.jsonl"
REQUIRED_FIELDS = ("canonical", "group", "kind", "company_kind", "aliases")
ENTITY_KINDS = frozenset({"company", "analyst", "media", "data_provider"})
# What a company does (each record's company_kind): the warehouse's `companies.kind`. Analyst records are
# analyst_firm, media records media and data providers (consensus compilers) data_provider; companies take one of
# the others.
COMPANY_KINDS = frozenset({
    "cloud_provider", "analyst_firm", "chip_maker", "data_centre_operator", "software", "it_services", "telecom",
    "hardware", "internet", "ai_lab", "media", "investor", "data_provider", "other",
})
_COMPANY_KIND_OF_KIND = {"analyst": "analyst_firm", "media": "media", "data_provider": "data_provider"}

_TOKEN = re.compile(r"\w+|[^\w\s]")
_APOSTROPHES_IN = "’‘`"
_APOSTROPHES = str.maketrans(dict.fromkeys(_APOSTROPHES_IN, "'"))
_WORD = re.compile(r"\w+")
_MAX_PLANS = 20_000  # candidate surfaces whose plan AliasMatcher keeps (case variants of the aliases' first words)

Payload = TypeVar("Payload")


@dataclass(frozen=True)
class EntityMention:
    """One entity name in a text, with its canonical name, group and kind."""

    start_char: int
    end_char: int
    text: str
    canonical: str
    group: str
    kind: str  # company | analyst | media


@dataclass(frozen=True)
class AliasEntry(Generic[Payload]):
    """One alias to look for, whether its case matters, what it stands for and which next words veto it."""

    alias: str
    case_sensitive: bool
    payload: Payload
    reject_next: frozenset[str] = frozenset()


def _tokens(text: str, start: int = 0, limit: int | None = None) -> list[tuple[int, int, str]]:
    """Word and punctuation tokens from a token start, at most `limit` of them, as (start, end, key).

    The key is the token with curly apostrophes straightened and a leading ' ' when a space precedes it.
    """
    found: list[tuple[int, int, str]] = []
    previous_end = -1
    for match in _TOKEN.finditer(text, start):
        token_start, token_end = match.span()
        word = match.group().translate(_APOSTROPHES)
        found.append((token_start, token_end, (" " + word) if found and token_start > previous_end else word))
        previous_end = token_end
        if len(found) == limit:
            break
    return found


def _key(match: re.Match, previous_end: int) -> str:
    """A token's key as _tokens makes it: apostrophes straightened, a leading ' ' when a space precedes it."""
    word = match.group().translate(_APOSTROPHES)
    return " " + word if match.start() > previous_end else word


def _second_by_first(table: dict[tuple[str, ...], object]) -> dict[str, frozenset[str]]:
    """First token of each key -> the second tokens of the keys of two or more tokens starting with it."""
    seconds: dict[str, set[str]] = {}
    for key in table:
        if len(key) > 1:
            seconds.setdefault(key[0], set()).add(key[1])
    return {first: frozenset(found) for first, found in seconds.items()}


def _longest_by_first(table: dict[tuple[str, ...], object]) -> dict[str, int]:
    """First token of each key -> the length of the longest key starting with it."""
    longest: dict[str, int] = {}
    for key in table:
        longest[key[0]] = max(longest.get(key[0], 0), len(key))
    return longest


def _first_token_pattern(exact: set[str], folded: set[str]) -> re.Pattern:
    """Finds every token that is (or, case-blind, folds to) the first token of an alias."""
    exact_words = [w for w in exact if _WORD.fullmatch(w)]
    folded_words = [w for w in folded if _WORD.fullmatch(w)]
    marks = {m for m in exact | folded if not _WORD.fullmatch(m)}  # punctuation tokens, one character each
    if "'" in marks:
        marks |= set(_APOSTROPHES_IN)
    branches = []
    if exact_words:
        branches.append(trie_pattern(exact_words))
    if folded_words:
        branches.append("(?i:" + trie_pattern(folded_words) + ")")
    # Behind a lookahead for the words' first characters (led): most positions then fail at one class test.
    parts = [led(r"(?<!\w)(?:" + "|".join(branches) + r")(?!\w)")] if branches else []
    if marks:
        parts.append("[" + "".join(re.escape(m) for m in sorted(marks)) + "]")
    return re.compile("|".join(parts) or "(?!)")


class AliasMatcher(Generic[Payload]):
    """Leftmost-longest lookup of alias token sequences in text, built once from alias entries."""

    def __init__(self, entries: Iterable[AliasEntry[Payload]]) -> None:
        self._exact: dict[tuple[str, ...], AliasEntry[Payload]] = {}
        self._folded: dict[tuple[str, ...], AliasEntry[Payload]] = {}
        for entry in entries:
            key = tuple(token for _, _, token in _tokens(entry.alias))
            if not key:
                raise DataFileError(f"alias {entry.alias!r} has no tokens")
            if not entry.case_sensitive and len(entry.alias.lower()) != len(entry.alias):
                # the case-blind regex that finds candidates could miss such a letter ("İ"); mark it case-sensitive
                raise DataFileError(f"case-blind alias {entry.alias!r} changes length in lower case")
            table = self._exact if entry.case_sensitive else self._folded
            table[key if entry.case_sensitive else tuple(t.lower() for t in key)] = entry
        # first token -> the most tokens an alias starting with it has
        self._exact_first = _longest_by_first(self._exact)
        self._folded_first = _longest_by_first(self._folded)
        self._first = _first_token_pattern(set(self._exact_first), set(self._folded_first))
        # first token -> the second tokens of the longer aliases starting with it
        self._exact_second = _second_by_first(self._exact)
        self._folded_second = _second_by_first(self._folded)
        self._plans: dict[str, tuple[frozenset[str], frozenset[str], AliasEntry[Payload] | None]] = {}

    def find(self, text: str) -> list[tuple[int, int, AliasEntry[Payload]]]:
        """Non-overlapping (start, end, entry) matches in text order."""
        found: list[tuple[int, int, AliasEntry[Payload]]] = []
        consumed = 0
        plans = self._plans
        # Only tokens that can begin an alias are looked at; the regex finds them without a Python loop.
        for candidate in self._first.finditer(text):
            start, end = candidate.span()
            if start < consumed:
                continue
            surface = candidate.group()
            plan = plans.get(surface) or self._plan(surface)
            exact_seconds, folded_seconds, one_token = plan
            if not (exact_seconds or folded_seconds or one_token is not None and one_token.reject_next):
                # nothing the next token could change: no longer alias, no veto (the common case; no token search)
                if one_token is not None:
                    consumed = end
                    found.append((start, consumed, one_token))
                continue
            following = _TOKEN.search(text, end)
            if following is None:
                second = None
            else:
                word = following.group().translate(_APOSTROPHES)
                second = " " + word if following.start() > end else word  # _key, inline: this loop is hot
            if second is None or (second not in exact_seconds and second.lower() not in folded_seconds):
                # no longer alias can start here: the one-token alias, unless the next token vetoes it
                if one_token is not None and not (one_token.reject_next and second is not None
                                                  and second.lstrip(" ").lower() in one_token.reject_next):
                    consumed = end
                    found.append((start, consumed, one_token))
                continue
            first = surface.translate(_APOSTROPHES)
            longest = max(self._exact_first.get(first, 0), self._folded_first.get(first.lower(), 0))
            tokens = _tokens(text, start, longest + 1)  # the alias and the token after it
            hit = self._longest_at(tokens, 0)
            if hit is None:
                continue
            length, entry = hit
            consumed = tokens[length - 1][1]
            found.append((tokens[0][0], consumed, entry))
        return found

    def _plan(self, surface: str) -> tuple[frozenset[str], frozenset[str], AliasEntry[Payload] | None]:
        """What find needs of a candidate token, kept per surface (words recur from text to text): the second tokens
        of the longer aliases it begins (exact, folded) and its one-token alias before any veto (_one_token)."""
        first = surface.translate(_APOSTROPHES)
        plan = (self._exact_second.get(first, frozenset()), self._folded_second.get(first.lower(), frozenset()),
                self._one_token(first, None))
        if len(self._plans) < _MAX_PLANS:
            self._plans[surface] = plan
        return plan

    def _one_token(self, first: str, second: str | None) -> AliasEntry[Payload] | None:
        """The alias of the one token `first` (as _longest_at finds it at length one), given the next token's key."""
        entry = (self._exact.get((first,)) if first in self._exact_first else None) or (
            self._folded.get((first.lower(),)) if first.lower() in self._folded_first else None)
        if entry is None or (entry.reject_next and second is not None and second.lstrip(" ").lower() in entry.reject_next):
            return None
        return entry

    def _longest_at(
        self, tokens: list[tuple[int, int, str]], i: int
    ) -> tuple[int, AliasEntry[Payload]] | None:
        """The longest alias starting at token i, as (token count, entry)."""
        first = tokens[i][2].lstrip(" ")
        exact_longest = self._exact_first.get(first, 0)
        folded_longest = self._folded_first.get(first.lower(), 0)
        if not (exact_longest or folded_longest):
            return None
        window = [first] + [token for _, _, token in tokens[i + 1 : i + max(exact_longest, folded_longest)]]
        lowered = [token.lower() for token in window] if folded_longest else []
        for length in range(len(window), 0, -1):
            entry = (self._exact.get(tuple(window[:length])) if length <= exact_longest else None) or (
                self._folded.get(tuple(lowered[:length])) if length <= folded_longest else None
            )
            if entry is not None and not self._vetoed(entry, tokens, i + length):
                return length, entry
        return None

    @staticmethod
    def _vetoed(entry: AliasEntry[Payload], tokens: list[tuple[int, int, str]], next_index: int) -> bool:
        """True when the token after the match is one the entry's reject_next list forbids."""
        if not entry.reject_next or next_index >= len(tokens):
            return False
        return tokens[next_index][2].lstrip(" ").lower() in entry.reject_next


@dataclass(frozen=True)
class _Entity:
    """What an entity alias stands for."""

    canonical: str
    group: str
    kind: str


def _string_list(record: dict, field: str, file_name: str) -> list[str]:
    """A record's list-of-strings field, validated (missing means empty)."""
    values = record.get(field, [])
    if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
        raise DataFileError(f"{file_name}: {record['id']} field {field!r} must be a list of non-empty strings")
    return values


def _check_company_kind(record: dict) -> None:
    """A record's company_kind is in COMPANY_KINDS and agrees with its kind; else DataFileError.

    An analyst's company_kind is analyst_firm and a medium's media; a company's is one of the others.
    """
    company_kind = record.get("company_kind")
    if company_kind not in COMPANY_KINDS:
        raise DataFileError(f"{ENTITIES_FILE}: {record['id']} has company_kind {company_kind!r}; it must be one of "
                            f"{', '.join(sorted(COMPANY_KINDS))}")
    expected = _COMPANY_KIND_OF_KIND.get(record["kind"])
    if expected is not None and company_kind != expected:
        raise DataFileError(f"{ENTITIES_FILE}: {record['id']} is of kind {record['kind']!r}, so its company_kind "
                            f"must be {expected!r}, not {company_kind!r}")
    if expected is None and company_kind in _COMPANY_KIND_OF_KIND.values():
        raise DataFileError(f"{ENTITIES_FILE}: {record['id']} is of kind {record['kind']!r}; company_kind "
                            f"{company_kind!r} is for kind {'analyst' if company_kind == 'analyst_firm' else 'media'}")


def check_entity_records(records: tuple[dict, ...]) -> tuple[dict, ...]:
    """Entity records validated: canonical names unique, group and aliases non-empty, kind and company_kind known."""
    seen: set[str] = set()
    for record in records:
        if record["canonical"] in seen:
            raise DataFileError(f"{ENTITIES_FILE}: duplicate canonical {record['canonical']!r}")
        seen.add(record["canonical"])
        if record["kind"] not in ENTITY_KINDS:
            raise DataFileError(f"{ENTITIES_FILE}: {record['id']} has unknown kind {record['kind']!r}")
        _check_company_kind(record)
        if not _string_list(record, "aliases", ENTITIES_FILE):
            raise DataFileError(f"{ENTITIES_FILE}: {record['id']} has no aliases")
        if not isinstance(record.get("case_sensitive"), bool):
            raise DataFileError(f"{ENTITIES_FILE}: {record['id']} needs a boolean case_sensitive")
    return records


def _entity_records() -> tuple[dict, ...]:
    """The entity records of entities.jsonl, validated (check_entity_records)."""
    return check_entity_records(load_records(ENTITIES_FILE, required=REQUIRED_FIELDS))


def company_records() -> list[dict]:
    """Every entity as a plain dict for the warehouse's `companies` table: canonical, company_group, kind (the
    company_kind), entity_kind (company, analyst, media) and aliases."""
    return [{"canonical": r["canonical"], "company_group": r["group"], "kind": r["company_kind"],
             "entity_kind": r["kind"], "aliases": list(r["aliases"])} for r in _entity_records()]


@lru_cache(maxsize=1)
def _matcher() -> AliasMatcher[_Entity]:
    """The entity alias matcher, built once per process."""
    entries: list[AliasEntry[_Entity]] = []
    for record in _entity_records():
        entity = _Entity(record["canonical"], record["group"], record["kind"])
        veto = frozenset(w.lower() for w in _string_list(record, "reject_next", ENTITIES_FILE))
        for alias in _string_list(record, "aliases", ENTITIES_FILE):
            entries.append(AliasEntry(alias, record["case_sensitive"], entity, veto))
    return AliasMatcher(entries)


@lru_cache(maxsize=1)
def _groups() -> dict[str, str]:
    """Canonical name -> group."""
    return {record["canonical"]: record["group"] for record in _entity_records()}


@lru_cache(maxsize=1)
def _kinds() -> dict[str, str]:
    """Canonical name -> kind."""
    return {record["canonical"]: record["kind"] for record in _entity_records()}


def find_entities(text: str) -> list[EntityMention]:
    """Entity mentions in text order; the longest alias wins where aliases overlap."""
    if not isinstance(text, str) or not text:
        return []
    return [
        EntityMention(start, end, text[start:end], entry.payload.canonical, entry.payload.group, entry.payload.kind)
        for start, end, entry in _matcher().find(text)
    ]


def group_of(canonical: str) -> str:
    """The group of a canonical name; a name not in the table is its own group."""
    return _groups().get(canonical, canonical)


def kind_of(canonical: str) -> str | None:
    """The kind (company, analyst, media) of a canonical name, or None when unknown."""
    return _kinds().get(canonical)


def canonical_names(kind: str | None = None) -> tuple[str, ...]:
    """All canonical names in the table, optionally only those of one kind."""
    return tuple(name for name, name_kind in _kinds().items() if kind is None or name_kind == kind)
