package demo_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"image/png"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ombudsman-ri/p4/assessment/demo"
	"github.com/ombudsman-ri/p4/scoring"
)

// bengkulu builds the demo set once per test binary.
var bengkulu = func() func(t *testing.T) *demo.DataSet {
	var ds *demo.DataSet
	var err error
	return func(t *testing.T) *demo.DataSet {
		t.Helper()
		if ds == nil && err == nil {
			ds, err = demo.Bengkulu()
		}
		if err != nil {
			t.Fatalf("Bengkulu(): %v", err)
		}
		return ds
	}
}()

func preset(t *testing.T, name string) *scoring.Method {
	t.Helper()
	m, err := scoring.Preset(name)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func period(t *testing.T, ds *demo.DataSet, year int) demo.Period {
	t.Helper()
	for _, p := range ds.Periods {
		if p.Year == year {
			return p
		}
	}
	t.Fatalf("no %d period", year)
	return demo.Period{}
}

func entitiesByCode(ds *demo.DataSet) map[string]demo.Entity {
	out := make(map[string]demo.Entity, len(ds.Entities))
	for _, e := range ds.Entities {
		out[e.Code] = e
	}
	return out
}

// toScoring turns a period's locus and answers into scoring's input, the way
// the storage layer does.
func toScoring(t *testing.T, ds *demo.DataSet, p demo.Period) []scoring.Entity {
	t.Helper()
	ents := entitiesByCode(ds)
	var out []scoring.Entity
	for _, pe := range p.Entities {
		e, ok := ents[pe.EntityCode]
		if !ok {
			t.Fatalf("%d: unknown entity %s", p.Year, pe.EntityCode)
		}
		se := scoring.Entity{ID: e.Code, Name: e.Name, Kind: scoring.Kind(e.Kind), Province: e.ProvinceCode,
			NotAssessed: !pe.Assessed, NotAssessedReason: pe.NotAssessedReason}
		if pe.HistoricalScore != "" {
			s, err := scoring.ParseScore(pe.HistoricalScore)
			if err != nil {
				t.Fatalf("%d %s: historical score: %v", p.Year, e.Code, err)
			}
			se.Score = &s
		}
		for _, pu := range pe.Units {
			u := scoring.Unit{ID: pu.UnitCode, Answers: map[string]scoring.Answer{}}
			for _, a := range pu.Answers {
				if _, dup := u.Answers[a.Indicator]; dup {
					t.Errorf("%d %s/%s: indicator %s answered twice", p.Year, e.Code, pu.UnitCode, a.Indicator)
				}
				switch {
				case a.NA && a.Value != nil:
					t.Errorf("%d %s/%s %s: N/A with a value", p.Year, e.Code, pu.UnitCode, a.Indicator)
				case a.NA:
					u.Answers[a.Indicator] = scoring.NotApplicable()
				case a.Value == nil:
					t.Errorf("%d %s/%s %s: neither a value nor N/A", p.Year, e.Code, pu.UnitCode, a.Indicator)
				default:
					u.Answers[a.Indicator] = scoring.Level(*a.Value)
				}
			}
			se.Units = append(se.Units, u)
		}
		out = append(out, se)
	}
	return out
}

func groupOf(kind string) string {
	if scoring.Kind(kind).IsPemda() {
		return "pemda"
	}
	return kind
}

// The heart of the demo: the 2022 answers, scored by package scoring,
// reproduce the press release of 26 December 2022.
func TestBengkulu2022ReproducesTheSeedTable(t *testing.T) {
	ds := bengkulu(t)
	m := preset(t, "2022")
	p := period(t, ds, 2022)
	if p.MethodPreset != "2022" || p.Status != demo.StatusPublished {
		t.Fatalf("2022: got preset %s status %s, want 2022 published", p.MethodPreset, p.Status)
	}
	res, err := scoring.ScorePeriod(m, toScoring(t, ds, p), nil)
	if err != nil {
		t.Fatalf("ScorePeriod: %v", err)
	}
	if !res.Complete {
		t.Errorf("2022 results are incomplete")
	}
	got := map[string]map[string]int{}
	edges := []scoring.Score{8800, 7800, 5400, 3200}
	for _, r := range res.Entities {
		t.Logf("%-14s %-46s %s %s", r.ID, r.Name, r.Score, r.Category)
		g := groupOf(string(r.Kind))
		if got[g] == nil {
			got[g] = map[string]int{}
		}
		got[g][r.Category]++
		for _, edge := range edges {
			if d := r.Score - edge; d > -30 && d < 30 {
				t.Errorf("%s scores %s, within 0.30 of the band edge %s: the table is fragile", r.ID, r.Score, edge)
			}
		}
	}
	want := map[string]map[string]int{
		"pemda":  {"A": 1, "B": 8, "C": 2},
		"kantah": {"B": 8, "C": 2},
		"polres": {"B": 8, "C": 2},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("categories per group: got %v, want %v", got, want)
	}

	// Kaur leads the province's Pemda with about 94.
	var ranking *scoring.Ranking
	for i := range res.Rankings {
		if res.Rankings[i].Group == (scoring.PeerGroup{Kind: scoring.GroupPemda, Province: "17"}) {
			ranking = &res.Rankings[i]
		}
	}
	if ranking == nil {
		t.Fatal("no pemda/17 ranking")
	}
	first := ranking.Rows[0]
	if first.Name != "Kabupaten Kaur" || first.Rank != 1 {
		t.Errorf("first Pemda: got %s (rank %d), want Kabupaten Kaur", first.Name, first.Rank)
	}
	if first.Score < 9350 || first.Score > 9450 {
		t.Errorf("Kaur scores %s, want 93.50–94.50", first.Score)
	}
	if ranking.Rows[1].Score == first.Score {
		t.Errorf("Kaur shares first place with %s", ranking.Rows[1].Name)
	}
	for _, r := range res.Entities {
		if r.ID == "pemkab-1704" && r.Category != "A" {
			t.Errorf("Kaur: got category %s, want A", r.Category)
		}
	}
}

// Every 2022 questionnaire is complete and accepted, N/A only where the
// instrument allows it and always with a reason; answers below the maximum
// say what was missing.
func TestBengkulu2022Answers(t *testing.T) {
	ds := bengkulu(t)
	m := preset(t, "2022")
	p := period(t, ds, 2022)
	inds := map[string]*scoring.Indicator{}
	for _, ind := range m.Indicators() {
		inds[ind.Code] = ind
	}
	ents := entitiesByCode(ds)
	var na, notes, below, answers int
	for _, pe := range p.Entities {
		e := ents[pe.EntityCode]
		if !pe.Assessed || pe.State != demo.EntityPublished || pe.HistoricalScore != "" {
			t.Errorf("%s: assessed %v state %s historical %q, want assessed, published, computed", e.Code, pe.Assessed, pe.State, pe.HistoricalScore)
		}
		if len(pe.Units) != len(e.Units) {
			t.Errorf("%s: %d questionnaires for %d units", e.Code, len(pe.Units), len(e.Units))
		}
		for _, pu := range pe.Units {
			where := e.Code + "/" + pu.UnitCode
			if pu.State != demo.UnitAccepted || len(pu.Assessors) == 0 || pu.ReturnReason != "" {
				t.Errorf("%s: state %s, %d assessors, return reason %q; want accepted with assessors", where, pu.State, len(pu.Assessors), pu.ReturnReason)
			}
			seen := map[string]bool{}
			for _, a := range pu.Answers {
				answers++
				ind, ok := inds[a.Indicator]
				if !ok {
					t.Errorf("%s: unknown indicator %s", where, a.Indicator)
					continue
				}
				seen[a.Indicator] = true
				top := ind.Max
				if top == 0 {
					top = m.Instrument.Scale.Max
				}
				switch {
				case a.NA:
					na++
					if !ind.NAAllowed {
						t.Errorf("%s: %s is N/A but the indicator does not allow N/A", where, a.Indicator)
					}
					if strings.TrimSpace(a.NAReason) == "" {
						t.Errorf("%s: %s is N/A without a reason", where, a.Indicator)
					}
				case a.Value == nil || *a.Value < 0 || *a.Value > top:
					t.Errorf("%s: %s has no valid value", where, a.Indicator)
				default:
					if a.NAReason != "" {
						t.Errorf("%s: %s has an N/A reason but a value", where, a.Indicator)
					}
					if *a.Value < top {
						below++
						if a.Note == "" {
							t.Errorf("%s: %s scored %d without a note on what was missing", where, a.Indicator, *a.Value)
						}
					}
				}
				if a.Note != "" {
					notes++
				}
			}
			for code, ind := range inds {
				applies := len(ind.Kinds) == 0
				for _, k := range ind.Kinds {
					applies = applies || string(k) == e.Kind
				}
				if applies && !seen[code] {
					t.Errorf("%s: %s unanswered", where, code)
				}
			}
		}
	}
	if na == 0 || na > answers/20 {
		t.Errorf("%d N/A answers of %d, want a few", na, answers)
	}
	if below == 0 || notes <= below {
		t.Errorf("%d notes for %d answers below the maximum: want a note on each and on some fully met ones", notes, below)
	}
	t.Logf("%d answers, %d N/A, %d below the maximum, %d notes", answers, na, below, notes)
}

// Unit scores inside a Pemda differ the way offices do: the one-stop
// licensing office ahead, the health centres behind.
func TestBengkulu2022UnitSpread(t *testing.T) {
	ds := bengkulu(t)
	m := preset(t, "2022")
	p := period(t, ds, 2022)
	ahead := 0
	pemda := 0
	for _, se := range toScoring(t, ds, p) {
		if !se.Kind.IsPemda() {
			continue
		}
		r, err := scoring.ScoreEntity(m, se)
		if err != nil {
			t.Fatal(err)
		}
		lo, hi := r.Units[0].Score, r.Units[0].Score
		var dpmptsp, bestPuskesmas scoring.Score
		for _, u := range r.Units {
			lo, hi = min(lo, u.Score), max(hi, u.Score)
			switch {
			case u.ID == "dpmptsp":
				dpmptsp = u.Score
			case strings.HasPrefix(u.ID, "puskesmas-"):
				bestPuskesmas = max(bestPuskesmas, u.Score)
			}
		}
		if hi-lo < 300 {
			t.Errorf("%s: unit scores %s–%s, want a spread of at least 3 points", se.ID, lo, hi)
		}
		if se.Kind != scoring.KindPemprov {
			pemda++
			if dpmptsp > bestPuskesmas {
				ahead++
			}
		}
	}
	if ahead < pemda-1 {
		t.Errorf("DPMPTSP ahead of both Puskesmas in %d of %d Pemda, want nearly all", ahead, pemda)
	}
}

// 2021 holds imported compliance scores (three zones, no letters).
func TestBengkulu2021Imported(t *testing.T) {
	ds := bengkulu(t)
	m := preset(t, "2021")
	p := period(t, ds, 2021)
	if p.MethodPreset != "2021" || p.Status != demo.StatusPublished {
		t.Fatalf("2021: got preset %s status %s, want 2021 published", p.MethodPreset, p.Status)
	}
	ents := entitiesByCode(ds)
	s2022 := map[string]scoring.Score{}
	res22, err := scoring.ScorePeriod(preset(t, "2022"), toScoring(t, ds, period(t, ds, 2022)), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res22.Entities {
		s2022[r.ID] = r.Score
	}
	zones := map[scoring.Zone]int{}
	for _, pe := range p.Entities {
		e := ents[pe.EntityCode]
		if !scoring.Kind(e.Kind).IsPemda() {
			t.Errorf("2021 lists %s, want only the 11 Pemda", e.Code)
		}
		if len(pe.Units) != 0 || !pe.Assessed || pe.State != demo.EntityPublished {
			t.Errorf("2021 %s: %d units, assessed %v, state %s; want an imported published score", e.Code, len(pe.Units), pe.Assessed, pe.State)
		}
		s, err := scoring.ParseScore(pe.HistoricalScore)
		if err != nil || s.String() != pe.HistoricalScore {
			t.Errorf("2021 %s: historical score %q: %v, want two decimals", e.Code, pe.HistoricalScore, err)
			continue
		}
		band, err := scoring.Classify(m, s)
		if err != nil {
			t.Fatal(err)
		}
		if band.Category != "" {
			t.Errorf("2021 %s: band %+v has a letter", e.Code, band)
		}
		zones[band.Zone]++
		if s == s2022[e.Code] {
			t.Errorf("2021 %s: same score as 2022 (%s)", e.Code, s)
		}
		for _, edge := range []scoring.Score{8100, 5100} {
			if d := s - edge; d > -30 && d < 30 {
				t.Errorf("2021 %s: %s within 0.30 of the zone edge %s", e.Code, s, edge)
			}
		}
	}
	if len(p.Entities) != 11 {
		t.Errorf("2021: %d entities, want the 11 Pemda", len(p.Entities))
	}
	if zones[scoring.ZoneGreen] == 0 || zones[scoring.ZoneYellow] < zones[scoring.ZoneGreen] {
		t.Errorf("2021 zones %v: want some green and mostly yellow", zones)
	}
	if res, err := scoring.ScorePeriod(m, toScoring(t, ds, p), nil); err != nil || !res.Complete {
		t.Errorf("2021 does not score as imported results: %v", err)
	}
}

// 2023 is open, in field work, with something on every screen.
func TestBengkulu2023InProgress(t *testing.T) {
	ds := bengkulu(t)
	m := preset(t, "2022")
	p := period(t, ds, 2023)
	if p.MethodPreset != "2022" || p.Status != demo.StatusOpen {
		t.Fatalf("2023: got preset %s status %s, want 2022 open", p.MethodPreset, p.Status)
	}
	want := [][2]string{
		{p.FieldworkFrom, "2023-07-01"}, {p.FieldworkTo, "2023-10-31"}, {p.ReviewFrom, "2023-07-15"}, {p.ReviewTo, "2023-11-30"},
		{p.ObjectionFrom, "2023-12-01"}, {p.ObjectionTo, "2023-12-15"}, {p.PublishOn, "2023-12-20"},
	}
	for _, w := range want {
		if w[0] != w[1] {
			t.Errorf("2023 date: got %s, want %s", w[0], w[1])
		}
	}
	applicable := len(m.Indicators())
	ents := entitiesByCode(ds)
	states := map[string]int{}
	notAssessed := 0
	var draftPolres, returnedKantah bool
	for _, pe := range p.Entities {
		e := ents[pe.EntityCode]
		if !pe.Assessed {
			notAssessed++
			if strings.TrimSpace(pe.NotAssessedReason) == "" || len(pe.Units) != 0 {
				t.Errorf("2023 %s: not assessed with reason %q and %d units", e.Code, pe.NotAssessedReason, len(pe.Units))
			}
			continue
		}
		unitStates := map[string]int{}
		for _, pu := range pe.Units {
			where := e.Code + "/" + pu.UnitCode
			states[pu.State]++
			unitStates[pu.State]++
			if len(pu.Assessors) == 0 {
				t.Errorf("2023 %s: no assessor", where)
			}
			if (pu.State == demo.UnitReturned) != (strings.TrimSpace(pu.ReturnReason) != "") {
				t.Errorf("2023 %s: state %s with return reason %q", where, pu.State, pu.ReturnReason)
			}
			switch n := len(pu.Answers); {
			case pu.State == demo.UnitDraft && (n == 0 || n >= applicable):
				t.Errorf("2023 %s: draft with %d of %d answers, want partly answered", where, n, applicable)
			case pu.State != demo.UnitDraft && n != applicable:
				t.Errorf("2023 %s: %s with %d of %d answers, want all", where, pu.State, n, applicable)
			}
		}
		switch {
		case e.Code == "pemkab-1704":
			if unitStates[demo.UnitAccepted] != len(e.Units)-1 || unitStates[demo.UnitSubmitted] != 1 {
				t.Errorf("2023 Kaur: unit states %v, want all accepted but one submitted", unitStates)
			}
		case e.Code == "kantah-1704":
			if pe.State != demo.EntityFinal || unitStates[demo.UnitAccepted] != len(pe.Units) {
				t.Errorf("2023 Kantah Kaur: state %s, unit states %v; want final, all accepted", pe.State, unitStates)
			}
		case e.Kind == "polres" && unitStates[demo.UnitDraft] == len(pe.Units):
			draftPolres = true
		case e.Kind == "kantah" && unitStates[demo.UnitReturned] == len(pe.Units):
			returnedKantah = true
		}
		if pe.State == demo.EntityVerified && unitStates[demo.UnitAccepted] != len(pe.Units) {
			t.Errorf("2023 %s: verified with unit states %v", e.Code, unitStates)
		}
	}
	for _, s := range []string{demo.UnitDraft, demo.UnitSubmitted, demo.UnitReturned, demo.UnitAccepted} {
		if states[s] == 0 {
			t.Errorf("2023: no unit %s (states %v)", s, states)
		}
	}
	if notAssessed != 1 {
		t.Errorf("2023: %d entities not assessed, want 1", notAssessed)
	}
	if !draftPolres || !returnedKantah {
		t.Errorf("2023: a wholly draft Polres %v, a returned Kantah %v; want both", draftPolres, returnedKantah)
	}
	// Partly answered questionnaires still score (as incomplete previews).
	res, err := scoring.ScorePeriod(m, toScoring(t, ds, p), nil)
	if err != nil {
		t.Fatalf("2023 answers do not score: %v", err)
	}
	if res.Complete {
		t.Errorf("2023 scores complete, want drafts to leave it incomplete")
	}
	t.Logf("2023 unit states: %v", states)
}

func TestBengkuluLocusAndUsers(t *testing.T) {
	ds := bengkulu(t)
	regions := map[string]demo.Region{}
	for _, r := range ds.Regions {
		if _, dup := regions[r.Code]; dup {
			t.Errorf("region code %s twice", r.Code)
		}
		regions[r.Code] = r
	}
	wantRegions := map[string]string{
		"17": "Bengkulu", "1701": "Kabupaten Bengkulu Selatan", "1702": "Kabupaten Rejang Lebong",
		"1703": "Kabupaten Bengkulu Utara", "1704": "Kabupaten Kaur", "1705": "Kabupaten Seluma",
		"1706": "Kabupaten Mukomuko", "1707": "Kabupaten Lebong", "1708": "Kabupaten Kepahiang",
		"1709": "Kabupaten Bengkulu Tengah", "1771": "Kota Bengkulu",
	}
	if len(regions) != len(wantRegions) {
		t.Errorf("%d regions, want %d", len(regions), len(wantRegions))
	}
	for code, name := range wantRegions {
		r, ok := regions[code]
		wantLevel, wantParent := demo.LevelRegency, "17"
		switch code {
		case "17":
			wantLevel, wantParent = demo.LevelProvince, ""
		case "1771":
			wantLevel = demo.LevelCity
		}
		if !ok || r.Name != name || r.Level != wantLevel || r.ParentCode != wantParent {
			t.Errorf("region %s: got %+v, want %s, %s, parent %q", code, r, name, wantLevel, wantParent)
		}
	}

	kinds := map[string]int{}
	codes := map[string]bool{}
	for _, e := range ds.Entities {
		kinds[e.Kind]++
		if codes[e.Code] {
			t.Errorf("entity code %s twice", e.Code)
		}
		codes[e.Code] = true
		if _, err := scoring.ParseKind(e.Kind); err != nil {
			t.Errorf("%s: %v", e.Code, err)
		}
		if _, ok := regions[e.RegionCode]; !ok || e.ProvinceCode != "17" {
			t.Errorf("%s: province %q region %q", e.Code, e.ProvinceCode, e.RegionCode)
		}
		wantUnits := 1
		if scoring.Kind(e.Kind).IsPemda() {
			wantUnits = 7
		}
		if len(e.Units) != wantUnits {
			t.Errorf("%s: %d units, want %d", e.Code, len(e.Units), wantUnits)
		}
		unitCodes := map[string]bool{}
		for _, u := range e.Units {
			if unitCodes[u.Code] || u.Code == "" || u.Name == "" || u.Kind == "" || len(u.Products) < 3 {
				t.Errorf("%s: unit %+v: want a unique code, a name, a kind and its service products", e.Code, u)
			}
			unitCodes[u.Code] = true
		}
	}
	if want := map[string]int{"pemprov": 1, "pemkab": 9, "pemkot": 1, "kantah": 10, "polres": 10}; !reflect.DeepEqual(kinds, want) {
		t.Errorf("entities per kind: got %v, want %v", kinds, want)
	}

	users := map[string]demo.User{}
	roles := map[string]int{}
	for _, u := range ds.Users {
		if _, dup := users[u.Email]; dup {
			t.Errorf("user %s twice", u.Email)
		}
		users[u.Email] = u
		roles[u.Role]++
		if u.Password != demo.DemoPassword || u.Name == "" {
			t.Errorf("user %s: name %q, password %q", u.Email, u.Name, u.Password)
		}
		if u.EntityCode != "" && !codes[u.EntityCode] {
			t.Errorf("user %s: unknown entity %s", u.Email, u.EntityCode)
		}
		if (u.Role == "agency") != (u.EntityCode != "") {
			t.Errorf("user %s (%s): entity %q", u.Email, u.Role, u.EntityCode)
		}
		if u.Role == "coordinator" && u.ProvinceCode != "17" {
			t.Errorf("coordinator %s: province %q, want 17", u.Email, u.ProvinceCode)
		}
	}
	if len(demo.DemoPassword) < 10 { // assessment.MinPasswordLength
		t.Errorf("DemoPassword is %d characters, want at least 10", len(demo.DemoPassword))
	}
	if users["admin@p4.demo"].Role != "admin" || roles["coordinator"] < 1 || roles["assessor"] < 3 || roles["leadership"] < 1 {
		t.Errorf("roles %v: want admin@p4.demo, a coordinator, 3+ assessors and a leadership viewer", roles)
	}
	agencyOf := map[string]bool{}
	for _, u := range ds.Users {
		if u.Role == "agency" {
			agencyOf[u.EntityCode] = true
			agencyOf[entitiesByCode(ds)[u.EntityCode].Kind] = true
		}
	}
	if !agencyOf["pemkab-1704"] || !agencyOf["polres"] || !agencyOf["kantah"] {
		t.Errorf("agency users for %v: want Kabupaten Kaur, a Polres and a Kantah", agencyOf)
	}

	// Every period names known entities, units and assessors.
	ents := entitiesByCode(ds)
	for _, p := range ds.Periods {
		seen := map[string]bool{}
		for _, pe := range p.Entities {
			e, ok := ents[pe.EntityCode]
			if !ok || seen[pe.EntityCode] {
				t.Errorf("%d: entity %s unknown or listed twice", p.Year, pe.EntityCode)
				continue
			}
			seen[pe.EntityCode] = true
			units := map[string]bool{}
			for _, u := range e.Units {
				units[u.Code] = true
			}
			for _, pu := range pe.Units {
				if !units[pu.UnitCode] {
					t.Errorf("%d %s: unknown unit %s", p.Year, e.Code, pu.UnitCode)
				}
				delete(units, pu.UnitCode)
				for _, a := range pu.Assessors {
					if users[a].Role != "assessor" {
						t.Errorf("%d %s/%s: assessor %s is not an assessor user", p.Year, e.Code, pu.UnitCode, a)
					}
				}
			}
		}
		for _, d := range []string{p.FieldworkFrom, p.FieldworkTo, p.ReviewFrom, p.ReviewTo, p.ObjectionFrom, p.ObjectionTo, p.PublishOn} {
			if day, err := time.Parse(time.DateOnly, d); err != nil || day.Year() != p.Year {
				t.Errorf("%d: date %q is not an ISO day of that year", p.Year, d)
			}
		}
		if !(p.FieldworkFrom <= p.ReviewFrom && p.FieldworkTo <= p.ReviewTo && p.ReviewTo < p.ObjectionFrom &&
			p.ObjectionFrom <= p.ObjectionTo && p.ObjectionTo < p.PublishOn) {
			t.Errorf("%d: windows out of order: %+v", p.Year, p)
		}
	}
}

// Evidence files are real files of the kind their name says, attached to
// answered indicators.
func TestBengkuluEvidence(t *testing.T) {
	ds := bengkulu(t)
	var pngs, pdfs int
	for _, p := range ds.Periods {
		for _, pe := range p.Entities {
			for _, pu := range pe.Units {
				answered := map[string]bool{}
				for _, a := range pu.Answers {
					answered[a.Indicator] = a.Value != nil
				}
				for _, ev := range pu.Evidence {
					where := pe.EntityCode + "/" + pu.UnitCode + "/" + ev.Name
					if !answered[ev.Indicator] {
						t.Errorf("%d %s: evidence for %s, which has no answer", p.Year, where, ev.Indicator)
					}
					switch {
					case strings.HasSuffix(ev.Name, ".png"):
						pngs++
						img, err := png.Decode(bytes.NewReader(ev.Data))
						if err != nil {
							t.Errorf("%s: %v", where, err)
						} else if b := img.Bounds(); b.Dx() < 8 || b.Dy() < 8 {
							t.Errorf("%s: %v image", where, b)
						}
					case strings.HasSuffix(ev.Name, ".pdf"):
						pdfs++
						checkPDF(t, where, ev.Data)
					default:
						t.Errorf("%s: want a .png or .pdf file", where)
					}
					if len(ev.Data) > 4096 {
						t.Errorf("%s: %d bytes, want a tiny file", where, len(ev.Data))
					}
				}
			}
		}
	}
	if pngs < 2 || pdfs < 2 {
		t.Errorf("%d PNG and %d PDF evidence files, want a few of each", pngs, pdfs)
	}
}

// checkPDF checks the header, the trailer and that startxref points at the
// cross-reference table whose offsets point at the objects.
func checkPDF(t *testing.T, where string, data []byte) {
	t.Helper()
	s := string(data)
	if !strings.HasPrefix(s, "%PDF-1.") || !strings.HasSuffix(strings.TrimRight(s, "\r\n"), "%%EOF") {
		t.Errorf("%s: not a PDF (header or %%%%EOF missing)", where)
		return
	}
	i := strings.LastIndex(s, "startxref")
	off, err := strconv.Atoi(strings.Fields(s[i+len("startxref"):])[0])
	if err != nil || off >= len(s) || !strings.HasPrefix(s[off:], "xref") {
		t.Errorf("%s: startxref does not point at the xref table", where)
		return
	}
	lines := strings.Split(s[off:], "\n")
	for n, l := range lines[3:] { // after "xref", "0 N", the free entry
		if !strings.HasSuffix(l, " n ") {
			break
		}
		objOff, err := strconv.Atoi(l[:10]) // ten digits, leading zeros
		if err != nil || objOff >= len(s) || !strings.HasPrefix(s[objOff:], strconv.Itoa(n+1)+" 0 obj") {
			t.Errorf("%s: xref entry %d does not point at object %d", where, n+1, n+1)
		}
	}
}

func TestBengkuluIsDeterministic(t *testing.T) {
	a, err := demo.Bengkulu()
	if err != nil {
		t.Fatal(err)
	}
	b, err := demo.Bengkulu()
	if err != nil {
		t.Fatal(err)
	}
	if hashOf(t, a) != hashOf(t, b) {
		t.Error("two calls of Bengkulu() differ")
	}
}

func hashOf(t *testing.T, ds *demo.DataSet) string {
	t.Helper()
	h := sha256.New()
	if err := json.NewEncoder(h).Encode(ds); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// national builds the national set for seed 1 once per test binary.
var national = func() func(t *testing.T) *demo.DataSet {
	var ds *demo.DataSet
	var err error
	return func(t *testing.T) *demo.DataSet {
		t.Helper()
		if ds == nil && err == nil {
			start := time.Now()
			ds, err = demo.National(1)
			t.Logf("National(1) took %v", time.Since(start))
		}
		if err != nil {
			t.Fatalf("National(1): %v", err)
		}
		return ds
	}
}()

// The national set has the documented counts.
func TestNationalCounts(t *testing.T) {
	ds := national(t)
	regions := map[string]int{}
	regionCodes := map[string]bool{}
	for _, r := range ds.Regions {
		regions[r.Level]++
		if regionCodes[r.Code] {
			t.Errorf("region %s twice", r.Code)
		}
		regionCodes[r.Code] = true
	}
	if regions[demo.LevelProvince] != 34 || regions[demo.LevelRegency] != 415 || regions[demo.LevelCity] != 98 {
		t.Errorf("regions per level: got %v, want 34 provinces, 415 regencies, 98 cities", regions)
	}
	kinds := map[string]int{}
	codes := map[string]bool{}
	units := 0
	for _, e := range ds.Entities {
		kinds[e.Kind]++
		units += len(e.Units)
		if codes[e.Code] {
			t.Errorf("entity %s twice", e.Code)
		}
		codes[e.Code] = true
		if e.RegionCode != "" && !regionCodes[e.RegionCode] {
			t.Errorf("%s: unknown region %s", e.Code, e.RegionCode)
		}
	}
	wantKinds := map[string]int{"pemprov": 34, "pemkot": 98, "pemkab": 415, "kantah": 34, "polres": 34, "kementerian": 25, "lembaga": 14}
	if !reflect.DeepEqual(kinds, wantKinds) {
		t.Errorf("entities per kind: got %v, want %v", kinds, wantKinds)
	}
	if n := len(ds.Entities); n != demo.NationalEntities || n < 600 || n > 700 {
		t.Errorf("%d entities, want %d (about 600)", n, demo.NationalEntities)
	}
	if units != demo.NationalUnits || units < 3800 || units > 4200 {
		t.Errorf("%d units, want %d (about 4,000)", units, demo.NationalUnits)
	}

	if len(ds.Periods) != 1 {
		t.Fatalf("%d periods, want 1", len(ds.Periods))
	}
	p := ds.Periods[0]
	if p.Year != 2024 || p.MethodPreset != "2022" || p.Status != demo.StatusClosed {
		t.Errorf("period %d %s %s, want 2024 2022 closed", p.Year, p.MethodPreset, p.Status)
	}
	m := preset(t, "2022")
	applicable := len(m.Indicators())
	answers := 0
	perAssessor := map[string]int{}
	for _, pe := range p.Entities {
		if !pe.Assessed || pe.State != demo.EntityFinal {
			t.Errorf("%s: assessed %v state %s, want final", pe.EntityCode, pe.Assessed, pe.State)
		}
		for _, pu := range pe.Units {
			answers += len(pu.Answers)
			if pu.State != demo.UnitAccepted || len(pu.Answers) != applicable || len(pu.Assessors) != 1 {
				t.Errorf("%s/%s: %s, %d answers, %d assessors; want accepted, %d answers, 1 assessor",
					pe.EntityCode, pu.UnitCode, pu.State, len(pu.Answers), len(pu.Assessors), applicable)
			}
			for _, a := range pu.Assessors {
				perAssessor[a]++
			}
		}
	}
	if len(p.Entities) != len(ds.Entities) {
		t.Errorf("%d entities in the period, want %d", len(p.Entities), len(ds.Entities))
	}
	if answers < 140_000 || answers > 170_000 {
		t.Errorf("%d answers, want about 150,000", answers)
	}

	roles := map[string]int{}
	emails := map[string]bool{}
	coordinators := map[string]bool{}
	for _, u := range ds.Users {
		roles[u.Role]++
		if emails[u.Email] {
			t.Errorf("user %s twice", u.Email)
		}
		emails[u.Email] = true
		if u.Role == "coordinator" {
			coordinators[u.ProvinceCode] = true
		}
		if u.Role == "agency" && !codes[u.EntityCode] {
			t.Errorf("agency user %s: unknown entity %q", u.Email, u.EntityCode)
		}
		if u.Role == "assessor" && perAssessor[u.Email] == 0 {
			t.Errorf("assessor %s has no unit", u.Email)
		}
	}
	for a, n := range perAssessor {
		if !emails[a] || n > 10 {
			t.Errorf("assessor %s: %d units, known %v; want at most 10 units each", a, n, emails[a])
		}
	}
	if roles["agency"] != len(ds.Entities) || len(coordinators) != 34 || roles["coordinator"] != 34 {
		t.Errorf("roles %v, coordinators for %d provinces: want 1 agency user per entity, 1 coordinator per province", roles, len(coordinators))
	}
	if a := roles["assessor"]; a < units/12 || a > units/8 {
		t.Errorf("%d assessors for %d units, want about 1 per 10", a, units)
	}
	t.Logf("%d entities, %d units, %d answers, users %v", len(ds.Entities), units, answers, roles)
}

// Scores spread the way national results do: mostly B and C, few A, some D,
// rare E.
func TestNationalCategories(t *testing.T) {
	ds := national(t)
	res, err := scoring.ScorePeriod(preset(t, "2022"), toScoring(t, ds, ds.Periods[0]), nil)
	if err != nil {
		t.Fatalf("ScorePeriod: %v", err)
	}
	if !res.Complete {
		t.Error("national results are incomplete")
	}
	cats := map[string]int{}
	for _, r := range res.Entities {
		cats[r.Category]++
	}
	n := len(res.Entities)
	pct := func(c string) float64 { return 100 * float64(cats[c]) / float64(n) }
	t.Logf("categories %v of %d", cats, n)
	switch {
	case pct("B")+pct("C") < 70:
		t.Errorf("B+C %.1f%%, want most entities", pct("B")+pct("C"))
	case pct("A") < 1 || pct("A") > 15:
		t.Errorf("A %.1f%%, want a few", pct("A"))
	case pct("D") < 1 || pct("D") > 10:
		t.Errorf("D %.1f%%, want some", pct("D"))
	case cats["E"] < 1 || pct("E") > 3:
		t.Errorf("E %d (%.1f%%), want rare but present", cats["E"], pct("E"))
	case cats["C"] <= cats["A"] || cats["B"] <= cats["A"]:
		t.Errorf("categories %v: want more B and C than A", cats)
	}
}

func TestNationalIsDeterministic(t *testing.T) {
	a := hashOf(t, national(t))
	b, err := demo.National(1)
	if err != nil {
		t.Fatal(err)
	}
	if hashOf(t, b) != a {
		t.Error("National(1) differs between calls")
	}
	c, err := demo.National(2)
	if err != nil {
		t.Fatal(err)
	}
	if hashOf(t, c) == a {
		t.Error("National(2) equals National(1): the seed is ignored")
	}
}

func BenchmarkNational(b *testing.B) {
	for i := range b.N {
		if _, err := demo.National(uint64(i)); err != nil {
			b.Fatal(err)
		}
	}
}
