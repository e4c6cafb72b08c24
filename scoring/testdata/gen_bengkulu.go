//go:build ignore

// gen_bengkulu writes the Bengkulu 2022 data set used by the golden tests:
// answers for the 2022 and 2025 presets and 2021 historical scores. The
// answers are drawn from a seeded generator and kept only when the entity
// lands in the category the Ombudsman Bengkulu press release of 26 December
// 2022 reports (1 Pemda A, 8 Pemda, 8 Kantah and 8 Polres B, the rest C;
// Kabupaten Kaur the best Pemda at about 94), so the golden outputs reproduce
// that table from answers, never from typed-in totals.
//
// Run from the repository root: go run ./scoring/testdata/gen_bengkulu.go
package main

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"os"

	"github.com/ombudsman-ri/p4/scoring"
)

type entity struct {
	id, name string
	kind     scoring.Kind
	target   string // category wanted in 2022
	units    []string
}

var regencies = []string{"Bengkulu Selatan", "Bengkulu Utara", "Bengkulu Tengah", "Kaur", "Kepahiang", "Lebong", "Mukomuko", "Rejang Lebong", "Seluma"}

func slug(s string) string {
	out := []byte{}
	for _, c := range []byte(s) {
		switch {
		case c >= 'A' && c <= 'Z':
			out = append(out, c+'a'-'A')
		case c == ' ':
			out = append(out, '-')
		default:
			out = append(out, c)
		}
	}
	return string(out)
}

func entities() []entity {
	offices := []string{"DPMPTSP", "Dinas Kependudukan dan Pencatatan Sipil", "Dinas Kesehatan", "Dinas Sosial", "Dinas Pendidikan"}
	var es []entity
	// Pemda: Kaur A; Lebong and Seluma C; the other eight B.
	pemdaTarget := map[string]string{"Kaur": "A", "Lebong": "C", "Seluma": "C"}
	es = append(es, entity{"pemprov-bengkulu", "Provinsi Bengkulu", scoring.KindPemprov, "B", append(append([]string{}, offices...), "RSUD Dr. M. Yunus")})
	es = append(es, entity{"pemkot-bengkulu", "Kota Bengkulu", scoring.KindPemkot, "B", append(append([]string{}, offices...), "Puskesmas 1 Kota Bengkulu", "Puskesmas 2 Kota Bengkulu")})
	for _, r := range regencies {
		t := pemdaTarget[r]
		if t == "" {
			t = "B"
		}
		es = append(es, entity{"pemkab-" + slug(r), "Kabupaten " + r, scoring.KindPemkab, t, append(append([]string{}, offices...), "Puskesmas 1 "+r, "Puskesmas 2 "+r)})
	}
	places := append([]string{"Kota Bengkulu"}, regencies...)
	for i, p := range places {
		t := "B"
		if i == 3 || i == 7 { // Bengkulu Tengah, Mukomuko
			t = "C"
		}
		es = append(es, entity{"kantah-" + slug(p), "Kantor Pertanahan " + p, scoring.KindKantah, t, []string{"Pelayanan Pendaftaran Tanah"}})
	}
	for i, p := range places {
		t := "B"
		if i == 5 || i == 9 { // Kepahiang, Seluma
			t = "C"
		}
		name := "Polres " + p
		if i == 0 {
			name = "Polresta Bengkulu"
		}
		es = append(es, entity{"polres-" + slug(p), name, scoring.KindPolres, t, []string{"SPKT, Satpas dan Sat Intelkam"}})
	}
	return es
}

// draw answers every indicator: 3 with probability p, else 2, 1 or 0.
func draw(rng *rand.Rand, m *scoring.Method, p float64, kind scoring.Kind) map[string]any {
	a := map[string]any{}
	for _, ind := range m.Indicators() {
		r := rng.Float64()
		switch {
		case ind.NAAllowed && rng.Intn(12) == 0:
			a[ind.Code] = "na"
		case r < p:
			a[ind.Code] = 3
		case r < p+(1-p)*0.6:
			a[ind.Code] = 2
		case r < p+(1-p)*0.9:
			a[ind.Code] = 1
		default:
			a[ind.Code] = 0
		}
	}
	return a
}

func toAnswers(raw map[string]any) map[string]scoring.Answer {
	out := map[string]scoring.Answer{}
	for k, v := range raw {
		if v == "na" {
			out[k] = scoring.NotApplicable()
		} else {
			out[k] = scoring.Level(v.(int))
		}
	}
	return out
}

func main() {
	m22, _ := scoring.Preset("2022")
	m25, _ := scoring.Preset("2025")
	rng := rand.New(rand.NewSource(2022))
	prob := map[string]float64{"A": 0.85, "B": 0.62, "C": 0.3}
	type unitOut struct {
		ID      string         `json:"id"`
		Name    string         `json:"name"`
		Answers map[string]any `json:"answers"`
	}
	type entOut struct {
		ID       string    `json:"id"`
		Name     string    `json:"name"`
		Kind     string    `json:"kind"`
		Province string    `json:"province"`
		FollowUp bool      `json:"follow_up,omitempty"`
		Units    []unitOut `json:"units"`
	}
	var out22, out25 []entOut
	type hist struct {
		ID       string `json:"id"`
		Name     string `json:"name"`
		Kind     string `json:"kind"`
		Province string `json:"province"`
		Score    string `json:"score"`
	}
	var out21 []hist
	for _, e := range entities() {
		for try := 0; ; try++ {
			var units []unitOut
			var su []scoring.Unit
			for i, u := range e.units {
				id := fmt.Sprintf("%s-%d", e.id, i+1)
				a := draw(rng, m22, prob[e.target], e.kind)
				units = append(units, unitOut{id, u, a})
				su = append(su, scoring.Unit{ID: id, Name: u, Answers: toAnswers(a)})
			}
			r, err := scoring.ScoreEntity(m22, scoring.Entity{ID: e.id, Name: e.name, Kind: e.kind, Province: "17", Units: su})
			if err != nil {
				panic(err)
			}
			if r.Category != e.target || (e.id == "pemkab-kaur" && (r.Score < 9350 || r.Score > 9450)) {
				continue
			}
			out22 = append(out22, entOut{e.id, e.name, string(e.kind), "17", false, units})
			break
		}
		// 2025: the same answers plus the secondary-data and public-trust indicators.
		last := out22[len(out22)-1]
		var units25 []unitOut
		for _, u := range last.Units {
			a := map[string]any{}
			for k, v := range u.Answers {
				a[k] = v
			}
			extra := draw(rng, m25, prob[e.target], e.kind)
			for _, c := range []string{"OU.DS.01", "KPB.SK.01", "KPB.SK.02", "KPB.SK.03", "KPB.SK.04", "KPB.SK.05"} {
				a[c] = extra[c]
			}
			units25 = append(units25, unitOut{u.ID, u.Name, a})
		}
		out25 = append(out25, entOut{last.ID, last.Name, last.Kind, "17", rng.Intn(3) > 0, units25})
		// 2021: a compliance score, loosely related.
		out21 = append(out21, hist{e.id, e.name, string(e.kind), "17", fmt.Sprintf("%d.%02d", 45+rng.Intn(50), rng.Intn(100))})
	}
	type file struct {
		Format   string `json:"format"`
		Method   string `json:"method"`
		Entities any    `json:"entities"`
	}
	write("scoring/testdata/bengkulu-2022.answers.json", file{scoring.FormatAnswers, "2022", out22})
	write("scoring/testdata/bengkulu-2025.answers.json", file{scoring.FormatAnswers, "2025", out25})
	write("scoring/testdata/bengkulu-2021.scores.json", file{scoring.FormatScores, "2021", out21})
}

func write(path string, v any) {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		panic(err)
	}
	if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
		panic(err)
	}
}
