package excel_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/ombudsman-ri/p4/excel"
)

var updateE2E = flag.Bool("update-e2e", false, "rewrite the browser tests' workbooks in frontend/e2e/fixtures")

// The browser tests (frontend/e2e/people.spec.ts) import these locus
// workbooks through the web app: the first has one bad row (an unknown
// province on row 4) and must import nothing; the second is the same file
// fixed. They are committed as small binary files; this test checks that
// they still hold exactly these rows and that the reader agrees about the
// bad one. Regenerate with: go test ./excel -run TestE2EFixtures -update-e2e
var e2eLocus = map[string][][]any{
	"lokus-salah.xlsx": e2eLocusRows("99"),
	"lokus-benar.xlsx": e2eLocusRows("17"),
}

func e2eLocusRows(province string) [][]any {
	return [][]any{
		{"Kode entitas", "Nama entitas", "Jenis", "Kode provinsi", "Kode unit", "Nama unit", "Jenis unit"},
		{"pemkab-uji-impor", "Kabupaten Uji Impor", "pemkab", "17", "dpmptsp", "DPMPTSP Kabupaten Uji Impor", "dpmptsp"},
		{"pemkab-uji-impor", "Kabupaten Uji Impor", "pemkab", "17", "disdukcapil", "Disdukcapil Kabupaten Uji Impor", "disdukcapil"},
		{"polres-uji-impor", "Polres Uji Impor", "polres", province, "spkt", "SPKT Polres Uji Impor", "polres"},
	}
}

func TestE2EFixtures(t *testing.T) {
	dir := filepath.Join("..", "frontend", "e2e", "fixtures")
	for name, rows := range e2eLocus {
		path := filepath.Join(dir, name)
		if *updateE2E {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, book(t, "Lokus", rows), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (write it: go test ./excel -run TestE2EFixtures -update-e2e)", err)
		}
		f, err := excelize.OpenReader(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		got, err := f.GetRows("Lokus")
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		var want [][]string
		for _, r := range rows {
			var s []string
			for _, c := range r {
				s = append(s, c.(string))
			}
			want = append(want, s)
		}
		if !slices.EqualFunc(got, want, slices.Equal) {
			t.Errorf("%s holds %q, want %q (regenerate with -update-e2e)", name, got, want)
		}
		in, err := excel.ReadLocus(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(in.Rows) != 3 || len(in.Problems) != 0 {
			t.Errorf("%s: read %d rows with problems %v, want 3 rows and none (a bad province is found on import)", name, len(in.Rows), in.Problems)
		}
	}
}
