-- Work too big for one request (the national leadership workbook: about
-- 170,000 answers) runs as a background job. Jobs live in PostgreSQL, not in
-- process memory, so that any p4 instance can take a queued job
-- (FOR UPDATE SKIP LOCKED), any instance can report its progress, and a job of
-- an instance that died is taken up again once its heartbeat is stale. The
-- finished file is kept in the shared data folder (P4_DATA_DIR); result_path
-- is relative to its exports folder.
-- +goose Up
CREATE TABLE jobs (
    id           bigserial PRIMARY KEY,
    kind         text NOT NULL CHECK (kind IN ('workbook')),
    params       jsonb NOT NULL DEFAULT '{}',
    state        text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'failed', 'expired')),
    progress     integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    attempts     integer NOT NULL DEFAULT 0,
    result_path  text NOT NULL DEFAULT '',
    result_name  text NOT NULL DEFAULT '',
    result_size  bigint NOT NULL DEFAULT 0,
    error        text NOT NULL DEFAULT '',
    requested_by bigint NOT NULL REFERENCES users (id),
    created_at   timestamptz NOT NULL DEFAULT now(),
    started_at   timestamptz,
    heartbeat_at timestamptz,
    finished_at  timestamptz,
    CHECK (state <> 'done' OR result_path <> '')
);
-- The queue: what a worker scans for the next job.
CREATE INDEX jobs_pending_idx ON jobs (id) WHERE state IN ('queued', 'running');
CREATE INDEX jobs_requester_idx ON jobs (requested_by, id);

-- +goose Down
DROP TABLE jobs;
