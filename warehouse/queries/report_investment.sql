-- Report: per company group and calendar year, the largest capex or investment figure in US dollars whose period
-- lies within that year (v_investment counts each figure once; figures of one year overlap: a quarter, the whole
-- year, one country's part of it), with how many such figures the year has. Multi-year pledges and undated figures
-- are in report_pledges.
SELECT company_group, companies, year, period, geography, value_usd, forecast, articles, article_names, fact_ids,
       count(*) OVER (PARTITION BY company_group, year) AS figures
FROM v_investment
WHERE value_usd IS NOT NULL AND year(period_start) = year(period_end)
QUALIFY row_number() OVER (PARTITION BY company_group, year ORDER BY value_usd DESC, articles DESC, period) = 1
ORDER BY company_group, year;
