package scoring

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// checkGolden compares got with testdata/name, or rewrites it with -update.
func checkGolden(t *testing.T, name string, got any) {
	t.Helper()
	b, err := json.MarshalIndent(got, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	b = append(b, '\n')
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./scoring -run Golden -update to create it)", err)
	}
	if !bytes.Equal(b, want) {
		gl, wl := bytes.Split(b, []byte("\n")), bytes.Split(want, []byte("\n"))
		for i := 0; i < len(gl) && i < len(wl); i++ {
			if !bytes.Equal(gl[i], wl[i]) {
				t.Fatalf("%s differs at line %d:\n got %s\nwant %s\n(review, then go test ./scoring -run Golden -update)", path, i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("%s differs in length: got %d lines, want %d", path, len(gl), len(wl))
	}
}

func scoreFile(t *testing.T, preset, answers string, prev *Previous) *PeriodResult {
	t.Helper()
	m := mustPreset(t, preset)
	f, err := ParseAnswers(readTestdata(t, answers))
	if err != nil {
		t.Fatal(err)
	}
	r, err := ScorePeriod(m, f.Entities, prev)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func history2021(t *testing.T) *PeriodResult {
	t.Helper()
	f, err := ParseScores(readTestdata(t, "bengkulu-2021.scores.json"))
	if err != nil {
		t.Fatal(err)
	}
	r, err := ScorePeriod(mustPreset(t, f.Method), f.Entities, nil)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func countsString(r *PeriodResult, group string) string {
	for _, g := range r.Rankings {
		if g.Group.String() == group {
			s := ""
			for _, c := range g.Counts {
				if c.Count > 0 {
					s += fmt.Sprintf("%s%s:%d ", c.Category, c.Zone, c.Count)
				}
			}
			return s
		}
	}
	return "no group " + group
}

func TestGolden2022Bengkulu(t *testing.T) {
	r := scoreFile(t, "2022", "bengkulu-2022.answers.json", history2021(t).AsPrevious())
	// The press release's table, recomputed from answers.
	for group, want := range map[string]string{
		"pemda/17": "Agreen:1 Bgreen:8 Cyellow:2 ",
		"kantah":   "Bgreen:8 Cyellow:2 ",
		"polres":   "Bgreen:8 Cyellow:2 ",
	} {
		if got := countsString(r, group); got != want {
			t.Errorf("%s counts: got %s, want %s", group, got, want)
		}
	}
	for _, g := range r.Rankings {
		if g.Group.String() == "pemda/17" {
			if top := g.Rows[0]; top.EntityID != "pemkab-kaur" || top.Rank != 1 || top.Score < 9350 || top.Score > 9450 {
				t.Errorf("best Pemda: got %s %s, want Kabupaten Kaur about 94", top.Name, top.Score)
			}
			if !g.Rows[0].NotComparable {
				t.Error("2021 scores are a different method family: want not_comparable")
			}
		}
	}
	if !r.Complete {
		t.Error("got an incomplete period, want complete")
	}
	checkGolden(t, "bengkulu-2022.golden.json", r)
}

func TestGolden2025Bengkulu(t *testing.T) {
	r := scoreFile(t, "2025", "bengkulu-2025.answers.json", nil)
	for _, e := range r.Entities {
		if len(e.Components) != 2 {
			t.Fatalf("%s: got %d components, want 2", e.ID, len(e.Components))
		}
	}
	checkGolden(t, "bengkulu-2025.golden.json", r)
}

func TestGolden2021Bengkulu(t *testing.T) {
	checkGolden(t, "bengkulu-2021.golden.json", history2021(t))
}

func TestGoldenExplainKaur(t *testing.T) {
	m := mustPreset(t, "2022")
	f, err := ParseAnswers(readTestdata(t, "bengkulu-2022.answers.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range f.Entities {
		if e.ID != "pemkab-seluma" {
			continue
		}
		x, err := Explain(m, e, 5)
		if err != nil {
			t.Fatal(err)
		}
		step, err := NextCategory(m, e)
		if err != nil {
			t.Fatal(err)
		}
		checkGolden(t, "seluma-2022.explain.golden.json", map[string]any{"top_improvements": x.Improvements, "indicators": x.Indicators, "next_category": step})
		return
	}
	t.Fatal("pemkab-seluma not in the data set")
}
