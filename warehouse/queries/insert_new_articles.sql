-- batch_articles is a registered Arrow table; $new_article_ids are its bodies the warehouse did not hold
-- (query new_article_ids, run first in the same transaction). The first row of a body wins.
INSERT INTO articles (article_id, name, source_path, title, url, outlet, published, ingested_at, body, run_id)
SELECT article_id, name, source_path, title, url, outlet, published, ingested_at, body, run_id
FROM batch_articles b
WHERE article_id IN (SELECT unnest($new_article_ids::VARCHAR[]))
QUALIFY row_number() OVER (PARTITION BY article_id ORDER BY batch_position) = 1;
