-- batch_facts is a registered Arrow table; fact_id already computed. A body's facts are stored with
-- the body, the first time it is stored ($new_article_ids: the batch's bodies that were not stored
-- before it), so no fact_id can repeat across bodies; within the batch the first row of an id wins.
INSERT INTO facts (fact_id, article_id, metric, value, value_high, unit, qualifier, subject, geography,
                   period, forecast, source, segment, growth_of, period_start, period_end, conversion_of, value_usd, usd_basis, usd_rate_date,
                   text, start_char, end_char, sentence, rule, extracted_at, run_id)
SELECT fact_id, article_id, metric, value, value_high, unit, qualifier, subject, geography,
       period, forecast, source, segment, growth_of, period_start, period_end, conversion_of, value_usd, usd_basis, usd_rate_date,
       text, start_char, end_char, sentence, rule, extracted_at, run_id
FROM batch_facts b
WHERE article_id IN (SELECT unnest($new_article_ids::VARCHAR[]))
QUALIFY row_number() OVER (PARTITION BY fact_id ORDER BY batch_position) = 1;
