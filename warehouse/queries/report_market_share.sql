-- Report: the most corroborated market shares of one company group each, in chart order.
SELECT company, segment, period, geography, source, value, articles, forecast, alternatives, article_names, fact_ids
FROM v_market_share
ORDER BY geography NULLS LAST, segment NULLS LAST, source NULLS LAST, period_end NULLS LAST, period, company;
