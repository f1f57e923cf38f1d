-- Files a run found unchanged: remember that it saw them.
UPDATE source_files
SET last_seen_at = $seen_at
WHERE source_path IN (SELECT unnest($source_paths::VARCHAR[]));
