-- v_market_share: a single company's share of a market (unit percent), one row per company, period,
-- geography and source with its most corroborated value, chosen as in v_market_spending.
CREATE OR REPLACE VIEW v_market_share AS
WITH candidate_values AS (
    SELECT subject[1] AS company, period, geography, source, value_3sf AS value,
           count(DISTINCT article_id) AS articles,
           count(DISTINCT outlet) AS outlets,
           min(published) AS first_seen,
           max(published) AS last_seen,
           bool_and(coalesce(forecast, false)) AS forecast,
           list_sort(list_distinct(list(article))) AS article_names,
           list_sort(list(fact_id)) AS fact_ids
    FROM v_facts
    WHERE metric = 'market_share' AND unit = 'percent' AND len(subject) = 1
    GROUP BY subject[1], period, geography, source, value_3sf
)
SELECT company, period, geography, source, value, articles, outlets, first_seen, last_seen, forecast,
       count(*) OVER share_figure - 1 AS alternatives,
       article_names, fact_ids
FROM candidate_values
WINDOW share_figure AS (PARTITION BY company, period, geography, source)
QUALIFY row_number() OVER (
    PARTITION BY company, period, geography, source
    ORDER BY articles DESC, outlets DESC, last_seen DESC NULLS LAST, value DESC
) = 1;
