-- v_market_spending: spending on a whole market, one row per period, geography, source and currency
-- (a figure in two currencies gives two rows) with its most corroborated value: the value
-- (to 3 significant figures) reported by most articles, then most outlets, then seen last.
-- alternatives counts the other values reported for the same row; forecast is true when every
-- report of the chosen value is a forecast.
CREATE OR REPLACE VIEW v_market_spending AS
WITH candidate_values AS (
    SELECT period, geography, source, unit, value_3sf AS value,
           count(DISTINCT article_id) AS articles,
           count(DISTINCT outlet) AS outlets,
           min(published) AS first_seen,
           max(published) AS last_seen,
           bool_and(coalesce(forecast, false)) AS forecast,
           list_sort(list_distinct(list(article))) AS article_names,
           list_sort(list(fact_id)) AS fact_ids
    FROM v_facts
    WHERE metric = 'market_spending'
    GROUP BY period, geography, source, unit, value_3sf
)
SELECT period, geography, source, unit, value, articles, outlets, first_seen, last_seen, forecast,
       count(*) OVER spending_figure - 1 AS alternatives,
       article_names, fact_ids
FROM candidate_values
WINDOW spending_figure AS (PARTITION BY period, geography, source, unit)
QUALIFY row_number() OVER (
    PARTITION BY period, geography, source, unit
    ORDER BY articles DESC, outlets DESC, last_seen DESC NULLS LAST, value DESC
) = 1;
