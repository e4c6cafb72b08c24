package pgstore

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/ombudsman-ri/p4/assessment"
	"github.com/ombudsman-ri/p4/scoring"
)

// Reads and writes of a whole period at once, for RecomputePeriod: a fixed
// number of statements whatever the number of entities.

// column collects one column of a multi-row insert as a PostgreSQL array
// literal, so that a whole column is one parameter (INSERT … SELECT FROM
// unnest(…)): much cheaper to send and parse than a parameter per value.
type column struct {
	b strings.Builder
	n int
}

// add appends a value (nil is NULL); strings are quoted and escaped.
func (c *column) add(v any) {
	if c.n == 0 {
		c.b.WriteByte('{')
	} else {
		c.b.WriteByte(',')
	}
	c.n++
	var s string
	switch x := v.(type) {
	case nil:
		c.b.WriteString("NULL")
		return
	case string:
		s = x
	case int64:
		s = strconv.FormatInt(x, 10)
	case bool:
		s = strconv.FormatBool(x)
	case time.Time:
		s = x.UTC().Truncate(time.Microsecond).Format(time.RFC3339Nano) // as pgx sends a time
	default:
		s = fmt.Sprint(x)
	}
	c.b.WriteByte('"')
	for _, r := range s {
		if r == '"' || r == '\\' {
			c.b.WriteByte('\\')
		}
		c.b.WriteRune(r)
	}
	c.b.WriteByte('"')
}

func (c *column) String() string {
	if c.n == 0 {
		return "{}"
	}
	return c.b.String() + "}"
}

// nullable is v, or nil (NULL) for a zero id.
func nullable(id int64) any {
	if id == 0 {
		return nil
	}
	return id
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
// assessment, indicator, value, not applicable) in one query, in no
// particular order. The answers come one row per unit assessment, packed
// (indicator, NA, value separated by ASCII unit and record separators):
// 40 times fewer rows to convert than one per answer.
func (s *Store) PeriodAnswers(ctx context.Context, periodID int64) ([]assessment.Answer, error) {
	rows, err := s.q(ctx).Raw(`SELECT a.unit_assessment_id, string_agg(a.indicator || chr(31) || a.na::text || chr(31) || coalesce(a.value::text, ''), chr(30))
		FROM answers a JOIN unit_assessments ua ON ua.id = a.unit_assessment_id WHERE ua.period_id = ? GROUP BY a.unit_assessment_id`, periodID).Rows()
	if err != nil {
		return nil, translate(err, "answers")
	}
	defer rows.Close()
	var out []assessment.Answer
	for rows.Next() {
		var uaID int64
		var packed string
		if err := rows.Scan(&uaID, &packed); err != nil {
			return nil, translate(err, "answers")
		}
		for _, rec := range strings.Split(packed, "\x1e") {
			f := strings.Split(rec, "\x1f")
			if len(f) != 3 || (f[1] != "true" && f[1] != "false") {
				return nil, fmt.Errorf("answers of unit assessment %d: unreadable %q", uaID, rec)
			}
			a := assessment.Answer{UnitAssessmentID: uaID, Indicator: f[0], NA: f[1] == "true"}
			if f[2] != "" {
				v, err := strconv.Atoi(f[2])
				if err != nil {
					return nil, fmt.Errorf("answers of unit assessment %d: value %q", uaID, f[2])
				}
				a.Value = &v
			}
			out = append(out, a)
		}
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
	var cols [12]column
	for _, sn := range sns {
		detail, err := assessment.DetailJSON(*sn)
		if err != nil {
			return err
		}
		for i, v := range []any{sn.PeriodID, sn.EntityID, sn.MethodID, sn.Score.String(), sn.Category, sn.Opinion,
			string(sn.Zone), sn.Complete, sn.Source, string(detail), sn.CreatedAt, nullable(sn.CreatedBy)} {
			cols[i].add(v)
		}
	}
	var ids []struct {
		ID       int64
		PeriodID int64
		EntityID int64
	}
	if err := db.Raw(`INSERT INTO result_snapshots (period_id, entity_id, method_id, score, category, opinion, zone, complete, source, detail, created_at, created_by)
		SELECT * FROM unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::numeric[], ?::text[], ?::text[], ?::text[], ?::boolean[], ?::text[], ?::jsonb[], ?::timestamptz[], ?::bigint[])
		RETURNING id, period_id, entity_id`, cols[0].String(), cols[1].String(), cols[2].String(), cols[3].String(), cols[4].String(), cols[5].String(),
		cols[6].String(), cols[7].String(), cols[8].String(), cols[9].String(), cols[10].String(), cols[11].String()).Scan(&ids).Error; err != nil {
		return translate(err, "save results")
	}
	if len(ids) != len(sns) {
		return fmt.Errorf("save results: %d rows back for %d", len(ids), len(sns))
	}
	for _, r := range ids {
		byEntity[[2]int64{r.PeriodID, r.EntityID}].ID = r.ID
	}
	var units [4]column
	var dims [6]column
	var cur [3]column
	for _, sn := range sns {
		for _, u := range sn.Units {
			for i, v := range []any{sn.ID, u.UnitID, u.Score.String(), u.Complete} {
				units[i].add(v)
			}
		}
		for _, d := range sn.Dimensions {
			for i, v := range []any{sn.ID, d.UnitID, d.Dimension, string(d.Points), string(d.MaxPoints), d.Percent.String()} {
				dims[i].add(v)
			}
		}
		for i, v := range []any{sn.PeriodID, sn.EntityID, sn.ID} {
			cur[i].add(v)
		}
	}
	if _, err := exec(db, "save unit results", `INSERT INTO snapshot_units (snapshot_id, unit_id, score, complete)
		SELECT * FROM unnest(?::bigint[], ?::bigint[], ?::numeric[], ?::boolean[])`, units[0].String(), units[1].String(), units[2].String(), units[3].String()); err != nil {
		return err
	}
	if _, err := exec(db, "save dimension results", `INSERT INTO snapshot_dimensions (snapshot_id, unit_id, dimension, points, max_points, percent)
		SELECT * FROM unnest(?::bigint[], ?::bigint[], ?::text[], ?::numeric[], ?::numeric[], ?::numeric[])`,
		dims[0].String(), dims[1].String(), dims[2].String(), dims[3].String(), dims[4].String(), dims[5].String()); err != nil {
		return err
	}
	_, err := exec(db, "make results current", `INSERT INTO current_results (period_id, entity_id, snapshot_id)
		SELECT * FROM unnest(?::bigint[], ?::bigint[], ?::bigint[])
		ON CONFLICT (period_id, entity_id) DO UPDATE SET snapshot_id = EXCLUDED.snapshot_id`, cur[0].String(), cur[1].String(), cur[2].String())
	return err
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
	var list column
	for _, c := range chains {
		list.add(c)
	}
	var locked int64
	if err := db.Raw(`SELECT count(pg_advisory_xact_lock(hashtextextended(c, 7274))) FROM unnest(?::text[]) WITH ORDINALITY AS v(c, n)`, list.String()).Scan(&locked).Error; err != nil {
		return translate(err, "lock audit chains")
	}
	var last []struct {
		Chain string
		Hash  string
	}
	if err := db.Raw(`SELECT c.chain, l.hash FROM unnest(?::text[]) AS c(chain)
		CROSS JOIN LATERAL (SELECT hash FROM audit_log a WHERE a.chain = c.chain ORDER BY a.id DESC LIMIT 1) l`, list.String()).Scan(&last).Error; err != nil {
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
	// Rows take their ids in the order of the arrays (unnest's order, WITH
	// ORDINALITY), which is each chain's order; the ids come back matched by
	// hash, not by position.
	var cols [14]column
	for _, e := range es {
		for i, v := range []any{e.Chain, e.At, nullable(e.ActorID), e.Actor, e.Action, e.ObjectType, e.ObjectID,
			nullable(e.PeriodID), nullable(e.EntityID), jsonOrNil(e.Old), jsonOrNil(e.New), e.Reason, e.PrevHash, e.Hash} {
			cols[i].add(v)
		}
	}
	var ids []struct {
		ID   int64
		Hash string
	}
	if err := db.Raw(`INSERT INTO audit_log (chain, at, actor_id, actor, action, object_type, object_id, period_id, entity_id, old_value, new_value, reason, prev_hash, hash)
		SELECT chain, at, actor_id, actor, action, object_type, object_id, period_id, entity_id, old_value, new_value, reason, prev_hash, hash
		FROM unnest(?::text[], ?::timestamptz[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::jsonb[], ?::jsonb[], ?::text[], ?::text[], ?::text[])
			WITH ORDINALITY AS v(chain, at, actor_id, actor, action, object_type, object_id, period_id, entity_id, old_value, new_value, reason, prev_hash, hash, n)
		ORDER BY n RETURNING id, hash`, cols[0].String(), cols[1].String(), cols[2].String(), cols[3].String(), cols[4].String(), cols[5].String(), cols[6].String(),
		cols[7].String(), cols[8].String(), cols[9].String(), cols[10].String(), cols[11].String(), cols[12].String(), cols[13].String()).Scan(&ids).Error; err != nil {
		return translate(err, "append audit")
	}
	if len(ids) != len(es) {
		return fmt.Errorf("append audit: %d rows back for %d", len(ids), len(es))
	}
	for _, r := range ids {
		byHash[r.Hash].ID = r.ID
	}
	return nil
}
