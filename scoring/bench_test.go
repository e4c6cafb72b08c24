package scoring

import (
	"fmt"
	"math/rand"
	"testing"
)

// nationalPeriod builds a national-size period on the 2022 preset: 600
// entities (34 pemprov, 98 pemkot, 429 pemkab, 25 kementerian, 14 lembaga)
// in 34 provinces, each with 7 units answering all 40 indicators.
func nationalPeriod(tb testing.TB) (*Method, []Entity) {
	m := mustPreset(tb, "2022")
	rng := rand.New(rand.NewSource(600))
	var entities []Entity
	add := func(k Kind, n int) {
		for i := range n {
			e := Entity{ID: fmt.Sprintf("%s-%03d", k, i), Name: fmt.Sprintf("%s %d", k, i), Kind: k}
			if k.IsPemda() {
				e.Province = fmt.Sprint(11 + rng.Intn(34))
			}
			for u := range 7 {
				a := make(map[string]Answer, 40)
				for _, ind := range m.Indicators() {
					if ind.NAAllowed && rng.Intn(20) == 0 {
						a[ind.Code] = NotApplicable()
					} else {
						a[ind.Code] = Level(rng.Intn(4))
					}
				}
				e.Units = append(e.Units, Unit{ID: fmt.Sprintf("%s-u%d", e.ID, u), Answers: a})
			}
			entities = append(entities, e)
		}
	}
	add(KindPemprov, 34)
	add(KindPemkot, 98)
	add(KindPemkab, 429)
	add(KindKementerian, 25)
	add(KindLembaga, 14)
	return m, entities
}

func BenchmarkScorePeriodNational(b *testing.B) {
	m, entities := nationalPeriod(b)
	if len(entities) != 600 {
		b.Fatalf("got %d entities, want 600", len(entities))
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ScorePeriod(m, entities, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// TestConcurrentScoring shares one Method between goroutines (run with -race).
func TestConcurrentScoring(t *testing.T) {
	m, entities := nationalPeriod(t)
	entities = entities[:40]
	want, err := ScorePeriod(m, entities, nil)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan *PeriodResult)
	for range 4 {
		go func() {
			r, _ := ScorePeriod(m, entities, nil)
			done <- r
		}()
	}
	for range 4 {
		if r := <-done; r == nil || r.Entities[7].Score != want.Entities[7].Score {
			t.Error("concurrent scoring differs")
		}
	}
}
