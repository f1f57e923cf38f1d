-- Bodies seen again from the same source: remember when, and the path they were last seen at.
UPDATE article_names n
SET last_seen_at = $seen_at,
    source_path = b.source_path
FROM (
    SELECT DISTINCT ON (article_id, source_key) article_id, source_key, source_path
    FROM batch_articles
    ORDER BY article_id, source_key, batch_position
) b
WHERE n.article_id = b.article_id AND n.source_key = b.source_key;
