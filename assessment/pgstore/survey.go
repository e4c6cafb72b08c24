package pgstore

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/ombudsman-ri/p4/assessment"
)

// ---- survey settings

type surveySettingsRow struct {
	PeriodID  int64
	Settings  string
	Version   int
	UpdatedBy *int64
	UpdatedAt time.Time
}

// SurveySettings reads a period's survey settings.
func (s *Store) SurveySettings(ctx context.Context, periodID int64) (assessment.StoredSurveySettings, error) {
	var row surveySettingsRow
	err := one(s.q(ctx), fmt.Sprintf("survey settings of period %d", periodID), &row,
		`SELECT period_id, settings::text AS settings, version, updated_by, updated_at FROM survey_settings WHERE period_id = ?`, periodID)
	out := assessment.StoredSurveySettings{PeriodID: row.PeriodID, Settings: []byte(row.Settings), Version: row.Version, UpdatedAt: row.UpdatedAt}
	if row.UpdatedBy != nil {
		out.UpdatedBy = *row.UpdatedBy
	}
	return out, err
}

// SaveSurveySettings inserts (Version 0) or updates (if Version is current) a period's settings.
func (s *Store) SaveSurveySettings(ctx context.Context, st *assessment.StoredSurveySettings) error {
	if st.Version == 0 {
		res := s.q(ctx).Exec(`INSERT INTO survey_settings (period_id, settings, version, updated_by, updated_at) VALUES (?, ?::jsonb, 1, ?, ?)
			ON CONFLICT (period_id) DO NOTHING`, st.PeriodID, string(st.Settings), nz(st.UpdatedBy), st.UpdatedAt)
		if res.Error != nil {
			return translate(res.Error, "save survey settings")
		}
		if res.RowsAffected == 0 {
			return &assessment.ConflictError{Reason: "the survey settings were saved by someone else"}
		}
		st.Version = 1
		return nil
	}
	n, err := exec(s.q(ctx), "save survey settings", `UPDATE survey_settings SET settings = ?::jsonb, version = version + 1, updated_by = ?, updated_at = ?
		WHERE period_id = ? AND version = ?`, string(st.Settings), nz(st.UpdatedBy), st.UpdatedAt, st.PeriodID, st.Version)
	if err != nil {
		return err
	}
	if n == 0 {
		return &assessment.ConflictError{Reason: "the survey settings were changed by someone else"}
	}
	st.Version++
	return nil
}

// ---- sampling plans

type surveyPlanRow struct {
	UnitAssessmentID int64
	Target           *int
	Quotas           string
	LinkToken        *string
	LinkKey          []byte
	LinkCreatedAt    *time.Time
	OverrideReason   string
	OverrideBy       *int64
	OverrideAt       *time.Time
	OverrideCount    *int
	OverrideTarget   *int
	Version          int
	UpdatedBy        *int64
	UpdatedAt        time.Time
}

func (r surveyPlanRow) to() (assessment.SurveyPlan, error) {
	p := assessment.SurveyPlan{UnitAssessmentID: r.UnitAssessmentID, Target: r.Target, LinkKey: r.LinkKey, LinkCreatedAt: r.LinkCreatedAt,
		Version: r.Version, UpdatedAt: r.UpdatedAt}
	if err := json.Unmarshal([]byte(r.Quotas), &p.Quotas); err != nil {
		return p, fmt.Errorf("survey plan %d: quotas: %w", r.UnitAssessmentID, err)
	}
	if r.LinkToken != nil {
		p.LinkToken = *r.LinkToken
	}
	if r.UpdatedBy != nil {
		p.UpdatedBy = *r.UpdatedBy
	}
	if r.OverrideAt != nil {
		o := &assessment.SurveyOverride{Reason: r.OverrideReason, At: *r.OverrideAt}
		if r.OverrideBy != nil {
			o.By = *r.OverrideBy
		}
		if r.OverrideCount != nil {
			o.Respondents = *r.OverrideCount
		}
		if r.OverrideTarget != nil {
			o.Target = *r.OverrideTarget
		}
		p.Override = o
	}
	return p, nil
}

const surveyPlanSelect = `SELECT unit_assessment_id, target, quotas::text AS quotas, link_token, link_key, link_created_at, override_reason, override_by,
	override_at, override_count, override_target, version, updated_by, updated_at FROM survey_plans`

func (s *Store) planWhere(ctx context.Context, what, where string, args ...any) (assessment.SurveyPlan, error) {
	var row surveyPlanRow
	if err := one(s.q(ctx), what, &row, surveyPlanSelect+` WHERE `+where, args...); err != nil {
		return assessment.SurveyPlan{}, err
	}
	return row.to()
}

// SurveyPlan reads a unit assessment's sampling plan.
func (s *Store) SurveyPlan(ctx context.Context, uaID int64, lock bool) (assessment.SurveyPlan, error) {
	return s.planWhere(ctx, fmt.Sprintf("survey plan of unit assessment %d", uaID), `unit_assessment_id = ?`+forUpdate(lock), uaID)
}

// SurveyPlanByToken finds the plan of a self-completion link.
func (s *Store) SurveyPlanByToken(ctx context.Context, token string) (assessment.SurveyPlan, error) {
	return s.planWhere(ctx, "survey link", `link_token = ?`, token)
}

// SaveSurveyPlan inserts (Version 0) or updates (if Version is current) a plan.
func (s *Store) SaveSurveyPlan(ctx context.Context, p *assessment.SurveyPlan) error {
	quotas := p.Quotas
	if quotas == nil {
		quotas = []assessment.SurveyQuota{}
	}
	qj, err := json.Marshal(quotas)
	if err != nil {
		return err
	}
	var token, key any
	if p.LinkToken != "" {
		token, key = p.LinkToken, p.LinkKey
	}
	var oReason string
	var oBy, oAt, oCount, oTarget any
	if o := p.Override; o != nil {
		oReason, oBy, oAt, oCount, oTarget = o.Reason, nz(o.By), o.At, o.Respondents, o.Target
	}
	args := []any{p.Target, string(qj), token, key, p.LinkCreatedAt, oReason, oBy, oAt, oCount, oTarget, nz(p.UpdatedBy), p.UpdatedAt}
	if p.Version == 0 {
		res := s.q(ctx).Exec(`INSERT INTO survey_plans (target, quotas, link_token, link_key, link_created_at, override_reason, override_by, override_at,
			override_count, override_target, updated_by, updated_at, unit_assessment_id, version) VALUES (?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
			ON CONFLICT (unit_assessment_id) DO NOTHING`, append(args, p.UnitAssessmentID)...)
		if res.Error != nil {
			return translate(res.Error, "save survey plan")
		}
		if res.RowsAffected == 0 {
			return &assessment.ConflictError{Reason: "the plan was saved by someone else"}
		}
		p.Version = 1
		return nil
	}
	n, err := exec(s.q(ctx), "save survey plan", `UPDATE survey_plans SET target = ?, quotas = ?::jsonb, link_token = ?, link_key = ?, link_created_at = ?,
		override_reason = ?, override_by = ?, override_at = ?, override_count = ?, override_target = ?, updated_by = ?, updated_at = ?, version = version + 1
		WHERE unit_assessment_id = ? AND version = ?`, append(args, p.UnitAssessmentID, p.Version)...)
	if err != nil {
		return err
	}
	if n == 0 {
		return &assessment.ConflictError{Reason: "the plan was changed by someone else"}
	}
	p.Version++
	return nil
}

// ---- respondents

type respondentRow struct {
	ID               int64
	UnitAssessmentID int64
	ClientKey        string
	Product          string
	Answers          string
	Comment          string
	SelfCompleted    bool
	AssessorID       *int64
	CollectedAt      time.Time
	RecordedAt       time.Time
	HasContact       bool
}

func (r respondentRow) to() (assessment.Respondent, error) {
	out := assessment.Respondent{ID: r.ID, UnitAssessmentID: r.UnitAssessmentID, ClientKey: r.ClientKey, Product: r.Product, Comment: r.Comment,
		SelfCompleted: r.SelfCompleted, CollectedAt: r.CollectedAt, RecordedAt: r.RecordedAt, HasContact: r.HasContact}
	if err := json.Unmarshal([]byte(r.Answers), &out.Answers); err != nil {
		return out, fmt.Errorf("respondent %d: answers: %w", r.ID, err)
	}
	if r.AssessorID != nil {
		out.AssessorID = *r.AssessorID
	}
	return out, nil
}

const respondentSelect = `SELECT r.id, r.unit_assessment_id, r.client_key, r.product, r.answers::text AS answers, r.comment, r.self_completed,
	r.assessor_id, r.collected_at, r.recorded_at, EXISTS (SELECT 1 FROM survey_contacts c WHERE c.respondent_id = r.id) AS has_contact
	FROM survey_respondents r`

// InsertRespondent inserts a respondent; a client key the unit already has is ErrConflict.
func (s *Store) InsertRespondent(ctx context.Context, r *assessment.Respondent) error {
	answers, err := json.Marshal(r.Answers)
	if err != nil {
		return err
	}
	// ON CONFLICT DO NOTHING keeps the transaction usable when a retry raced us.
	res := s.q(ctx).Raw(`INSERT INTO survey_respondents (unit_assessment_id, client_key, product, answers, comment, self_completed, assessor_id, collected_at, recorded_at)
		VALUES (?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?) ON CONFLICT (unit_assessment_id, client_key) DO NOTHING RETURNING id`,
		r.UnitAssessmentID, r.ClientKey, r.Product, string(answers), r.Comment, r.SelfCompleted, nz(r.AssessorID), r.CollectedAt, r.RecordedAt).Scan(&r.ID)
	if res.Error != nil {
		return translate(res.Error, "record respondent")
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("respondent %s: %w", r.ClientKey, assessment.ErrConflict)
	}
	return nil
}

func (s *Store) respondentWhere(ctx context.Context, what, where string, args ...any) (assessment.Respondent, error) {
	var row respondentRow
	if err := one(s.q(ctx), what, &row, respondentSelect+` WHERE `+where, args...); err != nil {
		return assessment.Respondent{}, err
	}
	return row.to()
}

// RespondentByKey finds a unit's respondent by its client key.
func (s *Store) RespondentByKey(ctx context.Context, uaID int64, key string) (assessment.Respondent, error) {
	return s.respondentWhere(ctx, "respondent "+key, `r.unit_assessment_id = ? AND r.client_key = ?`, uaID, key)
}

// Respondent reads one respondent.
func (s *Store) Respondent(ctx context.Context, id int64) (assessment.Respondent, error) {
	return s.respondentWhere(ctx, fmt.Sprintf("respondent %d", id), `r.id = ?`, id)
}

// Respondents lists a unit's respondents by collection time.
func (s *Store) Respondents(ctx context.Context, uaID int64) ([]assessment.Respondent, error) {
	var rows []respondentRow
	if err := s.q(ctx).Raw(respondentSelect+` WHERE r.unit_assessment_id = ? ORDER BY r.collected_at, r.id`, uaID).Scan(&rows).Error; err != nil {
		return nil, translate(err, "respondents")
	}
	out := make([]assessment.Respondent, len(rows))
	for i, row := range rows {
		var err error
		if out[i], err = row.to(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// RespondentTimes lists the entries of some assessors in a period.
func (s *Store) RespondentTimes(ctx context.Context, periodID int64, assessorIDs []int64) ([]assessment.RespondentTime, error) {
	if len(assessorIDs) == 0 {
		return nil, nil
	}
	var rows []assessment.RespondentTime
	if err := s.q(ctx).Raw(`SELECT r.id, r.unit_assessment_id, r.assessor_id, r.collected_at FROM survey_respondents r
		JOIN unit_assessments ua ON ua.id = r.unit_assessment_id
		WHERE ua.period_id = ? AND r.assessor_id IN ? ORDER BY r.assessor_id, r.collected_at, r.id`, periodID, assessorIDs).Scan(&rows).Error; err != nil {
		return nil, translate(err, "respondent times")
	}
	return rows, nil
}

// SetContact stores a respondent's contact details.
func (s *Store) SetContact(ctx context.Context, respondentID int64, c assessment.Contact) error {
	_, err := exec(s.q(ctx), "save contact", `INSERT INTO survey_contacts (respondent_id, name, phone) VALUES (?, ?, ?)
		ON CONFLICT (respondent_id) DO UPDATE SET name = excluded.name, phone = excluded.phone`, respondentID, c.Name, c.Phone)
	return err
}

// Contacts reads the contact details of a unit's respondents.
func (s *Store) Contacts(ctx context.Context, uaID int64) (map[int64]assessment.Contact, error) {
	var rows []struct {
		RespondentID int64
		Name         string
		Phone        string
	}
	if err := s.q(ctx).Raw(`SELECT c.respondent_id, c.name, c.phone FROM survey_contacts c JOIN survey_respondents r ON r.id = c.respondent_id
		WHERE r.unit_assessment_id = ?`, uaID).Scan(&rows).Error; err != nil {
		return nil, translate(err, "contacts")
	}
	out := make(map[int64]assessment.Contact, len(rows))
	for _, r := range rows {
		out[r.RespondentID] = assessment.Contact{Name: r.Name, Phone: r.Phone}
	}
	return out, nil
}

// DeleteContact deletes a respondent's contact details and returns them.
func (s *Store) DeleteContact(ctx context.Context, respondentID int64) (assessment.Contact, bool, error) {
	var rows []assessment.Contact
	if err := s.q(ctx).Raw(`DELETE FROM survey_contacts WHERE respondent_id = ? RETURNING name, phone`, respondentID).Scan(&rows).Error; err != nil {
		return assessment.Contact{}, false, translate(err, "delete contact")
	}
	if len(rows) == 0 {
		return assessment.Contact{}, false, nil
	}
	return rows[0], true, nil
}

// CountHit counts one request in a window; the first hit of a window also
// forgets windows older than a day.
func (s *Store) CountHit(ctx context.Context, key string, window time.Time) (int, error) {
	var n int
	if err := one(s.q(ctx), "request limits", &n, `INSERT INTO survey_rate_limits (key, window_start, hits) VALUES (?, ?, 1)
		ON CONFLICT (key, window_start) DO UPDATE SET hits = survey_rate_limits.hits + 1 RETURNING hits`, key, window); err != nil {
		return 0, err
	}
	if n == 1 {
		if _, err := exec(s.q(ctx), "request limits", `DELETE FROM survey_rate_limits WHERE window_start < ?`, window.Add(-24*time.Hour)); err != nil {
			return 0, err
		}
	}
	return n, nil
}

// EachSurveyUnit streams the survey counts per unit, in export order.
func (s *Store) EachSurveyUnit(ctx context.Context, f assessment.ExportFilter, fn func(assessment.SurveyUnitRow) error) error {
	w, args := exportWhere(f, "ua.period_id")
	rows, err := s.q(ctx).Raw(`SELECT ua.id, coalesce(r.code, ''), coalesce(r.name, ''), e.id, e.code, e.name, e.kind, u.id, u.code, u.name,
		sp.target, sp.override_at IS NOT NULL,
		(SELECT count(*) FROM survey_respondents sr WHERE sr.unit_assessment_id = ua.id),
		(SELECT count(*) FROM survey_respondents sr WHERE sr.unit_assessment_id = ua.id AND sr.self_completed),
		coalesce((SELECT jsonb_object_agg(x.k, x.n) FROM (SELECT a.key || ' ' || a.value AS k, count(*) AS n
			FROM survey_respondents sr, jsonb_each_text(sr.answers) a WHERE sr.unit_assessment_id = ua.id GROUP BY 1) x), '{}')::text
		FROM unit_assessments ua
		JOIN period_entities pe ON pe.period_id = ua.period_id AND pe.entity_id = ua.entity_id AND pe.assessed
		JOIN entities e ON e.id = ua.entity_id
		JOIN units u ON u.id = ua.unit_id
		LEFT JOIN regions r ON r.id = e.province_id
		LEFT JOIN survey_plans sp ON sp.unit_assessment_id = ua.id
		WHERE `+w+`
		ORDER BY r.code NULLS FIRST, `+kindOrder+`, e.name, e.id, u.id`, args...).Rows()
	if err != nil {
		return translate(err, "survey units")
	}
	defer rows.Close()
	for rows.Next() {
		var row assessment.SurveyUnitRow
		var counts string
		if err := rows.Scan(&row.UnitAssessmentID, &row.ProvinceCode, &row.Province, &row.EntityID, &row.EntityCode, &row.Entity, &row.Kind,
			&row.UnitID, &row.UnitCode, &row.Unit, &row.PlanTarget, &row.Overridden, &row.Respondents, &row.SelfCompleted, &counts); err != nil {
			return translate(err, "survey units")
		}
		var flat map[string]int
		if err := json.Unmarshal([]byte(counts), &flat); err != nil {
			return fmt.Errorf("survey units: counts: %w", err)
		}
		row.Counts = map[string]map[assessment.SurveyAnswer]int{}
		for k, n := range flat {
			var code, ans string
			if _, err := fmt.Sscan(k, &code, &ans); err != nil {
				return fmt.Errorf("survey units: count key %q: %w", k, err)
			}
			if row.Counts[code] == nil {
				row.Counts[code] = map[assessment.SurveyAnswer]int{}
			}
			row.Counts[code][assessment.SurveyAnswer(ans)] = n
		}
		if err := fn(row); err != nil {
			return err
		}
	}
	return rows.Err()
}
