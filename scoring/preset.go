package scoring

import (
	"embed"
	"fmt"
	"sort"
	"strings"
)

//go:embed presets/*.json
var presetFS embed.FS

// Presets returns the names of the methods shipped in the binary: "2021"
// (compliance zones up to 2021, bands only), "2022" (four dimensions,
// 2022–2024) and "2025" (composite with public trust).
func Presets() []string {
	entries, _ := presetFS.ReadDir("presets")
	var names []string
	for _, e := range entries {
		names = append(names, strings.TrimSuffix(e.Name(), ".json"))
	}
	sort.Strings(names)
	return names
}

// PresetFile returns the method file of a preset, as `p4 instrument export`
// writes it for users to start from.
func PresetFile(name string) ([]byte, error) {
	data, err := presetFS.ReadFile("presets/" + name + ".json")
	if err != nil || strings.ContainsAny(name, "/\\.") {
		return nil, fmt.Errorf("unknown preset %q, want one of %s", name, strings.Join(Presets(), ", "))
	}
	return data, nil
}

// Preset parses a shipped method with ParseFile. Each call returns a new
// Method, so callers may keep it without sharing.
func Preset(name string) (*Method, error) {
	data, err := PresetFile(name)
	if err != nil {
		return nil, err
	}
	m, err := ParseFile(data)
	if err != nil {
		return nil, fmt.Errorf("preset %s: %w", name, err)
	}
	return m, nil
}
