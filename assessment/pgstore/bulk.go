package pgstore

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/ombudsman-ri/p4/assessment"
	"github.com/ombudsman-ri/p4/scoring"
)

// Reads and writes of a whole period at once, for RecomputePeriod: a fixed
// number of statements whatever the number of entities (rows are sent in
// chunks that keep under PostgreSQL's 65,535 parameters per statement).

const bulkParams = 30000 // parameters per multi-row statement

// chunks calls fn with consecutive [from, to) ranges of n rows, each with at
// most bulkParams/perRow rows.
func chunks(n, perRow int, fn func(from, to int) error) error {
	size := bulkParams / perRow
	for from := 0; from < n; from += size {
		to := min(from+size, n)
		if err := fn(from, to); err != nil {
			return err
		}
	}
	return nil
}

// values returns "(row),(row),…" for rows copies of row.
func values(row string, rows int) string {
	var b strings.Builder
	for i := 0; i < rows; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(row)
	}
	return b.String()
}

// PeriodUnitAssessments lists every unit assessment of a period, by entity
// and unit.
func (s *Store) PeriodUnitAssessments(ctx context.Context, periodID int64) ([]assessment.UnitAssessment, error) {
	var rows []uaRow
	if err := s.q(ctx).Raw(uaSelect+` WHERE ua.period_id = ? ORDER BY ua.entity_id, ua.unit_id`, periodID).Scan(&rows).Error; err != nil {
		return nil, translate(err, "unit assessments")
	}
	out := make([]assessment.UnitAssessment, len(rows))
	for i, r := range rows {
		out[i] = r.to()
	}
	return out, nil
}

// PeriodAnswers reads what scoring takes of every answer of a period (unit
// assessment, indicator, value, not applicable) in one query.
func (s *Store) PeriodAnswers(ctx context.Context, periodID int64) ([]assessment.Answer, error) {
	rows, err := s.q(ctx).Raw(`SELECT a.unit_assessment_id, a.indicator, a.value, a.na FROM answers a
		JOIN unit_assessments ua ON ua.id = a.unit_assessment_id WHERE ua.period_id = ? ORDER BY a.unit_assessment_id, a.id`, periodID).Rows()
	if err != nil {
		return nil, translate(err, "answers")
	}
	defer rows.Close()
	var out []assessment.Answer
	for rows.Next() {
		var a assessment.Answer
		var v *int
		if err := rows.Scan(&a.UnitAssessmentID, &a.Indicator, &v, &a.NA); err != nil {
			return nil, translate(err, "answers")
		}
		a.Value = v
		out = append(out, a)
	}
	return out, translate(rows.Err(), "answers")
}

// EntitiesWithUnits reads entities with their units (not their products)
// in two queries.
func (s *Store) EntitiesWithUnits(ctx context.Context, ids []int64) (map[int64]assessment.Entity, error) {
	out := map[int64]assessment.Entity{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []entityRow
	if err := s.q(ctx).Raw(entitySelect+` WHERE e.id IN (SELECT unnest(?::bigint[]))`, int64Array(ids)).Scan(&rows).Error; err != nil {
		return nil, translate(err, "entities")
	}
	for _, row := range rows {
		e := assessment.Entity{ID: row.ID, Code: row.Code, Name: row.Name, Kind: scoring.Kind(row.Kind), Active: row.Active}
		if row.ProvinceID != nil {
			e.ProvinceID = *row.ProvinceID
		}
		if row.ProvinceCode != nil {
			e.ProvinceCode = *row.ProvinceCode
		}
		if row.RegionID != nil {
			e.RegionID = *row.RegionID
		}
		out[e.ID] = e
	}
	var units []unitRow
	if err := s.q(ctx).Raw(`SELECT id, entity_id, code, name, kind, active FROM units WHERE entity_id IN (SELECT unnest(?::bigint[])) ORDER BY entity_id, id`,
		int64Array(ids)).Scan(&units).Error; err != nil {
		return nil, translate(err, "units")
	}
	for _, u := range units {
		e := out[u.EntityID]
		e.Units = append(e.Units, assessment.Unit{ID: u.ID, EntityID: u.EntityID, Code: u.Code, Name: u.Name, Kind: u.Kind, Active: u.Active})
		out[u.EntityID] = e
	}
	return out, nil
}

// int64Array renders ids as a PostgreSQL array literal ("{1,2,3}"), one
// parameter however many ids.
func int64Array(ids []int64) string {
	var b strings.Builder
	b.WriteByte('{')
	for i, id := range ids {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprint(&b, id)
	}
	b.WriteByte('}')
	return b.String()
}

// CurrentResults reads the headline of every current result of a period
// (id, score, category, zone, completeness; no units, dimensions or detail),
// by entity.
func (s *Store) CurrentResults(ctx context.Context, periodID int64) (map[int64]assessment.Snapshot, error) {
	var rows []snapshotRow
	if err := s.q(ctx).Raw(`SELECT r.id, r.period_id, r.entity_id, r.score::text AS score, r.category, r.zone, r.complete
		FROM current_results c JOIN result_snapshots r ON r.id = c.snapshot_id WHERE c.period_id = ?`, periodID).Scan(&rows).Error; err != nil {
		return nil, translate(err, "current results")
	}
	out := make(map[int64]assessment.Snapshot, len(rows))
	for _, row := range rows {
		sc, err := scoring.ParseScore(row.Score)
		if err != nil {
			return nil, err
		}
		out[row.EntityID] = assessment.Snapshot{ID: row.ID, PeriodID: row.PeriodID, EntityID: row.EntityID, Score: sc, Category: row.Category,
			Zone: scoring.Zone(row.Zone), Complete: row.Complete}
	}
	return out, nil
}

// SaveSnapshots stores snapshots of distinct entities with their unit and
// dimension rows and makes each its entity's current result, as SaveSnapshot
// does one by one, in a few multi-row statements.
func (s *Store) SaveSnapshots(ctx context.Context, sns []*assessment.Snapshot) error {
	db := s.q(ctx)
	byEntity := map[[2]int64]*assessment.Snapshot{}
	for _, sn := range sns {
		k := [2]int64{sn.PeriodID, sn.EntityID}
		if byEntity[k] != nil {
			return fmt.Errorf("save results: entity %d twice", sn.EntityID)
		}
		byEntity[k] = sn
	}
	err := chunks(len(sns), 12, func(from, to int) error {
		args := make([]any, 0, (to-from)*12)
		for _, sn := range sns[from:to] {
			detail, err := assessment.DetailJSON(*sn)
			if err != nil {
				return err
			}
			args = append(args, sn.PeriodID, sn.EntityID, sn.MethodID, sn.Score.String(), sn.Category, sn.Opinion,
				string(sn.Zone), sn.Complete, sn.Source, string(detail), sn.CreatedAt, nz(sn.CreatedBy))
		}
		var ids []struct {
			ID       int64
			PeriodID int64
			EntityID int64
		}
		if err := db.Raw(`INSERT INTO result_snapshots (period_id, entity_id, method_id, score, category, opinion, zone, complete, source, detail, created_at, created_by)
			VALUES `+values("(?, ?, ?, ?::numeric, ?, ?, ?, ?, ?, ?::jsonb, ?::timestamptz, ?::bigint)", to-from)+` RETURNING id, period_id, entity_id`, args...).Scan(&ids).Error; err != nil {
			return translate(err, "save results")
		}
		if len(ids) != to-from {
			return fmt.Errorf("save results: %d rows back for %d", len(ids), to-from)
		}
		for _, r := range ids {
			byEntity[[2]int64{r.PeriodID, r.EntityID}].ID = r.ID
		}
		return nil
	})
	if err != nil {
		return err
	}
	type unitArgs struct {
		sn *assessment.Snapshot
		u  assessment.SnapshotUnit
	}
	var units []unitArgs
	type dimArgs struct {
		sn *assessment.Snapshot
		d  assessment.SnapshotDimension
	}
	var dims []dimArgs
	for _, sn := range sns {
		for _, u := range sn.Units {
			units = append(units, unitArgs{sn, u})
		}
		for _, d := range sn.Dimensions {
			dims = append(dims, dimArgs{sn, d})
		}
	}
	if err := chunks(len(units), 4, func(from, to int) error {
		args := make([]any, 0, (to-from)*4)
		for _, x := range units[from:to] {
			args = append(args, x.sn.ID, x.u.UnitID, x.u.Score.String(), x.u.Complete)
		}
		_, err := exec(db, "save unit results", `INSERT INTO snapshot_units (snapshot_id, unit_id, score, complete) VALUES `+values("(?, ?, ?::numeric, ?)", to-from), args...)
		return err
	}); err != nil {
		return err
	}
	if err := chunks(len(dims), 6, func(from, to int) error {
		args := make([]any, 0, (to-from)*6)
		for _, x := range dims[from:to] {
			args = append(args, x.sn.ID, x.d.UnitID, x.d.Dimension, x.d.Points, x.d.MaxPoints, x.d.Percent.String())
		}
		_, err := exec(db, "save dimension results", `INSERT INTO snapshot_dimensions (snapshot_id, unit_id, dimension, points, max_points, percent) VALUES `+
			values("(?, ?, ?, ?::numeric, ?::numeric, ?::numeric)", to-from), args...)
		return err
	}); err != nil {
		return err
	}
	return chunks(len(sns), 3, func(from, to int) error {
		args := make([]any, 0, (to-from)*3)
		for _, sn := range sns[from:to] {
			args = append(args, sn.PeriodID, sn.EntityID, sn.ID)
		}
		_, err := exec(db, "make results current", `INSERT INTO current_results (period_id, entity_id, snapshot_id) VALUES `+values("(?::bigint, ?::bigint, ?::bigint)", to-from)+`
			ON CONFLICT (period_id, entity_id) DO UPDATE SET snapshot_id = EXCLUDED.snapshot_id`, args...)
		return err
	})
}

// AppendAudits appends entries as AppendAudit does one by one — each after
// the last row of its chain, in the order given, under its chain's lock —
// in a few statements: the chains locked in one, their last hashes read in
// one, the rows inserted in multi-row statements. Run it inside a
// transaction.
func (s *Store) AppendAudits(ctx context.Context, es []*assessment.AuditEntry) error {
	if len(es) == 0 {
		return nil
	}
	db := s.q(ctx)
	seen := map[string]bool{}
	var chains []string
	for _, e := range es {
		if !seen[e.Chain] {
			seen[e.Chain] = true
			chains = append(chains, e.Chain)
		}
	}
	sort.Strings(chains)
	args := make([]any, len(chains))
	for i, c := range chains {
		args[i] = c
	}
	var locked int64
	if err := db.Raw(`SELECT count(pg_advisory_xact_lock(hashtextextended(c, 7274))) FROM (VALUES `+values("(?::text)", len(chains))+`) v(c)`, args...).Scan(&locked).Error; err != nil {
		return translate(err, "lock audit chains")
	}
	var last []struct {
		Chain string
		Hash  string
	}
	if err := db.Raw(`SELECT c.chain, l.hash FROM (VALUES `+values("(?::text)", len(chains))+`) c(chain)
		CROSS JOIN LATERAL (SELECT hash FROM audit_log a WHERE a.chain = c.chain ORDER BY a.id DESC LIMIT 1) l`, args...).Scan(&last).Error; err != nil {
		return translate(err, "audit chains")
	}
	prev := map[string]string{}
	for _, l := range last {
		prev[l.Chain] = l.Hash
	}
	byHash := map[string]*assessment.AuditEntry{}
	for _, e := range es {
		e.PrevHash = assessment.GenesisHash
		if h, ok := prev[e.Chain]; ok {
			e.PrevHash = h
		}
		e.At = e.At.UTC().Truncate(time.Microsecond)
		h, err := assessment.AuditHash(*e)
		if err != nil {
			return err
		}
		e.Hash = h
		prev[e.Chain] = h
		byHash[h] = e
	}
	// Rows take their ids in the order of the VALUES list, which is each
	// chain's order; the ids come back matched by hash, not by position.
	return chunks(len(es), 14, func(from, to int) error {
		args := make([]any, 0, (to-from)*14)
		for _, e := range es[from:to] {
			args = append(args, e.Chain, e.At, nz(e.ActorID), e.Actor, e.Action, e.ObjectType, e.ObjectID,
				nz(e.PeriodID), nz(e.EntityID), jsonOrNil(e.Old), jsonOrNil(e.New), e.Reason, e.PrevHash, e.Hash)
		}
		var ids []struct {
			ID   int64
			Hash string
		}
		if err := db.Raw(`INSERT INTO audit_log (chain, at, actor_id, actor, action, object_type, object_id, period_id, entity_id, old_value, new_value, reason, prev_hash, hash)
			VALUES `+values("(?, ?::timestamptz, ?::bigint, ?, ?, ?, ?, ?::bigint, ?::bigint, ?::jsonb, ?::jsonb, ?, ?, ?)", to-from)+` RETURNING id, hash`, args...).Scan(&ids).Error; err != nil {
			return translate(err, "append audit")
		}
		if len(ids) != to-from {
			return fmt.Errorf("append audit: %d rows back for %d", len(ids), to-from)
		}
		for _, r := range ids {
			byHash[r.Hash].ID = r.ID
		}
		return nil
	})
}
