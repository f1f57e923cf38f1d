"""Scoring of facts against gold facts, as FACTS.md defines it (a copy of the contract's matching rules,
so that the project's tests do not depend on ../shared at test time)."""
from __future__ import annotations

from collections import defaultdict

GROUPS = {
    "Amazon": ["AWS", "Amazon"],
    "Microsoft": ["Microsoft Azure", "Microsoft"],
    "Alphabet": ["Google Cloud", "Google", "Alphabet"],
    "Alibaba": ["Alibaba Cloud", "Alibaba Group"],
    "Oracle": ["Oracle Cloud", "Oracle"],
    "Huawei": ["Huawei Cloud", "Huawei"],
    "Tencent": ["Tencent Cloud", "Tencent"],
    "Baidu": ["Baidu AI Cloud", "Baidu"],
}
GROUP_OF = {name.casefold(): group for group, names in GROUPS.items() for name in names}
VALUE_TOLERANCE = 0.005


def group_of(name: str) -> str:
    """The company group of a canonical subject name (itself when in no known group)."""
    return GROUP_OF.get(name.strip().casefold(), name.strip().casefold())


def close(a, b) -> bool:
    """Values agree within 0.5% of the gold value (both None also agrees)."""
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) <= VALUE_TOLERANCE * max(abs(float(b)), 1e-9)


def norm(value):
    """Case- and space-insensitive form of a text value."""
    return value.strip().casefold() if isinstance(value, str) else value


def agreement(gold: dict, pred: dict) -> dict[str, bool]:
    """Which attributes of a matched pair agree."""
    return {
        "subject": frozenset(map(group_of, gold["subject"] or [])) == frozenset(map(group_of, pred.get("subject") or [])),
        "period": norm(gold["period"]) == norm(pred.get("period")),
        "forecast": bool(gold["forecast"]) == bool(pred.get("forecast")),
        "qualifier": gold["qualifier"] == pred.get("qualifier"),
    }


def match(gold: list[dict], pred: list[dict]) -> list[tuple[int, int]]:
    """One-to-one matches on metric, unit and value; ties go to the pair that agrees most."""
    pairs = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            if g["metric"] == p.get("metric") and g["unit"] == p.get("unit") \
                    and close(p.get("value"), g["value"]) and close(p.get("value_high"), g.get("value_high")):
                a = agreement(g, p)
                pairs.append((-(2 * (norm(g.get("text")) == norm(p.get("text"))) + a["subject"] + a["period"]), i, j))
    used_g, used_p, out = set(), set(), []
    for _, i, j in sorted(pairs):
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            out.append((i, j))
    return out


def score(gold_facts: list[dict], pred_facts: list[dict]) -> dict:
    """Precision, recall and F1 over articles in the gold, plus misses and spurious facts for messages."""
    gold_by, pred_by = defaultdict(list), defaultdict(list)
    for g in gold_facts:
        gold_by[g["article"]].append(g)
    for p in pred_facts:
        if p.get("article") in gold_by:
            pred_by[p["article"]].append(p)
    tp = n_pred = n_gold = 0
    misses, spurious = [], []
    for article, golds in gold_by.items():
        preds = pred_by.get(article, [])
        pairs = match(golds, preds)
        tp, n_pred, n_gold = tp + len(pairs), n_pred + len(preds), n_gold + len(golds)
        matched_g, matched_p = {i for i, _ in pairs}, {j for _, j in pairs}
        misses += [g for i, g in enumerate(golds) if i not in matched_g]
        spurious += [p for j, p in enumerate(preds) if j not in matched_p]
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "misses": misses, "spurious": spurious}
