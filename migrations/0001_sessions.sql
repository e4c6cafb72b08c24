-- Sign-in sessions live in PostgreSQL, not in process memory, so that several
-- p4 instances behind a load balancer can serve the same user. The shape is the
-- one alexedwards/scs/postgresstore expects.
-- +goose Up
CREATE TABLE sessions (
    token  text PRIMARY KEY,
    data   bytea NOT NULL,
    expiry timestamptz NOT NULL
);
CREATE INDEX sessions_expiry_idx ON sessions (expiry);

-- +goose Down
DROP TABLE sessions;
