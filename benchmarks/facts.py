"""Speed of extract_facts against spaCy tokenisation alone on a folder of real articles, in one run.

Usage: .venv/bin/python benchmarks/facts.py FOLDER [--passes 3]

Each pass tokenises every body with spacy.blank("en") and then extracts the facts of every body
(extract_facts_many, which builds its own spaCy tokeniser). The first pass is cold: both tokenisers
still fill their caches with the folder's words, as in one run over new articles. Later passes are
warm: the same words again, which makes tokenising several times faster and extraction only a
little, so the warm ratio is the harder one. pipeline.py measures the same on generated news.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import spacy

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from extractors.articles import Article  # noqa: E402
from extractors.facts import extract_facts_many  # noqa: E402
from extractors.sources import discover_sources, read_source  # noqa: E402


def main() -> None:
    """Read the folder, time tokenisation and extraction per pass, print the ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--passes", type=int, default=3)
    args = parser.parse_args()
    # Read the way the flow reads (a JSON Lines file of non-articles, such as a gold file, is rejected).
    articles = [a for source in discover_sources([args.folder]) for a in read_source(source) if isinstance(a, Article)]
    items = [(a.body, a.published, a.title) for a in articles]
    words = sum(len(body.split()) for body, _, _ in items)
    print(f"{len(items)} articles, {words:,} words from {args.folder}")
    nlp = spacy.blank("en")
    nlp("Warm up.")
    extract_facts_many([("Warm up: the rule tables load once per process, 5% in 2024.", None)])
    for number in range(1, args.passes + 1):
        started = time.perf_counter()
        for _ in nlp.pipe(body for body, _, _ in items):
            pass
        tokenise = time.perf_counter() - started
        started = time.perf_counter()
        facts = sum(len(found) for found in extract_facts_many(items))
        extract = time.perf_counter() - started
        state = "cold" if number == 1 else "warm"
        print(f"pass {number} ({state}): tokenise {tokenise:6.3f} s ({words / tokenise:10,.0f} words/s)   "
              f"extract {extract:6.3f} s ({words / extract:8,.0f} words/s, {facts:,} facts)   "
              f"ratio extract/tokenise speed {tokenise / extract:5.3f} (target >= 0.15)")


if __name__ == "__main__":
    main()
