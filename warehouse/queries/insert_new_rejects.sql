-- A reject is recorded once per run, file, reason and severity.
INSERT INTO rejects (run_id, source_path, reason, severity, recorded_at)
SELECT DISTINCT ON (run_id, source_path, reason, severity) run_id, source_path, reason, severity, recorded_at
FROM batch_rejects b
WHERE NOT EXISTS (
    SELECT 1 FROM rejects r
    WHERE r.run_id = b.run_id AND r.source_path = b.source_path
      AND r.reason = b.reason AND r.severity = b.severity
);
