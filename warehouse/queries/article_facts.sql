-- Facts of the current version of the articles `cloudfacts show` was asked for, with the body to mark figures in.
-- The argument is an article name ($name), or a file it was read from ($paths: as given and absolute), or a file
-- name whose stem is an article name ($stem). Only the best kind of match is kept: name, then path, then stem.
-- An article without facts yields one row whose fact columns are NULL.
WITH matched AS (
    SELECT c.*,
           CASE WHEN c.name = $name THEN 1 WHEN list_contains($paths, c.source_path) THEN 2 ELSE 3 END AS match_rank
    FROM current_articles c
    WHERE c.name = $name OR list_contains($paths, c.source_path) OR c.name = $stem
),
best AS (
    SELECT * FROM matched QUALIFY match_rank = min(match_rank) OVER ()
)
SELECT c.name, c.title, c.published, c.body,
       f.fact_id, c.article_id, f.metric, f.value, f.value_high, f.unit, f.qualifier, f.subject,
       f.geography, f.period, f.forecast, f.source, f.text, f.start_char, f.end_char,
       f.sentence, f.rule, f.extracted_at
FROM best c
LEFT JOIN facts f USING (article_id)
ORDER BY c.name, f.start_char, f.end_char, f.metric, f.unit;
