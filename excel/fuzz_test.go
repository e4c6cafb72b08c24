package excel_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/ombudsman-ri/p4/assessment"
	"github.com/ombudsman-ri/p4/excel"
)

// FuzzReadImports feeds arbitrary bytes (seeded with the import templates
// and small filled workbooks) to every import reader. Each one either
// refuses the file with a validation error or returns rows whose problems
// are validation problems; it never panics or fails otherwise.
//
//fuzz:short
func FuzzReadImports(f *testing.F) {
	for _, kind := range []string{excel.TemplateLocus, excel.TemplateUsers, excel.TemplateResults, excel.TemplateInstrument} {
		var buf bytes.Buffer
		if err := excel.WriteTemplate(&buf, kind); err != nil {
			f.Fatal(err)
		}
		f.Add(buf.Bytes())
	}
	f.Add(book(f, "Lokus", [][]any{locusHeader, {"pemkab-1704", "Kabupaten Kaur", "pemkab", 17, "dpmptsp", "DPMPTSP Kaur"}}))
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		start := time.Now()
		defer func() {
			if d := time.Since(start); d > 2*time.Second {
				t.Fatalf("reading a %d-byte upload took %s", len(data), d)
			}
		}()
		check := func(reader string, err error, problems []assessment.FieldError) {
			if err != nil {
				var ve *assessment.ValidationError
				if !errors.As(err, &ve) || len(ve.Fields) == 0 {
					t.Fatalf("%s: rejection is %T %v, want a ValidationError", reader, err, err)
				}
				for _, fe := range ve.Fields {
					if strings.Contains(fe.Message, ".go:") || fe.Field == "" {
						t.Fatalf("%s: problem %+v", reader, fe)
					}
				}
				return
			}
			for _, p := range problems {
				if p.Code == "" || p.Message == "" {
					t.Fatalf("%s: problem without code or message: %+v", reader, p)
				}
			}
		}
		l, err := excel.ReadLocus(bytes.NewReader(data))
		check("locus", err, l.Problems)
		u, err := excel.ReadUsers(bytes.NewReader(data))
		check("users", err, u.Problems)
		r, err := excel.ReadResults(bytes.NewReader(data), 2021)
		check("results", err, r.Problems)
		if len(r.Rows) > assessment.MaxImportRows || len(l.Rows) > assessment.MaxImportRows || len(u.Rows) > assessment.MaxImportRows {
			t.Fatalf("more rows than MaxImportRows accepted")
		}
		_, err = excel.ReadInstrument(bytes.NewReader(data))
		check("instrument", err, nil)
	})
}
