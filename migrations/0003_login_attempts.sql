-- Failed sign-ins are counted in PostgreSQL, not in process memory, so that
-- the limit holds across several p4 instances behind a load balancer.
-- +goose Up
CREATE TABLE login_attempts (
    key          text NOT NULL,
    window_start timestamptz NOT NULL,
    failures     integer NOT NULL DEFAULT 0,
    PRIMARY KEY (key, window_start)
);

-- +goose Down
DROP TABLE login_attempts;
