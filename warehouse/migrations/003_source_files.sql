-- The bytes each article file had when a run last read it, so that later runs can skip files whose
-- bytes are unchanged instead of decoding and parsing them again (the hourly re-run over a folder).
-- One row per path, kept so by the load step (delete and insert in the batch's transaction; no key
-- index, for the reason given in 002). Only files read cleanly get a row: every part accepted, no
-- warning. Files with a reject or a warning have none and are read every run, so their rejects and
-- warnings are recorded by every run as before.
-- A skipped file is not read, so it does not bump article_names.last_seen_at; it bumps
-- source_files.last_seen_at. A file edited back to an older body has other bytes, so it is read
-- and that body becomes the name's current version again, as before.

CREATE TABLE source_files (
    source_path  VARCHAR NOT NULL,    -- the path as discovered (articles.source_path of its articles)
    file_sha256  VARCHAR NOT NULL,    -- SHA-256 hex of the file's bytes as read
    article_ids  VARCHAR[] NOT NULL,  -- the bodies read from it, stored in the same transaction as this row
    read_at      TIMESTAMP NOT NULL,  -- when these bytes were read and loaded
    last_seen_at TIMESTAMP NOT NULL,  -- the last run that read the file or found it unchanged
    run_id       VARCHAR              -- the run that read these bytes
);
