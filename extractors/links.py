"""Links between the figures of one sentence: currency conversions, comparisons ("up from ..."), a change and the
level it reaches, list members and back-references share a metric; a conversion inherits everything else."""
from __future__ import annotations

import re
from dataclasses import replace

from extractors.article_state import ArticleState
from extractors.changed_noun import level_of_change, level_of_subject, reaches_level
from extractors.cues import CURRENCY, context_pattern, count_metric, count_noun_regex, singular, unit_kind
from extractors.drafts import COUNT_METRICS, LEVEL_TO, Draft, Sentence, text_before
from extractors.metric import classify
from extractors.models import Quantity

BRACKET_GLUE = re.compile(r"^\s*(?:(?:in|by|for)\s+(?:\d{4}|FY\s?\d{2,4}|the\s+\w+)\s*)?(?:\(\s*(?:or\s+)?|,\s*or\s+)(?:about\s+|around\s+|roughly\s+|approximately\s+|some\s+|nearly\s+|~)?$")
LIST_GLUE_WORDS = {"and", "or", "while", "with", "on", "at", "respectively", "a", "an", "its", "their", "share",
                   "slice", "per", "cent", "percent", "%", "followed", "by", "then", "to", "of", "the", "whereas",
                   "for", "full", "year", "quarter", "in", "was", "is", "were", "s", "into"}
POSSESSIVE_BEFORE = re.compile(r"['’]s?\s+(?:about |around |nearly |almost )?$")
# The next item of a list whose verb is left out: ", public cloud" / " and web hosting just" (no verb, no figure).
ELLIPTICAL_ITEM = re.compile(r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?!(?:it|its|the company|while|but|as)\b)"
                             r"(?:[A-Za-z][\w-]*\s+){1,3}(?:just\s+|only\s+|about\s+|around\s+|nearly\s+|almost\s+)?",
                             re.IGNORECASE)


# A change stated in per cent right after a market share is a change of the share in points (FACTS.md: pp).
SHARE_MOVE_APPOSITION = re.compile(r"\s*(?:(?:market\s+)?share\s*)?,\s*(?:which\s+(?:represents|is|was|marks|means)\s+)?(?:a|an)\s+", re.IGNORECASE)
SHARE_MOVE_NOUN = re.compile(r"\s+(?:rise|drop|increase|decrease|gain|fall|decline|jump|improvement|slip|dip)\b",
                             re.IGNORECASE)
GLOSS_REACH = 160
GLOSS_AFTER_GAP = re.compile(r"[^.;()]{0,40}?,\s*(?:close to|nearly|almost|roughly|about|around|more than|just over|just "
                             r"under|or)?\s*", re.IGNORECASE)  # characters between a word figure and the exact number that glosses it
GLOSS_TOLERANCE = {"exact": 0.03, "approximate": 0.1}
MOVE_METRICS = {"growth_rate", "share_price_change"}
# What stands between a word figure and the number glossing it: a bracket, or a comma and a short clause without a
# new item ("more than doubled in 2025, gaining over 107%"); never "and" ("two-thirds of X and 73% of Y").
GLOSS_GAP = re.compile(r"[^.;()]{0,60}?\(\s*(?:or\s+|about\s+)?|[^.;()]*?,\s*(?!.*\band\b)[^.;,()]*", re.IGNORECASE)


def drop_glossed_words(drafts: list[Draft], sentence: Sentence) -> None:
    """Word figures that only round the exact number beside them (FACTS.md): before it or after it."""
    drop_words_before_numbers(drafts, sentence)
    drop_words_after_numbers(drafts, sentence)


def drop_words_before_numbers(drafts: list[Draft], sentence: Sentence) -> None:
    """A word figure beside the exact number it rounds is no fact of its own (FACTS.md): "shares more than doubled,
    gaining 107%", "almost half (46.4%)". Only the number stays."""
    for d in drafts:
        if not d.metric or not d.q.text[:1].isalpha() or unit_kind(d.q.unit) != "percent":
            continue
        for p in drafts:
            if p is d or p.q.text[:1].isalpha() or unit_kind(p.q.unit) != "percent" \
                    or not (0 < p.start - d.end <= GLOSS_REACH) or not (p.metric is None or same_kind_of_figure(d, p)) \
                    or not GLOSS_GAP.fullmatch(sentence.text[d.end:p.start]):
                continue
            if rounds_to(d.q.value, d.q.qualifier, p.q.value):
                if p.metric is None:  # "almost a third of what customers spent (32 percent)": the number takes it
                    p.metric, p.rule, p.cue_text = d.metric, d.rule + "+gloss_number", d.cue_text
                d.metric, d.rule = None, d.rule + "+glossed"
                break


def drop_words_after_numbers(drafts: list[Draft], sentence: Sentence) -> None:
    """A word figure right after the number it rounds ("grew 90 percent year over year, close to doubling") is no
    fact of its own."""
    for d in drafts:
        if not d.metric or not d.q.text[:1].isalpha() or unit_kind(d.q.unit) != "percent":
            continue
        for p in drafts:
            if p is not d and p.metric and not p.q.text[:1].isalpha() and unit_kind(p.q.unit) == "percent" \
                    and 0 < d.start - p.end <= 60 and same_kind_of_figure(d, p) \
                    and GLOSS_AFTER_GAP.fullmatch(sentence.text[p.end:d.start]) and rounds_to(d.q.value, d.q.qualifier, p.q.value):
                d.metric, d.rule = None, d.rule + "+glossed"
                break


def same_kind_of_figure(a: Draft, b: Draft) -> bool:
    return a.metric == b.metric or (a.metric in MOVE_METRICS and b.metric in MOVE_METRICS)


def rounds_to(word_value: float, qualifier: str, exact: float) -> bool:
    """Whether a word figure ("more than doubled" = at least 100) is a rounding of an exact percentage."""
    if qualifier == "at_least":
        return word_value <= exact <= word_value * 1.5
    if qualifier == "at_most":
        return word_value * 0.5 <= exact <= word_value
    return abs(exact - word_value) <= GLOSS_TOLERANCE.get(qualifier, 0.1) * max(word_value, 1)


def link_related(drafts: list[Draft], sentence: Sentence, state: ArticleState) -> None:
    """Metrics shared across figures: currency conversions, comparisons, lists and back-references."""
    for i, d in enumerate(drafts):
        prev = drafts[i - 1] if i else None
        kind = unit_kind(d.q.unit)  # d.q changes only on a `continue`
        between = sentence.text[prev.end:d.start] if prev else ""
        if prev and prev.metric and unit_kind(prev.q.unit) == kind == CURRENCY \
                and prev.q.unit != d.q.unit and BRACKET_GLUE.match(between):
            d.metric, d.rule, d.copied_from = prev.metric, "money.conversion", prev
            continue
        same_kind = [p for p in drafts[:i] if p.metric and p.copied_from is None and unit_kind(p.q.unit) == kind]
        # "ahead of the 37.9 billion yuan analysts expected" is a base; "ahead of Microsoft on 20%" is not
        if same_kind and (comparison_adjacent(text_before(sentence, d.start))
                          or (context_pattern("expectation_base").search(text_before(sentence, d.start)[-60:])
                              and context_pattern("consensus_after").match(sentence.text[d.end:]))):
            base = same_kind[-1]
            if d.metric is None or d.metric == base.metric or d.rule.startswith("cue.growth"):
                d.metric, d.rule, d.cue_text, d.compared_to = base.metric, "comparison", base.cue_text, base
            continue
        if d.metric is None and same_kind and context_pattern("consensus_before").search(text_before(sentence, d.start)):
            base = same_kind[-1]  # "...; the average estimate had been US$19.4 billion": the same figure, expected
            d.metric, d.rule, d.cue_text, d.compared_to = base.metric, "consensus", base.cue_text, base
            continue
        if level_of_change(d, drafts[:i], sentence, state.previous_money_metric) or level_of_subject(d, sentence):
            continue
        if d.metric is None and kind == CURRENCY and prev is not None and prev.metric == "market_share" \
                and not sentence.companies and context_pattern("share_amount_gloss").fullmatch(between):
            d.metric, d.rule = "market_spending", "share.amount"  # "public cloud accounted for 74% – or RMB456.2 billion"
            continue
        if kind == "percent" and d.metric != "market_share" and prev is not None \
                and prev.metric == "market_share" \
                and prev.q.unit == "pp" and re.fullmatch(r"\s*(?:to|at)\s+(?:about\s+|around\s+|roughly\s+)?", between):
            d.metric, d.rule = "market_share", "pp.share_level"  # "gained two points to 22%": the share it reached
            continue
        if kind == "percent" and d.metric in (None, "growth_rate") \
                and any(p.metric == "share_price_change" for p in drafts[:i]) \
                and context_pattern("share_gain_back").search(text_before(sentence, d.start)[-80:]):
            d.metric, d.rule = "share_price_change", "share_move.gain_to_date"  # "bringing their gain this year to 62%"
            continue
        if kind == "percent" and d.metric in (None, "growth_rate") \
                and parallel_share_move(d, drafts[:i], sentence):
            d.metric, d.rule = "share_price_change", "share_move.parallel"
            continue
        if kind == "pp" and d.metric != "market_share" and share_points_change(d, drafts[:i], sentence):
            d.metric, d.rule = "market_share", "pp.share_change"
            continue
        if d.metric is None and prev is not None and kind == CURRENCY \
                and prev.metric == "growth_rate" and linked_by_to(prev, d.q, sentence):
            reached_from = Draft(d.q, prev.start, d.end)  # "sales in the quarter rose 18% to $77.7 billion"
            classify(reached_from, sentence)
            if reached_from.metric:
                d.metric, d.rule, d.cue_text = reached_from.metric, reached_from.rule + "+growth_level", \
                    reached_from.cue_text
                continue
        if d.metric is None and kind == CURRENCY:
            left = text_before(sentence, d.start)
            verb = context_pattern("move_from").search(left)
            if verb:  # "spending is expected to climb from €9.6 billion in 2022": the noun before the verb names it
                from_verb = Draft(d.q, d.start - len(left) + verb.start(), d.end)
                classify(from_verb, sentence)
                if from_verb.metric:
                    d.metric, d.rule, d.cue_text = from_verb.metric, from_verb.rule + "+from_level", from_verb.cue_text
                    continue
            if prev is not None and prev.metric and prev.rule.endswith("+from_level") \
                    and LEVEL_TO.fullmatch(sentence.text[prev.end:d.start]):
                d.metric, d.rule, d.cue_text = prev.metric, "level.to", prev.cue_text  # "... to €27.8 billion in 2028"
                continue
        if d.metric is None and d.rule == "count.of_them":
            # "them" is the last counted noun before the figure ("one of its regions; the company has 19 of them"),
            # else the count before it
            nouns = list(count_noun_regex().finditer(text_before(sentence, d.start)))
            noun_metric = count_metric(singular(nouns[-1].group(1))) if nouns else None
            counts = [p for p in drafts[:i] if p.metric in COUNT_METRICS]
            if noun_metric or counts:
                d.metric = noun_metric or counts[-1].metric
            continue
        if d.metric is None and same_kind and POSSESSIVE_BEFORE.search(text_before(sentence, d.start)) \
                and any(e.end_char + 3 >= d.start - 10 for e in sentence.companies if e.end_char <= d.start):
            d.metric, d.rule = same_kind[-1].metric, "possessive.previous"  # "... half of Amazon's $34.6 billion"
            continue
        if kind == "percent" and d.metric in (None, "growth_rate") and prev is not None \
                and prev.metric == "market_share" and SHARE_MOVE_APPOSITION.fullmatch(between) \
                and SHARE_MOVE_NOUN.match(sentence.text[d.end:]):
            # "with 32% market share, which represents a 1% rise on the previous quarter": points of share
            d.q, d.metric, d.rule = replace(d.q, unit="pp"), "market_share", "share.move_in_percent"
            continue
        if d.metric is None and kind == "percent" and state.previous_percent_metric == "market_share" \
                and company_standing_at(d, sentence):
            d.metric, d.rule = "market_share", "list.previous_sentence"  # before list words can join it to a change
            continue
        if d.metric is None and kind in ("percent", "pp", CURRENCY):
            sibling = list_sibling(d, drafts, sentence)
            if sibling:
                d.metric, d.rule, d.cue_text = sibling.metric, "list.sibling", sibling.cue_text
            elif same_kind and context_pattern("level").search(sentence.text[max(0, d.start - 60):d.start]) \
                    and not context_pattern("difference").search(sentence.text[max(0, d.start - 80):d.start]):
                d.metric, d.rule = same_kind[-1].metric, "level.previous"
            elif same_kind and company_standing_at(d, sentence):
                d.metric, d.rule = same_kind[-1].metric, "list.standing"  # "... ahead of Microsoft on 20%"
            elif kind == "percent" and state.previous_percent_metric == "market_share" \
                    and company_standing_at(d, sentence):
                d.metric, d.rule = "market_share", "list.previous_sentence"
            elif kind == "percent" and state.previous_percent_metric == "growth_rate" \
                    and company_stands_with(d, sentence, "growth_standing"):
                d.metric, d.rule = "growth_rate", "list.previous_growth"  # "Tencent ... managed 49.5 per cent"
            elif money_of_previous_sentence(d, drafts, sentence, state):
                d.metric, d.rule = state.previous_money_metric, "money.previous_sentence"


CARRIED_MONEY_METRICS = {"investment", "revenue", "profit", "backlog", "market_spending"}


def money_of_previous_sentence(d: Draft, drafts: list[Draft], sentence: Sentence, state: ArticleState) -> bool:
    """The first money figure of a sentence that names no money metric at all continues the one the sentence before
    was about ("Meta plans to spend $70 billion on capex. Of that, about $8 billion is going to compute")."""
    if unit_kind(d.q.unit) != CURRENCY or state.previous_money_metric not in CARRIED_MONEY_METRICS:
        return False
    money = [p for p in drafts if unit_kind(p.q.unit) == CURRENCY]
    return money[0] is d and not any(p.metric for p in money) \
        and not context_pattern("difference").search(sentence.text) \
        and not context_pattern("not_carried_money").search(sentence.text) \
        and not context_pattern("money_change_left").search(text_before(sentence, d.start)[-60:])


def parallel_share_move(d: Draft, before: list[Draft], sentence: Sentence) -> bool:
    """A move in the clause after a share-price move, of another named company ("..., while Microsoft slipped 1%")."""
    moves = [p for p in before if p.metric == "share_price_change"]
    return bool(moves) and bool(context_pattern("parallel_share_move").match(sentence.text[moves[-1].end:d.start]))


def share_points_change(d: Draft, before: list[Draft], sentence: Sentence) -> bool:
    """Points right after a market share say how that share moved ("held 61% of spending, up nearly three points")."""
    percents = [p for p in before if unit_kind(p.q.unit) == "percent"]
    return bool(percents) and percents[-1].metric == "market_share" and \
        bool(context_pattern("share_points_change").match(sentence.text[percents[-1].end:d.start]))


def company_standing_at(d: Draft, sentence: Sentence) -> bool:
    """A figure right after a company in a ranking list ("Tencent on 18.6%", "AWS, with 8.6%")."""
    before = [e for e in sentence.companies if e.end_char <= d.start]
    return bool(before) and bool(context_pattern("standing").fullmatch(sentence.text[before[-1].end_char:d.start])) \
        and not context_pattern("difference").search(sentence.text[max(0, d.start - 80):d.start])


def company_stands_with(d: Draft, sentence: Sentence, kind: str) -> bool:
    """A figure right after a company and words of a kind, asides between them skipped."""
    before = [e for e in sentence.companies if e.end_char <= d.start]
    if not before:
        return False
    gap = context_pattern("participle_aside").sub(" ", sentence.text[before[-1].end_char:d.start])
    return bool(context_pattern(kind).fullmatch(gap))


def comparison_adjacent(left: str) -> bool:
    """The figure directly follows a comparison word ("from", "against", "compared with")."""
    return bool(context_pattern("comparison").search(left[-60:]))


def list_sibling(d: Draft, drafts: list[Draft], sentence: Sentence) -> Draft | None:
    """The nearest figure of the same unit kind joined to this one by list words only."""
    kind = unit_kind(d.q.unit)
    candidates = [p for p in drafts if p is not d and p.metric and unit_kind(p.q.unit) == kind]
    candidates.sort(key=lambda p: abs(p.start - d.start))
    for p in candidates:
        lo, hi = (p.end, d.start) if p.start < d.start else (d.end, p.start)
        if joined_as_list(sentence.text[lo:hi], sentence):
            return p
    earlier = [p for p in candidates if p.start < d.start and p.metric == "growth_rate"]
    if kind == "percent" and earlier and ELLIPTICAL_ITEM.fullmatch(sentence.text[earlier[0].end:d.start]):
        return earlier[0]  # "Private cloud sales rose 14 per cent, public cloud 17 per cent and hosting 6 per cent"
    return None


def joined_as_list(between: str, sentence: Sentence) -> bool:
    """Text between two figures holding only list words, companies and other figures ("17%, 31% and")."""
    if ";" in between:
        return False  # "shrinking 4.9% to $6.7 billion; 43.9% of that was ...": another clause, not a list
    for other in [*sentence.companies, *sentence.quantities, *sentence.geos]:
        between = between.replace(other.text, " ")  # "US$9bil into Singapore, US$5bil into Thailand and ..."
    words = re.findall(r"[\w%]+", between.lower())
    return len(words) <= 6 and all(w in LIST_GLUE_WORDS for w in words)


def linked_by_to(d: Draft, q: Quantity, sentence: Sentence) -> bool:
    """A change and the level it reaches ("rise 20.4% to $675.4 billion") share a period."""
    q_start, q_end = q.start_char - sentence.start, q.end_char - sentence.start
    gap = sentence.text[d.end:q_start] if q_start >= d.end else sentence.text[q_end:d.start]
    if q_start >= d.end and d.metric == "growth_rate" and reaches_level(gap):
        return True  # "will grow 19.3 per cent compared with last year, taking it to $19.9 billion in 2023"
    return bool(re.fullmatch(r"\s*,?\s*(?:(?:year[- ]on[- ]year|year[- ]over[- ]year|on[- ]year|annually|sequentially)"
                             r",?\s+)?(?:to|at)\s+(?:about |around |nearly |almost |over |more than )?", gap))


def is_conversion(q: Quantity, sentence: Sentence) -> bool:
    """A figure in brackets right after another one: the same amount in another currency."""
    before = text_before(sentence, q.start_char - sentence.start)
    return bool(re.search(r"\d[^()]{0,40}\(\s*(?:or\s+|about\s+|around\s+|roughly\s+|approximately\s+|some\s+|~)?$", before)
                or re.search(r"\d[^(),]{0,40},\s*or\s+(?:about\s+|around\s+|roughly\s+|approximately\s+|some\s+)?$", before))


def inherit_from(d: Draft, base: Draft, sentence: Sentence, state: ArticleState) -> None:
    """A currency conversion shares everything with the figure it converts."""
    d.subject, d.subjects_each, d.period, d.own_period = base.subject, base.subjects_each, base.period, base.own_period
    d.geographies, d.forecast, d.source, d.sign = base.geographies, base.forecast, base.source, base.sign
