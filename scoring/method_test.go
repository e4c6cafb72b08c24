package scoring

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func mustPreset(t testing.TB, name string) *Method {
	t.Helper()
	m, err := Preset(name)
	if err != nil {
		t.Fatalf("Preset(%q): %v", name, err)
	}
	return m
}

func TestClassify2022BandEdges(t *testing.T) {
	m := mustPreset(t, "2022")
	tests := []struct {
		score    string
		category string
		opinion  string
		zone     Zone
	}{
		{"100", "A", "Kualitas Tertinggi", ZoneGreen},
		{"88.00", "A", "Kualitas Tertinggi", ZoneGreen},
		{"87.99", "B", "Kualitas Tinggi", ZoneGreen},
		{"78.00", "B", "Kualitas Tinggi", ZoneGreen},
		{"77.99", "C", "Kualitas Sedang", ZoneYellow},
		{"54.00", "C", "Kualitas Sedang", ZoneYellow},
		{"53.99", "D", "Kualitas Rendah", ZoneRed},
		{"32.00", "D", "Kualitas Rendah", ZoneRed},
		{"31.99", "E", "Kualitas Terendah", ZoneRed},
		{"0", "E", "Kualitas Terendah", ZoneRed},
	}
	for _, tt := range tests {
		t.Run(tt.score, func(t *testing.T) {
			s, _ := ParseScore(tt.score)
			b, err := Classify(m, s)
			if err != nil {
				t.Fatal(err)
			}
			if b.Category != tt.category || b.Opinion != tt.opinion || b.Zone != tt.zone {
				t.Errorf("Classify(%s) = %s %q %s, want %s %q %s", tt.score, b.Category, b.Opinion, b.Zone, tt.category, tt.opinion, tt.zone)
			}
		})
	}
}

func TestClassify2021Zones(t *testing.T) {
	m := mustPreset(t, "2021")
	tests := []struct {
		score   string
		opinion string
		zone    Zone
	}{
		{"100", "Kepatuhan Tinggi", ZoneGreen},
		{"81.00", "Kepatuhan Tinggi", ZoneGreen},
		{"80.99", "Kepatuhan Sedang", ZoneYellow},
		{"51.00", "Kepatuhan Sedang", ZoneYellow},
		{"50.99", "Kepatuhan Rendah", ZoneRed},
		{"0", "Kepatuhan Rendah", ZoneRed},
	}
	for _, tt := range tests {
		t.Run(tt.score, func(t *testing.T) {
			s, _ := ParseScore(tt.score)
			b, err := Classify(m, s)
			if err != nil {
				t.Fatal(err)
			}
			if b.Category != "" || b.Opinion != tt.opinion || b.Zone != tt.zone {
				t.Errorf("Classify(%s) = %q %q %s, want no letter, %q %s", tt.score, b.Category, b.Opinion, b.Zone, tt.opinion, tt.zone)
			}
		})
	}
}

func TestClassifyOutOfRange(t *testing.T) {
	m := mustPreset(t, "2022")
	for _, s := range []Score{-1, 10001} {
		if _, err := Classify(m, s); err == nil {
			t.Errorf("Classify(%s): got no error, want one", s)
		}
	}
}

func TestLookupBand(t *testing.T) {
	m22 := mustPreset(t, "2022")
	m21 := mustPreset(t, "2021")
	tests := []struct {
		name  string
		m     *Method
		label string
		want  string // opinion, "" = not found
	}{
		{"letter", m22, "C", "Kualitas Sedang"},
		{"alias cukup", m22, "cukup", "Kualitas Sedang"},
		{"kategori prefix", m22, "Kategori Cukup", "Kualitas Sedang"},
		{"opinion", m22, "kualitas tinggi", "Kualitas Tinggi"},
		{"english opinion", m22, "Lowest quality", "Kualitas Terendah"},
		{"shared zone is ambiguous", m22, "hijau", ""},
		{"unique zone", m22, "kuning", "Kualitas Sedang"},
		{"2021 zone", m21, "Zona Hijau", "Kepatuhan Tinggi"},
		{"2021 english zone", m21, "red", "Kepatuhan Rendah"},
		{"unknown", m22, "F", ""},
		{"empty", m22, " ", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, ok := tt.m.LookupBand(tt.label)
			got := ""
			if ok {
				got = b.Opinion
			}
			if got != tt.want {
				t.Errorf("LookupBand(%q) = %q, want %q", tt.label, got, tt.want)
			}
		})
	}
}

func TestPresetsValidate(t *testing.T) {
	want := map[string]struct {
		indicators int
		dims       []string
		weights    []string
	}{
		"2021": {0, nil, nil},
		"2022": {40, []string{"IN", "PR", "OU", "PG"}, []string{"21.85", "32.37", "24.24", "21.54"}},
		"2025": {46, []string{"IN", "PR", "OU", "PG", "KPB"}, []string{"15.30", "22.66", "16.97", "15.08", "30.00"}},
	}
	if got := strings.Join(Presets(), ","); got != "2021,2022,2025" {
		t.Fatalf("Presets() = %s, want 2021,2022,2025", got)
	}
	for _, name := range Presets() {
		t.Run(name, func(t *testing.T) {
			data, err := PresetFile(name)
			if err != nil {
				t.Fatal(err)
			}
			m, err := ParseFile(data)
			if err != nil {
				t.Fatalf("ParseFile(preset %s): %v", name, err)
			}
			w := want[name]
			if got := len(m.Indicators()); got != w.indicators {
				t.Errorf("got %d indicators, want %d", got, w.indicators)
			}
			for i, dp := range m.plan.dims {
				if dp.dim.Code != w.dims[i] || ScoreFromRat(dp.points).String() != w.weights[i] {
					t.Errorf("dimension %d = %s %s, want %s %s", i, dp.dim.Code, ScoreFromRat(dp.points), w.dims[i], w.weights[i])
				}
			}
			if m.Instrument != nil && m.plan.maxW.Cmp(hundred) != 0 {
				t.Errorf("dimension points sum to %s, want 100", m.plan.maxW.RatString())
			}
			for _, ind := range m.Indicators() {
				if ind.Name == "" || ind.NameEn == "" || ind.Question == "" || ind.Guidance == "" || ind.Evidence == "" || len(ind.Levels) != 4 {
					t.Errorf("indicator %s lacks name, name_en, question, guidance, evidence or 4 levels", ind.Code)
				}
			}
		})
	}
	if _, err := PresetFile("../go.mod"); err == nil {
		t.Error("PresetFile(../go.mod): got no error, want one")
	}
}

func TestPreset2022Indicators(t *testing.T) {
	m := mustPreset(t, "2022")
	perVariable := map[string]int{}
	for _, d := range m.Instrument.Dimensions {
		for _, ind := range d.Indicators {
			perVariable[d.Code+"/"+ind.Variable]++
		}
	}
	want := map[string]int{"IN/KP": 6, "IN/SP": 9, "PR/ST": 11, "OU/PM": 5, "PG/PP": 9}
	for k, n := range want {
		if perVariable[k] != n {
			t.Errorf("%s has %d indicators, want %d", k, perVariable[k], n)
		}
	}
}

// smallFile is a valid method file to mutate in tests: one dimension of two
// indicators, bands A (50) and B (0).
func smallFile() map[string]any {
	return map[string]any{
		"format": "p4-method/1",
		"method": map[string]any{
			"code": "t", "name": "Test", "family": "test", "rounding": "units_then_entity",
			"roll_up": map[string]any{"pemprov": "mean", "pemkab": "mean", "pemkot": "weighted_mean", "kantah": "single", "polres": "single", "kementerian": "mean", "lembaga": "mean"},
			"bands": []any{
				map[string]any{"category": "A", "opinion": "Baik", "zone": "green", "lower": 50},
				map[string]any{"category": "B", "opinion": "Buruk", "zone": "red", "lower": 0},
			},
		},
		"instrument": map[string]any{
			"code": "T", "name": "Test",
			"dimensions": []any{
				map[string]any{"code": "D1", "name": "Satu", "weight": 100, "indicators": []any{
					map[string]any{"code": "I1", "name": "Satu", "question": "?", "source": "document", "weight": "1/3"},
					map[string]any{"code": "I2", "name": "Dua", "question": "?", "source": "observation", "weight": "2/3", "na_allowed": true},
				}},
			},
		},
	}
}

func marshal(t testing.TB, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func dig(v any, path ...any) map[string]any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			v = v.(map[string]any)[k]
		case int:
			v = v.([]any)[k]
		}
	}
	return v.(map[string]any)
}

func problemsOf(t *testing.T, err error) []Problem {
	t.Helper()
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("got error %v (%T), want *ValidationError", err, err)
	}
	return ve.Problems
}

func TestParseFileProblems(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(f map[string]any)
		raw    string // used instead of the mutated file when set
		want   []Problem
	}{
		{
			name:   "weights do not sum to 1",
			mutate: func(f map[string]any) { dig(f, "instrument", "dimensions", 0, "indicators", 1)["weight"] = 0.6 },
			want:   []Problem{{"instrument.dimensions[0].indicators[1].weight", CodeWeightSum, `weights of dimension "Satu" sum to 14/15, want 1`}},
		},
		{
			name:   "weights on some indicators only",
			mutate: func(f map[string]any) { delete(dig(f, "instrument", "dimensions", 0, "indicators", 0), "weight") },
			want:   []Problem{{"instrument.dimensions[0].indicators[1].weight", CodeRequired, `weights of dimension "Satu" are given on 1 of 2 indicators: give a weight on every indicator or on none (equal shares)`}},
		},
		{
			name: "dimension weights do not sum to 100",
			mutate: func(f map[string]any) {
				dig(f, "instrument", "dimensions", 0)["weight"] = "99.99"
			},
			want: []Problem{{"instrument.dimensions[0].weight", CodeWeightSum, "dimension weights sum to 99.99, want 100"}},
		},
		{
			name: "unknown fields everywhere, all reported",
			mutate: func(f map[string]any) {
				f["extra"] = 1
				dig(f, "method")["colour"] = "x"
				dig(f, "instrument", "dimensions", 0, "indicators", 0)["weights"] = 1
			},
			want: []Problem{
				{"method.colour", CodeUnknownField, "unknown field"},
				{"instrument.dimensions[0].indicators[0].weights", CodeUnknownField, `unknown field: the key is "weight"`},
				{"extra", CodeUnknownField, "unknown field"},
			},
		},
		{
			name: "duplicate codes and bad closed sets",
			mutate: func(f map[string]any) {
				ind := dig(f, "instrument", "dimensions", 0, "indicators", 1)
				ind["code"] = "I1"
				ind["source"] = "rumour"
				ind["kinds"] = []any{"pemkab", "desa"}
				dig(f, "method", "bands", 1)["zone"] = "purple"
			},
			want: []Problem{
				{"method.bands[1].zone", CodeInvalid, `unknown zone "purple", want green, yellow or red`},
				{"instrument.dimensions[0].indicators[1].code", CodeDuplicateCode, `code "I1" is also used by dimensions[0].indicators[0]`},
				{"instrument.dimensions[0].indicators[1].kinds[1]", CodeInvalid, `unknown kind "desa", want one of pemprov, pemkab, pemkot, kantah, polres, kementerian, lembaga`},
				{"instrument.dimensions[0].indicators[1].source", CodeInvalid, `unknown source "rumour", want interview, observation, document, user_survey or secondary_data`},
			},
		},
		{
			name: "bad weight text and missing roll-up, together",
			mutate: func(f map[string]any) {
				dig(f, "instrument", "dimensions", 0, "indicators", 0)["weight"] = "1/3x"
				delete(dig(f, "method", "roll_up"), "polres")
			},
			want: []Problem{
				{"instrument.dimensions[0].indicators[0].weight", CodeInvalid, `"1/3x" is not a fraction like "1/11": write a plain decimal (0.25) or a fraction ("1/11")`},
				{"method.roll_up.polres", CodeRequired, "a roll-up rule for polres is required (mean, weighted_mean or single)"},
			},
		},
		{
			name: "bands without a zero band",
			mutate: func(f map[string]any) {
				dig(f, "method", "bands", 1)["lower"] = "10.00"
			},
			want: []Problem{{"method.bands", CodeRequired, "no band starts at 0.00: low scores would have no category"}},
		},
		{
			name: "band lower with 3 decimals",
			mutate: func(f map[string]any) {
				dig(f, "method", "bands", 0)["lower"] = 50.005
			},
			want: []Problem{{"method.bands[0].lower", CodeInvalid, `"50.005" has more than 2 decimals`}},
		},
		{
			name: "wrong types",
			mutate: func(f map[string]any) {
				dig(f, "method")["name"] = 3
				dig(f, "instrument", "dimensions", 0, "indicators", 1)["na_allowed"] = "yes"
			},
			want: []Problem{
				{"method.name", CodeType, "got a number, want a string"},
				{"instrument.dimensions[0].indicators[1].na_allowed", CodeType, "got a string, want a boolean"},
			},
		},
		{
			name:   "wrong format tag",
			mutate: func(f map[string]any) { f["format"] = "p4-method/2" },
			want:   []Problem{{"format", CodeUnsupported, `format "p4-method/2" is not supported, want "p4-method/1"`}},
		},
		{
			name: "syntax error with position",
			raw:  "{\n  \"format\": \"p4-method/1\",\n  \"method\": {,}\n}",
			want: []Problem{{"", CodeSyntax, "line 3, column 14: invalid character ','"}},
		},
		{
			name: "duplicate key",
			raw:  `{"format":"p4-method/1","format":"p4-method/1"}`,
			want: []Problem{{"format", CodeDuplicateKey, `key "format" appears twice in this object`}, {"method", CodeRequired, "a method object is required"}},
		},
		{
			name: "not an object",
			raw:  `[1]`,
			want: []Problem{{"", CodeType, "got an array, want an object"}},
		},
		{
			name: "trailing data",
			raw:  `{} {}`,
			want: []Problem{{"", CodeSyntax, "line 1, column 4: unexpected data after the top-level value"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := []byte(tt.raw)
			if tt.raw == "" {
				f := smallFile()
				tt.mutate(f)
				data = marshal(t, f)
			}
			_, err := ParseFile(data)
			got := problemsOf(t, err)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d problems, want %d:\n%v", len(got), len(tt.want), err)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("problem %d:\ngot  %+v\nwant %+v", i, got[i], tt.want[i])
				}
			}
		})
	}
}

func TestParseFileSmallIsValid(t *testing.T) {
	m, err := ParseFile(marshal(t, smallFile()))
	if err != nil {
		t.Fatal(err)
	}
	if m.Instrument.Scale.Max != 3 {
		t.Errorf("got default scale max %d, want 3", m.Instrument.Scale.Max)
	}
}

func TestValidateBuiltInGo(t *testing.T) {
	m := mustPreset(t, "2022")
	m.Instrument.Dimensions[1].Indicators[4].Weight.SetFrac64(1, 12)
	err := m.Validate()
	got := problemsOf(t, err)
	want := Problem{"instrument.dimensions[1].indicators[10].weight", CodeWeightSum, `weights of dimension "Proses" sum to 131/132, want 1`}
	if len(got) != 1 || got[0] != want {
		t.Fatalf("got %v, want %v", got, want)
	}
	if _, err := ScoreEntity(m, Entity{ID: "x", Kind: KindKantah, Units: []Unit{{ID: "u"}}}); err == nil {
		t.Error("scoring with an invalid method: got no error, want one")
	}
}
