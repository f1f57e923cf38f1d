-- v_grouped_facts: every fact of v_facts with the company groups of its subject and its value in US dollars; what
-- the analysis views below group by.
-- subject_groups: the distinct groups (companies.company_group) of the subject's names, sorted; a name the
--   companies table lacks (a company found in the text) is its own group; [] for a whole market.
-- company_group: the subject's one group; for several groups (companies together) the groups joined by ' + ';
--   NULL for an empty subject.
-- value_usd: the fact's value_usd, else its value when the unit is USD (facts stored before value_usd was filled).
-- value_usd_3sf: value_usd to 3 significant figures.
-- conversion_of (from v_facts) is set on a figure that restates another in a second currency: the views that
-- count figures leave those out.
CREATE OR REPLACE VIEW v_grouped_facts AS
WITH group_map AS (
    SELECT map_from_entries(list((canonical, company_group))) AS group_of
    FROM companies
),
grouped AS (
    SELECT f.* REPLACE (coalesce(f.value_usd, CASE WHEN f.unit = 'USD' THEN f.value END) AS value_usd),
           list_sort(list_distinct(list_transform(f.subject, lambda name: coalesce(g.group_of[name], name))))
               AS subject_groups
    FROM v_facts f, group_map g
)
SELECT *,
       CASE WHEN len(subject_groups) > 0 THEN array_to_string(subject_groups, ' + ') END AS company_group,
       CASE WHEN value_usd = 0 OR NOT isfinite(value_usd) THEN value_usd
            ELSE round(value_usd, 2 - CAST(floor(log10(abs(value_usd))) AS INTEGER))
       END AS value_usd_3sf
FROM grouped;
