"""Our AliasMatcher (extractors/entities.py) against spaCy's PhraseMatcher on the same aliases, in one run.

Usage: .venv/bin/python benchmarks/matchers.py [FOLDER ...] [--generated N] [--repeat R]

For each corpus (default ../shared/corpus/dev, dev2 and N generated articles) both find the company, analyst and
media aliases of extractors/data/entities.jsonl in every article body:
  - ours: AliasMatcher.find over the text (it tokenises by regex as it goes);
  - spaCy: two PhraseMatchers (attr ORTH for case-sensitive aliases, LOWER for the rest) over the Doc the
    pipeline has already tokenised (tokenising is not counted), then leftmost-longest filtering
    (spacy.util.filter_spans) and the reject_next vetoes of entities.jsonl.
Prints the best of R timings of each, words/s, and how many mentions agree (same start, end and canonical name),
with examples of mentions only one of them finds.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import spacy
from spacy.matcher import PhraseMatcher
from spacy.tokens import Span
from spacy.util import filter_spans

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import write_corpus  # noqa: E402

from extractors.article_files import discover_files, read_article  # noqa: E402
from extractors.articles import Article  # noqa: E402
from extractors.entities import _entity_records, _matcher, _string_list  # noqa: E402


def spacy_matchers(nlp: spacy.Language) -> tuple[PhraseMatcher, PhraseMatcher, dict[str, frozenset[str]]]:
    """PhraseMatchers over the entity aliases (ORTH for case-sensitive records, LOWER for the others), keyed by
    canonical name, and each canonical name's reject_next words."""
    exact, folded = PhraseMatcher(nlp.vocab, attr="ORTH"), PhraseMatcher(nlp.vocab, attr="LOWER")
    vetoes = {}
    for record in _entity_records():
        aliases = _string_list(record, "aliases", "entities.jsonl")
        matcher = exact if record["case_sensitive"] else folded
        matcher.add(record["canonical"], list(nlp.tokenizer.pipe(aliases)))
        vetoes[record["canonical"]] = frozenset(w.lower() for w in _string_list(record, "reject_next", "entities.jsonl"))
    return exact, folded, vetoes


def spacy_mentions(doc, exact: PhraseMatcher, folded: PhraseMatcher, vetoes: dict) -> set[tuple[int, int, str]]:
    """Leftmost-longest alias mentions of a Doc, vetoed by the word after them."""
    spans = [Span(doc, start, end, label=key) for matcher in (exact, folded) for key, start, end in matcher(doc)]
    kept = [s for s in spans if not (s.end < len(doc) and doc[s.end].lower_ in vetoes[s.label_])]
    return {(s.start_char, s.end_char, s.label_) for s in filter_spans(kept)}


def our_mentions(text: str) -> set[tuple[int, int, str]]:
    """AliasMatcher mentions of a text."""
    return {(start, end, entry.payload.canonical) for start, end, entry in _matcher().find(text)}


def best_of(repeat: int, work) -> tuple[float, object]:
    """The shortest of `repeat` timings of work() and its result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - started)
    return best, result


def compare(name: str, bodies: list[str], repeat: int) -> None:
    """Time both matchers over the bodies and compare their mentions."""
    nlp = spacy.blank("en")
    exact, folded, vetoes = spacy_matchers(nlp)
    docs = list(nlp.tokenizer.pipe(bodies))
    words = sum(len(b.split()) for b in bodies)
    ours_s, ours = best_of(repeat, lambda: [our_mentions(b) for b in bodies])
    theirs_s, theirs = best_of(repeat, lambda: [spacy_mentions(d, exact, folded, vetoes) for d in docs])
    tokenise_s, _ = best_of(repeat, lambda: list(nlp.tokenizer.pipe(bodies)))
    same = sum(len(a & b) for a, b in zip(ours, theirs))
    only_ours = [(i, m) for i, (a, b) in enumerate(zip(ours, theirs)) for m in sorted(a - b)]
    only_spacy = [(i, m) for i, (a, b) in enumerate(zip(ours, theirs)) for m in sorted(b - a)]
    print(f"{name}: {len(bodies):,} articles, {words:,} words; spaCy tokenising alone {tokenise_s:.3f} s")
    print(f"  AliasMatcher  {ours_s:7.3f} s {words / ours_s:12,.0f} words/s  {sum(map(len, ours)):6,} mentions")
    print(f"  PhraseMatcher {theirs_s:7.3f} s {words / theirs_s:12,.0f} words/s  {sum(map(len, theirs)):6,} mentions "
          f"(on tokenised Docs)")
    print(f"  same {same:,}; only AliasMatcher {len(only_ours):,}; only PhraseMatcher {len(only_spacy):,}")
    for label, found in (("only AliasMatcher", only_ours), ("only PhraseMatcher", only_spacy)):
        for i, (start, end, canonical) in found[:4]:
            context = bodies[i][max(0, start - 25):end + 25].replace("\n", " ")
            print(f"    {label}: {bodies[i][start:end]!r} -> {canonical}  in '...{context}...'")


def bodies_of(folder: Path) -> list[str]:
    """The article bodies of a folder."""
    return [a.body for a in (read_article(p) for p in discover_files([folder])) if isinstance(a, Article)]


def main() -> None:
    """Compare on each corpus."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path,
                        default=[ROOT.parent / "shared" / "corpus" / "dev", ROOT.parent / "shared" / "corpus" / "dev2"])
    parser.add_argument("--generated", type=int, default=1000, help="also this many generated articles (0: none)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    _matcher()  # build outside the timing
    for folder in args.folders:
        compare(str(folder.name), bodies_of(folder), args.repeat)
    if args.generated:
        with tempfile.TemporaryDirectory() as work:
            write_corpus(Path(work), args.generated, 2024)
            compare(f"generated news ({args.generated})", bodies_of(Path(work)), args.repeat)


if __name__ == "__main__":
    main()
