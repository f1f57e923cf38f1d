"""Extraction speed of this code against a frozen copy of an older commit, both measured in one run.

Usage: .venv/bin/python benchmarks/speedup.py [--base 7e6f190] [--articles 1000] [--repeat 3] [--profile]
                                            [--clock wall|cpu]

The old code is `git archive BASE extractors`, unpacked into a temporary folder as the package
`extractors_BASE` (its imports rewritten), so both versions load side by side in this process. Each corpus
(N generated articles from benchmarks/generate.py, the seed of pipeline.py; ../shared/corpus/dev and dev2) is
extracted with extract_facts_many in batches of 500, old and new taking turns, `--repeat` times each; the best
time of each counts. Before each pass the size-bounded lru_caches of both packages are emptied, so no repeat
profits from having seen the same texts (dev and dev2 are small enough to fit in them). Prints words/s of both
and the ratio. `--profile` adds cProfile's top functions of the new code on the generated articles, grouped by
module.
"""
from __future__ import annotations

import argparse
import cProfile
import importlib
import io
import pstats
import re
import subprocess
import sys
import tarfile
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import write_corpus  # noqa: E402

from extractors.article_files import discover_files, read_article  # noqa: E402
from extractors.articles import Article  # noqa: E402

BATCH = 500


def frozen_package(base: str, into: Path) -> str:
    """Unpack the extractors package of commit `base` as package extractors_<base> under `into`; its name."""
    name = "extractors_" + re.sub(r"\W", "_", base)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", base, "extractors"], capture_output=True,
                             check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    package = into / name
    (into / "extractors").rename(package)
    for module in package.glob("*.py"):
        text = module.read_text(encoding="utf-8")
        text = re.sub(r"\b(from|import) extractors\b", rf"\1 {name}", text)
        # Its spaCy factories get names of their own: spaCy refuses a second factory of one name (E004).
        module.write_text(text.replace('"cloudfacts_', f'"{name}_'), encoding="utf-8")
    sys.path.insert(0, str(into))
    return name


def corpus(folder: Path) -> tuple[list[tuple], int]:
    """(body, published, title) of each article of a folder, and the words of all bodies."""
    articles = [a for a in (read_article(p) for p in discover_files([folder])) if isinstance(a, Article)]
    items = [(a.body, a.published, a.title) for a in articles]
    return items, sum(len(body.split()) for body, _, _ in items)


def extract_all(extract_many, items: list[tuple]) -> int:
    """Facts of every item, in batches as the flow makes them; returns how many."""
    return sum(len(facts) for first in range(0, len(items), BATCH) for facts in extract_many(items[first:first + BATCH]))


def clear_text_caches(package: str) -> int:
    """Empty the package's size-bounded lru_caches (those keyed by texts, names or word runs), so a repeat pays
    what a first pass over new articles pays; unbounded ones hold loaded rule tables and stay. How many."""
    cleared = 0
    for name, module in list(sys.modules.items()):
        if name != package and not name.startswith(package + "."):
            continue
        for value in vars(module).values():
            maxsize = getattr(value, "cache_parameters", lambda: {"maxsize": None})()["maxsize"]
            if maxsize is not None and maxsize >= 64:
                value.cache_clear()
                cleared += 1
    return cleared


def measure(label: str, items: list[tuple], words: int, old, new, repeat: int,
            clock=time.perf_counter) -> tuple[float, float]:
    """Best seconds of old and new over the items, taking turns, each pass with emptied text caches; prints one
    table row."""
    best = {"old": float("inf"), "new": float("inf")}
    facts = {}
    for _ in range(repeat):
        for name, module in (("old", old), ("new", new)):
            clear_text_caches(module.__name__.rpartition(".")[0])
            started = clock()
            facts[name] = extract_all(module.extract_facts_many, items)
            best[name] = min(best[name], clock() - started)
    print(f"| {label} | {len(items):,} | {words:,} | {words / best['old']:,.0f} | {words / best['new']:,.0f} | "
          f"{best['old'] / best['new']:.2f}x | {facts['old']:,} / {facts['new']:,} |")
    return best["old"], best["new"]


def profile(new, items: list[tuple], top: int = 25) -> None:
    """cProfile of the new code: time per module (own time) and the top functions by own time."""
    profiler = cProfile.Profile()
    profiler.enable()
    extract_all(new.extract_facts_many, items)
    profiler.disable()
    stats = pstats.Stats(profiler)
    total = sum(row[2] for row in stats.stats.values())
    by_module: dict[str, float] = defaultdict(float)
    for (filename, _, _), row in stats.stats.items():
        by_module[Path(filename).name if "extractors" in filename else
                   ("spacy/numpy" if "spacy" in filename or "numpy" in filename else "other (re, builtins)")] += row[2]
    print(f"\nown time per module (cProfile, {total:.1f} s in all):")
    for module, seconds in sorted(by_module.items(), key=lambda kv: -kv[1])[:15]:
        print(f"  {module:28s} {seconds:6.2f} s {100 * seconds / total:5.1f}%")
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(top)
    print(out.getvalue())


def main() -> None:
    """Freeze, generate, measure, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="7e6f190", help="the commit to compare with (default: before issue 14)")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--clock", choices=("wall", "cpu"), default="wall",
                        help="cpu: this process's CPU time (steadier when other work shares the machine)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cloudfacts-speedup-") as work:
        old = importlib.import_module(frozen_package(args.base, Path(work) / "frozen") + ".facts")
        new = importlib.import_module("extractors.facts")
        write_corpus(Path(work) / "generated", args.articles, args.seed)
        corpora = [(f"generated news (seed {args.seed})", *corpus(Path(work) / "generated"))]
        for folder in (ROOT.parent / "shared" / "corpus" / "dev", ROOT.parent / "shared" / "corpus" / "dev2"):
            if folder.is_dir():
                corpora.append((f"corpus/{folder.name}", *corpus(folder)))
        for module in (old, new):
            module.extract_facts_many(corpora[0][1][:5])  # rule tables and pipelines load outside the timing
        head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True).stdout.strip()
        print(f"old = {args.base} (frozen copy), new = working tree at {head}; best of {args.repeat} ({args.clock} "
              f"clock, text caches emptied before each pass), batches of {BATCH}\n")
        print("| corpus | articles | words | old words/s | new words/s | new/old | facts old / new |")
        print("|---|---|---|---|---|---|---|")
        for label, items, words in corpora:
            measure(label, items, words, old, new, args.repeat,
                    time.process_time if args.clock == "cpu" else time.perf_counter)
        if args.profile:
            profile(new, corpora[0][1])


if __name__ == "__main__":
    main()
