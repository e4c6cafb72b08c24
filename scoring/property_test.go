package scoring

import (
	"encoding/json"
	"fmt"
	"math/big"
	"math/rand"
	"reflect"
	"strings"
	"testing"
)

// randomFile builds a random valid method file: 1–4 dimensions with random
// weights summing to 100, 1–6 indicators each with random maxima, N/A
// permissions, kind restrictions, and weights either given (random integers
// over their sum) or omitted.
func randomFile(rng *rand.Rand) map[string]any {
	f := smallFile()
	if rng.Intn(2) == 0 {
		dig(f, "method")["rounding"] = "entity_only"
	}
	nd := 1 + rng.Intn(4)
	dimW := splitInt(rng, 10000, nd)
	var dims []any
	for d := range nd {
		ni := 1 + rng.Intn(6)
		parts := splitInt(rng, 1+rng.Intn(50)+ni, ni)
		sum := 0
		for _, p := range parts {
			sum += p
		}
		given := rng.Intn(2) == 0
		var inds []any
		for i := range ni {
			ind := map[string]any{
				"code": fmt.Sprintf("D%d.I%d", d, i), "name": "n", "question": "q", "source": "document",
				"max": 1 + rng.Intn(5), "na_allowed": rng.Intn(3) == 0,
			}
			if given {
				ind["weight"] = fmt.Sprintf("%d/%d", parts[i], sum)
			}
			if rng.Intn(5) == 0 {
				ind["kinds"] = []any{"pemkab", "kantah"}
			}
			inds = append(inds, ind)
		}
		dims = append(dims, map[string]any{"code": fmt.Sprintf("D%d", d), "name": fmt.Sprintf("Dim %d", d), "weight": fmt.Sprintf("%d.%02d", dimW[d]/100, dimW[d]%100), "indicators": inds})
	}
	dig(f, "instrument")["dimensions"] = dims
	return f
}

// splitInt splits total into n positive integers.
func splitInt(rng *rand.Rand, total, n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = 1
	}
	for range total - n {
		out[rng.Intn(n)]++
	}
	return out
}

func randomEntity(rng *rand.Rand, m *Method) Entity {
	k := []Kind{KindPemkab, KindPemkot, KindPemprov}[rng.Intn(3)]
	e := Entity{ID: "e", Name: "E", Kind: k}
	for u := range 1 + rng.Intn(4) {
		a := map[string]Answer{}
		for _, ind := range m.Indicators() {
			ip := m.plan.inds[m.plan.byCode[ind.Code]]
			if !ip.appliesTo(k) {
				continue
			}
			switch r := rng.Intn(10); {
			case r == 0: // unanswered
			case r == 1 && ind.NAAllowed:
				a[ind.Code] = NotApplicable()
			default:
				a[ind.Code] = Level(rng.Intn(ip.max + 1))
			}
		}
		// Weights serve the weighted mean of pemkot in smallFile; the mean ignores them.
		e.Units = append(e.Units, Unit{ID: fmt.Sprintf("u%d", u), Name: fmt.Sprintf("Unit %d", u), Weight: big.NewRat(int64(1+rng.Intn(5)), 1), Answers: a})
	}
	return e
}

// randomCase returns a random method, its file and a scorable entity.
func randomCase(t *testing.T, rng *rand.Rand) (map[string]any, *Method, Entity, *EntityResult) {
	t.Helper()
	for {
		f := randomFile(rng)
		m, err := ParseFile(marshal(t, f))
		if err != nil {
			t.Fatalf("random file does not parse: %v\n%s", err, marshal(t, f))
		}
		e := randomEntity(rng, m)
		r, err := ScoreEntity(m, e)
		if err != nil {
			if strings.Contains(err.Error(), "no applicable indicator") {
				continue // every indicator of a dimension drawn N/A: a real rejection, draw again
			}
			t.Fatalf("ScoreEntity: %v", err)
		}
		return f, m, e, r
	}
}

const propertyRuns = 400

func TestPropertyScoresInRange(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for range propertyRuns {
		_, _, e, r := randomCase(t, rng)
		if r.Score < 0 || r.Score > MaxScore {
			t.Fatalf("entity score %s outside 0..100 for %+v", r.Score, e)
		}
		for _, u := range r.Units {
			if u.Score < 0 || u.Score > MaxScore || u.Exact.Sign() < 0 || u.Exact.Cmp(hundred) > 0 {
				t.Fatalf("unit score %s outside 0..100", u.Score)
			}
			for _, d := range u.Dimensions {
				if d.Exact.Sign() < 0 || d.Exact.Cmp(d.ExactMax) > 0 {
					t.Fatalf("dimension %s points %s outside 0..%s", d.Code, d.Exact.RatString(), d.ExactMax.RatString())
				}
			}
		}
	}
}

func TestPropertyRaisingAnAnswerNeverLowers(t *testing.T) {
	rng := rand.New(rand.NewSource(2))
	checked := 0
	for range propertyRuns {
		_, m, e, before := randomCase(t, rng)
		ui := rng.Intn(len(e.Units))
		inds := m.Indicators()
		ind := inds[rng.Intn(len(inds))]
		ip := m.plan.inds[m.plan.byCode[ind.Code]]
		a, answered := e.Units[ui].Answers[ind.Code]
		if !ip.appliesTo(e.Kind) || a.NA || (answered && a.Value == ip.max) {
			continue
		}
		to := a.Value + 1 + rng.Intn(ip.max-a.Value)
		if !answered {
			to = rng.Intn(ip.max + 1) // answering an unanswered indicator, even with 0
		}
		w, err := WhatIf(m, e, []Change{{UnitID: e.Units[ui].ID, Indicator: ind.Code, Answer: Level(to)}})
		if err != nil {
			t.Fatal(err)
		}
		after := w.After
		if after.Units[ui].Exact.Cmp(before.Units[ui].Exact) < 0 || after.Units[ui].Score < before.Units[ui].Score || after.Score < before.Score {
			t.Fatalf("raising %s of unit %d from %v to %d lowered the score: unit %s → %s, entity %s → %s",
				ind.Code, ui, a, to, before.Units[ui].Score, after.Units[ui].Score, before.Score, after.Score)
		}
		checked++
	}
	if checked < propertyRuns/4 {
		t.Fatalf("only %d cases checked", checked)
	}
}

func TestPropertyPermutationChangesNothing(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	for range propertyRuns {
		f, _, e, want := randomCase(t, rng)
		// Permute dimensions, indicators inside each, and units.
		inst := dig(f, "instrument")
		dims := inst["dimensions"].([]any)
		rng.Shuffle(len(dims), func(i, j int) { dims[i], dims[j] = dims[j], dims[i] })
		for _, d := range dims {
			inds := d.(map[string]any)["indicators"].([]any)
			rng.Shuffle(len(inds), func(i, j int) { inds[i], inds[j] = inds[j], inds[i] })
		}
		m2, err := ParseFile(marshal(t, f))
		if err != nil {
			t.Fatal(err)
		}
		e2 := e
		e2.Units = append([]Unit(nil), e.Units...)
		rng.Shuffle(len(e2.Units), func(i, j int) { e2.Units[i], e2.Units[j] = e2.Units[j], e2.Units[i] })
		got, err := ScoreEntity(m2, e2)
		if err != nil {
			t.Fatal(err)
		}
		if got.Score != want.Score || got.Exact.Cmp(want.Exact) != 0 || got.Complete != want.Complete || got.Category != want.Category {
			t.Fatalf("permuted: got %s (%s) complete=%v, want %s (%s) complete=%v", got.Score, got.Exact.RatString(), got.Complete, want.Score, want.Exact.RatString(), want.Complete)
		}
		byCode := map[string]string{}
		for _, d := range want.Dimensions {
			byCode[d.Code] = d.Exact.RatString()
		}
		for _, d := range got.Dimensions {
			if byCode[d.Code] != d.Exact.RatString() {
				t.Fatalf("dimension %s: got %s, want %s", d.Code, d.Exact.RatString(), byCode[d.Code])
			}
		}
	}
}

func TestPropertyPeriodEntityOrder(t *testing.T) {
	rng := rand.New(rand.NewSource(4))
	m := mustPreset(t, "2022")
	var entities []Entity
	for i := range 60 {
		k := []Kind{KindPemkab, KindPemkot, KindPemprov, KindKantah}[rng.Intn(4)]
		// Scores from a few values so that ties are common.
		s := Score(5000 + 100*rng.Intn(8))
		entities = append(entities, Entity{ID: fmt.Sprintf("e%02d", i), Name: fmt.Sprintf("Entity %d", rng.Intn(30)), Kind: k, Province: fmt.Sprint(11 + rng.Intn(3)), Score: &s, NotAssessed: rng.Intn(15) == 0})
	}
	want, err := ScorePeriod(m, entities, nil)
	if err != nil {
		t.Fatal(err)
	}
	for range 20 {
		shuffled := append([]Entity(nil), entities...)
		rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		got, err := ScorePeriod(m, shuffled, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got.Rankings, want.Rankings) {
			t.Fatal("rankings depend on the order of entities")
		}
	}
}

func TestPropertyWhatIfNoChangeIsIdentity(t *testing.T) {
	rng := rand.New(rand.NewSource(5))
	for range propertyRuns {
		_, m, e, want := randomCase(t, rng)
		w, err := WhatIf(m, e, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(w.After, want) || !reflect.DeepEqual(w.Before, want) || w.Delta != 0 {
			a, _ := json.Marshal(w.After)
			b, _ := json.Marshal(want)
			t.Fatalf("what-if without change differs:\n got %s\nwant %s", a, b)
		}
		// Re-stating an answer as it is changes nothing either.
		for code, a := range e.Units[0].Answers {
			w, err := WhatIf(m, e, []Change{{UnitID: e.Units[0].ID, Indicator: code, Answer: a}})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(w.After, want) {
				t.Fatalf("what-if restating %s = %v differs", code, a)
			}
			break
		}
	}
}

// TestPropertyExplainAddsUp: in each unit the points lost by its indicators
// are exactly what separates its unrounded score from 100.
func TestPropertyExplainAddsUp(t *testing.T) {
	rng := rand.New(rand.NewSource(6))
	for range propertyRuns {
		_, m, e, r := randomCase(t, rng)
		x, err := Explain(m, e, 0)
		if err != nil {
			t.Fatal(err)
		}
		for ui, ux := range x.Units {
			sum := new(big.Rat).Set(r.Units[ui].Exact)
			shares := new(big.Rat)
			for _, l := range ux.Indicators {
				sum.Add(sum, l.Exact)
				shares.Add(shares, l.ExactShare)
			}
			if sum.Cmp(hundred) != 0 || shares.Cmp(hundred) != 0 {
				t.Fatalf("unit %s: score %s + lost = %s, shares = %s, want 100 and 100", ux.UnitID, r.Units[ui].Exact.RatString(), sum.RatString(), shares.RatString())
			}
		}
		// Gains are sorted and each equals the loss of that answer weighted by the roll-up.
		for i := 1; i < len(x.Improvements); i++ {
			if x.Improvements[i].Exact.Cmp(x.Improvements[i-1].Exact) > 0 {
				t.Fatal("improvements not sorted by gain")
			}
		}
	}
}

// TestPropertyNextCategoryMinimal compares NextCategory with an exhaustive
// search over every set of answers raised to their maximum.
func TestPropertyNextCategoryMinimal(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	checked, proven := 0, 0
	for checked < 150 {
		f := randomFile(rng)
		// Many bands, so that most entities have a next one.
		var bands []any
		for i, lower := range []int{90, 80, 70, 60, 50, 40, 30, 20, 10, 0} {
			bands = append(bands, map[string]any{"category": string(rune('A' + i)), "opinion": fmt.Sprint("O", i), "zone": "green", "lower": lower})
		}
		dig(f, "method")["bands"] = bands
		m, err := ParseFile(marshal(t, f))
		if err != nil {
			t.Fatal(err)
		}
		e := randomEntity(rng, m)
		e.Units = e.Units[:min(len(e.Units), 1+rng.Intn(2))]
		x, err := Explain(m, e, 0)
		if err != nil || len(x.Improvements) > 12 {
			continue
		}
		step, err := NextCategory(m, e)
		if err != nil {
			t.Fatal(err)
		}
		if step.Target == nil {
			continue
		}
		cands := x.Improvements
		best := -1
		for mask := 0; mask < 1<<len(cands); mask++ {
			n := popcount(mask)
			if best >= 0 && n >= best {
				continue
			}
			var changes []Change
			for i, c := range cands {
				if mask&(1<<i) != 0 {
					changes = append(changes, Change{UnitID: c.UnitID, Indicator: c.Indicator, Answer: Level(c.To)})
				}
			}
			w, err := WhatIf(m, e, changes)
			if err != nil {
				t.Fatal(err)
			}
			if w.After.Score >= step.Target.Lower {
				best = n
			}
		}
		if (best >= 0) != step.Reachable {
			t.Fatalf("reachable: got %v, exhaustive search says %v", step.Reachable, best >= 0)
		}
		if !step.Reachable {
			continue
		}
		if step.Result.Score < step.Target.Lower || len(step.Changes) == 0 {
			t.Fatalf("the suggested changes give %s, below %s", step.Result.Score, step.Target.Lower)
		}
		if len(step.Changes) < best || (step.Minimal && len(step.Changes) != best) {
			t.Fatalf("got %d changes (minimal=%v), exhaustive search needs %d", len(step.Changes), step.Minimal, best)
		}
		if step.Minimal {
			proven++
		}
		checked++
	}
	// Rounding leaves minimality open only within 0.01 of a band edge: rare.
	if proven < checked*9/10 {
		t.Errorf("minimality proven in only %d of %d cases", proven, checked)
	}
}

func popcount(x int) int {
	n := 0
	for ; x != 0; x &= x - 1 {
		n++
	}
	return n
}
