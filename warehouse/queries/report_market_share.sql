-- Report: the most corroborated shares of single company groups (v_market_share), in chart order.
SELECT company_group, companies, segment, period, period_start, period_end, geography, source, value, articles,
       forecast, alternatives, article_names, fact_ids
FROM v_market_share
ORDER BY segment NULLS LAST, geography NULLS LAST, source NULLS LAST, period_end NULLS LAST, period, company_group;
