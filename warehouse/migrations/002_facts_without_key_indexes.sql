-- facts without PRIMARY KEY and FOREIGN KEY: DuckDB keeps an in-memory ART index per key, and over
-- a million 64-character fact ids these indexes alone held ~160 MB in the writer (benchmarks/README.md).
-- The load step keeps both guarantees itself, in the batch's transaction: facts are stored only
-- with the body they come from, the first time that body is stored (fact_id includes the
-- article_id, so ids cannot repeat across bodies), repeats within a batch collapse to the first,
-- and a fact whose body is not in its batch is refused (warehouse/load.py).
-- DuckDB cannot drop a key constraint, so the table is rebuilt with the same columns.

CREATE TABLE facts_rebuilt (
    fact_id      VARCHAR NOT NULL,     -- sha256 of article_id|metric|unit|start_char|end_char|value|subject|geography
    article_id   VARCHAR NOT NULL,     -- articles.article_id
    metric       VARCHAR NOT NULL,
    value        DOUBLE NOT NULL,
    value_high   DOUBLE,
    unit         VARCHAR NOT NULL,
    qualifier    VARCHAR,
    subject      VARCHAR[],
    geography    VARCHAR,
    period       VARCHAR,
    forecast     BOOLEAN,
    source       VARCHAR,
    text         VARCHAR,
    start_char   INTEGER NOT NULL,
    end_char     INTEGER NOT NULL,
    sentence     VARCHAR,
    rule         VARCHAR,
    extracted_at TIMESTAMP NOT NULL,
    run_id       VARCHAR
);

INSERT INTO facts_rebuilt
SELECT fact_id, article_id, metric, value, value_high, unit, qualifier, subject, geography, period, forecast,
       source, text, start_char, end_char, sentence, rule, extracted_at, run_id
FROM facts;

DROP TABLE facts;
ALTER TABLE facts_rebuilt RENAME TO facts;
