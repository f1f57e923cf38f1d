-- Facts per metric, over all runs or only those written by run $run_id.
SELECT metric, count(*) AS fact_count
FROM facts
WHERE $run_id::VARCHAR IS NULL OR run_id = $run_id::VARCHAR
GROUP BY metric
ORDER BY fact_count DESC, metric;
