package pgstore_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/ombudsman-ri/p4/assessment"
)

func TestSubmitNeedsEveryAnswerAndIsIdempotent(t *testing.T) {
	w := newWorld(t)
	ua := w.uas[0]
	if _, err := w.svc.SaveAnswer(w.ctx, w.assessor, ua.ID, w.indicators[0], assessment.AnswerInput{Value: intp(3)}, 0); err != nil {
		t.Fatal(err)
	}
	_, err := w.svc.Submit(w.ctx, w.assessor, ua.ID)
	var ve *assessment.ValidationError
	if !errors.As(err, &ve) || len(ve.Fields) != len(w.indicators)-1 {
		t.Fatalf("submit with one answer: got %v, want a ValidationError listing %d missing indicators", err, len(w.indicators)-1)
	}
	w.fill(w.assessor, ua.ID, 2)
	first, err := w.svc.Submit(w.ctx, w.assessor, ua.ID)
	if err != nil || first.State != assessment.UnitSubmitted {
		t.Fatalf("submit: %v %+v", err, first)
	}
	again, err := w.svc.Submit(w.ctx, w.assessor, ua.ID)
	if err != nil || again.Version != first.Version {
		t.Fatalf("second submit: got %v, version %d; want no error and no change (version %d)", err, again.Version, first.Version)
	}
}

func TestWorkflowTransitions(t *testing.T) {
	type step func(w *world) error
	submitFull := func(w *world) error {
		w.fill(w.assessor, w.uas[0].ID, 3)
		_, err := w.svc.Submit(w.ctx, w.assessor, w.uas[0].ID)
		return err
	}
	cases := []struct {
		name    string
		setup   []step
		clock   string
		act     step
		wantErr error // nil: allowed
		state   string
	}{
		{"assessor submits", nil, "", submitFull, nil, assessment.UnitSubmitted},
		{"unassigned assessor cannot submit", []step{func(w *world) error { w.fill(w.assessor, w.uas[0].ID, 3); return nil }}, "",
			func(w *world) error { _, err := w.svc.Submit(w.ctx, w.assessor2, w.uas[0].ID); return err }, assessment.ErrNotFound, assessment.UnitDraft},
		{"coordinator cannot submit", []step{func(w *world) error { w.fill(w.assessor, w.uas[0].ID, 3); return nil }}, "",
			func(w *world) error { _, err := w.svc.Submit(w.ctx, w.coord, w.uas[0].ID); return err }, assessment.ErrForbidden, assessment.UnitDraft},
		{"submit outside field work", []step{func(w *world) error { w.fill(w.assessor, w.uas[0].ID, 3); return nil }}, "2023-11-15",
			func(w *world) error { _, err := w.svc.Submit(w.ctx, w.assessor, w.uas[0].ID); return err }, assessment.ErrWindow, assessment.UnitDraft},
		{"coordinator returns with reason", []step{submitFull}, "",
			func(w *world) error {
				_, err := w.svc.Return(w.ctx, w.coord, w.uas[0].ID, "Foto maklumat tidak terbaca", []assessment.Comment{{Indicator: w.indicators[0], Body: "Unggah ulang"}})
				return err
			}, nil, assessment.UnitReturned},
		{"return needs a reason", []step{submitFull}, "",
			func(w *world) error { _, err := w.svc.Return(w.ctx, w.coord, w.uas[0].ID, "  ", nil); return err }, &assessment.ValidationError{}, assessment.UnitSubmitted},
		{"coordinator of another province cannot return", []step{submitFull}, "",
			func(w *world) error { _, err := w.svc.Return(w.ctx, w.coordOther, w.uas[0].ID, "x", nil); return err }, assessment.ErrNotFound, assessment.UnitSubmitted},
		{"assessor cannot accept", []step{submitFull}, "",
			func(w *world) error { _, err := w.svc.Accept(w.ctx, w.assessor, w.uas[0].ID); return err }, assessment.ErrForbidden, assessment.UnitSubmitted},
		{"leadership cannot accept", []step{submitFull}, "",
			func(w *world) error { _, err := w.svc.Accept(w.ctx, w.leadership, w.uas[0].ID); return err }, assessment.ErrForbidden, assessment.UnitSubmitted},
		{"accept a draft is refused", nil, "",
			func(w *world) error { _, err := w.svc.Accept(w.ctx, w.coord, w.uas[0].ID); return err }, assessment.ErrState, assessment.UnitDraft},
		{"coordinator accepts", []step{submitFull}, "",
			func(w *world) error { _, err := w.svc.Accept(w.ctx, w.coord, w.uas[0].ID); return err }, nil, assessment.UnitAccepted},
		{"accept after review window", []step{submitFull}, "2023-12-05",
			func(w *world) error { _, err := w.svc.Accept(w.ctx, w.coord, w.uas[0].ID); return err }, assessment.ErrWindow, assessment.UnitSubmitted},
		{"accepted answers are locked", []step{submitFull, func(w *world) error { _, err := w.svc.Accept(w.ctx, w.coord, w.uas[0].ID); return err }}, "",
			func(w *world) error {
				cur, _ := w.store.Answer(w.ctx, w.uas[0].ID, w.indicators[0], false)
				_, err := w.svc.SaveAnswer(w.ctx, w.assessor, w.uas[0].ID, w.indicators[0], assessment.AnswerInput{Value: intp(1)}, cur.Version)
				return err
			}, assessment.ErrLocked, assessment.UnitAccepted},
		{"submitted answers wait for review", []step{submitFull}, "",
			func(w *world) error {
				cur, _ := w.store.Answer(w.ctx, w.uas[0].ID, w.indicators[0], false)
				_, err := w.svc.SaveAnswer(w.ctx, w.assessor, w.uas[0].ID, w.indicators[0], assessment.AnswerInput{Value: intp(1)}, cur.Version)
				return err
			}, assessment.ErrState, assessment.UnitSubmitted},
		{"reopen needs a reason", []step{submitFull, func(w *world) error { _, err := w.svc.Accept(w.ctx, w.coord, w.uas[0].ID); return err }}, "",
			func(w *world) error { _, err := w.svc.Reopen(w.ctx, w.coord, w.uas[0].ID, ""); return err }, &assessment.ValidationError{}, assessment.UnitAccepted},
		{"coordinator reopens with reason", []step{submitFull, func(w *world) error { _, err := w.svc.Accept(w.ctx, w.coord, w.uas[0].ID); return err }}, "",
			func(w *world) error {
				_, err := w.svc.Reopen(w.ctx, w.coord, w.uas[0].ID, "Salah input nilai")
				return err
			}, nil, assessment.UnitReturned},
		{"assessor cannot reopen", []step{submitFull, func(w *world) error { _, err := w.svc.Accept(w.ctx, w.coord, w.uas[0].ID); return err }}, "",
			func(w *world) error { _, err := w.svc.Reopen(w.ctx, w.assessor, w.uas[0].ID, "x"); return err }, assessment.ErrForbidden, assessment.UnitAccepted},
		{"returned unit is fixed during review", []step{submitFull, func(w *world) error { _, err := w.svc.Return(w.ctx, w.coord, w.uas[0].ID, "Perbaiki", nil); return err }}, "2023-11-20",
			func(w *world) error { _, err := w.svc.Submit(w.ctx, w.assessor, w.uas[0].ID); return err }, nil, assessment.UnitSubmitted},
		{"agency cannot read a unit before results are shared", nil, "",
			func(w *world) error { _, err := w.svc.Unit(w.ctx, w.agency, w.uas[0].ID); return err }, assessment.ErrNotFound, assessment.UnitDraft},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			w := newWorld(t)
			for _, s := range tc.setup {
				if err := s(w); err != nil {
					t.Fatalf("setup: %v", err)
				}
			}
			if tc.clock != "" {
				w.clock.set(tc.clock)
			}
			err := tc.act(w)
			switch want := tc.wantErr.(type) {
			case nil:
				if err != nil {
					t.Fatalf("got %v, want it allowed", err)
				}
			case *assessment.ValidationError:
				var ve *assessment.ValidationError
				if !errors.As(err, &ve) {
					t.Fatalf("got %v, want a ValidationError", err)
				}
			default:
				if !errors.Is(err, want) {
					t.Fatalf("got %v, want %v", err, want)
				}
			}
			ua, err := w.store.UnitAssessment(w.ctx, w.uas[0].ID, false)
			if err != nil {
				t.Fatal(err)
			}
			if ua.State != tc.state {
				t.Fatalf("state after: got %s, want %s", ua.State, tc.state)
			}
		})
	}
}

func TestEntityVerifyFinalizePublish(t *testing.T) {
	w := newWorld(t)
	// Verify is refused while a unit is not accepted.
	if _, err := w.svc.Verify(w.ctx, w.coord, w.period.ID, w.entity.ID); !isValidation(err) {
		t.Fatalf("verify with draft units: got %v, want a ValidationError", err)
	}
	w.acceptAll(3)
	if _, err := w.svc.Verify(w.ctx, w.assessor, w.period.ID, w.entity.ID); !errors.Is(err, assessment.ErrForbidden) {
		t.Fatalf("assessor verifies: got %v, want ErrForbidden", err)
	}
	if _, err := w.svc.Verify(w.ctx, w.coordOther, w.period.ID, w.entity.ID); !errors.Is(err, assessment.ErrForbidden) {
		t.Fatalf("other province verifies: got %v, want ErrForbidden", err)
	}
	pe, err := w.svc.Verify(w.ctx, w.coord, w.period.ID, w.entity.ID)
	if err != nil || pe.State != assessment.EntityVerified {
		t.Fatalf("verify: %v %+v", err, pe)
	}
	snap, err := w.store.CurrentSnapshot(w.ctx, w.period.ID, w.entity.ID)
	if err != nil {
		t.Fatal(err)
	}
	if snap.Score.String() != "100.00" || snap.Category != "A" || snap.Zone != "green" || !snap.Complete || len(snap.Units) != 2 {
		t.Fatalf("snapshot: got %s %s %s complete=%v units=%d, want 100.00 A green complete, 2 units", snap.Score, snap.Category, snap.Zone, snap.Complete, len(snap.Units))
	}
	if snap.Ranks["pemkab"] != 1 || snap.Ranks["pemda/17"] != 1 {
		t.Fatalf("ranks: got %v, want 1 in pemkab and pemda/17", snap.Ranks)
	}
	// Publishing is refused while an assessed entity is not final.
	if _, err := w.svc.Publish(w.ctx, assessment.System, w.period.ID); !isValidation(err) {
		t.Fatalf("publish with entities not final: got %v, want a ValidationError", err)
	}
	if _, err := w.svc.Finalize(w.ctx, w.coord, w.period.ID, w.entity.ID); !errors.Is(err, assessment.ErrForbidden) {
		t.Fatalf("coordinator finalizes: got %v, want ErrForbidden (head office finalizes)", err)
	}
	if _, err := w.svc.Finalize(w.ctx, assessment.System, w.period.ID, w.entity.ID); err != nil {
		t.Fatal(err)
	}
	// A unit of a final entity cannot be reopened.
	if _, err := w.svc.Reopen(w.ctx, w.coord, w.uas[0].ID, "koreksi"); !errors.Is(err, assessment.ErrLocked) {
		t.Fatalf("reopen after final: got %v, want ErrLocked", err)
	}
	// The agency now sees its own units, not the other entity's.
	if _, err := w.svc.Unit(w.ctx, w.agency, w.uas[0].ID); err != nil {
		t.Fatalf("agency reads own final unit: %v", err)
	}
	if _, err := w.svc.Unit(w.ctx, w.agency, w.otherUA.ID); !errors.Is(err, assessment.ErrNotFound) {
		t.Fatalf("agency reads another entity: got %v, want ErrNotFound", err)
	}
	// Make the other entity not assessed so that publishing can go ahead.
	w.withSQL(`UPDATE period_entities SET assessed = false, not_assessed_reason = 'menolak dinilai' WHERE entity_id = $1`, w.other.ID)
	sum, err := w.svc.Publish(w.ctx, assessment.System, w.period.ID)
	if err != nil || sum.Results != 1 || sum.NotAssessed != 1 {
		t.Fatalf("publish: %v %+v", err, sum)
	}
	p, _ := w.store.Period(w.ctx, w.period.ID)
	if p.Status != assessment.PeriodPublished || p.PublishedAt == nil {
		t.Fatalf("period after publish: %+v", p)
	}
}

func isValidation(err error) bool {
	var ve *assessment.ValidationError
	return errors.As(err, &ve)
}

func TestAnswerValidation(t *testing.T) {
	w := newWorld(t)
	var naInd, noNA string
	for _, ind := range w.method.Indicators() {
		if ind.NAAllowed && naInd == "" {
			naInd = ind.Code
		}
		if !ind.NAAllowed && noNA == "" {
			noNA = ind.Code
		}
	}
	cases := []struct {
		name, indicator string
		in              assessment.AnswerInput
		code            string
	}{
		{"out of range", noNA, assessment.AnswerInput{Value: intp(4)}, "out_of_range"},
		{"negative", noNA, assessment.AnswerInput{Value: intp(-1)}, "out_of_range"},
		{"unknown indicator", "XX.99", assessment.AnswerInput{Value: intp(1)}, "unknown_indicator"},
		{"na not allowed", noNA, assessment.AnswerInput{NA: true, NAReason: "tidak ada"}, "na_not_allowed"},
		{"na without reason", naInd, assessment.AnswerInput{NA: true}, "required"},
		{"value and na", naInd, assessment.AnswerInput{NA: true, NAReason: "x", Value: intp(1)}, "value_with_na"},
		{"note too long", noNA, assessment.AnswerInput{Value: intp(1), Note: strings.Repeat("a", assessment.MaxNoteLength+1)}, "too_long"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := w.svc.SaveAnswer(w.ctx, w.assessor, w.uas[0].ID, tc.indicator, tc.in, 0)
			var ve *assessment.ValidationError
			if !errors.As(err, &ve) || ve.Fields[0].Code != tc.code {
				t.Fatalf("got %v, want a field error with code %s", err, tc.code)
			}
			if _, err := w.store.Answer(w.ctx, w.uas[0].ID, tc.indicator, false); !errors.Is(err, assessment.ErrNotFound) {
				t.Fatalf("a refused answer was stored: %v", err)
			}
		})
	}
	if _, err := w.svc.SaveAnswer(w.ctx, w.assessor, w.uas[0].ID, naInd, assessment.AnswerInput{NA: true, NAReason: "Layanan gratis"}, 0); err != nil {
		t.Fatalf("valid N/A: %v", err)
	}
}

func (w *world) withSQL(q string, args ...any) {
	w.t.Helper()
	if err := w.storeDB().Exec(q, args...).Error; err != nil {
		w.t.Fatal(err)
	}
}
