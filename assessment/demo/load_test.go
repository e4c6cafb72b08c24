package demo_test

import (
	"context"
	"testing"

	"github.com/ombudsman-ri/p4/assessment"
	"github.com/ombudsman-ri/p4/assessment/demo"
	"github.com/ombudsman-ri/p4/assessment/filestore"
	"github.com/ombudsman-ri/p4/assessment/pgstore"
	"github.com/ombudsman-ri/p4/pgtest"
)

// Loading the Bengkulu demo set through the real workflow stores 2022
// results that reproduce the press release's table, computed from answers.
func TestLoadBengkuluReproducesTheSeedTable(t *testing.T) {
	ctx := context.Background()
	gdb, err := pgstore.Open(ctx, pgtest.New(t), 10, nil)
	if err != nil {
		t.Fatal(err)
	}
	sqlDB, _ := gdb.DB()
	defer sqlDB.Close()
	blobs, err := filestore.New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	ds, err := demo.Bengkulu()
	if err != nil {
		t.Fatal(err)
	}
	st := pgstore.New(gdb)
	if err := demo.Load(ctx, st, blobs, ds); err != nil {
		t.Fatal(err)
	}
	p2022, err := st.PeriodByYear(ctx, 2022)
	if err != nil {
		t.Fatal(err)
	}
	if p2022.Status != assessment.PeriodPublished {
		t.Fatalf("2022 status: got %s, want published", p2022.Status)
	}
	want := map[string]map[string]int{
		"pemda/17": {"A": 1, "B": 8, "C": 2},
		"kantah":   {"B": 8, "C": 2},
		"polres":   {"B": 8, "C": 2},
	}
	for group, cats := range want {
		rows, err := st.Rankings(ctx, p2022.ID, group)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]int{}
		zones := map[string]int{}
		for _, r := range rows {
			snap, err := st.CurrentSnapshot(ctx, p2022.ID, r.EntityID)
			if err != nil {
				t.Fatal(err)
			}
			if snap.Source != assessment.SourceComputed || !snap.Complete {
				t.Errorf("%s entity %d: source %s complete %v, want computed and complete", group, r.EntityID, snap.Source, snap.Complete)
			}
			got[snap.Category]++
			zones[string(snap.Zone)]++
			if group == "pemda/17" && r.Rank == 1 {
				e, _ := st.Entity(ctx, r.EntityID)
				if e.Name != "Kabupaten Kaur" || snap.Category != "A" || snap.Opinion != "Kualitas Tertinggi" {
					t.Errorf("first Pemda: got %s %s %s, want Kabupaten Kaur, A, Kualitas Tertinggi", e.Name, snap.Category, snap.Opinion)
				}
				if snap.Score.String() < "93.50" || snap.Score.String() > "94.50" {
					t.Errorf("Kaur's score %s, want about 94", snap.Score)
				}
			}
		}
		for c, n := range cats {
			if got[c] != n {
				t.Errorf("%s category %s: got %d, want %d (all: %v)", group, c, got[c], n, got)
			}
		}
		if zones["green"] != cats["A"]+cats["B"] || zones["yellow"] != cats["C"] {
			t.Errorf("%s zones: got %v", group, zones)
		}
	}
	// The 2023 period is in field work with every unit state present.
	p2023, err := st.PeriodByYear(ctx, 2023)
	if err != nil || p2023.Status != assessment.PeriodOpen {
		t.Fatalf("2023: %v %+v", err, p2023)
	}
	var states []struct {
		State string
		N     int
	}
	gdb.Raw(`SELECT state, count(*) AS n FROM unit_assessments WHERE period_id = ? GROUP BY state`, p2023.ID).Scan(&states)
	if len(states) != 4 {
		t.Errorf("2023 unit states: got %v, want draft, submitted, returned and accepted", states)
	}
	// Kantah Kaur's 2023 result is final and the objection window is open
	// today, so its agency user can file an objection now.
	kantah, err := st.EntityByCode(ctx, "kantah-1704")
	if err != nil {
		t.Fatal(err)
	}
	if pe, err := st.PeriodEntity(ctx, p2023.ID, kantah.ID, false); err != nil || pe.State != assessment.EntityFinal {
		t.Fatalf("2023 Kantah Kaur: %v, state %s, want final", err, pe.State)
	}
	uas, err := st.UnitAssessments(ctx, p2023.ID, kantah.ID)
	if err != nil || len(uas) != 1 {
		t.Fatalf("2023 Kantah Kaur units: %v %v", err, uas)
	}
	agency, err := st.UserByEmail(ctx, "kantah.kaur@p4.demo")
	if err != nil {
		t.Fatal(err)
	}
	o, err := assessment.NewService(st).FileObjection(ctx, agency.Actor(), p2023.ID, kantah.ID, assessment.ObjectionInput{
		Statement: "Standar pelayanan sudah dipublikasikan.",
		Items:     []assessment.ObjectionItemInput{{UnitAssessmentID: uas[0].ID, Indicator: "PR.ST.01", RequestedValue: 3}}})
	if err != nil || o.State != assessment.ObjectionSubmitted {
		t.Fatalf("objection by Kantah Kaur today: %v %+v", err, o)
	}
	// Every change went through the audit log, intact.
	n, problem, err := assessment.NewService(st).VerifyAudit(ctx)
	if err != nil || problem != nil || n < 1000 {
		t.Fatalf("audit after demo load: %d rows, %v, %v", n, problem, err)
	}
}
