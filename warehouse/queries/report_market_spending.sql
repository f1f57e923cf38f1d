-- Report: the most corroborated market spending figures, in chart order.
SELECT period, segment, geography, source, unit, value, articles, outlets, forecast, alternatives, article_names,
       fact_ids
FROM v_market_spending
ORDER BY geography NULLS LAST, segment NULLS LAST, unit, source NULLS LAST, period_end NULLS LAST, period;
