"""Which metric a figure measures, and whether it is a fact at all: the counted noun for counts, else the nearest
compatible cue word (metric_cues.json), scored by distance, clause breaks and figures in between."""
from __future__ import annotations

import re
from functools import lru_cache

from extractors.cues import (CURRENCY, MetricCue, context_pattern, count_metric, count_noun_context, count_noun_regex,
                             possible_metric_cues, singular, unit_kind)
from extractors.drafts import CONJUNCTION, CUE_CLAUSE_BREAK, Draft, Sentence, asides, text_before
from extractors.models import Quantity

WORD_MULTIPLE = re.compile(r"^(?:doubl|tripl|quadrupl)", re.IGNORECASE)
FUNCTION_WORDS_ENDING_IN_S = {"as", "is", "was", "has", "this", "its", "plus", "across", "towards", "includes", "thus",
                              "whereas", "besides", "versus", "always", "perhaps", "yes", "us"}
DOUBLED_DOWN = re.compile(r"^\s+down\b", re.IGNORECASE)
DIGIT_WORD = re.compile(r"(?:single|double|triple)-digit", re.IGNORECASE)
APPOSITIVE = re.compile(r",\s+(?:the|a|an)\s+[^,;]{3,80},")


JOB_NOUNS = {"job", "position", "role", "employee", "worker", "staff", "people", "person", "head", "post"}


FRACTION_WORD = re.compile(r"\b(?:half|third|quarter|fifth|tenth)s?$", re.IGNORECASE)
HYPHENATED = re.compile(r"-[A-Za-z]")
EACH = re.compile(r"\s+each\b")
DEAL_NOUNS = re.compile(r"\b(?:deals|contracts|orders|agreements|transactions)\b")
HOURS_AFTER = re.compile(r"^\s*h\b|^h\b|^\s*hours?\b")
PHRASE_END = re.compile(r"[,.;:()]")
NEXT_WORD = re.compile(r"\s*([A-Za-z]+)")


def keep_quantity(d: Draft, sentence: Sentence) -> bool:
    """Drop readings that are not figures here ("doubled down", a count of one)."""
    q, after = d.q, sentence.text[d.end:]
    if q.text.lower().startswith("doubl") and DOUBLED_DOWN.match(after):
        return False
    if DIGIT_WORD.match(q.text) and any(other.unit == "percent" and other.start_char > q.end_char
                                        and not DIGIT_WORD.match(other.text) and other.start_char - q.end_char <= 120
                                        for other in sentence.quantities):
        return False  # "double-digit growth ..., rising 14 per cent": the number is the fact
    if q.unit == "count":
        return keep_count(d, sentence, after)
    if unit_kind(q.unit) == CURRENCY:
        return keep_money(d, sentence, after)
    if q.unit == "percent" and FRACTION_WORD.search(q.text) and context_pattern("fraction_comparison_after").match(after):
        return False  # "less than half the pace it just reported": a comparison, not a figure
    if q.unit == "MW" and HOURS_AFTER.match(after):
        return False
    return True


def keep_count(d: Draft, sentence: Sentence, after: str) -> bool:
    """keep_quantity of a count."""
    q = d.q
    if q.value < 2 and q.value_high is None:
        return False
    if HYPHENATED.match(after) or q.value != int(q.value):
        return False  # "a 32-billion-parameter model", "its Ernie 4.5 models": no count of models
    before = text_before(sentence, d.start)
    if context_pattern("ranked_count").search(before[-20:]) or context_pattern("superlative_after_count").match(after):
        return False  # "its five largest clients", "its top 10 clients": a rank, not a count
    if context_pattern("training_before").search(before[-40:]):
        return False  # "train 10,000 cloud engineers": people trained are no jobs
    if q.noun in JOB_NOUNS and (context_pattern("job_cuts").search(before[-60:])
                                or context_pattern("job_cuts").search(after[:60])):
        return False  # job cuts are no fact (FACTS.md): "9,000 positions would go", "roles it would shed"
    return True


def keep_money(d: Draft, sentence: Sentence, after: str) -> bool:
    """keep_quantity of an amount of money."""
    before = text_before(sentence, d.start)
    near = before[-80:]
    if context_pattern("economic_contribution").search(near) or context_pattern("economy_after").match(after):
        return False  # "its contribution to Thailand's economy at 140 billion baht": no metric
    if context_pattern("cash_flow_before").search(before[-90:]):
        return False  # "operating cash flow ... increased 13% to $21.5 billion": no metric of FACTS.md
    if context_pattern("per_user_before").search(near):
        return False  # "blended ARPU slid 4.4 per cent to SGD24": a price per user
    if context_pattern("price_rate_after").match(after):
        return False  # "customers who spend more than $50 a month": a price, not a fact
    if context_pattern("rd_spending").search(near + sentence.text[d.end:d.end + 40]):
        return False  # "spent CNY164.7bn on R&D", "its R&D outlays ... add up to CNY1.11tn": research is no capex
    if context_pattern("customer_threshold_before").search(before[-100:]) \
            or context_pattern("trading_turnover_before").search(near):
        return False  # "customers whose revenue exceeded $1 million", "on turnover of HK$2.5 billion": no metric
    if EACH.match(after) and DEAL_NOUNS.search(before[-50:]):
        return False  # "mega deals worth more than $500 million each": a size class, not a deal
    if context_pattern("per_share_after").match(after) or context_pattern("per_share_before").search(near) \
            or (context_pattern("company_value").search(near) and not market_valued(sentence, before)
                and not context_pattern("deal_valued").search(near)) \
            or context_pattern("company_value_after").match(after):
        return False  # earnings per share and what a company is worth are no metric of FACTS.md
    return True


# A "label: figure" line (bullet lists of key figures, fact boxes): the label ends right before the figure.
LABEL_LINE = re.compile(r"(?:^|\n)[ \t]*(?:[-•*▪–][ \t]*)?(?P<label>[^:\n]{3,80}?)(?P<colon>:)[ \t]*"
                        r"(?:about |around |over |more than |nearly |almost |roughly |up to )?$")


def market_valued(sentence: Sentence, before: str) -> bool:
    """"In 2023 the biggest segment was still IaaS, valued at RMB338 billion": a market valued, not a company."""
    return not sentence.companies and bool(context_pattern("market_strong").search(before)
                                           or context_pattern("segment_word").search(before))


def classify(d: Draft, sentence: Sentence) -> None:
    """Set the metric from the counted noun or the nearest compatible cue."""
    kind = unit_kind(d.q.unit)
    if kind == "MW":
        d.metric, d.rule = "power_capacity", "power.unit"
        return
    if kind == "count":
        classify_count(d, sentence)
        return
    left, right = text_before(sentence, d.start), sentence.text[d.end:]
    if own_total_share(right) or context_pattern("difference").search(left[-80:]) \
            or (kind == "percent" and context_pattern("own_share_percent").match(right)):
        return  # shares of a company's own totals and gaps between companies are not facts
    if kind == "pp" and re.search(r"\bshare\b", left[-80:], re.IGNORECASE):
        d.metric, d.rule = "market_share", "pp.share"  # a share that moved by points is a market_share change
        return
    if kind == "pp" and sentence.share_context and not context_pattern("other_percent_noun").search(left[-80:]):
        d.metric, d.rule = "market_share", "pp.share_context"  # "Microsoft gained two points" after shares were named
        return
    if kind == "percent" and WORD_MULTIPLE.match(d.q.text):
        if context_pattern("shares_as_subject").search(left[-60:]):
            d.metric, d.rule = "share_price_change", "word.multiple.shares"  # "the stock has more than tripled"
        else:
            d.metric, d.rule = "growth_rate", "word.multiple"
        return
    cue_left = without_asides(left, d.start, sentence)
    label = LABEL_LINE.search(cue_left)
    if label:  # "- Investment in the Kolkata project: Rs 600 crore": the label names the figure
        cue_left = cue_left[:label.start()] + " " * (label.start("colon") - label.start()) + label.group("label") + " "
    is_level = bool(context_pattern("level").search(left[-60:]))
    best = nearest_cue(d, sentence, kind, left, cue_left[-LEFT_WINDOW:], right[:RIGHT_WINDOW], is_level)
    if (best is None or best[0] <= 0) and BLANKED_ASIDE.search(cue_left):
        # "Growth at AWS, which sells more computing power than any rival, was 17 per cent": read past the aside
        compact = BLANKED_ASIDE.sub(" ", cue_left)
        again = nearest_cue(d, sentence, kind, left, compact[-LEFT_WINDOW:], "", is_level)
        best = again if again is not None and again[0] > 0 else best
    if best and best[0] > 0 and best[1].id == "share-of-it-after" \
            and not (context_pattern("market_strong").search(left) or context_pattern("market_subject").search(left)):
        return  # "40 per cent of it came from AI" after a company's revenue: a part of its own total
    if best and best[0] > 0:
        d.metric, d.rule, d.cue_text, d.cue_side = best[1].metric, f"cue.{best[1].id}", best[2], best[3]
        d.requires_subject = best[1].id == "share-of-customers"


BLANKED_ASIDE = re.compile(r" {4,}")  # an aside without_asides blanked (word gaps are single spaces)
# How far from a figure metric cues are read: before it (its asides blanked) and after it.
LEFT_WINDOW = 160
RIGHT_WINDOW = 120


def nearest_cue(d: Draft, sentence: Sentence, kind: str, left: str, left_window: str, right_window: str,
                is_level: bool) -> tuple[float, MetricCue, str, str] | None:
    """(score, cue, matched text, side) of the best-scoring cue of a figure's unit kind in its windows."""
    best = None
    # (start, end, quantity) of the sentence's figures of the same kind, offsets local to the sentence
    same_kind = [(q.start_char - sentence.start, q.end_char - sentence.start, q) for q in sentence.quantities
                 if unit_kind(q.unit) == kind]
    for cue in possible_metric_cues(sentence.text):  # the others match in no window of the sentence
        if kind not in cue.units:
            continue
        if is_level and cue.metric == "growth_rate" and cue.side == "left":
            continue  # "climbed to 16.9%" states a level, not a change
        for distance, text, gap, side in cue_hits(cue, left_window, right_window):
            if side == "right" and cue_claimed_ahead(d, distance, text, gap, sentence, same_kind):
                continue
            score = cue.weight - distance / 25 - 1.5 * quantities_between(d, distance, side, left, same_kind) \
                - 1.5 * bool(CUE_CLAUSE_BREAK.search(gap)) \
                - 2.0 * (distance <= len(left) and cue_owned_by_another(d.start - distance - len(text), same_kind))
            if best is None or score > best[0]:
                best = (score, cue, text, side)
    return best


def without_asides(left: str, figure_start: int, sentence: Sentence) -> str:
    """The text before a figure with its closed asides blanked (same length, so distances hold).

    "AWS's backlog, the value of contracts not yet recognised as revenue, stood at $88.9 billion": the cue
    words of an aside describe something else.
    """
    offset = figure_start - len(left)
    chars = None
    for start, end in [*asides(sentence), *_appositive_spans(sentence.text)]:
        if end <= figure_start and end > offset:
            chars = chars or list(left)
            for i in range(max(start, offset), end):
                chars[i - offset] = " "
    return "".join(chars) if chars else left


@lru_cache(maxsize=64)
def _appositive_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Cached: the rules ask about each figure of a sentence."""
    return tuple(m.span() for m in APPOSITIVE.finditer(text))


def cue_hits(cue: MetricCue, left_window: str, right_window: str) -> list[tuple[int, str, str, str]]:
    """(distance in characters, matched text, text between, side) of a cue's nearest match on each side it may stand."""
    hits = []
    if cue.side != "right":
        last = None
        for last in cue.regex.finditer(left_window):
            pass
        if last:
            hits.append((len(left_window) - last.end(), last.group(), left_window[last.end():], "left"))
    if cue.side != "left":
        m = cue.regex.search(right_window)
        if m:
            hits.append((m.start(), m.group(), right_window[:m.start()], "right"))
    return hits


def cue_claimed_ahead(d: Draft, distance: int, cue_text: str, gap: str, sentence: Sentence,
                      same_kind: list[tuple[int, int, Quantity]]) -> bool:
    """A cue after the figure that introduces a figure of its own ("..., while net income rose 9% to $12 billion").

    It belongs to that later figure when the figure follows the cue more closely than ours precedes it,
    or when a clause break or a conjunction stands between our figure and the cue.
    """
    cue_end = d.end + distance + len(cue_text)
    later = next((start for start, _, _ in same_kind if start >= cue_end), None)
    if later is None:
        return False
    ahead = sentence.text[cue_end:later]
    joined = CUE_CLAUSE_BREAK.search(gap) or CONJUNCTION.search(gap)
    return len(ahead) < distance or (bool(joined) and len(ahead) <= 60 and not CUE_CLAUSE_BREAK.search(ahead))


def cue_owned_by_another(cue_start: int, same_kind: list[tuple[int, int, Quantity]]) -> bool:
    """A cue word right after another figure of the same kind belongs to it ("a 30% market share, growing 19%")."""
    return any(0 <= cue_start - end <= 2 for _, end, _ in same_kind)


def quantities_between(d: Draft, distance: int, side: str, left: str, same_kind: list[tuple[int, int, Quantity]]) -> int:
    """How many other figures of the same unit kind stand between a figure and its cue."""
    lo, hi = (d.start - distance, d.start) if distance <= len(left) and side != "right" else (d.end, d.end + distance)
    return sum(1 for start, _, q in same_kind if lo <= start < hi and q is not d.q)


def own_total_share(right: str) -> bool:
    """A share of a company's own totals ("17 per cent of its revenue") is not a fact."""
    return bool(context_pattern("own_share").match(right))


def classify_count(d: Draft, sentence: Sentence) -> None:
    """A count's metric from its noun, from the words after it, or from the count it refers back to."""
    right = sentence.text[d.end:]
    metric = None
    if not right.lstrip().lower().startswith("of "):
        window = PHRASE_END.split(right[:60], maxsplit=1)[0]
        m = count_noun_regex().search(window)
        if m and is_counted_head(window[:m.start()], window[m.end():]):
            metric = count_metric(singular(m.group(1)))
            needed = count_noun_context().get(m.group(1).lower())
            if needed is not None and not needed.search(sentence.text):
                metric = None  # "trained 800,000 people", "3 billion people use it": no jobs
    if metric == "countries" and context_pattern("survey").search(sentence.text):
        metric = None  # "a survey of 1,200 IT managers in 14 countries": the survey's reach
    if metric:
        d.metric, d.rule = metric, "count.noun"
    elif context_pattern("of_them").match(right):
        d.rule = "count.of_them"  # metric filled by link_related from the count it refers to


def is_counted_head(before: str, after: str) -> bool:
    """The noun found after a number is what it counts: only modifiers before it, no noun after it."""
    if len(before.split()) > 4 or context_pattern("count_not_head").search(before):
        return False
    following = NEXT_WORD.match(after)
    if following:
        word = following.group(1).lower()
        if word.endswith("s") and word not in FUNCTION_WORDS_ENDING_IN_S:
            return False
    return True


def is_money_change(d: Draft, sentence: Sentence) -> bool:
    """A change in money ("up $12.9 billion from a year ago") is not a fact."""
    if unit_kind(d.q.unit) != CURRENCY or d.rule in ("money.conversion", "comparison"):
        return False
    left, right = text_before(sentence, d.start), sentence.text[d.end:]
    if context_pattern("pledge_another").search(left[-60:]):
        return False  # "it has earmarked another 7.8 billion euros for Germany": a new pledge
    return bool(context_pattern("money_change_left").search(left[-60:])) or \
        bool(context_pattern("money_change_right").match(right)) or \
        bool(context_pattern("money_change_by").search(left[-100:]))


def is_size_band(d: Draft, sentence: Sentence) -> bool:
    """A deal-size band ("contracts above $250 million", "$1 billion-plus deals") counts deals; it is no fact."""
    if unit_kind(d.q.unit) != CURRENCY:
        return False
    return bool(context_pattern("size_band_left").search(text_before(sentence, d.start)[-60:])
                or context_pattern("size_band_right").match(sentence.text[d.end:d.end + 60]))
