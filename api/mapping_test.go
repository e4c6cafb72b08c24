package api_test

import (
	"bytes"
	"encoding/json"
	"slices"
	"sort"
	"testing"

	"github.com/ombudsman-ri/p4/scoring"
)

type mappingView struct {
	Year         int
	PreviousYear *int `json:"previous_year"`
	Comparable   bool
	Stored       bool
	Items        []struct {
		Indicator string
		Previous  *string
		Suggested bool
		Weight    string
	}
	PreviousIndicators []struct {
		Code     string
		MappedTo string `json:"mapped_to"`
	} `json:"previous_indicators"`
}

func (m mappingView) item(t *testing.T, code string) (previous string, suggested bool) {
	t.Helper()
	for _, it := range m.Items {
		if it.Indicator == code {
			if it.Previous == nil {
				return "(new)", it.Suggested
			}
			return *it.Previous, it.Suggested
		}
	}
	t.Fatalf("no item %s in the mapping", code)
	return "", false
}

func (m mappingView) mappedTo(t *testing.T, code string) string {
	t.Helper()
	for _, p := range m.PreviousIndicators {
		if p.Code == code {
			return p.MappedTo
		}
	}
	t.Fatalf("no previous indicator %s", code)
	return ""
}

func problemFields(t *testing.T, r response) []string {
	t.Helper()
	var p struct {
		Errors []struct{ Field, Code string }
	}
	if err := json.Unmarshal(r.body, &p); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range p.Errors {
		out = append(out, e.Field+":"+e.Code)
	}
	sort.Strings(out)
	return out
}

// A 2024 period copied from 2023 gets an instrument in which one indicator
// was renumbered; the admin maps it to its 2023 predecessor, and the mapping
// is validated whole, stored, audited, shown to coordinators, and voided
// line by line when the instrument changes again.
func TestIndicatorMappingOverHTTP(t *testing.T) {
	s := newServer(t)
	admin := s.signedIn("admin@p4.demo")
	coord := s.signedIn("koordinator@p4.demo")

	if res := admin.do("POST", "/api/v1/periods", map[string]any{"year": 2024, "copy_from_year": 2023}, nil); res.status != 201 {
		t.Fatalf("create 2024: %d %s", res.status, res.body)
	}
	preset, err := scoring.PresetFile("2022")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(preset, []byte(`"IN.KP.06"`)) {
		t.Fatal("the 2022 preset has no IN.KP.06")
	}
	renumbered := bytes.Replace(preset, []byte(`"IN.KP.06"`), []byte(`"IN.KP.60"`), 1)
	put := func(file []byte) {
		t.Helper()
		var per struct{ Version int }
		json.Unmarshal(admin.do("GET", "/api/v1/periods/2024", nil, nil).body, &per)
		if res := admin.do("PUT", "/api/v1/periods/2024/method", file, map[string]string{"If-Match": `"` + itoa(int64(per.Version)) + `"`}); res.status != 200 {
			t.Fatalf("replace the 2024 method: %d %s", res.status, res.body)
		}
	}
	put(renumbered)

	get := func(c *client) mappingView {
		t.Helper()
		res := c.do("GET", "/api/v1/periods/2024/indicator-mapping", nil, nil)
		if res.status != 200 {
			t.Fatalf("get mapping: %d %s", res.status, res.body)
		}
		var m mappingView
		if err := json.Unmarshal(res.body, &m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	m := get(admin)
	if m.PreviousYear == nil || *m.PreviousYear != 2023 || !m.Comparable || m.Stored {
		t.Fatalf("fresh mapping: previous %v comparable %v stored %v, want 2023 true false", m.PreviousYear, m.Comparable, m.Stored)
	}
	if p, sug := m.item(t, "IN.KP.01"); p != "IN.KP.01" || !sug {
		t.Errorf("IN.KP.01: got %s suggested %v, want IN.KP.01 suggested", p, sug)
	}
	if p, sug := m.item(t, "IN.KP.60"); p != "(new)" || !sug {
		t.Errorf("IN.KP.60: got %s suggested %v, want new, suggested", p, sug)
	}
	if got := m.mappedTo(t, "IN.KP.06"); got != "" {
		t.Errorf("IN.KP.06 of 2023 mapped to %q, want dropped", got)
	}

	lines := func(override map[string]any) []map[string]any {
		var out []map[string]any
		for _, it := range m.Items {
			var prev any = it.Indicator
			if it.Indicator == "IN.KP.60" {
				prev = nil
			}
			if v, ok := override[it.Indicator]; ok {
				if v == "omit" {
					continue
				}
				prev = v
			}
			out = append(out, map[string]any{"indicator": it.Indicator, "previous": prev})
		}
		return out
	}

	// Every problem at once: a missing line, an unknown predecessor, a
	// predecessor continued twice, an unknown indicator.
	bad := lines(map[string]any{"IN.KP.02": "omit", "IN.KP.03": "XX.99", "IN.KP.04": "IN.KP.05"})
	bad = append(bad, map[string]any{"indicator": "ZZ.01", "previous": nil})
	res := admin.do("PUT", "/api/v1/periods/2024/indicator-mapping", map[string]any{"items": bad}, nil)
	if res.status != 422 {
		t.Fatalf("invalid mapping: got %d, want 422 (%s)", res.status, res.body)
	}
	want := []string{"indicators.IN.KP.02:required", "items[1].previous:unknown_indicator", "items[39].indicator:unknown_indicator", "items[3].previous:duplicate"}
	if got := problemFields(t, res); !slices.Equal(got, want) {
		t.Errorf("field errors:\n got %v\nwant %v", got, want)
	}
	var n int64
	s.db.Raw(`SELECT count(*) FROM indicator_mappings`).Scan(&n)
	if n != 0 {
		t.Fatalf("an invalid mapping stored %d rows", n)
	}

	// Coordinators read it, only admins save it.
	good := map[string]any{"items": lines(map[string]any{"IN.KP.60": "IN.KP.06"}), "reason": "IN.KP.06 dinomori ulang menjadi IN.KP.60"}
	if res := coord.do("PUT", "/api/v1/periods/2024/indicator-mapping", good, nil); res.status != 403 {
		t.Errorf("coordinator saves a mapping: got %d, want 403", res.status)
	}
	res = admin.do("PUT", "/api/v1/periods/2024/indicator-mapping", good, nil)
	if res.status != 200 {
		t.Fatalf("save mapping: %d %s", res.status, res.body)
	}
	m = get(coord)
	if !m.Stored {
		t.Error("after saving every line, stored is false")
	}
	if p, sug := m.item(t, "IN.KP.60"); p != "IN.KP.06" || sug {
		t.Errorf("IN.KP.60: got %s suggested %v, want IN.KP.06 stored", p, sug)
	}
	if got := m.mappedTo(t, "IN.KP.06"); got != "IN.KP.60" {
		t.Errorf("IN.KP.06 of 2023 mapped to %q, want IN.KP.60", got)
	}
	s.db.Raw(`SELECT count(*) FROM indicator_mappings m JOIN periods p ON p.id = m.period_id WHERE p.year = 2024`).Scan(&n)
	if n != int64(len(m.Items)) || n != 40 {
		t.Errorf("stored rows: got %d, want one per indicator (%d, 40)", n, len(m.Items))
	}
	var audit struct {
		Reason string
		New    string
	}
	s.db.Raw(`SELECT reason, new_value::text AS new FROM audit_log WHERE action = 'period.indicator_mapping' ORDER BY id DESC LIMIT 1`).Scan(&audit)
	if audit.Reason != "IN.KP.06 dinomori ulang menjadi IN.KP.60" || !bytes.Contains([]byte(audit.New), []byte(`"IN.KP.60": "IN.KP.06"`)) {
		t.Errorf("audit row: reason %q new %s", audit.Reason, audit.New)
	}

	// Back to the preset: the line of IN.KP.60 is void, IN.KP.06 is
	// suggested again, the other stored lines stay.
	put(preset)
	m = get(admin)
	if m.Stored {
		t.Error("after the instrument changed, stored is still true")
	}
	if p, sug := m.item(t, "IN.KP.06"); p != "IN.KP.06" || !sug {
		t.Errorf("IN.KP.06: got %s suggested %v, want IN.KP.06 suggested", p, sug)
	}
	if p, sug := m.item(t, "IN.KP.01"); p != "IN.KP.01" || sug {
		t.Errorf("IN.KP.01: got %s suggested %v, want IN.KP.01 stored", p, sug)
	}

	// A published period's mapping is locked; the first period has nothing to map to.
	if res := admin.do("PUT", "/api/v1/periods/2022/indicator-mapping", good, nil); res.status != 409 {
		t.Errorf("published period: got %d, want 409", res.status)
	}
	res = admin.do("GET", "/api/v1/periods/2021/indicator-mapping", nil, nil)
	var first mappingView
	json.Unmarshal(res.body, &first)
	if res.status != 200 || first.PreviousYear != nil || len(first.Items) != 0 {
		t.Errorf("2021 mapping: %d previous %v items %d, want 200 null 0", res.status, first.PreviousYear, len(first.Items))
	}
	if res := admin.do("PUT", "/api/v1/periods/2021/indicator-mapping", map[string]any{"items": []any{}}, nil); res.status != 409 && res.status != 422 {
		t.Errorf("2021 mapping save: got %d, want 409 (published) or 422", res.status)
	}
}

// The instrument workbook of a period imports back as a method version,
// whose file the period can take (the web app's Excel import path).
func TestInstrumentWorkbookRoundTrip(t *testing.T) {
	s := newServer(t)
	admin := s.signedIn("admin@p4.demo")
	if res := admin.do("POST", "/api/v1/periods", map[string]any{"year": 2024, "method_preset": "2022"}, nil); res.status != 201 {
		t.Fatalf("create 2024: %d %s", res.status, res.body)
	}
	wb := admin.do("GET", "/api/v1/periods/2024/instrument.xlsx", nil, nil)
	if wb.status != 200 || wb.header.Get("Content-Disposition") != `attachment; filename=p4-instrumen-2024.xlsx` {
		t.Fatalf("workbook: %d %q", wb.status, wb.header.Get("Content-Disposition"))
	}
	res := upload(admin, "/api/v1/imports/instrument", "p4-instrumen-2024.xlsx", wb.body)
	if res.status != 200 {
		t.Fatalf("import the exported workbook: %d %s", res.status, res.body)
	}
	var sum struct{ Method struct{ ID int64 } }
	json.Unmarshal(res.body, &sum)
	file := admin.do("GET", "/api/v1/methods/"+itoa(sum.Method.ID), nil, nil)
	if file.status != 200 {
		t.Fatalf("method file: %d %s", file.status, file.body)
	}
	imported, err := scoring.ParseFile(file.body)
	if err != nil {
		t.Fatalf("the stored file does not parse: %v", err)
	}
	preset, _ := scoring.Preset("2022")
	if len(imported.Indicators()) != len(preset.Indicators()) {
		t.Errorf("indicators after the round trip: got %d, want %d", len(imported.Indicators()), len(preset.Indicators()))
	}
	var per struct{ Version int }
	json.Unmarshal(admin.do("GET", "/api/v1/periods/2024", nil, nil).body, &per)
	if res := admin.do("PUT", "/api/v1/periods/2024/method", file.body, map[string]string{"If-Match": `"` + itoa(int64(per.Version)) + `"`}); res.status != 200 {
		t.Fatalf("give the period the imported version: %d %s", res.status, res.body)
	}
	var after struct{ Method struct{ ID int64 } }
	json.Unmarshal(admin.do("GET", "/api/v1/periods/2024", nil, nil).body, &after)
	if after.Method.ID != sum.Method.ID {
		t.Errorf("period method: got %d, want the imported version %d", after.Method.ID, sum.Method.ID)
	}
	if res := s.signedIn("penilai1@p4.demo").do("GET", "/api/v1/methods/"+itoa(sum.Method.ID), nil, nil); res.status != 403 {
		t.Errorf("assessor reads a method version: got %d, want 403", res.status)
	}
}
