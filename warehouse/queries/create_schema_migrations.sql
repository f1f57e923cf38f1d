CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       VARCHAR NOT NULL,
    applied_at TIMESTAMP NOT NULL,
    checksum   VARCHAR  -- sha256 of the migration file, to notice an applied migration being edited
);
