INSERT INTO article_names (article_id, name, source_path, first_seen_at, last_seen_at, run_id, source_key)
SELECT article_id, name, source_path, ingested_at, ingested_at, run_id, source_key
FROM batch_articles b
WHERE NOT EXISTS (
    SELECT 1 FROM article_names n WHERE n.article_id = b.article_id AND n.source_key = b.source_key
)
QUALIFY row_number() OVER (PARTITION BY article_id, source_key ORDER BY batch_position) = 1;
