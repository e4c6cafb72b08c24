package assessment

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ombudsman-ri/p4/scoring"
)

// The service-user survey (docs/SURVEY.md). The Output dimension's
// indicators whose source is user_survey are not judged by the assessor:
// service users answer one perception item per indicator, and P4 aggregates
// their answers into the unit's answers through the same path as any answer
// (versioned and audited). This file holds the period's settings, the unit's
// sampling plan, the respondents, the aggregation and the check that Accept
// runs; survey_link.go holds the public self-completion link and
// survey_quality.go the quality flags.

// SurveyAnswer is a respondent's answer to one perception item.
type SurveyAnswer string

// The answers to a perception item. For a maladministration item ("did you
// experience or see …?") yes reports maladministration; for a satisfaction
// item (2025 public trust) yes reports satisfaction: which answer counts as
// favourable is the rule's (SurveyRule.Favourable).
const (
	SurveyYes SurveyAnswer = "yes" // ya: mengalami atau melihat
	SurveyNo  SurveyAnswer = "no"  // tidak
	SurveyNA  SurveyAnswer = "na"  // tidak tahu / tidak relevan: left out of the share
)

// ParseSurveyAnswer reads yes, no or na.
func ParseSurveyAnswer(s string) (SurveyAnswer, error) {
	switch a := SurveyAnswer(strings.ToLower(strings.TrimSpace(s))); a {
	case SurveyYes, SurveyNo, SurveyNA:
		return a, nil
	}
	return "", fmt.Errorf("unknown answer %q, want yes, no or na", s)
}

// DefaultSurveyTarget is the target sample of a unit when neither the period
// nor the instrument sets one.
const DefaultSurveyTarget = 30

// Bounds of survey inputs.
const (
	MaxSurveyTarget     = 10000
	MaxSurveyComment    = 2000
	MaxContactName      = 200
	maxClientKeyLength  = 100
	minClientKeyLength  = 8
	collectedAtFuture   = 5 * time.Minute    // clock skew of a phone
	collectedAtMaxDelay = 7 * 24 * time.Hour // an offline phone syncs within a week
)

// SurveySettings are a period's survey settings: data, not code. A period
// without stored settings uses DefaultSurveySettings.
type SurveySettings struct {
	// Required makes every unit of the period subject to the accept check
	// (a sample below target needs an override). Without it, the check
	// applies to units that have respondents.
	Required bool `json:"required"`
	// DefaultTarget is the target sample per unit; 0: the instrument's
	// respondents, else DefaultSurveyTarget.
	DefaultTarget int `json:"default_target"`
	// Targets overrides DefaultTarget per entity kind.
	Targets map[scoring.Kind]int `json:"targets"`
	// Rule maps respondents' answers to an indicator value; Rules overrides
	// it per indicator code.
	Rule           SurveyRule             `json:"rule"`
	Rules          map[string]SurveyRule  `json:"rules"`
	Quality        SurveyQuality          `json:"quality"`
	SelfCompletion SelfCompletionSettings `json:"self_completion"`
}

// SurveyRule turns the answers to one item into a value 0…max.
type SurveyRule struct {
	// Favourable is the answer that reports no maladministration ("no" for
	// "did you experience …?"; "yes" for "were you satisfied …?").
	Favourable SurveyAnswer `json:"favourable"`
	// Label names the favourable respondents in the answer's note
	// ("tidak mengalami").
	Label string `json:"label"`
	// Thresholds, highest value first: the value is that of the first
	// threshold whose MinPercent the favourable share reaches (inclusive);
	// below every threshold the value is 0.
	Thresholds []SurveyThreshold `json:"thresholds"`
}

// SurveyThreshold is the least favourable share, in percent of the yes/no
// answers, that earns Value.
type SurveyThreshold struct {
	Value      int         `json:"value"`
	MinPercent json.Number `json:"min_percent"` // 0–100, at most 2 decimals, compared exactly
}

// SurveyQuality parameterises the quality flags (0 turns a check off).
type SurveyQuality struct {
	DuplicateMinutes    int `json:"duplicate_minutes"`     // same content, same assessor, within this many minutes
	MinSeconds          int `json:"min_seconds"`           // fewer seconds since the same assessor's previous entry
	BurstPerHour        int `json:"burst_per_hour"`        // entries of one assessor in one clock hour at least this many …
	BurstFactor         int `json:"burst_factor"`          // … and at least this many times the other assessors' mean in that hour
	StraightLiningItems int `json:"straight_lining_items"` // the check needs at least this many items
}

// SelfCompletionSettings limit the public self-completion link.
type SelfCompletionSettings struct {
	MinSeconds     int `json:"min_seconds"`       // a form's challenge is accepted this long after it was issued, not before
	MaxAgeMinutes  int `json:"max_age_minutes"`   // and not after this
	PerIPPerHour   int `json:"per_ip_per_hour"`   // submissions per client address per clock hour (forms: 5 times as many)
	PerLinkPerHour int `json:"per_link_per_hour"` // submissions per link per clock hour
}

// DefaultSurveySettings are the settings of a period that has none stored.
// The rule follows the levels of the 2022 instrument's Output indicators:
// 3 when no respondent reports the maladministration, 2 up to 25 %, 1 up to
// 50 %, 0 above.
func DefaultSurveySettings() SurveySettings {
	return SurveySettings{
		Targets: map[scoring.Kind]int{},
		Rule: SurveyRule{Favourable: SurveyNo, Label: "tidak mengalami", Thresholds: []SurveyThreshold{
			{Value: 3, MinPercent: "100"}, {Value: 2, MinPercent: "75"}, {Value: 1, MinPercent: "50"},
		}},
		Rules:          map[string]SurveyRule{},
		Quality:        SurveyQuality{DuplicateMinutes: 5, MinSeconds: 60, BurstPerHour: 10, BurstFactor: 3, StraightLiningItems: 3},
		SelfCompletion: SelfCompletionSettings{MinSeconds: 15, MaxAgeMinutes: 120, PerIPPerHour: 20, PerLinkPerHour: 300},
	}
}

// ruleFor is the rule of one indicator.
func (st SurveySettings) ruleFor(code string) SurveyRule {
	if r, ok := st.Rules[code]; ok {
		return r
	}
	return st.Rule
}

var percentPattern = regexp.MustCompile(`^[0-9]{1,3}(\.[0-9]{1,2})?$`)

func (t SurveyThreshold) min() (*big.Rat, bool) {
	s := string(t.MinPercent)
	if !percentPattern.MatchString(s) {
		return nil, false
	}
	r, ok := new(big.Rat).SetString(s)
	if !ok || r.Cmp(big.NewRat(100, 1)) > 0 {
		return nil, false
	}
	return r, true
}

// validate checks the settings against the period's instrument and reports
// every problem at once.
func (st SurveySettings) validate(m *scoring.Method) error {
	var ve ValidationError
	if st.DefaultTarget < 0 || st.DefaultTarget > MaxSurveyTarget {
		ve.Add("default_target", "out_of_range", "a target is 0 (the instrument's) or 1 to %d respondents", MaxSurveyTarget)
	}
	for k, n := range st.Targets {
		if _, err := scoring.ParseKind(string(k)); err != nil || string(k) != strings.ToLower(string(k)) {
			ve.Add("targets."+string(k), "unknown_kind", "%v", err)
		}
		if n < 1 || n > MaxSurveyTarget {
			ve.Add("targets."+string(k), "out_of_range", "a target is 1 to %d respondents", MaxSurveyTarget)
		}
	}
	items := surveyIndicators(m)
	maxOf := func(ind *scoring.Indicator) int {
		if ind.Max > 0 {
			return ind.Max
		}
		return m.Instrument.Scale.Max
	}
	checkRule := func(field string, r SurveyRule, top int) {
		if r.Favourable != SurveyYes && r.Favourable != SurveyNo {
			ve.Add(field+".favourable", "oneof", "the favourable answer is yes or no")
		}
		if strings.TrimSpace(r.Label) == "" || len([]rune(r.Label)) > 100 {
			ve.Add(field+".label", "required", "a label of at most 100 characters names the favourable respondents in the note")
		}
		if len(r.Thresholds) == 0 {
			ve.Add(field+".thresholds", "required", "give at least one threshold")
		}
		var prev *big.Rat
		prevValue := -1
		for i, t := range r.Thresholds {
			f := fmt.Sprintf("%s.thresholds[%d]", field, i)
			if t.Value < 1 || (top > 0 && t.Value > top) {
				ve.Add(f+".value", "out_of_range", "a threshold's value is 1 to %d (below every threshold the value is 0)", top)
			}
			if prevValue >= 0 && t.Value >= prevValue {
				ve.Add(f+".value", "not_descending", "thresholds go from the highest value down")
			}
			prevValue = t.Value
			r, ok := t.min()
			if !ok {
				ve.Add(f+".min_percent", "invalid", "a percentage from 0 to 100 with at most 2 decimals")
				continue
			}
			if prev != nil && r.Cmp(prev) >= 0 {
				ve.Add(f+".min_percent", "not_descending", "a lower value needs a lower percentage")
			}
			prev = r
		}
	}
	scaleMax := 0
	for _, ind := range items {
		if _, own := st.Rules[ind.Code]; !own {
			scaleMax = max(scaleMax, maxOf(ind))
		}
	}
	if scaleMax == 0 && m.Instrument != nil {
		scaleMax = m.Instrument.Scale.Max
	}
	checkRule("rule", st.Rule, scaleMax)
	for code, r := range st.Rules {
		i := slices.IndexFunc(items, func(ind *scoring.Indicator) bool { return ind.Code == code })
		if i < 0 {
			ve.Add("rules."+code, "unknown_indicator", "%s is not a user_survey indicator of this period's instrument", code)
			continue
		}
		checkRule("rules."+code, r, maxOf(items[i]))
	}
	q := st.Quality
	for _, c := range []struct {
		field     string
		v, lo, hi int
	}{
		{"quality.duplicate_minutes", q.DuplicateMinutes, 0, 1440}, {"quality.min_seconds", q.MinSeconds, 0, 3600},
		{"quality.burst_per_hour", q.BurstPerHour, 0, 1000}, {"quality.burst_factor", q.BurstFactor, 1, 100},
		{"quality.straight_lining_items", q.StraightLiningItems, 0, 100},
		{"self_completion.min_seconds", st.SelfCompletion.MinSeconds, 0, 3600},
		{"self_completion.max_age_minutes", st.SelfCompletion.MaxAgeMinutes, 1, 1440},
		{"self_completion.per_ip_per_hour", st.SelfCompletion.PerIPPerHour, 1, 10000},
		{"self_completion.per_link_per_hour", st.SelfCompletion.PerLinkPerHour, 1, 100000},
	} {
		if c.v < c.lo || c.v > c.hi {
			ve.Add(c.field, "out_of_range", "must be between %d and %d", c.lo, c.hi)
		}
	}
	if st.SelfCompletion.MinSeconds >= st.SelfCompletion.MaxAgeMinutes*60 {
		ve.Add("self_completion.min_seconds", "out_of_range", "the minimum delay must be shorter than a form's lifetime")
	}
	return ve.Err()
}

// surveyIndicators lists the instrument's user_survey indicators in order.
func surveyIndicators(m *scoring.Method) []*scoring.Indicator {
	var out []*scoring.Indicator
	for _, ind := range m.Indicators() {
		if ind.Source == scoring.SourceUserSurvey {
			out = append(out, ind)
		}
	}
	return out
}

// surveyItems lists the perception items of a unit of kind: the
// user_survey indicators that apply to it, in instrument order.
func surveyItems(m *scoring.Method, kind scoring.Kind) []*scoring.Indicator {
	var out []*scoring.Indicator
	for _, ind := range surveyIndicators(m) {
		if len(ind.Kinds) == 0 || slices.Contains(ind.Kinds, kind) {
			out = append(out, ind)
		}
	}
	return out
}

// SurveyQuestion is one perception item as a respondent is asked it.
type SurveyQuestion struct {
	Indicator  string `json:"indicator"`
	Name       string `json:"name"`
	NameEn     string `json:"name_en,omitempty"`
	Question   string `json:"question"`
	QuestionEn string `json:"question_en,omitempty"`
}

func questionsOf(items []*scoring.Indicator) []SurveyQuestion {
	out := make([]SurveyQuestion, len(items))
	for i, ind := range items {
		out[i] = SurveyQuestion{Indicator: ind.Code, Name: ind.Name, NameEn: ind.NameEn, Question: ind.Question, QuestionEn: ind.QuestionEn}
	}
	return out
}

// StoredSurveySettings is a period's settings row.
type StoredSurveySettings struct {
	PeriodID  int64
	Settings  []byte // JSON of SurveySettings
	Version   int    // 0: not stored yet
	UpdatedBy int64
	UpdatedAt time.Time
}

// surveySettings returns a period's settings and their version (0: defaults).
func (s *Service) surveySettings(ctx context.Context, st Store, periodID int64) (SurveySettings, int, error) {
	out := DefaultSurveySettings()
	row, err := st.SurveySettings(ctx, periodID)
	if errors.Is(err, ErrNotFound) {
		return out, 0, nil
	}
	if err != nil {
		return out, 0, err
	}
	if err := json.Unmarshal(row.Settings, &out); err != nil {
		return out, 0, fmt.Errorf("stored survey settings of period %d: %w", periodID, err)
	}
	if out.Targets == nil {
		out.Targets = map[scoring.Kind]int{}
	}
	if out.Rules == nil {
		out.Rules = map[string]SurveyRule{}
	}
	return out, row.Version, nil
}

// SurveySettingsView is a period's survey settings with the items they apply to.
type SurveySettingsView struct {
	PeriodID int64            `json:"period_id"`
	Settings SurveySettings   `json:"settings"`
	Version  int              `json:"version"` // 0: the defaults, never saved
	Items    []SurveyQuestion `json:"items"`   // the instrument's user_survey indicators
	// Respondents is the instrument's target per unit (0: not set).
	Respondents int `json:"instrument_respondents"`
}

// SurveySettings returns a period's survey settings; any signed-in user may
// read them (they are part of the method).
func (s *Service) SurveySettings(ctx context.Context, a Actor, periodID int64) (SurveySettingsView, error) {
	if a.Role == "" {
		return SurveySettingsView{}, ErrForbidden
	}
	p, err := s.store.Period(ctx, periodID)
	if err != nil {
		return SurveySettingsView{}, err
	}
	return s.settingsView(ctx, s.store, p)
}

func (s *Service) settingsView(ctx context.Context, st Store, p Period) (SurveySettingsView, error) {
	set, version, err := s.surveySettings(ctx, st, p.ID)
	if err != nil {
		return SurveySettingsView{}, err
	}
	m, err := s.method(ctx, st, p.MethodID)
	if err != nil {
		return SurveySettingsView{}, err
	}
	v := SurveySettingsView{PeriodID: p.ID, Settings: set, Version: version, Items: questionsOf(surveyIndicators(m))}
	if m.Instrument != nil {
		v.Respondents = m.Instrument.Respondents
	}
	return v, nil
}

// SetSurveySettings replaces a period's survey settings (admin), while the
// period is being planned or open. version is the version the edit starts
// from (0 for the defaults). Changing thresholds changes what units not yet
// accepted aggregate to; accepted units keep their answers.
func (s *Service) SetSurveySettings(ctx context.Context, a Actor, periodID int64, version int, in SurveySettings, reason string) (SurveySettingsView, error) {
	if err := requireAdmin(a); err != nil {
		return SurveySettingsView{}, err
	}
	if in.Targets == nil {
		in.Targets = map[scoring.Kind]int{}
	}
	if in.Rules == nil {
		in.Rules = map[string]SurveyRule{}
	}
	var out SurveySettingsView
	err := s.store.InTx(ctx, func(tx Store) error {
		p, err := tx.Period(ctx, periodID)
		if err != nil {
			return err
		}
		if p.Status != PeriodPlanning && p.Status != PeriodOpen {
			return &StateError{Action: "survey.settings", From: "period " + p.Status, Kind: ErrLocked}
		}
		m, err := s.method(ctx, tx, p.MethodID)
		if err != nil {
			return err
		}
		if err := in.validate(m); err != nil {
			return err
		}
		old, cur, err := s.surveySettings(ctx, tx, p.ID)
		if err != nil {
			return err
		}
		if cur != version {
			return &ConflictError{Reason: fmt.Sprintf("the survey settings are at version %d, not %d", cur, version)}
		}
		b, err := json.Marshal(in)
		if err != nil {
			return err
		}
		row := StoredSurveySettings{PeriodID: p.ID, Settings: b, Version: cur, UpdatedBy: a.UserID, UpdatedAt: s.now()}
		if err := tx.SaveSurveySettings(ctx, &row); err != nil {
			return err
		}
		if err := s.audit(ctx, tx, a, chainOf("period", p.ID), "survey.settings", "period", p.ID, p.ID, 0, old, in, strings.TrimSpace(reason)); err != nil {
			return err
		}
		out, err = s.settingsView(ctx, tx, p)
		return err
	})
	return out, err
}

// SurveyQuota is a minimum number of respondents for one service product.
type SurveyQuota struct {
	Product string `json:"product"`
	Target  int    `json:"target"`
}

// SurveyOverride is a coordinator's acceptance of a sample below its target.
type SurveyOverride struct {
	Reason      string    `json:"reason"`
	By          int64     `json:"by"`
	At          time.Time `json:"at"`
	Respondents int       `json:"respondents"` // the sample when the override was given
	Target      int       `json:"target"`
}

// SurveyPlan is a unit assessment's sampling plan. A unit without a stored
// plan has the zero plan (Version 0): inherited target, no quotas, no link.
type SurveyPlan struct {
	UnitAssessmentID int64
	Target           *int // the unit's own target; nil: inherited
	Quotas           []SurveyQuota
	LinkToken        string // the self-completion link; "" when none
	LinkKey          []byte // signs the link's challenges
	LinkCreatedAt    *time.Time
	Override         *SurveyOverride
	Version          int
	UpdatedBy        int64
	UpdatedAt        time.Time
}

func (s *Service) surveyPlan(ctx context.Context, st Store, uaID int64, forUpdate bool) (SurveyPlan, error) {
	p, err := st.SurveyPlan(ctx, uaID, forUpdate)
	if errors.Is(err, ErrNotFound) {
		return SurveyPlan{UnitAssessmentID: uaID}, nil
	}
	return p, err
}

// Where a unit's target comes from.
const (
	TargetFromUnit       = "unit"
	TargetFromKind       = "kind"
	TargetFromPeriod     = "period"
	TargetFromInstrument = "instrument"
	TargetFromDefault    = "default"
)

// surveyTarget resolves a unit's target sample: its plan's, else the
// period's for its kind, else the period's, else the instrument's, else 30.
func surveyTarget(st SurveySettings, m *scoring.Method, kind scoring.Kind, plan SurveyPlan) (int, string) {
	switch {
	case plan.Target != nil:
		return *plan.Target, TargetFromUnit
	case st.Targets[kind] > 0:
		return st.Targets[kind], TargetFromKind
	case st.DefaultTarget > 0:
		return st.DefaultTarget, TargetFromPeriod
	case m.Instrument != nil && m.Instrument.Respondents > 0:
		return m.Instrument.Respondents, TargetFromInstrument
	}
	return DefaultSurveyTarget, TargetFromDefault
}

// Contact is a respondent's optional contact details: personal data.
type Contact struct {
	Name  string `json:"name,omitempty"`
	Phone string `json:"phone,omitempty"`
}

// Respondent is one service user's answers.
type Respondent struct {
	ID               int64                   `json:"id"`
	UnitAssessmentID int64                   `json:"unit_assessment_id"`
	ClientKey        string                  `json:"client_key"`
	Product          string                  `json:"product"`
	Answers          map[string]SurveyAnswer `json:"answers"`
	Comment          string                  `json:"comment,omitempty"`
	SelfCompleted    bool                    `json:"self_completed"`
	AssessorID       int64                   `json:"assessor_id,omitempty"`
	CollectedAt      time.Time               `json:"collected_at"` // when the interview ended (the phone's clock), else RecordedAt
	RecordedAt       time.Time               `json:"recorded_at"`  // when the server stored it
	HasContact       bool                    `json:"has_contact"`
	// Contact is filled only for coordinators of the unit's province and
	// admins; nobody else ever receives it.
	Contact *Contact `json:"contact,omitempty"`
}

// RespondentTime is when an assessor collected a respondent, for the
// quality checks that look across units.
type RespondentTime struct {
	ID               int64
	UnitAssessmentID int64
	AssessorID       int64
	CollectedAt      time.Time
}

// surveyUnit loads a unit for a survey route: staff who may read the unit
// may see its survey; agency users never see respondents (ErrForbidden once
// they may read the unit, ErrNotFound before, as for the unit itself).
func (s *Service) surveyUnit(ctx context.Context, tx Store, a Actor, id int64, forUpdate bool) (UnitAssessment, Entity, Period, error) {
	ua, e, p, err := s.loadUnit(ctx, tx, id, forUpdate)
	if err != nil {
		return ua, e, p, err
	}
	ok, err := s.canReadUnit(ctx, tx, a, ua, e)
	if err != nil {
		return ua, e, p, err
	}
	if !ok {
		return ua, e, p, ErrNotFound
	}
	if a.Role == RoleAgency {
		return ua, e, p, ErrForbidden
	}
	return ua, e, p, nil
}

func unitOf(e Entity, ua UnitAssessment) Unit {
	for _, u := range e.Units {
		if u.ID == ua.UnitID {
			return u
		}
	}
	return Unit{ID: ua.UnitID}
}

// canSeeContacts: coordinators of the unit's province and admins.
func canSeeContacts(a Actor, e Entity) bool { return inProvince(a, e) }

// canSeeFlags: coordinators of the province, admins, leadership.
func canSeeFlags(a Actor, e Entity) bool { return inProvince(a, e) || a.Role == RoleLeadership }

// canSeeLink: whoever hands the link out: coordinators, admins, assigned assessors.
func canSeeLink(a Actor, e Entity, ua UnitAssessment) bool {
	return inProvince(a, e) || isAssigned(a, ua)
}

// SurveyItemResult is one perception item aggregated over a unit's respondents.
type SurveyItemResult struct {
	Indicator    string `json:"indicator"`
	Respondents  int    `json:"respondents"`  // every respondent of the unit
	Favourable   int    `json:"favourable"`   // answers reporting no maladministration (the rule's favourable answer)
	Unfavourable int    `json:"unfavourable"` // the other yes/no answers
	NA           int    `json:"na"`           // "na": left out of the share
	// Percent is the favourable share of the yes/no answers, truncated
	// (never rounded up) to 2 decimals: "90", "83.33". Nil without any.
	Percent *string `json:"percent"`
	// Value is what the thresholds give; nil when there is nothing to write.
	Value *int `json:"value"`
	// NAAnswer: every respondent answered na and the indicator allows N/A,
	// so the answer is written as not applicable.
	NAAnswer bool   `json:"na_answer"`
	Note     string `json:"note"`
}

// written reports whether aggregation writes this item into the answers.
func (r SurveyItemResult) written() bool { return r.Value != nil || r.NAAnswer }

// input is the answer the item writes.
func (r SurveyItemResult) input() AnswerInput {
	if r.NAAnswer {
		return AnswerInput{NA: true, NAReason: r.Note, Note: r.Note}
	}
	return AnswerInput{Value: r.Value, Note: r.Note}
}

// matches reports whether a stored answer is what the item writes.
func (r SurveyItemResult) matches(a Answer) bool { return sameAnswer(a, r.input()) }

// surveyCounts are the answers to one item.
type surveyCounts struct{ yes, no, na int }

func (c surveyCounts) total() int { return c.yes + c.no + c.na }

// aggregateItem applies a rule to the counts of one item. It is the whole
// aggregation rule; docs/SURVEY.md describes it and survey_test.go checks
// it against hand-computed cases.
func aggregateItem(ind *scoring.Indicator, rule SurveyRule, c surveyCounts) SurveyItemResult {
	out := SurveyItemResult{Indicator: ind.Code, Respondents: c.total(), NA: c.na}
	fav, unfav := c.no, c.yes
	if rule.Favourable == SurveyYes {
		fav, unfav = c.yes, c.no
	}
	out.Favourable, out.Unfavourable = fav, unfav
	answered := fav + unfav
	switch {
	case out.Respondents == 0:
		return out
	case answered == 0:
		out.Note = fmt.Sprintf("Dari %d responden: semua menjawab tidak tahu/tidak relevan", out.Respondents)
		out.NAAnswer = ind.NAAllowed
		return out
	}
	// Exact comparison: fav/answered ≥ min/100 ⇔ 100·fav ≥ min·answered.
	share := big.NewRat(int64(100*fav), int64(answered))
	v := 0
	for _, t := range rule.Thresholds {
		lo, ok := t.min()
		if ok && share.Cmp(lo) >= 0 {
			v = t.Value
			break
		}
	}
	out.Value = &v
	hundredths := 10000 * fav / answered // truncated
	pct := strconv.Itoa(hundredths / 100)
	if f := hundredths % 100; f != 0 {
		pct += strings.TrimRight(fmt.Sprintf(".%02d", f), "0")
	}
	out.Percent = &pct
	shown := strings.Replace(pct, ".", ",", 1)
	if c.na == 0 {
		out.Note = fmt.Sprintf("Dari %d responden: %d %s (%s%%)", out.Respondents, fav, rule.Label, shown)
	} else {
		out.Note = fmt.Sprintf("Dari %d responden: %d dari %d yang menjawab %s (%s%%); %d tidak tahu/tidak relevan",
			out.Respondents, fav, answered, rule.Label, shown, c.na)
	}
	return out
}

// aggregate aggregates respondents into the items of a unit of kind.
func aggregate(m *scoring.Method, kind scoring.Kind, st SurveySettings, rs []Respondent) []SurveyItemResult {
	items := surveyItems(m, kind)
	out := make([]SurveyItemResult, len(items))
	for i, ind := range items {
		var c surveyCounts
		for _, r := range rs {
			switch r.Answers[ind.Code] {
			case SurveyYes:
				c.yes++
			case SurveyNo:
				c.no++
			case SurveyNA:
				c.na++
			}
		}
		out[i] = aggregateItem(ind, st.ruleFor(ind.Code), c)
	}
	return out
}

// surveyState is everything the survey says about a unit at one moment.
type surveyState struct {
	settings     SurveySettings
	plan         SurveyPlan
	target       int
	targetSource string
	respondents  []Respondent
	items        []SurveyItemResult
	applies      bool // the accept check applies: required, or the unit has respondents
	current      bool // the stored answers are what the respondents aggregate to
	problems     ValidationError
}

func (s *Service) surveyState(ctx context.Context, tx Store, ua UnitAssessment, e Entity, p Period, m *scoring.Method) (surveyState, error) {
	var out surveyState
	var err error
	if out.settings, _, err = s.surveySettings(ctx, tx, p.ID); err != nil {
		return out, err
	}
	if out.plan, err = s.surveyPlan(ctx, tx, ua.ID, false); err != nil {
		return out, err
	}
	out.target, out.targetSource = surveyTarget(out.settings, m, e.Kind, out.plan)
	if out.respondents, err = tx.Respondents(ctx, ua.ID); err != nil {
		return out, err
	}
	out.items = aggregate(m, e.Kind, out.settings, out.respondents)
	out.applies = len(out.items) > 0 && (out.settings.Required || len(out.respondents) > 0)
	answers, err := tx.Answers(ctx, ua.ID)
	if err != nil {
		return out, err
	}
	byCode := map[string]Answer{}
	for _, a := range answers {
		byCode[a.Indicator] = a
	}
	out.current = true
	var stale []string
	for _, it := range out.items {
		if !it.written() {
			continue
		}
		if cur, ok := byCode[it.Indicator]; !ok || !it.matches(cur) {
			out.current = false
			stale = append(stale, it.Indicator)
		}
	}
	if !out.applies {
		return out, nil
	}
	if n := len(out.respondents); n < out.target && out.plan.Override == nil {
		out.problems.Add("survey.respondents", "below_target",
			"%d of %d respondents: the sample is below its target; a coordinator's override with a reason is needed to accept the unit", n, out.target)
	}
	for _, code := range stale {
		out.problems.Add("answers."+code, "survey_not_aggregated",
			"the answer is not what the unit's %d respondents aggregate to: the assessor aggregates the survey again", len(out.respondents))
	}
	return out, nil
}

// surveyCheck is the survey's say when a coordinator accepts a unit (called
// by review): once the period requires the survey or the unit has
// respondents, a sample below target needs a coordinator's override, and
// the survey indicators must hold what the respondents aggregate to. An
// accept that relies on an override is recorded in the audit log.
func (s *Service) surveyCheck(ctx context.Context, tx Store, a Actor, ua UnitAssessment, e Entity, p Period, m *scoring.Method) error {
	if len(surveyItems(m, e.Kind)) == 0 {
		return nil
	}
	// The common case first, in two queries: a period that does not
	// require the survey and a unit without respondents.
	set, _, err := s.surveySettings(ctx, tx, p.ID)
	if err != nil {
		return err
	}
	if !set.Required {
		rs, err := tx.Respondents(ctx, ua.ID)
		if err != nil || len(rs) == 0 {
			return err
		}
	}
	st, err := s.surveyState(ctx, tx, ua, e, p, m)
	if err != nil {
		return err
	}
	if err := st.problems.Err(); err != nil {
		return err
	}
	if st.applies && len(st.respondents) < st.target {
		o := st.plan.Override
		return s.audit(ctx, tx, a, chainOf("ua", ua.ID), "survey.override_applied", "unit_assessment", ua.ID, ua.PeriodID, ua.EntityID, nil,
			map[string]any{"respondents": len(st.respondents), "target": st.target, "override_by": o.By, "override_at": o.At}, o.Reason)
	}
	return nil
}

// SurveyLink is a unit's self-completion link.
type SurveyLink struct {
	Token     string    `json:"token"` // the web page is /survey/{token}; the API /api/v1/survey/{token}
	CreatedAt time.Time `json:"created_at"`
}

// SurveyPlanView is a unit's plan as a reader sees it.
type SurveyPlanView struct {
	Target   *int            `json:"target"` // the unit's own target; null: inherited
	Quotas   []SurveyQuota   `json:"quotas"`
	HasLink  bool            `json:"has_link"`
	Link     *SurveyLink     `json:"link,omitempty"` // only for coordinators, admins and assigned assessors
	Override *SurveyOverride `json:"override"`
	Version  int             `json:"version"` // 0: never saved
}

// ProductProgress is the sample of one service product.
type ProductProgress struct {
	Product     string `json:"product"`
	Respondents int    `json:"respondents"`
	Target      int    `json:"target"` // the quota; 0 without one
}

// SurveyProgress is a unit's sample against its plan.
type SurveyProgress struct {
	Respondents   int               `json:"respondents"`
	SelfCompleted int               `json:"self_completed"`
	Target        int               `json:"target"`
	Remaining     int               `json:"remaining"`
	BelowTarget   bool              `json:"below_target"`
	Products      []ProductProgress `json:"products"` // the unit's products, then any other product named
}

// SurveyView is a unit's survey: plan, progress, what aggregation gives now,
// and what Accept would say.
type SurveyView struct {
	UnitAssessmentID int64              `json:"unit_assessment_id"`
	State            string             `json:"state"`
	Required         bool               `json:"required"`      // the period requires the survey of every unit
	Applies          bool               `json:"applies"`       // the accept check applies to this unit
	TargetSource     string             `json:"target_source"` // unit, kind, period, instrument, default
	Plan             SurveyPlanView     `json:"plan"`
	Progress         SurveyProgress     `json:"progress"`
	Questions        []SurveyQuestion   `json:"questions"`
	Products         []string           `json:"products"`
	Items            []SurveyItemResult `json:"items"`
	// AggregateCurrent: the unit's answers hold what the respondents
	// aggregate to now (true when there is nothing to write).
	AggregateCurrent bool `json:"aggregate_current"`
	// CanRecord: the reader may record respondents now.
	CanRecord bool `json:"can_record"`
	// AcceptProblems lists what the survey would make Accept refuse now.
	AcceptProblems []FieldError `json:"accept_problems"`
	Flags          *int         `json:"flags,omitempty"` // quality flags, for those who may see them
}

// Survey returns a unit's survey for staff who may read the unit.
func (s *Service) Survey(ctx context.Context, a Actor, uaID int64) (SurveyView, error) {
	ua, e, p, err := s.surveyUnit(ctx, s.store, a, uaID, false)
	if err != nil {
		return SurveyView{}, err
	}
	return s.surveyView(ctx, s.store, a, ua, e, p)
}

func (s *Service) surveyView(ctx context.Context, tx Store, a Actor, ua UnitAssessment, e Entity, p Period) (SurveyView, error) {
	m, err := s.method(ctx, tx, p.MethodID)
	if err != nil {
		return SurveyView{}, err
	}
	st, err := s.surveyState(ctx, tx, ua, e, p, m)
	if err != nil {
		return SurveyView{}, err
	}
	unit := unitOf(e, ua)
	v := SurveyView{UnitAssessmentID: ua.ID, State: ua.State, Required: st.settings.Required, Applies: st.applies, TargetSource: st.targetSource,
		Plan:      SurveyPlanView{Target: st.plan.Target, Quotas: st.plan.Quotas, HasLink: st.plan.LinkToken != "", Override: st.plan.Override, Version: st.plan.Version},
		Questions: questionsOf(surveyItems(m, e.Kind)), Products: unit.Products, Items: st.items, AggregateCurrent: st.current,
		AcceptProblems: st.problems.Fields}
	if v.Plan.Quotas == nil {
		v.Plan.Quotas = []SurveyQuota{}
	}
	if v.Products == nil {
		v.Products = []string{}
	}
	if v.AcceptProblems == nil {
		v.AcceptProblems = []FieldError{}
	}
	if st.plan.LinkToken != "" && canSeeLink(a, e, ua) {
		v.Plan.Link = &SurveyLink{Token: st.plan.LinkToken, CreatedAt: *st.plan.LinkCreatedAt}
	}
	v.Progress = progressOf(st, unit)
	v.CanRecord = isAssigned(a, ua) && s.checkEditable(a, ua, p, "recording a respondent") == nil && len(v.Questions) > 0
	if canSeeFlags(a, e) {
		times, err := s.assessorTimes(ctx, tx, ua, st.respondents)
		if err != nil {
			return v, err
		}
		n := len(surveyFlags(st, len(v.Questions), times))
		v.Flags = &n
	}
	return v, nil
}

func progressOf(st surveyState, unit Unit) SurveyProgress {
	pr := SurveyProgress{Respondents: len(st.respondents), Target: st.target, Products: []ProductProgress{}}
	pr.Remaining = max(0, st.target-pr.Respondents)
	pr.BelowTarget = pr.Remaining > 0
	idx := map[string]int{}
	add := func(name string) int {
		if i, ok := idx[name]; ok {
			return i
		}
		idx[name] = len(pr.Products)
		pr.Products = append(pr.Products, ProductProgress{Product: name})
		return idx[name]
	}
	for _, name := range unit.Products {
		add(name)
	}
	for _, q := range st.plan.Quotas {
		pr.Products[add(q.Product)].Target = q.Target
	}
	for _, r := range st.respondents {
		if r.SelfCompleted {
			pr.SelfCompleted++
		}
		if r.Product != "" {
			pr.Products[add(r.Product)].Respondents++
		}
	}
	return pr
}

// SurveyPlanInput replaces a unit's plan.
type SurveyPlanInput struct {
	Version int           // the plan's version the edit starts from (0: none yet)
	Target  *int          // nil: inherit the period's target
	Quotas  []SurveyQuota // minimum respondents per service product
	Link    bool          // whether the unit has a self-completion link (turning it on makes a new token)
}

// SetSurveyPlan replaces a unit's sampling plan (coordinator of the
// province, admin) while the unit is not accepted and the period is being
// planned or open.
func (s *Service) SetSurveyPlan(ctx context.Context, a Actor, uaID int64, in SurveyPlanInput) (SurveyView, error) {
	var out SurveyView
	err := s.store.InTx(ctx, func(tx Store) error {
		ua, e, p, err := s.surveyUnit(ctx, tx, a, uaID, true)
		if err != nil {
			return err
		}
		if !inProvince(a, e) {
			return ErrForbidden
		}
		if p.Status != PeriodPlanning && p.Status != PeriodOpen {
			return &StateError{Action: "survey.plan", From: "period " + p.Status, Kind: ErrLocked}
		}
		if ua.State == UnitAccepted {
			return &StateError{Action: "survey.plan", From: ua.State, Kind: ErrLocked, Detail: "the unit is accepted"}
		}
		plan, err := s.surveyPlan(ctx, tx, ua.ID, true)
		if err != nil {
			return err
		}
		if plan.Version != in.Version {
			return &ConflictError{Reason: fmt.Sprintf("the plan is at version %d, not %d", plan.Version, in.Version)}
		}
		unit := unitOf(e, ua)
		var ve ValidationError
		if in.Target != nil && (*in.Target < 1 || *in.Target > MaxSurveyTarget) {
			ve.Add("target", "out_of_range", "a target is 1 to %d respondents", MaxSurveyTarget)
		}
		seen := map[string]bool{}
		quotas := make([]SurveyQuota, 0, len(in.Quotas))
		for i, q := range in.Quotas {
			f := fmt.Sprintf("quotas[%d]", i)
			q.Product = strings.TrimSpace(q.Product)
			switch {
			case !slices.Contains(unit.Products, q.Product):
				ve.Add(f+".product", "unknown_product", "%q is not a service product of the unit", q.Product)
			case seen[q.Product]:
				ve.Add(f+".product", "duplicate", "one quota per product")
			}
			seen[q.Product] = true
			if q.Target < 1 || q.Target > MaxSurveyTarget {
				ve.Add(f+".target", "out_of_range", "a quota is 1 to %d respondents", MaxSurveyTarget)
			}
			quotas = append(quotas, q)
		}
		if err := ve.Err(); err != nil {
			return err
		}
		old := planAudit(plan)
		plan.Target, plan.Quotas = in.Target, quotas
		switch {
		case in.Link && plan.LinkToken == "":
			tok, key, err := newLink()
			if err != nil {
				return err
			}
			plan.LinkToken, plan.LinkKey, plan.LinkCreatedAt = tok, key, ptr(s.now().UTC().Truncate(time.Microsecond))
		case !in.Link:
			plan.LinkToken, plan.LinkKey, plan.LinkCreatedAt = "", nil, nil
		}
		plan.UpdatedBy, plan.UpdatedAt = a.UserID, s.now()
		if err := tx.SaveSurveyPlan(ctx, &plan); err != nil {
			return err
		}
		if err := s.audit(ctx, tx, a, chainOf("ua", ua.ID), "survey.plan", "unit_assessment", ua.ID, ua.PeriodID, ua.EntityID, old, planAudit(plan), ""); err != nil {
			return err
		}
		out, err = s.surveyView(ctx, tx, a, ua, e, p)
		return err
	})
	return out, err
}

// planAudit is a plan as the audit log records it: never the link's token or key.
func planAudit(p SurveyPlan) map[string]any {
	return map[string]any{"target": p.Target, "quotas": p.Quotas, "link": p.LinkToken != "", "link_created_at": p.LinkCreatedAt, "version": p.Version}
}

// OverrideSurveyTarget records a coordinator's acceptance, with a reason, of
// a sample below its target: Accept then lets the unit through (and records
// that it did). Allowed while the unit is below target and not accepted.
// Giving it again replaces the reason.
func (s *Service) OverrideSurveyTarget(ctx context.Context, a Actor, uaID int64, reason string) (SurveyView, error) {
	if err := requireReason(reason); err != nil {
		return SurveyView{}, err
	}
	reason = strings.TrimSpace(reason)
	var out SurveyView
	err := s.store.InTx(ctx, func(tx Store) error {
		ua, e, p, err := s.surveyUnit(ctx, tx, a, uaID, true)
		if err != nil {
			return err
		}
		if !inProvince(a, e) {
			return ErrForbidden
		}
		if p.Status != PeriodOpen {
			return &StateError{Action: "survey.override", From: "period " + p.Status, Kind: ErrLocked}
		}
		if ua.State == UnitAccepted {
			return &StateError{Action: "survey.override", From: ua.State, Kind: ErrLocked, Detail: "the unit is accepted"}
		}
		m, err := s.method(ctx, tx, p.MethodID)
		if err != nil {
			return err
		}
		st, err := s.surveyState(ctx, tx, ua, e, p, m)
		if err != nil {
			return err
		}
		if len(st.items) == 0 {
			return &StateError{Action: "survey.override", Kind: ErrState, Detail: "the instrument has no user_survey indicators for this unit"}
		}
		n := len(st.respondents)
		if n >= st.target {
			return &StateError{Action: "survey.override", Kind: ErrState, Detail: fmt.Sprintf("the unit has %d respondents, its target is %d: nothing to override", n, st.target)}
		}
		plan, err := s.surveyPlan(ctx, tx, ua.ID, true)
		if err != nil {
			return err
		}
		old := plan.Override
		plan.Override = &SurveyOverride{Reason: reason, By: a.UserID, At: s.now().UTC().Truncate(time.Microsecond), Respondents: n, Target: st.target}
		plan.UpdatedBy, plan.UpdatedAt = a.UserID, s.now()
		if err := tx.SaveSurveyPlan(ctx, &plan); err != nil {
			return err
		}
		if err := s.audit(ctx, tx, a, chainOf("ua", ua.ID), "survey.override", "unit_assessment", ua.ID, ua.PeriodID, ua.EntityID,
			old, map[string]any{"respondents": n, "target": st.target}, reason); err != nil {
			return err
		}
		out, err = s.surveyView(ctx, tx, a, ua, e, p)
		return err
	})
	return out, err
}

// RespondentInput is what an assessor records for one respondent.
type RespondentInput struct {
	ClientKey   string            // generated by the phone (a UUID); a retry sends the same
	Product     string            // the service product used
	Answers     map[string]string // indicator code → yes, no or na
	Comment     string            // optional free text, no personal data
	CollectedAt *time.Time        // when the interview ended, by the phone's clock; nil: now
	Contact     *Contact          // optional; stored apart, visible to coordinators and admins only
}

var clientKeyPattern = regexp.MustCompile(`^[A-Za-z0-9._:-]+$`)

var phoneCharacters = regexp.MustCompile(`^\+?[0-9 ()-]+$`)

// parseRespondent checks an input against the unit's items and products and
// reports every problem at once.
func parseRespondent(items []*scoring.Indicator, unit Unit, in RespondentInput, now time.Time) (Respondent, *Contact, error) {
	var ve ValidationError
	r := Respondent{ClientKey: strings.TrimSpace(in.ClientKey), Product: strings.TrimSpace(in.Product), Comment: strings.TrimSpace(in.Comment),
		Answers: map[string]SurveyAnswer{}}
	if n := len(r.ClientKey); n < minClientKeyLength || n > maxClientKeyLength || !clientKeyPattern.MatchString(r.ClientKey) {
		ve.Add("client_key", "invalid", "a key of %d to %d letters, digits, '.', '_', ':' or '-' generated by the device (a UUID)", minClientKeyLength, maxClientKeyLength)
	}
	switch {
	case len(unit.Products) > 0 && r.Product == "":
		ve.Add("product", "required", "say which service product the respondent used")
	case len(unit.Products) > 0 && !slices.Contains(unit.Products, r.Product):
		ve.Add("product", "unknown_product", "%q is not a service product of the unit", r.Product)
	case len([]rune(r.Product)) > 200:
		ve.Add("product", "too_long", "a product name has at most 200 characters")
	}
	if len(items) == 0 {
		ve.Add("answers", "no_survey_items", "the period's instrument has no user_survey indicators for this unit")
	}
	for _, ind := range items {
		raw, ok := in.Answers[ind.Code]
		if !ok {
			ve.Add("answers."+ind.Code, "required", "answer yes, no or na")
			continue
		}
		ans, err := ParseSurveyAnswer(raw)
		if err != nil {
			ve.Add("answers."+ind.Code, "oneof", "%v", err)
			continue
		}
		r.Answers[ind.Code] = ans
	}
	for code := range in.Answers {
		if !slices.ContainsFunc(items, func(ind *scoring.Indicator) bool { return ind.Code == code }) {
			ve.Add("answers."+code, "unknown_indicator", "%s is not a perception item of this unit", code)
		}
	}
	if len([]rune(r.Comment)) > MaxSurveyComment {
		ve.Add("comment", "too_long", "a comment has at most %d characters", MaxSurveyComment)
	}
	r.CollectedAt = now
	if in.CollectedAt != nil {
		t := in.CollectedAt.UTC().Truncate(time.Microsecond)
		switch {
		case t.After(now.Add(collectedAtFuture)):
			ve.Add("collected_at", "in_future", "the interview cannot end in the future; check the device's clock")
		case t.Before(now.Add(-collectedAtMaxDelay)):
			ve.Add("collected_at", "too_old", "entries are sent within 7 days of the interview")
		default:
			r.CollectedAt = t
		}
	}
	var contact *Contact
	if in.Contact != nil {
		c := Contact{Name: strings.TrimSpace(in.Contact.Name), Phone: strings.TrimSpace(in.Contact.Phone)}
		if len([]rune(c.Name)) > MaxContactName {
			ve.Add("contact.name", "too_long", "a name has at most %d characters", MaxContactName)
		}
		if c.Phone != "" {
			digits := 0
			for _, ch := range c.Phone {
				if ch >= '0' && ch <= '9' {
					digits++
				}
			}
			if !phoneCharacters.MatchString(c.Phone) || digits < 6 || digits > 20 {
				ve.Add("contact.phone", "invalid", "a phone number of 6 to 20 digits, with optional +, spaces, dashes and brackets")
			}
		}
		if c.Name != "" || c.Phone != "" {
			contact = &c
			r.HasContact = true
		}
	}
	return r, contact, ve.Err()
}

// sameRespondent reports whether a retried input is the stored respondent.
func sameRespondent(stored, in Respondent, collectedGiven bool) bool {
	if stored.Product != in.Product || stored.Comment != in.Comment || stored.HasContact != in.HasContact || len(stored.Answers) != len(in.Answers) {
		return false
	}
	for k, v := range in.Answers {
		if stored.Answers[k] != v {
			return false
		}
	}
	return !collectedGiven || stored.CollectedAt.Equal(in.CollectedAt)
}

// RecordRespondent stores one respondent of a unit, entered by an assessor
// assigned to it while the unit is editable (the rules of answers). The
// time and the assessor are recorded; the client key makes it idempotent:
// sending the same respondent again returns the stored one (created false),
// even once the unit is no longer editable; the same key with other content
// is a conflict. Contact details, if any, go to their own table and are not
// returned to the assessor.
func (s *Service) RecordRespondent(ctx context.Context, a Actor, uaID int64, in RespondentInput) (Respondent, bool, error) {
	var out Respondent
	created := false
	err := s.store.InTx(ctx, func(tx Store) error {
		ua, e, p, err := s.surveyUnit(ctx, tx, a, uaID, false)
		if err != nil {
			return err
		}
		if !isAssigned(a, ua) {
			return ErrForbidden
		}
		m, err := s.method(ctx, tx, p.MethodID)
		if err != nil {
			return err
		}
		now := s.now().UTC().Truncate(time.Microsecond)
		r, contact, err := parseRespondent(surveyItems(m, e.Kind), unitOf(e, ua), in, now)
		if err != nil {
			return err
		}
		if prev, err := tx.RespondentByKey(ctx, ua.ID, r.ClientKey); err == nil {
			if !sameRespondent(prev, r, in.CollectedAt != nil) {
				return &ConflictError{Current: prev, Reason: "this client_key was already used for another respondent"}
			}
			out = prev
			return nil // a retry of what is stored
		} else if !errors.Is(err, ErrNotFound) {
			return err
		}
		if err := s.checkEditable(a, ua, p, "recording a respondent"); err != nil {
			return err
		}
		r.UnitAssessmentID, r.AssessorID, r.RecordedAt = ua.ID, a.UserID, now
		if err := s.insertRespondent(ctx, tx, a, ua, &r, contact); err != nil {
			return err
		}
		out, created = r, true
		return nil
	})
	return out, created, err
}

// insertRespondent stores a new respondent, its contact and an audit row
// (without the comment or the contact: the log is append-only, personal data
// must stay deletable).
func (s *Service) insertRespondent(ctx context.Context, tx Store, a Actor, ua UnitAssessment, r *Respondent, contact *Contact) error {
	if err := tx.InsertRespondent(ctx, r); err != nil {
		return err
	}
	if contact != nil {
		if err := tx.SetContact(ctx, r.ID, *contact); err != nil {
			return err
		}
	}
	return s.audit(ctx, tx, a, chainOf("ua", ua.ID), "survey.respondent", "survey_respondent", r.ID, ua.PeriodID, ua.EntityID, nil,
		map[string]any{"client_key": r.ClientKey, "product": r.Product, "answers": r.Answers, "self_completed": r.SelfCompleted,
			"has_comment": r.Comment != "", "has_contact": r.HasContact, "collected_at": r.CollectedAt}, "")
}

// Respondents lists a unit's respondents, oldest first, for staff who may
// read the unit (not agency users). Contact details are filled only for
// coordinators of the unit's province and admins.
func (s *Service) Respondents(ctx context.Context, a Actor, uaID int64) ([]Respondent, error) {
	ua, e, _, err := s.surveyUnit(ctx, s.store, a, uaID, false)
	if err != nil {
		return nil, err
	}
	rs, err := s.store.Respondents(ctx, ua.ID)
	if err != nil {
		return nil, err
	}
	if !canSeeContacts(a, e) {
		return rs, nil
	}
	cs, err := s.store.Contacts(ctx, ua.ID)
	if err != nil {
		return nil, err
	}
	for i := range rs {
		if c, ok := cs[rs[i].ID]; ok {
			rs[i].Contact = &c
		}
	}
	return rs, nil
}

// DeleteContact deletes a respondent's contact details (coordinator of the
// province, admin), at any time: the response stays, and the audit log
// records who deleted which fields — never their content. Deleting what is
// already gone changes nothing.
func (s *Service) DeleteContact(ctx context.Context, a Actor, uaID, respondentID int64) error {
	return s.store.InTx(ctx, func(tx Store) error {
		ua, e, _, err := s.surveyUnit(ctx, tx, a, uaID, false)
		if err != nil {
			return err
		}
		if !canSeeContacts(a, e) {
			return ErrForbidden
		}
		r, err := tx.Respondent(ctx, respondentID)
		if err != nil {
			return err
		}
		if r.UnitAssessmentID != ua.ID {
			return ErrNotFound
		}
		c, ok, err := tx.DeleteContact(ctx, respondentID)
		if err != nil || !ok {
			return err
		}
		return s.audit(ctx, tx, a, chainOf("ua", ua.ID), "survey.contact_delete", "survey_respondent", r.ID, ua.PeriodID, ua.EntityID,
			map[string]any{"name": c.Name != "", "phone": c.Phone != ""}, nil, "")
	})
}

// SurveyAggregate is what aggregation wrote into a unit's answers.
type SurveyAggregate struct {
	UnitAssessmentID int64              `json:"unit_assessment_id"`
	Respondents      int                `json:"respondents"`
	Target           int                `json:"target"`
	BelowTarget      bool               `json:"below_target"`
	Items            []SurveyItemResult `json:"items"`
	Answers          []Answer           `json:"answers"` // the survey indicators' answers after writing
}

// AggregateSurvey aggregates a unit's respondents into the answers of its
// survey indicators, through the answers' own path (validated, versioned,
// audited), by an assessor assigned to the unit while it is editable.
// Items without a yes/no answer are not written (or written as N/A when
// every respondent answered na and the indicator allows it). Writing what is
// already stored changes nothing.
func (s *Service) AggregateSurvey(ctx context.Context, a Actor, uaID int64) (SurveyAggregate, error) {
	var out SurveyAggregate
	err := s.store.InTx(ctx, func(tx Store) error {
		ua, e, p, err := s.surveyUnit(ctx, tx, a, uaID, false)
		if err != nil {
			return err
		}
		if !isAssigned(a, ua) {
			return ErrForbidden
		}
		if err := s.checkEditable(a, ua, p, "aggregating the survey"); err != nil {
			return err
		}
		m, err := s.method(ctx, tx, p.MethodID)
		if err != nil {
			return err
		}
		st, err := s.surveyState(ctx, tx, ua, e, p, m)
		if err != nil {
			return err
		}
		if len(st.respondents) == 0 {
			return &ValidationError{Fields: []FieldError{{Field: "respondents", Code: "no_respondents", Message: "record respondents before aggregating"}}}
		}
		out = SurveyAggregate{UnitAssessmentID: ua.ID, Respondents: len(st.respondents), Target: st.target,
			BelowTarget: len(st.respondents) < st.target, Items: st.items, Answers: []Answer{}}
		for _, it := range st.items {
			base := 0
			cur, err := tx.Answer(ctx, ua.ID, it.Indicator, true)
			switch {
			case err == nil:
				base = cur.Version
			case !errors.Is(err, ErrNotFound):
				return err
			}
			if !it.written() {
				if err == nil {
					out.Answers = append(out.Answers, cur)
				}
				continue
			}
			ans, err := s.saveAnswerTx(ctx, tx, a, ua, e, m, it.Indicator, it.input(), base)
			if err != nil {
				return err
			}
			out.Answers = append(out.Answers, ans)
		}
		return nil
	})
	return out, err
}

// SurveySummary is a unit's survey in aggregate: all that exports may show
// of respondents (never a respondent, a comment or a contact).
type SurveySummary struct {
	UnitAssessmentID int64              `json:"unit_assessment_id"`
	ProvinceCode     string             `json:"province_code"`
	Province         string             `json:"province"`
	EntityID         int64              `json:"entity_id"`
	EntityCode       string             `json:"entity_code"`
	Entity           string             `json:"entity"`
	Kind             string             `json:"kind"`
	UnitID           int64              `json:"unit_id"`
	UnitCode         string             `json:"unit_code"`
	Unit             string             `json:"unit"`
	Target           int                `json:"target"`
	Respondents      int                `json:"respondents"`
	SelfCompleted    int                `json:"self_completed"`
	BelowTarget      bool               `json:"below_target"`
	Overridden       bool               `json:"overridden"`
	Items            []SurveyItemResult `json:"items"`
}

// SurveyUnitRow is one unit assessment's survey counts, as the store reads
// them for exports.
type SurveyUnitRow struct {
	UnitAssessmentID int64
	ProvinceCode     string
	Province         string
	EntityID         int64
	EntityCode       string
	Entity           string
	Kind             string
	UnitID           int64
	UnitCode         string
	Unit             string
	PlanTarget       *int
	Overridden       bool
	Respondents      int
	SelfCompleted    int
	Counts           map[string]map[SurveyAnswer]int // indicator → answer → respondents
}

// SurveySummaries returns the survey of every unit of a period's assessed
// entities in a province (or, with province empty, the nation), in export
// order, under the leadership workbook's rule: admin and leadership any
// province, a coordinator their own, nobody else. It is what an export of
// survey results reads.
func (s *Service) SurveySummaries(ctx context.Context, a Actor, year int, province string) ([]SurveySummary, error) {
	p, reg, err := s.workbookScope(ctx, a, year, province)
	if err != nil {
		return nil, err
	}
	m, err := s.method(ctx, s.store, p.MethodID)
	if err != nil {
		return nil, err
	}
	st, _, err := s.surveySettings(ctx, s.store, p.ID)
	if err != nil {
		return nil, err
	}
	out := []SurveySummary{}
	err = s.store.EachSurveyUnit(ctx, ExportFilter{PeriodID: p.ID, ProvinceCode: reg.Code}, func(r SurveyUnitRow) error {
		kind := scoring.Kind(r.Kind)
		target, _ := surveyTarget(st, m, kind, SurveyPlan{Target: r.PlanTarget})
		sum := SurveySummary{UnitAssessmentID: r.UnitAssessmentID, ProvinceCode: r.ProvinceCode, Province: r.Province, EntityID: r.EntityID,
			EntityCode: r.EntityCode, Entity: r.Entity, Kind: r.Kind, UnitID: r.UnitID, UnitCode: r.UnitCode, Unit: r.Unit, Target: target,
			Respondents: r.Respondents, SelfCompleted: r.SelfCompleted, BelowTarget: r.Respondents < target, Overridden: r.Overridden,
			Items: []SurveyItemResult{}}
		for _, ind := range surveyItems(m, kind) {
			c := r.Counts[ind.Code]
			sum.Items = append(sum.Items, aggregateItem(ind, st.ruleFor(ind.Code), surveyCounts{yes: c[SurveyYes], no: c[SurveyNo], na: c[SurveyNA]}))
		}
		out = append(out, sum)
		return nil
	})
	return out, err
}
