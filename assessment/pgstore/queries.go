package pgstore

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/ombudsman-ri/p4/assessment"
	"github.com/ombudsman-ri/p4/scoring"
)

// orderBy turns a checked sort key into an ORDER BY clause from columns,
// keeping def as the tie-breaker.
func orderBy(sort string, columns map[string]string, def string) string {
	desc := strings.HasPrefix(sort, "-")
	col, ok := columns[strings.TrimPrefix(sort, "-")]
	if !ok {
		return def
	}
	if desc {
		return col + " DESC, " + def
	}
	return col + ", " + def
}

// Periods lists every period, newest first.
func (s *Store) Periods(ctx context.Context) ([]assessment.Period, error) {
	var rows []periodRow
	if err := s.q(ctx).Raw(periodSelect + ` ORDER BY year DESC`).Scan(&rows).Error; err != nil {
		return nil, translate(err, "periods")
	}
	out := make([]assessment.Period, len(rows))
	for i, r := range rows {
		out[i] = r.toPeriod()
	}
	return out, nil
}

// conditions collects the WHERE conditions of a list query with their
// arguments, in order.
type conditions struct {
	conds []string
	args  []any
}

// add appends a condition and its arguments when on is true.
func (c *conditions) add(on bool, cond string, args ...any) {
	if on {
		c.conds = append(c.conds, cond)
		c.args = append(c.args, args...)
	}
}

// where joins the conditions with AND ("true" when there are none).
func (c *conditions) where() string {
	if len(c.conds) == 0 {
		return "true"
	}
	return strings.Join(c.conds, " AND ")
}

// like is an ILIKE pattern matching text anywhere, its % and _ taken literally.
func like(text string) string {
	return "%" + strings.NewReplacer("%", `\%`, "_", `\_`).Replace(text) + "%"
}

// WorkItems lists unit assessments with their answered counts, in one query.
func (s *Store) WorkItems(ctx context.Context, f assessment.WorkFilter) ([]assessment.WorkItem, int, error) {
	var c conditions
	// Units of entities marked not assessed are not work.
	c.add(true, "EXISTS (SELECT 1 FROM period_entities pe WHERE pe.period_id = ua.period_id AND pe.entity_id = ua.entity_id AND pe.assessed)")
	c.add(f.PeriodID != 0, "ua.period_id = ?", f.PeriodID)
	c.add(f.AssessorID != 0, "EXISTS (SELECT 1 FROM assignments x WHERE x.unit_assessment_id = ua.id AND x.user_id = ?)", f.AssessorID)
	c.add(f.ProvinceID != 0, "e.province_id = ?", f.ProvinceID)
	c.add(f.EntityID != 0, "ua.entity_id = ?", f.EntityID)
	c.add(f.State != "", "ua.state = ?", f.State)
	w, args := c.where(), c.args
	var total int64
	if err := s.q(ctx).Raw(`SELECT count(*) FROM unit_assessments ua JOIN entities e ON e.id = ua.entity_id WHERE `+w, args...).Scan(&total).Error; err != nil {
		return nil, 0, translate(err, "work list")
	}
	var rows []struct {
		UnitAssessmentID int64
		PeriodID         int64
		Year             int
		EntityID         int64
		Entity           string
		Kind             string
		UnitID           int64
		Unit             string
		State            string
		Version          int
		Answered         int
		Assessors        string
		ReturnReason     string
	}
	q := `SELECT ua.id AS unit_assessment_id, ua.period_id, p.year, ua.entity_id, e.name AS entity, e.kind, ua.unit_id, u.name AS unit,
		ua.state, ua.version, ua.return_reason,
		(SELECT count(*) FROM answers a WHERE a.unit_assessment_id = ua.id AND (a.value IS NOT NULL OR a.na)) AS answered,
		coalesce((SELECT string_agg(user_id::text, ',' ORDER BY user_id) FROM assignments x WHERE x.unit_assessment_id = ua.id), '') AS assessors
		FROM unit_assessments ua JOIN entities e ON e.id = ua.entity_id JOIN units u ON u.id = ua.unit_id JOIN periods p ON p.id = ua.period_id
		WHERE ` + w + ` ORDER BY ` + orderBy(f.Page.Sort, map[string]string{"entity": "e.name", "unit": "u.name", "state": "ua.state", "answered": "answered", "year": "p.year"}, "p.year DESC, e.name, u.id") + ` LIMIT ? OFFSET ?`
	args = append(args, f.Page.Limit, f.Page.Offset)
	if err := s.q(ctx).Raw(q, args...).Scan(&rows).Error; err != nil {
		return nil, 0, translate(err, "work list")
	}
	out := make([]assessment.WorkItem, len(rows))
	for i, r := range rows {
		ua := uaRow{Assessors: r.Assessors}.to()
		out[i] = assessment.WorkItem{UnitAssessmentID: r.UnitAssessmentID, PeriodID: r.PeriodID, Year: r.Year, EntityID: r.EntityID, Entity: r.Entity,
			Kind: r.Kind, UnitID: r.UnitID, Unit: r.Unit, State: r.State, Version: r.Version, Answered: r.Answered, Assessors: ua.Assessors, ReturnReason: r.ReturnReason}
	}
	return out, int(total), nil
}

// EntitySummaries lists entities matching a filter.
func (s *Store) EntitySummaries(ctx context.Context, f assessment.EntityFilter) ([]assessment.EntitySummary, int, error) {
	var c conditions
	c.add(f.ProvinceCode != "", "r.code = ?", f.ProvinceCode)
	c.add(f.Kind == scoring.GroupPemda, "e.kind IN ('pemprov', 'pemkab', 'pemkot')")
	c.add(f.Kind != "" && f.Kind != scoring.GroupPemda, "e.kind = ?", f.Kind)
	c.add(f.Query != "", "(e.name ILIKE ? OR e.code ILIKE ?)", like(f.Query), like(f.Query))
	c.add(f.IDs != nil, "e.id IN ?", f.IDs)
	w, args := c.where(), c.args
	var total int64
	if err := s.q(ctx).Raw(`SELECT count(*) FROM entities e LEFT JOIN regions r ON r.id = e.province_id WHERE `+w, args...).Scan(&total).Error; err != nil {
		return nil, 0, translate(err, "entities")
	}
	var rows []assessment.EntitySummary
	args = append(args, f.Page.Limit, f.Page.Offset)
	if err := s.q(ctx).Raw(`SELECT e.id, e.code, e.name, e.kind, coalesce(r.code, '') AS province_code, coalesce(r.name, '') AS province, e.active,
		(SELECT count(*) FROM units u WHERE u.entity_id = e.id AND u.active) AS units
		FROM entities e LEFT JOIN regions r ON r.id = e.province_id WHERE `+w+` ORDER BY `+orderBy(f.Page.Sort, map[string]string{"name": "e.name", "code": "e.code", "kind": "e.kind", "province": "r.code"}, "r.code NULLS FIRST, e.kind, e.name, e.id")+` LIMIT ? OFFSET ?`, args...).Scan(&rows).Error; err != nil {
		return nil, 0, translate(err, "entities")
	}
	return rows, int(total), nil
}

// RankingRows reads a peer group's ranks with results and dimension points,
// in two queries whatever the group's size.
func (s *Store) RankingRows(ctx context.Context, periodID int64, group, province string) ([]assessment.RankingRow, error) {
	q := `SELECT k.rank, e.id AS entity_id, e.name AS entity, e.kind, coalesce(r.name, '') AS province, coalesce(r.code, '') AS province_code,
		rs.id AS snapshot_id, rs.score::text AS score, rs.category, rs.opinion, rs.zone, rs.complete
		FROM rankings k JOIN entities e ON e.id = k.entity_id JOIN current_results c ON c.period_id = k.period_id AND c.entity_id = k.entity_id
		JOIN result_snapshots rs ON rs.id = c.snapshot_id LEFT JOIN regions r ON r.id = e.province_id
		WHERE k.period_id = ? AND k.peer_group = ?`
	args := []any{periodID, group}
	if province != "" {
		q += ` AND r.code = ?`
		args = append(args, province)
	}
	var rows []struct {
		Rank         int
		EntityID     int64
		Entity       string
		Kind         string
		Province     string
		ProvinceCode string
		SnapshotID   int64
		Score        string
		Category     string
		Opinion      string
		Zone         string
		Complete     bool
	}
	if err := s.q(ctx).Raw(q+` ORDER BY k.rank, e.name, e.id`, args...).Scan(&rows).Error; err != nil {
		return nil, translate(err, "ranking")
	}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.SnapshotID
	}
	dims := map[int64][]assessment.SnapshotDimension{}
	if len(ids) > 0 {
		var ds []struct {
			SnapshotID int64
			Dimension  string
			Points     string
			MaxPoints  string
			Percent    string
		}
		if err := s.q(ctx).Raw(`SELECT snapshot_id, dimension, points::text AS points, max_points::text AS max_points, percent::text AS percent
			FROM snapshot_dimensions WHERE snapshot_id IN ? AND unit_id = 0 ORDER BY snapshot_id, dimension`, ids).Scan(&ds).Error; err != nil {
			return nil, translate(err, "ranking dimensions")
		}
		for _, d := range ds {
			pc, _ := scoring.ParseScore(d.Percent)
			dims[d.SnapshotID] = append(dims[d.SnapshotID], assessment.SnapshotDimension{Dimension: d.Dimension, Points: json.Number(d.Points), MaxPoints: json.Number(d.MaxPoints), Percent: pc})
		}
	}
	out := make([]assessment.RankingRow, len(rows))
	for i, r := range rows {
		sc, err := scoring.ParseScore(r.Score)
		if err != nil {
			return nil, err
		}
		var cat *string
		if r.Category != "" {
			c := r.Category
			cat = &c
		}
		out[i] = assessment.RankingRow{Rank: r.Rank, EntityID: r.EntityID, Entity: r.Entity, Kind: r.Kind, Province: r.Province, ProvinceCode: r.ProvinceCode,
			Score: sc, Category: cat, Opinion: r.Opinion, Zone: scoring.Zone(r.Zone), Complete: r.Complete, Dimensions: dims[r.SnapshotID]}
		if out[i].Dimensions == nil {
			out[i].Dimensions = []assessment.SnapshotDimension{}
		}
	}
	return out, nil
}

// NotAssessed lists a group's entities marked not assessed in a period.
func (s *Store) NotAssessed(ctx context.Context, periodID int64, group, province string) ([]assessment.EntitySummary, error) {
	q := `SELECT e.id, e.code, e.name, e.kind, coalesce(r.code, '') AS province_code, coalesce(r.name, '') AS province, e.active
		FROM period_entities pe JOIN entities e ON e.id = pe.entity_id LEFT JOIN regions r ON r.id = e.province_id
		WHERE pe.period_id = ? AND NOT pe.assessed`
	args := []any{periodID}
	kind, prov, _ := strings.Cut(group, "/")
	if kind == scoring.GroupPemda {
		q += ` AND e.kind IN ('pemprov', 'pemkab', 'pemkot') AND r.code = ?`
		args = append(args, prov)
	} else {
		q += ` AND e.kind = ?`
		args = append(args, kind)
	}
	if province != "" {
		q += ` AND r.code = ?`
		args = append(args, province)
	}
	out := []assessment.EntitySummary{}
	if err := s.q(ctx).Raw(q+` ORDER BY e.name`, args...).Scan(&out).Error; err != nil {
		return nil, translate(err, "not assessed")
	}
	return out, nil
}

// Users lists users matching a filter, by name.
func (s *Store) Users(ctx context.Context, f assessment.UserFilter) ([]assessment.User, int, error) {
	var c conditions
	c.add(f.Role != "", "role = ?", f.Role)
	c.add(f.ProvinceID != 0, "province_id = ?", f.ProvinceID)
	c.add(f.EntityID != 0, "entity_id = ?", f.EntityID)
	c.add(f.Query != "", "(name ILIKE ? OR email ILIKE ?)", like(f.Query), like(f.Query))
	w, args := c.where(), c.args
	var total int64
	if err := s.q(ctx).Raw(`SELECT count(*) FROM users WHERE `+w, args...).Scan(&total).Error; err != nil {
		return nil, 0, translate(err, "users")
	}
	var rows []userRow
	args = append(args, f.Page.Limit, f.Page.Offset)
	if err := s.q(ctx).Raw(userSelect+` WHERE `+w+` ORDER BY `+orderBy(f.Page.Sort, map[string]string{"name": "name", "email": "email", "role": "role"}, "name, id")+` LIMIT ? OFFSET ?`, args...).Scan(&rows).Error; err != nil {
		return nil, 0, translate(err, "users")
	}
	out := make([]assessment.User, len(rows))
	for i, r := range rows {
		out[i] = r.toUser()
	}
	return out, int(total), nil
}

// AuditEntries lists audit rows matching a filter, newest first.
func (s *Store) AuditEntries(ctx context.Context, f assessment.AuditFilter) ([]assessment.AuditEntry, int, error) {
	// Filter columns are qualified: the list joins entities and periods for their names.
	var c conditions
	c.add(f.EntityID != 0, "a.entity_id = ?", f.EntityID)
	c.add(f.ActorID != 0, "a.actor_id = ?", f.ActorID)
	c.add(f.PeriodID != 0, "a.period_id = ?", f.PeriodID)
	c.add(f.Action != "", "a.action = ?", f.Action)
	c.add(f.ProvinceID != 0, "a.entity_id IN (SELECT id FROM entities WHERE province_id = ?)", f.ProvinceID)
	w, args := c.where(), c.args
	var total int64
	if err := s.q(ctx).Raw(`SELECT count(*) FROM audit_log a WHERE `+w, args...).Scan(&total).Error; err != nil {
		return nil, 0, translate(err, "audit log")
	}
	args = append(args, f.Page.Limit, f.Page.Offset)
	rows, err := s.q(ctx).Raw(`SELECT a.id, a.chain, a.at, coalesce(a.actor_id, 0), a.actor, a.action, a.object_type, a.object_id, coalesce(a.period_id, 0), coalesce(a.entity_id, 0),
		coalesce(a.old_value::text, ''), coalesce(a.new_value::text, ''), a.reason, a.prev_hash, a.hash, coalesce(e.name, ''), coalesce(p.year, 0)
		FROM audit_log a LEFT JOIN entities e ON e.id = a.entity_id LEFT JOIN periods p ON p.id = a.period_id
		WHERE `+w+` ORDER BY a.id DESC LIMIT ? OFFSET ?`, args...).Rows()
	if err != nil {
		return nil, 0, translate(err, "audit log")
	}
	defer rows.Close()
	var out []assessment.AuditEntry
	for rows.Next() {
		var e assessment.AuditEntry
		var oldV, newV string
		if err := rows.Scan(&e.ID, &e.Chain, &e.At, &e.ActorID, &e.Actor, &e.Action, &e.ObjectType, &e.ObjectID, &e.PeriodID, &e.EntityID, &oldV, &newV, &e.Reason, &e.PrevHash, &e.Hash, &e.Entity, &e.Year); err != nil {
			return nil, 0, translate(err, "audit log")
		}
		if oldV != "" {
			e.Old = []byte(oldV)
		}
		if newV != "" {
			e.New = []byte(newV)
		}
		out = append(out, e)
	}
	return out, int(total), rows.Err()
}

// LocusRows lists a period's locus with unit and assignment counts, in one query.
func (s *Store) LocusRows(ctx context.Context, periodID, provinceID int64) ([]assessment.LocusRow, error) {
	q := `SELECT e.id AS entity_id, e.code, e.name, e.kind, coalesce(r.code, '') AS province_code, pe.assessed, pe.not_assessed_reason, pe.state,
		(SELECT count(*) FROM unit_assessments ua WHERE ua.period_id = pe.period_id AND ua.entity_id = e.id) AS units,
		(SELECT count(*) FROM unit_assessments ua WHERE ua.period_id = pe.period_id AND ua.entity_id = e.id
			AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.unit_assessment_id = ua.id)) AS units_unassigned
		FROM period_entities pe JOIN entities e ON e.id = pe.entity_id LEFT JOIN regions r ON r.id = e.province_id
		WHERE pe.period_id = ?`
	args := []any{periodID}
	if provinceID != 0 {
		q += ` AND e.province_id = ?`
		args = append(args, provinceID)
	}
	out := []assessment.LocusRow{}
	if err := s.q(ctx).Raw(q+` ORDER BY r.code NULLS FIRST, e.kind, e.name`, args...).Scan(&out).Error; err != nil {
		return nil, translate(err, "locus")
	}
	return out, nil
}
