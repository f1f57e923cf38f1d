-- The files of the batch as last read in it, those read cleanly (only they carry a hash): one row a path.
INSERT INTO source_files (source_path, file_sha256, article_ids, read_at, last_seen_at, run_id)
SELECT source_path, file_sha256, article_ids, $read_at, $read_at, $run_id
FROM (
    SELECT * FROM batch_files
    QUALIFY row_number() OVER (PARTITION BY source_path ORDER BY batch_position DESC) = 1
)
WHERE file_sha256 IS NOT NULL;
