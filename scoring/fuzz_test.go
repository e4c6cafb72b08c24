package scoring

import (
	"errors"
	"testing"
)

func isValidationError(err error) bool {
	var ve *ValidationError
	return errors.As(err, &ve) && len(ve.Problems) > 0
}

func FuzzParseFile(f *testing.F) {
	for _, name := range Presets() {
		b, err := PresetFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add(marshal(f, smallFile()))
	for _, s := range []string{
		``, `{`, `[]`, `null`, `{"format":"p4-method/1"}`,
		`{"format":"p4-method/1","method":{"bands":[{"lower":"1e999999"}]}}`,
		`{"format":"p4-method/1","method":{},"instrument":{"dimensions":[{"weight":"1/0","indicators":[{"weight":"99999999999999999999/3"}]}]}}`,
		`{"a":1,"a":2}`, `{"format":"p4-method/1"} x`, "\xff",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := ParseFile(data)
		if err != nil {
			if !isValidationError(err) {
				t.Fatalf("rejection is %T %v, want *ValidationError", err, err)
			}
			return
		}
		// An accepted method classifies every score and scores a full unit.
		for _, s := range []Score{0, 5000, MaxScore} {
			if _, err := Classify(m, s); err != nil {
				t.Fatalf("accepted method cannot classify %s: %v", s, err)
			}
		}
		if m.Instrument != nil {
			for _, k := range Kinds() {
				a := map[string]Answer{}
				for _, ip := range m.plan.inds {
					if ip.appliesTo(k) {
						a[ip.ind.Code] = Level(ip.max)
					}
				}
				r, err := ScoreUnit(m, k, Unit{ID: "u", Answers: a})
				if err != nil {
					if !isValidationError(err) {
						t.Fatalf("scoring error is %T %v, want *ValidationError", err, err)
					}
					continue // a kind with no indicator in some dimension
				}
				if r.Score != MaxScore {
					t.Fatalf("every answer at its maximum scores %s for %s, want 100.00", r.Score, k)
				}
			}
		}
	})
}

func FuzzParseAnswers(f *testing.F) {
	f.Add([]byte(`{"format":"p4-answers/1","entities":[{"id":"k","name":"K","kind":"kantah","units":[{"id":"u","answers":{"IN.KP.01":3,"PR.ST.04":"na","OU.PM.01":null}}]}]}`))
	f.Add([]byte(`{"format":"p4-answers/1","entities":[{"id":"k","name":"K","kind":"pemkab","not_assessed":"menolak","units":[]}]}`))
	f.Add([]byte(`{"format":"p4-answers/1","entities":[{"id":"k","name":"K","kind":"pemkot","units":[{"id":"u","weight":"1/3","answers":{"X":-1,"Y":1.5,"Z":"tiga"}}],"rank":1}]}`))
	f.Add([]byte(`{"format":"p4-answers/1","entities":[1,{"units":{}}]}`))
	f.Add([]byte(`{"format":"p4-answers/1"`))
	m := mustPreset(f, "2022")
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := ParseAnswers(data)
		if err != nil {
			if !isValidationError(err) {
				t.Fatalf("rejection is %T %v, want *ValidationError", err, err)
			}
			return
		}
		r, err := ScorePeriod(m, a.Entities, nil)
		if err != nil {
			if !isValidationError(err) {
				t.Fatalf("scoring rejection is %T %v, want *ValidationError", err, err)
			}
			return
		}
		for _, e := range r.Entities {
			if e.Score < 0 || e.Score > MaxScore {
				t.Fatalf("score %s outside 0..100", e.Score)
			}
		}
	})
}

func FuzzParseScores(f *testing.F) {
	f.Add([]byte(`{"format":"p4-scores/1","method":"2021","entities":[{"id":"k","name":"K","kind":"kantah","score":81}]}`))
	f.Add([]byte(`{"format":"p4-scores/1","entities":[{"id":"k","name":"K","kind":"pemkab","category":"cukup","units":[{"id":"u","score":"70.5"}]}]}`))
	f.Add([]byte(`{"format":"p4-scores/1","entities":[{"id":"k","name":"K","kind":"pemkab","score":101,"rank":1}]}`))
	m := mustPreset(f, "2022")
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := ParseScores(data)
		if err != nil {
			if !isValidationError(err) {
				t.Fatalf("rejection is %T %v, want *ValidationError", err, err)
			}
			return
		}
		if _, err := ScorePeriod(m, s.Entities, nil); err != nil && !isValidationError(err) {
			t.Fatalf("scoring rejection is %T %v, want *ValidationError", err, err)
		}
	})
}
