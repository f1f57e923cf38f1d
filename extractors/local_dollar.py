"""Which dollar a bare "$" is in an article that makes another dollar clear (FACTS.md: a bare "$" is USD unless the
article makes another dollar clear).

An article that says so ("All amounts are in Australian dollars") reports in that dollar. An article that names a
company's listing on an exchange of a dollar country other than the US ("Nextdc Ltd (ASX:
NXT)") and marks no dollar anywhere (no "US$", "A$", "USD", "Australian dollars", ...) reports in that country's
dollar, as the financial press of that country writes it. Any marked dollar leaves bare "$" as USD: outlets that
mark their own currency ("A$24 billion ($16 billion)") use the bare sign for the US dollar.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from extractors.datafiles import load_records
from extractors.models import Quantity

MARKED_DOLLAR = re.compile(r"(?:\b(?:US|U\.S\.|USD|A|AU|AUD|NZ|NZD|C|CA|CAD|S|SGD|HK|HKD)\s?\$|\b(?:USD|AUD|NZD|CAD|SGD|HKD)\b|"
                           r"\b(?:US|U\.S\.|Australian|New Zealand|Canadian|Singapore|Hong Kong)\s+dollars?\b)")


DOLLAR_NAMES = {"australian": "AUD", "new zealand": "NZD", "canadian": "CAD", "singapore": "SGD",
                "hong kong": "HKD", "us": "USD", "u.s.": "USD"}
STATED_DOLLAR = re.compile(r"\b(?:amounts|figures|values|numbers|sums|prices)\s+(?:are\s+|were\s+)?(?:given\s+|expressed\s+|quoted\s+"
                           r"|stated\s+)?in\s+(?P<name>Australian|New Zealand|Canadian|Singapore|Hong Kong|US|U\.S\.)\s+dollars\b",
                           re.IGNORECASE)


@lru_cache(maxsize=1)
def _listing_pattern() -> tuple[re.Pattern, dict[str, str]]:
    records = load_records("listing_currencies.json", ("exchange", "code"))
    codes = {r["exchange"]: r["code"] for r in records}
    names = "|".join(sorted(map(re.escape, codes), key=len, reverse=True))
    return re.compile(rf"\(\s*(?P<exchange>{names})\s*:\s*[A-Z0-9.]{{1,8}}\s*\)"), codes


def bare_dollar_code(body: str, title: str | None = None) -> str:
    """The ISO code of a bare "$" in this article: USD unless a listing says otherwise (see the module docstring)."""
    text = f"{title or ''}\n{body}"
    stated = {DOLLAR_NAMES[m.group("name").lower()] for m in STATED_DOLLAR.finditer(text)}
    if len(stated) == 1:
        return stated.pop()
    pattern, codes = _listing_pattern()
    listings = {codes[m.group("exchange")] for m in pattern.finditer(text)}
    if len(listings) != 1 or MARKED_DOLLAR.search(text):
        return "USD"
    return listings.pop()


def with_local_dollar(quantities: list[Quantity], code: str) -> list[Quantity]:
    """Bare-dollar amounts ("$390 million", "$2.2 billion to $2.4 billion") read in the article's dollar."""
    if code == "USD":
        return quantities
    return [replace(q, unit=code) if q.unit == "USD" and q.text.startswith("$") else q for q in quantities]
