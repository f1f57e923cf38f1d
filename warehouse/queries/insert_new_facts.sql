-- batch_facts is a registered Arrow table; fact_id already computed; the first row of an id wins.
INSERT INTO facts (fact_id, article_id, metric, value, value_high, unit, qualifier, subject, geography,
                   period, forecast, source, text, start_char, end_char, sentence, rule, extracted_at, run_id)
SELECT fact_id, article_id, metric, value, value_high, unit, qualifier, subject, geography,
       period, forecast, source, text, start_char, end_char, sentence, rule, extracted_at, run_id
FROM batch_facts b
WHERE NOT EXISTS (SELECT 1 FROM facts f WHERE f.fact_id = b.fact_id)
QUALIFY row_number() OVER (PARTITION BY fact_id ORDER BY batch_position) = 1;
