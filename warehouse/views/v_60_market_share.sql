-- v_market_share: one company group's share of a market (unit percent), one row per group, segment, period,
-- geography and source with its most corroborated value, chosen as in v_market_spending. "Amazon 30%" and
-- "AWS 31%" are two values of one row (company_group Amazon); v_conflicts shows the disagreement.
-- Only shares held by one group count: "the top three held 63%" is not one company's share.
-- company_group: the group (companies.company_group; a name the table lacks is its own group); company is the same
-- (the column older queries read); companies: the canonical names the chosen value was reported under.
-- fact_ids are the facts behind the chosen value; alternatives counts the other values of the row.
CREATE OR REPLACE VIEW v_market_share AS
WITH candidate_values AS (
    SELECT company_group, segment, period, geography, source, value_3sf AS value,
           list_sort(list_distinct(flatten(list(subject)))) AS companies,
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
    WHERE metric = 'market_share' AND unit = 'percent' AND len(subject_groups) = 1 AND conversion_of IS NULL
    GROUP BY company_group, segment, period, geography, source, value_3sf
)
SELECT company_group, company_group AS company, companies, segment, period, period_start, period_end,
       geography, source, value, articles, outlets, first_seen, last_seen, forecast,
       count(*) OVER share_figure - 1 AS alternatives,
       article_names, fact_ids
FROM candidate_values
WINDOW share_figure AS (PARTITION BY company_group, segment, period, geography, source)
QUALIFY row_number() OVER (
    PARTITION BY company_group, segment, period, geography, source
    ORDER BY articles DESC, outlets DESC, last_seen DESC NULLS LAST, value DESC
) = 1;
