package excel

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/ombudsman-ri/p4/assessment"
	"github.com/ombudsman-ri/p4/scoring"
)

// Sheet names of the leadership workbook; each peer group's ranking is on
// RankingSheet(group).
const (
	SheetSummary    = "Ringkasan"
	SheetDimensions = "Dimensi"
	SheetIndicators = "Indikator"
	SheetMethod     = "Metode"
)

// RankingSheet is the sheet name of a peer group's ranking ("Peringkat Pemda").
func RankingSheet(group string) string { return "Peringkat " + kindLabel(groupKind(group)) }

// Summary table position on the Ringkasan sheet: its header row; groups follow.
const summaryHeaderRow = 5

// WriteLeadership writes the leadership workbook of wb to w: Ringkasan
// (counts per category and zone of each peer group, with charts), one
// ranking sheet per peer group, Dimensi (dimension points of every entity and
// unit), Indikator (every answer with its notes, streamed) and Metode (bands,
// weights, instrument version, who exported when). progress, when not nil,
// is told the percentage done now and then.
func WriteLeadership(w io.Writer, wb assessment.Workbook, progress func(percent int)) error {
	if progress == nil {
		progress = func(int) {}
	}
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", SheetSummary); err != nil {
		return err
	}
	scope := "Nasional"
	if wb.ProvinceCode != "" {
		scope = "Provinsi " + wb.Province
	}
	lw := &leadershipWriter{f: f, st: st, wb: wb, scope: scope}
	if err := lw.summary(); err != nil {
		return fmt.Errorf("sheet %s: %w", SheetSummary, err)
	}
	for _, g := range wb.Groups {
		if err := lw.ranking(g); err != nil {
			return fmt.Errorf("sheet %s: %w", RankingSheet(g.Group), err)
		}
	}
	progress(5)
	if err := lw.dimensions(); err != nil {
		return fmt.Errorf("sheet %s: %w", SheetDimensions, err)
	}
	progress(15)
	if err := lw.indicators(func(done int) {
		if wb.Answers > 0 {
			progress(15 + 70*done/wb.Answers)
		}
	}); err != nil {
		return fmt.Errorf("sheet %s: %w", SheetIndicators, err)
	}
	progress(85)
	if err := lw.method(); err != nil {
		return fmt.Errorf("sheet %s: %w", SheetMethod, err)
	}
	if err := f.SetDocProps(&excelize.DocProperties{Title: lw.title(), Creator: "P4 — Ombudsman Republik Indonesia", Language: "id-ID"}); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	progress(100)
	return err
}

type leadershipWriter struct {
	f     *excelize.File
	st    *styles
	wb    assessment.Workbook
	scope string
}

func (lw *leadershipWriter) title() string {
	return fmt.Sprintf("Hasil Penilaian Penyelenggaraan Pelayanan Publik %d — %s", lw.wb.Period.Year, lw.scope)
}

// categories returns the method's band letters, highest band first.
func categories(m *scoring.Method) []string {
	bands := sortedBands(m)
	var out []string
	for _, b := range bands {
		if b.Category != "" {
			out = append(out, b.Category)
		}
	}
	return out
}

func sortedBands(m *scoring.Method) []scoring.Band {
	bands := append([]scoring.Band(nil), m.Bands...)
	sort.Slice(bands, func(i, j int) bool { return bands[i].Lower > bands[j].Lower })
	return bands
}

func (lw *leadershipWriter) summary() error {
	f, st, wb, sh := lw.f, lw.st, lw.wb, SheetSummary
	if err := printable(f, sh, summaryHeaderRow, lw.title()); err != nil {
		return err
	}
	set := func(c string, v any, style int) error {
		if err := f.SetCellValue(sh, c, v); err != nil {
			return err
		}
		return f.SetCellStyle(sh, c, c, style)
	}
	if err := set("A1", lw.title(), st.title); err != nil {
		return err
	}
	status := periodStatusLabel[wb.Period.Status]
	if err := set("A2", fmt.Sprintf("%s (%s) · metode %s versi %d · %s", wb.Period.Name, status, wb.Method.Name, wb.MethodVersion.Version,
		"entitas yang tidak dinilai tidak dihitung dalam sebaran"), st.subtitle); err != nil {
		return err
	}
	if err := set("A3", fmt.Sprintf("Diekspor %s WIB oleh %s", wb.ExportedAt.In(wib).Format("2006-01-02 15:04"), wb.ExportedBy), st.subtitle); err != nil {
		return err
	}
	cats := categories(wb.Method)
	head := []string{"Kelompok", "Dinilai"}
	head = append(head, cats...)
	for _, z := range zones {
		head = append(head, ZoneWord[z])
	}
	head = append(head, "Tidak dinilai")
	for i, h := range head {
		if err := set(cell(i+1, summaryHeaderRow), h, st.header); err != nil {
			return err
		}
	}
	totals := make([]int, len(head))
	for gi, g := range wb.Groups {
		r := summaryHeaderRow + 1 + gi
		vals := []int{len(g.Items)}
		for _, c := range cats {
			vals = append(vals, g.Categories[c])
		}
		for _, z := range zones {
			vals = append(vals, g.Zones[string(z)])
		}
		vals = append(vals, len(g.NotAssessed))
		if err := set(cell(1, r), groupLabel(g.Group, wb.Province), st.text); err != nil {
			return err
		}
		for i, v := range vals {
			if err := set(cell(i+2, r), v, st.int); err != nil {
				return err
			}
			totals[i+1] += v
		}
	}
	last := summaryHeaderRow + len(wb.Groups)
	if err := set(cell(1, last+1), "Jumlah", st.bold); err != nil {
		return err
	}
	for i := 1; i < len(head); i++ {
		if err := set(cell(i+1, last+1), totals[i], st.int); err != nil {
			return err
		}
	}
	if err := f.SetColWidth(sh, "A", "A", 34); err != nil {
		return err
	}
	if err := f.SetColWidth(sh, "B", colName(len(head)), 11); err != nil {
		return err
	}
	if err := f.SetRowHeight(sh, summaryHeaderRow, 20); err != nil {
		return err
	}
	if err := f.SetPanes(sh, &excelize.Panes{Freeze: true, YSplit: summaryHeaderRow, TopLeftCell: cell(1, summaryHeaderRow+1), ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if len(wb.Groups) == 0 {
		return nil
	}
	// Charts: categories (when the method has letters) and zones per group.
	anchorRow := last + 3
	catRef := fmt.Sprintf("%s!$A$%d:$A$%d", sh, summaryHeaderRow+1, last)
	series := func(col int, fill string) excelize.ChartSeries {
		s := excelize.ChartSeries{
			Name:       fmt.Sprintf("%s!$%s$%d", sh, colName(col), summaryHeaderRow),
			Categories: catRef,
			Values:     fmt.Sprintf("%s!$%s$%d:$%s$%d", sh, colName(col), summaryHeaderRow+1, colName(col), last),
		}
		if fill != "" {
			s.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{fill}}
		}
		return s
	}
	chart := func(anchor, title string, ss []excelize.ChartSeries) error {
		return f.AddChart(sh, anchor, &excelize.Chart{
			Type:     excelize.Col,
			Series:   ss,
			Title:    excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: title}}},
			Legend:   excelize.ChartLegend{Position: "bottom"},
			Format:   excelize.GraphicOptions{OffsetX: 5, OffsetY: 5},
			YAxis:    excelize.ChartAxis{MajorGridLines: true},
			PlotArea: excelize.ChartPlotArea{ShowVal: true},
			Dimension: excelize.ChartDimension{
				Width: 640, Height: 320,
			},
		})
	}
	if len(cats) > 0 {
		var ss []excelize.ChartSeries
		for i := range cats {
			ss = append(ss, series(3+i, ""))
		}
		if err := chart(cell(1, anchorRow), "Jumlah entitas per kategori", ss); err != nil {
			return err
		}
		anchorRow += 18
	}
	var zs []excelize.ChartSeries
	for i, z := range zones {
		zs = append(zs, series(3+len(cats)+i, ZoneFill[z]))
	}
	return chart(cell(1, anchorRow), "Jumlah entitas per zona", zs)
}

// groupLabel names a peer group for a reader.
func groupLabel(group, province string) string {
	k := groupKind(group)
	switch {
	case k == scoring.GroupPemda:
		return "Pemda (pemprov, pemkab, pemkot)"
	case province != "":
		return kindLabel(k) + " di provinsi ini"
	}
	return kindLabel(k) + " (nasional)"
}

func (lw *leadershipWriter) dims() []scoring.Dimension {
	if lw.wb.Method.Instrument == nil {
		return nil
	}
	return lw.wb.Method.Instrument.Dimensions
}

func dimHeader(d scoring.Dimension) string {
	if d.Weight != nil {
		return fmt.Sprintf("%s (maks %s)", d.Name, d.Weight.FloatString(2))
	}
	return d.Name
}

func (lw *leadershipWriter) ranking(g assessment.RankingView) error {
	st, wb := lw.st, lw.wb
	cols := []column{{"Peringkat", 10}, {"Entitas", 36}, {"Jenis", 11}, {"Provinsi", 16}, {"Nilai", 9}, {"Kategori", 9}, {"Opini", 20}, {"Zona", 9}}
	dims := lw.dims()
	for _, d := range dims {
		cols = append(cols, column{dimHeader(d), 13})
	}
	prev := "tahun lalu"
	if g.PreviousYear != 0 {
		prev = fmt.Sprint(g.PreviousYear)
	}
	cols = append(cols, column{"Nilai " + prev, 11}, column{"Peringkat " + prev, 11}, column{"Perubahan peringkat", 13}, column{"Keterangan", 24})
	sheet := RankingSheet(g.Group)
	t, err := newTable(lw.f, st, sheet, fmt.Sprintf("Peringkat %s — P4 %d %s", groupLabel(g.Group, wb.Province), wb.Period.Year, lw.scope), cols)
	if err != nil {
		return err
	}
	for _, r := range g.Items {
		row := []any{
			excelize.Cell{Value: r.Rank, StyleID: st.int},
			excelize.Cell{Value: r.Entity, StyleID: st.text},
			excelize.Cell{Value: kindLabel(r.Kind), StyleID: st.text},
			excelize.Cell{Value: r.Province, StyleID: st.text},
			excelize.Cell{Value: scoreValue(r.Score), StyleID: st.num2},
			excelize.Cell{Value: deref(r.Category), StyleID: st.text},
			excelize.Cell{Value: r.Opinion, StyleID: st.text},
			st.zoneCell(r.Zone),
		}
		points := map[string]assessment.SnapshotDimension{}
		for _, d := range r.Dimensions {
			points[d.Dimension] = d
		}
		for _, d := range dims {
			if p, ok := points[d.Code]; ok {
				row = append(row, excelize.Cell{Value: decimalValue(p.Points), StyleID: st.num2})
			} else {
				row = append(row, nil)
			}
		}
		if r.PreviousScore != nil {
			row = append(row, excelize.Cell{Value: scoreValue(*r.PreviousScore), StyleID: st.num2})
		} else {
			row = append(row, nil)
		}
		switch {
		case r.NotComparable:
			row = append(row, nil, excelize.Cell{Value: "tidak sebanding", StyleID: st.text})
		case r.Movement != nil:
			row = append(row, excelize.Cell{Value: r.PreviousRank, StyleID: st.int}, excelize.Cell{Value: *r.Movement, StyleID: st.movement})
		default:
			row = append(row, nil, nil)
		}
		note := ""
		if !r.Complete {
			note = "belum lengkap"
		}
		if r.NotComparable {
			note = strings.TrimPrefix(note+"; metode tahun lalu berbeda", "; ")
		}
		row = append(row, excelize.Cell{Value: note, StyleID: st.text})
		if err := t.add(row); err != nil {
			return err
		}
	}
	for _, e := range g.NotAssessed {
		row := []any{nil, excelize.Cell{Value: e.Name, StyleID: st.text}, excelize.Cell{Value: kindLabel(e.Kind), StyleID: st.text},
			excelize.Cell{Value: e.Province, StyleID: st.text}}
		for i := 4; i < len(cols)-1; i++ {
			row = append(row, nil)
		}
		row = append(row, excelize.Cell{Value: "tidak dinilai", StyleID: st.text})
		if err := t.add(row); err != nil {
			return err
		}
	}
	return t.close()
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func (lw *leadershipWriter) dimensions() error {
	st, wb := lw.st, lw.wb
	dims := lw.dims()
	cols := []column{{"Provinsi", 16}, {"Jenis", 11}, {"Kode entitas", 16}, {"Entitas", 34}, {"Kode unit", 16}, {"Unit", 34}, {"Nilai", 9}}
	idx := map[string]int{}
	for i, d := range dims {
		idx[d.Code] = i
		cols = append(cols, column{d.Name + " (poin)", 12}, column{d.Name + " (%)", 11})
	}
	cols = append(cols, column{"Lengkap", 9})
	t, err := newTable(lw.f, st, SheetDimensions, fmt.Sprintf("Poin dimensi per entitas dan unit — P4 %d %s", wb.Period.Year, lw.scope), cols)
	if err != nil {
		return err
	}
	var cur []any
	var key [2]int64
	flush := func() error {
		if cur == nil {
			return nil
		}
		err := t.add(cur)
		cur = nil
		return err
	}
	err = wb.EachDimension(func(d assessment.DimensionRow) error {
		k := [2]int64{d.EntityID, d.UnitID}
		if cur == nil || k != key {
			if err := flush(); err != nil {
				return err
			}
			key = k
			unitCode, unit := d.UnitCode, d.Unit
			if d.UnitID == 0 {
				unitCode, unit = "", "(entitas)"
			}
			cur = []any{
				excelize.Cell{Value: d.Province, StyleID: st.text},
				excelize.Cell{Value: kindLabel(d.Kind), StyleID: st.text},
				excelize.Cell{Value: d.EntityCode, StyleID: st.text},
				excelize.Cell{Value: d.Entity, StyleID: st.text},
				excelize.Cell{Value: unitCode, StyleID: st.text},
				excelize.Cell{Value: unit, StyleID: st.text},
				excelize.Cell{Value: scoreValue(d.Score), StyleID: st.num2},
			}
			for range dims {
				cur = append(cur, nil, nil)
			}
			cur = append(cur, excelize.Cell{Value: yesNo(d.Complete), StyleID: st.text})
		}
		i, ok := idx[d.Dimension]
		if !ok {
			return nil // a dimension the method does not have (cannot happen for a snapshot of this method)
		}
		cur[7+2*i] = excelize.Cell{Value: decimalValue(d.Points), StyleID: st.num2}
		cur[8+2*i] = excelize.Cell{Value: scoreValue(d.Percent), StyleID: st.num2}
		return nil
	})
	if err != nil {
		return err
	}
	if err := flush(); err != nil {
		return err
	}
	return t.close()
}

func yesNo(b bool) string {
	if b {
		return "ya"
	}
	return "tidak"
}

func (lw *leadershipWriter) indicators(progress func(done int)) error {
	st, wb := lw.st, lw.wb
	type indInfo struct {
		name, dim string
		max       int
	}
	info := map[string]indInfo{}
	if in := wb.Method.Instrument; in != nil {
		for _, d := range in.Dimensions {
			for _, ind := range d.Indicators {
				max := ind.Max
				if max == 0 {
					max = in.Scale.Max
				}
				info[ind.Code] = indInfo{name: ind.Name, dim: d.Name, max: max}
			}
		}
	}
	cols := []column{{"Provinsi", 16}, {"Jenis", 11}, {"Kode entitas", 16}, {"Entitas", 30}, {"Unit", 30}, {"Status unit", 12},
		{"Dimensi", 12}, {"Kode indikator", 12}, {"Indikator", 40}, {"Jawaban", 9}, {"Maks", 7}, {"N/A", 6}, {"Alasan N/A", 28}, {"Catatan penilai", 50}}
	t, err := newTable(lw.f, st, SheetIndicators, fmt.Sprintf("Jawaban indikator per unit — P4 %d %s", wb.Period.Year, lw.scope), cols)
	if err != nil {
		return err
	}
	done := 0
	err = wb.EachAnswer(func(a assessment.AnswerRow) error {
		in := info[a.Indicator]
		var value, max any
		if a.Value != nil {
			value = excelize.Cell{Value: *a.Value, StyleID: st.int}
		}
		if in.max > 0 {
			max = excelize.Cell{Value: in.max, StyleID: st.int}
		}
		na := ""
		if a.NA {
			na = "ya"
		}
		done++
		if done%5000 == 0 {
			progress(done)
		}
		return t.add([]any{
			excelize.Cell{Value: a.Province, StyleID: st.text},
			excelize.Cell{Value: kindLabel(a.Kind), StyleID: st.text},
			excelize.Cell{Value: a.EntityCode, StyleID: st.text},
			excelize.Cell{Value: a.Entity, StyleID: st.text},
			excelize.Cell{Value: a.Unit, StyleID: st.text},
			excelize.Cell{Value: unitStateLabel[a.UnitState], StyleID: st.text},
			excelize.Cell{Value: in.dim, StyleID: st.text},
			excelize.Cell{Value: a.Indicator, StyleID: st.text},
			excelize.Cell{Value: in.name, StyleID: st.text},
			value, max,
			excelize.Cell{Value: na, StyleID: st.text},
			excelize.Cell{Value: a.NAReason, StyleID: st.text},
			excelize.Cell{Value: a.Note, StyleID: st.text},
		})
	})
	if err != nil {
		return err
	}
	return t.close()
}

// method writes the Metode sheet: what a reader needs to check a score.
func (lw *leadershipWriter) method() error {
	f, st, wb, sh := lw.f, lw.st, lw.wb, SheetMethod
	if _, err := f.NewSheet(sh); err != nil {
		return err
	}
	if err := printable(f, sh, 0, "Metode — "+lw.title()); err != nil {
		return err
	}
	m, mv := wb.Method, wb.MethodVersion
	row := 1
	put := func(col int, v any, style int) error {
		c := cell(col, row)
		if err := f.SetCellValue(sh, c, v); err != nil {
			return err
		}
		return f.SetCellStyle(sh, c, c, style)
	}
	kv := func(k string, v any, style int) error {
		if err := put(1, k, st.bold); err != nil {
			return err
		}
		if err := put(2, v, style); err != nil {
			return err
		}
		row++
		return nil
	}
	heading := func(text string, headers ...string) error {
		row++
		if err := put(1, text, st.title); err != nil {
			return err
		}
		row++
		for i, h := range headers {
			if err := put(i+1, h, st.header); err != nil {
				return err
			}
		}
		row++
		return nil
	}
	if err := put(1, "Metode penilaian", st.title); err != nil {
		return err
	}
	row++
	pairs := []struct {
		k string
		v any
	}{
		{"Periode", fmt.Sprintf("%s (%s)", wb.Period.Name, periodStatusLabel[wb.Period.Status])},
		{"Cakupan", lw.scope},
		{"Metode", fmt.Sprintf("%s — %s", m.Code, m.Name)},
		{"Versi metode", mv.Version},
		{"Keluarga metode", m.Family},
		{"SHA-256 berkas metode", mv.SHA256},
		{"Pembulatan", string(m.Rounding)},
	}
	if in := m.Instrument; in != nil {
		pairs = append(pairs, struct {
			k string
			v any
		}{"Instrumen", fmt.Sprintf("%s — %s", in.Code, in.Name)}, struct {
			k string
			v any
		}{"Versi instrumen", in.Version})
	}
	for _, p := range pairs {
		if err := kv(p.k, p.v, st.text); err != nil {
			return err
		}
	}
	if err := kv("Diekspor pada", wallClock(wb.ExportedAt), st.date); err != nil {
		return err
	}
	if err := kv("Diekspor oleh", wb.ExportedBy, st.text); err != nil {
		return err
	}

	if err := heading("Kategori", "Kategori", "Opini", "Zona", "Batas bawah", "Batas atas"); err != nil {
		return err
	}
	bands := sortedBands(m)
	for i, b := range bands {
		if err := put(1, b.Category, st.text); err != nil {
			return err
		}
		if err := put(2, b.Opinion, st.text); err != nil {
			return err
		}
		zc := st.zoneCell(b.Zone)
		if err := put(3, zc.Value, zc.StyleID); err != nil {
			return err
		}
		if err := put(4, scoreValue(b.Lower), st.num2); err != nil {
			return err
		}
		upper := scoring.MaxScore
		if i > 0 {
			upper = bands[i-1].Lower - 1
		}
		if err := put(5, scoreValue(upper), st.num2); err != nil {
			return err
		}
		row++
	}
	if in := m.Instrument; in != nil {
		if err := heading("Dimensi", "Kode", "Dimensi", "Bobot (poin dari 100)", "Indikator"); err != nil {
			return err
		}
		for _, d := range in.Dimensions {
			w, _ := d.Weight.Float64()
			for i, v := range []any{d.Code, d.Name, w, len(d.Indicators)} {
				style := st.text
				if i == 2 {
					style = st.num2
				} else if i == 3 {
					style = st.int
				}
				if err := put(i+1, v, style); err != nil {
					return err
				}
			}
			row++
		}
		if err := heading("Indikator", "Kode", "Dimensi", "Variabel", "Indikator", "Bobot dalam dimensi", "Bobot (% dimensi)", "Poin maks", "Sumber", "Berlaku untuk"); err != nil {
			return err
		}
		for _, d := range in.Dimensions {
			vars := map[string]string{}
			for _, v := range d.Variables {
				vars[v.Code] = v.Name
			}
			n := len(d.Indicators)
			for _, ind := range d.Indicators {
				wText := fmt.Sprintf("1/%d (sama rata)", n)
				wf := 1 / float64(n)
				if ind.Weight != nil {
					wText = ind.Weight.RatString()
					wf, _ = ind.Weight.Float64()
				}
				dw, _ := d.Weight.Float64()
				var kinds []string
				for _, k := range ind.Kinds {
					kinds = append(kinds, string(k))
				}
				applies := strings.Join(kinds, ", ")
				if applies == "" {
					applies = "semua"
				}
				vals := []any{ind.Code, d.Name, vars[ind.Variable], ind.Name, wText, wf * 100, wf * dw, string(ind.Source), applies}
				for i, v := range vals {
					style := st.text
					if i == 5 || i == 6 {
						style = st.num2
					}
					if err := put(i+1, v, style); err != nil {
						return err
					}
				}
				row++
			}
		}
	}
	widths := []float64{24, 40, 14, 42, 16, 14, 10, 14, 16}
	for i, wd := range widths {
		if err := f.SetColWidth(sh, colName(i+1), colName(i+1), wd); err != nil {
			return err
		}
	}
	return nil
}
