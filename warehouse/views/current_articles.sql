-- The current version of every article name: the body most recently seen under that name.
CREATE OR REPLACE VIEW current_articles AS
SELECT a.article_id, n.name, n.source_path, a.title, a.url, a.outlet, a.published,
       n.first_seen_at, n.last_seen_at, a.body
FROM article_names n
JOIN articles a USING (article_id)
QUALIFY row_number() OVER (
    PARTITION BY n.name
    ORDER BY n.last_seen_at DESC, n.first_seen_at DESC, n.article_id
) = 1;
