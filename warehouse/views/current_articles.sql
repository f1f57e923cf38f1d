-- The current version of every article source (a file, a JSON Lines line, a feed entry): the body most recently
-- seen from it. Two sources that share a name are two articles (migration 004).
CREATE OR REPLACE VIEW current_articles AS
SELECT a.article_id, n.name, n.source_path, a.title, a.url, a.outlet, a.published,
       n.first_seen_at, n.last_seen_at, a.body
FROM article_names n
JOIN articles a USING (article_id)
QUALIFY row_number() OVER (
    PARTITION BY n.source_key
    ORDER BY n.last_seen_at DESC, n.first_seen_at DESC, n.article_id
) = 1;
