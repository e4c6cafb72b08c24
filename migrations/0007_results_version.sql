-- A version of everything rankings and results are read from, so that each
-- p4 instance can keep encoded rankings and results and know, with one cheap
-- query, whether they are still current — whatever instance (or script)
-- made the change. The version moves in the same transaction as the change:
-- a deferred trigger on every table those reads use bumps it once per
-- transaction, at commit, after every other lock the transaction takes (so
-- the counter row adds no lock-order cycle: its holder is committing and
-- waits for nothing else). Snapshots are immutable and their unit and
-- dimension rows are only ever inserted with their snapshot, whose trigger
-- covers them. Unit assessments matter only as they come and go (a result
-- links each unit to its assessment), not as they are saved.
-- +goose Up
CREATE TABLE results_version (
    id      boolean PRIMARY KEY DEFAULT true CHECK (id),
    version bigint NOT NULL
);
INSERT INTO results_version (id, version) VALUES (true, 1);

-- +goose StatementBegin
CREATE FUNCTION results_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('p4.results_version_bumped', true) IS DISTINCT FROM 'on' THEN
        UPDATE results_version SET version = version + 1 WHERE id;
        PERFORM set_config('p4.results_version_bumped', 'on', true);
    END IF;
    RETURN NULL;
END $$;
-- +goose StatementEnd

CREATE CONSTRAINT TRIGGER results_version_regions AFTER INSERT OR UPDATE OR DELETE ON regions
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION results_version_bump();
CREATE CONSTRAINT TRIGGER results_version_entities AFTER INSERT OR UPDATE OR DELETE ON entities
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION results_version_bump();
CREATE CONSTRAINT TRIGGER results_version_units AFTER INSERT OR UPDATE OR DELETE ON units
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION results_version_bump();
CREATE CONSTRAINT TRIGGER results_version_methods AFTER INSERT OR UPDATE OR DELETE ON methods
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION results_version_bump();
CREATE CONSTRAINT TRIGGER results_version_periods AFTER INSERT OR UPDATE OR DELETE ON periods
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION results_version_bump();
CREATE CONSTRAINT TRIGGER results_version_period_entities AFTER INSERT OR UPDATE OR DELETE ON period_entities
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION results_version_bump();
CREATE CONSTRAINT TRIGGER results_version_unit_assessments AFTER INSERT OR DELETE ON unit_assessments
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION results_version_bump();
CREATE CONSTRAINT TRIGGER results_version_result_snapshots AFTER INSERT OR UPDATE OR DELETE ON result_snapshots
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION results_version_bump();
CREATE CONSTRAINT TRIGGER results_version_current_results AFTER INSERT OR UPDATE OR DELETE ON current_results
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION results_version_bump();
CREATE CONSTRAINT TRIGGER results_version_rankings AFTER INSERT OR UPDATE OR DELETE ON rankings
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION results_version_bump();

-- +goose Down
DROP TRIGGER results_version_rankings ON rankings;
DROP TRIGGER results_version_current_results ON current_results;
DROP TRIGGER results_version_result_snapshots ON result_snapshots;
DROP TRIGGER results_version_unit_assessments ON unit_assessments;
DROP TRIGGER results_version_period_entities ON period_entities;
DROP TRIGGER results_version_periods ON periods;
DROP TRIGGER results_version_methods ON methods;
DROP TRIGGER results_version_units ON units;
DROP TRIGGER results_version_entities ON entities;
DROP TRIGGER results_version_regions ON regions;
DROP FUNCTION results_version_bump();
DROP TABLE results_version;
