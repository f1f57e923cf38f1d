"""Scores the extractor on every evaluation corpus: ../shared/corpus/dev, dev2 and eval/sets/*.

usage: python eval/run_eval.py [--sets NAME ...] [--errors NAME] [--out DIR] [--markdown]

One line per set (articles, gold facts, P, R, F1, strict F1, the weakest attributes), then the total.
`--errors NAME` also lists that set's misses, spurious facts and attribute disagreements with their
sentences: what to read before writing a rule. `--markdown` prints the README's quality table: each set's first
measurement (eval/first_measurements.json: the number taken before any rule was changed for the set) next to now. Extraction goes straight through
`extractors.facts.extract_facts` with the same article reader the CLI uses (no Prefect, no warehouse),
so it is the extractor that is measured. The scorer is ../shared/eval/score.py itself.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
ARTICLE_SUFFIXES = {".md", ".txt", ".html", ".htm"}
WEAKEST_SHOWN = 3


@dataclass(frozen=True)
class EvalSet:
    name: str
    folder: Path

    @property
    def gold(self) -> Path:
        return self.folder / "gold.jsonl"


def load_scorer():
    spec = importlib.util.spec_from_file_location("shared_score", SHARED / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def discover_sets() -> list[EvalSet]:
    found = [EvalSet(name, SHARED / "corpus" / name) for name in ("dev", "dev2")]
    found += [EvalSet(folder.name, folder) for folder in sorted((ROOT / "eval" / "sets").glob("*")) if folder.is_dir()]
    return [s for s in found if s.gold.is_file()]


def predict(eval_set: EvalSet, bodies: dict[str, str] | None = None) -> list[dict]:
    from extractors.articles import Rejected
    from extractors.facts import extract_facts
    from extractors.sources import read_source

    predictions = []
    for path in sorted(eval_set.folder.iterdir()):
        if path.suffix.lower() not in ARTICLE_SUFFIXES or path.name.lower() == "readme.md":
            continue
        for article in read_source(path):
            if isinstance(article, Rejected):
                print(f"rejected: {path}: {article.reason}", file=sys.stderr)
                continue
            if bodies is not None:
                bodies[article.name] = article.body
            for fact in extract_facts(article.body, article.published, article.title):
                predictions.append(dict(fact.as_record(), article=article.name))
    return predictions


def summary_line(name: str, result: dict) -> str:
    overall, strict = result["overall"], result["strict"]
    attributes = {k: v for k, v in result["attributes"].items() if v is not None}
    weakest = sorted(attributes.items(), key=lambda kv: kv[1])[:WEAKEST_SHOWN]
    weak = ", ".join(f"{k} {v:.2f}" for k, v in weakest)
    return (f"{name:<14} {result['articles']:>4} {overall['gold']:>5} {overall['precision']:>6.3f} {overall['recall']:>6.3f} "
            f"{overall['f1']:>6.3f} {strict['f1']:>7.3f}   {weak}")


def context_of(body: str, text: str) -> str:
    """The line around the first occurrence of a gold fact's text: where to look for a missed figure."""
    at = body.find(text) if text else -1
    if at < 0:
        return "(text not in body)"
    start = max(body.rfind("\n", 0, at), body.rfind(". ", 0, at - 1)) + 1
    ends = [e for e in (body.find(". ", at + len(text)), body.find("\n", at)) if e >= 0]
    return body[start:min(ends) + 1 if ends else len(body)].strip()


def print_errors(scorer, gold: list[dict], predictions: list[dict], bodies: dict[str, str]) -> None:
    by_article: dict[str, tuple[list, list]] = {}
    for g in gold:
        by_article.setdefault(g["article"], ([], []))[0].append(g)
    for p in predictions:
        if p["article"] in by_article:
            by_article[p["article"]][1].append(p)
    for article, (gs, ps) in sorted(by_article.items()):
        pairs = scorer.match(gs, ps)
        matched_g, matched_p = {i for i, _ in pairs}, {j for _, j in pairs}
        for i, g in enumerate(gs):
            if i not in matched_g:
                print(f"MISS  {article} {g['metric']} {g['value']} {g['unit']} {g['text']!r} subj={g['subject']} per={g['period']}"
                      f"\n      | {context_of(bodies.get(article, ''), g['text'])}")
        for j, p in enumerate(ps):
            if j not in matched_p:
                print(f"SPUR  {article} {p['metric']} {p['value']} {p['unit']} {p['text']!r} subj={p['subject']} per={p['period']}"
                      f"\n      | {p['sentence']}")
        for i, j in pairs:
            wrong = {k: (gs[i].get(k), ps[j].get(k)) for k, ok in scorer.agree(gs[i], ps[j]).items() if ok is False}
            if wrong:
                print(f"ATTR  {article} {gs[i]['metric']} {gs[i]['text']!r} " +
                      " ".join(f"{k}: gold={g!r} got={p!r}" for k, (g, p) in wrong.items()) + f"\n      | {ps[j]['sentence']}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sets", nargs="*", help="only these sets (names as printed)")
    parser.add_argument("--errors", help="list the misses, spurious facts and disagreements of this set")
    parser.add_argument("--out", type=Path, help="write each set's predictions to DIR/NAME.jsonl")
    parser.add_argument("--markdown", action="store_true", help="print the README's quality table")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    scorer = load_scorer()
    sets = [s for s in discover_sets() if not args.sets or s.name in args.sets]
    all_gold, all_predictions = [], []
    results: dict[str, dict] = {}
    if not args.markdown:
        print(f"{'set':<14} {'arts':>4} {'gold':>5} {'P':>6} {'R':>6} {'F1':>6} {'strict':>7}   weakest attributes")
    for eval_set in sets:
        gold = scorer.read_jsonl(eval_set.gold)
        bodies: dict[str, str] = {}
        predictions = predict(eval_set, bodies)
        if args.out:
            args.out.mkdir(parents=True, exist_ok=True)
            (args.out / f"{eval_set.name}.jsonl").write_text(
                "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in predictions), encoding="utf-8")
        results[eval_set.name] = scorer.score(gold, predictions)
        if not args.markdown:
            print(summary_line(eval_set.name, results[eval_set.name]))
        if args.errors == eval_set.name:
            print_errors(scorer, gold, predictions, bodies)
        # Article names can repeat across sets: keep them apart in the total.
        all_gold += [dict(g, article=f"{eval_set.name}/{g['article']}") for g in gold]
        all_predictions += [dict(p, article=f"{eval_set.name}/{p['article']}") for p in predictions]
    development = ("dev/", "dev2/")
    if {"dev", "dev2"} <= {s.name for s in sets}:
        results["dev+dev2"] = scorer.score([g for g in all_gold if g["article"].startswith(development)],
                                           [p for p in all_predictions if p["article"].startswith(development)])
    if len(sets) > 1:
        results["total"] = scorer.score(all_gold, all_predictions)
    if args.markdown:
        print(markdown_table(results))
    else:
        for name in ("dev+dev2", "total"):
            if name in results:
                print(summary_line(name, results[name]))
    return 0


def markdown_table(results: dict[str, dict]) -> str:
    """The README's quality table: per set, the first measurement and now, and the attribute agreements."""
    first = {r["set"]: r for r in json.loads((ROOT / "eval" / "first_measurements.json").read_text(encoding="utf-8"))}
    lines = ["| set | articles, gold facts | first measured (commit): P / R / F1 / strict F1 | now: P / R / F1 / strict F1 "
             "| subject, period agreement now | role |", "|---|---|---|---|---|---|"]
    for name, result in results.items():
        o, s, a = result["overall"], result["strict"], result["attributes"]
        then = first.get(name)
        before = (f"{then['precision']:.3f} / {then['recall']:.3f} / {then['f1']:.3f} / {then['strict_f1']:.3f} "
                  f"({then['commit']})") if then else "-"
        role = then["role"] if then else ("written against" if name == "dev" else "")
        lines.append(f"| {name} | {result['articles']}, {o['gold']} | {before} | {o['precision']:.3f} / {o['recall']:.3f} / "
                     f"{o['f1']:.3f} / {s['f1']:.3f} | {a.get('subject', 0):.2f}, {a.get('period', 0):.2f} | {role} |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
