SELECT 'articles' AS table_name, count(*) AS row_count FROM articles
UNION ALL SELECT 'article_names', count(*) FROM article_names
UNION ALL SELECT 'facts', count(*) FROM facts
UNION ALL SELECT 'runs', count(*) FROM runs
UNION ALL SELECT 'rejects', count(*) FROM rejects;
