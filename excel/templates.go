package excel

import (
	"errors"
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"github.com/ombudsman-ri/p4/assessment"
	"github.com/ombudsman-ri/p4/scoring"
)

// Template kinds: one per import.
const (
	TemplateInstrument = "instrument"
	TemplateLocus      = "locus"
	TemplateUsers      = "users"
	TemplateResults    = "results"
)

// TemplateKinds lists the templates, in the order the UI offers them.
func TemplateKinds() []string {
	return []string{TemplateInstrument, TemplateLocus, TemplateUsers, TemplateResults}
}

// ErrUnknownTemplate reports a template kind that does not exist.
var ErrUnknownTemplate = errors.New("no such template: want instrument, locus, users or results")

// TemplatePreset is the method the instrument template is filled with: the
// current method, to edit rather than to type from nothing.
const TemplatePreset = "2022"

// TemplateFileName is the download name of a template.
func TemplateFileName(kind string) string { return "p4-templat-" + kind + ".xlsx" }

// SheetHelp is the instructions sheet of every template.
const SheetHelp = "Petunjuk"

// WriteTemplate writes the import template of a kind to w: the sheets the
// import reads, with their header rows, lists of allowed values, and a
// Petunjuk sheet explaining each column with an example. The data sheets of
// the locus, users and results templates are empty (an example left in them
// would be imported); the instrument template holds the 2022–2024 method.
func WriteTemplate(w io.Writer, kind string) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	switch kind {
	case TemplateLocus:
		err = writeDataTemplate(f, st, locusSheet, "Lokus: entitas dan unit layanan", [][]string{
			{"pemkab-1704", "Kabupaten Kaur", "pemkab", "17", "dpmptsp", "DPMPTSP Kabupaten Kaur", "dpmptsp"},
			{"pemkab-1704", "Kabupaten Kaur", "pemkab", "17", "disdukcapil", "Disdukcapil Kabupaten Kaur", "disdukcapil"},
			{"kementerian-07", "Kementerian Contoh", "kementerian", "", "ult", "Unit Layanan Terpadu", "ult"},
		}, map[string][]string{"kind": kindsAsStrings()},
			"Satu baris per unit layanan; kolom entitas diulang pada setiap unitnya. Entitas dan unit yang sudah ada tidak diubah (baris yang sama dilewati; data yang berbeda dilaporkan).")
	case TemplateUsers:
		err = writeDataTemplate(f, st, usersSheet, "Pengguna", [][]string{
			{"koordinator.bengkulu@ombudsman.go.id", "Dewi Anggraini", "koordinator", "17", ""},
			{"penilai.bengkulu@ombudsman.go.id", "Andi Saputra", "penilai", "17", ""},
			{"humas@kaurkab.go.id", "Hendra Gunawan", "instansi", "17", "pemkab-1704"},
		}, map[string][]string{"role": {"admin", "koordinator", "penilai", "instansi", "pimpinan"}},
			"Berkas tidak memuat kata sandi: P4 membuat kata sandi awal acak untuk setiap pengguna baru dan menampilkannya SEKALI setelah impor. Sampaikan kepada penggunanya, atau atur ulang kata sandinya. Pengguna yang sudah ada tidak diubah.")
	case TemplateResults:
		err = writeDataTemplate(f, st, resultsSheet, "Hasil historis", [][]string{
			{"pemkab-1704", "Kabupaten Kaur", "94.10", "A"},
			{"kantah-1704", "Kantor Pertanahan Kabupaten Kaur", "77.99", "cukup"},
		}, nil,
			"Impor ke periode historis (parameter tahun). Kategori dicocokkan dengan metode tahun itu; peringkat dihitung ulang oleh P4 dan tidak dibaca dari berkas. Mengimpor berkas yang sama lagi tidak mengubah apa pun.")
	case TemplateInstrument:
		var m *scoring.Method
		if m, err = scoring.Preset(TemplatePreset); err == nil {
			err = writeInstrument(f, st, m)
		}
	default:
		return ErrUnknownTemplate
	}
	if err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

func kindsAsStrings() []string {
	var s []string
	for _, k := range scoring.Kinds() {
		s = append(s, string(k))
	}
	return s
}

// writeDataTemplate writes an empty import sheet with its header and the
// Petunjuk sheet.
func writeDataTemplate(f *excelize.File, st *styles, spec sheetSpec, title string, examples [][]string, lists map[string][]string, note string) error {
	if err := f.SetSheetName("Sheet1", spec.name); err != nil {
		return err
	}
	if err := headerRow(f, st, spec.name, spec.fields); err != nil {
		return err
	}
	for i, fd := range spec.fields {
		if vals, ok := lists[fd.name]; ok {
			if err := listValidation(f, spec.name, i+1, vals); err != nil {
				return err
			}
		}
	}
	if err := printable(f, spec.name, 1, "Templat impor P4 — "+title); err != nil {
		return err
	}
	return helpSheet(f, st, []helpBlock{{sheet: spec.name, fields: spec.fields, examples: examples, note: note}})
}

// headerRow writes a template sheet's header row, frozen, with widths.
func headerRow(f *excelize.File, st *styles, sheet string, fields []field) error {
	for i, fd := range fields {
		c := cell(i+1, 1)
		if err := f.SetCellValue(sheet, c, fd.header); err != nil {
			return err
		}
		if err := f.SetCellStyle(sheet, c, c, st.header); err != nil {
			return err
		}
		width := float64(max(len(fd.header)+6, 16))
		if err := f.SetColWidth(sheet, colName(i+1), colName(i+1), width); err != nil {
			return err
		}
	}
	return f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
}

// listValidation offers a drop-down of allowed values in a column.
func listValidation(f *excelize.File, sheet string, col int, vals []string) error {
	dv := excelize.NewDataValidation(true)
	dv.SetSqref(fmt.Sprintf("%s2:%s%d", colName(col), colName(col), assessment.MaxImportRows+1))
	if err := dv.SetDropList(vals); err != nil {
		return err
	}
	dv.SetError(excelize.DataValidationErrorStyleWarning, "Nilai tidak dikenal", "Pilih salah satu nilai dari daftar.")
	return f.AddDataValidation(sheet, dv)
}

// helpBlock documents one sheet of a template.
type helpBlock struct {
	sheet    string
	fields   []field
	examples [][]string
	note     string
}

// helpSheet writes the Petunjuk sheet: for each import sheet its columns
// (whether required, what goes in them) and an example.
func helpSheet(f *excelize.File, st *styles, blocks []helpBlock) error {
	sh := SheetHelp
	if _, err := f.NewSheet(sh); err != nil {
		return err
	}
	row := 1
	put := func(col int, v any, style int) error {
		c := cell(col, row)
		if err := f.SetCellValue(sh, c, v); err != nil {
			return err
		}
		return f.SetCellStyle(sh, c, c, style)
	}
	if err := put(1, "Petunjuk pengisian", st.title); err != nil {
		return err
	}
	row++
	if err := put(1, "Baris 1 setiap lembar memuat judul kolom; data mulai baris 2. Urutan kolom boleh diubah, kolom tambahan diabaikan. "+
		fmt.Sprintf("Paling banyak %s baris data per impor. Semua baris diperiksa lebih dulu: bila ada kesalahan, setiap sel yang salah dilaporkan dan tidak ada yang disimpan.", thousands(assessment.MaxImportRows)), st.wrap); err != nil {
		return err
	}
	if err := f.MergeCell(sh, cell(1, row), cell(4, row)); err != nil {
		return err
	}
	if err := f.SetRowHeight(sh, row, 48); err != nil {
		return err
	}
	row += 2
	for _, b := range blocks {
		if err := put(1, "Lembar "+b.sheet, st.title); err != nil {
			return err
		}
		row++
		if b.note != "" {
			if err := put(1, b.note, st.wrap); err != nil {
				return err
			}
			if err := f.MergeCell(sh, cell(1, row), cell(4, row)); err != nil {
				return err
			}
			if err := f.SetRowHeight(sh, row, 48); err != nil {
				return err
			}
			row++
		}
		for i, h := range []string{"Kolom", "Wajib", "Isi"} {
			if err := put(i+1, h, st.header); err != nil {
				return err
			}
		}
		row++
		for _, fd := range b.fields {
			req := "tidak"
			if fd.required {
				req = "ya"
			}
			for i, v := range []string{fd.header, req, fd.help} {
				style := st.text
				if i == 2 {
					style = st.wrap
				}
				if err := put(i+1, v, style); err != nil {
					return err
				}
			}
			row++
		}
		if len(b.examples) > 0 {
			row++
			if err := put(1, "Contoh (jangan disalin ke lembar "+b.sheet+" tanpa diubah)", st.bold); err != nil {
				return err
			}
			row++
			for i, fd := range b.fields {
				if err := put(i+1, fd.header, st.header); err != nil {
					return err
				}
			}
			row++
			for _, ex := range b.examples {
				for i, v := range ex {
					if err := put(i+1, v, st.text); err != nil {
						return err
					}
				}
				row++
			}
		}
		row++
	}
	for i, w := range []float64{24, 24, 70, 18, 18, 30, 16} {
		if err := f.SetColWidth(sh, colName(i+1), colName(i+1), w); err != nil {
			return err
		}
	}
	return nil
}
