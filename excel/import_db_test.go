package excel_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/ombudsman-ri/p4/assessment"
	"github.com/ombudsman-ri/p4/excel"
	"github.com/ombudsman-ri/p4/scoring"
)

// Each import runs as the API runs it: read the workbook, then the service
// validates every row and writes all of them in one transaction, or none.

func (d *demoDB) importLocus(data []byte) (assessment.ImportSummary, error) {
	in, err := excel.ReadLocus(bytes.NewReader(data))
	if err != nil {
		return assessment.ImportSummary{}, err
	}
	return d.svc.ImportLocus(context.Background(), d.actor("admin@p4.demo"), in)
}

func (d *demoDB) importUsers(data []byte) (assessment.ImportSummary, error) {
	in, err := excel.ReadUsers(bytes.NewReader(data))
	if err != nil {
		return assessment.ImportSummary{}, err
	}
	return d.svc.ImportUsers(context.Background(), d.actor("admin@p4.demo"), in)
}

func (d *demoDB) importResults(data []byte, year int) (assessment.ImportSummary, error) {
	in, err := excel.ReadResults(bytes.NewReader(data), year)
	if err != nil {
		return assessment.ImportSummary{}, err
	}
	return d.svc.ImportResults(context.Background(), d.actor("admin@p4.demo"), in)
}

// refused checks that an import failed with problems at the given cells
// (each want is a prefix of one "cell: message" line) and changed nothing.
func (d *demoDB) refused(before counts, err error, want ...string) {
	d.t.Helper()
	got := problems(d.t, err)
	for _, w := range want {
		found := false
		for _, g := range got {
			if strings.HasPrefix(g, w) {
				found = true
			}
		}
		if !found {
			d.t.Errorf("no problem %q among:\n  %s", w, strings.Join(got, "\n  "))
		}
	}
	if len(got) != len(want) {
		d.t.Errorf("%d problems, want %d:\n  %s", len(got), len(want), strings.Join(got, "\n  "))
	}
	if after := d.counts(); after != before {
		d.t.Errorf("a refused import changed the database:\n%v\n%v", before, after)
	}
}

func TestImportLocus(t *testing.T) {
	d := newDemo(t)
	good := book(t, "Lokus", [][]any{
		locusHeader,
		{"pemkab-1704", "Kaur", "pemkab", "17", "dpmptsp", "DPMPTSP Kaur"}, // an existing entity (by code), but another name: a conflict
	})
	before := d.counts()
	_, err := d.importLocus(good)
	d.refused(before, err, `Lokus!B2: entitas pemkab-1704 sudah ada dengan nama "Kabupaten Kaur"`,
		`Lokus!F2: unit dpmptsp entitas pemkab-1704 sudah ada dengan nama "Dinas Penanaman Modal`)

	rows := [][]any{
		locusHeader,
		{"pemkab-1704", "Kabupaten Kaur", "pemkab", "17", "dpmptsp", "DPMPTSP Kabupaten Kaur"}, // exists, same: unchanged
		{"pemkab-1704", "Kabupaten Kaur", "pemkab", "17", "mpp", "Mal Pelayanan Publik Kaur"},  // a new unit of an existing entity
		{"pemkab-1799", "Kabupaten Baru", "pemkab", "17", "dpmptsp", "DPMPTSP Kabupaten Baru"},
		{"pemkab-1799", "Kabupaten Baru", "pemkab", "17", "disdukcapil", "Disdukcapil Kabupaten Baru"},
		{"kementerian-90", "Kementerian Contoh", "kementerian", "", "ult", "Unit Layanan Terpadu"},
	}
	var kaurUnit string
	d.db.Raw(`SELECT u.name FROM units u JOIN entities e ON e.id = u.entity_id WHERE e.code = 'pemkab-1704' AND u.code = 'dpmptsp'`).Scan(&kaurUnit)
	rows[1][5] = kaurUnit
	sum, err := d.importLocus(book(t, "Lokus", rows))
	if err != nil {
		t.Fatal(err)
	}
	if sum.Created["entities"] != 2 || sum.Created["units"] != 4 || sum.Unchanged["entities"] != 1 || sum.Unchanged["units"] != 1 {
		t.Errorf("summary %+v", sum)
	}
	after := d.counts()
	if after.Entities != before.Entities+2 || after.Units != before.Units+4 {
		t.Errorf("counts %v → %v", before, after)
	}
	// The same file again changes nothing.
	sum, err = d.importLocus(book(t, "Lokus", rows))
	if err != nil {
		t.Fatal(err)
	}
	if sum.Created["entities"] != 0 || sum.Created["units"] != 0 || sum.Unchanged["entities"] != 3 || sum.Unchanged["units"] != 5 {
		t.Errorf("re-import summary %+v", sum)
	}
	if again := d.counts(); again != after {
		t.Errorf("re-import changed the database:\n%v\n%v", after, again)
	}

	before = d.counts()
	bad := [][]any{
		locusHeader,
		{"pemkab-1780", "Kabupaten A", "pemkab", "17", "dpmptsp", "DPMPTSP A"},
		{"pemkab-1780", "Kabupaten A", "pemkab", "17", "dpmptsp", "DPMPTSP A"},               // duplicate unit of the same entity
		{"pemkab-1781", "Kabupaten B", "pemkab", "99", "dpmptsp", "DPMPTSP B"},               // unknown province
		{"pemkot-1782", "Kota C", "kotamadya", "17", "dpmptsp", "DPMPTSP C"},                 // unknown kind
		{"lembaga-91", "Lembaga D", "lembaga", "17", "ult", "ULT"},                           // national, with a province
		{"pemkab-1780", "Kabupaten A Baru", "pemkab", "17", "disdik", "Disdik A"},            // another name for the same entity
		{"pemkab-1783", "Kabupaten E", "pemkab", "", "dpmptsp", "DPMPTSP E"},                 // no province
		{"pemkab-1784", "Kabupaten F", "pemkab", "17", "", "Tanpa kode"},                     // no unit code
		{"pemkab-1799", "Kabupaten Baru", "pemkab", "17", "dpmptsp", "DPMPTSP Nama Lain"},    // an existing unit with another name
		{"pemkab-1785", "Kabupaten G", "pemkab", "17", "dpmptsp", "DPMPTSP G"},               // fine on its own: not written either
		{"pemkab-1786", "Kabupaten H", "PemKab", "17", "dpmptsp", "DPMPTSP H"},               // kinds are read case-insensitively
		{"pemkab-1787", "Kabupaten I", "pemkab", 17, "dpmptsp", "DPMPTSP I"},                 // a numeric province code is fine
		{"pemkab-1788", "Kabupaten J", "pemkab", "17", "dpmptsp", "DPMPTSP J"},               // fine
		{"kementerian-90", "Kementerian Contoh", "kementerian", "", "ult", "Unit Lain Nama"}, // existing unit, another name
	}
	_, err = d.importLocus(book(t, "Lokus", bad))
	d.refused(before, err,
		"Lokus!E3: unit dpmptsp entitas pemkab-1780 sudah ada di baris 2",
		`Lokus!D4: provinsi "99" tidak ada`,
		`Lokus!C5: jenis "kotamadya" tidak dikenal (pemprov, pemkab, pemkot, kantah, polres, kementerian, lembaga)`,
		`Lokus!D6: lembaga berskala nasional: kosongkan kode provinsi ("17")`,
		`Lokus!B7: nama entitas pemkab-1780 berbeda dengan baris 2 ("Kabupaten A")`,
		"Lokus!D8: kode provinsi wajib untuk pemkab",
		"Lokus!E9: kode unit wajib diisi",
		`Lokus!F10: unit dpmptsp entitas pemkab-1799 sudah ada dengan nama "DPMPTSP Kabupaten Baru"`,
		`Lokus!F15: unit ult entitas kementerian-90 sudah ada dengan nama "Unit Layanan Terpadu"`,
	)

	// Shape problems: nothing is read, nothing written.
	for name, data := range map[string][]byte{
		"empty":          nil,
		"not xlsx":       []byte("%PDF-1.4 not a workbook"),
		"wrong sheet":    book(t, "Data", [][]any{locusHeader, {"a", "b", "pemkab", "17", "c", "d"}}),
		"missing column": book(t, "Lokus", [][]any{locusHeader[:5], {"a", "b", "pemkab", "17", "c"}}),
	} {
		_, err := d.importLocus(data)
		var ve *assessment.ValidationError
		if !errors.As(err, &ve) || len(ve.Fields) != 1 {
			t.Errorf("%s: got %v", name, err)
		}
	}
	if again := d.counts(); again != before {
		t.Errorf("shape problems changed the database")
	}
}

func TestImportUsers(t *testing.T) {
	d := newDemo(t)
	header := []any{"Email", "Nama", "Peran", "Kode provinsi", "Kode entitas"}
	rows := [][]any{
		header,
		{"Koordinator.Baru@Ombudsman.go.id", "Sari Koordinator", "koordinator", "17", ""},
		{"humas@kaurkab.go.id", "Humas Kaur", "instansi", "17", "pemkab-1704"},
		{"penilai1@p4.demo", "Andi Saputra", "penilai", "17", ""}, // exists, same
	}
	before := d.counts()
	sum, err := d.importUsers(book(t, "Pengguna", rows))
	if err != nil {
		t.Fatal(err)
	}
	if sum.Created["users"] != 2 || sum.Unchanged["users"] != 1 || len(sum.Passwords) != 2 {
		t.Fatalf("summary %+v", sum)
	}
	for _, p := range sum.Passwords {
		if len(p.Password) < assessment.MinPasswordLength {
			t.Errorf("initial password of %s is %d characters", p.Email, len(p.Password))
		}
		u, err := d.svc.Authenticate(context.Background(), p.Email, p.Password)
		if err != nil {
			t.Errorf("%s cannot sign in with the initial password: %v", p.Email, err)
		}
		if p.Email == "humas@kaurkab.go.id" && (u.Role != assessment.RoleAgency || u.EntityID == 0) {
			t.Errorf("agency user created as %+v", u)
		}
	}
	if sum.Passwords[0].Password == sum.Passwords[1].Password {
		t.Error("two users got the same initial password")
	}
	after := d.counts()
	if after.Users != before.Users+2 {
		t.Errorf("users %d → %d", before.Users, after.Users)
	}
	sum, err = d.importUsers(book(t, "Pengguna", rows))
	if err != nil || sum.Created["users"] != 0 || sum.Unchanged["users"] != 3 || len(sum.Passwords) != 0 {
		t.Errorf("re-import: %+v %v", sum, err)
	}
	if again := d.counts(); again != after {
		t.Errorf("re-import changed the database")
	}

	before = d.counts()
	_, err = d.importUsers(book(t, "Pengguna", [][]any{
		header,
		{"a@p4.demo", "A", "instansi", "17", ""}, // agency without entity
		{"b@p4.demo", "B", "koordinator", "", ""},                           // coordinator without province
		{"c@p4.demo", "C", "instansi", "17", "pemkab-9999"},                 // unknown entity
		{"d@p4.demo", "D", "penilai", "17", ""},                             // fine
		{"D@p4.demo", "D2", "penilai", "17", ""},                            // duplicate email (case-insensitive)
		{"bukan-email", "E", "penilai", "17", ""},                           // not an email
		{"pimpinan@p4.demo", "Orang Lain", "pimpinan", "", ""},              // exists with another name
		{"f@p4.demo", "F", "penilai", "17", "pemkab-1704"},                  // only agency users have an entity
		{"g@p4.demo", "G", "raja", "", ""},                                  // unknown role
		{"h@p4.demo", "H", "koordinator", "88", ""},                         // unknown province
		{"kaur@p4.demo", "Hendra Gunawan", "instansi", "17", "pemkab-1704"}, // exists, same: fine
	}))
	d.refused(before, err,
		"Pengguna!E2: pengguna instansi terikat pada satu entitas",
		"Pengguna!D3: koordinator mengawasi satu provinsi",
		`Pengguna!E4: entitas "pemkab-9999" tidak ada`,
		"Pengguna!A6: email d@p4.demo sudah ada di baris 5",
		`Pengguna!A7: "bukan-email" bukan alamat email`,
		"Pengguna!A8: pengguna pimpinan@p4.demo sudah ada",
		"Pengguna!E9: hanya pengguna instansi (agency) yang terikat pada entitas",
		`Pengguna!C10: peran "raja" tidak dikenal`,
		`Pengguna!D11: provinsi "88" tidak ada`,
	)
}

func TestImportResults(t *testing.T) {
	d := newDemo(t)
	ctx := context.Background()
	admin := d.actor("admin@p4.demo")
	header := []any{"Kode entitas", "Nama entitas", "Nilai", "Kategori", "Peringkat"}

	// The demo's 2021 table, imported again into its (published) period: nothing changes.
	var hist []struct {
		Code  string
		Score string
	}
	d.db.Raw(`SELECT e.code, rs.score::text AS score FROM current_results c JOIN result_snapshots rs ON rs.id = c.snapshot_id
		JOIN entities e ON e.id = c.entity_id JOIN periods p ON p.id = c.period_id WHERE p.year = 2021 ORDER BY e.code`).Scan(&hist)
	if len(hist) != 11 {
		t.Fatalf("demo 2021 has %d results, want 11", len(hist))
	}
	rows := [][]any{header}
	for i, h := range hist {
		rows = append(rows, []any{h.Code, "", h.Score, "", 99 - i}) // a rank column that is wrong on purpose: ignored
	}
	before := d.counts()
	sum, err := d.importResults(book(t, "Hasil", rows), 2021)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Unchanged["results"] != 11 || sum.Created["results"] != 0 || len(sum.Notes) != 1 {
		t.Errorf("summary %+v", sum)
	}
	if after := d.counts(); after != before {
		t.Errorf("re-importing the published 2021 table changed the database")
	}
	// A changed score of a published period is refused.
	rows[1][2] = "12.34"
	_, err = d.importResults(book(t, "Hasil", rows), 2021)
	d.refused(before, err, "Hasil!C2: hasil periode 2021 sudah dipublikasikan")

	// A new historical period, 2019, on the 2022–2024 method: categories A–E, "cukup" for C.
	file, _ := scoring.PresetFile("2022")
	mv, err := d.svc.RegisterMethod(ctx, admin, file)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.svc.CreatePeriod(ctx, admin, assessment.PeriodInput{Year: 2019, MethodID: mv.ID, Historical: true}); err != nil {
		t.Fatal(err)
	}
	before = d.counts()
	table := [][]any{
		header,
		{"pemkab-1704", "Kabupaten Kaur", 88, "A", 5},
		{"pemkab-1701", "Kabupaten Bengkulu Selatan", "87,99", "B", 1},
		{"pemkot-1771", "Kota Bengkulu", 77.99, "cukup", 2},
		{"pemprov-17", "Provinsi Bengkulu", 88, "kategori a", 3},
		{"kantah-1704", "Kantah Kaur", 54, "Kualitas Sedang", 4},
	}
	sum, err = d.importResults(book(t, "Hasil", table), 2019)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Created["results"] != 5 || sum.Created["locus"] != 5 {
		t.Errorf("summary %+v", sum)
	}
	// Ranks come from the scores: Kaur and the province share 1, Bengkulu Selatan 3, Kota Bengkulu 4.
	v, err := d.svc.Ranking(ctx, admin, 2019, "pemda", "17", false)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range v.Items {
		got = append(got, fmt.Sprintf("%d %s %s %s", r.Rank, r.Entity, r.Score, deref(r.Category)))
	}
	want := []string{"1 Kabupaten Kaur 88.00 A", "1 Pemerintah Provinsi Bengkulu 88.00 A", "3 Kabupaten Bengkulu Selatan 87.99 B", "4 Kota Bengkulu 77.99 C"}
	if diff := diffLines(want, got); diff != "" {
		t.Errorf("2019 Pemda ranking:\n%s", diff)
	}
	after := d.counts()
	sum, err = d.importResults(book(t, "Hasil", table), 2019)
	if err != nil || sum.Unchanged["results"] != 5 || sum.Created["results"] != 0 || sum.Updated["results"] != 0 {
		t.Errorf("re-import: %+v %v", sum, err)
	}
	if again := d.counts(); again != after {
		t.Errorf("re-import changed the database:\n%v\n%v", after, again)
	}
	// A correction before publication is an update, re-ranked.
	table[2][2], table[2][3] = 88.5, "A"
	sum, err = d.importResults(book(t, "Hasil", table), 2019)
	if err != nil || sum.Updated["results"] != 1 || sum.Unchanged["results"] != 4 {
		t.Errorf("correction: %+v %v", sum, err)
	}
	v, _ = d.svc.Ranking(ctx, admin, 2019, "pemda", "17", false)
	if v.Items[0].Entity != "Kabupaten Bengkulu Selatan" || v.Items[0].Rank != 1 {
		t.Errorf("after the correction the first is %s (%d)", v.Items[0].Entity, v.Items[0].Rank)
	}

	before = d.counts()
	_, err = d.importResults(book(t, "Hasil", [][]any{
		header,
		{"pemkab-1702", "Rejang Lebong", 80, "A", 1},        // stated category disagrees
		{"pemkab-1703", "Bengkulu Utara", 70, "Z", 1},       // unknown category
		{"pemkab-1705", "Seluma", "tujuh puluh", "", 1},     // text in a number column
		{"pemkab-1706", "Mukomuko", 70, "", 1},              // fine
		{"pemkab-1706", "Mukomuko", 71, "", 1},              // duplicate entity
		{"pemkab-9999", "Tidak Ada", 70, "", 1},             // unknown entity
		{"pemkab-1707", "Lebong", 100.5, "", 1},             // out of range
		{"pemkab-1708", "Kepahiang", 53.99, "cukup", 1},     // 53.99 is D, not C
		{"polres-1704", "Polres Kaur", 31.99, "Merah", 1},   // two red bands: a zone names no single band
		{"kantah-1701", "Kantah Bengkulu Selatan", 32, "D"}, // fine
	}), 2019)
	d.refused(before, err,
		`Hasil!D2: kategori "A" tidak sesuai dengan nilai 80.00: menurut metode 2022 nilai itu B (Kualitas Tinggi)`,
		`Hasil!D3: kategori "Z" tidak dikenal (A, B, C, D, E, Kualitas Tertinggi, Kualitas Tinggi, Kualitas Sedang, cukup, kualitas cukup, Kualitas Rendah, Kualitas Terendah)`,
		`Hasil!C4: nilai "tujuh puluh" bukan angka`,
		"Hasil!A6: entitas pemkab-1706 sudah ada di baris 5",
		`Hasil!A7: entitas "pemkab-9999" tidak ada: impor lokus lebih dulu`,
		"Hasil!C8: nilai 100.50 di luar 0–100",
		`Hasil!D9: kategori "cukup" tidak sesuai dengan nilai 53.99: menurut metode 2022 nilai itu D (Kualitas Rendah)`,
		`Hasil!D10: kategori "Merah" tidak dikenal`,
	)

	// Not a historical period, or none at all.
	_, err = d.importResults(book(t, "Hasil", table), 2022)
	d.refused(before, err, "year: periode 2022 dinilai di P4, bukan periode historis")
	_, err = d.importResults(book(t, "Hasil", table), 2018)
	d.refused(before, err, "year: periode 2018 tidak ada")

	// 50,000 rows: refused at once, with the row count.
	many := [][]any{header}
	for i := 0; i < 50000; i++ {
		many = append(many, []any{fmt.Sprintf("pemkab-%05d", i), "", 70, ""})
	}
	_, err = d.importResults(book(t, "Hasil", many), 2019)
	d.refused(before, err, "Hasil!A50001: lembar Hasil berisi lebih dari 10.000 baris data (sampai baris 50.001)")
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func TestImportInstrument(t *testing.T) {
	d := newDemo(t)
	ctx := context.Background()
	admin := d.actor("admin@p4.demo")
	var tpl bytes.Buffer
	if err := excel.WriteTemplate(&tpl, "instrument"); err != nil {
		t.Fatal(err)
	}
	before := d.counts()
	file, err := excel.ReadInstrument(bytes.NewReader(tpl.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	sum, err := d.svc.ImportMethod(ctx, admin, file)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Created["methods"] != 1 || sum.Method == nil || sum.Method.Code != "2022" || sum.Method.Version < 2 {
		t.Errorf("summary %+v (method %+v)", sum, sum.Method)
	}
	after := d.counts()
	if after.Methods != before.Methods+1 {
		t.Errorf("methods %d → %d", before.Methods, after.Methods)
	}
	sum, err = d.svc.ImportMethod(ctx, admin, file)
	if err != nil || sum.Unchanged["methods"] != 1 || sum.Created["methods"] != 0 {
		t.Errorf("re-import: %+v %v", sum, err)
	}
	if again := d.counts(); again != after {
		t.Error("re-importing the instrument changed the database")
	}
	if _, err := d.svc.ImportMethod(ctx, d.actor("pimpinan@p4.demo"), file); !errors.Is(err, assessment.ErrForbidden) {
		t.Errorf("leadership imported an instrument: %v", err)
	}
}
