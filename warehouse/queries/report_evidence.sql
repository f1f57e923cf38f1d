-- Report: the facts a report cites ($fact_ids), each with its article and body to mark the figure in.
SELECT f.fact_id, f.article, f.title, f.outlet, f.url, f.published, f.metric, f.value, f.unit,
       f.qualifier, f.period, f.source, f.text, f.start_char, f.end_char, f.sentence, a.body
FROM v_facts f
JOIN articles a USING (article_id)
WHERE list_contains($fact_ids, f.fact_id)
ORDER BY f.published NULLS LAST, f.article, f.start_char;
