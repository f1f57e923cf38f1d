-- Names seen again: remember when, and the path the name was last seen at.
UPDATE article_names n
SET last_seen_at = $seen_at,
    source_path = b.source_path
FROM (
    SELECT DISTINCT ON (article_id, name) article_id, name, source_path
    FROM batch_articles
    ORDER BY article_id, name, batch_position
) b
WHERE n.article_id = b.article_id AND n.name = b.name;
