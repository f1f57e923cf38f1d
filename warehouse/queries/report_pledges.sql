-- Report: capex and investment figures that span several years or have no dated period, largest first (in USD).
SELECT company_group, companies, period, geography, unit, value, value_usd, forecast, articles, article_names,
       fact_ids
FROM v_investment
WHERE period_start IS NULL OR year(period_start) <> year(period_end)
ORDER BY value_usd DESC NULLS LAST, company_group, period NULLS LAST;
