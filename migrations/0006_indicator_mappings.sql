-- Year-over-year comparisons must compare like with like: when a period's
-- instrument renames, splits or renumbers indicators, the admin records which
-- indicator of the previous period's instrument each indicator continues, or
-- that it is new. One row per indicator of the period's instrument; the
-- previous period is stored so that a mapping made against another year is
-- never read as if it were made against this one.
-- +goose Up
CREATE TABLE indicator_mappings (
    period_id          bigint NOT NULL REFERENCES periods (id),
    previous_period_id bigint NOT NULL REFERENCES periods (id),
    indicator          text NOT NULL CHECK (indicator <> ''),
    -- NULL: a new indicator, with nothing to compare it with.
    previous_indicator text CHECK (previous_indicator <> ''),
    updated_by         bigint REFERENCES users (id),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (period_id, indicator),
    CHECK (previous_period_id <> period_id)
);
-- A previous indicator continues in at most one indicator of the period.
CREATE UNIQUE INDEX indicator_mappings_previous_idx ON indicator_mappings (period_id, previous_indicator)
    WHERE previous_indicator IS NOT NULL;

-- +goose Down
DROP TABLE indicator_mappings;
