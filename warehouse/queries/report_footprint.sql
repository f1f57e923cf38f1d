-- Report: each provider's latest availability zones, regions and data centres, with each figure's qualifier.
SELECT p.company, p.geography,
       p.availability_zones, p.availability_zones_published, p.availability_zones_article,
       p.availability_zones_fact_id, zones.qualifier AS availability_zones_qualifier,
       p.regions, p.regions_published, p.regions_article, p.regions_fact_id, regions.qualifier AS regions_qualifier,
       p.data_centers, p.data_centers_published, p.data_centers_article, p.data_centers_fact_id,
       centres.qualifier AS data_centers_qualifier
FROM v_provider_footprint p
LEFT JOIN v_facts zones ON zones.fact_id = p.availability_zones_fact_id
LEFT JOIN v_facts regions ON regions.fact_id = p.regions_fact_id
LEFT JOIN v_facts centres ON centres.fact_id = p.data_centers_fact_id
ORDER BY p.company, p.geography NULLS FIRST;
