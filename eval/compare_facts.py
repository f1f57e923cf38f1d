"""Dump every fact the extractor finds over the known articles, and diff two dumps.

Proof that a refactoring leaves the facts identical:

    python eval/compare_facts.py dump /tmp/before.jsonl     # on the old code
    python eval/compare_facts.py dump /tmp/after.jsonl      # on the new code
    python eval/compare_facts.py diff /tmp/before.jsonl /tmp/after.jsonl   # exit 1 on any difference

Articles are read as `cloudfacts extract` reads them (extractors.sources.read_source, then
extractors.facts.extract_facts with the article's body, published date and title), from
sample_articles/, ../shared/corpus/dev/, ../shared/corpus/dev2/ and eval/sets/*/ (folders that do
not exist are skipped; gold.jsonl and expected.jsonl are answers and README files describe a set, neither is
an article), and from any further folders given after OUT (labelled extra/NAME). One JSON line per
fact: the article, its folder, the fact's position among the article's facts and every field
(FACTS.md names plus `rule`), keys sorted.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ANSWER_FILES = {"gold.jsonl", "expected.jsonl"}


def is_article_file(path: Path) -> bool:
    """Article files only: not the answers (gold.jsonl, expected.jsonl) nor a set's README."""
    return path.name not in ANSWER_FILES and path.stem.upper() != "README"


def article_folders() -> list[Path]:
    """The folders whose articles make up the comparison, in a fixed order; missing ones left out."""
    folders = [ROOT / "sample_articles", ROOT.parent / "shared" / "corpus" / "dev",
               ROOT.parent / "shared" / "corpus" / "dev2"]
    sets = ROOT / "eval" / "sets"
    if sets.is_dir():
        folders += sorted(p for p in sets.iterdir() if p.is_dir())
    return [folder for folder in folders if folder.is_dir()]


def label(folder: Path) -> str:
    """A short, machine-independent name for a folder ("sample_articles", "shared/corpus/dev", "eval/sets/x")."""
    for base in (ROOT, ROOT.parent):
        if folder.is_relative_to(base):
            return str(folder.relative_to(base))
    return str(folder)


def dump(out_path: Path, extra: list[Path] = ()) -> int:
    """Write one line per fact of every article; returns the number of facts."""
    from extractors.article_files import discover_files
    from extractors.articles import Rejected
    from extractors.facts import extract_facts
    from extractors.sources import read_source

    count = 0
    with open(out_path, "w", encoding="utf-8") as out:
        folders = [(folder, label(folder)) for folder in article_folders()]
        folders += [(folder.resolve(), "extra/" + folder.resolve().name) for folder in extra]
        for folder, name in folders:
            for path in discover_files([folder]):
                if isinstance(path, Rejected):
                    print(f"rejected: {path.source_path}: {path.reason}", file=sys.stderr)
                    continue
                if not is_article_file(path):
                    continue
                for article in read_source(path):
                    if isinstance(article, Rejected):
                        print(f"rejected: {article.source_path}: {article.reason}", file=sys.stderr)
                        continue
                    where = name + "/" + str(path.relative_to(folder).parent)
                    for index, fact in enumerate(extract_facts(article.body, article.published, article.title)):
                        record = dict(fact.as_record(), article=article.name, folder=where.rstrip("/."), index=index)
                        out.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
                        count += 1
    return count


def by_article(path: Path) -> dict[str, list[str]]:
    """The dump's lines grouped by folder/article, each without its position (kept in list order)."""
    groups: dict[str, list[str]] = defaultdict(list)
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            record = json.loads(line)
            key = f"{record.pop('folder')}/{record['article']}"
            record.pop("index", None)
            groups[key].append(json.dumps(record, ensure_ascii=False, sort_keys=True))
    return groups


def diff(a_path: Path, b_path: Path) -> int:
    """Print the facts only in A and only in B, by article; 1 when there are any (or the order differs)."""
    a, b = by_article(a_path), by_article(b_path)
    differences = 0
    for key in sorted(set(a) | set(b)):
        left, right = a.get(key, []), b.get(key, [])
        if left == right:
            continue
        only_a = list(left)
        only_b = []
        for line in right:
            if line in only_a:
                only_a.remove(line)
            else:
                only_b.append(line)
        print(f"== {key}")
        for line in only_a:
            print(f"  only in A: {line}")
        for line in only_b:
            print(f"  only in B: {line}")
        if not only_a and not only_b:
            print("  same facts, different order")
        differences += max(len(only_a) + len(only_b), 1)
    total_a, total_b = sum(map(len, a.values())), sum(map(len, b.values()))
    if differences:
        print(f"{differences} differences ({total_a} facts in A, {total_b} in B)")
        return 1
    print(f"no differences ({total_a} facts in {len(a)} articles)")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    dump_cmd = commands.add_parser("dump", help="write every fact of the known articles as JSON lines")
    dump_cmd.add_argument("out", type=Path)
    dump_cmd.add_argument("extra", type=Path, nargs="*", help="further folders of articles")
    diff_cmd = commands.add_parser("diff", help="print the facts only in A or only in B; exit 1 if any")
    diff_cmd.add_argument("a", type=Path)
    diff_cmd.add_argument("b", type=Path)
    args = parser.parse_args(argv)
    if args.command == "dump":
        count = dump(args.out, args.extra)
        print(f"{count} facts written to {args.out}", file=sys.stderr)
        return 0
    return diff(args.a, args.b)


if __name__ == "__main__":
    sys.exit(main())
