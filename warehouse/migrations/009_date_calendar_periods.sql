-- Facts stored before migration 007 have no period_start / period_end. Calendar periods (FACTS.md forms "2025",
-- "2025-Q3", "2025-H1", "2025-03", "2024/2027") carry their dates in their text, so they are dated here, as the
-- extractor dates them; fiscal periods need the subject's fiscal calendar and stay NULL until re-extracted.
UPDATE facts
SET period_start = make_date(CAST(substr(period, 1, 4) AS INTEGER), first_month, 1),
    period_end = last_day(make_date(last_year, first_month + months - 1, 1))
FROM (
    SELECT fact_id AS dated_id,
           CASE WHEN period LIKE '____/____' THEN CAST(substr(period, 6, 4) AS INTEGER)
                ELSE CAST(substr(period, 1, 4) AS INTEGER) END AS last_year,
           CASE WHEN period LIKE '____-Q_' THEN 3 * CAST(substr(period, 7, 1) AS INTEGER) - 2
                WHEN period LIKE '____-H_' THEN 6 * CAST(substr(period, 7, 1) AS INTEGER) - 5
                WHEN period LIKE '____-__' THEN CAST(substr(period, 6, 2) AS INTEGER)
                ELSE 1 END AS first_month,
           CASE WHEN period LIKE '____-Q_' THEN 3
                WHEN period LIKE '____-H_' THEN 6
                WHEN period LIKE '____-__' THEN 1
                ELSE 12 END AS months
    FROM facts
    WHERE period_start IS NULL
      AND regexp_full_match(period, '\d{4}(-(Q[1-4]|H[12]|0[1-9]|1[0-2]))?|\d{4}/\d{4}')
) calendar
WHERE facts.fact_id = calendar.dated_id;
