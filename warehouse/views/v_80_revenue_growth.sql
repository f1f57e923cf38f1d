-- v_revenue_growth: growth of revenue (growth_rate whose growth_of is revenue) per company, segment, period,
-- geography, source and forecast flag, with its most corroborated value, chosen as in v_market_spending. Growth of
-- backlog, profit, spending or anything else is left out.
-- A company is its canonical names (companies, sorted): AWS's growth and Amazon's are different figures, both of
-- group Amazon (company_group). Facts without a subject are left out. unit is percent, or pp for a change in points.
-- fact_ids are the facts behind the chosen value; alternatives counts the other values of the row.
CREATE OR REPLACE VIEW v_revenue_growth AS
WITH candidate_values AS (
    SELECT company_group, list_sort(subject) AS companies, segment, period, geography, source,
           coalesce(forecast, false) AS forecast, unit, value_3sf AS value,
           min(period_start) AS period_start,
           max(period_end) AS period_end,
           count(DISTINCT article_id) AS articles,
           count(DISTINCT outlet) AS outlets,
           min(published) AS first_seen,
           max(published) AS last_seen,
           list_sort(list_distinct(list(article))) AS article_names,
           list_sort(list(fact_id)) AS fact_ids
    FROM v_grouped_facts
    WHERE metric = 'growth_rate' AND growth_of = 'revenue' AND len(subject) > 0 AND conversion_of IS NULL
    GROUP BY company_group, list_sort(subject), segment, period, geography, source, coalesce(forecast, false), unit,
             value_3sf
)
SELECT company_group, companies, segment, period, period_start, period_end, geography, source, forecast, unit,
       value, articles, outlets, first_seen, last_seen,
       count(*) OVER growth_figure - 1 AS alternatives,
       article_names, fact_ids
FROM candidate_values
WINDOW growth_figure AS (PARTITION BY companies, segment, period, geography, source, forecast, unit)
QUALIFY row_number() OVER (
    PARTITION BY companies, segment, period, geography, source, forecast, unit
    ORDER BY articles DESC, outlets DESC, last_seen DESC NULLS LAST, value DESC
) = 1;
