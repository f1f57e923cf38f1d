INSERT INTO schema_migrations (version, name, applied_at, checksum)
VALUES ($version, $name, $applied_at, $checksum);
