package pgstore

import (
	"context"
	"fmt"
	"time"

	"github.com/ombudsman-ri/p4/assessment"
)

// The answer autosave path (assessment.Service.SaveAnswers) in a fixed,
// small number of statements: the unit with its entity, period and
// assessors in one; the version-checked write of the answer, which also
// takes the audit chain's lock, in one; the audit row, chained to the last
// one in the statement that inserts it, in one.

// UnitForEdit reads a unit assessment with its assessors, its entity
// (without units) and its period in one statement.
func (s *Store) UnitForEdit(ctx context.Context, id int64) (assessment.UnitAssessment, assessment.Entity, assessment.Period, error) {
	var row struct {
		ID            int64
		PeriodID      int64
		EntityID      int64
		UnitID        int64
		State         string
		ReturnReason  string
		Version       int
		SubmittedAt   *time.Time
		DecidedAt     *time.Time
		DecidedBy     *int64
		Assessors     string
		ECode         string
		EName         string
		EKind         string
		EProvinceID   *int64
		EProvinceCode *string
		ERegionID     *int64
		EActive       bool
		PYear         int
		PName         string
		PMethodID     int64
		PStatus       string
		PHistorical   bool
		PFieldFrom    *time.Time
		PFieldTo      *time.Time
		PReviewFrom   *time.Time
		PReviewTo     *time.Time
		PObjFrom      *time.Time
		PObjTo        *time.Time
		PPublishOn    *time.Time
		PPublishedAt  *time.Time
		PVersion      int
	}
	err := one(s.q(ctx), fmt.Sprintf("unit assessment %d", id), &row, `SELECT ua.id, ua.period_id, ua.entity_id, ua.unit_id, ua.state, ua.return_reason,
		ua.version, ua.submitted_at, ua.decided_at, ua.decided_by,
		coalesce((SELECT string_agg(user_id::text, ',' ORDER BY user_id) FROM assignments a WHERE a.unit_assessment_id = ua.id), '') AS assessors,
		e.code AS e_code, e.name AS e_name, e.kind AS e_kind, e.province_id AS e_province_id, r.code AS e_province_code, e.region_id AS e_region_id,
		e.active AS e_active,
		p.year AS p_year, p.name AS p_name, p.method_id AS p_method_id, p.status AS p_status, p.historical AS p_historical,
		p.fieldwork_from AS p_field_from, p.fieldwork_to AS p_field_to, p.review_from AS p_review_from, p.review_to AS p_review_to,
		p.objection_from AS p_obj_from, p.objection_to AS p_obj_to, p.publish_on AS p_publish_on, p.published_at AS p_published_at, p.version AS p_version
		FROM unit_assessments ua JOIN entities e ON e.id = ua.entity_id LEFT JOIN regions r ON r.id = e.province_id JOIN periods p ON p.id = ua.period_id
		WHERE ua.id = ?`, id)
	if err != nil {
		return assessment.UnitAssessment{}, assessment.Entity{}, assessment.Period{}, err
	}
	e := entityRow{ID: row.EntityID, Code: row.ECode, Name: row.EName, Kind: row.EKind, ProvinceID: row.EProvinceID,
		ProvinceCode: row.EProvinceCode, RegionID: row.ERegionID, Active: row.EActive}.toEntity()
	p := periodRow{ID: row.PeriodID, Year: row.PYear, Name: row.PName, MethodID: row.PMethodID, Status: row.PStatus, Historical: row.PHistorical,
		FieldworkFrom: row.PFieldFrom, FieldworkTo: row.PFieldTo, ReviewFrom: row.PReviewFrom, ReviewTo: row.PReviewTo,
		ObjectionFrom: row.PObjFrom, ObjectionTo: row.PObjTo, PublishOn: row.PPublishOn, PublishedAt: row.PPublishedAt, Version: row.PVersion}.toPeriod()
	ua := uaRow{ID: row.ID, PeriodID: row.PeriodID, EntityID: row.EntityID, UnitID: row.UnitID, State: row.State, ReturnReason: row.ReturnReason,
		Version: row.Version, SubmittedAt: row.SubmittedAt, DecidedAt: row.DecidedAt, DecidedBy: row.DecidedBy, Assessors: row.Assessors}
	return ua.to(), e, p, nil
}

// lockChainSQL takes an audit chain's transaction-scoped lock (the lock
// AppendAudit takes) as a column of a statement's result.
const lockChainSQL = `pg_advisory_xact_lock(hashtextextended(?, 7274))::text AS chain_lock`

// WriteAnswer writes a's value, NA, reason, note, author and time as the
// answer (a.UnitAssessmentID, a.Indicator) when it can in one statement:
// with baseVersion 0, as a first answer when there is none; otherwise when
// the stored answer has version baseVersion and a different content (value,
// NA, note, and the NA reason when NA). When it writes, the same statement
// then takes lockChain's audit lock — after the answer's row lock, the order
// every writer of an answer follows —, fills a's ID and Version and returns
// the answer as it was before (zero for a first answer) and true. Otherwise
// it writes and locks nothing and returns false.
func (s *Store) WriteAnswer(ctx context.Context, a *assessment.Answer, baseVersion int, lockChain string) (assessment.Answer, bool, error) {
	if baseVersion == 0 {
		var rows []struct {
			ID        int64
			ChainLock string
		}
		if err := s.q(ctx).Raw(`INSERT INTO answers (unit_assessment_id, indicator, value, na, na_reason, note, version, updated_by, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?) ON CONFLICT (unit_assessment_id, indicator) DO NOTHING RETURNING id, `+lockChainSQL,
			a.UnitAssessmentID, a.Indicator, a.Value, a.NA, a.NAReason, a.Note, nz(a.UpdatedBy), a.UpdatedAt, lockChain).Scan(&rows).Error; err != nil {
			return assessment.Answer{}, false, translate(err, "save answer")
		}
		if len(rows) == 0 {
			return assessment.Answer{}, false, nil
		}
		a.ID, a.Version = rows[0].ID, 1
		return assessment.Answer{}, true, nil
	}
	// The subquery locks the stored row and gives its values before the
	// update; the version is checked on it and again on the row updated.
	var rows []struct {
		ID        int64
		Version   int
		OldValue  *int
		OldNa     bool
		OldReason string
		OldNote   string
		OldBy     *int64
		OldAt     time.Time
		ChainLock string
	}
	if err := s.q(ctx).Raw(`UPDATE answers a SET value = ?, na = ?, na_reason = ?, note = ?, version = a.version + 1, updated_by = ?, updated_at = ?
		FROM (SELECT id, value, na, na_reason, note, version, updated_by, updated_at FROM answers
			WHERE unit_assessment_id = ? AND indicator = ? FOR UPDATE) old
		WHERE a.id = old.id AND a.version = ? AND old.version = ?
			AND (old.value IS DISTINCT FROM ?::int OR old.na <> ? OR old.note <> ? OR (?::boolean AND old.na_reason <> ?))
		RETURNING a.id, a.version, old.value AS old_value, old.na AS old_na, old.na_reason AS old_reason, old.note AS old_note,
			old.updated_by AS old_by, old.updated_at AS old_at, `+lockChainSQL,
		a.Value, a.NA, a.NAReason, a.Note, nz(a.UpdatedBy), a.UpdatedAt,
		a.UnitAssessmentID, a.Indicator,
		baseVersion, baseVersion,
		a.Value, a.NA, a.Note, a.NA, a.NAReason,
		lockChain).Scan(&rows).Error; err != nil {
		return assessment.Answer{}, false, translate(err, "save answer")
	}
	if len(rows) == 0 {
		return assessment.Answer{}, false, nil
	}
	r := rows[0]
	a.ID, a.Version = r.ID, r.Version
	old := assessment.Answer{ID: r.ID, UnitAssessmentID: a.UnitAssessmentID, Indicator: a.Indicator, Value: r.OldValue, NA: r.OldNa,
		NAReason: r.OldReason, Note: r.OldNote, Version: baseVersion, UpdatedAt: r.OldAt}
	if r.OldBy != nil {
		old.UpdatedBy = *r.OldBy
	}
	return old, true, nil
}

// AppendAuditLocked appends e to its chain as AppendAudit does, when the
// transaction already holds the chain's lock (WriteAnswer took it): one
// statement reads the chain's last hash and inserts the row with its hash,
// computed by PostgreSQL as AuditHash computes it (the hash of the row
// before, then AuditHashTail); the row is checked against AuditHash before
// it is kept.
func (s *Store) AppendAuditLocked(ctx context.Context, e *assessment.AuditEntry) error {
	if !s.inTx {
		return fmt.Errorf("append audit %s: the chain's lock is held only inside a transaction", e.Chain)
	}
	return appendLocked(s.q(ctx), e)
}
