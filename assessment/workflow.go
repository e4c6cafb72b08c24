package assessment

import (
	"context"
	"strings"
)

// reviewWindow: coordinators review from the start of field work to the end of review.
func (s *Service) inReview(p Period) bool {
	return p.Fieldwork.Contains(s.today()) || p.Review.Contains(s.today())
}

// Submit hands a unit to review. Every applicable indicator must be answered;
// otherwise a ValidationError lists each missing one. Submitting a unit that
// is already submitted changes nothing.
func (s *Service) Submit(ctx context.Context, a Actor, unitAssessmentID int64) (UnitAssessment, error) {
	var out UnitAssessment
	err := s.store.InTx(ctx, func(tx Store) error {
		ua, e, p, err := s.loadUnit(ctx, tx, unitAssessmentID, true)
		if err != nil {
			return err
		}
		if !isAssigned(a, ua) {
			if ok, _ := s.canReadUnit(ctx, tx, a, ua, e); !ok {
				return ErrNotFound
			}
			return ErrForbidden
		}
		out = ua
		if ua.State == UnitSubmitted {
			return nil // idempotent
		}
		if err := s.checkEditable(a, ua, p, "submitting"); err != nil {
			return err
		}
		m, err := s.method(ctx, tx, p.MethodID)
		if err != nil {
			return err
		}
		answers, err := tx.Answers(ctx, ua.ID)
		if err != nil {
			return err
		}
		if missing := Missing(m, e.Kind, answers); len(missing) > 0 {
			var ve ValidationError
			for _, code := range missing {
				ve.Add("answers."+code, "unanswered", "indicator %s has no answer", code)
			}
			return &ve
		}
		old := ua.State
		ua.State = UnitSubmitted
		ua.SubmittedAt = ptr(s.now())
		if err := tx.UpdateUnitAssessment(ctx, &ua); err != nil {
			return err
		}
		out = ua
		return s.audit(ctx, tx, a, chainOf("ua", ua.ID), "unit.submit", "unit_assessment", ua.ID, ua.PeriodID, ua.EntityID,
			map[string]any{"state": old}, map[string]any{"state": ua.State}, "")
	})
	return out, err
}

// Comment is a reviewer's remark given when returning a unit.
type Comment struct {
	Indicator string `json:"indicator"`
	Body      string `json:"body"`
}

// review runs a coordinator's transition on a unit.
func (s *Service) review(ctx context.Context, a Actor, id int64, action string, from []string, to, reason string, comments []Comment) (UnitAssessment, error) {
	var out UnitAssessment
	err := s.store.InTx(ctx, func(tx Store) error {
		ua, e, p, err := s.loadUnit(ctx, tx, id, true)
		if err != nil {
			return err
		}
		if !inProvince(a, e) {
			if ok, _ := s.canReadUnit(ctx, tx, a, ua, e); !ok {
				return ErrNotFound
			}
			return ErrForbidden
		}
		out = ua
		if ua.State == to && to != UnitReturned {
			return nil // idempotent
		}
		if !contains(from, ua.State) {
			return &StateError{Action: action, From: ua.State, Kind: ErrState}
		}
		if p.Status != PeriodOpen {
			return &StateError{Action: action, From: "period " + p.Status, Kind: ErrLocked}
		}
		if !s.inReview(p) {
			return &StateError{Action: action, Kind: ErrWindow, Detail: "review happens from the start of field work to the end of the review window"}
		}
		pe, err := tx.PeriodEntity(ctx, ua.PeriodID, ua.EntityID, true)
		if err != nil {
			return err
		}
		if pe.State == EntityFinal || pe.State == EntityPublished {
			return &StateError{Action: action, From: "entity " + pe.State, Kind: ErrLocked, Detail: "the entity's result is final"}
		}
		if pe.State == EntityVerified {
			// Reopening a unit of a verified entity sends the entity back to assessment.
			pe.State = EntityAssessing
			if err := tx.UpdatePeriodEntity(ctx, &pe); err != nil {
				return err
			}
		}
		m, err := s.method(ctx, tx, p.MethodID)
		if err != nil {
			return err
		}
		var cs []ReviewComment
		for _, c := range comments {
			if strings.TrimSpace(c.Body) == "" {
				continue
			}
			if c.Indicator != "" {
				if _, _, ok := indicatorFor(m, e.Kind, c.Indicator); !ok {
					return &ValidationError{Fields: []FieldError{{Field: "comments", Code: "unknown_indicator", Message: "no indicator " + c.Indicator}}}
				}
			}
			cs = append(cs, ReviewComment{Indicator: c.Indicator, Body: strings.TrimSpace(c.Body), AuthorID: a.UserID, CreatedAt: s.now()})
		}
		if to == UnitAccepted {
			// The survey's sample and aggregate (survey.go).
			if err := s.surveyCheck(ctx, tx, a, ua, e, p, m); err != nil {
				return err
			}
		}
		if len(cs) > 0 {
			if err := tx.AddComments(ctx, ua.ID, cs); err != nil {
				return err
			}
		}
		old := ua.State
		ua.State = to
		if to == UnitReturned {
			ua.ReturnReason = reason
		}
		ua.DecidedAt, ua.DecidedBy = ptr(s.now()), a.UserID
		if err := tx.UpdateUnitAssessment(ctx, &ua); err != nil {
			return err
		}
		out = ua
		return s.audit(ctx, tx, a, chainOf("ua", ua.ID), action, "unit_assessment", ua.ID, ua.PeriodID, ua.EntityID,
			map[string]any{"state": old}, map[string]any{"state": to, "comments": comments}, reason)
	})
	return out, err
}

func requireReason(reason string) error {
	if strings.TrimSpace(reason) == "" {
		return &ValidationError{Fields: []FieldError{{Field: "reason", Code: "required", Message: "give a reason"}}}
	}
	if len([]rune(reason)) > MaxNoteLength {
		return &ValidationError{Fields: []FieldError{{Field: "reason", Code: "too_long", Message: "a reason is at most 4000 characters"}}}
	}
	return nil
}

// Return sends a submitted unit back to its assessors with a required reason
// and optional per-indicator comments.
func (s *Service) Return(ctx context.Context, a Actor, id int64, reason string, comments []Comment) (UnitAssessment, error) {
	if err := requireReason(reason); err != nil {
		return UnitAssessment{}, err
	}
	return s.review(ctx, a, id, "unit.return", []string{UnitSubmitted}, UnitReturned, strings.TrimSpace(reason), comments)
}

// Accept accepts a submitted unit; its answers are locked from then on.
func (s *Service) Accept(ctx context.Context, a Actor, id int64) (UnitAssessment, error) {
	return s.review(ctx, a, id, "unit.accept", []string{UnitSubmitted}, UnitAccepted, "", nil)
}

// Reopen unlocks an accepted unit for correction; it needs a reason and goes
// back to the assessors as returned.
func (s *Service) Reopen(ctx context.Context, a Actor, id int64, reason string) (UnitAssessment, error) {
	if err := requireReason(reason); err != nil {
		return UnitAssessment{}, err
	}
	return s.review(ctx, a, id, "unit.reopen", []string{UnitAccepted}, UnitReturned, strings.TrimSpace(reason), nil)
}

// entityTransition moves an entity's state and runs extra work in the same transaction.
func (s *Service) entityTransition(ctx context.Context, a Actor, periodID, entityID int64, action, from, to string,
	allowed func(Actor, Entity) bool, check func(tx Store, p Period, pe PeriodEntity) error) (PeriodEntity, error) {
	var out PeriodEntity
	err := s.store.InTx(ctx, func(tx Store) error {
		e, err := tx.Entity(ctx, entityID)
		if err != nil {
			return err
		}
		if !allowed(a, e) {
			return ErrForbidden
		}
		p, err := tx.Period(ctx, periodID)
		if err != nil {
			return err
		}
		pe, err := tx.PeriodEntity(ctx, periodID, entityID, true)
		if err != nil {
			return err
		}
		out = pe
		if pe.State == to {
			return nil
		}
		if pe.State != from {
			return &StateError{Action: action, From: pe.State, Kind: ErrState}
		}
		if !pe.Assessed {
			return &StateError{Action: action, From: "not assessed", Kind: ErrState}
		}
		if err := check(tx, p, pe); err != nil {
			return err
		}
		pe.State = to
		if err := tx.UpdatePeriodEntity(ctx, &pe); err != nil {
			return err
		}
		out = pe
		return s.audit(ctx, tx, a, chainOf("entity", entityID), action, "period_entity", entityID, periodID, entityID,
			map[string]any{"state": from}, map[string]any{"state": to}, "")
	})
	return out, err
}

// Verify marks an entity verified once all its units are accepted, and
// computes and stores its result and the ranks of its peer groups, all in
// one transaction.
func (s *Service) Verify(ctx context.Context, a Actor, periodID, entityID int64) (PeriodEntity, error) {
	return s.entityTransition(ctx, a, periodID, entityID, "entity.verify", EntityAssessing, EntityVerified, inProvince,
		func(tx Store, p Period, pe PeriodEntity) error {
			if p.Status != PeriodOpen {
				return &StateError{Action: "entity.verify", From: "period " + p.Status, Kind: ErrLocked}
			}
			if !s.inReview(p) {
				return &StateError{Action: "entity.verify", Kind: ErrWindow}
			}
			uas, err := tx.UnitAssessments(ctx, periodID, entityID)
			if err != nil {
				return err
			}
			var ve ValidationError
			for _, ua := range uas {
				if ua.State != UnitAccepted {
					ve.Add("units."+formatID(ua.ID), "not_accepted", "unit assessment %d is %s, not accepted", ua.ID, ua.State)
				}
			}
			if err := ve.Err(); err != nil {
				return err
			}
			_, err = s.recompute(ctx, tx, a, p, entityID, SourceComputed)
			return err
		})
}

// Finalize fixes a verified entity's result (head office); objections are
// possible from then on, within the objection window.
func (s *Service) Finalize(ctx context.Context, a Actor, periodID, entityID int64) (PeriodEntity, error) {
	return s.entityTransition(ctx, a, periodID, entityID, "entity.finalize", EntityVerified, EntityFinal,
		func(a Actor, _ Entity) bool { return a.Role == RoleAdmin },
		func(tx Store, p Period, _ PeriodEntity) error {
			if p.Status != PeriodOpen && p.Status != PeriodClosed {
				return &StateError{Action: "entity.finalize", From: "period " + p.Status, Kind: ErrLocked}
			}
			return nil
		})
}

// PublishSummary says what publishing a period does.
type PublishSummary struct {
	Results     int      `json:"results"`      // results that become public
	NotAssessed int      `json:"not_assessed"` // listed as not assessed
	Blocking    []string `json:"blocking"`     // entities not yet final
}

// PublishPreview tells what Publish would do, without doing it.
func (s *Service) PublishPreview(ctx context.Context, periodID int64) (PublishSummary, error) {
	sum := PublishSummary{Blocking: []string{}}
	pes, err := s.store.PeriodEntities(ctx, periodID)
	if err != nil {
		return sum, err
	}
	for _, pe := range pes {
		switch {
		case !pe.Assessed:
			sum.NotAssessed++
		case pe.State == EntityFinal || pe.State == EntityPublished:
			sum.Results++
		default:
			sum.Blocking = append(sum.Blocking, formatID(pe.EntityID))
		}
	}
	return sum, nil
}

// Publish makes every final result of a period public. It refuses while any
// assessed entity is not final.
func (s *Service) Publish(ctx context.Context, a Actor, periodID int64) (PublishSummary, error) {
	if err := requireAdmin(a); err != nil {
		return PublishSummary{}, err
	}
	var sum PublishSummary
	err := s.store.InTx(ctx, func(tx Store) error {
		p, err := tx.Period(ctx, periodID)
		if err != nil {
			return err
		}
		if p.Status == PeriodPublished {
			return nil
		}
		if p.Status != PeriodOpen && p.Status != PeriodClosed {
			return &StateError{Action: "period.publish", From: p.Status, Kind: ErrState}
		}
		pes, err := tx.PeriodEntities(ctx, periodID)
		if err != nil {
			return err
		}
		var ve ValidationError
		for _, pe := range pes {
			if !pe.Assessed {
				sum.NotAssessed++
				continue
			}
			if pe.State != EntityFinal && pe.State != EntityPublished {
				ve.Add("entities."+formatID(pe.EntityID), "not_final", "entity %d is %s, not final", pe.EntityID, pe.State)
				continue
			}
			sum.Results++
		}
		if err := ve.Err(); err != nil {
			return err
		}
		for _, pe := range pes {
			if pe.Assessed && pe.State == EntityFinal {
				pe.State = EntityPublished
				if err := tx.UpdatePeriodEntity(ctx, &pe); err != nil {
					return err
				}
			}
		}
		old := periodAudit(p)
		p.Status = PeriodPublished
		p.PublishedAt = ptr(s.now())
		if err := tx.UpdatePeriod(ctx, &p); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, chainOf("period", p.ID), "period.publish", "period", p.ID, p.ID, 0, old, periodAudit(p), "")
	})
	return sum, err
}

func ptr[T any](v T) *T { return &v }

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
