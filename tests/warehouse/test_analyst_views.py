"""The analyst views of issue 15 (v_market_spending by segment, v_market_share by company group, v_investment,
v_revenue_growth, v_conflicts by group) on a warehouse loaded through the real loader, rows spelled out here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from warehouse.companies import sync_companies
from warehouse.db import connect_reader, connect_writer
from warehouse.load import fact_id_for, load_batch, start_run

D = dt.date
WIRE, DAILY = "Wire A", "Daily B"
CIS = "cloud_infrastructure_services"
Q4_2024 = {"period": "2024-Q4", "period_start": D(2024, 10, 1), "period_end": D(2024, 12, 31)}
Y2025 = {"period": "2025", "period_start": D(2025, 1, 1), "period_end": D(2025, 12, 31)}
Q1_2025 = {"period": "2025-Q1", "period_start": D(2025, 1, 1), "period_end": D(2025, 3, 31)}
# Microsoft's fiscal third quarter of FY2025 is January to March 2025.
FY2025_Q3 = {"period": "FY2025-Q3", "period_start": D(2025, 1, 1), "period_end": D(2025, 3, 31)}
SPAN_2025_2026 = {"period": "2025/2026", "period_start": D(2025, 1, 1), "period_end": D(2026, 12, 31)}


def company(canonical: str, group: str, kind: str) -> dict:
    return {"canonical": canonical, "company_group": group, "kind": kind, "entity_kind": "company",
            "aliases": [canonical]}


COMPANIES = [company("AWS", "Amazon", "cloud_provider"), company("Amazon", "Amazon", "internet"),
             company("Microsoft Azure", "Microsoft", "cloud_provider"), company("Microsoft", "Microsoft", "software"),
             company("Google Cloud", "Alphabet", "cloud_provider")]

# name -> (outlet, published, body)
ARTICLES = {
    "gartner-2025": (WIRE, D(2025, 1, 10),
                     "Gartner expects IaaS spending of $211 billion in 2025 and public cloud spending of "
                     "$748 billion."),
    "gartner-recap": (DAILY, D(2025, 2, 1), "Gartner put 2025 IaaS spending at $211.4 billion."),
    "japan-market": (WIRE, D(2025, 1, 20),
                     "Japan's public cloud market will reach 4.1 trillion yen (US$27.5 billion) in 2025, IDC said."),
    "canalys-wire": (WIRE, D(2025, 2, 10), "Amazon held 30% of the market, Canalys said."),
    "canalys-daily": (DAILY, D(2025, 2, 12),
                      "AWS held 31% of the market; AWS, Microsoft Azure and Google Cloud together held 63%, and "
                      "Zeta Cloud held 2%, Canalys said."),
    "spain-pledge": (WIRE, D(2025, 3, 1), "Microsoft will invest €2 billion ($2.2 billion) in Spain by 2026."),
    "spain-recap": (DAILY, D(2025, 3, 2), "Microsoft Azure's €2 billion Spanish investment runs to 2026."),
    "msft-results": (DAILY, D(2025, 4, 30),
                     "Microsoft spent $21.4 billion on capex in the fiscal third quarter; Azure revenue grew 33% "
                     "and Microsoft's revenue grew 13%."),
    "aws-results": (WIRE, D(2025, 5, 2), "AWS revenue grew 17% in the first quarter, and its backlog grew 8%."),
}

IAAS = {"metric": "market_spending", "subject": [], "geography": "worldwide", "source": "Gartner",
        "forecast": True, "segment": "iaas", **Y2025}
SHARE = {"metric": "market_share", "unit": "percent", "geography": "worldwide", "source": "Canalys",
         "segment": CIS, **Q4_2024}
PLEDGE = {"metric": "investment", "geography": "Spain", "forecast": True, **SPAN_2025_2026}
GROWTH = {"metric": "growth_rate", "unit": "percent"}
# (article, text, fields, the text of the figure it is a conversion of): every fact. value_usd is the loader's: the
# article's own dollars for a figure with a conversion, else the reference rate of the published date.
FACTS = [
    ("gartner-2025", "$211 billion", {**IAAS, "value": 211e9}, None),
    ("gartner-2025", "$748 billion", {**IAAS, "segment": "public_cloud", "value": 748e9}, None),
    ("gartner-recap", "$211.4 billion", {**IAAS, "value": 211.4e9}, None),
    ("japan-market", "4.1 trillion yen", {**IAAS, "segment": "public_cloud", "geography": "Japan", "source": "IDC",
                                          "value": 4.1e12, "unit": "JPY"}, None),
    ("japan-market", "US$27.5 billion", {**IAAS, "segment": "public_cloud", "geography": "Japan", "source": "IDC",
                                         "value": 27.5e9}, "4.1 trillion yen"),
    ("canalys-wire", "30%", {**SHARE, "value": 30, "subject": ["Amazon"]}, None),
    ("canalys-daily", "31%", {**SHARE, "value": 31, "subject": ["AWS"]}, None),
    ("canalys-daily", "63%", {**SHARE, "value": 63, "subject": ["AWS", "Microsoft Azure", "Google Cloud"]}, None),
    ("canalys-daily", "2%", {**SHARE, "value": 2, "subject": ["Zeta Cloud"]}, None),
    ("spain-pledge", "€2 billion", {**PLEDGE, "value": 2e9, "unit": "EUR", "subject": ["Microsoft"]}, None),
    ("spain-pledge", "$2.2 billion", {**PLEDGE, "value": 2.2e9, "subject": ["Microsoft"]},
     "€2 billion"),
    ("spain-recap", "€2 billion", {**PLEDGE, "value": 2e9, "unit": "EUR", "subject": ["Microsoft Azure"]}, None),
    ("msft-results", "$21.4 billion", {"metric": "investment", "value": 21.4e9, "subject": ["Microsoft"],
                                       **FY2025_Q3}, None),
    ("msft-results", "33%", {**GROWTH, "value": 33, "subject": ["Microsoft Azure"], "growth_of": "revenue",
                             **FY2025_Q3}, None),
    ("msft-results", "13%", {**GROWTH, "value": 13, "subject": ["Microsoft"], "growth_of": "revenue",
                             **FY2025_Q3}, None),
    ("aws-results", "17%", {**GROWTH, "value": 17, "subject": ["AWS"], "growth_of": "revenue", **Q1_2025}, None),
    ("aws-results", "8%", {**GROWTH, "value": 8, "subject": ["AWS"], "growth_of": "backlog", **Q1_2025}, None),
]


@pytest.fixture
def built(db_path: Path, make_article: Callable[..., dict], make_fact: Callable[..., dict]) -> tuple[Path, dict]:
    """A closed warehouse holding ARTICLES and FACTS, companies synced; and each fact's id by (article, text)."""
    articles = {name: make_article(name, body, outlet=outlet, published=published)
                for name, (outlet, published, body) in ARTICLES.items()}
    facts, ids, positions = [], {}, {}
    for name, text, fields, converts in FACTS:
        positions[(name, text)] = sum(1 for other, *_ in FACTS[:len(facts)] if other == name)
        extra = {"conversion_of_position": positions[(name, converts)]} if converts else {}
        fact = make_fact(articles[name], text, **{"forecast": False, "source": None, **fields, **extra})
        ids[(name, text)] = fact_id_for(fact)
        facts.append(fact)
    with connect_writer(db_path) as con:
        sync_companies(con, COMPANIES)
        start_run(con, "run-1", None, ["articles"])
        load_batch(con, "run-1", list(articles.values()), facts, [])
    return db_path, ids


def rows(db_path: Path, sql: str) -> list[tuple]:
    with connect_reader(db_path) as con:
        return con.execute(sql).fetchall()


def test_market_spending_is_one_row_per_segment_and_leaves_conversions_out(built: tuple[Path, dict]) -> None:
    db, ids = built
    assert rows(db, """
        SELECT segment, period, period_start, period_end, geography, source, unit, value, value_usd, articles,
               outlets, forecast, alternatives, article_names, fact_ids
        FROM v_market_spending ORDER BY period_end, segment, geography""") == [
        # $211 billion and $211.4 billion are one value (3 significant figures) of two articles.
        ("iaas", "2025", D(2025, 1, 1), D(2025, 12, 31), "worldwide", "Gartner", "USD", 211e9, 211.2e9, 2, 2, True,
         0, ["gartner-2025", "gartner-recap"],
         sorted([ids[("gartner-2025", "$211 billion")], ids[("gartner-recap", "$211.4 billion")]])),
        # The yen figure only: its US$ conversion is not a second row.
        ("public_cloud", "2025", D(2025, 1, 1), D(2025, 12, 31), "Japan", "IDC", "JPY", 4.1e12, 27.5e9, 1, 1, True,
         0, ["japan-market"], [ids[("japan-market", "4.1 trillion yen")]]),
        ("public_cloud", "2025", D(2025, 1, 1), D(2025, 12, 31), "worldwide", "Gartner", "USD", 748e9, 748e9, 1, 1,
         True, 0, ["gartner-2025"], [ids[("gartner-2025", "$748 billion")]]),
    ]


def test_market_share_is_per_company_group_with_the_names_behind_it(built: tuple[Path, dict]) -> None:
    db, ids = built
    assert rows(db, """
        SELECT company_group, company, companies, segment, period, period_end, geography, source, value, articles,
               last_seen, alternatives, article_names, fact_ids
        FROM v_market_share ORDER BY company_group""") == [
        # Amazon 30% (Feb 10) and AWS 31% (Feb 12) are one row of group Amazon: the later report wins.
        ("Amazon", "Amazon", ["AWS"], CIS, "2024-Q4", D(2024, 12, 31), "worldwide", "Canalys", 31.0, 1,
         D(2025, 2, 12), 1, ["canalys-daily"], [ids[("canalys-daily", "31%")]]),
        # A company the companies table does not know is its own group; the joint 63% is nobody's share.
        ("Zeta Cloud", "Zeta Cloud", ["Zeta Cloud"], CIS, "2024-Q4", D(2024, 12, 31), "worldwide", "Canalys", 2.0,
         1, D(2025, 2, 12), 0, ["canalys-daily"], [ids[("canalys-daily", "2%")]]),
    ]


def test_investment_counts_a_figure_once_whatever_its_currencies_and_names(built: tuple[Path, dict]) -> None:
    from currency_converter import CurrencyConverter

    db, ids = built
    # The recap gives no dollars: its € figure is converted at the reference rate of its published date.
    rates = CurrencyConverter(fallback_on_missing_rate=True, fallback_on_missing_rate_method="last_known")
    recap_usd = rates.convert(2e9, "EUR", "USD", date=ARTICLES["spain-recap"][1])
    assert rows(db, """
        SELECT company_group, companies, year, period, period_start, period_end, geography, forecast, unit, value,
               value_usd, articles, outlets, article_names, fact_ids
        FROM v_investment ORDER BY period_end, value""") == [
        ("Microsoft", ["Microsoft"], 2025, "FY2025-Q3", D(2025, 1, 1), D(2025, 3, 31), None, False, "USD", 21.4e9,
         21.4e9, 1, 1, ["msft-results"], [ids[("msft-results", "$21.4 billion")]]),
        # The € pledge of two articles (under two names of one group) is one row; its $ conversion never counts.
        ("Microsoft", ["Microsoft", "Microsoft Azure"], 2026, "2025/2026", D(2025, 1, 1), D(2026, 12, 31), "Spain",
         True, "EUR", 2e9, (2.2e9 + recap_usd) / 2, 2, 2, ["spain-pledge", "spain-recap"],
         sorted([ids[("spain-pledge", "€2 billion")], ids[("spain-recap", "€2 billion")]])),
    ]
    assert rows(db, """SELECT company_group, year, forecast, sum(value_usd) FROM v_investment
                       GROUP BY ALL ORDER BY year""") == [("Microsoft", 2025, False, 21.4e9),
                                                          ("Microsoft", 2026, True, (2.2e9 + recap_usd) / 2)]
    (reports,) = rows(db, "SELECT reports FROM v_investment WHERE forecast")[0]
    assert [(r["article"], r["outlet"], r["text"], r["sentence"]) for r in reports] == [
        ("spain-pledge", WIRE, "€2 billion", ARTICLES["spain-pledge"][2]),
        ("spain-recap", DAILY, "€2 billion", ARTICLES["spain-recap"][2]),
    ]


def test_revenue_growth_is_growth_of_revenue_only_per_company_in_time_order(built: tuple[Path, dict]) -> None:
    db, ids = built
    assert rows(db, """
        SELECT company_group, companies, segment, period, period_start, period_end, source, forecast, unit, value,
               articles, alternatives, article_names, fact_ids
        FROM v_revenue_growth ORDER BY period_end, period_start, company_group, companies""") == [
        # AWS's calendar first quarter and Microsoft's fiscal third quarter cover the same months; the backlog
        # growth of AWS is not revenue growth.
        ("Amazon", ["AWS"], None, "2025-Q1", D(2025, 1, 1), D(2025, 3, 31), None, False, "percent", 17.0, 1, 0,
         ["aws-results"], [ids[("aws-results", "17%")]]),
        ("Microsoft", ["Microsoft"], None, "FY2025-Q3", D(2025, 1, 1), D(2025, 3, 31), None, False, "percent", 13.0,
         1, 0, ["msft-results"], [ids[("msft-results", "13%")]]),
        ("Microsoft", ["Microsoft Azure"], None, "FY2025-Q3", D(2025, 1, 1), D(2025, 3, 31), None, False, "percent",
         33.0, 1, 0, ["msft-results"], [ids[("msft-results", "33%")]]),
    ]


def test_conflicts_compare_shares_by_company_group(built: tuple[Path, dict]) -> None:
    db, ids = built
    assert rows(db, """
        SELECT metric, unit, subject, subject_groups, companies, segment, growth_of, period, period_end, source,
               value, articles, article_names, lowest, highest, spread_percent
        FROM v_conflicts ORDER BY value""") == [
        ("market_share", "percent", ["Amazon"], ["Amazon"], ["Amazon"], CIS, None, "2024-Q4", D(2024, 12, 31),
         "Canalys", 30.0, 1, ["canalys-wire"], 30.0, 31.0, 3.2),
        ("market_share", "percent", ["Amazon"], ["Amazon"], ["AWS"], CIS, None, "2024-Q4", D(2024, 12, 31),
         "Canalys", 31.0, 1, ["canalys-daily"], 30.0, 31.0, 3.2),
    ]


def test_conflicts_keep_growth_of_apart_and_names_apart_outside_shares(
        db_path: Path, make_article: Callable[..., dict], make_fact: Callable[..., dict]) -> None:
    one = make_article("one", "AWS revenue grew 17% and its backlog 20%; Amazon's revenue grew 9%.")
    two = make_article("two", "AWS revenue rose 19%; its backlog grew 20%.")
    growth = {**GROWTH, **Q1_2025}
    with connect_writer(db_path) as con:
        sync_companies(con, COMPANIES)
        start_run(con, "run-1", None, [])
        load_batch(con, "run-1", [one, two], [
            make_fact(one, "17%", value=17, growth_of="revenue", **growth),
            make_fact(one, "20%", value=20, growth_of="backlog", **growth),
            make_fact(one, "9%", value=9, growth_of="revenue", **{**growth, "subject": ["Amazon"]}),
            make_fact(two, "19%", value=19, growth_of="revenue", **growth),
            make_fact(two, "20%", value=20, growth_of="backlog", **growth),
        ], [])
    # 17% vs 19% of AWS's revenue conflict; backlog growth (20%) is another figure, and so is Amazon's 9%.
    assert rows(db_path, """SELECT subject, subject_groups, growth_of, value, article_names FROM v_conflicts
                            ORDER BY value""") == [
        (["AWS"], ["Amazon"], "revenue", 17.0, ["one"]),
        (["AWS"], ["Amazon"], "revenue", 19.0, ["two"]),
    ]
