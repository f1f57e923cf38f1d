"""How often a geography or source the extractor gives is right, counting the cases ../shared/eval/score.py leaves
out.

usage: python eval/attribute_precision.py [--attribute geography|source] [--sets NAME ...]

score.py compares `geography` and `source` only where the gold gives one, so a place or firm given where the gold
has none is never counted against the extractor. This script matches facts as score.py does (metric, unit, value)
and sorts every matched fact by what the extractor gave: right, wrong, given where the gold has none, none where the
gold has one, none where the gold has none. Precision of given values = right / all given.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter

from run_eval import ROOT, discover_sets, load_scorer, predict

OUTCOMES = ("right", "wrong", "given_gold_none", "none_gold_has", "none_gold_none")


def outcome(gold: str | None, given: str | None, norm) -> str:
    """Which of OUTCOMES a matched fact's geography is."""
    if given is None:
        return "none_gold_has" if gold else "none_gold_none"
    if gold is None:
        return "given_gold_none"
    return "right" if norm(gold) == norm(given) else "wrong"


def count(scorer, gold: list[dict], predictions: list[dict], attribute: str) -> Counter:
    """Outcome counts over the facts score.py matches, article by article."""
    counts: Counter = Counter()
    for article in {g["article"] for g in gold}:
        gs = [g for g in gold if g["article"] == article]
        ps = [p for p in predictions if p.get("article") == article]
        for i, j in scorer.match(gs, ps):
            counts[outcome(gs[i].get(attribute), ps[j].get(attribute), scorer.norm)] += 1
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attribute", choices=("geography", "source"), default="geography")
    parser.add_argument("--sets", nargs="*", help="only these sets (names as run_eval.py prints them)")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    scorer = load_scorer()
    total: Counter = Counter()
    print(f"{'set':14s} " + " ".join(f"{o:>16s}" for o in OUTCOMES) + "  precision")
    for eval_set in discover_sets():
        if args.sets and eval_set.name not in args.sets:
            continue
        gold = [json.loads(line) for line in eval_set.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
        counts = count(scorer, gold, predict(eval_set), args.attribute)
        total += counts
        print(row(eval_set.name, counts))
    print(row("total", total))
    return 0


def row(name: str, counts: Counter) -> str:
    given = counts["right"] + counts["wrong"] + counts["given_gold_none"]
    precision = f"{counts['right'] / given:.3f}" if given else "-"
    return f"{name:14s} " + " ".join(f"{counts[o]:16d}" for o in OUTCOMES) + f"  {precision}"


if __name__ == "__main__":
    sys.exit(main())
