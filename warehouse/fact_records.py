"""Fact records made ready to store, article by article: their fact_id, a bracketed conversion's conversion_of (the
fact_id of the fact it translates) and the US dollar value of money facts (warehouse/usd.py).

The extractor knows no article_id, so a conversion names the fact it translates by its position among the article's
facts (`conversion_of_position`, extractors.models.Fact); the records of one article keep the extractor's order.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping, Sequence

from warehouse.usd import article_usd


def fact_id_for(fact: Mapping) -> str:
    """Stable fact_id: sha256 of article_id|metric|unit|start_char|end_char|value|subject|geography.

    Subject and geography are part of it because one figure said of several companies or places "each" is
    one fact per company or place, all with the same span.
    """
    identity = "|".join([
        str(fact["article_id"]),
        str(fact["metric"]),
        str(fact["unit"]),
        str(int(fact["start_char"])),
        str(int(fact["end_char"])),
        repr(float(fact["value"])) if fact["value"] is not None else "None",
        ",".join(fact.get("subject") or []),
        str(fact.get("geography")),
    ])
    return hashlib.sha256(identity.encode("utf-8")).hexdigest()


def _position(record: Mapping, count: int) -> int | None:
    """The position a conversion names, when it is one of its article's facts."""
    position = record.get("conversion_of_position")
    if position is None or isinstance(position, bool) or not isinstance(position, int) or not 0 <= position < count:
        return None
    return position


def article_records(facts: Sequence[Mapping], published: dt.date | None) -> list[dict]:
    """One article's fact records, in the extractor's order, with fact_id, conversion_of (the fact_id of the fact a
    conversion translates; a given conversion_of is kept when no position is), value_usd, usd_basis, usd_rate_date."""
    ids = [fact_id_for(f) for f in facts]
    targets = [_position(f, len(facts)) for f in facts]
    partners: list[list[int]] = [[] for _ in facts]
    for i, target in enumerate(targets):
        if target is not None and target != i:
            partners[i].append(target)
            partners[target].append(i)
    out = []
    for fact, fact_id, target, usd in zip(facts, ids, targets, article_usd(facts, partners, published)):
        record = {k: v for k, v in fact.items() if k != "conversion_of_position"}
        record.update(fact_id=fact_id, conversion_of=ids[target] if target is not None else fact.get("conversion_of"),
                      **usd)
        out.append(record)
    return out


def completed_records(facts: Sequence[Mapping], published_of: Mapping[str, dt.date | None]) -> list[dict]:
    """Records of many articles (each article's in the extractor's order) completed by article_records, in the
    given order; `published_of` maps article_id to its published date."""
    by_article: dict[str, list[int]] = {}
    for index, fact in enumerate(facts):
        by_article.setdefault(fact["article_id"], []).append(index)
    out: list[dict | None] = [None] * len(facts)
    for article_id, indexes in by_article.items():
        done = article_records([facts[i] for i in indexes], published_of.get(article_id))
        for index, record in zip(indexes, done):
            out[index] = record
    return out
