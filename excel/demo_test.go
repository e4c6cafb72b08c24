package excel_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/ombudsman-ri/p4/assessment"
	"github.com/ombudsman-ri/p4/assessment/demo"
	"github.com/ombudsman-ri/p4/assessment/filestore"
	"github.com/ombudsman-ri/p4/assessment/pgstore"
	"github.com/ombudsman-ri/p4/excel"
	"github.com/ombudsman-ri/p4/pgtest"
	"github.com/ombudsman-ri/p4/scoring"
)

// The demo data set (Bengkulu 2021–2023) in a fresh database per test: the
// workbooks are checked against the seed press release's table, and the
// imports against the database's counts.

func seedBengkulu(url string) error {
	ctx := context.Background()
	gdb, err := pgstore.Open(ctx, url, 5, nil)
	if err != nil {
		return err
	}
	sqlDB, _ := gdb.DB()
	defer sqlDB.Close()
	dir, err := os.MkdirTemp("", "p4-excel-seed-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	blobs, err := filestore.New(dir)
	if err != nil {
		return err
	}
	ds, err := demo.Bengkulu()
	if err != nil {
		return err
	}
	return demo.Load(ctx, pgstore.New(gdb), blobs, ds)
}

type demoDB struct {
	t     *testing.T
	db    *gorm.DB
	store *pgstore.Store
	svc   *assessment.Service
}

// exportNow is when the tests export: 10 January 2024, 09:00 WIB.
var exportNow = time.Date(2024, 1, 10, 2, 0, 0, 0, time.UTC)

func newDemo(t *testing.T) *demoDB {
	t.Helper()
	url := pgtest.NewSeeded(t, "bengkulu3", seedBengkulu)
	gdb, err := pgstore.Open(context.Background(), url, 5, nil)
	if err != nil {
		t.Fatal(err)
	}
	sqlDB, _ := gdb.DB()
	t.Cleanup(func() { sqlDB.Close() })
	st := pgstore.New(gdb)
	return &demoDB{t: t, db: gdb, store: st, svc: assessment.NewService(st, assessment.WithClock(func() time.Time { return exportNow }))}
}

func (d *demoDB) actor(email string) assessment.Actor {
	d.t.Helper()
	u, err := d.store.UserByEmail(context.Background(), email)
	if err != nil {
		d.t.Fatal(err)
	}
	return u.Actor()
}

func TestDemoWorkbook(t *testing.T) {
	d := newDemo(t)
	ctx := context.Background()
	wb, err := d.svc.Workbook(ctx, d.actor("pimpinan@p4.demo"), 2022, "17")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := excel.WriteLeadership(&buf, wb, nil); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	f := open(t, data)
	want := []string{"Ringkasan", "Peringkat Pemda", "Peringkat Kantah", "Peringkat Polres", "Dimensi", "Indikator", "Metode"}
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Fatalf("sheets %v, want %v", got, want)
	}
	// The seed press release: Pemda A 1, B 8, C 2; land offices and police
	// resorts B 8, C 2 each; green = A + B, yellow = C.
	table := [][]string{
		{"Pemda (pemprov, pemkab, pemkot)", "11", "1", "8", "2", "0", "0", "9", "2", "0", "0"},
		{"Kantah di provinsi ini", "10", "0", "8", "2", "0", "0", "8", "2", "0", "0"},
		{"Polres di provinsi ini", "10", "0", "8", "2", "0", "0", "8", "2", "0", "0"},
		{"Jumlah", "31", "1", "24", "6", "0", "0", "25", "6", "0", "0"},
	}
	for i, row := range table {
		for j, v := range row {
			c := cellName(j+1, 6+i)
			if j == 0 {
				wantText(t, f, "Ringkasan", c, v)
			} else {
				wantNumber(t, f, "Ringkasan", c, v, 1)
			}
		}
	}
	// Kabupaten Kaur leads the Pemda, green, with about 94; 2021 used
	// another method family, so its movement is "tidak sebanding".
	sh := "Peringkat Pemda"
	wantText(t, f, sh, "B2", "Kabupaten Kaur")
	wantNumber(t, f, sh, "A2", "1", 1)
	wantNumber(t, f, sh, "E2", "", 2)
	if v := value(t, f, sh, "E2"); !strings.HasPrefix(v, "94") {
		t.Errorf("Kaur scores %s, want about 94", v)
	}
	wantText(t, f, sh, "F2", "A")
	wantText(t, f, sh, "H2", "Hijau")
	wantText(t, f, sh, "O2", "tidak sebanding")
	for r := 2; r <= 12; r++ {
		zone := value(t, f, sh, cellName(8, r))
		st := style(t, f, sh, cellName(8, r))
		wantFill := map[string]string{"Hijau": excel.ZoneFill[scoring.ZoneGreen], "Kuning": excel.ZoneFill[scoring.ZoneYellow], "Merah": excel.ZoneFill[scoring.ZoneRed]}[zone]
		if wantFill == "" || len(st.Fill.Color) != 1 || !strings.Contains(strings.ToUpper(st.Fill.Color[0]), wantFill) {
			t.Errorf("%s!H%d %q fill %v", sh, r, zone, st.Fill.Color)
		}
	}
	// Dimensi: each entity's roll-up and its units; Indikator: every answer.
	var entities, units, answers int64
	d.db.Raw(`SELECT count(*) FROM period_entities pe JOIN periods p ON p.id = pe.period_id WHERE p.year = 2022 AND pe.assessed`).Scan(&entities)
	d.db.Raw(`SELECT count(*) FROM unit_assessments ua JOIN periods p ON p.id = ua.period_id WHERE p.year = 2022`).Scan(&units)
	d.db.Raw(`SELECT count(*) FROM answers a JOIN unit_assessments ua ON ua.id = a.unit_assessment_id JOIN periods p ON p.id = ua.period_id WHERE p.year = 2022`).Scan(&answers)
	if rows, _ := f.GetRows("Dimensi"); int64(len(rows)) != 1+entities+units {
		t.Errorf("Dimensi has %d rows, want %d (header, %d entities, %d units)", len(rows), 1+entities+units, entities, units)
	}
	if rows, _ := f.GetRows("Indikator"); int64(len(rows)) != 1+answers {
		t.Errorf("Indikator has %d rows, want %d answers + header", len(rows), answers)
	}
	wantText(t, f, "Indikator", "H2", "IN.KP.01")

	// The agency report of Kaur, as Kaur's own user sees it.
	r, err := d.svc.AgencyReport(ctx, d.actor("kaur@p4.demo"), 2022, wb.Groups[0].Items[0].EntityID)
	if err != nil {
		t.Fatal(err)
	}
	var rep bytes.Buffer
	if err := excel.WriteAgencyReport(&rep, r); err != nil {
		t.Fatal(err)
	}
	rf := open(t, rep.Bytes())
	hist, _ := rf.GetRows("Riwayat")
	if len(hist) != 3 || hist[1][0] != "2022" || hist[2][0] != "2021" || !strings.Contains(hist[2][7], "tidak sebanding") {
		t.Errorf("Riwayat %v, want 2022 then 2021 (not comparable)", hist)
	}
	// Only Kaur's own records: no other Bengkulu entity appears.
	for _, sheet := range rf.GetSheetList() {
		rows, _ := rf.GetRows(sheet)
		for _, row := range rows {
			for _, c := range row {
				for _, other := range []string{"Lebong", "Seluma", "Mukomuko", "Kota Bengkulu", "Kepahiang"} {
					if strings.Contains(c, other) {
						t.Errorf("the Kaur report mentions %s: %q", other, c)
					}
				}
			}
		}
	}

	// Both open in LibreOffice.
	if soffice, err := exec.LookPath("soffice"); err == nil {
		dir := t.TempDir()
		a, b := filepath.Join(dir, "pimpinan-2022-17.xlsx"), filepath.Join(dir, "rapor-kaur-2022.xlsx")
		_ = os.WriteFile(a, data, 0o644)
		_ = os.WriteFile(b, rep.Bytes(), 0o644)
		out, err := exec.Command(soffice, "--headless", "--norestore", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
			"--convert-to", "pdf", "--outdir", dir, a, b).CombinedOutput()
		if err != nil {
			t.Fatalf("soffice: %v\n%s", err, out)
		}
		for _, p := range []string{a, b} {
			if st, err := os.Stat(strings.TrimSuffix(p, ".xlsx") + ".pdf"); err != nil || st.Size() < 2000 {
				t.Errorf("%s did not convert in LibreOffice: %v\n%s", filepath.Base(p), err, out)
			}
		}
	} else {
		t.Error("LibreOffice is missing: run `scripts/deps.sh test`")
	}
}

func TestDemoWorkbookScope(t *testing.T) {
	d := newDemo(t)
	ctx := context.Background()
	cases := []struct {
		who, province string
		want          error
	}{
		{"koordinator@p4.demo", "", nil},   // their own province by default
		{"koordinator@p4.demo", "17", nil}, // their own province
		{"koordinator@p4.demo", "31", assessment.ErrNotFound},
		{"penilai1@p4.demo", "17", assessment.ErrForbidden},
		{"kaur@p4.demo", "17", assessment.ErrForbidden},
		{"admin@p4.demo", "99", assessment.ErrNotFound},
		{"admin@p4.demo", "", nil}, // the nation (the API runs it as a job)
	}
	for _, tc := range cases {
		_, err := d.svc.Workbook(ctx, d.actor(tc.who), 2022, tc.province)
		if (tc.want == nil) != (err == nil) || tc.want != nil && !isErr(err, tc.want) {
			t.Errorf("%s province %q: got %v, want %v", tc.who, tc.province, err, tc.want)
		}
	}
}

func isErr(err, target error) bool {
	return err != nil && strings.Contains(err.Error(), target.Error())
}

// counts summarises what an import could change.
type counts struct {
	Entities, Units, Users, Methods, Locus, Snapshots, Current, Rankings, RankSum, Audit int64
}

func (d *demoDB) counts() counts {
	d.t.Helper()
	var c counts
	if err := d.db.Raw(`SELECT (SELECT count(*) FROM entities) AS entities, (SELECT count(*) FROM units) AS units, (SELECT count(*) FROM users) AS users,
		(SELECT count(*) FROM methods) AS methods, (SELECT count(*) FROM period_entities) AS locus, (SELECT count(*) FROM result_snapshots) AS snapshots,
		(SELECT coalesce(sum(snapshot_id), 0) FROM current_results) AS current, (SELECT count(*) FROM rankings) AS rankings,
		(SELECT coalesce(sum(rank * entity_id), 0) FROM rankings) AS rank_sum, (SELECT count(*) FROM audit_log) AS audit`).Scan(&c).Error; err != nil {
		d.t.Fatal(err)
	}
	return c
}

func (c counts) String() string { return fmt.Sprintf("%+v", struct{ C counts }{c}) }
