// Package excel writes P4's workbooks — the leadership workbook of a period,
// an agency's report card, the import templates — and reads the import
// workbooks (instrument, locus, users, historical results). It is the only
// package that imports excelize. It is pure: it takes plain values (the
// assessment package's views) and writes to an io.Writer, or reads an
// io.Reader into rows for the assessment service; it never touches the
// database or HTTP.
//
// Workbooks are written for people: Indonesian sheet names and headers,
// numbers as numbers with two decimals ("0.00"), zones as a filled cell with
// their word (Hijau, Kuning, Merah), frozen header rows, autofilters, set
// column widths, and print settings (landscape, fit to width, header row
// repeated on every page). Big sheets go through excelize's StreamWriter, so
// a national workbook is written in bounded memory.
package excel

import (
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/ombudsman-ri/p4/assessment"
	"github.com/ombudsman-ri/p4/scoring"
)

// ContentType is the media type of an .xlsx workbook.
const ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// ZoneFill is the fill colour (RGB hex) of a zone's cell.
var ZoneFill = map[scoring.Zone]string{
	scoring.ZoneGreen:  "63BE7B",
	scoring.ZoneYellow: "FFEB84",
	scoring.ZoneRed:    "F8696B",
}

// ZoneWord is the Indonesian word of a zone, written in its cell.
var ZoneWord = map[scoring.Zone]string{
	scoring.ZoneGreen:  "Hijau",
	scoring.ZoneYellow: "Kuning",
	scoring.ZoneRed:    "Merah",
}

// zones in listing order.
var zones = []scoring.Zone{scoring.ZoneGreen, scoring.ZoneYellow, scoring.ZoneRed}

// Number formats: excelize's built-in 2 is "0.00", 1 is "0".
const (
	fmtTwoDecimals = 2
	fmtInteger     = 1
)

// wib is Western Indonesia Time, in which export times are shown.
var wib = time.FixedZone("WIB", 7*60*60)

// kindLabel is the display label of an entity kind or peer group.
func kindLabel(k string) string {
	switch k {
	case scoring.GroupPemda:
		return "Pemda"
	case "pemprov":
		return "Pemprov"
	case "pemkab":
		return "Pemkab"
	case "pemkot":
		return "Pemkot"
	case "kantah":
		return "Kantah"
	case "polres":
		return "Polres"
	case "kementerian":
		return "Kementerian"
	case "lembaga":
		return "Lembaga"
	}
	return k
}

// groupKind returns the kind part of a peer-group key ("pemda/17" → "pemda").
func groupKind(g string) string {
	for i := 0; i < len(g); i++ {
		if g[i] == '/' {
			return g[:i]
		}
	}
	return g
}

var unitStateLabel = map[string]string{
	assessment.UnitDraft:     "draf",
	assessment.UnitSubmitted: "diajukan",
	assessment.UnitReturned:  "dikembalikan",
	assessment.UnitAccepted:  "diterima",
}

var entityStateLabel = map[string]string{
	assessment.EntityAssessing: "sedang dinilai",
	assessment.EntityVerified:  "terverifikasi",
	assessment.EntityFinal:     "final",
	assessment.EntityPublished: "dipublikasikan",
}

var periodStatusLabel = map[string]string{
	assessment.PeriodPlanning:  "perencanaan",
	assessment.PeriodOpen:      "berjalan",
	assessment.PeriodClosed:    "ditutup",
	assessment.PeriodPublished: "dipublikasikan",
}

// wallClock is t's wall-clock time in WIB as a UTC time: excelize stores a
// time as the serial of its UTC instant, and a reader should see WIB.
func wallClock(t time.Time) time.Time {
	w := t.In(wib)
	return time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), w.Second(), 0, time.UTC)
}

// scoreValue is a score as the number a cell holds.
func scoreValue(s scoring.Score) float64 { return float64(s) / 100 }

// decimalValue is a stored decimal ("18.0000") as a number.
func decimalValue(n json.Number) float64 {
	f, _ := strconv.ParseFloat(string(n), 64)
	return f
}

// styles are the cell styles of one workbook.
type styles struct {
	title, subtitle, header, text, wrap, bold, num2, int, movement, date int
	zone                                                                 map[scoring.Zone]int
}

func newStyles(f *excelize.File) (*styles, error) {
	s := &styles{zone: map[scoring.Zone]int{}}
	border := []excelize.Border{{Type: "left", Color: "BFBFBF", Style: 1}, {Type: "right", Color: "BFBFBF", Style: 1},
		{Type: "top", Color: "BFBFBF", Style: 1}, {Type: "bottom", Color: "BFBFBF", Style: 1}}
	movement := "+0;-0;0"
	date := `yyyy-mm-dd hh:mm "WIB"`
	defs := []struct {
		dst *int
		st  excelize.Style
	}{
		{&s.title, excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}},
		{&s.subtitle, excelize.Style{Font: &excelize.Font{Italic: true, Color: "595959"}}},
		{&s.header, excelize.Style{Font: &excelize.Font{Bold: true}, Border: border,
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}},
			Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}}},
		{&s.text, excelize.Style{Alignment: &excelize.Alignment{Vertical: "top"}}},
		{&s.wrap, excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}},
		{&s.bold, excelize.Style{Font: &excelize.Font{Bold: true}}},
		{&s.num2, excelize.Style{NumFmt: fmtTwoDecimals, Alignment: &excelize.Alignment{Vertical: "top"}}},
		{&s.int, excelize.Style{NumFmt: fmtInteger, Alignment: &excelize.Alignment{Vertical: "top"}}},
		{&s.movement, excelize.Style{CustomNumFmt: &movement, Alignment: &excelize.Alignment{Vertical: "top"}}},
		{&s.date, excelize.Style{CustomNumFmt: &date, Alignment: &excelize.Alignment{Horizontal: "left"}}},
	}
	for _, d := range defs {
		id, err := f.NewStyle(&d.st)
		if err != nil {
			return nil, err
		}
		*d.dst = id
	}
	for _, z := range zones {
		id, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Border: border,
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{ZoneFill[z]}},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}})
		if err != nil {
			return nil, err
		}
		s.zone[z] = id
	}
	return s, nil
}

// zoneCell is a zone's word in its fill.
func (s *styles) zoneCell(z scoring.Zone) excelize.Cell {
	if w, ok := ZoneWord[z]; ok {
		return excelize.Cell{Value: w, StyleID: s.zone[z]}
	}
	return excelize.Cell{Value: string(z), StyleID: s.text}
}

// printable sets a sheet up for printing: A4 landscape, fit to one page wide,
// the first rows repeated on every page, and a page header naming it.
// Call it before the sheet is streamed.
func printable(f *excelize.File, sheet string, headerRows int, title string) error {
	landscape, a4, one, zero := "landscape", 9, 1, 0
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &landscape, Size: &a4, FitToWidth: &one, FitToHeight: &zero}); err != nil {
		return err
	}
	fit := true
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	margin := 0.4
	if err := f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{Left: &margin, Right: &margin, Top: &margin, Bottom: &margin}); err != nil {
		return err
	}
	if err := f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{
		OddHeader: "&L&\"-,Bold\"" + escapeHeader(title),
		OddFooter: "&LP4 — Ombudsman Republik Indonesia&RHalaman &P dari &N",
	}); err != nil {
		return err
	}
	if headerRows > 0 {
		return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: fmt.Sprintf("'%s'!$1:$%d", sheet, headerRows), Scope: sheet})
	}
	return nil
}

// escapeHeader doubles the ampersands of text in a print header.
func escapeHeader(s string) string {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '&' {
			out = append(out, '&')
		}
		out = append(out, s[i])
	}
	return string(out)
}

// cell returns the A1 name of a column and row (both from 1).
func cell(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}

// colName returns the letters of a column (from 1).
func colName(col int) string {
	name, _ := excelize.ColumnNumberToName(col)
	return name
}

// column is one column of a streamed table: its header and width.
type column struct {
	header string
	width  float64
}

// table streams one sheet: a header row, frozen, filtered and printable.
type table struct {
	f     *excelize.File
	sw    *excelize.StreamWriter
	sheet string
	cols  int
	row   int
}

// newTable creates the sheet, sets it up (widths, frozen header, print
// settings) and writes its header row; rows follow through add.
func newTable(f *excelize.File, st *styles, sheet, title string, cols []column) (*table, error) {
	if _, err := f.NewSheet(sheet); err != nil {
		return nil, err
	}
	if err := printable(f, sheet, 1, title); err != nil {
		return nil, err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return nil, err
	}
	for i, c := range cols {
		if err := sw.SetColWidth(i+1, i+1, c.width); err != nil {
			return nil, err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}); err != nil {
		return nil, err
	}
	head := make([]any, len(cols))
	for i, c := range cols {
		head[i] = excelize.Cell{Value: c.header, StyleID: st.header}
	}
	t := &table{f: f, sw: sw, sheet: sheet, cols: len(cols), row: 1}
	if err := sw.SetRow("A1", head, excelize.RowOpts{Height: 30}); err != nil {
		return nil, err
	}
	return t, nil
}

// add writes the next row.
func (t *table) add(values []any) error {
	t.row++
	return t.sw.SetRow(cell(1, t.row), values)
}

// close sets the autofilter over every written row and ends the stream.
func (t *table) close() error {
	if err := t.f.AutoFilter(t.sheet, fmt.Sprintf("A1:%s", cell(t.cols, max(t.row, 2))), nil); err != nil {
		return err
	}
	return t.sw.Flush()
}
