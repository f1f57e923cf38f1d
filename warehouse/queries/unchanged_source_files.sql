-- Of the files given as ($source_paths, $file_sha256s), those read before with the same bytes
-- whose bodies are all still stored, with how many articles each holds.
WITH given AS (
    SELECT unnest($source_paths::VARCHAR[]) AS source_path, unnest($file_sha256s::VARCHAR[]) AS file_sha256
),
matched AS (
    SELECT s.source_path, s.article_ids
    FROM source_files s
    JOIN given g ON g.source_path = s.source_path AND g.file_sha256 = s.file_sha256
),
bodies AS (
    SELECT source_path, unnest(article_ids) AS article_id FROM matched
),
missing_bodies AS (
    SELECT DISTINCT b.source_path
    FROM bodies b
    WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.article_id = b.article_id)
)
SELECT m.source_path, len(m.article_ids) AS article_count
FROM matched m
WHERE m.source_path NOT IN (SELECT source_path FROM missing_bodies);
