package assessment

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestImportErrorOrderAndCap(t *testing.T) {
	if ImportError(nil) != nil {
		t.Fatal("no problems must be no error")
	}
	in := []FieldError{
		{Field: "Lokus!C10", Code: "unknown"},
		{Field: "Lokus!AA2", Code: "required"},
		{Field: "Lokus!B2", Code: "required"},
		{Field: "year", Code: "unknown"},
		{Field: "Lokus!C9", Code: "duplicate"},
	}
	var ve *ValidationError
	if !errors.As(ImportError(in), &ve) {
		t.Fatal("not a ValidationError")
	}
	var got []string
	for _, f := range ve.Fields {
		got = append(got, f.Field)
	}
	if want := "year Lokus!B2 Lokus!AA2 Lokus!C9 Lokus!C10"; strings.Join(got, " ") != want {
		t.Errorf("order %v, want %s (file-level first, then by row and column)", got, want)
	}

	many := make([]FieldError, MaxImportProblems+250)
	for i := range many {
		many[i] = FieldError{Field: fmt.Sprintf("Hasil!C%d", i+2), Code: "not_number"}
	}
	errors.As(ImportError(many), &ve)
	if len(ve.Fields) != MaxImportProblems+1 {
		t.Fatalf("%d problems reported, want %d and a line for the rest", len(ve.Fields), MaxImportProblems+1)
	}
	if last := ve.Fields[MaxImportProblems]; last.Code != "too_many_problems" || !strings.Contains(last.Message, "250 masalah lain") {
		t.Errorf("last entry %+v", last)
	}
}

func TestRowRefCell(t *testing.T) {
	r := RowRef{Sheet: "Lokus", Row: 7, Columns: map[string]string{"kind": "C"}}
	if got := r.Cell("kind"); got != "Lokus!C7" {
		t.Errorf("got %s, want Lokus!C7", got)
	}
	if got := r.Cell("other"); got != "Lokus!A7" {
		t.Errorf("unknown field: got %s, want the row's first cell", got)
	}
}

func TestRandomPassword(t *testing.T) {
	seen := map[string]bool{}
	for i := 0; i < 200; i++ {
		p := randomPassword()
		if len(p) != 16 || len(p) < MinPasswordLength || strings.ContainsAny(p, "0O1lI") {
			t.Fatalf("password %q", p)
		}
		if seen[p] {
			t.Fatalf("password %q twice", p)
		}
		seen[p] = true
	}
}
