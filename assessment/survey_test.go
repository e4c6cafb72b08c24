package assessment

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/ombudsman-ri/p4/scoring"
)

func svInt(v int) *int       { return &v }
func svStr(s string) *string { return &s }

// The aggregation rule against hand-computed cases. Default rule: the
// favourable answer is "no" (did not experience it); 3 at 100 %, 2 from
// 75 %, 1 from 50 %, else 0; the share is of the yes/no answers.
func TestAggregateItem(t *testing.T) {
	ind := &scoring.Indicator{Code: "OU.PM.01"}
	naOK := &scoring.Indicator{Code: "OU.PM.09", NAAllowed: true}
	def := DefaultSurveySettings().Rule
	satisfaction := SurveyRule{Favourable: SurveyYes, Label: "menyatakan puas", Thresholds: []SurveyThreshold{
		{Value: 3, MinPercent: "90"}, {Value: 2, MinPercent: "70"}, {Value: 1, MinPercent: "50"}}}
	cases := []struct {
		name string
		ind  *scoring.Indicator
		rule SurveyRule
		c    surveyCounts
		want SurveyItemResult
	}{
		{"no respondents", ind, def, surveyCounts{},
			SurveyItemResult{Indicator: "OU.PM.01"}},
		{"all 30 favourable", ind, def, surveyCounts{no: 30},
			SurveyItemResult{Indicator: "OU.PM.01", Respondents: 30, Favourable: 30, Percent: svStr("100"), Value: svInt(3),
				Note: "Dari 30 responden: 30 tidak mengalami (100%)"}},
		{"27 of 30 (the brief's example)", ind, def, surveyCounts{no: 27, yes: 3},
			SurveyItemResult{Indicator: "OU.PM.01", Respondents: 30, Favourable: 27, Unfavourable: 3, Percent: svStr("90"), Value: svInt(2),
				Note: "Dari 30 responden: 27 tidak mengalami (90%)"}},
		{"exactly 75 % is 2", ind, def, surveyCounts{no: 12, yes: 4},
			SurveyItemResult{Indicator: "OU.PM.01", Respondents: 16, Favourable: 12, Unfavourable: 4, Percent: svStr("75"), Value: svInt(2),
				Note: "Dari 16 responden: 12 tidak mengalami (75%)"}},
		{"74.75 % is 1", ind, def, surveyCounts{no: 299, yes: 101},
			SurveyItemResult{Indicator: "OU.PM.01", Respondents: 400, Favourable: 299, Unfavourable: 101, Percent: svStr("74.75"), Value: svInt(1),
				Note: "Dari 400 responden: 299 tidak mengalami (74,75%)"}},
		{"one report in 200 is 2", ind, def, surveyCounts{no: 199, yes: 1},
			SurveyItemResult{Indicator: "OU.PM.01", Respondents: 200, Favourable: 199, Unfavourable: 1, Percent: svStr("99.5"), Value: svInt(2),
				Note: "Dari 200 responden: 199 tidak mengalami (99,5%)"}},
		{"exactly 50 % is 1", ind, def, surveyCounts{no: 15, yes: 15},
			SurveyItemResult{Indicator: "OU.PM.01", Respondents: 30, Favourable: 15, Unfavourable: 15, Percent: svStr("50"), Value: svInt(1),
				Note: "Dari 30 responden: 15 tidak mengalami (50%)"}},
		{"two thirds are truncated, not rounded", ind, def, surveyCounts{no: 20, yes: 10},
			SurveyItemResult{Indicator: "OU.PM.01", Respondents: 30, Favourable: 20, Unfavourable: 10, Percent: svStr("66.66"), Value: svInt(1),
				Note: "Dari 30 responden: 20 tidak mengalami (66,66%)"}},
		{"below half is 0", ind, def, surveyCounts{no: 14, yes: 16},
			SurveyItemResult{Indicator: "OU.PM.01", Respondents: 30, Favourable: 14, Unfavourable: 16, Percent: svStr("46.66"), Value: svInt(0),
				Note: "Dari 30 responden: 14 tidak mengalami (46,66%)"}},
		{"na answers are left out of the share", ind, def, surveyCounts{no: 25, yes: 3, na: 2},
			SurveyItemResult{Indicator: "OU.PM.01", Respondents: 30, Favourable: 25, Unfavourable: 3, NA: 2, Percent: svStr("89.28"), Value: svInt(2),
				Note: "Dari 30 responden: 25 dari 28 yang menjawab tidak mengalami (89,28%); 2 tidak tahu/tidak relevan"}},
		{"all na, N/A not allowed: nothing to write", ind, def, surveyCounts{na: 30},
			SurveyItemResult{Indicator: "OU.PM.01", Respondents: 30, NA: 30, Note: "Dari 30 responden: semua menjawab tidak tahu/tidak relevan"}},
		{"all na, N/A allowed: written as N/A", naOK, def, surveyCounts{na: 12},
			SurveyItemResult{Indicator: "OU.PM.09", Respondents: 12, NA: 12, NAAnswer: true, Note: "Dari 12 responden: semua menjawab tidak tahu/tidak relevan"}},
		{"satisfaction item: yes is favourable", ind, satisfaction, surveyCounts{yes: 18, no: 2},
			SurveyItemResult{Indicator: "OU.PM.01", Respondents: 20, Favourable: 18, Unfavourable: 2, Percent: svStr("90"), Value: svInt(3),
				Note: "Dari 20 responden: 18 menyatakan puas (90%)"}},
		{"satisfaction item: 69.99 % is 1", ind, satisfaction, surveyCounts{yes: 6999, no: 3001},
			SurveyItemResult{Indicator: "OU.PM.01", Respondents: 10000, Favourable: 6999, Unfavourable: 3001, Percent: svStr("69.99"), Value: svInt(1),
				Note: "Dari 10000 responden: 6999 menyatakan puas (69,99%)"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := aggregateItem(tc.ind, tc.rule, tc.c)
			if d := svDiff(tc.want, got); d != "" {
				t.Errorf("aggregateItem differ:\n%s", d)
			}
		})
	}
}

// A unit's items come from its kind; aggregation counts every respondent.
func TestAggregateUnit(t *testing.T) {
	m, err := scoring.Preset("2022")
	if err != nil {
		t.Fatal(err)
	}
	rs := []Respondent{
		{Answers: map[string]SurveyAnswer{"OU.PM.01": SurveyNo, "OU.PM.02": SurveyYes, "OU.PM.03": SurveyNo, "OU.PM.04": SurveyNA, "OU.PM.05": SurveyNo}},
		{Answers: map[string]SurveyAnswer{"OU.PM.01": SurveyNo, "OU.PM.02": SurveyNo, "OU.PM.03": SurveyNo, "OU.PM.04": SurveyNA, "OU.PM.05": SurveyNo}},
	}
	items := aggregate(m, scoring.KindPemkab, DefaultSurveySettings(), rs)
	var got []string
	for _, it := range items {
		v := "-"
		if it.Value != nil {
			v = string(rune('0' + *it.Value))
		}
		got = append(got, it.Indicator+"="+v)
	}
	want := []string{"OU.PM.01=3", "OU.PM.02=1", "OU.PM.03=3", "OU.PM.04=-", "OU.PM.05=3"}
	if d := svDiff(want, got); d != "" {
		t.Errorf("items differ:\n%s", d)
	}
}

func TestSurveySettingsValidate(t *testing.T) {
	m, err := scoring.Preset("2022")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name  string
		edit  func(*SurveySettings)
		codes []string // field:code, in order
	}{
		{"defaults", func(*SurveySettings) {}, nil},
		{"per kind and per indicator", func(s *SurveySettings) {
			s.Targets = map[scoring.Kind]int{scoring.KindPolres: 40}
			s.Rules = map[string]SurveyRule{"OU.PM.02": {Favourable: SurveyNo, Label: "tidak diminta imbalan", Thresholds: []SurveyThreshold{{Value: 3, MinPercent: "95.5"}}}}
		}, nil},
		{"unknown kind and bad target", func(s *SurveySettings) { s.Targets = map[scoring.Kind]int{"desa": 0} },
			[]string{"targets.desa:unknown_kind", "targets.desa:out_of_range"}},
		{"thresholds out of order and out of range", func(s *SurveySettings) {
			s.Rule.Thresholds = []SurveyThreshold{{Value: 4, MinPercent: "100"}, {Value: 2, MinPercent: "101"}, {Value: 2, MinPercent: "75.125"}}
		}, []string{"rule.thresholds[0].value:out_of_range", "rule.thresholds[1].min_percent:invalid", "rule.thresholds[2].value:not_descending", "rule.thresholds[2].min_percent:invalid"}},
		{"percent must fall with value", func(s *SurveySettings) {
			s.Rule.Thresholds = []SurveyThreshold{{Value: 3, MinPercent: "50"}, {Value: 2, MinPercent: "75"}}
		}, []string{"rule.thresholds[1].min_percent:not_descending"}},
		{"rule of an indicator that is not a survey item", func(s *SurveySettings) {
			s.Rules = map[string]SurveyRule{"IN.KP.01": s.Rule}
		}, []string{"rules.IN.KP.01:unknown_indicator"}},
		{"favourable and label", func(s *SurveySettings) { s.Rule.Favourable = SurveyNA; s.Rule.Label = " " },
			[]string{"rule.favourable:oneof", "rule.label:required"}},
		{"limits", func(s *SurveySettings) { s.SelfCompletion.PerIPPerHour = 0; s.Quality.BurstFactor = 0 },
			[]string{"quality.burst_factor:out_of_range", "self_completion.per_ip_per_hour:out_of_range"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := DefaultSurveySettings()
			tc.edit(&s)
			err := s.validate(m)
			var got []string
			var ve *ValidationError
			if errors.As(err, &ve) {
				for _, f := range ve.Fields {
					got = append(got, f.Field+":"+f.Code)
				}
			} else if err != nil {
				t.Fatal(err)
			}
			if d := svDiff(tc.codes, got); d != "" {
				t.Errorf("problems differ:\n%s", d)
			}
		})
	}
}

func TestSurveyTarget(t *testing.T) {
	m, err := scoring.Preset("2022") // instrument: 30 respondents
	if err != nil {
		t.Fatal(err)
	}
	bare := *m
	inst := *m.Instrument
	inst.Respondents = 0
	bare.Instrument = &inst
	st := DefaultSurveySettings()
	withKind := DefaultSurveySettings()
	withKind.DefaultTarget = 25
	withKind.Targets = map[scoring.Kind]int{scoring.KindPolres: 40}
	cases := []struct {
		name   string
		st     SurveySettings
		m      *scoring.Method
		kind   scoring.Kind
		plan   SurveyPlan
		n      int
		source string
	}{
		{"instrument", st, m, scoring.KindPemkab, SurveyPlan{}, 30, TargetFromInstrument},
		{"no instrument count: 30", st, &bare, scoring.KindPemkab, SurveyPlan{}, 30, TargetFromDefault},
		{"period", withKind, m, scoring.KindPemkab, SurveyPlan{}, 25, TargetFromPeriod},
		{"kind", withKind, m, scoring.KindPolres, SurveyPlan{}, 40, TargetFromKind},
		{"unit", withKind, m, scoring.KindPolres, SurveyPlan{Target: svInt(12)}, 12, TargetFromUnit},
	}
	for _, tc := range cases {
		n, src := surveyTarget(tc.st, tc.m, tc.kind, tc.plan)
		if n != tc.n || src != tc.source {
			t.Errorf("%s: got %d from %s, want %d from %s", tc.name, n, src, tc.n, tc.source)
		}
	}
}

// Each quality flag on hand-made entries (times in UTC; 03:00 UTC is 10:00 WIB).
func TestSurveyFlags(t *testing.T) {
	at := func(hm string) time.Time {
		tm, err := time.Parse("2006-01-02 15:04:05", "2023-08-01 "+hm)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	ans := func(s string) map[string]SurveyAnswer { // "ynnan" → five answers
		m := map[string]SurveyAnswer{}
		codes := []string{"A", "B", "C", "D", "E"}
		i := 0
		for _, tok := range strings.Split(s, ",") {
			m[codes[i]] = SurveyAnswer(tok)
			i++
		}
		return m
	}
	mixed := "no,yes,no,na,no"
	r := func(id, assessor int64, hm, answers string) Respondent {
		return Respondent{ID: id, UnitAssessmentID: 7, AssessorID: assessor, CollectedAt: at(hm), Product: "KTP", Answers: ans(answers)}
	}
	base := surveyState{settings: DefaultSurveySettings(), target: 2}
	cases := []struct {
		name  string
		rs    []Respondent
		times []RespondentTime // other units' entries of the same assessors
		edit  func(*surveyState)
		want  []string // kind:respondent:related
	}{
		{"clean", []Respondent{r(1, 10, "03:00:00", mixed), r(2, 10, "03:10:00", "yes,no,no,no,no")}, nil, nil, nil},
		{"duplicate within 5 minutes", []Respondent{r(1, 10, "03:00:00", mixed), r(2, 10, "03:04:00", mixed)}, nil, nil,
			[]string{"duplicate:2:1"}},
		{"same content, other assessor or later: no duplicate", []Respondent{r(1, 10, "03:00:00", mixed), r(2, 11, "03:02:00", mixed), r(3, 10, "03:06:00", mixed)}, nil, nil, nil},
		{"straight-lining", []Respondent{r(1, 10, "03:00:00", "no,no,no,no,no"), r(2, 0, "03:10:00", "yes,yes,yes,yes,yes")}, nil,
			func(s *surveyState) { s.respondents[1].SelfCompleted = true },
			[]string{"straight_lining:1:", "straight_lining:2:"}},
		{"too fast, also after an entry in another unit", []Respondent{r(1, 10, "03:00:00", mixed), r(2, 10, "03:00:40", "yes,no,no,no,no")},
			[]RespondentTime{{ID: 99, UnitAssessmentID: 8, AssessorID: 10, CollectedAt: at("02:59:30")}}, nil,
			[]string{"too_fast:1:99", "too_fast:2:1"}},
		{"below target once the survey applies", []Respondent{r(1, 10, "03:00:00", mixed)}, nil,
			func(s *surveyState) { s.applies = true },
			[]string{"below_target:0:"}},
		{"burst: 10 in an hour against another assessor's 2", nil, nil, func(s *surveyState) {
			for i := range 10 {
				s.respondents = append(s.respondents, r(int64(i+1), 10, "03:0"+string(rune('0'+i))+":00", "yes,no,no,no,no"))
				s.respondents[i].Product = "P" + string(rune('0'+i))
			}
			s.respondents = append(s.respondents, r(20, 11, "03:30:00", mixed), r(21, 11, "03:45:00", "no,yes,no,no,no"))
			s.settings.Quality.MinSeconds = 0
		}, []string{"burst:0:1,2,3,4,5,6,7,8,9,10"}},
		{"no burst when the others keep pace", nil, nil, func(s *surveyState) {
			for i := range 10 {
				s.respondents = append(s.respondents, r(int64(i+1), 10, "03:0"+string(rune('0'+i))+":00", "yes,no,no,no,no"),
					r(int64(i+100), 11, "03:1"+string(rune('0'+i))+":00", "yes,no,no,no,no"))
				s.respondents[2*i].Product = "P" + string(rune('0'+i))
				s.respondents[2*i+1].Product = "Q" + string(rune('0'+i))
			}
			s.settings.Quality.MinSeconds = 0
		}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			st := base
			st.settings = DefaultSurveySettings()
			st.respondents = append([]Respondent(nil), tc.rs...)
			if tc.edit != nil {
				tc.edit(&st)
			}
			// The store gives every entry of the unit's assessors, by assessor then time.
			times := append([]RespondentTime(nil), tc.times...)
			for _, x := range st.respondents {
				if !x.SelfCompleted {
					times = append(times, RespondentTime{ID: x.ID, UnitAssessmentID: x.UnitAssessmentID, AssessorID: x.AssessorID, CollectedAt: x.CollectedAt})
				}
			}
			svSortTimes(times)
			var got []string
			for _, f := range surveyFlags(st, 5, times) {
				rel := make([]string, len(f.Related))
				for i, id := range f.Related {
					rel[i] = svID(id)
				}
				got = append(got, f.Kind+":"+svID(f.RespondentID)+":"+strings.Join(rel, ","))
			}
			if d := svDiff(tc.want, got); d != "" {
				t.Errorf("flags differ:\n%s", d)
			}
		})
	}
}

func svID(v int64) string { return formatID(v) }

func svSortTimes(ts []RespondentTime) {
	for i := 1; i < len(ts); i++ {
		for j := i; j > 0; j-- {
			a, b := ts[j-1], ts[j]
			if a.AssessorID < b.AssessorID || (a.AssessorID == b.AssessorID && !b.CollectedAt.Before(a.CollectedAt)) {
				break
			}
			ts[j-1], ts[j] = b, a
		}
	}
}

func TestChallenge(t *testing.T) {
	tok, key, err := newLink()
	if err != nil {
		t.Fatal(err)
	}
	plan := SurveyPlan{LinkToken: tok, LinkKey: key}
	sc := DefaultSurveySettings().SelfCompletion
	issued := time.Date(2023, 8, 1, 3, 0, 0, 0, time.UTC)
	c, err := challenge(plan, issued)
	if err != nil {
		t.Fatal(err)
	}
	code := func(err error) string {
		var ve *ValidationError
		if errors.As(err, &ve) {
			return ve.Fields[0].Code
		}
		if err != nil {
			return err.Error()
		}
		return ""
	}
	other := plan
	_, other.LinkKey, _ = newLink()
	cases := []struct {
		name string
		plan SurveyPlan
		c    string
		at   time.Duration
		want string
	}{
		{"too early", plan, c, 5 * time.Second, "too_early"},
		{"after the minimum delay", plan, c, 15 * time.Second, ""},
		{"at the end of its life", plan, c, 120 * time.Minute, ""},
		{"expired", plan, c, 121 * time.Minute, "expired"},
		{"tampered time", plan, "1" + c, time.Minute, "invalid"},
		{"another link's key", other, c, time.Minute, "invalid"},
		{"garbage", plan, "abc", time.Minute, "invalid"},
	}
	for _, tc := range cases {
		_, err := checkChallenge(tc.plan, tc.c, sc, issued.Add(tc.at))
		if got := code(err); got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
	}
}

// diff is "" when want and got are deeply equal, else both as JSON.
func svDiff(want, got any) string {
	if reflect.DeepEqual(want, got) {
		return ""
	}
	w, _ := json.MarshalIndent(want, "", "  ")
	g, _ := json.MarshalIndent(got, "", "  ")
	return "want " + string(w) + "\ngot  " + string(g)
}
