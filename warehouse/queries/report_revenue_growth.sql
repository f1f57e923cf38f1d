-- Report: revenue growth per company (its canonical names joined) and segment, in percent, reported (not forecast).
SELECT array_to_string(companies, ' + ') AS company, company_group, segment, period, period_start, period_end,
       source, value, forecast, articles, article_names, fact_ids
FROM v_revenue_growth
WHERE unit = 'percent' AND NOT forecast
ORDER BY company, segment NULLS FIRST, period_end NULLS LAST, period;
