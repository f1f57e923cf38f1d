"""A money fact's value in US dollars: the article's own US dollar figure where it gives one, else the European
Central Bank's reference rate of the article's day, as the `currencyconverter` package ships it (offline).

usd_basis says which: 'article' (the fact is in USD, or its bracketed conversion, or the figure it converts, is) or
'reference_rate'; usd_rate_date is the day of the ECB rate used. Currencies the ECB does not quote, and days before a
currency's first rate or after its last one when the ECB stopped quoting it, have no value_usd.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from currency_converter import CurrencyConverter, RateNotFoundError

from warehouse.db import as_date

ARTICLE = "article"
REFERENCE_RATE = "reference_rate"
CURRENCY_CODE = re.compile(r"[A-Z]{3}")  # money units are ISO 4217 codes; the others are percent, pp, count, MW
LONGEST_GAP_DAYS = 14  # the ECB publishes on every TARGET business day: no gap between two rates is longer


@dataclass(frozen=True)
class UsdValue:
    """A value in US dollars, where it came from and the day of the rate used (None for the article's own figure)."""

    value: float
    basis: str
    rate_date: dt.date | None

    def as_columns(self) -> dict:
        """The facts columns value_usd, usd_basis and usd_rate_date."""
        return {"value_usd": self.value, "usd_basis": self.basis, "usd_rate_date": self.rate_date}


NO_USD = {"value_usd": None, "usd_basis": None, "usd_rate_date": None}


def is_money(unit: str | None) -> bool:
    """Whether a fact's unit is a currency."""
    return bool(unit) and CURRENCY_CODE.fullmatch(unit) is not None


@lru_cache(maxsize=1)
def _published_rates() -> CurrencyConverter:
    """The package's ECB rates as published (a day without a rate has none: see rate_day)."""
    return CurrencyConverter()


def asked_day(currency: str, wanted: dt.date | None) -> dt.date | None:
    """The day to take `currency`'s rate of: `wanted`, or the latest day of the data when `wanted` is None or after
    it, as long as the ECB still quotes the currency then. None for a currency the ECB does not quote, a day before
    its first rate, or after the ECB stopped quoting it (RUB in 2022)."""
    rates = _published_rates()
    if currency not in rates.currencies:
        return None
    first, last = rates.bounds[currency]
    if wanted is None or wanted > last:
        return last if last == rates.bounds["USD"].last_date else None
    return wanted if wanted >= first else None


def rate_day(currency: str, day: dt.date) -> dt.date | None:
    """The day whose published rate converts `currency` to USD on `day`: that day, else the latest before it (the
    package's fallback for days without a rate)."""
    rates = _published_rates()
    for back in range(LONGEST_GAP_DAYS + 1):
        try:
            rates.convert(1, currency, "USD", date=day - dt.timedelta(days=back))
        except RateNotFoundError:
            continue
        return day - dt.timedelta(days=back)
    return None


def reference_usd(value: float, currency: str, wanted: dt.date | None) -> UsdValue | None:
    """`value` of `currency` in US dollars at the ECB reference rate of `wanted` (see asked_day); None without one."""
    day = asked_day(currency, wanted)
    published_on = rate_day(currency, day) if day else None
    if published_on is None:
        return None
    usd = _published_rates().convert(value, currency, "USD", date=published_on)
    return UsdValue(float(usd), REFERENCE_RATE, published_on)


def article_usd(facts: Sequence[Mapping], partners: Sequence[Sequence[int]], published: dt.date | None) -> list[dict]:
    """value_usd, usd_basis and usd_rate_date for each fact of one article.

    `partners[i]` are the positions of the facts that state fact i in another currency (the bracketed conversion
    of it, or the figure it converts). The rate's day is the article's published date, else the end of the fact's
    period, else the latest rate the package has.
    """
    out = []
    for fact, linked in zip(facts, partners):
        unit = fact.get("unit")
        if not is_money(unit) or fact.get("value") is None:
            out.append(dict(NO_USD))
            continue
        if unit == "USD":
            out.append(UsdValue(float(fact["value"]), ARTICLE, None).as_columns())
            continue
        in_usd = [facts[j] for j in linked if facts[j].get("unit") == "USD" and facts[j].get("value") is not None]
        if in_usd:
            out.append(UsdValue(float(in_usd[0]["value"]), ARTICLE, None).as_columns())
            continue
        converted = reference_usd(float(fact["value"]), unit, published or as_date(fact.get("period_end")))
        out.append(converted.as_columns() if converted else dict(NO_USD))
    return out
