"""What a figure measures beyond its metric (FACTS.md `segment` and `growth_of`).

`segment`: the market a market figure (market_spending, market_share, and a growth_rate of market_spending) is
about: the segment words nearest the figure in its clause ("IaaS", "public cloud services"), else the market the
article defines or leads with, else `cloud`.
`growth_of`: the metric whose change a growth_rate is: the money cue or counted noun nearest before the figure in
its clause ("its revenue expanded by 36.1%"), else the market's spending for a figure about no company, else revenue.

The cue words are data (data/segment_cues.json: kind `segment` names a market, kind `growth_noun` a quantity that
can grow, its metric a FACTS.md metric, `other`, or `company_revenue` for words of companies: "the top three
providers ... grew 42%"); `MarketScope` is what the article as a whole says about its market, computed once per
article (facts.facts_of_sentences) and passed to emit.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Iterable

from extractors.changed_noun import clause_metric
from extractors.cues import CURRENCY, metric_cues, metric_cues_in, unit_kind
from extractors.datafiles import DataFileError, load_records
from extractors.drafts import CUE_CLAUSE_BREAK, Draft, Sentence
from extractors.models import Fact
from extractors.regex_gate import (BranchPruner, GatedPattern, WordFinder, first_char_filter, fold, may_match, reach,
                                   required_words, spans_near, word_starts)

SEGMENTS = ("cloud_infrastructure_services", "iaas", "paas", "saas", "public_cloud", "cloud_hardware",
            "ai_infrastructure", "data_centres", "cloud", "other")
SEGMENT_METRICS = ("market_spending", "market_share")
DEFAULT_SEGMENT = "cloud"
# Markets an analyst reports as a whole (not parts of one, like IaaS): what an article's lead names of them is the
# market of its figures.
WHOLE_MARKETS = ("cloud_infrastructure_services", "public_cloud", "cloud_hardware", "data_centres")
LEAD_CHARS = 1500
KINDS = ("segment", "growth_noun")
# How far from a figure, within its clause, segment words are read: after it and before it.
RIGHT_WINDOW = 90
LEFT_WINDOW = 160
# A share's market follows "of", "in" or "on": "Microsoft's share of the IaaS market", "a 45% share in PaaS".
SHARE_OF = re.compile(r"\b(?:of|in|on|for)\s+(?:the\s+|all\s+|total\s+|global\s+|worldwide\s+|overall\s+|[\w-]+['’]s\s+)*$",
                      re.IGNORECASE)
# A definition after a segment's words: "cloud infrastructure services, which covers IaaS, PaaS and hosted private
# cloud", "the public cloud services market worldwide – covering PaaS, IaaS ...".
DEFINITION = GatedPattern(re.compile(
    r"^(?:\s+(?:market|markets|segment|sector|spending|revenues?|worldwide|globally))*\s*(?:,|--|–|—)?\s*"
    r"(?:which|that)?\s*(?:covers?|covering|includes?|including|comprises?|comprising|consists? of|"
    r"consisting of|spans?|spanning|encompass(?:es|ing)?|(?:is |are )?made up of)\b", re.IGNORECASE))
# Where a definition's list ends before a figure: the last dash or closing bracket.
LIST_END = re.compile(r"--|–|—|\)")
# A share's market after the figure: "73% of the market for public cloud", "a 45% share in PaaS".
SHARE_OF_AFTER = re.compile(r"^\s*(?:market\s+)?(?:share\s+)?(?:of|in|on)\b[^,;]{0,50}$", re.IGNORECASE)
# A relative clause's antecedent: "moved ahead of SaaS, which expanded only 23%".
RELATIVE = re.compile(r"^\s*(?:which|that)\b", re.IGNORECASE)
# A change stated just after a money level: "revenue of $96.4 billion, up 14 percent", "US$26.3 billion, a rise of 37.6%".
AFTER_LEVEL = re.compile(r"^\s*(?:\([^)]*\)\s*)?(?:(?:in|for) [^,;]{1,30})?,?\s*(?:(?:up|down|rising|falling|growing|increasing|an? "
                         r"[\w-]+ (?:[\w-]+ )?(?:of|rise of|increase of|jump of))\s+)?(?:by\s+)?(?:about |around |almost |nearly |over |more than )?$",
                         re.IGNORECASE)
# A noun of what grew right after the figure: "the 76 percent revenue growth".
NOUN_GROWTH = re.compile(r"^\s*((?:[\w-]+\s+){1,3}?)(?:growth|rise|increase|jump|gain|decline|drop|fall)\b", re.IGNORECASE)
# What a multiplying word grows: "triple the capacity of its data centres", "double the total GFA".
MULTIPLIED = re.compile(r"^\s*(?:the|its|their)\s+((?:[\w-]+\s+){0,3}[\w-]+)", re.IGNORECASE)
# IDC's "cloud infrastructure" is its tracker of equipment bought for cloud deployments.
HARDWARE_SOURCES = {"IDC"}
HARDWARE_LEAD = re.compile(r"\bIDC\b|International Data Corporation")
SERVICES_LEAD = re.compile(r"\b(?:Canalys|Synergy|Omdia|Gartner)\b")
OTHERS = re.compile(r"^\s*others?\b", re.IGNORECASE)
MONEY_METRICS = ("revenue", "profit", "investment", "market_spending", "backlog")
MARKET_MONEY = ("revenue", "investment", "market_spending")
# From this length on a cue's matches are searched only near its gate words (regex_gate.spans_near); in a sentence
# window the one pass over it costs less than finding the words.
NEAR_WORDS_LENGTH = 400


@dataclass(frozen=True)
class Cue:
    id: str
    kind: str  # segment | growth_noun
    value: str  # the segment, or the metric that grew (company_revenue: revenue even of no named company)
    regex: re.Pattern
    words: frozenset[str] | None  # regex_gate: one of them is in every match
    reach: int | None  # regex_gate: how far past its start an attempt reads
    branches: BranchPruner  # regex_gate: the pattern without the alternatives a text lacks the words of


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
        filtered = first_char_filter(regex)
        cues.append(Cue(rec["id"], rec["kind"], value, filtered, required_words(regex), reach(filtered),
                        BranchPruner(regex, filtered)))
    return tuple(cues)


@lru_cache(maxsize=1)
def _segment_cue_words() -> WordFinder:
    """The gate words of every cue and of each of its alternatives."""
    cues = segment_cues()
    return WordFinder([*(cue.words for cue in cues), *(words for cue in cues for words in cue.branches.words)])


@lru_cache(maxsize=16)
def _cue_spans(text: str, kind: str) -> tuple[tuple[tuple[int, int], ...], ...]:
    """The spans of each cue of a kind (in file order) in a text, as finditer finds them."""
    folded = fold(text)
    present = _segment_cue_words().present_in_folded(folded)
    return tuple(_spans(cue, cue.branches.for_text(present), text, folded, present)
                 if may_match(cue.words, present) else () for cue in segment_cues() if cue.kind == kind)


def _spans(cue: Cue, regex: re.Pattern | None, text: str, folded: str,
           present: frozenset[str]) -> tuple[tuple[int, int], ...]:
    """The spans of a cue's pattern (pruned to `regex`) in a text: in a long text searched only near its words."""
    if regex is None:
        return ()
    if len(text) < NEAR_WORDS_LENGTH or cue.reach is None or cue.words is None:
        return tuple(m.span() for m in regex.finditer(text))
    return spans_near(regex, text, word_starts(folded, cue.words & present), cue.reach)


def _first_come(spans_per_cue: Iterable[Iterable[tuple[int, int]]], kind: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, value) hits in text order; of overlapping hits the earlier record's."""
    hits: list[tuple[int, int, str]] = []
    for cue, spans in zip((cue for cue in segment_cues() if cue.kind == kind), spans_per_cue):
        for start, end in spans:
            if end > start and not any(start < e and s < end for s, e, _ in hits):
                hits.append((start, end, cue.value))
    return tuple(sorted(hits))


@lru_cache(maxsize=2048)
def cue_hits(text: str, kind: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, value) of the cues of a kind in a text, in text order; of overlapping hits the earlier record's.
    Cached: each figure of a sentence asks again about the same sentence."""
    return _first_come(_cue_spans(text, kind), kind)


def prefix_hits(text: str, length: int, kind: str) -> tuple[tuple[int, int, str], ...]:
    """cue_hits(text[:length], kind), from the matches in the whole text: attempts that start more than a cue's
    reach before `length` read only the prefix, so only the last stretch is searched again."""
    if len(text) <= length:
        return cue_hits(text, kind)
    per_cue = []
    for cue, spans in zip((cue for cue in segment_cues() if cue.kind == kind), _cue_spans(text, kind)):
        if cue.reach is None:
            per_cue.append([m.span() for m in cue.regex.finditer(text, 0, length)])
            continue
        cutoff = length - cue.reach
        kept = [span for span in spans if span[0] < cutoff]
        resume = max(kept[-1][1] if kept else 0, cutoff, 0)
        per_cue.append(kept + [m.span() for m in cue.regex.finditer(text, resume, length)])
    return _first_come(per_cue, kind)


def segment_in(text: str) -> str | None:
    """The first segment a text names."""
    hits = cue_hits(text, "segment")
    return hits[0][2] if hits else None


@dataclass
class MarketScope:
    """What the article says about its market as a whole: the market it defines, the one its title or lead names."""

    defined: str | None = None
    running: str | None = None
    hardware_source: bool = False  # the lead attributes its figures to IDC: its "cloud infrastructure" is hardware

    @property
    def segment(self) -> str:
        return self.defined or self.running or DEFAULT_SEGMENT


def article_scope(body: str, title: str | None = None) -> MarketScope:
    """The market an article defines ("cloud infrastructure services, which covers IaaS, PaaS ...") and the one its
    title, else its body, names first."""
    defines = DEFINITION.possible(body)  # without its words, no segment of the body is defined: no need to find them
    defined = next((segment for _, end, segment in cue_hits(body, "segment") if DEFINITION.match(body[end:end + 60])),
                   None) if defines else None
    lead = f"{title or ''} {body[:LEAD_CHARS]}"
    hardware = bool(HARDWARE_LEAD.search(lead)) and not SERVICES_LEAD.search(lead)
    return MarketScope(defined, running_segment(body, title, body_read=defines), hardware)


def running_segment(body: str, title: str | None, body_read: bool = False) -> str | None:
    """The market an article is about: a narrower one its title names, else the first whole market its lead names
    ("cloud spending" in a title over "cloud infrastructure services" in the lead), else the first it names.
    `body_read`: the body's cues were found already, so the lead's come from them (prefix_hits)."""
    titled = segment_in(title or "")
    if titled not in (None, DEFAULT_SEGMENT):
        return titled
    lead_hits = prefix_hits(body, LEAD_CHARS, "segment") if body_read else cue_hits(body[:LEAD_CHARS], "segment")
    lead = next((s for _, _, s in lead_hits if s in WHOLE_MARKETS), None)
    return lead or titled or segment_in(body)


def clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around a span: from the last clause break before it to the first after it."""
    left = 0
    for m in CUE_CLAUSE_BREAK.finditer(text, 0, start):
        left = m.end()
    after = CUE_CLAUSE_BREAK.search(text, end)
    return left, after.start() if after else len(text)


def defined_lists(text: str, before: int) -> list[tuple[int, int]]:
    """Spans of definitions' lists before a position: from the defined words to the last dash or bracket before it
    (else to it). Segments named in a list are parts of the market defined, not the market a figure is about."""
    spans: list[tuple[int, int]] = []
    if not DEFINITION.possible(text):
        return spans  # no definition's words, no definition
    for start, end, _ in cue_hits(text[:before], "segment"):
        found = DEFINITION.match(text[end:end + 60])
        if found:
            ends = [m.end() for m in LIST_END.finditer(text, end + found.end(), before)]
            spans.append((end, ends[-1] if ends else before))
    return spans


def nearest_segment(text: str, start: int, end: int, metric: str, scope: MarketScope | None) -> str | None:
    """The segment named nearest a figure in its clause: a share's market after it ("of the market for public
    cloud"), else before it (for a share only after "of"/"in"), else after it; generic cloud words mean the market
    the article is about."""
    left, right = clause_bounds(text, start, end)
    left = max(left, start - LEFT_WINDOW)
    lists = defined_lists(text, start)
    outside = lambda h, base: not any(a <= base + h[0] < b for a, b in lists)  # noqa: E731
    before = [h for h in cue_hits(text[left:start], "segment") if outside(h, left)]
    after = cue_hits(text[end:min(right, end + RIGHT_WINDOW)], "segment")
    found = None
    if metric == "market_share":
        after_of = [h for h in after if SHARE_OF_AFTER.match(text[end:end + h[0]])]
        before = [h for h in before if SHARE_OF.search(text[left:left + h[0]])]
        found = after_of[0][2] if after_of else before[-1][2] if before else None
    else:
        if not before and RELATIVE.match(text[left:start]):
            before = cue_hits(text[max(0, left - 40):left], "segment")  # "SaaS, which expanded only 23%"
        found = before[-1][2] if before else after[0][2] if after else None
    if found == DEFAULT_SEGMENT and scope is not None:
        return scope.segment
    return found


def growth_noun(text: str) -> tuple[int, str] | None:
    """(end, metric) of the last money cue or counted noun in a text."""
    found = [(e, value) for _, e, value in cue_hits(text, "growth_noun")]
    money = _money_cue_ids()
    for cue in metric_cues_in(text):  # the others have no match in it
        if cue.id in money:
            found += [(m.end(), cue.metric) for m in cue.regex.finditer(text)]
    return max(found) if found else None


@lru_cache(maxsize=1)
def _money_cue_ids() -> frozenset[str]:
    """The metric cues that name money before a figure (growth_noun)."""
    return frozenset(cue.id for cue in metric_cues()
                     if cue.metric in MONEY_METRICS and CURRENCY in cue.units and cue.side != "right")


def level_before(d: Draft, sentence: Sentence) -> str | None:
    """The money metric of a level the change follows ("revenue of $96.4 billion, up 14 percent")."""
    levels = [q for q in sentence.figures if unit_kind(q.unit) == CURRENCY and q.end_char - sentence.start <= d.start]
    if not levels:
        return None
    level = max(levels, key=lambda q: q.end_char)
    if not AFTER_LEVEL.match(sentence.text[level.end_char - sentence.start:d.start]):
        return None
    found = clause_metric(sentence, level.start_char - sentence.start)
    return found[0] if found else None


def growth_of(d: Draft, sentence: Sentence, subject: tuple[str, ...]) -> str:
    """The metric whose change a growth figure is: the level it follows, the noun just after it ("76 percent revenue
    growth", "triple the capacity"), else the nearest money cue or counted noun before it in its clause."""
    text = sentence.text
    metric = level_before(d, sentence)
    if metric is None:
        after = NOUN_GROWTH.match(text[d.end:d.end + 50]) or MULTIPLIED.match(text[d.end:d.end + 50])
        found = growth_noun(after.group(1)) if after else None
        metric = found[1] if found else None
    if metric is None:
        left, _ = clause_bounds(text, d.start, d.end)
        found = growth_noun(text[left:d.start])
        money = clause_metric(sentence, d.start)
        metric = found[1] if found else money[0] if money else None
    if metric is None or metric in MARKET_MONEY:
        if metric == "investment" and subject:
            return metric
        return "revenue" if subject or metric == "company_revenue" else "market_spending"
    return "revenue" if metric == "company_revenue" else metric


def measures(d: Draft, sentence: Sentence, subject: tuple[str, ...], scope: MarketScope | None) -> tuple[str | None, str | None]:
    """(segment, growth_of) of a finished draft stated of `subject`."""
    grown = growth_of(d, sentence, subject) if d.metric == "growth_rate" else None
    if d.metric not in SEGMENT_METRICS and grown != "market_spending":
        return None, grown
    segment = nearest_segment(sentence.text, d.start, d.end, d.metric, scope) \
        or (scope.segment if scope else DEFAULT_SEGMENT)
    if segment == "cloud_infrastructure_services" and (
            d.source in HARDWARE_SOURCES or (d.source is None and scope is not None and scope.hardware_source)):
        segment = "cloud_hardware"
    return segment, grown


def table_measures(fact: Fact, scope: MarketScope | None) -> Fact:
    """A table cell's fact with its segment and growth_of: the row label, header or caption (fact.sentence is
    "caption | label | header") names the segment; a growth with no company is the market's, but for the others
    of a table of companies."""
    parts = fact.sentence.split(" | ")
    label = parts[1] if len(parts) > 1 else ""
    grown = None
    if fact.metric == "growth_rate":
        grown = "revenue" if fact.subject or OTHERS.match(label) else "market_spending"
    segment = None
    if fact.metric in SEGMENT_METRICS or grown == "market_spending":
        ordered = [*parts[1:2], *parts[2:], *parts[:1]] if len(parts) > 1 else parts  # label, header, caption
        segment = next((s for s in (segment_in(p) for p in ordered) if s), None) \
            or (scope.segment if scope else DEFAULT_SEGMENT)
    return replace(fact, segment=segment, growth_of=grown)
