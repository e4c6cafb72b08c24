package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ombudsman-ri/p4/assessment"
)

func surveyAnswers(v string) map[string]string {
	out := map[string]string{}
	for _, code := range []string{"OU.PM.01", "OU.PM.02", "OU.PM.03", "OU.PM.04", "OU.PM.05"} {
		out[code] = v
	}
	return out
}

func firstErrorCode(t *testing.T, r response) string {
	t.Helper()
	var p struct {
		Errors []struct{ Field, Code string }
	}
	_ = json.Unmarshal(r.body, &p)
	if len(p.Errors) == 0 {
		return ""
	}
	return p.Errors[0].Field + ":" + p.Errors[0].Code
}

// Contact details reach coordinators of the province and admins only: not
// leadership, agency users, assessors, the public link or the audit log;
// deleting them leaves the response.
func TestSurveyContactsOverHTTP(t *testing.T) {
	s := newServer(t)
	i := s.ids()
	const name, phone = "Rahmat Hidayat", "+62 812 1111 2222"
	assessor := s.signedIn("penilai1@p4.demo")
	base := "/api/v1/unit-assessments/" + itoa(i.draftUA) + "/survey"
	body := map[string]any{"client_key": "3f1c9a2b-7d4e-4b8a-9c1d-2e3f4a5b6c7d", "product": i.draftProduct, "answers": surveyAnswers("no"),
		"comment": "Petugas ramah", "contact": map[string]string{"name": name, "phone": phone}}
	res := assessor.do("POST", base+"/respondents", body, nil)
	if res.status != 201 || strings.Contains(string(res.body), "Rahmat") {
		t.Fatalf("record: %d %s", res.status, res.body)
	}
	rid := int64(res.json(t)["id"].(float64))
	if again := assessor.do("POST", base+"/respondents", body, nil); again.status != 200 || int64(again.json(t)["id"].(float64)) != rid {
		t.Errorf("retry: %d %s, want 200 with respondent %d", again.status, again.body, rid)
	}

	coord := s.signedIn("koordinator@p4.demo")
	res = coord.do("PUT", base+"/plan", map[string]any{"version": 0, "link": true}, nil)
	if res.status != 200 {
		t.Fatalf("link: %d %s", res.status, res.body)
	}
	token := res.json(t)["plan"].(map[string]any)["link"].(map[string]any)["token"].(string)

	cases := []struct {
		who, email, path string
		status           int
		sees             bool
	}{
		{"coordinator", "koordinator@p4.demo", base + "/respondents", 200, true},
		{"admin", "admin@p4.demo", base + "/respondents", 200, true},
		{"assessor", "penilai1@p4.demo", base + "/respondents", 200, false},
		{"leadership", "pimpinan@p4.demo", base + "/respondents", 200, false},
		{"leadership's survey view", "pimpinan@p4.demo", base, 200, false},
		{"leadership's audit log", "pimpinan@p4.demo", "/api/v1/audit?limit=200", 200, false},
		{"leadership's quality flags", "pimpinan@p4.demo", base + "/flags", 200, false},
		{"assessor's survey view", "penilai1@p4.demo", base, 200, false},
		{"agency's survey view", "kaur@p4.demo", base, 404, false},
		{"agency's survey view of its own published unit", "kaur@p4.demo", "/api/v1/unit-assessments/" + itoa(i.kaurUA2022) + "/survey", 403, false},
		{"agency", "kaur@p4.demo", base + "/respondents", 404, false},
		{"agency on its own published unit", "kaur@p4.demo", "/api/v1/unit-assessments/" + itoa(i.kaurUA2022) + "/survey/respondents", 403, false},
		{"other province's coordinator", "koordinator.sumsel@p4.demo", base + "/respondents", 404, false},
		{"public link", "", "/api/v1/survey/" + token, 200, false},
		{"public results", "", "/api/v1/public/entities/" + itoa(i.kaur), 200, false},
		{"anonymous", "", base + "/respondents", 401, false},
	}
	for _, c := range cases {
		res := s.signedIn(c.email).do("GET", c.path, nil, nil)
		if res.status != c.status {
			t.Errorf("%s: got %d, want %d: %s", c.who, res.status, c.status, trim(res.body))
		}
		b := string(res.body)
		if sees := strings.Contains(b, name) && strings.Contains(b, phone); sees != c.sees {
			t.Errorf("%s sees the contact: %v, want %v", c.who, sees, c.sees)
		}
		if !c.sees && (strings.Contains(b, "Rahmat") || strings.Contains(b, "1111 2222")) {
			t.Errorf("%s gets part of the contact: %s", c.who, trim(res.body))
		}
	}

	del := base + "/respondents/" + itoa(rid) + "/contact"
	for _, c := range []struct {
		email  string
		status int
	}{{"pimpinan@p4.demo", 403}, {"penilai1@p4.demo", 403}, {"kaur@p4.demo", 404}, {"koordinator.sumsel@p4.demo", 404}, {"koordinator@p4.demo", 204}, {"koordinator@p4.demo", 204}} {
		if res := s.signedIn(c.email).do("DELETE", del, nil, nil); res.status != c.status {
			t.Errorf("DELETE contact as %s: got %d, want %d: %s", c.email, res.status, c.status, res.body)
		}
	}
	res = coord.do("GET", base+"/respondents", nil, nil)
	var list struct {
		Items []assessment.Respondent `json:"items"`
	}
	_ = json.Unmarshal(res.body, &list)
	if len(list.Items) != 1 || list.Items[0].ID != rid || list.Items[0].HasContact || list.Items[0].Contact != nil || list.Items[0].Comment != "Petugas ramah" {
		t.Errorf("after delete: %s", res.body)
	}
	res = s.signedIn("pimpinan@p4.demo").do("GET", "/api/v1/audit?action=survey.contact_delete", nil, nil)
	if res.status != 200 || !strings.Contains(string(res.body), `"total":1`) || strings.Contains(string(res.body), "Rahmat") {
		t.Errorf("audit of the delete: %s", res.body)
	}
}

// The public link: a form's challenge is accepted only after the minimum
// delay, a resend is stored once, and floods are refused with 429 per
// client address and per link.
func TestSelfCompletionChallengeAndFlood(t *testing.T) {
	s := newServer(t)
	i := s.ids()
	coord := s.signedIn("koordinator@p4.demo")
	res := coord.do("PUT", "/api/v1/unit-assessments/"+itoa(i.draftUA)+"/survey/plan", map[string]any{"version": 0, "link": true}, nil)
	if res.status != 200 {
		t.Fatalf("link: %d %s", res.status, res.body)
	}
	link := "/api/v1/survey/" + res.json(t)["plan"].(map[string]any)["link"].(map[string]any)["token"].(string)
	admin := s.signedIn("admin@p4.demo")
	settings := assessment.DefaultSurveySettings()
	settings.SelfCompletion.PerIPPerHour = 3
	if res := admin.do("PUT", "/api/v1/periods/2023/survey", map[string]any{"version": 0, "settings": settings}, nil); res.status != 200 {
		t.Fatalf("settings: %d %s", res.status, res.body)
	}

	user := s.client() // a phone, no sign-in
	res = user.do("GET", link, nil, nil)
	if res.status != 200 {
		t.Fatalf("form: %d %s", res.status, res.body)
	}
	var form assessment.SurveyForm
	_ = json.Unmarshal(res.body, &form)
	if form.Challenge == "" || form.MinSeconds != 15 || len(form.Questions) != 5 || form.Unit == "" {
		t.Fatalf("form: %s", res.body)
	}
	answer := map[string]any{"challenge": form.Challenge, "product": i.draftProduct, "answers": surveyAnswers("no")}

	res = user.do("POST", link, answer, nil)
	if res.status != 422 || firstErrorCode(t, res) != "challenge:too_early" {
		t.Errorf("answer at once: %d %s, want 422 too_early", res.status, res.body)
	}
	forged := map[string]any{"challenge": strings.Replace(form.Challenge, ".", "1.", 1), "product": i.draftProduct, "answers": surveyAnswers("no")}
	s.clock.set(testNow.Add(20 * time.Second))
	if res = user.do("POST", link, forged, nil); res.status != 422 || firstErrorCode(t, res) != "challenge:invalid" {
		t.Errorf("forged challenge: %d %s, want 422 invalid", res.status, res.body)
	}
	if res = user.do("POST", link, answer, nil); res.status != 201 {
		t.Fatalf("answer after 20 s: %d %s", res.status, res.body)
	}
	// Three requests from this address this hour; the limit is 3.
	if res = user.do("POST", link, answer, nil); res.status != 429 || res.header.Get("Retry-After") == "" {
		t.Errorf("fourth request from one address: %d %s (Retry-After %q), want 429", res.status, res.body, res.header.Get("Retry-After"))
	}
	if !strings.Contains(string(res.body), `"code":"rate_limited"`) {
		t.Errorf("429 body: %s", res.body)
	}

	// A new hour; per link now: 2 an hour.
	s.clock.set(testNow.Add(time.Hour + 20*time.Second))
	settings.SelfCompletion.PerIPPerHour = 1000
	settings.SelfCompletion.PerLinkPerHour = 2
	if res := admin.do("PUT", "/api/v1/periods/2023/survey", map[string]any{"version": 1, "settings": settings}, nil); res.status != 200 {
		t.Fatalf("settings: %d %s", res.status, res.body)
	}
	res = user.do("GET", link, nil, nil)
	_ = json.Unmarshal(res.body, &form)
	answer["challenge"] = form.Challenge
	s.clock.set(testNow.Add(time.Hour + 40*time.Second))
	if res = user.do("POST", link, answer, nil); res.status != 201 {
		t.Fatalf("second user's answer: %d %s", res.status, res.body)
	}
	if res = user.do("POST", link, answer, nil); res.status != 200 {
		t.Errorf("the same answer again: %d %s, want 200", res.status, res.body)
	}
	if res = user.do("POST", link, answer, nil); res.status != 429 {
		t.Errorf("third request on the link this hour: %d %s, want 429", res.status, res.body)
	}
	var stored []struct {
		SelfCompleted bool
		AssessorID    *int64
	}
	s.db.Raw(`SELECT self_completed, assessor_id FROM survey_respondents`).Scan(&stored)
	if len(stored) != 2 || !stored[0].SelfCompleted || stored[0].AssessorID != nil || !stored[1].SelfCompleted || stored[1].AssessorID != nil {
		t.Errorf("stored: %+v, want two self-completed responses without assessor", stored)
	}
	// Coordinators see it marked.
	res = coord.do("GET", "/api/v1/unit-assessments/"+itoa(i.draftUA)+"/survey/respondents", nil, nil)
	if !strings.Contains(string(res.body), `"self_completed":true`) {
		t.Errorf("list: %s", res.body)
	}
}

// A unit below its target sample is refused on accept until a coordinator
// overrides with a reason; the override is audited.
func TestBelowTargetAcceptOverHTTP(t *testing.T) {
	s := newServer(t)
	i := s.ids()
	assessor := s.signedIn("penilai1@p4.demo")
	base := "/api/v1/unit-assessments/" + itoa(i.draftUA)
	for n := range 3 {
		body := map[string]any{"client_key": fmt.Sprintf("hp-penilai1-%04d", n), "product": i.draftProduct, "answers": surveyAnswers("no"),
			"collected_at": testNow.Add(time.Duration(n-5) * 10 * time.Minute).Format(time.RFC3339)}
		if res := assessor.do("POST", base+"/survey/respondents", body, nil); res.status != 201 {
			t.Fatalf("record: %d %s", res.status, res.body)
		}
	}
	res := assessor.do("POST", base+"/survey/aggregate", nil, nil)
	if res.status != 200 || !strings.Contains(string(res.body), "Dari 3 responden: 3 tidak mengalami (100%)") || !strings.Contains(string(res.body), `"below_target":true`) {
		t.Fatalf("aggregate: %d %s", res.status, res.body)
	}
	// The rest of the questionnaire, as the assessor.
	u, err := s.store.UserByEmail(context.Background(), "penilai1@p4.demo")
	if err != nil {
		t.Fatal(err)
	}
	view, err := s.svc.Unit(context.Background(), u.Actor(), i.draftUA)
	if err != nil {
		t.Fatal(err)
	}
	m, err := s.svc.MethodOf(context.Background(), view.Period)
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, a := range view.Answers {
		have[a.Indicator] = a.Value != nil || a.NA
	}
	for _, ind := range m.Indicators() {
		if !have[ind.Code] && (len(ind.Kinds) == 0 || strings.Contains(fmt.Sprint(ind.Kinds), string(view.Entity.Kind))) {
			v := 2
			if _, err := s.svc.SaveAnswer(context.Background(), u.Actor(), i.draftUA, ind.Code, assessment.AnswerInput{Value: &v}, 0); err != nil {
				t.Fatalf("answer %s: %v", ind.Code, err)
			}
		}
	}
	if res := assessor.do("POST", base+"/submit", nil, nil); res.status != 200 {
		t.Fatalf("submit: %d %s", res.status, res.body)
	}
	coord := s.signedIn("koordinator@p4.demo")
	res = coord.do("POST", base+"/accept", nil, nil)
	if res.status != 422 || firstErrorCode(t, res) != "survey.respondents:below_target" {
		t.Fatalf("accept 3 of 30: %d %s, want 422 below_target", res.status, res.body)
	}
	res = coord.do("GET", base+"/survey/flags", nil, nil)
	if !strings.Contains(string(res.body), `"kind":"below_target"`) {
		t.Errorf("flags: %s", res.body)
	}
	if res = coord.do("POST", base+"/survey/override", map[string]any{"reason": ""}, nil); res.status != 422 {
		t.Errorf("override without reason: %d %s", res.status, res.body)
	}
	reason := "Unit hanya melayani 3 pengguna selama kunjungan"
	if res = coord.do("POST", base+"/survey/override", map[string]any{"reason": reason}, nil); res.status != 200 {
		t.Fatalf("override: %d %s", res.status, res.body)
	}
	if res = coord.do("POST", base+"/accept", nil, nil); res.status != 200 {
		t.Fatalf("accept with override: %d %s", res.status, res.body)
	}
	res = s.signedIn("pimpinan@p4.demo").do("GET", "/api/v1/audit?action=survey.override_applied", nil, nil)
	if !strings.Contains(string(res.body), reason) || !strings.Contains(string(res.body), `"total":1`) {
		t.Errorf("audit: %s", res.body)
	}
}
