-- Report: the $max_figures conflicting figures with the widest spread (each with all its values,
-- ascending), and how many conflicting figures there are in all.
WITH ranked AS (
    SELECT *,
           dense_rank() OVER (ORDER BY spread_percent DESC, metric, unit, subject, segment NULLS LAST,
                              growth_of NULLS LAST, period NULLS LAST,
                              as_of NULLS LAST, geography NULLS LAST, source NULLS LAST, forecast) AS figure_rank
    FROM v_conflicts
)
SELECT metric, unit, subject, segment, growth_of, period, as_of, geography, source, forecast, value, articles, article_names,
       reports, lowest, highest, spread_percent, figure_rank,
       max(figure_rank) OVER () AS figures_total
FROM ranked
QUALIFY figure_rank <= $max_figures
ORDER BY figure_rank, value;
