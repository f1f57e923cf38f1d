-- The batch read these files again: their old bytes no longer describe them.
DELETE FROM source_files
WHERE source_path IN (SELECT source_path FROM batch_files);
