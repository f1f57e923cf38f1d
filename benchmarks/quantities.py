"""Speed of extract_quantities against spaCy tokenisation alone (and quantulum3 when installed) on generated news text.

Usage: PYTHONPATH=. .venv/bin/python benchmarks/quantities.py [--megabytes 3]
"""
from __future__ import annotations

import argparse
import random
import time

import spacy

from extractors.quantities import extract_quantities

SUBJECTS = ["Amazon Web Services", "Microsoft Azure", "Google Cloud", "Alibaba Cloud", "Oracle", "Huawei Cloud", "the company"]
TEMPLATES = [
    "{s} said revenue rose {p}% to US${m} billion in the quarter, ahead of analyst estimates.",
    "{s} plans to invest more than ${m} billion over the next three years in {n} new data centers.",
    "Spending on cloud infrastructure reached about ${m} billion in 2024, according to Canalys.",
    "{s} now operates {n} availability zones across {k} regions, and two more are planned.",
    "Its market share was {p} per cent, up {q} percentage points from a year earlier.",
    "Operating income fell {q} percent to {m} billion yuan (US${m2} billion) in the March quarter.",
    "The firm employs {n},{t} people and serves customers in {k} countries.",
    "Analysts expect growth of between {q}% and {p}% as demand for AI services doubled.",
    "Shares slid {q} per cent on Friday after the announcement in Seattle.",
    "The new campus will draw {n}0 megawatts when it opens in the second half of 2026.",
    "More than half of enterprises now run workloads on at least two public clouds, the survey found.",
    "Chief executive officer said the backlog stood at {m} billion dollars at the end of June.",
]


def generated_text(megabytes: float, seed: int = 7) -> str:
    """News-like paragraphs with figures, about the requested size."""
    rng = random.Random(seed)
    parts: list[str] = []
    size = 0
    while size < megabytes * 1_000_000:
        sentence = rng.choice(TEMPLATES).format(
            s=rng.choice(SUBJECTS), p=f"{rng.uniform(1, 60):.1f}", q=f"{rng.uniform(0.1, 9):.1f}",
            m=f"{rng.uniform(1, 99):.1f}", m2=f"{rng.uniform(1, 20):.2f}", n=rng.randint(2, 99), k=rng.randint(2, 40),
            t=f"{rng.randint(0, 999):03d}",
        )
        parts.append(sentence)
        size += len(sentence) + 1
        if rng.random() < 0.15:
            parts.append("\n\n")
    return " ".join(parts)


def words_per_second(label: str, run, chunks: list[str], n_words: int) -> float:
    """Time run over all chunks and print words per second."""
    started = time.perf_counter()
    found = 0
    for chunk in chunks:
        result = run(chunk)
        found += len(result) if hasattr(result, "__len__") else 0
    seconds = time.perf_counter() - started
    rate = n_words / seconds
    print(f"{label:28s} {seconds:7.2f} s  {rate:10,.0f} words/s  ({found:,} items)")
    return rate


def main() -> None:
    """Generate text, time tokenisation, our extractor and the optional peer, print the ratio."""
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--megabytes", type=float, default=3.0)
    options = args.parse_args()
    text = generated_text(options.megabytes)
    chunks = [c for c in text.split("\n\n") if c.strip()]
    n_words = len(text.split())
    print(f"{len(text) / 1e6:.1f} MB, {n_words:,} words, {len(chunks):,} articles")
    nlp = spacy.blank("en")
    extract_quantities("warm up: $1 billion")
    tokenise = words_per_second("spacy.blank tokenise", lambda c: nlp.make_doc(c), chunks, n_words)
    ours = words_per_second("extract_quantities", extract_quantities, chunks, n_words)
    print(f"ratio extract/tokenise: {ours / tokenise:.2f} (target >= 0.25)")
    try:
        from quantulum3 import parser  # optional peer, never imported by the package
    except ImportError:
        print("quantulum3 not installed: peer skipped")
        return
    sample = chunks[: max(1, len(chunks) // 20)]
    sample_words = sum(len(c.split()) for c in sample)
    peer = words_per_second("quantulum3 (5% sample)", parser.parse, sample, sample_words)
    print(f"ratio extract/quantulum3: {ours / peer:.1f}")


if __name__ == "__main__":
    main()
