"""What a figure measures beyond its metric (FACTS.md `segment` and `growth_of`).

`segment`: the market a market figure (market_spending, market_share, and a growth_rate of market_spending) is
about: the segment words nearest the figure in its clause ("IaaS", "public cloud services"), else the market the
article defines or leads with, else `cloud`.
`growth_of`: the metric whose change a growth_rate is: the money cue or counted noun nearest before the figure in
its clause ("its revenue expanded by 36.1%"), else the market's spending for a figure about no company, else revenue.

The cue words are data (data/segment_cues.json: kind `segment` names a market, kind `growth_noun` a quantity that
can grow); `MarketScope` is what the article as a whole says about its market, computed once per article.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from extractors.changed_noun import clause_metric
from extractors.datafiles import DataFileError, load_records
from extractors.drafts import CUE_CLAUSE_BREAK, Draft, Sentence
from extractors.models import Fact

SEGMENTS = ("cloud_infrastructure_services", "iaas", "paas", "saas", "public_cloud", "cloud_hardware",
            "ai_infrastructure", "data_centres", "cloud", "other")
SEGMENT_METRICS = ("market_spending", "market_share")
DEFAULT_SEGMENT = "cloud"
KINDS = ("segment", "growth_noun")
# What follows a market figure and names the market it is of: "31.5% slice of the overall market", "of total spending".
RIGHT_WINDOW = 90
LEFT_WINDOW = 160
# A share's market follows "of", "in" or "on": "Microsoft's share of the IaaS market", "a 45% share in PaaS".
SHARE_OF = re.compile(r"\b(?:of|in|on|for)\s+(?:the\s+|all\s+|total\s+|global\s+|worldwide\s+|overall\s+|[\w-]+['’]s\s+)*$",
                      re.IGNORECASE)
# A definition: "cloud infrastructure services, which covers IaaS, PaaS and hosted private cloud".
DEFINITION = re.compile(r"^[\s,(]*(?:which|that)?\s*(?:covers?|includes?|comprises?|consists? of|is made up of|"
                        r"spans?|encompass(?:es)?|—|–|\()", re.IGNORECASE)


@dataclass(frozen=True)
class Cue:
    id: str
    kind: str  # segment | growth_noun
    value: str  # the segment, or the metric that grew
    regex: re.Pattern


@lru_cache(maxsize=1)
def segment_cues() -> tuple[Cue, ...]:
    """The cues of segment_cues.json, compiled and checked; earlier records win where matches overlap."""
    cues = []
    for rec in load_records("segment_cues.json", ("kind", "pattern")):
        if rec["kind"] not in KINDS:
            raise DataFileError(f"segment_cues.json: {rec['id']}: kind must be one of {KINDS}")
        value = rec.get("segment") if rec["kind"] == "segment" else rec.get("metric")
        if rec["kind"] == "segment" and value not in SEGMENTS:
            raise DataFileError(f"segment_cues.json: {rec['id']}: segment must be one of {SEGMENTS}")
        if not value:
            raise DataFileError(f"segment_cues.json: {rec['id']}: needs a {'segment' if rec['kind'] == 'segment' else 'metric'}")
        regex = re.compile(rec["pattern"], re.IGNORECASE)
        if not regex.search(rec["example"]):
            raise DataFileError(f"segment_cues.json: {rec['id']}: pattern does not match its example")
        cues.append(Cue(rec["id"], rec["kind"], value, regex))
    return tuple(cues)


def cue_hits(text: str, kind: str) -> list[tuple[int, int, str]]:
    """(start, end, value) of the cues of a kind in a text, in text order; of overlapping hits the earlier record's."""
    hits: list[tuple[int, int, str]] = []
    for cue in segment_cues():
        if cue.kind != kind:
            continue
        for m in cue.regex.finditer(text):
            if m.end() > m.start() and not any(m.start() < e and s < m.end() for s, e, _ in hits):
                hits.append((m.start(), m.end(), cue.value))
    return sorted(hits)


def segment_in(text: str) -> str | None:
    """The first segment a text names."""
    hits = cue_hits(text, "segment")
    return hits[0][2] if hits else None


@dataclass
class MarketScope:
    """What the article says about its market as a whole: the market it defines, the one its title or lead names."""

    defined: str | None = None
    running: str | None = None

    @property
    def segment(self) -> str:
        return self.defined or self.running or DEFAULT_SEGMENT


def article_scope(body: str, title: str | None = None) -> MarketScope:
    """The market an article defines ("cloud infrastructure services, which covers IaaS, PaaS ...") and the one its
    title, else its body, names first."""
    defined = None
    for start, end, segment in cue_hits(body, "segment"):
        if DEFINITION.match(body[end:end + 40]):
            defined = segment
            break
    running = segment_in(title or "") or segment_in(body)
    return MarketScope(defined, running)


def clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around a span: from the last clause break before it to the first after it."""
    left = 0
    for m in CUE_CLAUSE_BREAK.finditer(text, 0, start):
        left = m.end()
    after = CUE_CLAUSE_BREAK.search(text, end)
    return left, after.start() if after else len(text)


def nearest_segment(text: str, start: int, end: int, metric: str) -> str | None:
    """The segment named nearest a figure in its clause: before it (for a share only after "of"/"in"), else after."""
    left, right = clause_bounds(text, start, end)
    left = max(left, start - LEFT_WINDOW)
    before = [h for h in cue_hits(text[left:start], "segment")]
    if metric == "market_share":
        before = [h for h in before if SHARE_OF.search(text[left:left + h[0]])]
    if before:
        return before[-1][2]
    after = cue_hits(text[end:min(right, end + RIGHT_WINDOW)], "segment")
    return after[0][2] if after else None


def growth_of(d: Draft, sentence: Sentence, subject: tuple[str, ...]) -> str:
    """The metric whose change a growth figure is: the nearest money cue or counted noun before it in its clause."""
    text = sentence.text
    left, _ = clause_bounds(text, d.start, d.end)
    clause = text[left:d.start]
    found: list[tuple[int, str]] = [(s, value) for s, _, value in cue_hits(clause, "growth_noun")]
    money = clause_metric(sentence, d.start)
    if money is not None:
        at = clause.lower().rfind(money[1].lower()) if money[1] else -1
        found.append((at if at >= 0 else len(clause), money[0]))
    if found:
        metric = max(found)[1]
        if metric in ("revenue", "market_spending"):
            return "revenue" if subject else "market_spending"
        return metric
    return "revenue" if subject else "market_spending"


def measures(d: Draft, sentence: Sentence, subject: tuple[str, ...], scope: MarketScope | None) -> tuple[str | None, str | None]:
    """(segment, growth_of) of a finished draft stated of `subject`."""
    grown = growth_of(d, sentence, subject) if d.metric == "growth_rate" else None
    if d.metric not in SEGMENT_METRICS and grown != "market_spending":
        return None, grown
    segment = nearest_segment(sentence.text, d.start, d.end, d.metric)
    return segment or (scope.segment if scope else DEFAULT_SEGMENT), grown


def table_measures(fact: Fact, scope: MarketScope | None) -> Fact:
    """A table cell's fact with its segment and growth_of: the row label, header or caption (fact.sentence is
    "caption | label | header") names the segment; a growth with no company is the market's."""
    grown = ("revenue" if fact.subject else "market_spending") if fact.metric == "growth_rate" else None
    segment = None
    if fact.metric in SEGMENT_METRICS or grown == "market_spending":
        parts = fact.sentence.split(" | ")
        ordered = [*parts[1:2], *parts[2:], *parts[:1]] if len(parts) > 1 else parts  # label, header, caption
        segment = next((s for s in (segment_in(p) for p in ordered) if s), None) \
            or (scope.segment if scope else DEFAULT_SEGMENT)
    return replace(fact, segment=segment, growth_of=grown)
