package scoring

import (
	"fmt"
	"strings"
	"testing"
)

func kantah(m *Method, changes map[string]Answer) Entity {
	return Entity{ID: "kantah-kaur", Name: "Kantah Kaur", Kind: KindKantah, Units: []Unit{
		{ID: "kaur", Name: "Kantor Pertanahan Kaur", Answers: with(answersAll(m, 3), changes)},
	}}
}

func TestExplain(t *testing.T) {
	m := mustPreset(t, "2022")
	e := kantah(m, map[string]Answer{
		"PR.ST.01": Level(0), // 32.37/11 = 2.9427…
		"PR.ST.02": Level(1), // 32.37/11 × 2/3 = 1.9618…
		"PG.PP.08": Level(0), // 21.54/9 = 2.3933…
		"OU.PM.02": Level(2), // 24.24/5 × 1/3 = 1.616
		"PR.ST.04": NotApplicable(),
	})
	// With PR.ST.04 N/A the ten other Proses indicators weigh 32.37/10 each:
	// lost = 3.237 + 2.158 + 2.3933… + 1.616 = 9.4043…, score 90.5956… → 90.60.
	x, err := Explain(m, e, 3)
	if err != nil {
		t.Fatal(err)
	}
	if x.Score.String() != "90.60" {
		t.Errorf("score: got %s, want 90.60", x.Score)
	}
	lost := map[string]string{}
	for _, l := range x.Indicators {
		if l.Lost != 0 || l.Code == "PR.ST.04" {
			lost[l.Code] = l.Lost.String() + "/" + l.Share.String()
		}
	}
	want := map[string]string{"PR.ST.01": "3.24/3.24", "PR.ST.02": "2.16/3.24", "PG.PP.08": "2.39/2.39", "OU.PM.02": "1.62/4.85", "PR.ST.04": "0.00/0.00"}
	if fmt.Sprint(lost) != fmt.Sprint(want) {
		t.Errorf("lost/share: got %v, want %v", lost, want)
	}
	var imps []string
	for _, i := range x.Improvements {
		imps = append(imps, fmt.Sprintf("%s %d→%d +%s", i.Indicator, i.From, i.To, i.Gain))
	}
	if got := strings.Join(imps, ", "); got != "PR.ST.01 0→3 +3.24, PG.PP.08 0→3 +2.39, PR.ST.02 1→3 +2.16" {
		t.Errorf("improvements: got %s", got)
	}
	if st := x.Units[0].Indicators[m.plan.byCode["PR.ST.04"]].State; st != StateNA {
		t.Errorf("PR.ST.04 state: got %s, want %s", st, StateNA)
	}
}

func TestExplainMeanOfUnits(t *testing.T) {
	m := mustPreset(t, "2022")
	e := Entity{ID: "kab", Name: "Kab", Kind: KindPemkab, Units: []Unit{
		{ID: "a", Answers: with(answersAll(m, 3), map[string]Answer{"PG.PP.08": Level(0)})},
		{ID: "b", Answers: answersAll(m, 3)},
	}}
	x, err := Explain(m, e, 0)
	if err != nil {
		t.Fatal(err)
	}
	// One unit of two loses 2.3933…: the entity loses half, 1.1966… → 1.20.
	got := x.Indicators[m.plan.byCode["PG.PP.08"]].Lost.String()
	if got != "1.20" || len(x.Improvements) != 1 || x.Improvements[0].Gain.String() != "1.20" {
		t.Errorf("got lost %s and improvements %+v, want 1.20 and one improvement of 1.20", got, x.Improvements)
	}
}

func TestWhatIf(t *testing.T) {
	m := mustPreset(t, "2022")
	e := kantah(m, map[string]Answer{
		"PR.ST.01": Level(0), "PR.ST.02": Level(0), "PR.ST.03": Level(0),
		"IN.KP.01": Level(2), "IN.KP.02": Level(2), "IN.KP.03": Level(2), "IN.KP.04": Level(2), "IN.KP.05": Level(2), "IN.KP.06": Level(2),
		"OU.PM.01": Level(2),
	})
	w, err := WhatIf(m, e, []Change{{UnitID: "kaur", Indicator: "PR.ST.01", Answer: Level(2)}})
	if err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprintf("%s %s %s → %s %s %s (%s)", w.Before.Score, w.Before.Category, w.Before.Zone, w.After.Score, w.After.Category, w.After.Zone, w.Delta)
	if want := "86.64 B green → 88.60 A green (1.96)"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	if e.Units[0].Answers["PR.ST.01"].Value != 0 {
		t.Error("WhatIf modified the entity's answers")
	}
	tests := []struct {
		name   string
		change Change
		want   string
	}{
		{"unknown unit", Change{UnitID: "x", Indicator: "PR.ST.01", Answer: Level(1)}, `changes[0].unit_id: entity kantah-kaur has no unit "x"`},
		{"unknown indicator", Change{UnitID: "kaur", Indicator: "PR.ST.99", Answer: Level(1)}, `changes[0].indicator: unknown indicator "PR.ST.99"`},
		{"out of range", Change{UnitID: "kaur", Indicator: "PR.ST.01", Answer: Level(4)}, `changes[0].answer: answer 4 is outside 0..3`},
		{"N/A not allowed", Change{UnitID: "kaur", Indicator: "PR.ST.01", Answer: NotApplicable()}, `changes[0].answer: indicator PR.ST.01 does not allow N/A`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := WhatIf(m, e, []Change{tt.change})
			if err == nil || err.Error() != tt.want {
				t.Errorf("got %v, want %s", err, tt.want)
			}
		})
	}
}

func TestNextCategory(t *testing.T) {
	m := mustPreset(t, "2022")
	tests := []struct {
		name    string
		answers map[string]Answer
		want    string
	}{
		{
			// 86.64 (B): one Proses indicator raised to 2 (not 3) is enough: 88.60.
			"one improvement, partial",
			map[string]Answer{"PR.ST.01": Level(0), "PR.ST.02": Level(0), "PR.ST.03": Level(0), "IN.KP.01": Level(2), "IN.KP.02": Level(2), "IN.KP.03": Level(2), "IN.KP.04": Level(2), "IN.KP.05": Level(2), "IN.KP.06": Level(2), "OU.PM.01": Level(2)},
			"B → A: PR.ST.01 0→2; result 88.60 A; minimal true",
		},
		{
			// Proses all 0: 67.63 (C). To 78 (B) needs 10.37 more: four Proses
			// indicators at 3 give 11.77 (79.40); three give only 8.83.
			"several improvements",
			map[string]Answer{"PR.ST.01": Level(0), "PR.ST.02": Level(0), "PR.ST.03": Level(0), "PR.ST.04": Level(0), "PR.ST.05": Level(0), "PR.ST.06": Level(0), "PR.ST.07": Level(0), "PR.ST.08": Level(0), "PR.ST.09": Level(0), "PR.ST.10": Level(0), "PR.ST.11": Level(0)},
			"C → B: PR.ST.01 0→3, PR.ST.02 0→3, PR.ST.03 0→3, PR.ST.04 0→2; result 78.42 B; minimal true",
		},
		{"already highest", nil, "A → none"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			step, err := NextCategory(m, kantah(m, tt.answers))
			if err != nil {
				t.Fatal(err)
			}
			if got := stepString(step); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func stepString(s *NextStep) string {
	if s.Target == nil {
		return s.From.Category + " → none"
	}
	if !s.Reachable {
		return s.From.Category + " → " + s.Target.Category + ": unreachable"
	}
	var cs []string
	for _, c := range s.Changes {
		cs = append(cs, fmt.Sprintf("%s %d→%d", c.Indicator, c.From, c.To))
	}
	return fmt.Sprintf("%s → %s: %s; result %s %s; minimal %v", s.From.Category, s.Target.Category, strings.Join(cs, ", "), s.Result.Score, s.Result.Category, s.Minimal)
}
