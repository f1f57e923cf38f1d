INSERT INTO runs (run_id, flow_run_id, started_at, status, inputs)
VALUES ($run_id, $flow_run_id, $started_at, 'running', $inputs::VARCHAR[]);
