"""load_batch: one transaction, idempotent, article versions and names, typed round trips."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from warehouse.load import fact_id_for, known_article_ids, load_batch, skip_unchanged_files, start_run
from warehouse.query import article_facts, table_counts

RUN_ID = "run-1"
EMPTY_COUNTS = {"articles_new": 0, "articles_unchanged": 0, "facts_written": 0, "rejects": 0}


@pytest.fixture
def running(writer: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """The writer connection with RUN_ID started."""
    start_run(writer, RUN_ID, None, ["articles"])
    return writer


def test_fact_round_trips_subject_list_forecast_bool_and_numbers(running, make_article, make_fact) -> None:
    article = make_article("c001", "AWS and Azure will spend between $130 and $140 billion in 2025.")
    fact = make_fact(
        article, "$130 and $140 billion", metric="investment", value=130e9, value_high=140e9,
        qualifier="range", subject=["AWS", "Microsoft Azure"], geography="worldwide", period="2025",
        forecast=True, source="Canalys",
    )
    load_batch(running, RUN_ID, [article], [fact], [])
    stored = running.execute(
        "SELECT fact_id, subject, forecast, value, value_high, start_char, end_char, text, extracted_at, "
        "typeof(subject), typeof(forecast) FROM facts"
    ).fetchone()
    assert stored[0] == fact_id_for(fact)
    assert stored[1] == ["AWS", "Microsoft Azure"]
    assert stored[2] is True
    assert stored[3:6] == (130e9, 140e9, fact["start_char"])
    assert article["body"][stored[5]:stored[6]] == stored[7] == "$130 and $140 billion"
    assert isinstance(stored[8], dt.datetime)
    assert stored[9:] == ("VARCHAR[]", "BOOLEAN")
    assert running.execute("SELECT published, name FROM articles").fetchone() == (dt.date(2025, 2, 3), "c001")


def test_front_matter_values_are_stored_as_text_and_dates(running, make_article) -> None:
    article = make_article("c001", "No figures.", title=2024, published="2024-01-19", source_path=Path("a/c001.md"))
    load_batch(running, RUN_ID, [article], [], [])
    stored = running.execute("SELECT title, published, source_path FROM articles").fetchone()
    assert stored == ("2024", dt.date(2024, 1, 19), "a/c001.md")


def test_empty_subject_and_false_forecast_round_trip(running, make_article, make_fact) -> None:
    article = make_article("c001", "Cloud spending reached $86 billion.")
    load_batch(running, RUN_ID, [article], [make_fact(article, "$86 billion", subject=[], forecast=False)], [])
    assert running.execute("SELECT subject, forecast FROM facts").fetchone() == ([], False)


def test_segment_and_growth_of_are_stored_and_listed_by_v_facts(running, make_article, make_fact) -> None:
    article = make_article("c001", "Cloud infrastructure spending rose 22% to $91 billion; AWS revenue grew 18%.")
    facts = [make_fact(article, "22%", metric="growth_rate", value=22.0, unit="percent", subject=[],
                       segment="cloud_infrastructure_services", growth_of="market_spending"),
             make_fact(article, "$91 billion", metric="market_spending", value=91e9, subject=[],
                       segment="cloud_infrastructure_services"),
             make_fact(article, "18%", metric="growth_rate", value=18.0, unit="percent", growth_of="revenue")]
    load_batch(running, RUN_ID, [article], facts, [])
    stored = running.execute("SELECT text, segment, growth_of, typeof(segment), typeof(growth_of) FROM facts "
                             "ORDER BY start_char").fetchall()
    assert stored == [("22%", "cloud_infrastructure_services", "market_spending", "VARCHAR", "VARCHAR"),
                      ("$91 billion", "cloud_infrastructure_services", None, "VARCHAR", "VARCHAR"),
                      ("18%", None, "revenue", "VARCHAR", "VARCHAR")]
    assert running.execute("SELECT text, segment, growth_of FROM v_facts ORDER BY start_char").fetchall() == \
        [row[:3] for row in stored]


def test_facts_without_segment_fields_load_with_nulls(running, make_article, make_fact) -> None:
    article = make_article("c001", "Revenue was $5 billion.")
    load_batch(running, RUN_ID, [article], [make_fact(article, "$5 billion")], [])
    assert running.execute("SELECT segment, growth_of FROM facts").fetchone() == (None, None)


def test_loading_the_same_batch_twice_adds_no_rows(running, make_article, make_fact) -> None:
    article = make_article("c001", "Revenue was $5 billion, up 12%.")
    facts = [
        make_fact(article, "$5 billion", value=5e9),
        make_fact(article, "12%", metric="growth_rate", value=12, unit="percent"),
    ]
    rejects = [{"source_path": "articles/bad.md", "reason": "not UTF-8", "severity": "rejected"}]
    first = load_batch(running, RUN_ID, [article], facts, rejects)
    counts_after_first = table_counts(running)
    second = load_batch(running, RUN_ID, [article], facts, rejects)
    assert first == {"articles_new": 1, "articles_unchanged": 0, "facts_written": 2, "rejects": 1}
    assert second == {"articles_new": 0, "articles_unchanged": 1, "facts_written": 0, "rejects": 0}
    assert table_counts(running) == counts_after_first


def test_duplicate_fact_inside_one_batch_is_stored_once(running, make_article, make_fact) -> None:
    article = make_article("c001", "Revenue was $5 billion.")
    fact = make_fact(article, "$5 billion", value=5e9)
    assert load_batch(running, RUN_ID, [article], [fact, dict(fact)], [])["facts_written"] == 1


def test_empty_batch_works(running) -> None:
    assert load_batch(running, RUN_ID, [], [], []) == EMPTY_COUNTS


def test_articles_without_facts_load(running, make_article) -> None:
    counts = load_batch(running, RUN_ID, [make_article("c001", "No figures here.")], [], [])
    assert counts == {**EMPTY_COUNTS, "articles_new": 1}


def test_same_body_under_two_names_is_one_article_with_both_names(running, make_article) -> None:
    body = "Alibaba Cloud revenue rose 13%."
    in_one_batch = load_batch(running, RUN_ID, [make_article("c001", body), make_article("c001-copy", body)], [], [])
    later = load_batch(running, RUN_ID, [make_article("c001-third", body)], [], [])
    assert in_one_batch["articles_new"] == 1
    assert later == {**EMPTY_COUNTS, "articles_unchanged": 1}
    assert running.execute("SELECT count(*), min(name) FROM articles").fetchone() == (1, "c001")
    names = running.execute("SELECT name FROM article_names ORDER BY name").fetchall()
    assert names == [("c001",), ("c001-copy",), ("c001-third",)]


def test_changed_body_under_same_name_is_a_new_version_and_old_facts_stay(
    running, db_path: Path, make_article, make_fact
) -> None:
    old = make_article("c001", "Revenue was $5 billion.")
    new = make_article("c001", "Revenue was $6 billion.")
    load_batch(running, RUN_ID, [old], [make_fact(old, "$5 billion", value=5e9)], [])
    load_batch(running, RUN_ID, [new], [make_fact(new, "$6 billion", value=6e9)], [])
    versions = running.execute("SELECT article_id FROM articles WHERE name = 'c001'").fetchall()
    assert {article_id for (article_id,) in versions} == {old["article_id"], new["article_id"]}
    assert sorted(value for (value,) in running.execute("SELECT value FROM facts").fetchall()) == [5e9, 6e9]
    assert running.execute("SELECT article_id FROM current_articles WHERE name = 'c001'").fetchone() == (
        new["article_id"],
    )
    running.close()
    assert [fact["value"] for fact in article_facts(db_path, "c001")] == [6e9]


def test_file_edited_back_to_an_old_body_makes_that_version_current(running, make_article) -> None:
    old = make_article("c001", "Revenue was $5 billion.")
    new = make_article("c001", "Revenue was $6 billion.")
    for article in (old, new, old):
        load_batch(running, RUN_ID, [article], [], [])
    assert running.execute("SELECT count(*) FROM article_names").fetchone() == (2,)
    assert running.execute("SELECT article_id FROM current_articles").fetchone() == (old["article_id"],)


def test_a_source_seen_at_a_new_path_updates_the_names_last_seen_path(running, make_article) -> None:
    # One source (source_key) whose path changed; two different paths without a key are two sources (migration 004).
    body = "Revenue was $5 billion."
    load_batch(running, RUN_ID, [make_article("c001", body, source_path="old/c001.md", source_key="feed:c001")], [], [])
    load_batch(running, RUN_ID, [make_article("c001", body, source_path="new/c001.md", source_key="feed:c001")], [], [])
    assert running.execute("SELECT source_path FROM current_articles").fetchall() == [("new/c001.md",)]
    assert running.execute("SELECT source_path FROM articles").fetchall() == [("old/c001.md",)]


def test_error_mid_batch_rolls_back_everything(running, make_article, make_fact) -> None:
    first = make_article("c001", "Revenue was $5 billion.")
    second = make_article("c002", "Profit was $1 billion.")
    facts = [make_fact(first, "$5 billion", value=5e9), make_fact(second, "$1 billion", metric=None)]
    rejects = [{"source_path": "articles/bad.md", "reason": "empty", "severity": "rejected"}]
    before = table_counts(running)
    with pytest.raises(duckdb.ConstraintException):
        load_batch(running, RUN_ID, [first, second], facts, rejects)
    assert table_counts(running) == before
    assert known_article_ids(running, [first["article_id"], second["article_id"]]) == set()
    assert load_batch(running, RUN_ID, [first], facts[:1], [])["facts_written"] == 1


def test_fact_of_an_article_outside_the_batch_is_refused_and_nothing_stored(running, make_article, make_fact) -> None:
    stored = make_article("c001", "Revenue was $5 billion.")
    missing = make_article("c404", "Profit was $1 billion.")
    with pytest.raises(ValueError, match="not among the batch's articles"):
        load_batch(running, RUN_ID, [stored], [make_fact(stored, "$5 billion"), make_fact(missing, "$1 billion")], [])
    assert table_counts(running)["articles"] == 0 and table_counts(running)["facts"] == 0


def test_facts_of_a_body_stored_before_are_not_added_again(running, make_article, make_fact) -> None:
    article = make_article("c001", "Revenue was $5 billion. Profit was $1 billion.")
    first = make_fact(article, "$5 billion", value=5e9)
    assert load_batch(running, RUN_ID, [article], [first], [])["facts_written"] == 1
    later = make_fact(article, "$1 billion", value=1e9, metric="profit")
    again = load_batch(running, RUN_ID, [dict(article, name="c001-copy")], [first, later], [])
    assert again == {"articles_new": 0, "articles_unchanged": 1, "facts_written": 0, "rejects": 0}
    assert running.execute("SELECT count(*) FROM facts").fetchone() == (1,)


def test_fact_ids_stay_unique_without_a_key_index(running, make_article, make_fact) -> None:
    article = make_article("c001", "Revenue was $5 billion.")
    fact = make_fact(article, "$5 billion", value=5e9)
    load_batch(running, RUN_ID, [article, dict(article, name="c001-twin")], [fact, fact, dict(fact)], [])
    load_batch(running, RUN_ID, [article], [fact], [])
    assert running.execute("SELECT count(*), count(DISTINCT fact_id) FROM facts").fetchone() == (1, 1)


def test_article_id_must_be_the_hash_of_the_body(running, make_article) -> None:
    article = make_article("c001", "Revenue was $5 billion.", article_id="0" * 64)
    with pytest.raises(ValueError, match="SHA-256"):
        load_batch(running, RUN_ID, [article], [], [])


def test_string_subject_is_refused(running, make_article, make_fact) -> None:
    article = make_article("c001", "Revenue was $5 billion.")
    with pytest.raises(TypeError, match="list of names"):
        load_batch(running, RUN_ID, [article], [make_fact(article, "$5 billion", subject="AWS")], [])


def test_known_article_ids_returns_only_stored_ones(running, make_article) -> None:
    article = make_article("c001", "Revenue was $5 billion.")
    load_batch(running, RUN_ID, [article], [], [])
    assert known_article_ids(running, [article["article_id"], "f" * 64]) == {article["article_id"]}
    assert known_article_ids(running, []) == set()


def test_fact_id_is_stable_and_depends_on_span_and_value(make_article, make_fact) -> None:
    article = make_article("c001", "Revenue was $5 billion, then $5 billion again.")
    fact = make_fact(article, "$5 billion", value=5e9)
    assert fact_id_for(fact) == fact_id_for(dict(fact, value=5_000_000_000, rule="other_rule"))
    assert fact_id_for(fact) != fact_id_for(dict(fact, start_char=29, end_char=39))
    assert fact_id_for(fact) != fact_id_for(dict(fact, value=5.1e9))
    # "Europe and China each hold a third": one span, two facts
    assert fact_id_for(fact) != fact_id_for(dict(fact, geography="China"))
    assert fact_id_for(fact) != fact_id_for(dict(fact, subject=["Google Cloud"]))


def test_warning_and_rejected_severities_are_recorded(running) -> None:
    rejects = [
        {"source_path": "articles/a.md", "reason": "no front matter", "severity": "warning"},
        {"source_path": "articles/b.md", "reason": "not UTF-8", "severity": "rejected"},
    ]
    assert load_batch(running, RUN_ID, [], [], rejects)["rejects"] == 2
    with pytest.raises(ValueError, match="severity"):
        load_batch(running, RUN_ID, [], [], [{"source_path": "x", "reason": "y", "severity": "fatal"}])


def test_writer_runs_with_a_small_memory_limit(writer) -> None:
    from warehouse.db import WRITER_MEMORY_LIMIT

    limit = writer.execute("SELECT current_setting('memory_limit')").fetchone()[0]
    assert limit.endswith("MiB") and float(limit.split()[0]) * 2**20 <= WRITER_MEMORY_LIMIT * 1.01


def test_writer_draws_no_progress_bar(writer) -> None:
    assert writer.execute("SELECT current_setting('enable_progress_bar')").fetchone() == (False,)


def test_batch_larger_than_the_memory_limit_still_loads(running, make_article, make_fact, monkeypatch) -> None:
    monkeypatch.setattr("warehouse.load.WRITER_MEMORY_LIMIT", 8 * 2**20)
    running.execute("SET memory_limit = '8MiB'")
    articles = [make_article(f"big{i}", f"Article {i}: revenue was $5 billion. " + "Cloud demand grew. " * 50_000)
                for i in range(24)]  # ~23 MB of text, three times the limit
    facts = [make_fact(article, "$5 billion", value=5e9) for article in articles]
    counts = load_batch(running, RUN_ID, articles, facts, [])
    assert (counts["articles_new"], counts["facts_written"]) == (24, 24)
    assert running.execute("SELECT count(*), sum(length(body)) FROM articles").fetchone() == (
        24, sum(len(a["body"]) for a in articles))


# ---------------------------------------------------------------------------
# source_files: what a run remembers of the files it read, to skip them while unchanged
# ---------------------------------------------------------------------------

def file_record(path: str, digest: str | None, *articles: dict) -> dict:
    """A file read as ingest describes it: a hash and bodies when it was read cleanly."""
    return {"source_path": path, "file_sha256": digest, "article_ids": [a["article_id"] for a in articles]}


def test_a_file_read_cleanly_is_skipped_while_its_bytes_are_the_same(running, make_article) -> None:
    one, two = make_article("one", "AWS grew 19%."), make_article("two", "Azure grew 31%.")
    load_batch(running, RUN_ID, [one, two], [], [], [file_record("wire.jsonl", "h1", one, two)])
    assert skip_unchanged_files(running, {"wire.jsonl": "h1", "other.md": "h9"}) == {"wire.jsonl": 2}
    assert skip_unchanged_files(running, {"wire.jsonl": "h2"}) == {}
    assert skip_unchanged_files(running, {}) == {}


def test_a_skipped_file_is_marked_seen_and_its_names_are_not_touched(running, make_article) -> None:
    article = make_article("one", "AWS grew 19%.")
    load_batch(running, RUN_ID, [article], [], [], [file_record("one.md", "h1", article)])
    before = running.execute("SELECT last_seen_at FROM source_files").fetchone()[0]
    names_before = running.execute("SELECT * FROM article_names").fetchall()
    assert skip_unchanged_files(running, {"one.md": "h1"}) == {"one.md": 1}
    assert running.execute("SELECT last_seen_at FROM source_files").fetchone()[0] > before
    assert running.execute("SELECT * FROM article_names").fetchall() == names_before


def test_a_file_whose_bodies_are_gone_is_not_skipped(running, make_article) -> None:
    one, two = make_article("one", "AWS grew 19%."), make_article("two", "Azure grew 31%.")
    load_batch(running, RUN_ID, [one, two], [], [], [file_record("wire.jsonl", "h1", one, two)])
    running.execute("DELETE FROM article_names WHERE name = 'two'")
    running.execute("DELETE FROM articles WHERE name = 'two'")
    assert skip_unchanged_files(running, {"wire.jsonl": "h1"}) == {}


def test_reading_a_file_again_replaces_what_was_remembered_of_it(running, make_article) -> None:
    first, second = make_article("one", "AWS grew 19%."), make_article("one", "AWS grew 21%.")
    load_batch(running, RUN_ID, [first], [], [], [file_record("one.md", "h1", first)])
    load_batch(running, RUN_ID, [second], [], [], [file_record("one.md", "h2", second)])
    assert running.execute("SELECT source_path, file_sha256, article_ids FROM source_files").fetchall() == [
        ("one.md", "h2", [second["article_id"]])]
    # Read again with a warning (no hash): nothing may be skipped on the strength of the older bytes.
    load_batch(running, RUN_ID, [first], [], [{"source_path": "one.md", "reason": "w", "severity": "warning"}],
               [file_record("one.md", None)])
    assert running.execute("SELECT count(*) FROM source_files").fetchone() == (0,)
    assert skip_unchanged_files(running, {"one.md": "h1"}) == {}


def test_a_file_that_became_unreadable_is_forgotten(running, make_article) -> None:
    article = make_article("one", "AWS grew 19%.")
    load_batch(running, RUN_ID, [article], [], [], [file_record("one.md", "h1", article)])
    load_batch(running, RUN_ID, [], [], [{"source_path": "one.md", "reason": "empty file", "severity": "rejected"}],
               [file_record("one.md", None)])
    assert skip_unchanged_files(running, {"one.md": "h1"}) == {}


def test_a_file_is_remembered_only_with_its_bodies_in_the_same_batch(running, make_article) -> None:
    stored, elsewhere = make_article("one", "AWS grew 19%."), make_article("two", "Azure grew 31%.")
    with pytest.raises(ValueError, match="not among the batch's articles"):
        load_batch(running, RUN_ID, [stored], [], [], [file_record("wire.jsonl", "h1", stored, elsewhere)])
    with pytest.raises(ValueError, match="no articles"):
        load_batch(running, RUN_ID, [stored], [], [], [file_record("empty.md", "h1")])
    assert table_counts(running)["articles"] == 0
    assert running.execute("SELECT count(*) FROM source_files").fetchone() == (0,)
