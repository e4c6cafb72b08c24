package excel_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ombudsman-ri/p4/assessment"
	"github.com/ombudsman-ri/p4/excel"
	"github.com/ombudsman-ri/p4/scoring"
)

// agencyReport scores a three-unit regency from seeded answers with the
// scoring package and wraps the result as the service would.
func agencyReport(t testing.TB, showRanks bool) assessment.AgencyReport {
	t.Helper()
	m := preset(t, "2022")
	rng := rand.New(rand.NewPCG(4, 2))
	se := scoring.Entity{ID: "9", Name: "Kabupaten Kaur", Kind: scoring.KindPemkab, Province: "17"}
	ent := assessment.Entity{ID: 9, Code: "pemkab-1704", Name: "Kabupaten Kaur", Kind: scoring.KindPemkab, ProvinceCode: "17"}
	var notes []assessment.IndicatorNote
	for u := 1; u <= 3; u++ {
		id := int64(100 + u)
		ent.Units = append(ent.Units, assessment.Unit{ID: id, EntityID: 9, Code: fmt.Sprintf("u%d", u), Name: fmt.Sprintf("Unit Layanan %d Kaur", u)})
		su := scoring.Unit{ID: strconv.FormatInt(id, 10), Answers: map[string]scoring.Answer{}}
		for _, ind := range m.Indicators() {
			v := 1 + rng.IntN(3)
			su.Answers[ind.Code] = scoring.Answer{Value: v}
			if v < 3 {
				vv := v
				notes = append(notes, assessment.IndicatorNote{UnitID: id, Indicator: ind.Code, Value: &vv, Note: "Catatan penilai untuk " + ind.Code})
			}
		}
		se.Units = append(se.Units, su)
	}
	res, err := scoring.ScoreEntity(m, se)
	if err != nil {
		t.Fatal(err)
	}
	ex, err := scoring.Explain(m, se, 10)
	if err != nil {
		t.Fatal(err)
	}
	next, err := scoring.NextCategory(m, se)
	if err != nil {
		t.Fatal(err)
	}
	snap := assessment.Snapshot{ID: 1, PeriodID: 2, EntityID: 9, Score: res.Score, Category: res.Category, Opinion: res.Opinion, Zone: res.Zone,
		Complete: res.Complete, Source: assessment.SourceComputed, Ranks: map[string]int{"pemkab": 3, "pemda/17": 1}}
	for _, d := range res.Dimensions {
		snap.Dimensions = append(snap.Dimensions, assessment.SnapshotDimension{Dimension: d.Code, Points: json.Number(d.Points.String()), MaxPoints: json.Number(d.Max.String()), Percent: d.Percent})
	}
	for _, u := range res.Units {
		id, _ := strconv.ParseInt(u.ID, 10, 64)
		snap.Units = append(snap.Units, assessment.SnapshotUnit{UnitID: id, Score: u.Score, Complete: u.Complete})
		for _, d := range u.Dimensions {
			snap.Dimensions = append(snap.Dimensions, assessment.SnapshotDimension{UnitID: id, Dimension: d.Code, Points: json.Number(d.Points.String()), MaxPoints: json.Number(d.Max.String()), Percent: d.Percent})
		}
	}
	r := assessment.AgencyReport{
		Result: assessment.ResultView{Period: assessment.Period{Year: 2022, Name: "P4 2022", Status: assessment.PeriodPublished}, Entity: ent,
			Snapshot: snap, State: assessment.EntityPublished, Method: m},
		Explanation: &assessment.ExplanationView{Explanation: ex, Next: next, Notes: notes},
		ShowRanks:   showRanks,
		ExportedAt:  time.Date(2023, 1, 5, 2, 0, 0, 0, time.UTC),
		ExportedBy:  "Hendra Gunawan",
		History: []assessment.HistoryRow{
			{Year: 2022, MethodCode: "2022", MethodName: m.Name, Comparable: true, Score: res.Score, Category: res.Category, Opinion: res.Opinion, Zone: res.Zone, Complete: true, Source: "computed", Ranks: map[string]int{"pemkab": 3}},
			{Year: 2021, MethodCode: "2021", MethodName: "Survei Kepatuhan", Score: 7845, Opinion: "Kepatuhan Sedang", Zone: scoring.ZoneYellow, Complete: true, Source: "imported", Ranks: map[string]int{"pemkab": 5}},
		},
	}
	if !showRanks {
		r.Result.Snapshot.Ranks = map[string]int{}
	}
	return r
}

func writeReport(t testing.TB, r assessment.AgencyReport) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := excel.WriteAgencyReport(&buf, r); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestAgencyReport(t *testing.T) {
	r := agencyReport(t, true)
	data := writeReport(t, r)
	f := open(t, data)
	want := []string{"Rapor", "Unit", "Perbaikan", "Prioritas", "Riwayat"}
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Fatalf("sheets %v, want %v", got, want)
	}
	snap := r.Result.Snapshot
	wantText(t, f, "Rapor", "A1", "Rapor P4 2022 — Kabupaten Kaur")
	wantText(t, f, "Rapor", "A10", "Nilai")
	wantNumber(t, f, "Rapor", "B10", "", 2)
	if got, _ := f.GetCellValue("Rapor", "B10"); got != snap.Score.String() {
		t.Errorf("Rapor!B10 shows %s, want %s", got, snap.Score)
	}
	wantText(t, f, "Rapor", "B11", snap.Category)
	wantText(t, f, "Rapor", "B13", excel.ZoneWord[snap.Zone])
	if st := style(t, f, "Rapor", "B13"); len(st.Fill.Color) != 1 || !strings.Contains(strings.ToUpper(st.Fill.Color[0]), excel.ZoneFill[snap.Zone]) {
		t.Errorf("zone fill %v, want %s", st.Fill.Color, excel.ZoneFill[snap.Zone])
	}
	wantText(t, f, "Rapor", "A16", "Peringkat Pemkab nasional")
	wantNumber(t, f, "Rapor", "B16", "3", 1)
	wantText(t, f, "Rapor", "A17", "Peringkat Pemda di provinsi")
	wantText(t, f, "Rapor", "A19", "Dimensi")
	wantText(t, f, "Rapor", "A20", "Input")
	wantNumber(t, f, "Rapor", "B20", "", 2)
	wantNumber(t, f, "Rapor", "C20", "21.85", 2)

	wantText(t, f, "Unit", "A2", "Unit Layanan 1 Kaur")
	wantNumber(t, f, "Unit", "B2", snap.Units[0].Score.String(), 2)

	rows, _ := f.GetRows("Perbaikan")
	if len(rows) < 10 {
		t.Fatalf("Perbaikan has %d rows", len(rows))
	}
	for i := 2; i <= len(rows); i++ {
		wantNumber(t, f, "Perbaikan", cellName(7, i), "", 2)
		if !strings.HasPrefix(value(t, f, "Perbaikan", cellName(8, i)), "Catatan penilai untuk ") {
			t.Errorf("Perbaikan!H%d has no note", i)
		}
	}
	wantText(t, f, "Prioritas", "A1", "Perbaikan dengan tambahan nilai terbesar")
	wantNumber(t, f, "Prioritas", "F3", "", 2)

	wantNumber(t, f, "Riwayat", "A3", "2021", 1)
	wantText(t, f, "Riwayat", "F3", "Kuning")
	wantText(t, f, "Riwayat", "H3", "tidak sebanding: metode lain; diimpor")
	wantNumber(t, f, "Riwayat", "G2", "3", 1)
	for _, s := range []string{"Unit", "Perbaikan", "Riwayat"} {
		if p, _ := f.GetPanes(s); !p.Freeze || p.YSplit != 1 {
			t.Errorf("%s: header not frozen", s)
		}
	}

	// Before publication an agency user sees no rank.
	hidden := open(t, writeReport(t, agencyReport(t, false)))
	rows, _ = hidden.GetRows("Rapor")
	for _, r := range rows {
		if len(r) > 0 && strings.HasPrefix(r[0], "Peringkat") {
			t.Errorf("rank shown although ranks are hidden: %v", r)
		}
	}
}

func TestAgencyReportImported(t *testing.T) {
	r := agencyReport(t, true)
	r.Explanation = nil
	r.Result.Snapshot.Source = assessment.SourceImported
	f := open(t, writeReport(t, r))
	if got := value(t, f, "Perbaikan", "A2"); !strings.Contains(got, "diimpor") {
		t.Errorf("Perbaikan!A2 = %q, want the note that an imported result has no answers", got)
	}
}
