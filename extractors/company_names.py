"""Companies the alias table does not know, found from how news writing introduces them.

A capitalised name counts as a company only where the text puts it in a company position: before a legal
suffix ("Northwind Holdings Ltd"), before a stock ticker ("(NASDAQ: NWND)"), after a company descriptor
("data centre operator Northwind"), before an apposition that calls it a company ("Northwind, a cloud
provider,"), as the subject of a results verb at the start of a sentence or headline ("Northwind reported",
"Northwind to invest"), or as the owner of a figure ("Northwind's revenue", "Northwind's $87 million"). A name
introduced with its acronym ("Asia Pacific Land (APL)") is known by the acronym. Once found, every mention of
the name in the article is a company mention. Precision first: names the alias table knows, places, analyst
firms and function words are never taken, and a name found nowhere in such a position stays unknown.
Cue words live in data/company_cues.json.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from extractors.datafiles import DataFileError, load_records
from extractors.entities import EntityMention, find_entities
from extractors.geography import find_geographies
from extractors.regex_ends import end_words, ends_before
from extractors.regex_gate import GatedPattern, first_char_filter

CUE_KINDS = ("legal_suffix", "ticker", "descriptor", "apposition_head", "report_verb", "possessed", "not_a_name")
NAME_WORD = r"(?:[A-Z][A-Za-z0-9&]*(?:[.-][A-Za-z0-9&]+|['’](?!s\b)[A-Za-z0-9&]+)*)"
NAME = rf"(?P<name>{NAME_WORD}(?:[ \t]+{NAME_WORD}){{0,3}})"
ACRONYM = re.compile(rf"{NAME}[ \t]+\((?P<acronym>[A-Z][A-Z0-9]{{1,6}})\)")
# An apposition with these words describes an analyst firm or a person, never a company that is a subject.
NOT_SUBJECT_HEAD = re.compile(r"\b(?:research|analyst|analysis|consult\w*|advisory|intelligence|rating|newspaper|agency|"
                              r"chief|executive|officer|president|director|head|founder|manager|spokes\w*|minister|"
                              r"vice|chair\w*|CEO|CFO|CTO|COO)\b", re.IGNORECASE)
ADVERB = re.compile(r"[A-Z][a-z]+ly")


@dataclass(frozen=True)
class CompanyNames:
    """The companies an article introduces: each alias (as written) -> its canonical name."""

    aliases: dict[str, str]

    def mentions(self, text: str, known: list[EntityMention]) -> list[EntityMention]:
        """Mentions of these companies in text, outside the spans of names the alias table found."""
        if not self.aliases:
            return []
        found = []
        for match in _alias_pattern(tuple(sorted(self.aliases, key=len, reverse=True))).finditer(text):
            start, end = match.span()
            if any(k.start_char < end and start < k.end_char for k in known):
                continue
            canonical = self.aliases[match.group()]
            found.append(EntityMention(start, end, match.group(), canonical, canonical, "company"))
        return found


@lru_cache(maxsize=256)
def _alias_pattern(aliases: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"(?<![\w&.-])(?:" + "|".join(re.escape(a) for a in aliases) + r")(?![\w&-])")


@lru_cache(maxsize=1)
def _cue_alternations() -> dict[str, str]:
    records = load_records("company_cues.json", ("kind", "pattern"))
    by_kind: dict[str, list[str]] = {kind: [] for kind in CUE_KINDS}
    for record in records:
        if record["kind"] not in by_kind:
            raise DataFileError(f"company_cues.json: {record['id']}: kind must be one of {list(CUE_KINDS)}")
        by_kind[record["kind"]].append(record["pattern"])
    return {kind: "|".join(f"(?:{p})" for p in patterns) for kind, patterns in by_kind.items()}


class _AtSentenceStart:
    """finditer of `(?:^|(?<=[.;:!?])[ \\t]+|\\n)REST`, the same matches but for where each begins (one character
    earlier after a sentence end): led by the consumed sentence end, `re` skips to the few ends in a fast scan
    instead of trying three branches at every position. Behind the gate of REST's words (GatedPattern)."""

    def __init__(self, rest: str) -> None:
        self._first = re.compile(rest)  # at the start of the text (the `^` branch; no MULTILINE)
        self._after = GatedPattern(re.compile(rf"[.;:!?\n](?:(?<=[.;:!?])[ \t]+|(?<=\n)){rest}"))
        self.groupindex = self._after.groupindex

    def finditer(self, text: str) -> Iterator[re.Match]:
        if not self._after.possible(text):
            return
        first = self._first.match(text)
        if first is not None:
            yield first
        yield from self._after.regex.finditer(text, 0 if first is None else first.end())


@lru_cache(maxsize=1)
def _position_patterns() -> tuple[tuple[GatedPattern | _AtSentenceStart, tuple[re.Pattern, ...]], ...]:
    """Company positions; each pattern's group `name` holds the candidate (behind the gate of its cue words), with
    cheaper searches for parts every match holds: where one finds nothing, the pattern, which tries every capital
    letter or word start, is not run."""
    cue = _cue_alternations()
    patterns = (
        (re.compile(rf"{NAME}(?:[ \t]+\([A-Z][A-Z0-9]{{1,6}}\))?,?[ \t]+(?:{cue['legal_suffix']})(?![\w])"),
         re.compile(rf"[ \t](?:{cue['legal_suffix']})(?![\w])")),
        (re.compile(rf"{NAME}[ \t]*{cue['ticker']}"), re.compile(cue["ticker"])),
        # the descriptor's case-blind alternation is slow at every word start: first its last word before a capital
        (re.compile(rf"(?i:\b(?:{cue['descriptor']}))[ \t]+{NAME}"), _ends_before_name(cue["descriptor"])),
        (re.compile(rf"{NAME},[ \t]+(?i:an?|the)[ \t]+(?P<head>(?:[\w'’-]+[ \t]+){{0,6}}?(?i:{cue['apposition_head']}))\b(?!['’])"),
         re.compile(r",[ \t]+(?i:an?|the)[ \t]"), re.compile(rf"[ \t](?i:{cue['apposition_head']})\b(?!['’])")),
        (_AtSentenceStart(rf"[ \t]*{NAME}[ \t]+(?:{cue['report_verb']})\b"), None),
        (re.compile(rf"{NAME}['’]s[ \t]+(?:{cue['possessed']})"), re.compile(rf"['’]s[ \t]+(?:{cue['possessed']})")),
    )
    return tuple((regex if isinstance(regex, _AtSentenceStart) else GatedPattern(regex),
                  tuple(first_char_filter(part) for part in necessary if part is not None))
                 for regex, *necessary in patterns)


def _ends_before_name(cue: str) -> re.Pattern | None:
    """A search for the cue's last words followed by spaces and a capital (NAME's first character), if read."""
    words = end_words(cue)
    return None if words is None else ends_before(words, "[A-Z]")


@lru_cache(maxsize=1)
def _not_a_name() -> re.Pattern:
    return re.compile(rf"(?:{_cue_alternations()['not_a_name']})")


class _KnownNames:
    """The alias mentions of a text, found on first need: most candidates fail `acceptable` before any overlap
    test, so most articles never need their body scanned for aliases here."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._found: list[EntityMention] | None = None

    def overlap(self, span: tuple[int, int]) -> bool:
        """Whether the span touches a name the alias table knows (overlaps)."""
        if self._found is None:
            self._found = find_entities(self.text)
        return overlaps(span, self._found)


def discover_companies(body: str, title: str | None = None) -> CompanyNames:
    """The companies the title and body introduce in company positions (see the module docstring)."""
    texts = [(t, _KnownNames(t)) for t in (title, body) if t]
    acronym_of: dict[str, str] = {}  # "Asia Pacific Land" -> "APL", and "APL" -> "APL"
    for text, known in texts:
        for match in ACRONYM.finditer(text) if "(" in text else ():  # an acronym stands in brackets
            name, acronym = clean_name(match.group("name")), match.group("acronym")
            if name and initials_fit(name, acronym) and not known.overlap(match.span()):
                acronym_of.setdefault(name, acronym)
                acronym_of.setdefault(acronym, acronym)
    aliases: dict[str, str] = {}
    for text, known in texts:
        for pattern, necessary in _position_patterns():
            if not all(part.search(text) for part in necessary):
                continue
            for match in pattern.finditer(text):
                if "head" in pattern.groupindex and NOT_SUBJECT_HEAD.search(match.group("head")):
                    continue
                name = clean_name(match.group("name"))
                if not name or not acceptable(name) or known.overlap(match.span("name")):
                    continue
                canonical = acronym_of.get(name, name)
                aliases.setdefault(name, canonical)
                aliases.update({alias: canonical for alias, short in acronym_of.items()
                                if short == canonical and acceptable(alias)})
    return CompanyNames(aliases)


def overlaps(span: tuple[int, int], known: list[EntityMention]) -> bool:
    """The candidate's words touch a name the alias table knows ("Cloud Intelligence Group", "Alibaba Cloud X")."""
    return any(k.start_char < span[1] and span[0] < k.end_char for k in known)


def clean_name(candidate: str) -> str:
    """The candidate without leading function words ("Today Northwind") and trailing legal suffixes ("Holdings Ltd.")."""
    words = candidate.split()
    while words and _not_a_name().fullmatch(words[0]):
        words.pop(0)
    return _trailing_suffixes().sub("", " ".join(words)).rstrip(".,")


@lru_cache(maxsize=1)
def _trailing_suffixes() -> re.Pattern:
    return re.compile(rf"(?:,?[ \t]+(?:{_cue_alternations()['legal_suffix']}|Co\.|&))+$")


@lru_cache(maxsize=4096)
def acceptable(name: str) -> bool:
    """A candidate is taken only if it is no known entity, place or function word."""
    if len(name) < 2 or ADVERB.fullmatch(name) or all(_not_a_name().fullmatch(w) for w in name.split()):
        return False
    known = find_entities(name)
    if any(m.end_char - m.start_char >= len(name) - 1 for m in known) or any(m.kind != "company" for m in known):
        return False
    return not find_geographies(name)


def initials_fit(name: str, acronym: str) -> bool:
    """'Asia Pacific Land' fits 'APL': the acronym starts with the name's initials."""
    initials = "".join(w[0] for w in name.split() if w[0].isupper())
    return len(initials) >= 2 and acronym.upper().startswith(initials[: len(acronym)]) and len(acronym) <= len(initials) + 1
