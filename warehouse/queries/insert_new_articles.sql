-- batch_articles is a registered Arrow table; the first row of a body wins.
INSERT INTO articles (article_id, name, source_path, title, url, outlet, published, ingested_at, body, run_id)
SELECT article_id, name, source_path, title, url, outlet, published, ingested_at, body, run_id
FROM batch_articles b
WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.article_id = b.article_id)
QUALIFY row_number() OVER (PARTITION BY article_id ORDER BY batch_position) = 1;
