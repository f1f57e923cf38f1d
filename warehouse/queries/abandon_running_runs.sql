-- A run still 'running' when another starts was killed: only one writer can exist at a time.
UPDATE runs
SET status = 'abandoned',
    message = 'abandoned: still marked running when run ' || $next_run_id || ' started'
WHERE status = 'running';
