package scoring

import (
	"os"
	"regexp"
	"testing"
)

// TestDocExamples keeps the examples of docs/INSTRUMENT.md valid: each JSON
// block after an "<!-- example: KIND -->" marker is parsed, and the numbers
// the text states are checked.
func TestDocExamples(t *testing.T) {
	doc, err := os.ReadFile("../docs/INSTRUMENT.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := map[string][]byte{}
	for _, m := range regexp.MustCompile("(?s)<!-- example: (\\w+) -->\n```json\n(.*?)```").FindAllSubmatch(doc, -1) {
		blocks[string(m[1])] = m[2]
	}
	if len(blocks) != 3 {
		t.Fatalf("got %d examples, want method, answers and scores", len(blocks))
	}
	m, err := ParseFile(blocks["method"])
	if err != nil {
		t.Fatalf("method example: %v", err)
	}
	a, err := CheckAnswers(m, blocks["answers"])
	if err != nil {
		t.Fatalf("answers example: %v", err)
	}
	r, err := ScorePeriod(m, a.Entities, nil)
	if err != nil {
		t.Fatal(err)
	}
	kaur := r.Entities[0]
	if kaur.Units[0].Score.String() != "93.33" || !kaur.Units[0].Complete || kaur.Units[1].Complete || kaur.Complete {
		t.Errorf("Kaur: got unit scores %s (complete %v) and %s (complete %v), want 93.33 complete and an incomplete second unit",
			kaur.Units[0].Score, kaur.Units[0].Complete, kaur.Units[1].Score, kaur.Units[1].Complete)
	}
	if !r.Entities[2].NotAssessed {
		t.Error("Kabupaten X: want not assessed")
	}
	s, err := CheckScores(mustPreset(t, "2022"), blocks["scores"])
	if err != nil {
		t.Fatalf("scores example: %v", err)
	}
	r, err = ScorePeriod(mustPreset(t, "2022"), s.Entities, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Entities[0].Score.String(); got != "93.28" {
		t.Errorf("scores example Kaur: got %s, want 93.28", got)
	}
}
