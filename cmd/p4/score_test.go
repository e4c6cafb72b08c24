package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ombudsman-ri/p4/scoring"
)

const (
	bengkulu2022 = "../../scoring/testdata/bengkulu-2022.answers.json"
	bengkulu2021 = "../../scoring/testdata/bengkulu-2021.scores.json"
)

func score(t *testing.T, stdin string, args ...string) (string, string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := runScore(args, strings.NewReader(stdin), &out, &errOut)
	return out.String(), errOut.String(), err
}

func writeTemp(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

type cliEntity struct {
	ID         string  `json:"id"`
	Score      float64 `json:"score"`
	Category   string  `json:"category"`
	Opinion    string  `json:"opinion"`
	Zone       string  `json:"zone"`
	Rank       int     `json:"rank"`
	Complete   bool    `json:"complete"`
	Dimensions []struct {
		Code    string  `json:"code"`
		Points  float64 `json:"points"`
		Max     float64 `json:"max"`
		Percent float64 `json:"percent"`
	} `json:"dimensions"`
}

type cliOutput struct {
	Method   struct{ Code string } `json:"method"`
	Complete bool                  `json:"complete"`
	Entities []cliEntity           `json:"entities"`
	Rankings []struct {
		Group struct{ Kind, Province string } `json:"group"`
		Rows  []struct {
			ID            string `json:"id"`
			Rank          int    `json:"rank"`
			NotComparable bool   `json:"not_comparable"`
		} `json:"rows"`
	} `json:"rankings"`
	Explanations []struct {
		ID           string            `json:"id"`
		Improvements []json.RawMessage `json:"improvements"`
		NextCategory struct {
			Reachable bool `json:"reachable"`
		} `json:"next_category"`
	} `json:"explanations"`
}

func decode(t *testing.T, s string) cliOutput {
	t.Helper()
	var o cliOutput
	if err := json.Unmarshal([]byte(s), &o); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, s)
	}
	return o
}

func entityByID(t *testing.T, o cliOutput, id string) cliEntity {
	t.Helper()
	for _, e := range o.Entities {
		if e.ID == id {
			return e
		}
	}
	t.Fatalf("entity %s not in output", id)
	return cliEntity{}
}

func TestScoreAnswersJSON(t *testing.T) {
	out, _, err := score(t, "", "--method", "2022", "--answers", bengkulu2022)
	if err != nil {
		t.Fatal(err)
	}
	o := decode(t, out)
	kaur := entityByID(t, o, "pemkab-kaur")
	if kaur.Score != 93.60 || kaur.Category != "A" || kaur.Opinion != "Kualitas Tertinggi" || kaur.Zone != "green" || kaur.Rank != 1 || !kaur.Complete {
		t.Errorf("Kaur: got %+v, want 93.60 A Kualitas Tertinggi green rank 1 complete", kaur)
	}
	if len(kaur.Dimensions) != 4 || kaur.Dimensions[0].Code != "IN" || kaur.Dimensions[0].Max != 21.85 || kaur.Dimensions[0].Percent <= 0 {
		t.Errorf("Kaur dimensions: got %+v, want IN first with max 21.85", kaur.Dimensions)
	}
	// Scores are JSON numbers with exactly two decimals.
	if !regexp.MustCompile(`"score": 93\.60,`).MatchString(out) {
		t.Error(`output lacks "score": 93.60 with two decimals`)
	}
	if len(o.Rankings) != 6 {
		t.Errorf("got %d rankings, want 6 (pemprov, pemkab, pemkot, kantah, polres, pemda/17)", len(o.Rankings))
	}
}

func TestScoreInstrumentFileEqualsPreset(t *testing.T) {
	data, err := scoring.PresetFile("2022")
	if err != nil {
		t.Fatal(err)
	}
	file := writeTemp(t, "method.json", string(data))
	a, _, err := score(t, "", "--instrument", file, "--answers", bengkulu2022)
	if err != nil {
		t.Fatal(err)
	}
	b, _, err := score(t, "", "--method", "2022", "--answers", bengkulu2022)
	if err != nil {
		t.Fatal(err)
	}
	if a != b {
		t.Error("scoring with the exported preset file differs from scoring with the preset")
	}
}

func TestScoreTable(t *testing.T) {
	out, _, err := score(t, "", "--method", "2022", "--answers", bengkulu2022, "--format", "table")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`(?m)^pemda, province 17$`),
		regexp.MustCompile(`(?m)^1\s+Kabupaten Kaur\s+93\.60\s+A\s+green\s+Kualitas Tertinggi\s+yes`),
		regexp.MustCompile(`(?m)^Totals: A 1, B 8, C 2, D 0, E 0$`),
		regexp.MustCompile(`(?m)^Kabupaten Kaur\s+93\.60\s+\d+\.\d\d/21\.85 \(\d+\.\d\d%\)`),
	} {
		if !want.MatchString(out) {
			t.Errorf("table lacks %s:\n%s", want, out)
		}
	}
}

func TestScoreHistoricalScores(t *testing.T) {
	out, _, err := score(t, "", "--method", "2021", "--scores", bengkulu2021)
	if err != nil {
		t.Fatal(err)
	}
	o := decode(t, out)
	for _, e := range o.Entities {
		if e.Category != "" {
			t.Errorf("%s: got category %q, want none for 2021", e.ID, e.Category)
		}
		want := "red"
		switch {
		case e.Score >= 81:
			want = "green"
		case e.Score >= 51:
			want = "yellow"
		}
		if e.Zone != want || e.Rank == 0 {
			t.Errorf("%s %.2f: got zone %s rank %d, want %s and a rank", e.ID, e.Score, e.Zone, e.Rank, want)
		}
	}
}

func TestScorePreviousNotComparable(t *testing.T) {
	out, _, err := score(t, "", "--method", "2022", "--answers", bengkulu2022, "--previous", bengkulu2021)
	if err != nil {
		t.Fatal(err)
	}
	o := decode(t, out)
	if row := o.Rankings[0].Rows[0]; !row.NotComparable {
		t.Errorf("got %+v, want not_comparable against 2021", row)
	}
	// A previous period of the same method gives movement.
	prev := writeTemp(t, "prev.json", `{"format":"p4-scores/1","method":"2022","entities":[
	  {"id":"pemkab-kaur","name":"Kabupaten Kaur","kind":"pemkab","province":"17","score":70},
	  {"id":"pemkab-seluma","name":"Kabupaten Seluma","kind":"pemkab","province":"17","score":99}]}`)
	out, _, err = score(t, "", "--method", "2022", "--answers", bengkulu2022, "--previous", prev, "--format", "table")
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`(?m)^1\s+Kabupaten Kaur\s+93\.60.*\+1 \(was 2\)$`).MatchString(out) {
		t.Errorf("table lacks Kaur's movement +1 (was 2):\n%s", out)
	}
}

func TestScoreExplain(t *testing.T) {
	out, _, err := score(t, "", "--method", "2022", "--answers", bengkulu2022, "--explain", "3")
	if err != nil {
		t.Fatal(err)
	}
	o := decode(t, out)
	if len(o.Explanations) != len(o.Entities) || len(o.Explanations[0].Improvements) != 3 {
		t.Fatalf("got %d explanations (first with %d improvements), want one per entity with 3", len(o.Explanations), len(o.Explanations[0].Improvements))
	}
	out, _, err = score(t, "", "--method", "2022", "--answers", bengkulu2022, "--explain", "2", "--format", "table")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "Kabupaten Seluma: largest improvements") || !strings.Contains(out, "To reach B (Kualitas Tinggi):") {
		t.Errorf("table lacks the explanation of Seluma:\n%s", out)
	}
}

func TestScoreStdin(t *testing.T) {
	in := `{"format":"p4-answers/1","entities":[{"id":"k","name":"Kantah K","kind":"kantah","units":[{"id":"u","answers":{"IN.KP.01":3}}]}]}`
	out, _, err := score(t, in, "--method", "2022", "--answers", "-")
	if err != nil {
		t.Fatal(err)
	}
	e := decode(t, out).Entities[0]
	// One Input indicator of 15 at 3, the rest unanswered: 21.85/15 = 1.456… → 1.46, incomplete.
	if e.Score != 1.46 || e.Complete || e.Category != "E" {
		t.Errorf("got %+v, want 1.46 E incomplete", e)
	}
}

func TestScoreErrors(t *testing.T) {
	badAnswers := writeTemp(t, "answers.json", `{"format":"p4-answers/1","entities":[
	  {"id":"k","name":"K","kind":"kantah","units":[{"id":"u","answers":{"IN.KP.01":7,"XX.01":1}}]},
	  {"id":"k","name":"K2","kind":"desa","units":[],"rank":3}]}`)
	shapeOnly := writeTemp(t, "shape.json", `{"format":"p4-answers/1","entities":[{"id":"k","name":"K","kind":"kantah","units":[{"id":"u","answers":{"IN.KP.01":7}}]}]}`)
	syntax := writeTemp(t, "syntax.json", "{\n\"format\": \"p4-answers/1\",\n\"entities\": [}\n")
	preset, _ := scoring.PresetFile("2022")
	badMethod := writeTemp(t, "method.json", strings.Replace(string(preset), `"weight": "32.37"`, `"weight": "32.36"`, 1))
	forOther := writeTemp(t, "other.json", `{"format":"p4-answers/1","method":"2025","entities":[]}`)
	noMethodPrev := writeTemp(t, "prev.json", `{"format":"p4-scores/1","entities":[]}`)
	tests := []struct {
		name string
		args []string
		want []string // lines of the error, in order
	}{
		{"no input", []string{"--method", "2022"}, []string{"score: give exactly one of --answers FILE or --scores FILE"}},
		{"no method", []string{"--answers", bengkulu2022}, []string{"score: give exactly one of --instrument FILE or --method NAME"}},
		{"unknown preset", []string{"--method", "1999", "--answers", bengkulu2022}, []string{`score: --method: unknown preset "1999", want one of 2021, 2022, 2025`}},
		{"bad format", []string{"--method", "2022", "--answers", bengkulu2022, "--format", "xml"}, []string{`score: --format "xml": want json or table`}},
		{"missing file", []string{"--method", "2022", "--answers", "/nonexistent/a.json"}, []string{"/nonexistent/a.json: cannot read: no such file or directory"}},
		{"shape and method problems, all at once", []string{"--method", "2022", "--answers", badAnswers}, []string{
			badAnswers + `: entities[1].kind: unknown kind "desa", want one of pemprov, pemkab, pemkot, kantah, polres, kementerian, lembaga`,
			badAnswers + `: entities[1].rank: unknown field: ranks are never imported: P4 recomputes them from the scores`,
			badAnswers + `: entities[0].units[0].answers["IN.KP.01"]: answer 7 is outside 0..3`,
			badAnswers + `: entities[0].units[0].answers["XX.01"]: unknown indicator "XX.01"`,
			badAnswers + `: entities[1].id: entity id "k" is also used by entities[0]`,
			badAnswers + `: entities[1].units: an assessed entity needs at least one unit, or an imported score`,
		}},
		{"scoring problems", []string{"--method", "2022", "--answers", shapeOnly}, []string{
			shapeOnly + `: entities[0].units[0].answers["IN.KP.01"]: answer 7 is outside 0..3`,
		}},
		{"syntax", []string{"--method", "2022", "--answers", syntax}, []string{syntax + ": line 3, column 14: invalid character '}' looking for beginning of value"}},
		{"bad method file", []string{"--instrument", badMethod, "--answers", bengkulu2022}, []string{
			badMethod + `: instrument.dimensions[3].weight: dimension weights sum to 99.99, want 100`,
		}},
		{"answers for another method", []string{"--method", "2022", "--answers", forOther}, []string{forOther + `: method: the file is for method "2025", but scoring uses method "2022"`}},
		{"previous without method", []string{"--method", "2022", "--answers", bengkulu2022, "--previous", noMethodPrev}, []string{noMethodPrev + `: method: required: name the method of the previous period (e.g. "2021"), so P4 can tell whether ranks are comparable`}},
		{"answers with a bands-only method", []string{"--method", "2021", "--answers", shapeOnly}, []string{shapeOnly + ": entities[0].units[0]: method 2021 has no instrument: give the unit's score, not answers"}},
		{"explain scores", []string{"--method", "2021", "--scores", bengkulu2021, "--explain", "3"}, []string{"score: --explain needs --answers: given scores cannot be explained"}},
		{"stdin twice", []string{"--instrument", "-", "--answers", "-"}, []string{"score: only one FILE can be - (standard input)"}},
		{"unknown flag", []string{"--colour"}, []string{"score: flag provided but not defined: -colour"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := score(t, "", tt.args...)
			if err == nil {
				t.Fatal("got no error, want one")
			}
			if got := strings.Split(err.Error(), "\n"); strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", err, strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestScoreHelp(t *testing.T) {
	out, _, err := score(t, "", "--help")
	if err != nil {
		t.Fatalf("--help: got error %v, want none", err)
	}
	if !strings.HasPrefix(out, "Usage: p4 score ") || !strings.Contains(out, "--answers") || !strings.Contains(out, "ranks them in their peer") {
		t.Errorf("help text: got\n%s", out)
	}
}
