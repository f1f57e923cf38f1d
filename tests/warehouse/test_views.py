"""The analysis views (v_facts, v_corroboration, v_conflicts, v_provider_footprint, v_market_spending,
v_market_share) on a small hand-written warehouse whose expected rows are spelled out here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from warehouse.db import connect_reader, connect_writer
from warehouse.load import fact_id_for, load_batch, start_run

FEB_10, FEB_12, FEB_14, FEB_20 = (dt.date(2025, 2, day) for day in (10, 12, 14, 20))
JUN_01 = dt.date(2025, 6, 1)
MAR_01_2024 = dt.date(2024, 3, 1)
Q4 = "2024-Q4"
SYNERGY = "Synergy Research Group"
PAIR = ["AWS", "Microsoft Azure"]

# name -> (outlet, published, body)
ARTICLES = {
    "wire-q4": ("Wire A", FEB_10,
                "Cloud infrastructure spending reached $91.2 billion in the fourth quarter, Canalys said. "
                "AWS held 30% of the market. AWS runs 120 data centers."),
    "daily-q4": ("Daily B", FEB_12,
                 "Spending on cloud infrastructure hit $91.24 billion in the quarter, according to Canalys. "
                 "AWS had a 31% share, and Microsoft Azure and AWS together held 51%. "
                 "AWS runs 108 availability zones."),
    "wire-blog": ("Wire A", FEB_14,
                  "Canalys put fourth-quarter spending at $90.1 billion and full-year spending at $330 billion."),
    "synergy-q4": ("Daily B", FEB_20,
                   "Synergy Research Group estimated quarterly spending at $89 billion. Microsoft Azure's share "
                   "reached 21%, and AWS and Microsoft Azure together held 51%."),
    "aws-footprint": ("Cloud Times", JUN_01,
                      "AWS plans 12 more availability zones and now operates 114 availability zones "
                      "across 36 regions."),
    "footprint-recap": ("Cloud Times", JUN_01, "AWS operates 105 availability zones."),
    "google-india": (None, None,
                     "Google Cloud opened its second region in India, bringing it to 2 regions there "
                     "and 40 regions overall."),
    "japan-market": ("Tokyo Desk", MAR_01_2024,
                     "Japan's cloud market will reach 4.1 trillion yen (US$27.5 billion) in 2027, IDC said."),
}
OLD_WIRE_Q4_BODY = "Cloud infrastructure spending reached $95 billion in the fourth quarter, Canalys said."

SPENDING = {"metric": "market_spending", "subject": [], "geography": "worldwide", "period": Q4}
SHARE = {"metric": "market_share", "unit": "percent", "geography": "worldwide", "period": Q4}
COUNT = {"unit": "count", "subject": ["AWS"], "period": None}
# (article, text, fields): every fact of the current articles.
FACTS = [
    ("wire-q4", "$91.2 billion", {**SPENDING, "value": 91.2e9, "source": "Canalys"}),
    ("wire-q4", "30%", {**SHARE, "value": 30, "subject": ["AWS"], "source": "Canalys"}),
    ("wire-q4", "120", {**COUNT, "metric": "data_centers", "value": 120}),
    ("daily-q4", "$91.24 billion", {**SPENDING, "value": 91.24e9, "source": "Canalys"}),
    ("daily-q4", "31%", {**SHARE, "value": 31, "subject": ["AWS"], "source": "Canalys"}),
    ("daily-q4", "51%", {**SHARE, "value": 51, "subject": ["Microsoft Azure", "AWS"], "source": "Canalys"}),
    ("daily-q4", "108", {**COUNT, "metric": "availability_zones", "value": 108}),
    ("wire-blog", "$90.1 billion", {**SPENDING, "value": 90.1e9, "source": "Canalys"}),
    ("wire-blog", "$330 billion", {**SPENDING, "value": 330e9, "period": "2024", "source": "Canalys"}),
    ("synergy-q4", "$89 billion", {**SPENDING, "value": 89e9, "source": SYNERGY}),
    ("synergy-q4", "21%", {**SHARE, "value": 21, "subject": ["Microsoft Azure"], "source": SYNERGY}),
    ("synergy-q4", "51%", {**SHARE, "value": 51, "subject": PAIR, "source": SYNERGY}),
    ("aws-footprint", "12", {**COUNT, "metric": "availability_zones", "value": 12, "forecast": True}),
    ("aws-footprint", "114", {**COUNT, "metric": "availability_zones", "value": 114}),
    ("aws-footprint", "36", {**COUNT, "metric": "regions", "value": 36}),
    ("footprint-recap", "105", {**COUNT, "metric": "availability_zones", "value": 105}),
    ("google-india", "2", {**COUNT, "metric": "regions", "value": 2, "subject": ["Google Cloud"],
                           "geography": "India"}),
    ("google-india", "40", {**COUNT, "metric": "regions", "value": 40, "subject": ["Google Cloud"]}),
    ("japan-market", "4.1 trillion yen", {"metric": "market_spending", "value": 4.1e12, "unit": "JPY",
                                          "subject": [], "geography": "Japan", "period": "2027",
                                          "forecast": True, "source": "IDC"}),
    ("japan-market", "US$27.5 billion", {"metric": "market_spending", "value": 27.5e9, "subject": [],
                                         "geography": "Japan", "period": "2027", "forecast": True,
                                         "source": "IDC"}),
]


@pytest.fixture
def analysis_db(db_path: Path, make_article: Callable[..., dict], make_fact: Callable[..., dict]) -> Path:
    """A closed warehouse: an old version of wire-q4 (superseded), then the current articles and FACTS."""
    old_article = make_article("wire-q4", OLD_WIRE_Q4_BODY, outlet="Wire A", published=FEB_10)
    articles = {name: make_article(name, body, outlet=outlet, published=published)
                for name, (outlet, published, body) in ARTICLES.items()}
    facts = [make_fact(articles[name], text, **fields) for name, text, fields in FACTS]
    with connect_writer(db_path) as con:
        start_run(con, "run-old", None, ["articles"])
        load_batch(con, "run-old", [old_article],
                   [make_fact(old_article, "$95 billion", **SPENDING, value=95e9, source="Canalys")], [])
        start_run(con, "run-new", None, ["articles"])
        load_batch(con, "run-new", list(articles.values()), facts, [])
    return db_path


def view_rows(db_path: Path, sql: str) -> list[tuple]:
    """Rows of a query over the views, through a read-only connection."""
    with connect_reader(db_path) as con:
        return con.execute(sql).fetchall()


def test_v_facts_holds_current_facts_with_their_article(analysis_db: Path) -> None:
    rows = view_rows(analysis_db, """
        SELECT article, title, outlet, url, published, metric, value, value_3sf, text
        FROM v_facts ORDER BY article, start_char""")
    expected = []
    for name, text, fields in FACTS:
        outlet, published, body = ARTICLES[name]
        expected.append((name, f"Title of {name}", outlet, f"https://example.com/{name}", published,
                         fields["metric"], fields["value"], body.index(text), text))
    expected.sort(key=lambda row: (row[0], row[7]))
    assert [row[:7] + (row[8],) for row in rows] == [row[:7] + (row[8],) for row in expected]
    # value_3sf rounds to three significant figures; the superseded $95 billion is gone.
    assert {row[8]: row[7] for row in rows}["$91.24 billion"] == 91.2e9
    assert 95e9 not in {row[6] for row in rows}


def test_v_corroboration_counts_articles_and_outlets_per_distinct_fact(analysis_db: Path) -> None:
    rows = view_rows(analysis_db, """
        SELECT metric, unit, value, subject, period, geography, articles, outlets, first_seen, last_seen,
               article_names, source_names
        FROM v_corroboration ORDER BY metric, unit, value, period""")
    assert rows == [
        ("availability_zones", "count", 12.0, ["AWS"], None, None, 1, 1, JUN_01, JUN_01,
         ["aws-footprint"], []),
        ("availability_zones", "count", 105.0, ["AWS"], None, None, 1, 1, JUN_01, JUN_01,
         ["footprint-recap"], []),
        ("availability_zones", "count", 108.0, ["AWS"], None, None, 1, 1, FEB_12, FEB_12, ["daily-q4"], []),
        ("availability_zones", "count", 114.0, ["AWS"], None, None, 1, 1, JUN_01, JUN_01,
         ["aws-footprint"], []),
        ("data_centers", "count", 120.0, ["AWS"], None, None, 1, 1, FEB_10, FEB_10, ["wire-q4"], []),
        ("market_share", "percent", 21.0, ["Microsoft Azure"], Q4, "worldwide", 1, 1, FEB_20, FEB_20,
         ["synergy-q4"], [SYNERGY]),
        ("market_share", "percent", 30.0, ["AWS"], Q4, "worldwide", 1, 1, FEB_10, FEB_10,
         ["wire-q4"], ["Canalys"]),
        ("market_share", "percent", 31.0, ["AWS"], Q4, "worldwide", 1, 1, FEB_12, FEB_12,
         ["daily-q4"], ["Canalys"]),
        # Subjects are compared in name order; both articles come from one outlet.
        ("market_share", "percent", 51.0, PAIR, Q4, "worldwide", 2, 1, FEB_12, FEB_20,
         ["daily-q4", "synergy-q4"], ["Canalys", SYNERGY]),
        ("market_spending", "JPY", 4.1e12, [], "2027", "Japan", 1, 1, MAR_01_2024, MAR_01_2024,
         ["japan-market"], ["IDC"]),
        ("market_spending", "USD", 27.5e9, [], "2027", "Japan", 1, 1, MAR_01_2024, MAR_01_2024,
         ["japan-market"], ["IDC"]),
        ("market_spending", "USD", 89e9, [], Q4, "worldwide", 1, 1, FEB_20, FEB_20, ["synergy-q4"], [SYNERGY]),
        ("market_spending", "USD", 90.1e9, [], Q4, "worldwide", 1, 1, FEB_14, FEB_14,
         ["wire-blog"], ["Canalys"]),
        # $91.2 billion and $91.24 billion are the same figure to three significant figures.
        ("market_spending", "USD", 91.2e9, [], Q4, "worldwide", 2, 2, FEB_10, FEB_12,
         ["daily-q4", "wire-q4"], ["Canalys"]),
        ("market_spending", "USD", 330e9, [], "2024", "worldwide", 1, 1, FEB_14, FEB_14,
         ["wire-blog"], ["Canalys"]),
        ("regions", "count", 2.0, ["Google Cloud"], None, "India", 1, 0, None, None, ["google-india"], []),
        ("regions", "count", 36.0, ["AWS"], None, None, 1, 1, JUN_01, JUN_01, ["aws-footprint"], []),
        ("regions", "count", 40.0, ["Google Cloud"], None, None, 1, 0, None, None, ["google-india"], []),
    ]


def test_v_corroboration_lists_the_facts_behind_a_row(analysis_db: Path, make_article, make_fact) -> None:
    (fact_ids,) = view_rows(analysis_db, "SELECT fact_ids FROM v_corroboration WHERE value = 51")[0]
    expected_ids = []
    for name in ("daily-q4", "synergy-q4"):
        outlet, published, body = ARTICLES[name]
        article = make_article(name, body)
        fields = next(f for a, text, f in FACTS if a == name and text == "51%")
        expected_ids.append(fact_id_for(make_fact(article, "51%", **fields)))
    assert fact_ids == sorted(expected_ids)


def test_v_conflicts_lists_each_disagreeing_value_with_its_articles(analysis_db: Path) -> None:
    rows = view_rows(analysis_db, """
        SELECT metric, unit, subject, period, as_of, geography, source, forecast, value, articles,
               article_names, lowest, highest, spread_percent
        FROM v_conflicts ORDER BY metric, period, as_of, value""")
    assert rows == [
        # Period-less counts conflict only between articles of the same day (108 of Feb 12 does not).
        ("availability_zones", "count", ["AWS"], None, JUN_01, None, None, False, 105.0, 1,
         ["footprint-recap"], 105.0, 114.0, 7.9),
        ("availability_zones", "count", ["AWS"], None, JUN_01, None, None, False, 114.0, 1,
         ["aws-footprint"], 105.0, 114.0, 7.9),
        ("market_share", "percent", ["AWS"], Q4, None, "worldwide", "Canalys", False, 30.0, 1,
         ["wire-q4"], 30.0, 31.0, 3.2),
        ("market_share", "percent", ["AWS"], Q4, None, "worldwide", "Canalys", False, 31.0, 1,
         ["daily-q4"], 30.0, 31.0, 3.2),
        # Synergy's $89 billion is another source's figure, not a conflict with Canalys.
        ("market_spending", "USD", [], Q4, None, "worldwide", "Canalys", False, 90.1e9, 1,
         ["wire-blog"], 90.1e9, 91.24e9, 1.2),
        ("market_spending", "USD", [], Q4, None, "worldwide", "Canalys", False, 91.2e9, 2,
         ["daily-q4", "wire-q4"], 90.1e9, 91.24e9, 1.2),
    ]


def test_v_conflicts_reports_carry_the_sentences(analysis_db: Path) -> None:
    (reports,) = view_rows(analysis_db, "SELECT reports FROM v_conflicts WHERE value = 91.2e9")[0]
    assert [(r["article"], r["outlet"], r["published"], r["text"], r["sentence"]) for r in reports] == [
        ("wire-q4", "Wire A", FEB_10, "$91.2 billion", ARTICLES["wire-q4"][2]),
        ("daily-q4", "Daily B", FEB_12, "$91.24 billion", ARTICLES["daily-q4"][2]),
    ]


def test_v_provider_footprint_takes_the_latest_reported_count(analysis_db: Path) -> None:
    rows = view_rows(analysis_db, """
        SELECT company, geography,
               availability_zones, availability_zones_published, availability_zones_article,
               regions, regions_published, regions_article,
               data_centers, data_centers_published, data_centers_article
        FROM v_provider_footprint ORDER BY company, geography NULLS FIRST""")
    assert rows == [
        # 114 (Jun 1) beats 108 (Feb 12); the planned 12 is a forecast; 105 of the same day loses on name.
        ("AWS", None, 114.0, JUN_01, "aws-footprint", 36.0, JUN_01, "aws-footprint",
         120.0, FEB_10, "wire-q4"),
        ("Google Cloud", None, None, None, None, 40.0, None, "google-india", None, None, None),
        ("Google Cloud", "India", None, None, None, 2.0, None, "google-india", None, None, None),
    ]


def test_v_provider_footprint_fact_ids_lead_back_to_the_sentence(analysis_db: Path) -> None:
    rows = view_rows(analysis_db, """
        SELECT f.text, f.sentence FROM v_provider_footprint p
        JOIN v_facts f ON f.fact_id = p.regions_fact_id WHERE p.company = 'AWS'""")
    assert rows == [("36", ARTICLES["aws-footprint"][2])]


def test_v_market_spending_keeps_the_most_corroborated_value(analysis_db: Path) -> None:
    rows = view_rows(analysis_db, """
        SELECT period, geography, source, unit, value, articles, outlets, first_seen, last_seen, forecast,
               alternatives, article_names
        FROM v_market_spending ORDER BY period, geography, source, unit""")
    assert rows == [
        ("2024", "worldwide", "Canalys", "USD", 330e9, 1, 1, FEB_14, FEB_14, False, 0, ["wire-blog"]),
        ("2024-Q4", "worldwide", "Canalys", "USD", 91.2e9, 2, 2, FEB_10, FEB_12, False, 1,
         ["daily-q4", "wire-q4"]),
        ("2024-Q4", "worldwide", SYNERGY, "USD", 89e9, 1, 1, FEB_20, FEB_20, False, 0, ["synergy-q4"]),
        # A figure in two currencies is two rows unless one is marked as the conversion of the other.
        ("2027", "Japan", "IDC", "JPY", 4.1e12, 1, 1, MAR_01_2024, MAR_01_2024, True, 0, ["japan-market"]),
        ("2027", "Japan", "IDC", "USD", 27.5e9, 1, 1, MAR_01_2024, MAR_01_2024, True, 0, ["japan-market"]),
    ]


def test_v_market_share_breaks_ties_by_the_latest_report(analysis_db: Path) -> None:
    rows = view_rows(analysis_db, """
        SELECT company, period, geography, source, value, articles, last_seen, alternatives, article_names
        FROM v_market_share ORDER BY company, period""")
    assert rows == [
        # 30% (Feb 10) and 31% (Feb 12) each have one article: the later report wins. The joint 51% is left out.
        ("AWS", Q4, "worldwide", "Canalys", 31.0, 1, FEB_12, 1, ["daily-q4"]),
        ("Microsoft Azure", Q4, "worldwide", SYNERGY, 21.0, 1, FEB_20, 0, ["synergy-q4"]),
    ]


def test_views_survive_reconnecting_and_are_readable_read_only(analysis_db: Path) -> None:
    with connect_writer(analysis_db) as con:
        con.execute("SELECT count(*) FROM v_conflicts").fetchone()
    counts = view_rows(analysis_db, """
        SELECT (SELECT count(*) FROM v_facts), (SELECT count(*) FROM v_corroboration),
               (SELECT count(*) FROM v_conflicts), (SELECT count(*) FROM v_provider_footprint),
               (SELECT count(*) FROM v_market_spending), (SELECT count(*) FROM v_market_share)""")
    assert counts == [(len(FACTS), 18, 6, 3, 5, 2)]


def test_v_conflicts_compares_values_of_different_articles_only(
        db_path: Path, make_article: Callable[..., dict], make_fact: Callable[..., dict]) -> None:
    # "alone" disagrees only with itself; "both" holds the lowest AND the highest value of its figure, so the
    # conflict with "other" (120 vs 100) must be found against the second-lowest article's value.
    alone = make_article("alone", "Revenue was $50 billion, or $60 billion by another count.")
    both = make_article("both", "Revenue was $100 billion, or $120 billion by another count.")
    other = make_article("other", "Revenue was $101 billion.")
    revenue = {"subject": ["IBM"], "period": "2024"}
    with connect_writer(db_path) as con:
        start_run(con, "run-1", None, [])
        load_batch(con, "run-1", [alone, both, other], [
            make_fact(alone, "$50 billion", value=50e9, **{**revenue, "subject": ["SAP"]}),
            make_fact(alone, "$60 billion", value=60e9, **{**revenue, "subject": ["SAP"]}),
            make_fact(both, "$100 billion", value=100e9, **revenue),
            make_fact(both, "$120 billion", value=120e9, **revenue),
            make_fact(other, "$101 billion", value=101e9, **revenue),
        ], [])
    rows = view_rows(db_path, "SELECT subject, value, article_names, spread_percent FROM v_conflicts ORDER BY value")
    assert rows == [
        (["IBM"], 100e9, ["both"], 16.7),
        (["IBM"], 101e9, ["other"], 16.7),
        (["IBM"], 120e9, ["both"], 16.7),
    ]
