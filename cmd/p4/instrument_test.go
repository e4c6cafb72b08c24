package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/ombudsman-ri/p4/scoring"
)

func instrument(t *testing.T, stdin string, args ...string) (string, string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := runInstrument(args, strings.NewReader(stdin), &out, &errOut)
	return out.String(), errOut.String(), err
}

func TestInstrumentExportThenValidate(t *testing.T) {
	for _, name := range scoring.Presets() {
		t.Run(name, func(t *testing.T) {
			out, _, err := instrument(t, "", "export", "--preset", name)
			if err != nil {
				t.Fatal(err)
			}
			want, _ := scoring.PresetFile(name)
			if out != string(want) {
				t.Fatal("export differs from the embedded preset")
			}
			file := writeTemp(t, name+".json", out)
			got, _, err := instrument(t, "", "validate", file)
			if err != nil {
				t.Fatalf("validate the exported preset: %v", err)
			}
			if !strings.HasPrefix(got, file+": valid: method "+name+" ") {
				t.Errorf("got %q, want it to start with %q", got, file+": valid: method "+name)
			}
		})
	}
	out, _, _ := instrument(t, "", "validate", writeTemp(t, "m.json", string(must(scoring.PresetFile("2022")))))
	if !strings.Contains(out, "5 bands, 4 dimensions, 40 indicators (Input 15, Proses 11, Output 5, Pengaduan 9)") {
		t.Errorf("summary: got %q", out)
	}
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}

func TestInstrumentValidateProblems(t *testing.T) {
	preset := string(must(scoring.PresetFile("2022")))
	broken := strings.Replace(preset, `"weight": "1/11"`, `"weight": "1/10"`, 1)
	broken = strings.Replace(broken, `"source": "interview"`, `"source": "gossip"`, 1)
	broken = strings.Replace(broken, `"rounding": "units_then_entity"`, `"rounding": "units_then_entity", "colour": "blue"`, 1)
	file := writeTemp(t, "broken.json", broken)
	_, _, err := instrument(t, "", "validate", file)
	if err == nil {
		t.Fatal("got no error, want one")
	}
	want := []string{
		file + ": method.colour: unknown field",
		file + `: instrument.dimensions[0].indicators[0].source: unknown source "gossip", want interview, observation, document, user_survey or secondary_data`,
		file + `: instrument.dimensions[1].indicators[10].weight: weights of dimension "Proses" sum to 111/110, want 1`,
	}
	if err.Error() != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", err, strings.Join(want, "\n"))
	}
}

func TestInstrumentUsageErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no subcommand", nil, "instrument: give a subcommand: validate, export or presets"},
		{"unknown subcommand", []string{"frobnicate"}, `instrument: unknown subcommand "frobnicate": want validate, export or presets`},
		{"validate without file", []string{"validate"}, "instrument validate: give exactly one FILE"},
		{"validate missing file", []string{"validate", "/nonexistent.json"}, "/nonexistent.json: cannot read: no such file or directory"},
		{"validate syntax", []string{"validate", "-"}, "-: line 1, column 2: unexpected end of file"},
		{"export without preset", []string{"export"}, "instrument export: give --preset NAME (2021, 2022, 2025)"},
		{"export unknown preset", []string{"export", "--preset", "2030"}, `instrument export: unknown preset "2030", want one of 2021, 2022, 2025`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := instrument(t, "{", tt.args...)
			if err == nil || err.Error() != tt.want {
				t.Errorf("got %v, want %s", err, tt.want)
			}
		})
	}
}

func TestInstrumentHelpAndPresets(t *testing.T) {
	out, _, err := instrument(t, "", "--help")
	if err != nil || !strings.Contains(out, "validate FILE") || !strings.Contains(out, "export --preset NAME") {
		t.Errorf("help: got %q, %v", out, err)
	}
	out, _, err = instrument(t, "", "export", "--help")
	if err != nil || !strings.HasPrefix(out, "Usage: p4 instrument export --preset NAME") {
		t.Errorf("export help: got %q, %v", out, err)
	}
	out, _, err = instrument(t, "", "presets")
	if err != nil || !strings.Contains(out, "2022\tPenilaian Penyelenggaraan Pelayanan Publik 2022–2024") {
		t.Errorf("presets: got %q, %v", out, err)
	}
}
