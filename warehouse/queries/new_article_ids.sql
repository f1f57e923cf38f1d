-- The bodies of the batch (a registered Arrow table) that the warehouse does not hold yet.
SELECT DISTINCT article_id
FROM batch_articles b
WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.article_id = b.article_id);
