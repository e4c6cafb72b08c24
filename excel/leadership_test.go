package excel_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/ombudsman-ri/p4/excel"
	"github.com/ombudsman-ri/p4/scoring"
)

func writeLeadership(t testing.TB, fx *fixture, province string) []byte {
	t.Helper()
	var buf bytes.Buffer
	last := -1
	err := excel.WriteLeadership(&buf, fx.workbook(t, province), func(p int) {
		if p < last {
			t.Errorf("progress went back from %d to %d", last, p)
		}
		last = p
	})
	if err != nil {
		t.Fatal(err)
	}
	if last != 100 {
		t.Errorf("progress ended at %d, want 100", last)
	}
	return buf.Bytes()
}

func open(t testing.TB, data []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("the written workbook does not open: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// style returns the style of a cell.
func style(t testing.TB, f *excelize.File, sheet, c string) *excelize.Style {
	t.Helper()
	id, err := f.GetCellStyle(sheet, c)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func value(t testing.TB, f *excelize.File, sheet, c string) string {
	t.Helper()
	v, err := f.GetCellValue(sheet, c, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// cellType reports "number" for numeric cells and "text" for strings.
func cellType(t testing.TB, f *excelize.File, sheet, c string) string {
	t.Helper()
	ct, err := f.GetCellType(sheet, c)
	if err != nil {
		t.Fatal(err)
	}
	switch ct {
	case excelize.CellTypeNumber, excelize.CellTypeUnset:
		if value(t, f, sheet, c) == "" {
			return "empty"
		}
		return "number"
	case excelize.CellTypeSharedString, excelize.CellTypeInlineString, excelize.CellTypeFormula:
		return "text"
	}
	return fmt.Sprint(ct)
}

func wantNumber(t testing.TB, f *excelize.File, sheet, c, want string, format int) {
	t.Helper()
	if got := cellType(t, f, sheet, c); got != "number" {
		t.Errorf("%s!%s is %s (%q), want a number", sheet, c, got, value(t, f, sheet, c))
		return
	}
	if want != "" {
		if got := value(t, f, sheet, c); got != want {
			t.Errorf("%s!%s = %s, want %s", sheet, c, got, want)
		}
	}
	if st := style(t, f, sheet, c); format >= 0 && st.NumFmt != format {
		t.Errorf("%s!%s number format %d, want %d", sheet, c, st.NumFmt, format)
	}
}

func wantText(t testing.TB, f *excelize.File, sheet, c, want string) {
	t.Helper()
	if got := value(t, f, sheet, c); got != want {
		t.Errorf("%s!%s = %q, want %q", sheet, c, got, want)
	}
}

// zipParts returns the parts of a workbook's zip by name.
func zipParts(t testing.TB, data []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		out[zf.Name] = string(b)
	}
	return out
}

// filters returns each sheet's autofilter range from the workbook's defined
// names, checked against the sheet XML.
func filters(t testing.TB, f *excelize.File, data []byte) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm._FilterDatabase" {
			out[dn.Scope] = dn.RefersTo
		}
	}
	refs := 0
	for name, xml := range zipParts(t, data) {
		if strings.HasPrefix(name, "xl/worksheets/sheet") && strings.Contains(xml, "<autoFilter ref=") {
			refs++
		}
	}
	if refs != len(out) {
		t.Errorf("%d sheets have an autoFilter element, %d a filter range name", refs, len(out))
	}
	return out
}

func TestLeadershipWorkbookProvince(t *testing.T) {
	fx := provinceFixture(t)
	data := writeLeadership(t, fx, "17")
	f := open(t, data)

	wantSheets := []string{"Ringkasan", "Peringkat Pemda", "Peringkat Kantah", "Peringkat Polres", "Dimensi", "Indikator", "Metode"}
	if got := f.GetSheetList(); !slices.Equal(got, wantSheets) {
		t.Fatalf("sheets %v, want %v", got, wantSheets)
	}
	if i := f.GetActiveSheetIndex(); i != 0 {
		t.Errorf("sheet %d opens first, want Ringkasan", i)
	}

	// Ringkasan: the counts per category and zone of each group.
	wb := fx.workbook(t, "17")
	head := []string{"Kelompok", "Dinilai", "A", "B", "C", "D", "E", "Hijau", "Kuning", "Merah", "Tidak dinilai"}
	for i, h := range head {
		wantText(t, f, "Ringkasan", cellName(i+1, 5), h)
	}
	for gi, g := range wb.Groups {
		r := 6 + gi
		wantNumber(t, f, "Ringkasan", cellName(2, r), fmt.Sprint(len(g.Items)), 1)
		for ci, c := range []string{"A", "B", "C", "D", "E"} {
			wantNumber(t, f, "Ringkasan", cellName(3+ci, r), fmt.Sprint(g.Categories[c]), 1)
		}
		for zi, z := range []string{"green", "yellow", "red"} {
			wantNumber(t, f, "Ringkasan", cellName(8+zi, r), fmt.Sprint(g.Zones[z]), 1)
		}
		wantNumber(t, f, "Ringkasan", cellName(11, r), fmt.Sprint(len(g.NotAssessed)), 1)
	}
	wantText(t, f, "Ringkasan", "A6", "Pemda (pemprov, pemkab, pemkot)")
	wantText(t, f, "Ringkasan", "A9", "Jumlah")
	wantNumber(t, f, "Ringkasan", "B9", "30", 1) // 10 Pemda + 10 + 10 assessed
	wantNumber(t, f, "Ringkasan", "K9", "1", 1)

	// Two native charts (categories, zones) over the summary table.
	parts := zipParts(t, data)
	charts := 0
	for name, xml := range parts {
		if !strings.HasPrefix(name, "xl/charts/chart") {
			continue
		}
		charts++
		if !strings.Contains(xml, "<barChart>") || !strings.Contains(xml, `<barDir val="col">`) {
			t.Errorf("%s is not a column chart", name)
		}
		if !strings.Contains(xml, "Ringkasan!$A$6:$A$8") {
			t.Errorf("%s does not take its categories from the summary table", name)
		}
	}
	if charts != 2 {
		t.Errorf("%d charts, want 2 (categories and zones)", charts)
	}
	if !strings.Contains(parts["xl/charts/chart1.xml"], "Ringkasan!$C$6:$C$8") || !strings.Contains(parts["xl/charts/chart2.xml"], "Ringkasan!$H$6:$H$8") {
		t.Error("chart series do not point at the category and zone columns")
	}
	if !strings.Contains(parts["xl/charts/chart2.xml"], excel.ZoneFill[scoring.ZoneGreen]) {
		t.Error("the zone chart does not colour the green series green")
	}

	// A ranking sheet: numbers are numbers, zones filled and named.
	sh := "Peringkat Pemda"
	wantText(t, f, sh, "A1", "Peringkat")
	wantText(t, f, sh, "E1", "Nilai")
	wantText(t, f, sh, "I1", "Input (maks 21.85)")
	wantText(t, f, sh, "M1", "Nilai 2021")
	wantText(t, f, sh, "O1", "Perubahan peringkat")
	pemda := wb.Groups[0]
	for i, r := range pemda.Items {
		row := i + 2
		wantNumber(t, f, sh, cellName(1, row), fmt.Sprint(r.Rank), 1)
		wantText(t, f, sh, cellName(2, row), r.Entity)
		wantNumber(t, f, sh, cellName(5, row), "", 2)
		if got, _ := f.GetCellValue(sh, cellName(5, row)); got != r.Score.String() {
			t.Errorf("%s!E%d shows %s, want %s", sh, row, got, r.Score)
		}
		wantText(t, f, sh, cellName(6, row), *r.Category)
		zc := cellName(8, row)
		wantText(t, f, sh, zc, excel.ZoneWord[r.Zone])
		if st := style(t, f, sh, zc); len(st.Fill.Color) != 1 || !strings.EqualFold(st.Fill.Color[0], "#"+excel.ZoneFill[r.Zone]) && !strings.EqualFold(st.Fill.Color[0], excel.ZoneFill[r.Zone]) {
			t.Errorf("%s!%s (%s) fill %v, want %s", sh, zc, r.Zone, st.Fill.Color, excel.ZoneFill[r.Zone])
		}
		wantNumber(t, f, sh, cellName(9, row), "", 2)
		switch {
		case r.NotComparable:
			wantText(t, f, sh, cellName(15, row), "tidak sebanding")
		case r.Movement != nil:
			wantNumber(t, f, sh, cellName(15, row), fmt.Sprint(*r.Movement), -1)
			if st := style(t, f, sh, cellName(15, row)); st.CustomNumFmt == nil || *st.CustomNumFmt != "+0;-0;0" {
				t.Errorf("movement format %v, want +0;-0;0", st.CustomNumFmt)
			}
		}
	}
	// The not-assessed Pemda is listed last, unranked.
	last := len(pemda.Items) + 2
	wantText(t, f, sh, cellName(1, last), "")
	wantText(t, f, sh, cellName(16, last), "tidak dinilai")
	// Band edges: 88.00 is A, 87.99 is B.
	for _, r := range pemda.Items {
		if r.Score == 8800 && *r.Category != "A" || r.Score == 8799 && *r.Category != "B" {
			t.Errorf("%s %s is %s", r.Entity, r.Score, *r.Category)
		}
	}

	// Frozen header rows, autofilter over every table, print setup.
	flt := filters(t, f, data)
	for _, s := range wantSheets[1:6] {
		panes, err := f.GetPanes(s)
		if err != nil {
			t.Fatal(err)
		}
		if !panes.Freeze || panes.YSplit != 1 || panes.TopLeftCell != "A2" {
			t.Errorf("%s panes %+v, want the header row frozen", s, panes)
		}
		if flt[s] == "" {
			t.Errorf("%s has no autofilter", s)
		}
		lay, err := f.GetPageLayout(s)
		if err != nil {
			t.Fatal(err)
		}
		if lay.Orientation == nil || *lay.Orientation != "landscape" || lay.FitToWidth == nil || *lay.FitToWidth != 1 {
			t.Errorf("%s page layout %+v, want landscape, fit to width", s, lay)
		}
		props, err := f.GetSheetProps(s)
		if err != nil {
			t.Fatal(err)
		}
		if props.FitToPage == nil || !*props.FitToPage {
			t.Errorf("%s: fit to page is off", s)
		}
		if w, _ := f.GetColWidth(s, "B"); w < 10 {
			t.Errorf("%s column B width %v: widths not set", s, w)
		}
	}
	if got, want := flt["Peringkat Pemda"], "'Peringkat Pemda'!$A$1:$P$12"; got != want && got != "'Peringkat Pemda'!A1:P12" {
		t.Errorf("Peringkat Pemda filter %q, want %q", got, want)
	}
	titles := map[string]string{}
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" {
			titles[dn.Scope] = dn.RefersTo
		}
	}
	if titles["Peringkat Pemda"] != "'Peringkat Pemda'!$1:$1" || titles["Ringkasan"] != "'Ringkasan'!$1:$5" {
		t.Errorf("print titles %v", titles)
	}
	if p, _ := f.GetPanes("Ringkasan"); !p.Freeze || p.YSplit != 5 {
		t.Errorf("Ringkasan panes %+v, want the table header frozen", p)
	}

	// Dimensi: the entity row then its units, points and percents as numbers.
	wantText(t, f, "Dimensi", "F2", "(entitas)")
	wantText(t, f, "Dimensi", "H1", "Input (poin)")
	wantText(t, f, "Dimensi", "I1", "Input (%)")
	wantNumber(t, f, "Dimensi", "G2", "", 2)
	wantNumber(t, f, "Dimensi", "H2", "", 2)
	wantNumber(t, f, "Dimensi", "I3", "", 2)
	rows, _ := f.GetRows("Dimensi")
	wantRows := 1
	for _, e := range fx.entities {
		if e.assessed {
			wantRows += 1 + fx.unitsOf(e)
		}
	}
	if len(rows) != wantRows {
		t.Errorf("Dimensi has %d rows, want %d", len(rows), wantRows)
	}

	// Indikator: one row per answer, answers as numbers.
	rows, _ = f.GetRows("Indikator")
	if len(rows) != wb.Answers+1 {
		t.Errorf("Indikator has %d rows, want %d answers + header", len(rows), wb.Answers)
	}
	wantText(t, f, "Indikator", "H2", "IN.KP.01")
	wantText(t, f, "Indikator", "H41", "PG.PP.09")
	for r := 2; r < 42; r++ {
		if value(t, f, "Indikator", cellName(12, r)) == "ya" {
			continue
		}
		wantNumber(t, f, "Indikator", cellName(10, r), "", 1)
		wantNumber(t, f, "Indikator", cellName(11, r), "3", 1)
	}

	// Metode: bands with zones, weights as numbers, who exported when.
	wantText(t, f, "Metode", "A1", "Metode penilaian")
	found := false
	mrows, _ := f.GetRows("Metode")
	for i, r := range mrows {
		if len(r) > 1 && r[0] == "Diekspor oleh" && r[1] == "Bambang Sutrisno" {
			found = true
		}
		if len(r) > 0 && r[0] == "A" && len(r) > 4 {
			wantText(t, f, "Metode", cellName(3, i+1), "Hijau")
			wantNumber(t, f, "Metode", cellName(4, i+1), "88", 2)
			wantNumber(t, f, "Metode", cellName(5, i+1), "100", 2)
		}
		if len(r) > 4 && r[0] == "IN.KP.01" && r[4] != "1/15" {
			t.Errorf("IN.KP.01 weight %q, want 1/15", r[4])
		}
	}
	if !found {
		t.Error("Metode does not say who exported")
	}
	for _, r := range mrows {
		if len(r) > 1 && r[0] == "Diekspor pada" && r[1] != "2022-12-26 10:04 WIB" {
			t.Errorf("export time shown as %q, want 2022-12-26 10:04 WIB", r[1])
		}
	}
}

var cellRe = regexp.MustCompile(`^[A-Z]+[0-9]+$`)

func cellName(col, row int) string {
	c, err := excelize.CoordinatesToCellName(col, row)
	if err != nil || !cellRe.MatchString(c) {
		panic(fmt.Sprint(col, row))
	}
	return c
}

// The national workbook's shape: a sheet per kind. A twentieth of the
// national size keeps the race-detector run short; BenchmarkLeadershipNational
// writes the full size.
func TestLeadershipWorkbookNational(t *testing.T) {
	fx := nationalFixture(t, 20)
	data := writeLeadership(t, fx, "")
	f := open(t, data)
	want := []string{"Ringkasan", "Peringkat Pemprov", "Peringkat Pemkab", "Peringkat Pemkot", "Peringkat Kementerian", "Peringkat Lembaga", "Dimensi", "Indikator", "Metode"}
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Fatalf("sheets %v, want %v", got, want)
	}
	wantText(t, f, "Ringkasan", "A7", "Pemkab (nasional)")
	wantNumber(t, f, "Ringkasan", "B7", "22", 1)
	wantNumber(t, f, "Ringkasan", "B11", "32", 1)
	rows, err := f.Rows("Indikator")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for rows.Next() {
		n++
	}
	if n != 32*7*40+1 {
		t.Errorf("Indikator has %d rows, want %d", n, 32*7*40+1)
	}
}
