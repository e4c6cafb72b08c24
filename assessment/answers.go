package assessment

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/ombudsman-ri/p4/scoring"
)

// MaxNoteLength bounds assessor notes and reasons (characters).
const MaxNoteLength = 4000

// indicatorFor returns the indicator of the method that applies to kind, and its maximum answer.
func indicatorFor(m *scoring.Method, kind scoring.Kind, code string) (*scoring.Indicator, int, bool) {
	for _, ind := range m.Indicators() {
		if ind.Code != code {
			continue
		}
		if len(ind.Kinds) > 0 && !slices.Contains(ind.Kinds, kind) {
			return nil, 0, false
		}
		max := ind.Max
		if max == 0 {
			max = m.Instrument.Scale.Max
		}
		return ind, max, true
	}
	return nil, 0, false
}

// applicable lists the indicator codes of the method that apply to kind, in instrument order.
func applicable(m *scoring.Method, kind scoring.Kind) []string {
	var out []string
	for _, ind := range m.Indicators() {
		if len(ind.Kinds) == 0 || slices.Contains(ind.Kinds, kind) {
			out = append(out, ind.Code)
		}
	}
	return out
}

// UnitView is a unit assessment with everything the questionnaire shows.
type UnitView struct {
	Assessment UnitAssessment  `json:"assessment"`
	Entity     Entity          `json:"entity"`
	Unit       Unit            `json:"unit"`
	Period     Period          `json:"period"`
	Answers    []Answer        `json:"answers"`
	Evidence   []Evidence      `json:"evidence"`
	Comments   []ReviewComment `json:"comments"`
}

// loadUnit reads a unit assessment with its entity and period inside tx.
func (s *Service) loadUnit(ctx context.Context, tx Store, id int64, forUpdate bool) (UnitAssessment, Entity, Period, error) {
	ua, err := tx.UnitAssessment(ctx, id, forUpdate)
	if err != nil {
		return ua, Entity{}, Period{}, err
	}
	e, err := tx.Entity(ctx, ua.EntityID)
	if err != nil {
		return ua, e, Period{}, err
	}
	p, err := tx.Period(ctx, ua.PeriodID)
	return ua, e, p, err
}

// canReadUnit: admin and leadership read all; coordinators their province;
// assessors their assigned units; agency users their own entity once its
// results are shared (final or published).
func (s *Service) canReadUnit(ctx context.Context, tx Store, a Actor, ua UnitAssessment, e Entity) (bool, error) {
	if a.Role == RoleAgency {
		if a.EntityID != e.ID {
			return false, nil
		}
		pe, err := tx.PeriodEntity(ctx, ua.PeriodID, e.ID, false)
		if err != nil {
			return false, err
		}
		return pe.State == EntityFinal || pe.State == EntityPublished, nil
	}
	return CanRead(a, e, ua), nil
}

// Unit returns a unit assessment with its answers, evidence and comments.
// An actor who may not read it gets ErrNotFound, not a hint that it exists.
func (s *Service) Unit(ctx context.Context, a Actor, id int64) (UnitView, error) {
	var v UnitView
	ua, e, p, err := s.loadUnit(ctx, s.store, id, false)
	if err != nil {
		return v, err
	}
	ok, err := s.canReadUnit(ctx, s.store, a, ua, e)
	if err != nil {
		return v, err
	}
	if !ok {
		return v, ErrNotFound
	}
	v.Assessment, v.Entity, v.Period = ua, e, p
	for _, u := range e.Units {
		if u.ID == ua.UnitID {
			v.Unit = u
		}
	}
	if v.Answers, err = s.store.Answers(ctx, id); err != nil {
		return v, err
	}
	if v.Evidence, err = s.store.EvidenceOf(ctx, id); err != nil {
		return v, err
	}
	if v.Comments, err = s.store.Comments(ctx, id); err != nil {
		return v, err
	}
	return v, s.nameUnitView(ctx, &v)
}

// nameUnitView fills in the names of who last changed each answer, who
// uploaded each file, who wrote each comment and who last returned or
// accepted the unit.
func (s *Service) nameUnitView(ctx context.Context, v *UnitView) error {
	ids := []int64{v.Assessment.DecidedBy}
	for _, a := range v.Answers {
		ids = append(ids, a.UpdatedBy)
	}
	for _, e := range v.Evidence {
		ids = append(ids, e.UploadedBy)
	}
	for _, c := range v.Comments {
		ids = append(ids, c.AuthorID)
	}
	names, err := s.store.UserNames(ctx, ids...)
	if err != nil {
		return err
	}
	for i := range v.Answers {
		v.Answers[i].UpdatedByName = names[v.Answers[i].UpdatedBy]
	}
	for i := range v.Evidence {
		v.Evidence[i].UploadedByName = names[v.Evidence[i].UploadedBy]
	}
	for i := range v.Comments {
		v.Comments[i].AuthorName = names[v.Comments[i].AuthorID]
	}
	v.Assessment.DecidedByName = names[v.Assessment.DecidedBy]
	return nil
}

// checkEditable says whether the actor may change the answers of ua now.
func (s *Service) checkEditable(a Actor, ua UnitAssessment, p Period, action string) error {
	if !isAssigned(a, ua) {
		return ErrForbidden
	}
	if p.Status != PeriodOpen {
		return &StateError{Action: action, From: "period " + p.Status, Kind: ErrLocked}
	}
	if ua.State == UnitAccepted {
		return &StateError{Action: action, From: ua.State, Kind: ErrLocked, Detail: "accepted answers are locked; a coordinator can reopen the unit"}
	}
	if ua.State == UnitSubmitted {
		return &StateError{Action: action, From: ua.State, Kind: ErrState, Detail: "the unit is waiting for review"}
	}
	if !p.Fieldwork.Contains(s.today()) && !(ua.State == UnitReturned && p.Review.Contains(s.today())) {
		return &StateError{Action: action, Kind: ErrWindow, Detail: "answers are saved during field work (and returned units during review)"}
	}
	return nil
}

// validateAnswer checks an input against the instrument.
func validateAnswer(m *scoring.Method, kind scoring.Kind, indicator string, in AnswerInput) error {
	var ve ValidationError
	ind, max, ok := indicatorFor(m, kind, indicator)
	if !ok {
		ve.Add("indicator", "unknown_indicator", "indicator %q is not in this period's instrument for a %s", indicator, kind)
		return &ve
	}
	switch {
	case in.NA && in.Value != nil:
		ve.Add("value", "value_with_na", "an answer is either a value or not applicable, not both")
	case in.NA && !ind.NAAllowed:
		ve.Add("na", "na_not_allowed", "indicator %s does not allow not applicable", ind.Code)
	case in.NA && strings.TrimSpace(in.NAReason) == "":
		ve.Add("na_reason", "required", "say why the indicator does not apply")
	case in.Value != nil && (*in.Value < 0 || *in.Value > max):
		ve.Add("value", "out_of_range", "must be between 0 and %d", max)
	}
	if len([]rune(in.Note)) > MaxNoteLength {
		ve.Add("note", "too_long", "a note has at most %d characters", MaxNoteLength)
	}
	if len([]rune(in.NAReason)) > MaxNoteLength {
		ve.Add("na_reason", "too_long", "a reason has at most %d characters", MaxNoteLength)
	}
	return ve.Err()
}

// SaveAnswer stores the answer to one indicator. baseVersion is the version
// the user's edit started from (0 when there was no answer yet). When someone
// else saved in between, nothing is written and a *ConflictError carries the
// current answer. Saving the same content again is harmless.
func (s *Service) SaveAnswer(ctx context.Context, a Actor, unitAssessmentID int64, indicator string, in AnswerInput, baseVersion int) (Answer, error) {
	out, err := s.SaveAnswers(ctx, a, unitAssessmentID, []AnswerChange{{Indicator: indicator, Input: in, BaseVersion: baseVersion}})
	if len(out) == 1 {
		return out[0], err
	}
	return Answer{}, err
}

// AnswerChange is one answer of a batch save.
type AnswerChange struct {
	Indicator   string      `json:"indicator"`
	Input       AnswerInput `json:"input"`
	BaseVersion int         `json:"base_version"`
}

// SaveAnswers stores several answers of one unit in one transaction, all or
// nothing, with the rules of SaveAnswer for each.
func (s *Service) SaveAnswers(ctx context.Context, a Actor, unitAssessmentID int64, changes []AnswerChange) ([]Answer, error) {
	var out []Answer
	err := s.store.InTx(ctx, func(tx Store) error {
		out = out[:0]
		ua, e, p, err := tx.UnitForEdit(ctx, unitAssessmentID)
		if err != nil {
			return err
		}
		if ok, err := s.canReadUnit(ctx, tx, a, ua, e); err != nil {
			return err
		} else if !ok {
			return ErrNotFound
		}
		if err := s.checkEditable(a, ua, p, "saving an answer"); err != nil {
			return err
		}
		m, err := s.method(ctx, tx, p.MethodID)
		if err != nil {
			return err
		}
		for _, c := range changes {
			ans, err := s.saveAnswerTx(ctx, tx, a, ua, e, m, c.Indicator, c.Input, c.BaseVersion)
			if err != nil {
				return err
			}
			out = append(out, ans)
		}
		return nil
	})
	return out, err
}

// saveAnswerTx writes one answer inside tx. The usual save — a first
// answer, or a change to the version the user started from — is one
// statement that writes the answer and takes the unit's audit chain lock,
// and one that appends the audit row. Anything else (the same content again,
// someone else's newer version, an answer gone) reads the stored answer to
// say which.
func (s *Service) saveAnswerTx(ctx context.Context, tx Store, a Actor, ua UnitAssessment, e Entity, m *scoring.Method, indicator string, in AnswerInput, baseVersion int) (Answer, error) {
	if err := validateAnswer(m, e.Kind, indicator, in); err != nil {
		return Answer{}, err
	}
	if !in.NA {
		in.NAReason = ""
	}
	chain := chainOf("ua", ua.ID)
	out := Answer{UnitAssessmentID: ua.ID, Indicator: indicator, Value: in.Value, NA: in.NA,
		NAReason: in.NAReason, Note: in.Note, UpdatedBy: a.UserID, UpdatedAt: s.now()}
	prev, written, err := tx.WriteAnswer(ctx, &out, baseVersion, chain)
	if err != nil {
		return Answer{}, err
	}
	if written {
		var oldV any // a first answer has no previous value
		if baseVersion != 0 {
			oldV = answerAudit(prev)
		}
		entry, err := s.auditEntry(a, chain, "answer.save", "answer", out.ID, ua.PeriodID, ua.EntityID, oldV, answerAudit(out), "")
		if err != nil {
			return Answer{}, err
		}
		return out, tx.AppendAuditLocked(ctx, &entry)
	}
	cur, err := tx.Answer(ctx, ua.ID, indicator, true)
	switch {
	case errors.Is(err, ErrNotFound):
		return Answer{}, &ConflictError{Reason: "the answer no longer exists"}
	case err != nil:
		return Answer{}, err
	}
	if sameAnswer(cur, in) {
		return cur, nil // a retried save of what is already stored
	}
	if cur.Version == baseVersion {
		return Answer{}, fmt.Errorf("answer %s of unit assessment %d: version %d is current and differs, yet it was not written", indicator, ua.ID, baseVersion)
	}
	return Answer{}, &ConflictError{Current: s.namedAnswer(ctx, tx, cur)}
}

// namedAnswer fills in the name of who last changed an answer, so that a
// conflict says who saved in between; without the name it is still sent.
func (s *Service) namedAnswer(ctx context.Context, tx Store, a Answer) Answer {
	if names, err := tx.UserNames(ctx, a.UpdatedBy); err == nil {
		a.UpdatedByName = names[a.UpdatedBy]
	}
	return a
}

func sameAnswer(cur Answer, in AnswerInput) bool {
	sameVal := (cur.Value == nil && in.Value == nil) || (cur.Value != nil && in.Value != nil && *cur.Value == *in.Value)
	return sameVal && cur.NA == in.NA && cur.Note == in.Note && (!in.NA || cur.NAReason == in.NAReason)
}

func answerAudit(a Answer) map[string]any {
	return map[string]any{"indicator": a.Indicator, "value": a.Value, "na": a.NA, "na_reason": a.NAReason, "note": a.Note, "version": a.Version}
}

// Missing lists the applicable indicators of a unit that have no answer yet.
func Missing(m *scoring.Method, kind scoring.Kind, answers []Answer) []string {
	have := map[string]bool{}
	for _, a := range answers {
		if a.Value != nil || a.NA {
			have[a.Indicator] = true
		}
	}
	var out []string
	for _, code := range applicable(m, kind) {
		if !have[code] {
			out = append(out, code)
		}
	}
	return out
}

// UnitScore scores a unit from its current answers, for the questionnaire's
// live preview: unanswered indicators count as 0 and the result says it is
// incomplete. Nothing is stored.
func (s *Service) UnitScore(ctx context.Context, a Actor, unitAssessmentID int64) (*scoring.UnitResult, error) {
	ua, e, p, err := s.loadUnit(ctx, s.store, unitAssessmentID, false)
	if err != nil {
		return nil, err
	}
	if ok, err := s.canReadUnit(ctx, s.store, a, ua, e); err != nil {
		return nil, err
	} else if !ok {
		return nil, ErrNotFound
	}
	m, err := s.method(ctx, s.store, p.MethodID)
	if err != nil {
		return nil, err
	}
	se, err := s.scoringEntity(ctx, s.store, p, e)
	if err != nil {
		return nil, err
	}
	for _, u := range se.Units {
		if u.ID == formatID(ua.UnitID) {
			return scoring.ScoreUnit(m, e.Kind, u)
		}
	}
	return nil, ErrNotFound
}
