-- Report: the most corroborated single-company market shares, in chart order.
SELECT company, period, geography, source, value, articles, forecast, alternatives, article_names, fact_ids
FROM v_market_share
ORDER BY geography NULLS LAST, source NULLS LAST, period, company;
