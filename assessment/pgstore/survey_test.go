package pgstore_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ombudsman-ri/p4/assessment"
)

var surveyCodes = []string{"OU.PM.01", "OU.PM.02", "OU.PM.03", "OU.PM.04", "OU.PM.05"}

// answersOf reads "nnyan": one letter per perception item (y, n, a = na).
func answersOf(s string) map[string]string {
	out := map[string]string{}
	for i, ch := range s {
		out[surveyCodes[i]] = map[rune]string{'y': "yes", 'n': "no", 'a': "na"}[ch]
	}
	return out
}

// respond records one respondent as a; it fails the test on error.
func (w *world) respond(a assessment.Actor, uaID int64, key, answers string) assessment.Respondent {
	w.t.Helper()
	r, _, err := w.svc.RecordRespondent(w.ctx, a, uaID, assessment.RespondentInput{ClientKey: key, Answers: answersOf(answers)})
	if err != nil {
		w.t.Fatalf("record %s: %v", key, err)
	}
	return r
}

func fieldCodes(err error) []string {
	var ve *assessment.ValidationError
	if !errors.As(err, &ve) {
		return nil
	}
	var out []string
	for _, f := range ve.Fields {
		out = append(out, f.Field+":"+f.Code)
	}
	return out
}

func (w *world) auditActions(uaID int64, action string) []map[string]any {
	w.t.Helper()
	var rows []struct {
		Actor    string
		NewValue *string
		OldValue *string
		Reason   string
	}
	if err := w.gdb.Raw(`SELECT actor, new_value::text AS new_value, old_value::text AS old_value, reason FROM audit_log WHERE chain = ? AND action = ? ORDER BY id`,
		fmt.Sprintf("ua:%d", uaID), action).Scan(&rows).Error; err != nil {
		w.t.Fatal(err)
	}
	out := []map[string]any{}
	for _, r := range rows {
		m := map[string]any{"actor": r.Actor, "reason": r.Reason}
		for k, v := range map[string]*string{"new": r.NewValue, "old": r.OldValue} {
			if v != nil {
				var x any
				_ = json.Unmarshal([]byte(*v), &x)
				m[k] = x
			}
		}
		out = append(out, m)
	}
	return out
}

// Aggregation writes the survey indicators through the answers' path, with
// the rule's values and notes, versioned and audited; again, it changes
// nothing.
func TestSurveyAggregationIntoAnswers(t *testing.T) {
	w := newWorld(t)
	ua := w.uas[0]
	for i := range 30 {
		b := []byte("nnnna")
		if i < 3 {
			b[0] = 'y' // 27 of 30 did not experience it
		}
		if i%2 == 0 {
			b[2] = 'y' // 15 of 30
		}
		if i < 2 {
			b[3] = 'a' // 28 of 28 who answered
		}
		w.respond(w.assessor, ua.ID, fmt.Sprintf("hp-%04d-0000", i), string(b))
	}
	if _, err := w.svc.AggregateSurvey(w.ctx, w.coord, ua.ID); !errors.Is(err, assessment.ErrForbidden) {
		t.Errorf("coordinator aggregates: got %v, want ErrForbidden (answers are the assessors')", err)
	}
	if _, err := w.svc.AggregateSurvey(w.ctx, w.assessor2, ua.ID); !errors.Is(err, assessment.ErrNotFound) {
		t.Errorf("unassigned assessor aggregates: got %v, want ErrNotFound", err)
	}
	agg, err := w.svc.AggregateSurvey(w.ctx, w.assessor, ua.ID)
	if err != nil {
		t.Fatal(err)
	}
	if agg.Respondents != 30 || agg.Target != 30 || agg.BelowTarget {
		t.Errorf("sample: got %d of %d (below %v), want 30 of 30", agg.Respondents, agg.Target, agg.BelowTarget)
	}
	want := map[string]string{
		"OU.PM.01": "2 Dari 30 responden: 27 tidak mengalami (90%)",
		"OU.PM.02": "3 Dari 30 responden: 30 tidak mengalami (100%)",
		"OU.PM.03": "1 Dari 30 responden: 15 tidak mengalami (50%)",
		"OU.PM.04": "3 Dari 30 responden: 28 dari 28 yang menjawab tidak mengalami (100%); 2 tidak tahu/tidak relevan",
	}
	got := map[string]string{}
	answers, _ := w.store.Answers(w.ctx, ua.ID)
	for _, a := range answers {
		if a.Value != nil && slices.Contains(surveyCodes, a.Indicator) {
			got[a.Indicator] = fmt.Sprintf("%d %s", *a.Value, a.Note)
			if a.UpdatedBy != w.assessor.UserID || a.Version != 1 {
				t.Errorf("%s: by %d version %d, want the assessor's first version", a.Indicator, a.UpdatedBy, a.Version)
			}
		}
		if a.Indicator == "OU.PM.05" {
			t.Errorf("OU.PM.05 (every respondent answered na, N/A not allowed) was written: %+v", a)
		}
	}
	if fmt.Sprint(want) != fmt.Sprint(got) {
		t.Errorf("answers:\n got %v\nwant %v", got, want)
	}
	if n := len(w.auditActions(ua.ID, "answer.save")); n != 4 {
		t.Errorf("answer.save audit rows: got %d, want 4", n)
	}
	if n := len(w.auditActions(ua.ID, "survey.respondent")); n != 30 {
		t.Errorf("survey.respondent audit rows: got %d, want 30", n)
	}
	// Again: the same content, nothing written.
	if _, err := w.svc.AggregateSurvey(w.ctx, w.assessor, ua.ID); err != nil {
		t.Fatal(err)
	}
	if n := len(w.auditActions(ua.ID, "answer.save")); n != 4 {
		t.Errorf("after a second aggregation: %d answer.save rows, want still 4", n)
	}
	v, err := w.svc.Survey(w.ctx, w.coord, ua.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !v.AggregateCurrent || !v.Applies || len(v.AcceptProblems) != 0 || v.Progress.Respondents != 30 || v.Progress.Remaining != 0 {
		t.Errorf("view: current %v applies %v problems %v progress %+v", v.AggregateCurrent, v.Applies, v.AcceptProblems, v.Progress)
	}

	// No respondents: nothing to aggregate.
	if _, err := w.svc.AggregateSurvey(w.ctx, w.assessor, w.uas[1].ID); !slices.Equal(fieldCodes(err), []string{"respondents:no_respondents"}) {
		t.Errorf("aggregate without respondents: got %v", err)
	}
}

// fillAndSubmit answers every indicator by hand, records n respondents who
// report nothing, aggregates them and submits.
func (w *world) fillAndSubmit(uaID int64, n int) {
	w.t.Helper()
	w.fill(w.assessor, uaID, 3)
	for i := range n {
		w.respond(w.assessor, uaID, fmt.Sprintf("unit%d-resp-%03d", uaID, i), "nnnnn")
	}
	if n > 0 {
		if _, err := w.svc.AggregateSurvey(w.ctx, w.assessor, uaID); err != nil {
			w.t.Fatal(err)
		}
	}
	if _, err := w.svc.Submit(w.ctx, w.assessor, uaID); err != nil {
		w.t.Fatal(err)
	}
}

func TestBelowTargetNeedsOverrideToAccept(t *testing.T) {
	w := newWorld(t)
	ua := w.uas[0]
	w.fillAndSubmit(ua.ID, 5)
	v, err := w.svc.Survey(w.ctx, w.coord, ua.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(fieldCodes(&assessment.ValidationError{Fields: v.AcceptProblems}), []string{"survey.respondents:below_target"}) {
		t.Errorf("view's accept problems: %v", v.AcceptProblems)
	}
	_, err = w.svc.Accept(w.ctx, w.coord, ua.ID)
	if !slices.Equal(fieldCodes(err), []string{"survey.respondents:below_target"}) {
		t.Fatalf("accept 5 of 30: got %v, want below_target", err)
	}
	if cur, _ := w.store.UnitAssessment(w.ctx, ua.ID, false); cur.State != assessment.UnitSubmitted {
		t.Fatalf("refused accept changed the state to %s", cur.State)
	}
	if _, err := w.svc.OverrideSurveyTarget(w.ctx, w.assessor, ua.ID, "Sepi"); !errors.Is(err, assessment.ErrForbidden) {
		t.Errorf("assessor overrides: got %v, want ErrForbidden", err)
	}
	if _, err := w.svc.OverrideSurveyTarget(w.ctx, w.coordOther, ua.ID, "Sepi"); !errors.Is(err, assessment.ErrNotFound) {
		t.Errorf("other province's coordinator overrides: got %v, want ErrNotFound", err)
	}
	if _, err := w.svc.OverrideSurveyTarget(w.ctx, w.coord, ua.ID, "  "); !slices.Equal(fieldCodes(err), []string{"reason:required"}) {
		t.Errorf("override without reason: got %v", err)
	}
	reason := "Kantor sepi pengunjung selama tiga hari kunjungan; 5 responden sudah maksimal"
	if v, err = w.svc.OverrideSurveyTarget(w.ctx, w.coord, ua.ID, reason); err != nil {
		t.Fatal(err)
	}
	if o := v.Plan.Override; o == nil || o.Reason != reason || o.Respondents != 5 || o.Target != 30 || o.By != w.coord.UserID {
		t.Errorf("override: %+v", v.Plan.Override)
	}
	acc, err := w.svc.Accept(w.ctx, w.coord, ua.ID)
	if err != nil || acc.State != assessment.UnitAccepted {
		t.Fatalf("accept with override: %v %s", err, acc.State)
	}
	given := w.auditActions(ua.ID, "survey.override")
	applied := w.auditActions(ua.ID, "survey.override_applied")
	if len(given) != 1 || given[0]["reason"] != reason || len(applied) != 1 || applied[0]["reason"] != reason {
		t.Errorf("audit: override %v, applied %v", given, applied)
	}
	if _, err := w.svc.OverrideSurveyTarget(w.ctx, w.coord, ua.ID, "lagi"); !errors.Is(err, assessment.ErrLocked) {
		t.Errorf("override on an accepted unit: got %v, want ErrLocked", err)
	}

	// A unit that meets its target needs no override, and gets none.
	w.fillAndSubmit(w.uas[1].ID, 30)
	if _, err := w.svc.OverrideSurveyTarget(w.ctx, w.coord, w.uas[1].ID, "tidak perlu"); !errors.Is(err, assessment.ErrState) {
		t.Errorf("override at target: got %v, want ErrState", err)
	}
	if _, err := w.svc.Accept(w.ctx, w.coord, w.uas[1].ID); err != nil {
		t.Errorf("accept 30 of 30: %v", err)
	}
	if n := len(w.auditActions(w.uas[1].ID, "survey.override_applied")); n != 0 {
		t.Errorf("accept at target recorded %d overrides", n)
	}
}

// Respondents recorded after aggregation make the answers stale: accept is
// refused (an override does not help) until the assessor aggregates again.
func TestStaleAggregateBlocksAccept(t *testing.T) {
	w := newWorld(t)
	ua := w.uas[0]
	w.fill(w.assessor, ua.ID, 3)
	for i := range 30 {
		w.respond(w.assessor, ua.ID, fmt.Sprintf("resp-%03d-abc", i), "nnnnn")
	}
	if _, err := w.svc.AggregateSurvey(w.ctx, w.assessor, ua.ID); err != nil {
		t.Fatal(err)
	}
	w.respond(w.assessor, ua.ID, "resp-late-abc", "ynnnn")
	if _, err := w.svc.Submit(w.ctx, w.assessor, ua.ID); err != nil {
		t.Fatal(err)
	}
	_, err := w.svc.Accept(w.ctx, w.coord, ua.ID)
	want := []string{}
	for _, c := range surveyCodes {
		want = append(want, "answers."+c+":survey_not_aggregated")
	}
	if !slices.Equal(fieldCodes(err), want) {
		t.Fatalf("accept with a stale aggregate: got %v, want %v", fieldCodes(err), want)
	}
	if _, err := w.svc.Return(w.ctx, w.coord, ua.ID, "Agregasi ulang survei", nil); err != nil {
		t.Fatal(err)
	}
	agg, err := w.svc.AggregateSurvey(w.ctx, w.assessor, ua.ID)
	if err != nil {
		t.Fatal(err)
	}
	if v := agg.Items[0].Value; v == nil || *v != 2 {
		t.Errorf("OU.PM.01 after 1 of 31 reports: got %v, want 2", v)
	}
	if _, err := w.svc.Submit(w.ctx, w.assessor, ua.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := w.svc.Accept(w.ctx, w.coord, ua.ID); err != nil {
		t.Errorf("accept after aggregating again: %v", err)
	}
}

// A period can require the survey of every unit: then a unit without
// respondents (survey answers typed in) is below target too.
func TestRequiredSurveySettings(t *testing.T) {
	w := newWorld(t)
	view, err := w.svc.SurveySettings(w.ctx, w.agency, w.period.ID)
	if err != nil || view.Version != 0 || view.Respondents != 30 || len(view.Items) != 5 {
		t.Fatalf("default settings: %v %+v", err, view)
	}
	st := view.Settings
	st.Required = true
	if _, err := w.svc.SetSurveySettings(w.ctx, w.coord, w.period.ID, 0, st, ""); !errors.Is(err, assessment.ErrForbidden) {
		t.Errorf("coordinator sets settings: got %v, want ErrForbidden", err)
	}
	bad := st
	bad.Rule.Thresholds = nil
	if _, err := w.svc.SetSurveySettings(w.ctx, w.admin, w.period.ID, 0, bad, ""); !slices.Equal(fieldCodes(err), []string{"rule.thresholds:required"}) {
		t.Errorf("settings without thresholds: got %v", err)
	}
	if view, err = w.svc.SetSurveySettings(w.ctx, w.admin, w.period.ID, 0, st, "Survei wajib tahun ini"); err != nil || view.Version != 1 || !view.Settings.Required {
		t.Fatalf("set: %v %+v", err, view)
	}
	if _, err := w.svc.SetSurveySettings(w.ctx, w.admin, w.period.ID, 0, st, ""); !errors.Is(err, assessment.ErrConflict) {
		t.Errorf("stale version: got %v, want a conflict", err)
	}
	ua := w.uas[0]
	w.fillAndSubmit(ua.ID, 0)
	if _, err := w.svc.Accept(w.ctx, w.coord, ua.ID); !slices.Equal(fieldCodes(err), []string{"survey.respondents:below_target"}) {
		t.Fatalf("accept without respondents in a required period: got %v", err)
	}
	if _, err := w.svc.OverrideSurveyTarget(w.ctx, w.coord, ua.ID, "Survei dilakukan di atas kertas"); err != nil {
		t.Fatal(err)
	}
	if _, err := w.svc.Accept(w.ctx, w.coord, ua.ID); err != nil {
		t.Errorf("accept with override: %v", err)
	}
}

func TestRecordRespondentIsIdempotentAndScoped(t *testing.T) {
	w := newWorld(t)
	ua := w.uas[0]
	in := assessment.RespondentInput{ClientKey: "0b6f1c2e-8a4d-4c7e-9a51-2f3b4c5d6e7f", Answers: answersOf("nynnn"), Comment: "Antre lama"}
	first, created, err := w.svc.RecordRespondent(w.ctx, w.assessor, ua.ID, in)
	if err != nil || !created || first.ID == 0 || first.AssessorID != w.assessor.UserID || first.SelfCompleted || !first.RecordedAt.Equal(w.clock.now()) {
		t.Fatalf("first: %v %v %+v", err, created, first)
	}
	again, created, err := w.svc.RecordRespondent(w.ctx, w.assessor, ua.ID, in)
	if err != nil || created || again.ID != first.ID {
		t.Fatalf("retry: got %v, created %v, id %d; want the stored %d", err, created, again.ID, first.ID)
	}
	other := in
	other.Answers = answersOf("nnnnn")
	var ce *assessment.ConflictError
	if _, _, err := w.svc.RecordRespondent(w.ctx, w.assessor, ua.ID, other); !errors.As(err, &ce) {
		t.Errorf("same key, other content: got %v, want a conflict", err)
	}
	var n int
	w.gdb.Raw(`SELECT count(*) FROM survey_respondents`).Scan(&n)
	if n != 1 {
		t.Errorf("respondents stored: got %d, want 1", n)
	}

	_, _, err = w.svc.RecordRespondent(w.ctx, w.assessor, ua.ID, assessment.RespondentInput{ClientKey: "short",
		Answers: map[string]string{"OU.PM.01": "maybe", "OU.PM.02": "no", "OU.PM.03": "no", "OU.PM.04": "no", "IN.KP.01": "no"}, Product: "KTP"})
	// The world's units list no products: the product is free text then.
	wantCodes := []string{"client_key:invalid", "answers.OU.PM.01:oneof", "answers.OU.PM.05:required", "answers.IN.KP.01:unknown_indicator"}
	if !slices.Equal(fieldCodes(err), wantCodes) {
		t.Errorf("invalid input: got %v, want %v", fieldCodes(err), wantCodes)
	}
	future := w.clock.now().Add(time.Hour)
	if _, _, err := w.svc.RecordRespondent(w.ctx, w.assessor, ua.ID, assessment.RespondentInput{ClientKey: "future-key-1", Answers: answersOf("nnnnn"), CollectedAt: &future}); !slices.Equal(fieldCodes(err), []string{"collected_at:in_future"}) {
		t.Errorf("collected in the future: got %v", err)
	}

	for _, c := range []struct {
		name string
		a    assessment.Actor
		want error
	}{
		{"coordinator", w.coord, assessment.ErrForbidden},
		{"admin", w.admin, assessment.ErrForbidden},
		{"leadership", w.leadership, assessment.ErrForbidden},
		{"unassigned assessor", w.assessor2, assessment.ErrNotFound},
		{"agency", w.agency, assessment.ErrNotFound},
	} {
		in := assessment.RespondentInput{ClientKey: "by-" + string(c.a.Role) + "-key", Answers: answersOf("nnnnn")}
		if _, _, err := w.svc.RecordRespondent(w.ctx, c.a, ua.ID, in); !errors.Is(err, c.want) {
			t.Errorf("%s records: got %v, want %v", c.name, err, c.want)
		}
	}

	// Once submitted, a retry still answers with the stored respondent; a new one is refused.
	w.fill(w.assessor, ua.ID, 3)
	if _, err := w.svc.Submit(w.ctx, w.assessor, ua.ID); err != nil {
		t.Fatal(err)
	}
	if r, created, err := w.svc.RecordRespondent(w.ctx, w.assessor, ua.ID, in); err != nil || created || r.ID != first.ID {
		t.Errorf("retry after submit: %v %v %d", err, created, r.ID)
	}
	if _, _, err := w.svc.RecordRespondent(w.ctx, w.assessor, ua.ID, assessment.RespondentInput{ClientKey: "after-submit", Answers: answersOf("nnnnn")}); !errors.Is(err, assessment.ErrState) {
		t.Errorf("new respondent on a submitted unit: got %v, want ErrState", err)
	}
}

func TestContactDetailsAreSeparateAndDeletable(t *testing.T) {
	w := newWorld(t)
	ua := w.uas[0]
	r, _, err := w.svc.RecordRespondent(w.ctx, w.assessor, ua.ID, assessment.RespondentInput{ClientKey: "kontak-0001", Answers: answersOf("nnnnn"),
		Contact: &assessment.Contact{Name: "Siti Aminah", Phone: "0812-3456-7890"}})
	if err != nil {
		t.Fatal(err)
	}
	if r.Contact != nil || !r.HasContact {
		t.Errorf("the assessor's own response carries the contact: %+v", r)
	}
	w.respond(w.assessor, ua.ID, "tanpa-kontak-1", "nnnnn")
	for _, c := range []struct {
		name    string
		a       assessment.Actor
		see     bool
		wantErr error
	}{
		{"coordinator", w.coord, true, nil},
		{"admin", w.admin, true, nil},
		{"assessor", w.assessor, false, nil},
		{"leadership", w.leadership, false, nil},
		{"agency", w.agency, false, assessment.ErrNotFound},
		{"other coordinator", w.coordOther, false, assessment.ErrNotFound},
	} {
		rs, err := w.svc.Respondents(w.ctx, c.a, ua.ID)
		if !errors.Is(err, c.wantErr) {
			t.Errorf("%s lists: got %v, want %v", c.name, err, c.wantErr)
			continue
		}
		b, _ := json.Marshal(rs)
		if saw := strings.Contains(string(b), "Siti Aminah") && strings.Contains(string(b), "0812-3456-7890"); saw != c.see {
			t.Errorf("%s sees the contact: %v, want %v: %s", c.name, saw, c.see, b)
		}
	}
	var logged int
	w.gdb.Raw(`SELECT count(*) FROM audit_log WHERE coalesce(new_value::text, '') || coalesce(old_value::text, '') || reason ~ 'Siti|0812'`).Scan(&logged)
	if logged != 0 {
		t.Errorf("%d audit rows hold the contact details", logged)
	}
	sums, err := w.svc.SurveySummaries(w.ctx, w.admin, 2023, "17")
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := json.Marshal(sums); strings.Contains(string(b), "Siti") || !strings.Contains(string(b), `"respondents":2`) {
		t.Errorf("summaries: %s", b)
	}

	for _, a := range []assessment.Actor{w.assessor, w.leadership} {
		if err := w.svc.DeleteContact(w.ctx, a, ua.ID, r.ID); !errors.Is(err, assessment.ErrForbidden) {
			t.Errorf("%s deletes a contact: got %v, want ErrForbidden", a.Role, err)
		}
	}
	if err := w.svc.DeleteContact(w.ctx, w.coord, w.uas[1].ID, r.ID); !errors.Is(err, assessment.ErrNotFound) {
		t.Errorf("delete through another unit: got %v, want ErrNotFound", err)
	}
	if err := w.svc.DeleteContact(w.ctx, w.coord, ua.ID, r.ID); err != nil {
		t.Fatal(err)
	}
	if err := w.svc.DeleteContact(w.ctx, w.coord, ua.ID, r.ID); err != nil {
		t.Errorf("delete again: %v", err)
	}
	rows := w.auditActions(ua.ID, "survey.contact_delete")
	if len(rows) != 1 || rows[0]["actor"] != w.coord.Name || fmt.Sprint(rows[0]["old"]) != "map[name:true phone:true]" {
		t.Errorf("audit of the delete: %v", rows)
	}
	rs, _ := w.svc.Respondents(w.ctx, w.coord, ua.ID)
	if len(rs) != 2 || rs[0].ID != r.ID || rs[0].HasContact || rs[0].Contact != nil {
		t.Errorf("after delete: %+v", rs)
	}
	var left int
	w.gdb.Raw(`SELECT count(*) FROM survey_contacts`).Scan(&left)
	if left != 0 {
		t.Errorf("%d contact rows left", left)
	}
}

// Each quality flag from entries with their collection times.
func TestSurveyQualityFlags(t *testing.T) {
	w := newWorld(t)
	ua := w.uas[0]
	w.clock.t = w.clock.now().Add(2 * time.Hour) // 12:00 WIB
	base := time.Date(2023, 8, 1, 3, 0, 0, 0, time.UTC)
	rec := func(key, answers, comment string, at time.Duration) assessment.Respondent {
		t.Helper()
		ts := base.Add(at)
		r, _, err := w.svc.RecordRespondent(w.ctx, w.assessor, ua.ID, assessment.RespondentInput{ClientKey: key, Answers: answersOf(answers), Comment: comment, CollectedAt: &ts})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	r1 := rec("flag-0001", "nynan", "", 0)
	r2 := rec("flag-0002", "nynan", "", 2*time.Minute)                // duplicate of r1
	r3 := rec("flag-0003", "ynnan", "", 2*time.Minute+30*time.Second) // 30 s after r2: too fast
	r4 := rec("flag-0004", "nnnnn", "", 10*time.Minute)               // straight-lining
	var burst []int64
	for i := range 10 { // 10 entries in 11.00–12.00 WIB
		burst = append(burst, rec(fmt.Sprintf("burst-%04d", i), "ynnan", fmt.Sprintf("ke-%d", i), time.Hour+time.Duration(i)*2*time.Minute).ID)
	}
	flags, err := w.svc.SurveyFlags(w.ctx, w.coord, ua.ID)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range flags {
		got = append(got, fmt.Sprintf("%s:%d:%v", f.Kind, f.RespondentID, f.Related))
	}
	want := []string{
		"below_target:0:[]",
		fmt.Sprintf("duplicate:%d:[%d]", r2.ID, r1.ID),
		fmt.Sprintf("too_fast:%d:[%d]", r3.ID, r2.ID),
		fmt.Sprintf("straight_lining:%d:[]", r4.ID),
		fmt.Sprintf("burst:0:%v", burst),
	}
	if !slices.Equal(got, want) {
		t.Errorf("flags:\n got %v\nwant %v", got, want)
	}
	if _, err := w.svc.SurveyFlags(w.ctx, w.leadership, ua.ID); err != nil {
		t.Errorf("leadership reads flags: %v", err)
	}
	if _, err := w.svc.SurveyFlags(w.ctx, w.assessor, ua.ID); !errors.Is(err, assessment.ErrForbidden) {
		t.Errorf("assessor reads flags: got %v, want ErrForbidden", err)
	}
	// Flags never remove anything.
	if rs, _ := w.svc.Respondents(w.ctx, w.coord, ua.ID); len(rs) != 14 {
		t.Errorf("respondents after flagging: %d, want 14", len(rs))
	}
}

func TestSamplingPlanAndLink(t *testing.T) {
	w := newWorld(t)
	ua := w.uas[0]
	w.withSQL(`INSERT INTO service_products (unit_id, name) VALUES (?, 'KTP-el'), (?, 'Akta Kelahiran')`, ua.UnitID, ua.UnitID)
	v, err := w.svc.SetSurveyPlan(w.ctx, w.coord, ua.ID, assessment.SurveyPlanInput{Target: intp(20),
		Quotas: []assessment.SurveyQuota{{Product: "KTP-el", Target: 10}, {Product: "SIM", Target: 5}}})
	if !slices.Equal(fieldCodes(err), []string{"quotas[1].product:unknown_product"}) {
		t.Fatalf("quota of an unknown product: got %v", err)
	}
	if _, err := w.svc.SetSurveyPlan(w.ctx, w.assessor, ua.ID, assessment.SurveyPlanInput{Target: intp(20)}); !errors.Is(err, assessment.ErrForbidden) {
		t.Errorf("assessor sets the plan: got %v, want ErrForbidden", err)
	}
	v, err = w.svc.SetSurveyPlan(w.ctx, w.coord, ua.ID, assessment.SurveyPlanInput{Target: intp(20), Quotas: []assessment.SurveyQuota{{Product: "KTP-el", Target: 10}}, Link: true})
	if err != nil {
		t.Fatal(err)
	}
	if v.Progress.Target != 20 || v.TargetSource != assessment.TargetFromUnit || v.Plan.Version != 1 || v.Plan.Link == nil || len(v.Plan.Link.Token) != 32 {
		t.Fatalf("plan: %+v", v)
	}
	token := v.Plan.Link.Token
	if _, err := w.svc.SetSurveyPlan(w.ctx, w.coord, ua.ID, assessment.SurveyPlanInput{Version: 0}); !errors.Is(err, assessment.ErrConflict) {
		t.Errorf("stale plan version: got %v, want a conflict", err)
	}
	for _, c := range []struct {
		a    assessment.Actor
		link bool
	}{{w.assessor, true}, {w.admin, true}, {w.leadership, false}} {
		sv, err := w.svc.Survey(w.ctx, c.a, ua.ID)
		if err != nil || !sv.Plan.HasLink || (sv.Plan.Link != nil) != c.link {
			t.Errorf("%s sees the link: %v (err %v)", c.a.Role, sv.Plan.Link != nil, err)
		}
	}
	if _, err := w.svc.Survey(w.ctx, w.agency, ua.ID); !errors.Is(err, assessment.ErrNotFound) {
		t.Errorf("agency reads the survey: got %v, want ErrNotFound", err)
	}
	if rows := w.auditActions(ua.ID, "survey.plan"); len(rows) != 1 || strings.Contains(fmt.Sprint(rows), token) {
		t.Errorf("plan audit (must not hold the token): %v", rows)
	}

	// Self-completion: the challenge, then the minimum delay.
	ip := "203.0.113.7"
	form, err := w.svc.SurveyForm(w.ctx, token, ip)
	if err != nil || form.Unit != "DPMPTSP" || len(form.Questions) != 5 || len(form.Products) != 2 || form.MinSeconds != 15 {
		t.Fatalf("form: %v %+v", err, form)
	}
	resp := assessment.SelfResponse{Challenge: form.Challenge, Product: "KTP-el", Answers: answersOf("nnnyn")}
	if _, err := w.svc.SubmitSurveyForm(w.ctx, token, ip, resp); !slices.Equal(fieldCodes(err), []string{"challenge:too_early"}) {
		t.Errorf("answer at once: got %v, want too_early", err)
	}
	w.clock.t = w.clock.now().Add(20 * time.Second)
	if created, err := w.svc.SubmitSurveyForm(w.ctx, token, ip, resp); err != nil || !created {
		t.Fatalf("answer after 20 s: %v %v", err, created)
	}
	if created, err := w.svc.SubmitSurveyForm(w.ctx, token, ip, resp); err != nil || created {
		t.Errorf("the same answer again: %v, created %v; want stored once", err, created)
	}
	rs, _ := w.svc.Respondents(w.ctx, w.coord, ua.ID)
	if len(rs) != 1 || !rs[0].SelfCompleted || rs[0].AssessorID != 0 || rs[0].Product != "KTP-el" {
		t.Errorf("self-completed respondents: %+v", rs)
	}
	if rows := w.auditActions(ua.ID, "survey.respondent"); len(rows) != 1 || rows[0]["actor"] != "responden (tautan survei mandiri)" {
		t.Errorf("audit of the self-completed response: %v", rows)
	}
	sv, _ := w.svc.Survey(w.ctx, w.coord, ua.ID)
	if sv.Progress.SelfCompleted != 1 || sv.Progress.Products[0] != (assessment.ProductProgress{Product: "KTP-el", Respondents: 1, Target: 10}) {
		t.Errorf("progress: %+v", sv.Progress)
	}

	// The limit per client address: 20 submissions an hour (3 used).
	var limited error
	for i := 0; i < 30 && limited == nil; i++ {
		_, err := w.svc.SubmitSurveyForm(w.ctx, token, ip, resp)
		var rl *assessment.RateLimitError
		if errors.As(err, &rl) {
			limited = err
			if i != 17 || rl.RetryAfter <= 0 || rl.RetryAfter > time.Hour {
				t.Errorf("limited at the %dth further request, retry after %s; want the 18th", i+1, rl.RetryAfter)
			}
		}
	}
	if limited == nil {
		t.Error("never limited")
	}
	if _, err := w.svc.SubmitSurveyForm(w.ctx, token, "198.51.100.1", resp); err != nil {
		t.Errorf("another address: %v", err)
	}

	// Turning the link off ends it.
	if _, err := w.svc.SetSurveyPlan(w.ctx, w.coord, ua.ID, assessment.SurveyPlanInput{Version: 1, Target: intp(20)}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.svc.SurveyForm(w.ctx, token, "198.51.100.2"); !errors.Is(err, assessment.ErrNotFound) {
		t.Errorf("form of a removed link: got %v, want ErrNotFound", err)
	}
}
