package excel

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/ombudsman-ri/p4/assessment"
	"github.com/ombudsman-ri/p4/scoring"
)

// Sheet names of the agency report.
const (
	SheetReport      = "Rapor"
	SheetUnits       = "Unit"
	SheetImprove     = "Perbaikan"
	SheetPriorities  = "Prioritas"
	SheetHistory     = "Riwayat"
	reportDimsHeader = 14 // row of the dimension table's header on Rapor
)

// WriteAgencyReport writes an entity's report card (rapor) to w: Rapor (its
// result, ranks when shown and dimension points), Unit (each unit's score and
// dimensions), Perbaikan (every indicator that lost points, with the
// assessors' notes), Prioritas (the answers whose improvement gains most, and
// the fewest improvements to the next category) and Riwayat (its results of
// every period it may see). It holds nothing about any other entity.
func WriteAgencyReport(w io.Writer, r assessment.AgencyReport) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", SheetReport); err != nil {
		return err
	}
	rw := &reportWriter{f: f, st: st, r: r}
	steps := []struct {
		name string
		fn   func() error
	}{{SheetReport, rw.card}, {SheetUnits, rw.units}, {SheetImprove, rw.improve}, {SheetPriorities, rw.priorities}, {SheetHistory, rw.history}}
	for _, s := range steps {
		if err := s.fn(); err != nil {
			return fmt.Errorf("sheet %s: %w", s.name, err)
		}
	}
	if err := f.SetDocProps(&excelize.DocProperties{Title: rw.title(), Creator: "P4 — Ombudsman Republik Indonesia", Language: "id-ID"}); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

type reportWriter struct {
	f  *excelize.File
	st *styles
	r  assessment.AgencyReport
}

func (rw *reportWriter) title() string {
	v := rw.r.Result
	return fmt.Sprintf("Rapor P4 %d — %s", v.Period.Year, v.Entity.Name)
}

func (rw *reportWriter) set(sheet, c string, v any, style int) error {
	if err := rw.f.SetCellValue(sheet, c, v); err != nil {
		return err
	}
	return rw.f.SetCellStyle(sheet, c, c, style)
}

// unitName returns the name of a unit of the entity.
func (rw *reportWriter) unitName(id int64) string {
	for _, u := range rw.r.Result.Entity.Units {
		if u.ID == id {
			return u.Name
		}
	}
	return "unit " + strconv.FormatInt(id, 10)
}

func (rw *reportWriter) dims() []scoring.Dimension {
	if m := rw.r.Result.Method; m != nil && m.Instrument != nil {
		return m.Instrument.Dimensions
	}
	return nil
}

func (rw *reportWriter) card() error {
	st, v, sh := rw.st, rw.r.Result, SheetReport
	if err := printable(rw.f, sh, 0, rw.title()); err != nil {
		return err
	}
	if err := rw.set(sh, "A1", rw.title(), st.title); err != nil {
		return err
	}
	if err := rw.set(sh, "A2", fmt.Sprintf("Diekspor %s WIB oleh %s", rw.r.ExportedAt.In(wib).Format("2006-01-02 15:04"), rw.r.ExportedBy), st.subtitle); err != nil {
		return err
	}
	snap := v.Snapshot
	complete := "ya"
	if !snap.Complete {
		complete = "tidak: hasil sementara"
	}
	source := map[string]string{assessment.SourceComputed: "dihitung dari jawaban", assessment.SourceObjection: "dihitung ulang setelah sanggahan",
		assessment.SourceImported: "diimpor dari tabel yang dipublikasikan"}[snap.Source]
	rows := []struct {
		k     string
		v     any
		style int
	}{
		{"Entitas", v.Entity.Name, st.text},
		{"Kode", v.Entity.Code, st.text},
		{"Jenis", kindLabel(string(v.Entity.Kind)), st.text},
		{"Provinsi", v.Entity.ProvinceCode, st.text},
		{"Periode", fmt.Sprintf("%s (%s)", v.Period.Name, periodStatusLabel[v.Period.Status]), st.text},
		{"Status hasil", entityStateLabel[v.State], st.text},
		{"Nilai", scoreValue(snap.Score), st.num2},
		{"Kategori", snap.Category, st.text},
		{"Opini", snap.Opinion, st.text},
		{"Zona", nil, 0},
		{"Lengkap", complete, st.text},
		{"Sumber", source, st.text},
	}
	for i, r := range rows {
		row := 4 + i
		if err := rw.set(sh, cell(1, row), r.k, st.bold); err != nil {
			return err
		}
		if r.k == "Zona" {
			zc := st.zoneCell(snap.Zone)
			if err := rw.set(sh, cell(2, row), zc.Value, zc.StyleID); err != nil {
				return err
			}
			continue
		}
		if err := rw.set(sh, cell(2, row), r.v, r.style); err != nil {
			return err
		}
	}
	row := 4 + len(rows)
	if rw.r.ShowRanks && len(snap.Ranks) > 0 {
		groups := make([]string, 0, len(snap.Ranks))
		for g := range snap.Ranks {
			groups = append(groups, g)
		}
		sort.Slice(groups, func(i, j int) bool { // the national group first, then the province's
			ni, nj := !strings.Contains(groups[i], "/"), !strings.Contains(groups[j], "/")
			if ni != nj {
				return ni
			}
			return groups[i] < groups[j]
		})
		for _, g := range groups {
			label := "Peringkat " + kindLabel(groupKind(g)) + " nasional"
			if groupKind(g) == scoring.GroupPemda {
				label = "Peringkat Pemda di provinsi"
			}
			if err := rw.set(sh, cell(1, row), label, st.bold); err != nil {
				return err
			}
			if err := rw.set(sh, cell(2, row), snap.Ranks[g], st.int); err != nil {
				return err
			}
			row++
		}
	}
	if dims := rw.dims(); len(dims) > 0 {
		row = max(row+1, reportDimsHeader)
		for i, h := range []string{"Dimensi", "Poin", "Maks", "Persen"} {
			if err := rw.set(sh, cell(i+1, row), h, st.header); err != nil {
				return err
			}
		}
		byCode := map[string]assessment.SnapshotDimension{}
		for _, d := range snap.Dimensions {
			if d.UnitID == 0 {
				byCode[d.Dimension] = d
			}
		}
		for _, d := range dims {
			row++
			sd, ok := byCode[d.Code]
			if err := rw.set(sh, cell(1, row), d.Name, st.text); err != nil {
				return err
			}
			if !ok {
				continue
			}
			for i, val := range []float64{decimalValue(sd.Points), decimalValue(sd.MaxPoints), scoreValue(sd.Percent)} {
				if err := rw.set(sh, cell(i+2, row), val, st.num2); err != nil {
					return err
				}
			}
		}
	}
	if err := rw.f.SetColWidth(sh, "A", "A", 30); err != nil {
		return err
	}
	return rw.f.SetColWidth(sh, "B", "D", 24)
}

func (rw *reportWriter) units() error {
	st, v := rw.st, rw.r.Result
	dims := rw.dims()
	cols := []column{{"Unit", 40}, {"Nilai", 9}}
	for _, d := range dims {
		cols = append(cols, column{dimHeader(d), 13})
	}
	cols = append(cols, column{"Lengkap", 9})
	t, err := newTable(rw.f, st, SheetUnits, "Nilai unit — "+rw.title(), cols)
	if err != nil {
		return err
	}
	points := map[int64]map[string]assessment.SnapshotDimension{}
	for _, d := range v.Snapshot.Dimensions {
		if points[d.UnitID] == nil {
			points[d.UnitID] = map[string]assessment.SnapshotDimension{}
		}
		points[d.UnitID][d.Dimension] = d
	}
	for _, u := range v.Snapshot.Units {
		row := []any{excelize.Cell{Value: rw.unitName(u.UnitID), StyleID: st.text}, excelize.Cell{Value: scoreValue(u.Score), StyleID: st.num2}}
		for _, d := range dims {
			if p, ok := points[u.UnitID][d.Code]; ok {
				row = append(row, excelize.Cell{Value: decimalValue(p.Points), StyleID: st.num2})
			} else {
				row = append(row, nil)
			}
		}
		row = append(row, excelize.Cell{Value: yesNo(u.Complete), StyleID: st.text})
		if err := t.add(row); err != nil {
			return err
		}
	}
	return t.close()
}

// improve lists every indicator of every unit that lost points, largest
// loss first within a unit, with the assessor's note on that answer.
func (rw *reportWriter) improve() error {
	st := rw.st
	cols := []column{{"Unit", 34}, {"Dimensi", 12}, {"Kode", 11}, {"Indikator", 44}, {"Jawaban", 9}, {"Maks", 7}, {"Poin hilang (nilai unit)", 14}, {"Catatan penilai", 60}}
	t, err := newTable(rw.f, st, SheetImprove, "Indikator yang perlu diperbaiki — "+rw.title(), cols)
	if err != nil {
		return err
	}
	ex := rw.r.Explanation
	if ex == nil || ex.Explanation == nil {
		if err := t.add([]any{excelize.Cell{Value: "Hasil ini diimpor dari tabel yang dipublikasikan: tidak ada jawaban untuk dijelaskan.", StyleID: st.subtitle}}); err != nil {
			return err
		}
		return t.close()
	}
	notes := map[string]string{}
	for _, n := range ex.Notes {
		notes[fmt.Sprintf("%d/%s", n.UnitID, n.Indicator)] = n.Note
	}
	dimName := map[string]string{}
	for _, d := range rw.dims() {
		dimName[d.Code] = d.Name
	}
	for _, u := range ex.Explanation.Units {
		uid, _ := strconv.ParseInt(u.UnitID, 10, 64)
		inds := append([]scoring.IndicatorLoss(nil), u.Indicators...)
		sort.SliceStable(inds, func(i, j int) bool { return inds[i].Lost > inds[j].Lost })
		for _, in := range inds {
			if in.Lost <= 0 || in.State == scoring.StateNA || in.State == scoring.StateNotApplicable {
				continue
			}
			var value any
			if in.State == scoring.StateAnswered {
				value = excelize.Cell{Value: in.Value, StyleID: st.int}
			} else {
				value = excelize.Cell{Value: "belum dijawab", StyleID: st.text}
			}
			if err := t.add([]any{
				excelize.Cell{Value: rw.unitName(uid), StyleID: st.text},
				excelize.Cell{Value: dimName[in.Dimension], StyleID: st.text},
				excelize.Cell{Value: in.Code, StyleID: st.text},
				excelize.Cell{Value: in.Name, StyleID: st.wrap},
				value,
				excelize.Cell{Value: in.Max, StyleID: st.int},
				excelize.Cell{Value: scoreValue(in.Lost), StyleID: st.num2},
				excelize.Cell{Value: notes[fmt.Sprintf("%d/%s", uid, in.Code)], StyleID: st.wrap},
			}); err != nil {
				return err
			}
		}
	}
	return t.close()
}

// priorities lists the improvements with the largest gain and the fewest
// improvements that reach the next category.
func (rw *reportWriter) priorities() error {
	st, sh := rw.st, SheetPriorities
	if _, err := rw.f.NewSheet(sh); err != nil {
		return err
	}
	if err := printable(rw.f, sh, 0, "Prioritas perbaikan — "+rw.title()); err != nil {
		return err
	}
	ex := rw.r.Explanation
	if ex == nil || ex.Explanation == nil {
		return rw.set(sh, "A1", "Hasil ini diimpor dari tabel yang dipublikasikan: tidak ada jawaban untuk dijelaskan.", st.subtitle)
	}
	row := 1
	table := func(title string, imps []scoring.Improvement) error {
		if err := rw.set(sh, cell(1, row), title, st.title); err != nil {
			return err
		}
		row++
		for i, h := range []string{"Unit", "Kode", "Indikator", "Jawaban sekarang", "Menjadi", "Tambahan nilai entitas"} {
			if err := rw.set(sh, cell(i+1, row), h, st.header); err != nil {
				return err
			}
		}
		for _, im := range imps {
			row++
			uid, _ := strconv.ParseInt(im.UnitID, 10, 64)
			vals := []any{rw.unitName(uid), im.Indicator, im.Name, im.From, im.To, scoreValue(im.Gain)}
			styles := []int{st.text, st.text, st.wrap, st.int, st.int, st.num2}
			for i, val := range vals {
				if err := rw.set(sh, cell(i+1, row), val, styles[i]); err != nil {
					return err
				}
			}
		}
		row += 2
		return nil
	}
	if err := table("Perbaikan dengan tambahan nilai terbesar", ex.Explanation.Improvements); err != nil {
		return err
	}
	if next := ex.Next; next != nil {
		switch {
		case next.Target == nil:
			return rw.set(sh, cell(1, row), "Entitas sudah berada di kategori tertinggi.", st.subtitle)
		case !next.Reachable:
			return rw.set(sh, cell(1, row), fmt.Sprintf("Kategori %s tidak tercapai walaupun semua jawaban bernilai maksimum.", bandLabel(*next.Target)), st.subtitle)
		}
		title := fmt.Sprintf("Perbaikan paling sedikit untuk mencapai %s", bandLabel(*next.Target))
		if err := table(title, next.Changes); err != nil {
			return err
		}
	}
	widths := []float64{34, 11, 50, 16, 10, 20}
	for i, wd := range widths {
		if err := rw.f.SetColWidth(sh, colName(i+1), colName(i+1), wd); err != nil {
			return err
		}
	}
	return nil
}

func bandLabel(b scoring.Band) string {
	if b.Category != "" {
		return "kategori " + b.Category + " (" + b.Opinion + ")"
	}
	return b.Opinion
}

func (rw *reportWriter) history() error {
	st := rw.st
	cols := []column{{"Tahun", 8}, {"Metode", 40}, {"Nilai", 9}, {"Kategori", 9}, {"Opini", 22}, {"Zona", 9}, {"Peringkat", 11}, {"Keterangan", 44}}
	t, err := newTable(rw.f, st, SheetHistory, "Riwayat hasil — "+rw.r.Result.Entity.Name, cols)
	if err != nil {
		return err
	}
	kind := string(rw.r.Result.Entity.Kind)
	for _, h := range rw.r.History {
		var notes []string
		if !h.Comparable {
			notes = append(notes, "tidak sebanding: metode lain")
		}
		if h.Source == assessment.SourceImported {
			notes = append(notes, "diimpor")
		}
		if !h.Complete {
			notes = append(notes, "belum lengkap")
		}
		var rank any
		if r, ok := h.Ranks[kind]; ok {
			rank = excelize.Cell{Value: r, StyleID: st.int}
		}
		if err := t.add([]any{
			excelize.Cell{Value: h.Year, StyleID: st.int},
			excelize.Cell{Value: fmt.Sprintf("%s — %s", h.MethodCode, h.MethodName), StyleID: st.text},
			excelize.Cell{Value: scoreValue(h.Score), StyleID: st.num2},
			excelize.Cell{Value: h.Category, StyleID: st.text},
			excelize.Cell{Value: h.Opinion, StyleID: st.text},
			st.zoneCell(h.Zone),
			rank,
			excelize.Cell{Value: strings.Join(notes, "; "), StyleID: st.text},
		}); err != nil {
			return err
		}
	}
	return t.close()
}
