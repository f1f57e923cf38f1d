-- Initial cloudfacts schema. Names of articles/facts columns are a public interface (FACTS.md).
-- All timestamps are UTC.

CREATE TABLE runs (
    run_id             VARCHAR PRIMARY KEY,
    flow_run_id        VARCHAR,
    started_at         TIMESTAMP NOT NULL,
    finished_at        TIMESTAMP,
    status             VARCHAR NOT NULL
        CHECK (status IN ('running', 'completed', 'failed', 'abandoned')),
    inputs             VARCHAR[],
    files_seen         INTEGER,
    articles_new       INTEGER,
    articles_unchanged INTEGER,
    files_rejected     INTEGER,
    facts_written      INTEGER,
    message            VARCHAR
);

CREATE TABLE articles (
    article_id  VARCHAR PRIMARY KEY,  -- SHA-256 hex of body
    name        VARCHAR NOT NULL,     -- the first name this body was seen under; all names are in article_names
    source_path VARCHAR,
    title       VARCHAR,
    url         VARCHAR,
    outlet      VARCHAR,
    published   DATE,
    ingested_at TIMESTAMP NOT NULL,
    body        VARCHAR NOT NULL,
    run_id      VARCHAR
);

CREATE TABLE article_names (
    article_id    VARCHAR NOT NULL REFERENCES articles (article_id),
    name          VARCHAR NOT NULL,
    source_path   VARCHAR,
    first_seen_at TIMESTAMP NOT NULL,
    -- Bumped whenever a run sees this body under this name, so a file edited back to an
    -- older body makes that older version the current one again.
    last_seen_at  TIMESTAMP NOT NULL,
    run_id        VARCHAR,
    PRIMARY KEY (article_id, name)
);

CREATE TABLE facts (
    fact_id      VARCHAR PRIMARY KEY,  -- sha256 of article_id|metric|unit|start_char|end_char|value
    article_id   VARCHAR NOT NULL REFERENCES articles (article_id),
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

CREATE TABLE rejects (
    run_id      VARCHAR NOT NULL,
    source_path VARCHAR NOT NULL,
    reason      VARCHAR NOT NULL,
    severity    VARCHAR NOT NULL CHECK (severity IN ('rejected', 'warning')),
    recorded_at TIMESTAMP NOT NULL
);
