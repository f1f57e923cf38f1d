"""Finished drafts as facts: one per company for distributive figures and one per geography, then each fact of an
article once (its first mention, completed by later ones), dated (fact_dates) and each bracketed conversion pointing
at the position of the fact it translates."""
from __future__ import annotations

from dataclasses import replace

from extractors.drafts import Draft, Sentence
from extractors.entities import group_of
from extractors.fact_dates import fact_period_bounds
from extractors.models import Fact
from extractors.segments import MarketScope, measures


def emit(d: Draft, sentence: Sentence, scope: MarketScope | None = None, converted: list[Fact] = ()) -> list[Fact]:
    """The facts of a finished draft: one per company for distributive figures, one per geography; each with what
    it measures (segments.measures, the article's market from `scope`). A conversion's facts each point at the fact
    among `converted` (those of the figure it translates) with the same subject and geography."""
    if d.metric is None:
        return []
    value = d.q.value * d.sign
    high = d.q.value_high * d.sign if d.q.value_high is not None else None
    if high is not None and high < value:
        value, high = high, value
    text, rule = sentence.text.strip(), d.rule or "cue"
    facts = []
    for subject in d.subjects_each or [d.subject or ()]:
        named = tuple(s for s in subject if s)
        segment, grown = measures(d, sentence, named, scope)  # the same for each geography
        for geo in d.geographies or [None]:
            facts.append(Fact.made(metric=d.metric, value=value, value_high=high, unit=d.q.unit, qualifier=d.q.qualifier,
                              subject=named, geography=geo, period=d.period, forecast=d.forecast, source=d.source,
                              text=d.q.text, start_char=d.q.start_char, end_char=d.q.end_char, sentence=text,
                              rule=rule, converts=translated(converted, named, geo), segment=segment,
                              growth_of=grown))
    return facts


def translated(converted: list[Fact], subject: tuple[str, ...], geography: str | None) -> Fact | None:
    """The fact a conversion translates: the one of its figure with the same subject and geography."""
    return next((f for f in converted if f.subject == subject and f.geography == geography), None)


def finish(facts: list[Fact]) -> list[Fact]:
    """An article's facts once each (first_mentions), with the first and last day of their periods and each conversion's
    `conversion_of_position`: where the fact it translates (or the first mention of that fact) stands among them."""
    kept, position_of = first_mentions(facts)
    out = []
    for f in kept:
        bounds = fact_period_bounds(f.period, f.subject)
        target = position_of.get(id(f.converts)) if f.converts is not None else None
        out.append(f.with_fields(period_start=bounds[0] if bounds else None,
                                 period_end=bounds[1] if bounds else None, conversion_of_position=target, converts=None))
    return out


def first_mentions(facts: list[Fact]) -> tuple[list[Fact], dict[int, int]]:
    """Within one article the same fact is reported once: its first mention, completed by later ones; and for every
    given fact (by id) the position of the fact that stands for it.

    Mentions are the same fact when metric, value, unit, subject (by company group) and geography agree and
    their periods agree or one of them has none; the first mention keeps its span and gains the period.
    """
    kept: dict[tuple, list[int]] = {}
    out: list[Fact] = []
    position_of: dict[int, int] = {}
    for f in facts:
        key = (f.metric, round(f.value, 6), f.value_high, f.unit,
               tuple(sorted({group_of(s) for s in f.subject})), f.geography, f.forecast)
        same = [i for i in kept.get(key, []) if out[i].period == f.period or None in (out[i].period, f.period)]
        if not same:
            kept.setdefault(key, []).append(len(out))
            position_of[id(f)] = len(out)
            out.append(f)
            continue
        position_of[id(f)] = same[0]
        if out[same[0]].period is None and f.period is not None:
            out[same[0]] = replace(out[same[0]], period=f.period)
    return out, position_of
