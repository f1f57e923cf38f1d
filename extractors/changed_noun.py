"""What a change measures, read from the noun phrase that changes: "Operating income at AWS, the unit behind most
of the group's revenue, dropped 21% ..., sliding to $5.1 billion from the $6.5 billion it earned a year earlier".

The levels a change reaches or starts from ("reaching $62.3 billion", "to hit $21.4 billion", "at $6bn",
"from Q1 2022's $18.4 billion") measure the same thing as the change: the money cue standing in the clause
before the change (its grammatical subject), at any distance, with asides blanked. A cue words away on the far
side of a clause break ("..., and its gross profit margin") does not name them.
"""
from __future__ import annotations

import re

from extractors.cues import CURRENCY, metric_cues, unit_kind
from extractors.drafts import CUE_CLAUSE_BREAK, Draft, Sentence
from extractors.metric import without_asides

MONEY_METRICS = ("revenue", "profit", "investment", "market_spending", "backlog")
# Between a change and the level it reaches: "year-on-year at", ", reaching", ", sliding to", "to hit",
# ", taking its sales to", " YoY from Q1 2022's".
LEVEL_GAP = re.compile(
    r"[^.;:$€£¥₹%]{0,70}?(?:\b(?:to|at|reaching|reached|hitting|to hit|to reach|sliding to|falling to|climbing to|"
    r"taking (?:its|their|the) [\w-]+(?: [\w-]+)? to)|\bfrom [\w -]{0,30}['’]s)"
    r"\s+(?:about |around |roughly |nearly |almost |over |more than |just over |just under |a record |the )?$",
    re.IGNORECASE)
# A list of levels after the first: "to $21.4 billion" after "from ... $18.4 billion".
NEXT_LEVEL_GAP = re.compile(r"\s*,?\s*(?:and\s+)?(?:to|to hit|to reach|reaching)\s+(?:about |around |roughly |nearly |almost )?$",
                            re.IGNORECASE)


# A level stated by a verb whose subject names the metric: "Global outlays on AI infrastructure ... are expected to
# top $100 billion by 2028", "The segment's revenue stood at $4 billion".
LEVEL_VERB = re.compile(r"\b(?:reach|reaches|reached|reaching|top|tops|topped|topping|hit|hits|exceed|exceeds|exceeded|"
                        r"surpass|surpasses|surpassed|total|totals|totalled|totaled|amount to|amounts to|amounted to|"
                        r"stand at|stands at|stood at|come in at|comes in at|came in at|be worth|is worth|was worth|"
                        r"are worth|were worth|(?:rose|risen|grew|grown|climbed|jumped|fell|fallen|dropped|slid|"
                        r"increased|declined|surged|soared|slipped) to)\s+(?:about |around |roughly |nearly |almost |over |more than |just over |"
                        r"just under |some |an estimated |a record )?$", re.IGNORECASE)
ANAPHOR = re.compile(r"\b(?:it|its|they|their|the segment|the market|the sector|the category)\b", re.IGNORECASE)


def changed_metric(change: Draft, sentence: Sentence) -> tuple[str, str] | None:
    """The money metric whose change a growth figure is, from the cue in its clause before it: (metric, cue text)."""
    return clause_metric(sentence, change.start)


def clause_metric(sentence: Sentence, position: int, metrics: tuple[str, ...] = MONEY_METRICS,
                  unit: str = CURRENCY) -> tuple[str, str] | None:
    """The last cue of one of these metrics in the clause before a position, asides blanked: (metric, cue text)."""
    blanked = without_asides(sentence.text[:position], position, sentence)  # asides first: "— which bundles ... —"
    clause_start = 0
    for m in CUE_CLAUSE_BREAK.finditer(blanked):
        clause_start = m.end()
    clause = blanked[clause_start:]
    best = None
    for cue in metric_cues():
        if cue.metric not in metrics or unit not in cue.units or cue.side == "right":
            continue
        for m in cue.regex.finditer(clause):
            if best is None or m.end() > best[0] or (m.end() == best[0] and cue.weight > best[1].weight):
                best = (m.end(), cue, m.group())
    return (best[1].metric, best[2]) if best else None


def level_of_subject(d: Draft, sentence: Sentence) -> bool:
    """A money figure after a level verb takes the metric its clause's subject names ("outlays on AI infrastructure
    ... are expected to top $100 billion")."""
    kind = unit_kind(d.q.unit)
    if kind not in (CURRENCY, "percent") or d.metric:
        return False
    verb = LEVEL_VERB.search(sentence.text, 0, d.start)
    if verb is None:
        return False
    # A percentage level is a margin or a share the subject names: "The commercial cloud's gross margin, a closely
    # watched measure ..., came in at 67 percent".
    found = clause_metric(sentence, verb.start()) if kind == CURRENCY else \
        clause_metric(sentence, verb.start(), ("margin", "market_share"), "percent")
    if found is None:
        return False
    d.metric, d.cue_text = found
    d.rule = f"level.of_subject({found[1].lower()})"
    return True


def level_of_change(d: Draft, earlier: list[Draft], sentence: Sentence, carried: str | None = None) -> bool:
    """A money figure that states the level a change reaches or starts from takes the changed metric."""
    if unit_kind(d.q.unit) != CURRENCY or (d.metric and d.cue_side != "right"):
        return False
    change = next((p for p in reversed(earlier) if p.metric == "growth_rate" and unit_kind(p.q.unit) == "percent"), None)
    if change is None:
        return False
    previous_level = next((p for p in reversed(earlier) if unit_kind(p.q.unit) == CURRENCY and p.start > change.end), None)
    if previous_level is not None:
        if not (previous_level.metric and LEVEL_GAP.fullmatch(sentence.text[change.end:previous_level.start])
                and NEXT_LEVEL_GAP.fullmatch(sentence.text[previous_level.end:d.start])):
            return False
        d.metric, d.rule, d.cue_text = previous_level.metric, "level.next+change_level", previous_level.cue_text
        return True
    gap = LEVEL_GAP.fullmatch(sentence.text[change.end:d.start])
    if not gap:
        return False
    found = changed_metric(change, sentence) or parallel_level(earlier) or carried_metric(change, sentence, carried)
    if found is None:
        return False
    d.metric, d.cue_text = found
    d.rule = f"level.of_change({found[1].lower()})+change_level"
    d.is_base = bool(re.search(r"\bfrom\b", gap.group(), re.IGNORECASE))  # where the change starts from
    return True


def reaches_level(gap: str) -> bool:
    """The text between a change and a level that it reaches (not one it starts from)."""
    found = LEVEL_GAP.fullmatch(gap)
    return bool(found) and not re.search(r"\bfrom\b", gap, re.IGNORECASE)


def parallel_level(earlier: list[Draft]) -> tuple[str, str] | None:
    """A second change in the sentence whose subject names nothing reaches a level of the same kind as the first
    ("it jumped 75% to RMB60 billion and moved ahead of SaaS, which expanded 23% and ended the year at RMB58 billion")."""
    level = next((p for p in reversed(earlier) if p.rule.endswith("+change_level") and p.metric), None)
    return (level.metric, level.cue_text) if level else None


def carried_metric(change: Draft, sentence: Sentence, carried: str | None) -> tuple[str, str] | None:
    """A change whose subject is a pronoun ("last year it jumped 75% to RMB60 billion"), or any change in a sentence
    that names no company ("Dedicated cloud infrastructure grew more slowly, by 47,6%, to $9,3-billion"), reaches a
    level of the money metric the sentence before was about."""
    if carried is None:
        return None
    if sentence.companies and not ANAPHOR.search(sentence.text[max(0, change.start - 60):change.start]):
        return None
    return carried, ""
