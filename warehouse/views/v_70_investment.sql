-- v_investment: capital expenditure and pledged or planned investment (metric investment) per company group and
-- year, one row per distinct figure, so that SUM(value_usd) counts each figure once:
-- - a figure reported by several articles is one row: the same company group, period, geography, currency and
--   value (to 3 significant figures); "Amazon" and "AWS" are one group;
-- - a figure restating another in a second currency (conversion_of set) never counts: "€2 billion ($2.2 billion)"
--   is one row, in euros, with its value_usd;
-- - forecast is true for pledges and plans (every report of the figure is a forecast), false for reported spending.
-- year: the calendar year the period ends in (period_end), else the last year the period names ("2024/2027" ->
-- 2027, "FY2025" -> 2025); NULL without a period. A quarter and its year are different periods: filter by period
-- (or period_start/period_end) before adding up quarters and years.
-- company_group: the subject's group, or the groups joined by ' + ' for companies investing together; facts without
-- a subject are left out. companies: the canonical names behind the row.
-- value_usd: the median of the facts' value_usd (NULL when no rate is known); reports: the facts behind the row,
-- each with its article, outlet, date, text and sentence.
CREATE OR REPLACE VIEW v_investment AS
WITH investments AS (
    SELECT *,
           coalesce(year(period_end), TRY_CAST(regexp_extract_all(period, '\d{4}')[-1] AS INTEGER)) AS year
    FROM v_grouped_facts
    WHERE metric = 'investment' AND conversion_of IS NULL AND len(subject) > 0
)
SELECT company_group,
       list_sort(list_distinct(flatten(list(subject)))) AS companies,
       year, period,
       min(period_start) AS period_start,
       max(period_end) AS period_end,
       geography,
       bool_and(coalesce(forecast, false)) AS forecast,
       unit,
       value_3sf AS value,
       median(value_usd) AS value_usd,
       count(DISTINCT article_id) AS articles,
       count(DISTINCT outlet) AS outlets,
       min(published) AS first_seen,
       max(published) AS last_seen,
       list_sort(list_distinct(list(article))) AS article_names,
       list_sort(list(fact_id)) AS fact_ids,
       list(struct_pack(article, outlet, published, source, text, sentence, fact_id)
            ORDER BY published, article, start_char) AS reports
FROM investments
GROUP BY company_group, year, period, geography, unit, value_3sf;
