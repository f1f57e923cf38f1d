-- v_market_spending: the size of a whole market, one row per segment, period, geography, source and currency
-- with its most corroborated value: the value (to 3 significant figures) reported by most articles, then most
-- outlets, then seen last. Gartner's $211 billion for IaaS and $748 billion for all public cloud in 2025 are two
-- rows (segments iaas and public_cloud). A figure restating another in a second currency (conversion_of set:
-- "4.1 trillion yen (US$27.5 billion)") is left out, so a figure is one row, in the currency it was given in.
-- value_usd is the chosen value in US dollars (the median of its facts' value_usd; NULL when no rate is known);
-- period_start and period_end are the period's first and last days (NULL when unknown), for ordering in time.
-- alternatives counts the other values reported for the same row; forecast is true when every report of the
-- chosen value is a forecast; fact_ids are the facts behind the chosen value.
CREATE OR REPLACE VIEW v_market_spending AS
WITH candidate_values AS (
    SELECT segment, period, geography, source, unit, value_3sf AS value,
           median(value_usd) AS value_usd,
           min(period_start) AS period_start,
           max(period_end) AS period_end,
           count(DISTINCT article_id) AS articles,
           count(DISTINCT outlet) AS outlets,
           min(published) AS first_seen,
           max(published) AS last_seen,
           bool_and(coalesce(forecast, false)) AS forecast,
           list_sort(list_distinct(list(article))) AS article_names,
           list_sort(list(fact_id)) AS fact_ids
    FROM v_grouped_facts
    WHERE metric = 'market_spending' AND conversion_of IS NULL
    GROUP BY segment, period, geography, source, unit, value_3sf
)
SELECT segment, period, period_start, period_end, geography, source, unit, value, value_usd,
       articles, outlets, first_seen, last_seen, forecast,
       count(*) OVER spending_figure - 1 AS alternatives,
       article_names, fact_ids
FROM candidate_values
WINDOW spending_figure AS (PARTITION BY segment, period, geography, source, unit)
QUALIFY row_number() OVER (
    PARTITION BY segment, period, geography, source, unit
    ORDER BY articles DESC, outlets DESC, last_seen DESC NULLS LAST, value DESC
) = 1;
