-- The Output dimension (users' perception of maladministration) comes from
-- real service users: assessors record each respondent's answers on their
-- phones, or users answer themselves through a unit's self-completion link,
-- and P4 aggregates them into the unit's answers. This adds the period's
-- survey settings (targets, thresholds, quality and flood limits, as data),
-- each unit's sampling plan (target, quotas per service product, link,
-- coordinator's override), the respondents, their optional contact details
-- in a table of their own (personal data: deletable, never exported), and
-- request counts for the public link, kept in PostgreSQL like
-- login_attempts so that the limits hold across p4 instances.
-- +goose Up
CREATE TABLE survey_settings (
    period_id  bigint PRIMARY KEY REFERENCES periods (id),
    settings   jsonb NOT NULL,
    version    integer NOT NULL DEFAULT 1,
    updated_by bigint REFERENCES users (id),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE survey_plans (
    unit_assessment_id bigint PRIMARY KEY REFERENCES unit_assessments (id),
    target             integer CHECK (target IS NULL OR target BETWEEN 1 AND 10000),
    quotas             jsonb NOT NULL DEFAULT '[]',
    -- The self-completion link: a random token, and the key that signs the
    -- challenges its form hands out. Both change when the link is renewed.
    link_token         text UNIQUE,
    link_key           bytea,
    link_created_at    timestamptz,
    override_reason    text NOT NULL DEFAULT '',
    override_by        bigint REFERENCES users (id),
    override_at        timestamptz,
    override_count     integer,
    override_target    integer,
    version            integer NOT NULL DEFAULT 1,
    updated_by         bigint REFERENCES users (id),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    CHECK ((link_token IS NULL) = (link_key IS NULL)),
    CHECK ((override_at IS NULL) = (override_reason = ''))
);

-- One row per respondent; answers maps indicator code → yes / no / na.
-- client_key makes a retried or offline submission idempotent.
CREATE TABLE survey_respondents (
    id                 bigserial PRIMARY KEY,
    unit_assessment_id bigint NOT NULL REFERENCES unit_assessments (id),
    client_key         text NOT NULL,
    product            text NOT NULL DEFAULT '',
    answers            jsonb NOT NULL,
    comment            text NOT NULL DEFAULT '',
    self_completed     boolean NOT NULL DEFAULT false,
    assessor_id        bigint REFERENCES users (id),
    collected_at       timestamptz NOT NULL,
    recorded_at        timestamptz NOT NULL,
    UNIQUE (unit_assessment_id, client_key),
    CHECK (self_completed = (assessor_id IS NULL))
);
CREATE INDEX survey_respondents_assessor_idx ON survey_respondents (assessor_id, collected_at) WHERE assessor_id IS NOT NULL;

-- Personal data, only when the respondent gave it. Deleting the row leaves
-- the response.
CREATE TABLE survey_contacts (
    respondent_id bigint PRIMARY KEY REFERENCES survey_respondents (id),
    name          text NOT NULL DEFAULT '',
    phone         text NOT NULL DEFAULT '',
    created_at    timestamptz NOT NULL DEFAULT now(),
    CHECK (name <> '' OR phone <> '')
);

-- Requests to the public self-completion routes, per client address and per
-- link, in fixed windows.
CREATE TABLE survey_rate_limits (
    key          text NOT NULL,
    window_start timestamptz NOT NULL,
    hits         integer NOT NULL DEFAULT 0,
    PRIMARY KEY (key, window_start)
);
CREATE INDEX survey_rate_limits_window_idx ON survey_rate_limits (window_start);

-- +goose Down
DROP TABLE survey_rate_limits, survey_contacts, survey_respondents, survey_plans, survey_settings;
