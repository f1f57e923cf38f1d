-- Report: the most corroborated market sizes (v_market_spending), in chart order.
SELECT segment, period, period_start, period_end, geography, source, unit, value, value_usd, articles, outlets,
       forecast, alternatives, article_names, fact_ids
FROM v_market_spending
ORDER BY segment NULLS LAST, geography NULLS LAST, unit, source NULLS LAST, period_end NULLS LAST, period;
