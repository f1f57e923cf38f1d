"""The rule table of period mentions: one compiled pattern per construction with its reader, the cheap gates
that skip a rule on a chunk of text holding none of its words, and the candidates every rule reads in a text."""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from extractors.period_readers import (
    _Reading,
    _read_ago,
    _read_anaphoric,
    _read_bare_month,
    _read_bare_quarter,
    _read_bare_year,
    _read_by_relative,
    _read_by_year,
    _read_comparison,
    _read_date,
    _read_end_of_decade,
    _read_first_three_months,
    _read_h_bare,
    _read_h_year,
    _read_half_year,
    _read_month_quarter,
    _read_month_range_quarter,
    _read_month_relative_year,
    _read_month_year,
    _read_offset_month,
    _read_q_year,
    _read_quarter_ended,
    _read_quarter_year,
    _read_relative_month,
    _read_relative_quarter,
    _read_relative_year,
    _read_same_stretch,
    _read_unrepresentable,
    _read_year_ended,
    _read_year_span,
    _read_years_ahead,
    _read_years_back,
    _read_years_starting,
)
from extractors.period_readers_fiscal import (
    _read_fiscal_ord,
    _read_fiscal_quarter,
    _read_fiscal_relative,
    _read_fiscal_year,
    _read_fiscal_year_ended,
    _read_fy,
    _read_q_fiscal,
)
from extractors.period_words import _alternation, _words, period_cue
from extractors.period_gate import GatedRule, RuleGate, word_clauses
from extractors.regex_gate import first_char_filter


Handler = Callable[[re.Match, datetime.date | None, str], "_Reading | None"]


@dataclass(frozen=True)
class _Rule:
    """A compiled pattern, the function that reads its matches and words one of which it needs."""

    name: str
    pattern: re.Pattern
    read: Handler
    needs: tuple[str, ...]  # lower-case substrings; a chunk holding none of them cannot match


# --- patterns ----------------------------------------------------------------------------------------


def _patterns() -> list[_Rule]:
    """Compile every rule once; the order breaks ties between equally long matches."""
    w = _words()
    mon = f"(?-i:{_alternation(w.month_of)})"
    ordw = _alternation(set(w.ordinal_of) | w.final_words)
    num = _alternation(set(w.number_of))
    year = r"(?:19[89]\d|20[0-4]\d)"
    yy = r"(?:\d{2})"
    sep = r"[\s\-–]+"
    rel = r"(?:this|last|next|the\s+previous|the\s+current|the\s+prior)"
    lb = r"(?<![\w$€£¥])"  # no word char or currency sign right before
    rb = r"(?![\w%])(?![.,]\d)"
    fy = r"(?:(?-i:FY)\s*|fiscal\s+(?:year\s+)?)"
    # A month name alone reads as a month only when spelt out and unambiguous ("May" is also a verb).
    full_months = _alternation({m for m in w.month_of if len(m) > 3 and not m.endswith(".") and m not in ("May", "Sept")})
    specs: list[tuple[str, str, Handler]] = [
        # fiscal quarters
        ("fq_q_fy", rf"{lb}(?:(?-i:Q)(?P<q>[1-4])|(?P<q2>[1-4])(?-i:Q))\s*(?:of\s+)?{fy}['’]?(?P<y>{year}|{yy}){rb}", _read_q_fiscal),
        ("fq_fy_q", rf"{lb}(?-i:FY)\s*['’]?(?P<y>{year}|{yy})\s*[-\s]?\s*(?-i:Q)(?P<q>[1-4]){rb}", _read_fiscal_quarter),
        ("fq_ord_of_fy", rf"\b(?:the\s+)?(?P<ord>{ordw})(?:[\s-]+fiscal)?[\s-]+quarter\s+of\s+(?:the\s+|its\s+|their\s+)?{fy}['’]?(?P<y>{year}|{yy}){rb}", _read_fiscal_quarter),
        ("fq_ord_of_year_fy", rf"\b(?:the\s+)?(?P<ord>{ordw})(?:[\s-]+fiscal)?[\s-]+quarter\s+of\s+(?:the\s+|its\s+|their\s+)?(?P<y>{year})\s+fiscal\s+year\b", _read_fiscal_quarter),
        ("fq_fy_ord", rf"\b(?:the\s+)?(?:fiscal\s+(?:year\s+)?|(?-i:FY)\s*)['’]?(?P<y>{year}|{yy})\s+(?P<ord>{ordw})[\s-]+quarter\b", _read_fiscal_quarter),
        ("fq_fiscal_ord", rf"\b(?:the\s+|its\s+|their\s+)?(?:fiscal[\s-]+(?P<ord>{ordw})|(?P<ord2>{ordw})[\s-]+fiscal)[\s-]+quarter(?:\s+(?:of\s+)?(?P<y>{year})(?!\d))?", _read_fiscal_ord),
        ("fq_fiscal_q", rf"\bfiscal\s+(?-i:Q)(?P<q>[1-4])(?:\s+(?P<y>{year}|['’]{yy}))?{rb}", _read_fiscal_quarter),
        # fiscal years
        ("fy", rf"{lb}(?:(?-i:FY)\s*['’]?(?P<y>{year}|{yy})|(?:fiscal\s+(?:year\s+)?|financial\s+year\s+)(?P<y4>{year}))(?:[-/–](?P<y2>{year}|{yy}))?{rb}", _read_fy),
        ("fy_year_first", rf"\b(?P<y>{year})\s+(?:fiscal|financial)\s+year\b", _read_fiscal_year),
        ("fy_relative", rf"\b(?:(?:this|current|the\s+current|next|the\s+coming|last|the\s+previous|the\s+prior)\s+|"
                        rf"(?:the|its|their)\s+(?:full\s+|current\s+)?)fiscal\s+year\b"
                        rf"(?!\s*(?:(?:that\s+)?(?:ended|ending|ends|through)\b|to\s+(?:\d|(?-i:[A-Z])[a-z]+\.?\s+\d)|['’]?\d))",
         _read_fiscal_relative),
        # calendar quarters with a year
        ("q_year", rf"{lb}(?-i:Q)(?P<q>[1-4])\s*(?:of\s+)?(?:(?:(?-i:CY)\s*|calendar\s+(?:year\s+)?)?(?P<y>{year})|['’](?P<yy>{yy})){rb}", _read_q_year),
        ("year_q", rf"{lb}(?P<y>{year})\s*[-\s]?\s*(?-i:Q)(?P<q>[1-4]){rb}", _read_quarter_year),
        ("nq_year", rf"{lb}(?P<q>[1-4])(?-i:Q)\s*['’]?(?P<y>{year}|(?<=[QqH'’])\d{{2}}){rb}", _read_quarter_year),
        ("q_rel", rf"{lb}(?-i:Q)(?P<q>[1-4])\s+(?:of\s+)?(?P<rel>{rel})\s+year\b", _read_quarter_year),
        ("ord_quarter_year", rf"\b(?:the\s+)?(?P<ord>{ordw})[\s-]+quarter(?:\s+of)?(?:\s+calendar)?\s+(?P<y>{year}){rb}", _read_quarter_year),
        ("ord_quarter_rel", rf"\b(?:the\s+)?(?P<ord>{ordw})[\s-]+quarter\s+(?:of\s+)?(?P<rel>{rel})\s+year\b", _read_quarter_year),
        ("ord_quarter_the_year", rf"\b(?:the\s+)?(?P<ord>{ordw})[\s-]+quarter\s+of\s+the\s+year\b", _read_quarter_year),
        ("month_quarter", rf"\b(?:the|its|their)\s+(?P<mon>{mon})(?:\s+(?P<y>{year}))?[\s-]+quarter\b", _read_month_quarter),
        ("month_range_quarter", rf"\b(?:the\s+)?(?P<m1>{mon})\s*(?:-|–|to|through)\s*(?P<mon>{mon})(?:\s+(?P<y>{year}))?\s+(?:quarter|period|three\s+months)\b", _read_month_range_quarter),
        ("month_range_bare", rf"\b(?:for|from|between|during|over)\s+(?P<m1>{mon})\s*(?:-|–|to|through|and|until)\s*(?P<mon>{mon})(?:\s+(?P<y>{year}))?{rb}(?!\s+(?:quarter|period|three\s+months)\b)", _read_month_range_quarter),
        ("months_to_date", rf"\b(?:the\s+)?(?:first\s+|last\s+|past\s+|trailing\s+)?(?:nine|9|twelve|12)\s+months(?:\s+(?:of|to|ended|ending|through|that\s+ended)\s+(?:(?:(?P<mon>{mon})\s+(?:[0-3]?\d(?:st|nd|rd|th)?,?\s+)?)?(?P<y>{year}){rb}|(?P<mon2>{mon})(?:\s+[0-3]?\d(?:st|nd|rd|th)?)?(?![\w,]*\s*\d)))?", _read_unrepresentable),
        ("quarters_back", r"\b(?:over\s+|in\s+|during\s+)?the\s+(?:last|past|previous|prior|trailing)\s+(?:four|4)\s+quarters\b", _read_unrepresentable),
        ("quarter_ended", rf"\b(?:quarter|three\s+months|3\s+months)\s+(?:that\s+)?(?:ended|ending|ends|to|through)\s+(?:on\s+|in\s+|the\s+end\s+of\s+)?(?:(?P<day2>[0-3]?\d)\s+)?(?P<mon>{mon})(?:\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?!\d))?(?:,?\s+(?P<y>{year}))?{rb}", _read_quarter_ended),
        ("year_ended", rf"\b(?P<fiscal>fiscal\s+)?year\s+(?:that\s+)?(?:ended|ending|ends|to)\s+(?:on\s+)?(?:(?P<day2>[0-3]?\d)\s+)?(?P<mon>{mon})(?:\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?!\d))?,?\s+(?P<y>{year}){rb}", _read_year_ended),
        ("fiscal_year_ended_no_year", rf"\bfiscal\s+year\s+(?:that\s+)?(?:ended|to|through)\s+(?:on\s+)?(?:(?P<day2>[0-3]?\d)\s+)?(?P<mon>{mon})(?:\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?!\d))?(?!,?\s+\d)", _read_fiscal_year_ended),
        # quarters without a year
        ("q_bare", rf"{lb}(?-i:Q)(?P<q>[1-4]){rb}", _read_bare_quarter),
        ("ord_quarter", rf"\b(?:the\s+)?(?P<ord>(?:first|second|third|fourth|1st|2nd|3rd|4th|final|closing))[\s-]+quarter\b", _read_bare_quarter),
        ("quarter_rel", rf"\b(?:(?:the|this|last|next)\s+)?(?P<off>last|this|next|current|coming|previous|prior|preceding|same|year-ago|year-earlier)[\s-]+quarter\b", _read_relative_quarter),
        # halves
        ("half_words", rf"\b(?:the\s+)?(?P<ord>first|second|1st|2nd)[\s-]+half(?:\s+(?:of\s+)?(?:(?P<y>{year}){rb}|(?P<rel>{rel})\s+year\b|(?P<theyear>the\s+year\b)|(?P<fy>(?:fiscal|(?-i:FY))\s*(?:year\s+)?['’]?(?:{year}|{yy}){rb})))?", _read_half_year),
        ("six_months", rf"\b(?:the\s+)?(?P<ord>first)\s+six\s+months(?:\s+of\s+(?:(?P<y>{year}){rb}|(?P<rel>{rel})\s+year\b|(?P<theyear>the\s+year\b)|(?P<fy>(?:fiscal|(?-i:FY))\s*(?:year\s+)?['’]?(?:{year}|{yy}){rb})))?", _read_half_year),
        ("first_three_months", rf"\b(?:the\s+)?first\s+(?:three|3)\s+months\s+of\s+(?:(?P<y>{year}){rb}|(?P<rel>{rel})\s+year\b|(?P<theyear>the\s+year\b))", _read_first_three_months),
        ("h_year", rf"{lb}(?-i:H)(?P<h>[12])\s*(?:(?P<y>{year})|['’](?P<yy>{yy})){rb}", _read_h_year),
        ("year_h", rf"{lb}(?P<y>{year})\s*[-\s]?\s*(?-i:H)(?P<h>[12]){rb}", _read_half_year),
        ("nh_year", rf"{lb}(?P<h>[12])(?-i:H)\s*['’]?(?P<y>{year}|(?<=[Hh'’])\d{{2}}){rb}", _read_half_year),
        ("h_bare", rf"\b(?:in|during|for|through|by|the)\s+(?P<hh>(?-i:H)(?P<h>[12])){rb}", _read_h_bare),
        # months and dates
        ("month_year", rf"(?<![\w.])(?P<mon>{mon})(?:\s+of|,)?\s+(?P<y>{year}){rb}", _read_month_year),
        ("year_month", rf"{lb}(?P<y>{year})\s+(?P<mon>{mon})(?!\w)(?!\s+\d)", _read_month_year),
        ("date_mdy", rf"(?<![\w.])(?P<mon>{mon})\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?:,?\s+(?P<y>{year}))?(?![\w%])(?![.,]\d)", _read_date),
        ("date_dmy", rf"\b(?<!\d[.,])(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{mon})(?:,?\s+(?P<y>{year}))?{rb}", _read_date),
        ("month_rel_year", rf"(?<![\w.])(?P<mon>{mon})\s+(?:of\s+)?(?P<rel>{rel})\s+year\b", _read_month_relative_year),
        ("offset_month", rf"\b(?P<off>last|this|next)\s+(?P<mon>{mon})(?!\w)", _read_offset_month),
        ("bare_month", rf"\b(?:in|during|since|until|through|by|from|for|of|early|mid|late|end\s+of|beginning\s+of|start\s+of)[\s-]+(?P<mon>{mon})(?!\w)(?!\s+[0-3]?\d)", _read_bare_month),
        ("lone_month", rf"(?<![\w.])(?P<mon>(?-i:{full_months}))(?!\w)(?!\s+[0-3]?\d)", _read_bare_month),
        ("relative_month", r"\b(?:(?:earlier|later|early|late)\s+)?(?P<off>last|this|next|previous|current|coming)\s+month\b", _read_relative_month),
        ("ago", rf"\b(?P<n>a|an|one|{num})\s+(?P<unit>years?|months?|quarters?)\s+(?P<dir>ago|earlier|before)\b", _read_ago),
        # years relative to publication
        ("relative_year", r"\b(?:(?:earlier|later|early|late|mid|the\s+end\s+of|the\s+start\s+of)[\s-]+)?(?:the\s+)?(?P<off>last|this|next|previous|prior|preceding|current|coming)\s+year\b", _read_relative_year),
        ("comparison", r"\b(?:the\s+)?(?:(?:year-ago|year-earlier|prior-year|year-before)\s+(?:quarter|period|half|month|year)|same\s+(?:quarter|period|month|half)\s+(?:of\s+)?(?:last|a|the\s+previous|the\s+prior)\s+year(?:\s+(?:earlier|ago|before))?)\b", _read_comparison),
        ("same_stretch", rf"\b(?:the\s+)?(?:{period_cue('same_stretch')})\s+(?:(?:of|in)\s+)?(?:(?P<y>{year}){rb}|(?:last|a|the\s+previous|the\s+prior)\s+year(?:\s+(?:earlier|ago|before))?\b)", _read_same_stretch),
        ("anaphoric", r"\bthe\s+(?:quarter|year|half|period|(?:full|whole|entire)[\s-]year)\b(?![\s-]+(?:ended|ending|ago|earlier|to|through|before|\d))", _read_anaphoric),
        ("full_year_adjective", r"\b(?:full|whole)-year\b(?![\s-]+(?:ended|ending|to|through|\d))", _read_anaphoric),
        # spans and deadlines
        ("fiscal_span", rf"\b(?:between|from)\s+{fy}['’]?(?:{year}|{yy})\s*(?:and|to|through|until|-|–)\s*{fy}?['’]?(?:{year}|{yy}){rb}", _read_unrepresentable),
        ("span_between", rf"\b(?:between|from)\s+(?P<y1>{year})\s*(?:and|to|through|until|-|–)\s*(?P<y2>{year}){rb}", _read_year_span),
        ("span_dash", rf"{lb}(?P<y1>{year})(?:\s*[-–—/]\s*|\s+(?:to|through)\s+)(?P<y2>{year}){rb}", _read_year_span),
        ("span_short", rf"{lb}(?P<y1>{year})[-–/](?P<y2>{yy}){rb}", _read_year_span),
        ("years_ahead", rf"\b(?:(?:over|in|during|for|within)\s+)?the\s+(?:next|coming|following|subsequent)\s+(?:(?P<n>{num}|[1-9]|[1-4]\d)\s+years|decade)\b", _read_years_ahead),
        ("years_within", rf"\b(?:in|within)\s+(?:less\s+than\s+|under\s+|fewer\s+than\s+)?(?P<n>{num})\s+years\b(?!\s+(?:ago|earlier|before))", _read_years_ahead),
        ("years_starting", rf"\bover\s+(?:the\s+)?(?:next\s+)?(?P<n>{num}|[1-9]|1\d)\s+years\s*,?\s+(?:starting|beginning|from)\s+(?:in\s+)?(?P<y>{year}){rb}", _read_years_starting),
        ("years_back", rf"\b(?:(?:over|in|during|for)\s+)?the\s+(?:last|past|previous|prior)\s+(?:(?P<n>{num})\s+years|decade)\b", _read_years_back),
        ("by_year", rf"\b(?:by|until|till|through|before)\s+(?:the\s+(?:end|close)\s+of\s+)?(?P<y>{year}){rb}", _read_by_year),
        ("by_relative", r"\b(?:by|before)\s+(?:(?P<decade>the\s+end\s+of\s+(?:this|the)\s+decade)|(?:the\s+)?(?:end\s+of\s+(?:the\s+|(?P<off>this|next)\s+)?year|year[\s-]+end))\b", _read_by_relative),
        ("end_of_decade", r"\bthe\s+end\s+of\s+(?:this|the)\s+decade\b", _read_end_of_decade),
        ("end_of_year", rf"\b(?:the\s+)?(?:end|close|middle|start|beginning)\s+of\s+(?P<prefix>)(?P<y>{year}){rb}", _read_bare_year),
        # bare years last: everything longer wins over them
        ("year", rf"(?<![\w$€£¥/])(?<!\d[.,])(?:(?P<prefix>(?-i:CY)\s*|calendar\s+(?:year\s+)?|full[\s-]year\s+))?(?P<y>{year})(?![\w%])(?![.,]\d)(?!\s*/\s*\d)", _read_bare_year),
    ]
    rules = []
    for name, pattern, handler in specs:
        regex = first_char_filter(re.compile(pattern, re.IGNORECASE))
        rules.append(_Rule(name, regex, handler, _RULE_NEEDS[name]))
    return rules


# Two features are found by regex once per chunk rather than by substring.
_HAS_MONTH, _HAS_YEAR = "<month>", "<year>"
_MONTH_GATE = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)")
_YEAR_GATE = re.compile(r"(?:19|20)\d\d")
_FEATURES = {(month, year): frozenset(([_HAS_MONTH] if month else []) + ([_HAS_YEAR] if year else []))
             for month in (False, True) for year in (False, True)}
_MONTH_STEMS = (_HAS_MONTH,)
_YEAR_STEMS = (_HAS_YEAR,)
_QUARTER = ("quarter",)
_Q_NUMBER = ("q1", "q2", "q3", "q4")  # "Q1" (the rules' Q is upper case) in the lower-cased text
# A rule runs on a chunk of text only when the chunk holds one of these: a cheap pre-filter for speed.
_RULE_NEEDS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("fq_q_fy", "fq_fy_q", "fq_ord_of_fy", "fq_ord_of_year_fy", "fq_fy_ord", "fq_fiscal_ord", "fq_fiscal_q"),
                    ("fiscal", "fy")),
    "fy": ("fiscal", "fy", "financial"),
    "fy_year_first": ("fiscal", "financial"),
    "fy_relative": ("fiscal",),
    **dict.fromkeys(("q_year", "year_q", "q_rel", "q_bare"), _Q_NUMBER),
    "nq_year": ("1q", "2q", "3q", "4q"),
    **dict.fromkeys(("ord_quarter_year", "ord_quarter_rel", "ord_quarter_the_year", "ord_quarter", "quarter_rel"), _QUARTER),
    "month_quarter": _QUARTER,
    "month_range_quarter": _MONTH_STEMS,
    "month_range_bare": _MONTH_STEMS,
    "months_to_date": ("months",),
    "quarters_back": ("quarters",),
    "fiscal_span": ("fiscal", "fy"),
    "years_starting": ("years",),
    "quarter_ended": ("quarter", "months"),
    "year_ended": ("year",),
    "fiscal_year_ended_no_year": ("fiscal",),
    **dict.fromkeys(("half_words",), ("half",)),
    "six_months": ("six",),
    **dict.fromkeys(("h_year", "year_h", "h_bare"), ("h1", "h2")),
    "nh_year": ("1h", "2h"),
    **dict.fromkeys(
        ("month_year", "year_month", "date_mdy", "date_dmy", "month_rel_year", "offset_month", "bare_month", "lone_month"),
        _MONTH_STEMS,
    ),
    "relative_month": ("month",),
    "ago": ("ago", "earlier", "before"),
    "relative_year": ("year",),
    "comparison": ("year",),
    "anaphoric": ("the",),
    "same_stretch": ("same", "corresponding", "comparable", "equivalent", "like"),
    "first_three_months": ("months",),
    "full_year_adjective": ("-year",),
    **dict.fromkeys(("span_between", "span_dash", "span_short", "by_year", "end_of_year", "year"), _YEAR_STEMS),
    **dict.fromkeys(("years_ahead", "years_within", "years_back"), ("year", "decade")),
    "by_relative": ("by", "before"),
    "end_of_decade": ("decade",),
}
# Needs besides those above, each met by one of its words or features: a written year ("Q3 2024", "March 2025") or
# month the pattern cannot match without, and the quarter number a fiscal quarter's "Q" comes with.
_RULE_ALSO_NEEDS: dict[str, tuple[tuple[str, ...], ...]] = {
    **dict.fromkeys(("fq_ord_of_year_fy", "fy_year_first", "year_q", "ord_quarter_year", "year_h", "month_year",
                     "year_month"), (_YEAR_STEMS,)),
    "year_ended": (_YEAR_STEMS, _MONTH_STEMS),
    **dict.fromkeys(("month_quarter", "quarter_ended", "fiscal_year_ended_no_year"), (_MONTH_STEMS,)),
    **dict.fromkeys(("fq_q_fy", "fq_fy_q", "fq_fiscal_q"), (_Q_NUMBER + ("1q", "2q", "3q", "4q"),)),
}

# Period expressions never cross a sentence end followed by a capital, nor a blank line. The gap is group 1 or 2; the
# sentence end is matched, not looked behind at, so that re skips to the characters a break begins with.
_CHUNK_BREAK = re.compile(r"(?=[.!?\n])(?:[.!?](\s+)(?=[A-Z\"“‘'(])|(\n\s*\n))")


def _chunks(text: str) -> list[tuple[int, int]]:
    """(start, end) of the sentence-like chunks of text."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for gap in _CHUNK_BREAK.finditer(text):
        gap_start = gap.start(gap.lastindex)
        if gap_start > start:
            bounds.append((start, gap_start))
        start = gap.end()
    if start < len(text):
        bounds.append((start, len(text)))
    return bounds


@lru_cache(maxsize=1)
def _rules() -> tuple[_Rule, ...]:
    """The compiled rules, built once per process."""
    return tuple(_patterns())


@lru_cache(maxsize=1)
def _gate() -> RuleGate:
    """Every rule's needs (hand-written) and the word sets its pattern requires."""
    # Month names gate nothing the month feature does not, and nearly every sentence holds "the" or "its": finding
    # such words costs more than the few rule runs they save.
    ungated = {month.lower() for month in _words().month_of} | {"the", "its"}
    return RuleGate([GatedRule(tuple(map(frozenset, (rule.needs, *_RULE_ALSO_NEEDS.get(rule.name, ())))),
                               tuple(c for c in word_clauses(rule.pattern) if c.isdisjoint(ungated)))
                     for rule in _rules()],
                    frozenset((_HAS_MONTH, _HAS_YEAR)))


@lru_cache(maxsize=4096)
def _runnable(found: frozenset[str], needed: frozenset[str] | None, features: frozenset[str]) -> tuple[int, ...]:
    """The rules a chunk holding these words and features may hold a match of (RuleGate.runnable)."""
    return _gate().runnable(found, needed, features)


def _candidates(text: str, published: datetime.date | None) -> list[tuple[int, int, int, _Reading]]:
    """Every rule's readings as (start, end, rule index, reading)."""
    found: list[tuple[int, int, int, _Reading]] = []
    rules = _rules()
    gate = _gate()
    for chunk_start, chunk_end in _chunks(text):
        words, needed = gate.words(text[chunk_start:chunk_end])
        features = _FEATURES[_MONTH_GATE.search(text, chunk_start, chunk_end) is not None,
                             _YEAR_GATE.search(text, chunk_start, chunk_end) is not None]
        for index in _runnable(words, needed, features):
            rule = rules[index]
            # pos/endpos keep offsets absolute; lookbehinds still see the text before the chunk.
            for match in rule.pattern.finditer(text, chunk_start, chunk_end):
                reading = rule.read(match, published, text)
                if reading is None:
                    continue
                start, end = reading.span or match.span()
                found.append((start, end, index, reading))
    return found
