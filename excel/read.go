package excel

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/ombudsman-ri/p4/assessment"
	"github.com/ombudsman-ri/p4/scoring"
)

// MaxUpload is the largest import workbook accepted (bytes).
const MaxUpload = 20 << 20

// Limits on what an uploaded workbook may unpack to, against zip bombs.
const (
	unzipLimit    = 200 << 20
	unzipXMLLimit = 16 << 20
)

// fileError is a problem with the whole file.
func fileError(code, format string, args ...any) error {
	return &assessment.ValidationError{Fields: []assessment.FieldError{{Field: "file", Code: code, Message: fmt.Sprintf(format, args...)}}}
}

// openUpload reads an uploaded workbook. An empty file and a file that is
// not an .xlsx workbook are validation problems of the field "file".
func openUpload(r io.Reader) (*excelize.File, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxUpload+1))
	if err != nil {
		return nil, err
	}
	switch {
	case len(data) == 0:
		return nil, fileError("empty", "berkas kosong: unggah buku kerja Excel (.xlsx)")
	case len(data) > MaxUpload:
		return nil, fileError("too_large", "berkas lebih dari %d MB", MaxUpload>>20)
	case !bytes.HasPrefix(data, []byte("PK\x03\x04")):
		hint := ""
		if bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}) {
			hint = " (ini berkas .xls lama: simpan ulang sebagai .xlsx)"
		}
		return nil, fileError("not_xlsx", "berkas bukan buku kerja Excel .xlsx%s", hint)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: unzipLimit, UnzipXMLSizeLimit: unzipXMLLimit})
	if err != nil {
		// excelize reports an archive over UnzipSizeLimit with an unexported
		// error made by fmt.Errorf; ErrOptionsUnzipSizeLimit is about the
		// options, not the file.
		if strings.HasPrefix(err.Error(), "unzip size exceeds") {
			return nil, fileError("too_large", "isi berkas terlalu besar setelah dibuka (lebih dari %d MB)", unzipLimit>>20)
		}
		return nil, fileError("not_xlsx", "berkas tidak dapat dibaca sebagai buku kerja Excel .xlsx (%v)", err)
	}
	return f, nil
}

// field is one column of an import sheet.
type field struct {
	name     string   // the RowRef field ("kind")
	header   string   // the header in the template ("Jenis")
	aliases  []string // other accepted headers
	required bool     // the column must be present
	help     string   // what goes in it (Petunjuk sheet)
}

// sheetSpec is the shape of an import sheet.
type sheetSpec struct {
	name   string
	fields []field
	// refuse names columns that must not be there, with the reason.
	refuse map[string]string
	// ignore names columns that are read by people only, with a note for the summary.
	ignore map[string]string
}

// record is one data row of an import sheet.
type record struct {
	ref  assessment.RowRef
	vals map[string]string
}

func (r record) get(name string) string { return r.vals[name] }

// normHeader makes headers comparable: lower case, single spaces, without a
// trailing "*" (required marker) or a parenthesised hint.
func normHeader(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.Index(s, "("); i > 0 {
		s = s[:i]
	}
	s = strings.TrimRight(strings.TrimSpace(s), "*")
	return strings.Join(strings.Fields(s), " ")
}

// findSheet returns the workbook's sheet named like want (ignoring case).
func findSheet(f *excelize.File, want string) (string, bool) {
	for _, name := range f.GetSheetList() {
		if strings.EqualFold(strings.TrimSpace(name), want) {
			return name, true
		}
	}
	return "", false
}

// readSheet reads an import sheet: row 1 holds the headers (columns in any
// order, extra columns ignored), data rows follow; fully empty rows are
// skipped. A missing sheet or column, no data, or more than MaxImportRows
// rows is a problem of the whole sheet, returned as err; problems of single
// values are the caller's.
func readSheet(f *excelize.File, spec sheetSpec) (recs []record, notes []string, err error) {
	defer func() {
		// The sheet's own XML can be broken while the package opened fine:
		// that is a problem of the file, said as one, never a raw error.
		var vErr *assessment.ValidationError
		if err != nil && !errors.As(err, &vErr) {
			err = &assessment.ValidationError{Fields: []assessment.FieldError{{Field: spec.name + "!A1", Code: "unreadable_sheet",
				Message: fmt.Sprintf("lembar %s tidak dapat dibaca (%v); simpan ulang berkas dari Excel sebagai .xlsx", spec.name, err)}}}
		}
	}()
	sheet, ok := findSheet(f, spec.name)
	if !ok {
		return nil, nil, &assessment.ValidationError{Fields: []assessment.FieldError{{Field: spec.name + "!A1", Code: "missing_sheet",
			Message: fmt.Sprintf("lembar %q tidak ada (lembar yang ada: %s); pakai templat P4", spec.name, strings.Join(f.GetSheetList(), ", "))}}}
	}
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	opts := excelize.Options{RawCellValue: true}
	if !rows.Next() {
		return nil, nil, &assessment.ValidationError{Fields: []assessment.FieldError{{Field: sheet + "!A1", Code: "empty_sheet",
			Message: fmt.Sprintf("lembar %s kosong: baris 1 memuat judul kolom, data mulai baris 2", sheet)}}}
	}
	head, err := rows.Columns(opts)
	if err != nil {
		return nil, nil, err
	}
	var ve assessment.ValidationError
	colOf := map[string]int{} // field → 0-based column
	byHeader := map[string]field{}
	for _, fd := range spec.fields {
		byHeader[normHeader(fd.header)] = fd
		for _, a := range fd.aliases {
			byHeader[normHeader(a)] = fd
		}
	}
	for i, h := range head {
		n := normHeader(h)
		if n == "" {
			continue
		}
		if why, bad := spec.refuse[n]; bad {
			ve.Add(fmt.Sprintf("%s!%s1", sheet, colName(i+1)), "not_allowed", "kolom %q tidak boleh ada: %s", strings.TrimSpace(h), why)
			continue
		}
		if note, skip := spec.ignore[n]; skip {
			notes = append(notes, note)
			continue
		}
		fd, known := byHeader[n]
		if !known {
			continue // a column for people (notes, names): ignored
		}
		if prev, dup := colOf[fd.name]; dup {
			ve.Add(fmt.Sprintf("%s!%s1", sheet, colName(i+1)), "duplicate_column", "kolom %q sudah ada di kolom %s", fd.header, colName(prev+1))
			continue
		}
		colOf[fd.name] = i
	}
	next := len(head) + 1
	for _, fd := range spec.fields {
		if _, ok := colOf[fd.name]; !ok && fd.required {
			ve.Add(fmt.Sprintf("%s!%s1", sheet, colName(next)), "missing_column", "kolom %q tidak ada di baris judul (baris 1)", fd.header)
			next++
		}
	}
	if len(ve.Fields) > 0 {
		return nil, nil, &ve
	}
	letters := map[string]string{}
	for name, i := range colOf {
		letters[name] = colName(i + 1)
	}
	rowNum, data := 1, 0
	for rows.Next() {
		rowNum++
		if data >= assessment.MaxImportRows {
			// Count on without reading values, to say how many there are.
			data++
			continue
		}
		cols, err := rows.Columns(opts)
		if err != nil {
			return nil, nil, err
		}
		vals := map[string]string{}
		empty := true
		for name, i := range colOf {
			if i < len(cols) {
				v := strings.TrimSpace(cols[i])
				vals[name] = v
				if v != "" {
					empty = false
				}
			}
		}
		if empty {
			continue
		}
		data++
		recs = append(recs, record{ref: assessment.RowRef{Sheet: sheet, Row: rowNum, Columns: letters}, vals: vals})
	}
	if err := rows.Error(); err != nil {
		return nil, nil, err
	}
	if data > assessment.MaxImportRows {
		return nil, nil, &assessment.ValidationError{Fields: []assessment.FieldError{{Field: fmt.Sprintf("%s!A%d", sheet, rowNum), Code: "too_many_rows",
			Message: fmt.Sprintf("lembar %s berisi lebih dari %s baris data (sampai baris %s); paling banyak %s baris per impor: bagi berkasnya",
				sheet, thousands(assessment.MaxImportRows), thousands(rowNum), thousands(assessment.MaxImportRows))}}}
	}
	if len(recs) == 0 {
		return nil, nil, &assessment.ValidationError{Fields: []assessment.FieldError{{Field: sheet + "!A2", Code: "no_rows",
			Message: fmt.Sprintf("lembar %s tidak berisi baris data (data mulai baris 2)", sheet)}}}
	}
	return recs, notes, nil
}

// thousands formats n the Indonesian way: 50.000.
func thousands(n int) string {
	s := strconv.Itoa(n)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// problemList collects problems of single values.
type problemList []assessment.FieldError

func (p *problemList) add(rec record, name, code, format string, args ...any) {
	*p = append(*p, assessment.FieldError{Field: rec.ref.Cell(name), Code: code, Message: fmt.Sprintf(format, args...)})
}

// required reads a value that must not be empty.
func (p *problemList) required(rec record, name, label string) string {
	v := rec.get(name)
	if v == "" {
		p.add(rec, name, "required", "%s wajib diisi", label)
	}
	return v
}

// parseScoreCell reads a score as a workbook stores it: a number
// ("78.45", or its binary neighbour "78.450000000000003") or text with a
// decimal point or comma ("78,45").
func parseScoreCell(raw string) (scoring.Score, error) {
	s := strings.TrimSpace(raw)
	if !strings.Contains(s, ".") && strings.Count(s, ",") == 1 {
		s = strings.Replace(s, ",", ".", 1)
	}
	if sc, err := scoring.ParseScore(s); err == nil {
		return sc, nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, fmt.Errorf("%q bukan angka", raw)
	}
	h := math.Round(f * 100)
	if math.Abs(f*100-h) > 1e-6 {
		return 0, fmt.Errorf("%q memiliki lebih dari 2 desimal", raw)
	}
	if math.Abs(h) > 1e12 {
		return 0, fmt.Errorf("%q terlalu besar", raw)
	}
	return scoring.Score(int64(h)), nil
}

// plainNumber renders a numeric cell's raw value in its shortest decimal
// form ("21.850000000000001" → "21.85"); other text is returned as it is.
func plainNumber(raw string) string {
	s := strings.TrimSpace(raw)
	if strings.Contains(s, "/") {
		return s
	}
	if !strings.Contains(s, ".") && strings.Count(s, ",") == 1 {
		s = strings.Replace(s, ",", ".", 1)
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return s
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}
