-- v_facts: every fact of the current articles, with its article's name, title, outlet, url and date.
-- Facts of superseded versions of an edited article are left out. A body stored under several
-- names appears once, under its alphabetically first current name.
-- value_3sf is value rounded to 3 significant figures: the value the analysis views compare.
-- File names carry a number because a view can only be created after the views it reads.
CREATE OR REPLACE VIEW v_facts AS
WITH current_bodies AS (
    SELECT article_id, min(name) AS article
    FROM current_articles
    GROUP BY article_id
)
SELECT f.fact_id, f.article_id, b.article, a.title, a.outlet, a.url, a.published,
       f.metric, f.value, f.value_high, f.unit, f.qualifier, f.subject, f.geography, f.period,
       f.forecast, f.source, f.segment, f.growth_of, f.period_start, f.period_end,
       f.conversion_of, f.value_usd, f.usd_basis, f.usd_rate_date, f.text, f.start_char, f.end_char, f.sentence, f.rule, f.extracted_at,
       CASE WHEN f.value = 0 OR NOT isfinite(f.value) THEN f.value
            ELSE round(f.value, 2 - CAST(floor(log10(abs(f.value))) AS INTEGER))
       END AS value_3sf
FROM facts f
JOIN current_bodies b USING (article_id)
JOIN articles a USING (article_id);
