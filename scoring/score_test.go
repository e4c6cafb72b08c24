package scoring

import (
	"encoding/json"
	"math/big"
	"testing"
)

func TestScoreFromRat(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"exact", "93.28", "93.28"},
		{"half rounds up", "93.2775", "93.28"},
		{"below half rounds down", "93.274999", "93.27"},
		{"exactly half", "0.005", "0.01"},
		{"just below half", "0.00499999", "0.00"},
		{"repeating third", "200/3", "66.67"},
		{"repeating one ninth", "1/9", "0.11"},
		{"zero", "0", "0.00"},
		{"hundred", "100", "100.00"},
		{"negative half away from zero", "-0.005", "-0.01"},
		{"negative below half", "-0.004", "0.00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, ok := new(big.Rat).SetString(tt.in)
			if !ok {
				t.Fatalf("bad test input %q", tt.in)
			}
			if got := ScoreFromRat(r).String(); got != tt.want {
				t.Errorf("ScoreFromRat(%s) = %s, want %s", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseScore(t *testing.T) {
	tests := []struct {
		in      string
		want    Score
		wantErr bool
	}{
		{"94.1", 9410, false},
		{"94.10", 9410, false},
		{"94", 9400, false},
		{"0.01", 1, false},
		{"-3.5", -350, false},
		{"94.105", 0, true},
		{"1e2", 0, true},
		{"", 0, true},
		{".5", 0, true},
		{"5.", 0, true},
		{"abc", 0, true},
		{"1/2", 0, true},
		{"99999999999999999999999", 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseScore(tt.in)
			if (err != nil) != tt.wantErr {
				t.Fatalf("ParseScore(%q) error = %v, want error %v", tt.in, err, tt.wantErr)
			}
			if got != tt.want {
				t.Errorf("ParseScore(%q) = %d, want %d", tt.in, got, tt.want)
			}
		})
	}
}

func TestScoreJSON(t *testing.T) {
	b, err := json.Marshal(struct {
		S Score `json:"s"`
		N Score `json:"n"`
	}{9410, -50})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(b), `{"s":94.10,"n":-0.50}`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	var back struct{ S, Q Score }
	if err := json.Unmarshal([]byte(`{"S":94.1,"Q":"7.05"}`), &back); err != nil {
		t.Fatal(err)
	}
	if back.S != 9410 || back.Q != 705 {
		t.Errorf("got %v %v, want 94.10 7.05", back.S, back.Q)
	}
	if err := json.Unmarshal([]byte(`{"S":94.123}`), &back); err == nil {
		t.Error("got no error for 3 decimals, want one")
	}
}

func TestParseWeight(t *testing.T) {
	tests := []struct {
		in      string
		want    string
		wantErr bool
	}{
		{"0.25", "1/4", false},
		{"1/11", "1/11", false},
		{"21.85", "437/20", false},
		{"1", "1", false},
		{"1/0", "", true},
		{"-0.2", "", true},
		{"1e-3", "", true},
		{"1/", "", true},
		{"/3", "", true},
		{"0x10", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := parseWeight(tt.in)
			if (err != nil) != tt.wantErr {
				t.Fatalf("parseWeight(%q) error = %v, want error %v", tt.in, err, tt.wantErr)
			}
			if err == nil && got.RatString() != tt.want {
				t.Errorf("parseWeight(%q) = %s, want %s", tt.in, got.RatString(), tt.want)
			}
		})
	}
}
