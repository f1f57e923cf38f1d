"""Score extract_quantities on the money and percent quantities of a CQE gold file (NewsQuant.json, currency-model.json).

Usage: PYTHONPATH=. .venv/bin/python benchmarks/newsquant.py PATH.json [--show-errors N]

Gold quantities count when their normalized_unit is a currency (or "<currency> per <thing>", scored as the currency)
or "percentage". Currency subunits (cent, sen, penny) are left out: our units have no subunits. Every sentence is
scored, so our money/percent quantities in sentences without such gold count against precision.
A predicted quantity matches a gold one of the same sentence when the value agrees within 1e-5 relative (both range
ends for a gold range; signs ignored, since we report magnitudes). Matching is one to one.
"""
from __future__ import annotations

import argparse
import json
import math
from dataclasses import dataclass
from pathlib import Path

from extractors.quantities import extract_quantities

GOLD_UNITS: dict[str, str] = {
    "dollar": "USD", "united states dollar": "USD", "percentage": "percent", "japanese yen": "JPY",
    "australian dollar": "AUD", "pound sterling": "GBP", "shekel": "ILS", "euro": "EUR", "malaysian ringgit": "MYR",
    "chinese yuan": "CNY", "hong kong dollar": "HKD", "canadian dollar": "CAD", "swiss franc": "CHF", "rupee": "INR",
    "indian rupee": "INR", "danish krone": "DKK", "turkish lira": "TRY", "mexican peso": "MXN", "singapore dollar": "SGD",
    "south korean won": "KRW", "new zealand dollar": "NZD", "costa rican colón": "CRC", "lao kip": "LAK",
    "bitcoin": "BTC", "satoshi": "SAT", "mark": "DEM", "franc": "FRF",
}
SUBUNITS = frozenset({"cent", "sen", "penny", "pence"})
OUR_KINDS = frozenset({"percent"})  # plus every 3-letter currency code


@dataclass(frozen=True)
class GoldQuantity:
    """One gold money or percent quantity: value (or range) and our unit code."""

    low: float
    high: float | None
    unit: str


def gold_unit(normalized: str) -> str | None:
    """Our unit code for a gold normalized_unit, or None when it is neither money nor percent."""
    base = normalized.split(" per ")[0].strip().lower()
    if base in SUBUNITS:
        return None
    return GOLD_UNITS.get(base)


def parse_gold_value(text: str) -> tuple[float, float | None] | None:
    """Gold value string -> (low, high); ranges are written "a-b" (maybe with spaces)."""
    cleaned = text.replace(" ", "")
    body = cleaned[1:] if cleaned.startswith("-") else cleaned
    if "-" in body:
        left, right = body.split("-", 1)
        try:
            return abs(float(left)), abs(float(right))
        except ValueError:
            return None
    try:
        return abs(float(cleaned)), None
    except ValueError:
        return None


def gold_quantities(record: dict) -> list[GoldQuantity]:
    """The money and percent gold quantities of one sentence record."""
    found = []
    for quantity in record.get("quantities", []):
        unit = gold_unit(str(quantity.get("normalized_unit", "")))
        value = parse_gold_value(str(quantity.get("value", "")))
        if unit is not None and value is not None:
            found.append(GoldQuantity(value[0], value[1], unit))
    return found


def is_money_or_percent(unit: str) -> bool:
    """Whether one of our unit codes is a currency or percent."""
    return unit in OUR_KINDS or (len(unit) == 3 and unit.isupper())


def close(a: float, b: float) -> bool:
    """Values agree within 1e-5 relative."""
    return math.isclose(a, b, rel_tol=1e-5, abs_tol=1e-9)


def values_match(low: float, high: float | None, gold: GoldQuantity) -> bool:
    """Predicted (low, high) against a gold value or range."""
    if gold.high is None:
        return high is None and close(low, gold.low)
    return high is not None and close(min(low, high), min(gold.low, gold.high)) and close(max(low, high), max(gold.low, gold.high))


def match_count(predicted: list[tuple[float, float | None, str]], gold: list[GoldQuantity], with_unit: bool) -> int:
    """Size of a greedy one-to-one matching."""
    free = list(gold)
    matched = 0
    for low, high, unit in predicted:
        for index, candidate in enumerate(free):
            if values_match(low, high, candidate) and (not with_unit or unit == candidate.unit):
                matched += 1
                del free[index]
                break
    return matched


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1."""
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def ours(text: str) -> list[tuple[float, float | None, str]]:
    """Our money/percent quantities of a sentence."""
    return [(q.value, q.value_high, q.unit) for q in extract_quantities(text) if is_money_or_percent(q.unit)]


def ours_without_word_figures(text: str) -> list[tuple[float, float | None, str]]:
    """Our quantities minus percent figures written as words ("half", "doubled"), which the CQE gold never annotates."""
    return [(q.value, q.value_high, q.unit) for q in extract_quantities(text)
            if is_money_or_percent(q.unit) and not (q.unit == "percent" and not any(ch.isdigit() for ch in q.text)
                                                    and "per" not in q.text.lower())]


def quantulum_system():
    """quantulum3's money/percent quantities as a function, or None when it is not installed."""
    try:
        from quantulum3 import parser  # optional peer, never imported by the package
    except ImportError:
        return None

    def run(text: str) -> list[tuple[float, float | None, str]]:
        found = []
        try:
            parsed = parser.parse(text)
        except Exception:  # noqa: BLE001 - a peer's crash counts as no answer
            return []
        for quantity in parsed:
            unit = gold_unit(quantity.unit.name) or ("percent" if quantity.unit.name == "percentage" else None)
            if unit is not None:
                found.append((abs(float(quantity.value)), None, unit))
        return found

    return run


def score(records: list[dict], system, show_errors: int = 0) -> dict[str, tuple[float, float, float]]:
    """P/R/F1 for value and value+unit over all records."""
    totals = {"value": 0, "value+unit": 0}
    n_pred = n_gold = 0
    shown = 0
    for record in records:
        gold = gold_quantities(record)
        predicted = system(record["text"])
        n_pred += len(predicted)
        n_gold += len(gold)
        totals["value"] += match_count(predicted, gold, with_unit=False)
        hits = match_count(predicted, gold, with_unit=True)
        totals["value+unit"] += hits
        if show_errors and shown < show_errors and (hits != len(gold) or hits != len(predicted)):
            shown += 1
            print("-", record["text"])
            print("    gold:", [(g.low, g.high, g.unit) for g in gold])
            print("    ours:", predicted)
    return {name: prf(tp, n_pred, n_gold) for name, tp in totals.items()}


def main() -> None:
    """Print the scores of our extractor (and quantulum3 when installed) on one gold file."""
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("path", type=Path)
    args.add_argument("--show-errors", type=int, default=0)
    options = args.parse_args()
    records = json.loads(options.path.read_text(encoding="utf-8"))
    n_gold = sum(len(gold_quantities(r)) for r in records)
    print(f"{options.path.name}: {len(records)} sentences, {n_gold} money/percent gold quantities")
    systems = {"cloudfacts": ours, "cf-no-words": ours_without_word_figures}
    peer = quantulum_system()
    if peer is not None:
        systems["quantulum3"] = peer
    else:
        print("(quantulum3 not installed: peer column skipped)")
    for name, system in systems.items():
        results = score(records, system, options.show_errors if name == "cloudfacts" else 0)
        for kind, (p, r, f) in results.items():
            print(f"{name:12s} {kind:11s} P={p:.3f} R={r:.3f} F1={f:.3f}")


if __name__ == "__main__":
    main()
