-- The records behind every score: the locus (regions, entities, units), the
-- methods and periods, users and their assignments, answers with versions for
-- optimistic concurrency, evidence, the per-unit workflow, objections, result
-- snapshots with ranks, and an append-only, hash-chained audit log.
-- +goose Up
CREATE TABLE regions (
    id         bigserial PRIMARY KEY,
    code       text NOT NULL UNIQUE,
    name       text NOT NULL,
    level      text NOT NULL CHECK (level IN ('province', 'regency', 'city')),
    parent_id  bigint REFERENCES regions (id),
    CHECK ((level = 'province') = (parent_id IS NULL))
);

CREATE TABLE entities (
    id          bigserial PRIMARY KEY,
    code        text NOT NULL UNIQUE,
    name        text NOT NULL,
    kind        text NOT NULL CHECK (kind IN ('pemprov', 'pemkab', 'pemkot', 'kantah', 'polres', 'kementerian', 'lembaga')),
    province_id bigint REFERENCES regions (id),
    region_id   bigint REFERENCES regions (id),
    active      boolean NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CHECK ((kind IN ('kementerian', 'lembaga')) = (province_id IS NULL))
);
CREATE INDEX entities_province_idx ON entities (province_id, kind);

CREATE TABLE units (
    id         bigserial PRIMARY KEY,
    entity_id  bigint NOT NULL REFERENCES entities (id),
    code       text NOT NULL,
    name       text NOT NULL,
    kind       text NOT NULL,
    active     boolean NOT NULL DEFAULT true,
    UNIQUE (entity_id, code)
);

CREATE TABLE service_products (
    id      bigserial PRIMARY KEY,
    unit_id bigint NOT NULL REFERENCES units (id),
    name    text NOT NULL,
    UNIQUE (unit_id, name)
);

-- A method version (bands, roll-up, rounding and the instrument) is data: the
-- p4-method/1 file, stored whole. Rows are never changed; a new version is a
-- new row.
CREATE TABLE methods (
    id         bigserial PRIMARY KEY,
    code       text NOT NULL,
    version    integer NOT NULL,
    name       text NOT NULL,
    family     text NOT NULL,
    definition jsonb NOT NULL,
    sha256     text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (code, version)
);

CREATE TABLE users (
    id                  bigserial PRIMARY KEY,
    email               text NOT NULL,
    name                text NOT NULL,
    password_hash       text NOT NULL,
    role                text NOT NULL CHECK (role IN ('admin', 'coordinator', 'assessor', 'agency', 'leadership')),
    province_id         bigint REFERENCES regions (id),
    entity_id           bigint REFERENCES entities (id),
    active              boolean NOT NULL DEFAULT true,
    password_changed_at timestamptz NOT NULL DEFAULT now(),
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    CHECK ((role = 'agency') = (entity_id IS NOT NULL)),
    CHECK (role <> 'coordinator' OR province_id IS NOT NULL)
);
CREATE UNIQUE INDEX users_email_idx ON users (lower(email));

CREATE TABLE periods (
    id              bigserial PRIMARY KEY,
    year            integer NOT NULL UNIQUE CHECK (year BETWEEN 2000 AND 2100),
    name            text NOT NULL,
    method_id       bigint NOT NULL REFERENCES methods (id),
    status          text NOT NULL CHECK (status IN ('planning', 'open', 'closed', 'published')),
    historical      boolean NOT NULL DEFAULT false,
    fieldwork_from  date,
    fieldwork_to    date,
    review_from     date,
    review_to       date,
    objection_from  date,
    objection_to    date,
    publish_on      date,
    published_at    timestamptz,
    version         integer NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);

-- The locus of a period: which entities are assessed, and each entity's
-- state: assessing → verified → final → published.
CREATE TABLE period_entities (
    period_id           bigint NOT NULL REFERENCES periods (id),
    entity_id           bigint NOT NULL REFERENCES entities (id),
    assessed            boolean NOT NULL DEFAULT true,
    not_assessed_reason text NOT NULL DEFAULT '',
    state               text NOT NULL DEFAULT 'assessing' CHECK (state IN ('assessing', 'verified', 'final', 'published')),
    version             integer NOT NULL DEFAULT 1,
    updated_at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (period_id, entity_id),
    CHECK (assessed OR not_assessed_reason <> '')
);

CREATE TABLE unit_assessments (
    id             bigserial PRIMARY KEY,
    period_id      bigint NOT NULL REFERENCES periods (id),
    entity_id      bigint NOT NULL,
    unit_id        bigint NOT NULL REFERENCES units (id),
    state          text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'submitted', 'returned', 'accepted')),
    return_reason  text NOT NULL DEFAULT '',
    version        integer NOT NULL DEFAULT 1,
    submitted_at   timestamptz,
    submitted_by   bigint REFERENCES users (id),
    decided_at     timestamptz,
    decided_by     bigint REFERENCES users (id),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (period_id, unit_id),
    FOREIGN KEY (period_id, entity_id) REFERENCES period_entities (period_id, entity_id)
);
CREATE INDEX unit_assessments_entity_idx ON unit_assessments (period_id, entity_id);

CREATE TABLE assignments (
    unit_assessment_id bigint NOT NULL REFERENCES unit_assessments (id),
    user_id            bigint NOT NULL REFERENCES users (id),
    created_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (unit_assessment_id, user_id)
);
CREATE INDEX assignments_user_idx ON assignments (user_id);

-- One row per unit assessment and indicator; version counts saves so that a
-- stale save conflicts instead of overwriting.
CREATE TABLE answers (
    id                 bigserial PRIMARY KEY,
    unit_assessment_id bigint NOT NULL REFERENCES unit_assessments (id),
    indicator          text NOT NULL,
    value              smallint,
    na                 boolean NOT NULL DEFAULT false,
    na_reason          text NOT NULL DEFAULT '',
    note               text NOT NULL DEFAULT '',
    version            integer NOT NULL DEFAULT 1,
    updated_by         bigint REFERENCES users (id),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    UNIQUE (unit_assessment_id, indicator),
    CHECK (NOT (na AND value IS NOT NULL)),
    CHECK (NOT na OR na_reason <> ''),
    CHECK (value IS NULL OR value >= 0)
);

-- Reviewer comments, per indicator (indicator NULL: on the whole unit).
CREATE TABLE review_comments (
    id                 bigserial PRIMARY KEY,
    unit_assessment_id bigint NOT NULL REFERENCES unit_assessments (id),
    indicator          text,
    body               text NOT NULL,
    author_id          bigint REFERENCES users (id),
    created_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX review_comments_unit_idx ON review_comments (unit_assessment_id);

-- Evidence files are stored once per content (SHA-256) in the blob store;
-- each attachment names the answer it supports.
CREATE TABLE blobs (
    sha256     text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    size       bigint NOT NULL CHECK (size >= 0),
    media_type text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE evidence (
    id                 bigserial PRIMARY KEY,
    unit_assessment_id bigint NOT NULL REFERENCES unit_assessments (id),
    indicator          text NOT NULL,
    sha256             text NOT NULL REFERENCES blobs (sha256),
    original_name      text NOT NULL,
    media_type         text NOT NULL,
    size               bigint NOT NULL,
    uploaded_by        bigint REFERENCES users (id),
    uploaded_at        timestamptz NOT NULL DEFAULT now(),
    deleted_at         timestamptz,
    deleted_by         bigint REFERENCES users (id)
);
CREATE INDEX evidence_unit_idx ON evidence (unit_assessment_id, indicator);

CREATE TABLE objections (
    id              bigserial PRIMARY KEY,
    period_id       bigint NOT NULL,
    entity_id       bigint NOT NULL,
    state           text NOT NULL DEFAULT 'submitted' CHECK (state IN ('submitted', 'accepted', 'partly_accepted', 'rejected')),
    statement       text NOT NULL CHECK (statement <> ''),
    filed_by        bigint NOT NULL REFERENCES users (id),
    filed_at        timestamptz NOT NULL DEFAULT now(),
    decided_by      bigint REFERENCES users (id),
    decided_at      timestamptz,
    decision_reason text NOT NULL DEFAULT '',
    version         integer NOT NULL DEFAULT 1,
    FOREIGN KEY (period_id, entity_id) REFERENCES period_entities (period_id, entity_id)
);
CREATE INDEX objections_entity_idx ON objections (period_id, entity_id);

CREATE TABLE objection_items (
    id                 bigserial PRIMARY KEY,
    objection_id       bigint NOT NULL REFERENCES objections (id),
    unit_assessment_id bigint NOT NULL REFERENCES unit_assessments (id),
    indicator          text NOT NULL,
    requested_value    smallint NOT NULL,
    decided_value      smallint,
    accepted           boolean,
    UNIQUE (objection_id, unit_assessment_id, indicator)
);

CREATE TABLE objection_evidence (
    id            bigserial PRIMARY KEY,
    objection_id  bigint NOT NULL REFERENCES objections (id),
    sha256        text NOT NULL REFERENCES blobs (sha256),
    original_name text NOT NULL,
    media_type    text NOT NULL,
    size          bigint NOT NULL,
    uploaded_by   bigint REFERENCES users (id),
    uploaded_at   timestamptz NOT NULL DEFAULT now()
);

-- Result snapshots are immutable: a recompute adds a snapshot and moves the
-- entity's current pointer, in one transaction, so readers see the old or the
-- new result whole.
CREATE TABLE result_snapshots (
    id          bigserial PRIMARY KEY,
    period_id   bigint NOT NULL,
    entity_id   bigint NOT NULL,
    method_id   bigint NOT NULL REFERENCES methods (id),
    score       numeric(5,2) NOT NULL CHECK (score BETWEEN 0 AND 100),
    category    text NOT NULL DEFAULT '',
    opinion     text NOT NULL,
    zone        text NOT NULL CHECK (zone IN ('green', 'yellow', 'red')),
    complete    boolean NOT NULL,
    source      text NOT NULL CHECK (source IN ('computed', 'objection', 'imported')),
    detail      jsonb NOT NULL DEFAULT '{}',
    created_at  timestamptz NOT NULL DEFAULT now(),
    created_by  bigint REFERENCES users (id),
    FOREIGN KEY (period_id, entity_id) REFERENCES period_entities (period_id, entity_id)
);
CREATE INDEX result_snapshots_entity_idx ON result_snapshots (period_id, entity_id, id);

CREATE TABLE snapshot_units (
    snapshot_id bigint NOT NULL REFERENCES result_snapshots (id),
    unit_id     bigint NOT NULL REFERENCES units (id),
    score       numeric(5,2) NOT NULL,
    complete    boolean NOT NULL,
    PRIMARY KEY (snapshot_id, unit_id)
);

-- Dimension points per snapshot: unit_id 0 is the entity-level roll-up.
CREATE TABLE snapshot_dimensions (
    snapshot_id bigint NOT NULL REFERENCES result_snapshots (id),
    unit_id     bigint NOT NULL,
    dimension   text NOT NULL,
    points      numeric(7,4) NOT NULL,
    max_points  numeric(7,4) NOT NULL,
    percent     numeric(5,2) NOT NULL,
    PRIMARY KEY (snapshot_id, unit_id, dimension)
);

CREATE TABLE current_results (
    period_id   bigint NOT NULL,
    entity_id   bigint NOT NULL,
    snapshot_id bigint NOT NULL REFERENCES result_snapshots (id),
    PRIMARY KEY (period_id, entity_id),
    FOREIGN KEY (period_id, entity_id) REFERENCES period_entities (period_id, entity_id)
);

-- Ranks per peer group ("pemkab", "pemda:17", …), recomputed with every
-- result change of the group, never typed in.
CREATE TABLE rankings (
    period_id   bigint NOT NULL REFERENCES periods (id),
    peer_group  text NOT NULL,
    entity_id   bigint NOT NULL REFERENCES entities (id),
    snapshot_id bigint NOT NULL REFERENCES result_snapshots (id),
    rank        integer NOT NULL CHECK (rank >= 1),
    PRIMARY KEY (period_id, peer_group, entity_id)
);
CREATE INDEX rankings_group_idx ON rankings (period_id, peer_group, rank);

-- The audit log: append-only. Each row carries the hash of the previous row of
-- its chain (one chain per period, per user record, …), so that an altered,
-- inserted or removed row breaks the chain (`p4 audit verify`).
CREATE TABLE audit_log (
    id          bigserial PRIMARY KEY,
    chain       text NOT NULL,
    at          timestamptz NOT NULL,
    actor_id    bigint,
    actor       text NOT NULL,
    action      text NOT NULL,
    object_type text NOT NULL,
    object_id   text NOT NULL,
    period_id   bigint,
    entity_id   bigint,
    old_value   jsonb,
    new_value   jsonb,
    reason      text NOT NULL DEFAULT '',
    prev_hash   text NOT NULL,
    hash        text NOT NULL UNIQUE
);
CREATE INDEX audit_log_chain_idx ON audit_log (chain, id);
CREATE INDEX audit_log_entity_idx ON audit_log (entity_id, id);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, id);

-- +goose StatementBegin
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- +goose Down
DROP TABLE audit_log, rankings, current_results, snapshot_dimensions, snapshot_units, result_snapshots,
    objection_evidence, objection_items, objections, evidence, blobs, review_comments, answers, assignments,
    unit_assessments, period_entities, periods, users, methods, service_products, units, entities, regions;
DROP FUNCTION audit_log_append_only();
