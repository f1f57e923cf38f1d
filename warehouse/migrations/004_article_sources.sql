-- An article's identity is its source, not its name (issue 17). Names repeat across sources:
-- aws/q4.md and azure/q4.md, x.md and x.html, two JSON Lines files using the same "name", two feed entry
-- ids that slugify alike. Keyed by name, only the last one seen stayed current and the others' facts
-- left v_facts, every view, `show` and the report. article_names now has one row per body and source:
--   source_key = the file's path (Markdown, text, HTML), path#name (a JSON Lines line), feed#entry-id (a feed entry),
-- and current_articles keeps the latest body of each source, so a new version of the same source still
-- replaces the old one. Rows written before this migration get the key their source would have now; for
-- feed entries that is feed#name (the entry id was not stored), so an old entry that is edited later
-- shows its stored version beside the new one until nothing else changes it (both are in v_facts once).
-- The table is rebuilt because DuckDB cannot change a primary key; its columns keep their names and order.

CREATE TABLE article_names_keyed (
    article_id    VARCHAR NOT NULL,
    name          VARCHAR NOT NULL,
    source_path   VARCHAR,
    first_seen_at TIMESTAMP NOT NULL,
    last_seen_at  TIMESTAMP NOT NULL,
    run_id        VARCHAR,
    source_key    VARCHAR NOT NULL,   -- which source this body came from (see above); last, as a column added
    PRIMARY KEY (article_id, source_key)
);

INSERT INTO article_names_keyed
SELECT article_id, name, source_path, first_seen_at, last_seen_at, run_id, source_key
FROM (
    SELECT *,
           CASE WHEN source_path IS NULL THEN name
                WHEN regexp_matches(lower(source_path), '\.(md|txt|html|htm)$') THEN source_path
                ELSE source_path || '#' || name
           END AS source_key
    FROM article_names
)
QUALIFY row_number() OVER (PARTITION BY article_id, source_key ORDER BY last_seen_at DESC, name) = 1;

DROP TABLE article_names;
ALTER TABLE article_names_keyed RENAME TO article_names;
