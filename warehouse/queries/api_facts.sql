-- cloudfacts.connect(db).facts(**filters): the facts of the current articles (v_facts), one row per fact, kept
-- when they match every filter given. A NULL parameter is a filter not given; subject keeps the facts whose
-- subject list holds that company.
SELECT article, published, outlet, metric, value, value_high, unit, qualifier, subject, geography, period,
       forecast, source, segment, growth_of, text, sentence, start_char, end_char, title, url, rule, fact_id, article_id
FROM v_facts
WHERE ($article IS NULL OR article = $article)
  AND ($metric IS NULL OR metric = $metric)
  AND ($unit IS NULL OR unit = $unit)
  AND ($subject IS NULL OR list_contains(subject, $subject))
  AND ($period IS NULL OR period = $period)
  AND ($geography IS NULL OR geography = $geography)
  AND ($source IS NULL OR source = $source)
  AND ($forecast IS NULL OR forecast = $forecast)
  AND ($qualifier IS NULL OR qualifier = $qualifier)
  AND ($outlet IS NULL OR outlet = $outlet)
ORDER BY published NULLS LAST, article, start_char, metric, unit;
