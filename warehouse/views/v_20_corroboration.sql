-- v_corroboration: one row per distinct fact (metric, unit, value to 3 significant figures,
-- subject in name order, period, geography) with how many articles and outlets report it,
-- the first and last published dates it was seen on, and the facts behind it.
CREATE OR REPLACE VIEW v_corroboration AS
SELECT metric, unit, value_3sf AS value, list_sort(subject) AS subject, period, geography,
       count(DISTINCT article_id) AS articles,
       count(DISTINCT outlet) AS outlets,
       min(published) AS first_seen,
       max(published) AS last_seen,
       list_sort(list_distinct(list(article))) AS article_names,
       list_sort(list_distinct(list(source))) AS source_names,
       list_sort(list(fact_id)) AS fact_ids
FROM v_facts
GROUP BY metric, unit, value_3sf, list_sort(subject), period, geography;
