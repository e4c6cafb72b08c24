package scoring

import (
	"errors"
	"math/big"
	"strings"
	"testing"
)

// answersAll answers every indicator of m with v.
func answersAll(m *Method, v int) map[string]Answer {
	a := map[string]Answer{}
	for _, ind := range m.Indicators() {
		a[ind.Code] = Level(v)
	}
	return a
}

func with(a map[string]Answer, changes map[string]Answer) map[string]Answer {
	out := make(map[string]Answer, len(a))
	for k, v := range a {
		out[k] = v
	}
	for k, v := range changes {
		out[k] = v
	}
	return out
}

func scorePtr(s string) *Score {
	v, err := ParseScore(s)
	if err != nil {
		panic(err)
	}
	return &v
}

// TestMethodExampleRollUp is METHOD.md's example: a Pemda whose four units
// score 100, 100, 80.19 and 92.92 is published as 93.28.
func TestMethodExampleRollUp(t *testing.T) {
	m := mustPreset(t, "2022")
	e := Entity{ID: "kab", Name: "Kabupaten", Kind: KindPemkab, Units: []Unit{
		{ID: "u1", Score: scorePtr("100")}, {ID: "u2", Score: scorePtr("100")},
		{ID: "u3", Score: scorePtr("80.19")}, {ID: "u4", Score: scorePtr("92.92")},
	}}
	r, err := ScoreEntity(m, e)
	if err != nil {
		t.Fatal(err)
	}
	if r.Score.String() != "93.28" || r.Exact.RatString() != new(big.Rat).SetFrac64(932775, 10000).RatString() {
		t.Errorf("got %s (exact %s), want 93.28 (exact 93.2775)", r.Score, r.Exact.FloatString(6))
	}
	if r.Category != "A" || r.Zone != ZoneGreen || !r.Complete {
		t.Errorf("got %s %s complete=%v, want A green complete", r.Category, r.Zone, r.Complete)
	}
}

func TestScoreUnit2022(t *testing.T) {
	m := mustPreset(t, "2022")
	full := answersAll(m, 3)
	tests := []struct {
		name       string
		answers    map[string]Answer
		want       string
		complete   bool
		dimPoints  []string
		dimPercent []string
	}{
		{"all 3", full, "100.00", true, []string{"21.85", "32.37", "24.24", "21.54"}, []string{"100.00", "100.00", "100.00", "100.00"}},
		{"all 0", answersAll(m, 0), "0.00", true, []string{"0.00", "0.00", "0.00", "0.00"}, []string{"0.00", "0.00", "0.00", "0.00"}},
		// every ratio 2/3: 200/3 = 66.666…
		{"all 2", answersAll(m, 2), "66.67", true, []string{"14.57", "21.58", "16.16", "14.36"}, []string{"66.67", "66.67", "66.67", "66.67"}},
		// IN.KP.01 = 0 loses 21.85 × 1/15 = 1.456…: 98.5433…
		{"one zero in Input", with(full, map[string]Answer{"IN.KP.01": Level(0)}), "98.54", true, []string{"20.39", "32.37", "24.24", "21.54"}, []string{"93.33", "100.00", "100.00", "100.00"}},
		// N/A removes the indicator; the other ten of Proses share its weight
		{"N/A re-shares", with(full, map[string]Answer{"PR.ST.04": NotApplicable()}), "100.00", true, nil, nil},
		// N/A and a 0 in Proses: 32.37 × 1/10 lost = 3.237 → 96.763
		{"N/A then zero", with(full, map[string]Answer{"PR.ST.04": NotApplicable(), "PR.ST.01": Level(0)}), "96.76", true, nil, nil},
		// unanswered counts as 0 and makes the result incomplete: 24.24 × 1/5 lost
		{"unanswered", with(full, map[string]Answer{}), "100.00", true, nil, nil},
	}
	delete(tests[len(tests)-1].answers, "OU.PM.05")
	tests[len(tests)-1].want, tests[len(tests)-1].complete = "95.15", false
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := ScoreUnit(m, KindPemkab, Unit{ID: "u", Answers: tt.answers})
			if err != nil {
				t.Fatal(err)
			}
			if r.Score.String() != tt.want || r.Complete != tt.complete {
				t.Errorf("got %s complete=%v, want %s complete=%v", r.Score, r.Complete, tt.want, tt.complete)
			}
			for i, want := range tt.dimPoints {
				if got := r.Dimensions[i].Points.String(); got != want {
					t.Errorf("dimension %s points: got %s, want %s", r.Dimensions[i].Code, got, want)
				}
				if got := r.Dimensions[i].Percent.String(); got != tt.dimPercent[i] {
					t.Errorf("dimension %s percent: got %s, want %s", r.Dimensions[i].Code, got, tt.dimPercent[i])
				}
			}
		})
	}
}

func TestScoreUnitProblems(t *testing.T) {
	f := smallFile()
	dig(f, "instrument", "dimensions", 0, "indicators", 0)["kinds"] = []any{"pemkab"}
	m, err := ParseFile(marshal(t, f))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		kind    Kind
		answers map[string]Answer
		want    []Problem
	}{
		{"unknown code and out of range", KindPemkab, map[string]Answer{"I1": Level(4), "I2": Level(1), "X9": Level(1)}, []Problem{
			{`answers["I1"]`, CodeOutOfRange, "answer 4 is outside 0..3"},
			{`answers["X9"]`, CodeUnknownCode, `unknown indicator "X9"`},
		}},
		{"N/A not allowed", KindPemkab, map[string]Answer{"I1": NotApplicable(), "I2": Level(1)}, []Problem{
			{`answers["I1"]`, CodeNotAllowed, "indicator I1 does not allow N/A"},
		}},
		{"answer for another kind", KindPemkot, map[string]Answer{"I1": Level(2), "I2": Level(1)}, []Problem{
			{`answers["I1"]`, CodeNotAllowed, "indicator I1 does not apply to pemkot"},
		}},
		{"nothing applicable", KindPemkot, map[string]Answer{"I2": NotApplicable()}, []Problem{
			{"answers", CodeRequired, `dimension "Satu" has no applicable indicator for pemkot: every one is N/A or meant for other kinds`},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ScoreUnit(m, tt.kind, Unit{ID: "u", Answers: tt.answers})
			got := problemsOf(t, err)
			if len(got) != len(tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("got %+v, want %+v", got[i], tt.want[i])
				}
			}
		})
	}
	// Indicator I1 is only for pemkab: for a pemkot unit I2 alone decides.
	r, err := ScoreUnit(m, KindPemkot, Unit{ID: "u", Answers: map[string]Answer{"I2": Level(3)}})
	if err != nil {
		t.Fatal(err)
	}
	if r.Score != MaxScore || !r.Complete {
		t.Errorf("pemkot unit: got %s complete=%v, want 100.00 complete", r.Score, r.Complete)
	}
}

func TestRoundingRules(t *testing.T) {
	// One indicator weighted 0.12345 answered 1/1: a unit scores exactly 12.345.
	f := smallFile()
	dim := dig(f, "instrument", "dimensions", 0)
	dim["indicators"] = []any{
		map[string]any{"code": "I1", "name": "a", "question": "?", "source": "document", "weight": "0.12345", "max": 1},
		map[string]any{"code": "I2", "name": "b", "question": "?", "source": "document", "weight": "0.87655", "max": 1},
	}
	units := []Unit{
		{ID: "a", Answers: map[string]Answer{"I1": Level(1), "I2": Level(0)}},
		{ID: "b", Answers: map[string]Answer{"I1": Level(0), "I2": Level(0)}},
	}
	tests := []struct {
		rounding string
		want     string
	}{
		{"units_then_entity", "6.18"}, // (12.35 + 0) / 2 = 6.175
		{"entity_only", "6.17"},       // (12.345 + 0) / 2 = 6.1725
	}
	for _, tt := range tests {
		t.Run(tt.rounding, func(t *testing.T) {
			dig(f, "method")["rounding"] = tt.rounding
			m, err := ParseFile(marshal(t, f))
			if err != nil {
				t.Fatal(err)
			}
			r, err := ScoreEntity(m, Entity{ID: "e", Name: "E", Kind: KindPemkab, Units: units})
			if err != nil {
				t.Fatal(err)
			}
			if r.Score.String() != tt.want {
				t.Errorf("got %s, want %s", r.Score, tt.want)
			}
			if r.Units[0].Score.String() != "12.35" {
				t.Errorf("unit score: got %s, want 12.35", r.Units[0].Score)
			}
		})
	}
}

func TestRollUpRules(t *testing.T) {
	m, err := ParseFile(marshal(t, smallFile())) // pemkot: weighted_mean, kantah: single
	if err != nil {
		t.Fatal(err)
	}
	w := func(s string) *big.Rat { r, _ := new(big.Rat).SetString(s); return r }
	tests := []struct {
		name    string
		e       Entity
		want    string
		wantErr string
	}{
		{"mean", Entity{ID: "e", Kind: KindPemkab, Units: []Unit{{ID: "a", Score: scorePtr("90")}, {ID: "b", Score: scorePtr("60")}}}, "75.00", ""},
		{"weighted mean", Entity{ID: "e", Kind: KindPemkot, Units: []Unit{{ID: "a", Score: scorePtr("90"), Weight: w("3")}, {ID: "b", Score: scorePtr("60"), Weight: w("1")}}}, "82.50", ""},
		{"weighted mean needs weights", Entity{ID: "e", Kind: KindPemkot, Units: []Unit{{ID: "a", Score: scorePtr("90")}, {ID: "b", Score: scorePtr("60"), Weight: w("1")}}}, "", "units[0].weight: pemkot entities use a weighted mean: every unit needs a weight above 0"},
		{"single", Entity{ID: "e", Kind: KindKantah, Units: []Unit{{ID: "a", Score: scorePtr("81.5")}}}, "81.50", ""},
		{"single with two units", Entity{ID: "e", Kind: KindKantah, Units: []Unit{{ID: "a", Score: scorePtr("90")}, {ID: "b", Score: scorePtr("60")}}}, "", `units: kantah entities are scored as a single unit (roll-up "single"), got 2 units`},
		{"duplicate unit ids", Entity{ID: "e", Kind: KindPemkab, Units: []Unit{{ID: "a", Score: scorePtr("90")}, {ID: "a", Score: scorePtr("60")}}}, "", `units[1].id: unit id "a" is also used by units[0]`},
		{"entity score", Entity{ID: "e", Kind: KindPolres, Score: scorePtr("77.99")}, "77.99", ""},
		{"no units", Entity{ID: "e", Kind: KindPolres}, "", "units: an assessed entity needs at least one unit, or an imported score"},
		{"stated category matches", Entity{ID: "e", Kind: KindPolres, Score: scorePtr("50"), StatedCategory: "a"}, "50.00", ""},
		{"stated category mismatch", Entity{ID: "e", Kind: KindPolres, Score: scorePtr("49.99"), StatedCategory: "Baik"}, "", `category: stated category "Baik" does not match score 49.99, which is B (Buruk)`},
		{"unknown kind", Entity{ID: "e", Kind: "desa", Score: scorePtr("50")}, "", `kind: unknown kind "desa"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := ScoreEntity(m, tt.e)
			if tt.wantErr != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tt.wantErr) {
					t.Fatalf("got error %v, want %q", err, tt.wantErr)
				}
				var ve *ValidationError
				if !errors.As(err, &ve) {
					t.Errorf("got %T, want *ValidationError", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if r.Score.String() != tt.want {
				t.Errorf("got %s, want %s", r.Score, tt.want)
			}
		})
	}
}

func TestNotAssessed(t *testing.T) {
	m := mustPreset(t, "2022")
	r, err := ScoreEntity(m, Entity{ID: "x", Name: "X", Kind: KindPemkab, NotAssessed: true, NotAssessedReason: "menolak"})
	if err != nil {
		t.Fatal(err)
	}
	if !r.NotAssessed || r.Category != "" || r.Complete {
		t.Errorf("got %+v, want not assessed, no category, not complete", r)
	}
}

func TestComposite2025(t *testing.T) {
	m := mustPreset(t, "2025")
	full := answersAll(m, 3)
	// Trust survey all 0, the rest full: the four dimensions give their 70.
	a := with(full, nil)
	for _, c := range []string{"KPB.SK.01", "KPB.SK.02", "KPB.SK.03", "KPB.SK.04", "KPB.SK.05"} {
		a[c] = Level(0)
	}
	e := Entity{ID: "p", Name: "Polres", Kind: KindPolres, Units: []Unit{{ID: "u", Answers: a}}}
	r, err := ScoreEntity(m, e)
	if err != nil {
		t.Fatal(err)
	}
	if r.Score.String() != "70.00" || r.Category != "C" {
		t.Errorf("got %s %s, want 70.00 C", r.Score, r.Category)
	}
	if len(r.Components) != 2 || r.Components[0].Points.String() != "70.00" || r.Components[1].Points.String() != "0.00" {
		t.Errorf("got components %+v, want core 70.00 and trust 0.00", r.Components)
	}
	e.Units[0].Answers = full
	r, _ = ScoreEntity(m, e)
	if r.Opinion != "Kualitas Tertinggi" {
		t.Errorf("without follow-up: got %q, want Kualitas Tertinggi", r.Opinion)
	}
	e.FollowUp = true
	r, _ = ScoreEntity(m, e)
	if r.Opinion != "Kualitas Tertinggi Tanpa Maladministrasi" {
		t.Errorf("with follow-up: got %q, want Kualitas Tertinggi Tanpa Maladministrasi", r.Opinion)
	}
}

func TestBandsOnlyMethodNeedsScores(t *testing.T) {
	m := mustPreset(t, "2021")
	_, err := ScoreEntity(m, Entity{ID: "e", Kind: KindPemkab, Units: []Unit{{ID: "u", Answers: map[string]Answer{"X": Level(1)}}}})
	got := problemsOf(t, err)
	if len(got) != 1 || got[0].Path != "units[0]" || got[0].Code != CodeRequired {
		t.Errorf("got %v, want one required problem at units[0]", got)
	}
}
