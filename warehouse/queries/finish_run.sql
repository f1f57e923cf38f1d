UPDATE runs
SET finished_at        = $finished_at,
    status             = $status,
    files_seen         = $files_seen,
    articles_new       = $articles_new,
    articles_unchanged = $articles_unchanged,
    files_rejected     = $files_rejected,
    facts_written      = $facts_written,
    items_seen         = $items_seen,
    message            = $message
WHERE run_id = $run_id;
