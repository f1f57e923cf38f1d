-- v_conflicts: figures with the same metric, unit, subject, segment, growth_of, period, geography, source and
-- forecast flag whose values differ by more than 1% (of the larger magnitude) between two articles.
-- The subject compared (column subject) is the company groups for market_share and investment, where a parent and
-- its unit hold one figure: "Amazon 30%" and "AWS 31%" of a market are one figure (subject ['Amazon']) that two
-- outlets disagree on. For every other metric it is the canonical names: AWS's revenue and Amazon's are different
-- figures, not a disagreement. Growth rates are compared per growth_of (revenue growth is not backlog growth) and
-- market figures per segment. A figure restating another in a second currency (conversion_of set) is left out.
-- A figure without a period holds "as of" its article's date, so it is only compared with articles published the
-- same day (as_of); otherwise a count that grew over time would conflict.
-- One row per value of a conflicting figure (values compared to 3 significant figures) with the articles,
-- sentences and canonical names (companies) behind it; lowest, highest and spread_percent describe the whole
-- figure; subject_groups are the company groups of the subject.
CREATE OR REPLACE VIEW v_conflicts AS
WITH keyed AS (
    SELECT *,
           CASE WHEN metric IN ('market_share', 'investment') THEN subject_groups
                ELSE list_sort(subject) END AS subject_key,
           coalesce(forecast, false) AS forecast_key,
           CASE WHEN period IS NULL THEN published END AS as_of
    FROM v_grouped_facts
    WHERE conversion_of IS NULL
),
-- Each article's lowest and highest value for each figure.
article_ranges AS (
    SELECT metric, unit, subject_key, segment, growth_of, period, as_of, geography, source, forecast_key, article_id,
           min(value) AS lowest, max(value) AS highest
    FROM keyed
    GROUP BY ALL
),
-- The two articles with the lowest values and the two with the highest, per figure, so that each
-- article can be compared with the most distant value of any OTHER article without a self-join.
ranked_ranges AS (
    SELECT *,
           first(article_id) OVER (figure ORDER BY lowest, article_id) AS lowest_article,
           nth_value(lowest, 2) OVER (figure ORDER BY lowest, article_id
                                      ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS second_lowest,
           first(lowest) OVER (figure ORDER BY lowest, article_id) AS first_lowest,
           first(article_id) OVER (figure ORDER BY highest DESC, article_id) AS highest_article,
           nth_value(highest, 2) OVER (figure ORDER BY highest DESC, article_id
                                       ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS second_highest,
           first(highest) OVER (figure ORDER BY highest DESC, article_id) AS first_highest
    FROM article_ranges
    WINDOW figure AS (PARTITION BY metric, unit, subject_key, segment, growth_of, period, as_of, geography, source,
                                   forecast_key)
),
conflicting_figures AS (
    SELECT DISTINCT metric, unit, subject_key, segment, growth_of, period, as_of, geography, source, forecast_key
    FROM (
        SELECT *,
               CASE WHEN article_id = highest_article THEN second_highest ELSE first_highest END AS others_highest,
               CASE WHEN article_id = lowest_article THEN second_lowest ELSE first_lowest END AS others_lowest
        FROM ranked_ranges
    )
    WHERE abs(others_highest - lowest) > 0.01 * greatest(abs(others_highest), abs(lowest))
       OR abs(highest - others_lowest) > 0.01 * greatest(abs(highest), abs(others_lowest))
),
conflicting_facts AS (
    SELECT k.*
    FROM keyed k
    SEMI JOIN conflicting_figures c
      ON k.metric = c.metric
     AND k.unit = c.unit
     AND k.subject_key = c.subject_key
     AND k.segment IS NOT DISTINCT FROM c.segment
     AND k.growth_of IS NOT DISTINCT FROM c.growth_of
     AND k.period IS NOT DISTINCT FROM c.period
     AND k.as_of IS NOT DISTINCT FROM c.as_of
     AND k.geography IS NOT DISTINCT FROM c.geography
     AND k.source IS NOT DISTINCT FROM c.source
     AND k.forecast_key = c.forecast_key
)
SELECT metric, unit, subject_key AS subject, any_value(subject_groups) AS subject_groups,
       list_sort(list_distinct(flatten(list(subject)))) AS companies,
       segment, growth_of, period, min(period_start) AS period_start, max(period_end) AS period_end, as_of,
       geography, source,
       forecast_key AS forecast,
       value_3sf AS value,
       count(DISTINCT article_id) AS articles,
       list_sort(list_distinct(list(article))) AS article_names,
       list(struct_pack(article, title, outlet, url, published, text, sentence, fact_id)
            ORDER BY published, article, start_char) AS reports,
       min(min(value)) OVER figure AS lowest,
       max(max(value)) OVER figure AS highest,
       round(100 * (max(max(value)) OVER figure - min(min(value)) OVER figure)
             / greatest(abs(max(max(value)) OVER figure), abs(min(min(value)) OVER figure)), 1)
           AS spread_percent
FROM conflicting_facts
GROUP BY metric, unit, subject_key, segment, growth_of, period, as_of, geography, source, forecast_key, value_3sf
WINDOW figure AS (PARTITION BY metric, unit, subject_key, segment, growth_of, period, as_of, geography, source,
                               forecast_key);
