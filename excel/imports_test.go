package excel_test

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/ombudsman-ri/p4/assessment"
	"github.com/ombudsman-ri/p4/excel"
	"github.com/ombudsman-ri/p4/scoring"
)

// book writes a workbook with one sheet of rows (row 1 first).
func book(t testing.TB, sheet string, rows [][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		t.Fatal(err)
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		if err := sw.SetRow(cellName(1, i+1), r); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// problems returns a ValidationError's fields as "field: message" lines.
func problems(t testing.TB, err error) []string {
	t.Helper()
	var ve *assessment.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("got %v, want a validation error", err)
	}
	var out []string
	for _, f := range ve.Fields {
		out = append(out, f.Field+": "+f.Message)
	}
	return out
}

func fieldProblems(fs []assessment.FieldError) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Field+": "+f.Message)
	}
	return out
}

var locusHeader = []any{"Kode entitas", "Nama entitas", "Jenis", "Kode provinsi", "Kode unit", "Nama unit"}

func TestReadLocus(t *testing.T) {
	rows := [][]any{
		locusHeader,
		{"pemkab-1704", "Kabupaten Kaur", "pemkab", 17, "dpmptsp", "DPMPTSP Kaur"},
		{"pemkab-1704", "Kabupaten Kaur", "Pemkab", "17", "disdukcapil", "Disdukcapil Kaur"},
		{},
		{"kementerian-01", "Kementerian Contoh", "kementerian", "", "ult", "ULT"},
		{"", "Tanpa Kode", "pemkab", "17", "x", "X"},
		{"pemkot-1799", "Kota Madya", "kotamadya", "17", "dpmptsp", "DPMPTSP"},
	}
	in, err := excel.ReadLocus(bytes.NewReader(book(t, "Lokus", rows)))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`Lokus!A6: kode entitas wajib diisi`,
		`Lokus!C7: jenis "kotamadya" tidak dikenal (pemprov, pemkab, pemkot, kantah, polres, kementerian, lembaga)`,
	}
	if diff := diffLines(want, fieldProblems(in.Problems)); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	if len(in.Rows) != 3 {
		t.Fatalf("%d rows, want 3", len(in.Rows))
	}
	r := in.Rows[1]
	if r.EntityCode != "pemkab-1704" || r.Kind != scoring.KindPemkab || r.ProvinceCode != "17" || r.UnitCode != "disdukcapil" || r.Ref.Row != 3 {
		t.Errorf("row 3 read as %+v", r)
	}
	if got := r.Ref.Cell("unit_name"); got != "Lokus!F3" {
		t.Errorf("unit name cell %s, want Lokus!F3", got)
	}
	if in.Rows[2].ProvinceCode != "" || in.Rows[2].Ref.Row != 5 {
		t.Errorf("row 5 read as %+v", in.Rows[2])
	}
}

// Columns are found by their header, in any order, extra ones ignored.
func TestReadLocusColumnOrder(t *testing.T) {
	rows := [][]any{
		{"Catatan", "Nama unit", "Kode unit", "Kode provinsi*", "JENIS", "Nama entitas", "Kode entitas"},
		{"bebas", "DPMPTSP Kaur", "dpmptsp", "17", "pemkab", "Kabupaten Kaur", "pemkab-1704"},
	}
	in, err := excel.ReadLocus(bytes.NewReader(book(t, "lokus", rows)))
	if err != nil {
		t.Fatal(err)
	}
	if len(in.Problems) > 0 || len(in.Rows) != 1 || in.Rows[0].Ref.Cell("kind") != "lokus!E2" || in.Rows[0].UnitName != "DPMPTSP Kaur" {
		t.Errorf("got %+v, problems %v", in.Rows, in.Problems)
	}
}

func TestReadMalformed(t *testing.T) {
	header := locusHeader
	many := [][]any{header} // one row over the limit; TestImportResults sends 50,000
	for i := 0; i <= assessment.MaxImportRows; i++ {
		many = append(many, []any{fmt.Sprintf("pemkab-%05d", i), "Kabupaten", "pemkab", "17", "dpmptsp", "DPMPTSP"})
	}
	cases := []struct {
		name string
		data []byte
		read func([]byte) error
		want []string
	}{
		{"empty file", nil, readLocus, []string{"file: berkas kosong: unggah buku kerja Excel (.xlsx)"}},
		{"not xlsx", []byte("kode,nama\n1,2\n"), readLocus, []string{"file: berkas bukan buku kerja Excel .xlsx"}},
		{"old xls", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 100)...), readLocus,
			[]string{"file: berkas bukan buku kerja Excel .xlsx (ini berkas .xls lama: simpan ulang sebagai .xlsx)"}},
		{"corrupt zip", []byte("PK\x03\x04 not really a zip"), readLocus, nil},
		{"wrong sheet", book(t, "Sheet1", [][]any{header}), readLocus,
			[]string{`Lokus!A1: lembar "Lokus" tidak ada (lembar yang ada: Sheet1); pakai templat P4`}},
		{"missing column", book(t, "Lokus", [][]any{{"Kode entitas", "Nama entitas", "Kode provinsi", "Kode unit", "Nama unit"}, {"a", "b", "17", "c", "d"}}), readLocus,
			[]string{`Lokus!F1: kolom "Jenis" tidak ada di baris judul (baris 1)`}},
		{"header only", book(t, "Lokus", [][]any{header}), readLocus, []string{"Lokus!A2: lembar Lokus tidak berisi baris data (data mulai baris 2)"}},
		{"empty sheet", book(t, "Lokus", nil), readLocus, []string{"Lokus!A1: lembar Lokus kosong: baris 1 memuat judul kolom, data mulai baris 2"}},
		{"10,001 rows", book(t, "Lokus", many), readLocus,
			[]string{"Lokus!A10002: lembar Lokus berisi lebih dari 10.000 baris data (sampai baris 10.002); paling banyak 10.000 baris per impor: bagi berkasnya"}},
		{"password column", book(t, "Pengguna", [][]any{{"Email", "Nama", "Peran", "Kata sandi"}, {"a@b.id", "A", "admin", "rahasia123"}}), readUsers,
			[]string{`Pengguna!D1: kolom "Kata sandi" tidak boleh ada: P4 membuat kata sandi awal sendiri; berkas tidak boleh memuat kata sandi`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.read(tc.data)
			got := problems(t, err)
			if tc.want == nil {
				if len(got) != 1 || !strings.HasPrefix(got[0], "file: berkas tidak dapat dibaca sebagai buku kerja Excel .xlsx") {
					t.Errorf("got %v", got)
				}
				return
			}
			if diff := diffLines(tc.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

func readLocus(b []byte) error {
	_, err := excel.ReadLocus(bytes.NewReader(b))
	return err
}

func readUsers(b []byte) error {
	_, err := excel.ReadUsers(bytes.NewReader(b))
	return err
}

func TestReadResults(t *testing.T) {
	rows := [][]any{
		{"Kode entitas", "Nama entitas", "Nilai", "Kategori", "Peringkat"},
		{"pemkab-1704", "Kabupaten Kaur", 94.1, "A", 1},
		{"kantah-1704", "Kantah Kaur", "77,99", "cukup", 2},
		{"polres-1704", "Polres Kaur", "delapan puluh", "", 3},
		{"polres-1705", "Polres Seluma", 78.456, "", 4},
		{"polres-1706", "Polres X", 101, "", 5},
		{"polres-1707", "Polres Y", "", "B", 6},
	}
	in, err := excel.ReadResults(bytes.NewReader(book(t, "Hasil", rows)), 2021)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`Hasil!C4: nilai "delapan puluh" bukan angka`,
		`Hasil!C5: nilai "78.456" memiliki lebih dari 2 desimal`,
		`Hasil!C6: nilai 101.00 di luar 0–100`,
		`Hasil!C7: nilai wajib diisi`,
	}
	if diff := diffLines(want, fieldProblems(in.Problems)); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	if len(in.Rows) != 2 || in.Rows[0].Score != 9410 || in.Rows[1].Score != 7799 || in.Rows[1].Category != "cukup" || in.Year != 2021 {
		t.Errorf("rows %+v", in.Rows)
	}
	if len(in.Notes) != 1 || !strings.Contains(in.Notes[0], "Peringkat diabaikan") {
		t.Errorf("notes %v, want the ignored rank column", in.Notes)
	}
}

func TestReadUsers(t *testing.T) {
	rows := [][]any{
		{"Email", "Nama", "Peran", "Kode provinsi", "Kode entitas"},
		{"Koordinator@Ombudsman.go.id", "Dewi", "koordinator", 17, ""},
		{"humas@kaurkab.go.id", "Hendra", "instansi", "", "pemkab-1704"},
		{"x@y.id", "X", "raja", "", ""},
	}
	in, err := excel.ReadUsers(bytes.NewReader(book(t, "Pengguna", rows)))
	if err != nil {
		t.Fatal(err)
	}
	if diff := diffLines([]string{`Pengguna!C4: peran "raja" tidak dikenal (admin, koordinator, penilai, instansi, pimpinan)`}, fieldProblems(in.Problems)); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	if len(in.Rows) != 2 || in.Rows[0].Role != assessment.RoleCoordinator || in.Rows[0].ProvinceCode != "17" || in.Rows[1].Role != assessment.RoleAgency {
		t.Errorf("rows %+v", in.Rows)
	}
}

func TestTemplates(t *testing.T) {
	want := map[string][]string{
		"instrument": {"Metode", "Kategori", "Dimensi", "Indikator", "Petunjuk"},
		"locus":      {"Lokus", "Petunjuk"},
		"users":      {"Pengguna", "Petunjuk"},
		"results":    {"Hasil", "Petunjuk"},
	}
	for _, kind := range excel.TemplateKinds() {
		var buf bytes.Buffer
		if err := excel.WriteTemplate(&buf, kind); err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
		f := open(t, buf.Bytes())
		if got := f.GetSheetList(); !slices.Equal(got, want[kind]) {
			t.Errorf("%s template sheets %v, want %v", kind, got, want[kind])
		}
		first := want[kind][0]
		if p, _ := f.GetPanes(first); !p.Freeze || p.YSplit != 1 {
			t.Errorf("%s: header row not frozen", kind)
		}
		if st := style(t, f, first, "A1"); st.Font == nil || !st.Font.Bold {
			t.Errorf("%s: header not bold", kind)
		}
		// An untouched data template is refused as empty, not imported.
		var err error
		switch kind {
		case "locus":
			_, err = excel.ReadLocus(bytes.NewReader(buf.Bytes()))
		case "users":
			_, err = excel.ReadUsers(bytes.NewReader(buf.Bytes()))
		case "results":
			_, err = excel.ReadResults(bytes.NewReader(buf.Bytes()), 2021)
		default:
			continue
		}
		if got := problems(t, err); len(got) != 1 || !strings.Contains(got[0], "tidak berisi baris data") {
			t.Errorf("%s: empty template read as %v", kind, got)
		}
	}
	if err := excel.WriteTemplate(&bytes.Buffer{}, "nope"); !errors.Is(err, excel.ErrUnknownTemplate) {
		t.Errorf("unknown template: %v", err)
	}
	var buf bytes.Buffer
	_ = excel.WriteTemplate(&buf, "locus")
	f := open(t, buf.Bytes())
	dvs, err := f.GetDataValidations("Lokus")
	if err != nil || len(dvs) != 1 || !strings.Contains(dvs[0].Formula1, "kotamadya") && !strings.Contains(dvs[0].Formula1, "pemkab") {
		t.Errorf("kind drop-down: %+v %v", dvs, err)
	}
}

// The instrument template holds the 2022 method; read back, it is the same
// method (English level meanings and composite methods are not in the workbook).
func TestInstrumentRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	if err := excel.WriteTemplate(&buf, "instrument"); err != nil {
		t.Fatal(err)
	}
	file, err := excel.ReadInstrument(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatalf("template does not read back: %v", err)
	}
	got, err := scoring.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	want := preset(t, "2022")
	if got.Code != want.Code || got.Name != want.Name || got.NameEn != want.NameEn || got.Family != want.Family || got.Rounding != want.Rounding || !maps(got.RollUp, want.RollUp) {
		t.Errorf("method header differs: %+v", got)
	}
	if diff := diffAny(want.Bands, got.Bands); diff != "" {
		t.Errorf("bands (-want +got):\n%s", diff)
	}
	if got.Instrument.Code != want.Instrument.Code || got.Instrument.Version != want.Instrument.Version || got.Instrument.Respondents != want.Instrument.Respondents ||
		!slices.Equal(got.Instrument.Scale.Levels, want.Instrument.Scale.Levels) {
		t.Errorf("instrument header differs: %+v", got.Instrument)
	}
	for i, d := range want.Instrument.Dimensions {
		gd := got.Instrument.Dimensions[i]
		if gd.Code != d.Code || gd.Name != d.Name || gd.NameEn != d.NameEn || gd.Weight.Cmp(d.Weight) != 0 || !reflect.DeepEqual(gd.Variables, d.Variables) {
			t.Errorf("dimension %s differs", d.Code)
		}
		for j, ind := range d.Indicators {
			gi := gd.Indicators[j]
			same := gi.Code == ind.Code && gi.Variable == ind.Variable && gi.Name == ind.Name && gi.NameEn == ind.NameEn && gi.Question == ind.Question &&
				gi.QuestionEn == ind.QuestionEn && slices.Equal(gi.Levels, ind.Levels) && gi.NAAllowed == ind.NAAllowed && slices.Equal(gi.Kinds, ind.Kinds) &&
				gi.Source == ind.Source && gi.Guidance == ind.Guidance && gi.Evidence == ind.Evidence &&
				(gi.Weight == nil) == (ind.Weight == nil) && (gi.Weight == nil || gi.Weight.Cmp(ind.Weight) == 0)
			if !same {
				t.Errorf("indicator %s differs:\n got %+v\nwant %+v", ind.Code, gi, ind)
			}
		}
	}
	// The same workbook gives the same bytes: importing it twice is idempotent.
	again, _ := excel.ReadInstrument(bytes.NewReader(buf.Bytes()))
	if !bytes.Equal(file, again) {
		t.Error("reading the same workbook twice gave different method files")
	}
}

func maps(a, b map[scoring.Kind]scoring.RollUp) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// Problems of the method's rules are reported at the cells they come from.
func TestInstrumentProblemsAtCells(t *testing.T) {
	var buf bytes.Buffer
	if err := excel.WriteTemplate(&buf, "instrument"); err != nil {
		t.Fatal(err)
	}
	f := open(t, buf.Bytes())
	edits := []struct{ sheet, cell, value string }{
		{"Indikator", "K3", "1/14"},     // IN.KP.02 weight: Input's weights no longer sum to 1
		{"Indikator", "A5", "XX"},       // unknown dimension
		{"Indikator", "L6", "gosip"},    // unknown source
		{"Dimensi", "D2", "22.85"},      // dimension weights sum to 101
		{"Kategori", "D4", "ungu"},      // zone
		{"Metode", "B2", ""},            // method code
		{"Indikator", "D8", "IN.KP.01"}, // duplicate code
	}
	for _, e := range edits {
		if err := f.SetCellValue(e.sheet, e.cell, e.value); err != nil {
			t.Fatal(err)
		}
	}
	var out bytes.Buffer
	if _, err := f.WriteTo(&out); err != nil {
		t.Fatal(err)
	}
	_, err := excel.ReadInstrument(&out)
	got := problems(t, err)
	wantAt := []string{"Indikator!A5: dimensi \"XX\" tidak ada", "Indikator!L6: sumber \"gosip\" tidak dikenal", "Indikator!K16:", "Dimensi!D5:",
		"Kategori!D4:", "Metode!B2:", "Indikator!D8:"}
	for _, w := range wantAt {
		found := false
		for _, g := range got {
			if strings.HasPrefix(g, w) {
				found = true
			}
		}
		if !found {
			t.Errorf("no problem starting %q in:\n%s", w, strings.Join(got, "\n"))
		}
	}
}

// diffLines describes how two lists of lines differ ("" when equal).
func diffLines(want, got []string) string {
	if slices.Equal(want, got) {
		return ""
	}
	return fmt.Sprintf("want:\n  %s\ngot:\n  %s", strings.Join(want, "\n  "), strings.Join(got, "\n  "))
}

func diffAny(want, got any) string {
	if reflect.DeepEqual(want, got) {
		return ""
	}
	return fmt.Sprintf("want %+v\n got %+v", want, got)
}
