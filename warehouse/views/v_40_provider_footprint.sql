-- v_provider_footprint: per company (a fact whose subject is one name) and geography (NULL when the
-- figure is not scoped to one), the latest reported availability_zones, regions and data_centers,
-- each with the published date, article and fact_id it comes from. Forecasts (plans) are left out;
-- "latest" is the most recent published date, then the first article name and position.
CREATE OR REPLACE VIEW v_provider_footprint AS
WITH latest AS (
    SELECT subject[1] AS company, geography, metric, value, published, article, fact_id
    FROM v_facts
    WHERE metric IN ('availability_zones', 'regions', 'data_centers')
      AND unit = 'count'
      AND len(subject) = 1
      AND NOT coalesce(forecast, false)
    QUALIFY row_number() OVER (
        PARTITION BY subject[1], geography, metric
        ORDER BY published DESC NULLS LAST, article, start_char, fact_id
    ) = 1
)
SELECT company, geography,
       any_value(value) FILTER (WHERE metric = 'availability_zones') AS availability_zones,
       any_value(published) FILTER (WHERE metric = 'availability_zones') AS availability_zones_published,
       any_value(article) FILTER (WHERE metric = 'availability_zones') AS availability_zones_article,
       any_value(fact_id) FILTER (WHERE metric = 'availability_zones') AS availability_zones_fact_id,
       any_value(value) FILTER (WHERE metric = 'regions') AS regions,
       any_value(published) FILTER (WHERE metric = 'regions') AS regions_published,
       any_value(article) FILTER (WHERE metric = 'regions') AS regions_article,
       any_value(fact_id) FILTER (WHERE metric = 'regions') AS regions_fact_id,
       any_value(value) FILTER (WHERE metric = 'data_centers') AS data_centers,
       any_value(published) FILTER (WHERE metric = 'data_centers') AS data_centers_published,
       any_value(article) FILTER (WHERE metric = 'data_centers') AS data_centers_article,
       any_value(fact_id) FILTER (WHERE metric = 'data_centers') AS data_centers_fact_id
FROM latest
GROUP BY company, geography;
