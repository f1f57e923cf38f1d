-- Facts of the current version of one article name, with the body to mark figures in.
-- An article without facts yields one row whose fact columns are NULL.
SELECT c.name, c.title, c.published, c.body,
       f.fact_id, c.article_id, f.metric, f.value, f.value_high, f.unit, f.qualifier, f.subject,
       f.geography, f.period, f.forecast, f.source, f.text, f.start_char, f.end_char,
       f.sentence, f.rule, f.extracted_at
FROM current_articles c
LEFT JOIN facts f USING (article_id)
WHERE c.name = $name
ORDER BY f.start_char, f.end_char, f.metric, f.unit;
