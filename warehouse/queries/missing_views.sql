-- Which of the views named in $view_names this database lacks (it predates them).
SELECT view_name
FROM unnest($view_names) AS wanted(view_name)
WHERE view_name NOT IN (SELECT view_name FROM duckdb_views() WHERE database_name = current_database())
ORDER BY view_name;
