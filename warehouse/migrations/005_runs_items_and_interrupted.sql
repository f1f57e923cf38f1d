-- runs (issue 17):
-- * status 'interrupted': a run stopped by Ctrl-C (SIGINT). Its earlier batches stay committed and its counts
--   say what they stored; the batch being stored when Ctrl-C came is finished first.
-- * items_seen: the articles and rejects the run read from its files and feeds. A JSON Lines file or a feed
--   holds many articles, so files_seen = articles_new + articles_unchanged + files_rejected held only for
--   one article a file; items_seen = articles_new + articles_unchanged + files_rejected always holds
--   (files_rejected counts rejects: whole files, and lines or entries of JSON Lines files and feeds).
-- DuckDB cannot change a CHECK constraint, so the table is rebuilt with the same columns and items_seen last.

CREATE TABLE runs_rebuilt (
    run_id             VARCHAR PRIMARY KEY,
    flow_run_id        VARCHAR,
    started_at         TIMESTAMP NOT NULL,
    finished_at        TIMESTAMP,
    status             VARCHAR NOT NULL
        CHECK (status IN ('running', 'completed', 'failed', 'abandoned', 'interrupted')),
    inputs             VARCHAR[],
    files_seen         INTEGER,
    articles_new       INTEGER,
    articles_unchanged INTEGER,
    files_rejected     INTEGER,
    facts_written      INTEGER,
    message            VARCHAR,
    items_seen         INTEGER
);

INSERT INTO runs_rebuilt
SELECT run_id, flow_run_id, started_at, finished_at, status, inputs, files_seen, articles_new, articles_unchanged,
       files_rejected, facts_written, message, NULL
FROM runs;

DROP TABLE runs;
ALTER TABLE runs_rebuilt RENAME TO runs;
