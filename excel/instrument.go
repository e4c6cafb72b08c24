package excel

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/ombudsman-ri/p4/assessment"
	"github.com/ombudsman-ri/p4/scoring"
)

// The instrument workbook: Metode (method settings as label/value rows),
// Kategori (bands), Dimensi (dimensions and weights) and Indikator (one row
// per indicator: dimension, variable, code, question, the meaning of levels
// 0–3, weight, source, …). ReadInstrument turns it into a p4-method/1 file.
// Composite methods (components, 2025) and per-indicator answer maxima other
// than 3 are not expressible in it: write those as JSON (docs/INSTRUMENT.md).

// Sheet names of the instrument workbook.
const (
	SheetMethodSettings = "Metode"
	SheetBands          = "Kategori"
	SheetDims           = "Dimensi"
	SheetInds           = "Indikator"
)

// instrumentLevels is the answer scale of the instrument workbook (0–3).
const instrumentLevels = 3

var (
	settingsSheet = sheetSpec{name: SheetMethodSettings, fields: []field{
		{name: "label", header: "Isian", required: true},
		{name: "value", header: "Nilai", required: true},
		{name: "note", header: "Keterangan"},
	}}
	bandsSheet = sheetSpec{name: SheetBands, fields: []field{
		{name: "category", header: "Kategori", required: true, help: "Huruf kategori (A–E); kosong untuk metode tanpa huruf (2021)."},
		{name: "opinion", header: "Opini", required: true, help: "Opini yang dipublikasikan, mis. Kualitas Tertinggi."},
		{name: "opinion_en", header: "Opini EN", help: "Opini dalam bahasa Inggris (opsional)."},
		{name: "zone", header: "Zona", required: true, help: "Hijau, Kuning atau Merah."},
		{name: "lower", header: "Batas bawah", required: true, help: "Nilai terendah kategori ini (termasuk), 2 desimal; satu kategori mulai dari 0."},
		{name: "aliases", header: "Alias", help: "Label lain yang diterima saat impor hasil, dipisah koma (mis. cukup)."},
	}}
	dimsSheet = sheetSpec{name: SheetDims, fields: []field{
		{name: "code", header: "Kode", required: true, help: "Kode dimensi, mis. IN."},
		{name: "name", header: "Nama", required: true, help: "Nama dimensi, mis. Input."},
		{name: "name_en", header: "Nama EN", help: "Nama dalam bahasa Inggris (opsional)."},
		{name: "weight", header: "Bobot", required: true, help: "Poin dari 100; jumlah semua dimensi tepat 100."},
	}}
	indsSheet = sheetSpec{name: SheetInds, fields: []field{
		{name: "dimension", header: "Dimensi", required: true, help: "Kode dimensi dari lembar Dimensi."},
		{name: "variable", header: "Variabel", help: "Kode variabel di dalam dimensi (wajib bila dimensinya memiliki variabel)."},
		{name: "variable_name", header: "Nama variabel", help: "Nama variabel, pada baris pertama variabel itu (baris berikutnya boleh kosong)."},
		{name: "code", header: "Kode indikator", required: true, help: "Kode unik dan tetap, mis. IN.KP.01."},
		{name: "name", header: "Indikator", required: true, help: "Label singkat indikator."},
		{name: "question", header: "Pertanyaan", required: true, help: "Pertanyaan seperti dibacakan penilai."},
		{name: "level0", header: "Level 0", help: "Arti jawaban 0 untuk indikator ini (kosongkan keempat level untuk memakai arti skala di lembar Metode)."},
		{name: "level1", header: "Level 1", help: "Arti jawaban 1."},
		{name: "level2", header: "Level 2", help: "Arti jawaban 2."},
		{name: "level3", header: "Level 3", help: "Arti jawaban 3."},
		{name: "weight", header: "Bobot", help: "Bagian di dalam dimensinya: pecahan (1/15) atau desimal (0,25). Isi pada semua indikator dimensi itu (jumlahnya 1) atau kosongkan semua (bagian sama)."},
		{name: "source", header: "Sumber", required: true, help: "wawancara, observasi, dokumen, survei pengguna atau data sekunder."},
		{name: "na", header: "Boleh N/A", help: "ya bila jawaban \"tidak berlaku\" boleh dipilih; kosong atau tidak bila tidak."},
		{name: "kinds", header: "Berlaku untuk", help: "Jenis entitas, dipisah koma (mis. polres); kosong = semua."},
		{name: "guidance", header: "Panduan", help: "Cara penilai menentukan level."},
		{name: "evidence", header: "Bukti", help: "Bukti yang harus dilampirkan."},
		{name: "name_en", header: "Indikator EN", help: "Label dalam bahasa Inggris (opsional)."},
		{name: "question_en", header: "Pertanyaan EN", help: "Pertanyaan dalam bahasa Inggris (opsional)."},
		{name: "variable_name_en", header: "Nama variabel EN", help: "Nama variabel dalam bahasa Inggris (opsional)."},
	}}
)

// setting is one label/value row of the Metode sheet and where it goes in
// the method file.
type setting struct {
	label, path, help string
	required          bool
}

func settings() []setting {
	s := []setting{
		{"Kode metode", "method.code", "Kode singkat metode, mis. 2026.", true},
		{"Nama metode", "method.name", "Nama tampilan metode.", true},
		{"Nama metode EN", "method.name_en", "Nama dalam bahasa Inggris (opsional).", false},
		{"Keluarga", "method.family", "Nilai hanya dibandingkan antarperiode dalam satu keluarga (mis. p4-2022).", true},
		{"Deskripsi", "method.description", "Keterangan bebas (opsional).", false},
		{"Pembulatan", "method.rounding", "units_then_entity (nilai unit dibulatkan lalu dirata-rata) atau entity_only.", true},
	}
	for _, k := range scoring.Kinds() {
		s = append(s, setting{"Agregasi " + string(k), "method.roll_up." + string(k), "mean (rata-rata unit), weighted_mean (rata-rata berbobot) atau single (satu unit).", true})
	}
	s = append(s,
		setting{"Kode instrumen", "instrument.code", "Kode instrumen, mis. P4-2026.", true},
		setting{"Nama instrumen", "instrument.name", "Nama instrumen.", true},
		setting{"Nama instrumen EN", "instrument.name_en", "Nama dalam bahasa Inggris (opsional).", false},
		setting{"Versi instrumen", "instrument.version", "Versi, mis. 2026.1 (opsional).", false},
		setting{"Responden per unit", "instrument.respondents", "Pengguna layanan yang diwawancarai per unit (opsional).", false},
	)
	for i := 0; i <= instrumentLevels; i++ {
		s = append(s, setting{fmt.Sprintf("Arti nilai %d", i), fmt.Sprintf("instrument.scale.levels[%d]", i), fmt.Sprintf("Arti umum jawaban %d pada skala 0–3.", i), false})
	}
	return s
}

var sourceNames = map[string]scoring.Source{
	"wawancara": scoring.SourceInterview, "observasi": scoring.SourceObservation, "dokumen": scoring.SourceDocument,
	"survei pengguna": scoring.SourceUserSurvey, "data sekunder": scoring.SourceSecondaryData,
}

func sourceLabel(s scoring.Source) string {
	for k, v := range sourceNames {
		if v == s {
			return k
		}
	}
	return string(s)
}

func parseSource(s string) (scoring.Source, bool) {
	l := strings.ToLower(strings.TrimSpace(s))
	if v, ok := sourceNames[l]; ok {
		return v, true
	}
	v, err := scoring.ParseSource(strings.ReplaceAll(l, " ", "_"))
	return v, err == nil
}

func parseYes(s string) (bool, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "tidak", "no", "false", "0", "t":
		return false, true
	case "ya", "yes", "true", "1", "y":
		return true, true
	}
	return false, false
}

// writeInstrument writes the instrument workbook of a method.
func writeInstrument(f *excelize.File, st *styles, m *scoring.Method) error {
	if m.Instrument == nil {
		return errors.New("the method has no instrument")
	}
	if len(m.Components) > 0 {
		return errors.New("a composite method cannot be written as an instrument workbook")
	}
	in := m.Instrument
	if err := f.SetSheetName("Sheet1", SheetMethodSettings); err != nil {
		return err
	}
	for _, s := range []string{SheetBands, SheetDims, SheetInds} {
		if _, err := f.NewSheet(s); err != nil {
			return err
		}
	}
	values := map[string]string{
		"method.code": m.Code, "method.name": m.Name, "method.name_en": m.NameEn, "method.family": m.Family,
		"method.description": m.Description, "method.rounding": string(m.Rounding),
		"instrument.code": in.Code, "instrument.name": in.Name, "instrument.name_en": in.NameEn, "instrument.version": in.Version,
	}
	if in.Respondents > 0 {
		values["instrument.respondents"] = strconv.Itoa(in.Respondents)
	}
	for k, r := range m.RollUp {
		values["method.roll_up."+string(k)] = string(r)
	}
	for i, l := range in.Scale.Levels {
		values[fmt.Sprintf("instrument.scale.levels[%d]", i)] = l
	}
	rows := [][]string{}
	for _, s := range settings() {
		rows = append(rows, []string{s.label, values[s.path], s.help})
	}
	if err := writeRows(f, st, SheetMethodSettings, settingsSheet.fields, rows, []float64{24, 60, 70}); err != nil {
		return err
	}

	rows = rows[:0]
	for _, b := range sortedBands(m) {
		rows = append(rows, []string{b.Category, b.Opinion, b.OpinionEn, ZoneWord[b.Zone], b.Lower.String(), strings.Join(b.Aliases, ", ")})
	}
	if err := writeRows(f, st, SheetBands, bandsSheet.fields, rows, []float64{10, 26, 22, 10, 12, 24}); err != nil {
		return err
	}
	rows = rows[:0]
	for _, d := range in.Dimensions {
		rows = append(rows, []string{d.Code, d.Name, d.NameEn, d.Weight.FloatString(2)})
	}
	if err := writeRows(f, st, SheetDims, dimsSheet.fields, rows, []float64{10, 24, 24, 10}); err != nil {
		return err
	}
	rows = rows[:0]
	for _, d := range in.Dimensions {
		named := map[string]bool{}
		vars := map[string]scoring.Variable{}
		for _, v := range d.Variables {
			vars[v.Code] = v
		}
		for _, ind := range d.Indicators {
			if ind.Max != 0 && ind.Max != instrumentLevels {
				return fmt.Errorf("indicator %s has answer maximum %d: the workbook holds 0–%d only", ind.Code, ind.Max, instrumentLevels)
			}
			var vname, vnameEn string
			if !named[ind.Variable] {
				vname, vnameEn = vars[ind.Variable].Name, vars[ind.Variable].NameEn
				named[ind.Variable] = true
			}
			levels := make([]string, instrumentLevels+1)
			copy(levels, ind.Levels)
			weight := ""
			if ind.Weight != nil {
				weight = ind.Weight.RatString()
			}
			var kinds []string
			for _, k := range ind.Kinds {
				kinds = append(kinds, string(k))
			}
			na := ""
			if ind.NAAllowed {
				na = "ya"
			}
			rows = append(rows, []string{d.Code, ind.Variable, vname, ind.Code, ind.Name, ind.Question, levels[0], levels[1], levels[2], levels[3],
				weight, sourceLabel(ind.Source), na, strings.Join(kinds, ", "), ind.Guidance, ind.Evidence, ind.NameEn, ind.QuestionEn, vnameEn})
		}
	}
	widths := []float64{9, 9, 22, 12, 30, 50, 26, 26, 26, 26, 9, 16, 10, 14, 40, 40, 30, 40, 22}
	if err := writeRows(f, st, SheetInds, indsSheet.fields, rows, widths); err != nil {
		return err
	}
	if err := listValidation(f, SheetInds, 12, []string{"wawancara", "observasi", "dokumen", "survei pengguna", "data sekunder"}); err != nil {
		return err
	}
	if err := listValidation(f, SheetInds, 13, []string{"ya", "tidak"}); err != nil {
		return err
	}
	if err := listValidation(f, SheetBands, 4, []string{"Hijau", "Kuning", "Merah"}); err != nil {
		return err
	}
	var sf []field
	for _, s := range settings() {
		req := s.required
		sf = append(sf, field{header: s.label, required: req, help: s.help})
	}
	return helpSheet(f, st, []helpBlock{
		{sheet: SheetMethodSettings, fields: sf, note: "Satu isian per baris: nama isian di kolom Isian, nilainya di kolom Nilai. Impor instrumen mendaftarkan metode baru; mengimpor berkas yang sama lagi tidak mengubah apa pun. Metode yang sudah dipakai periode yang berjalan tidak berubah."},
		{sheet: SheetBands, fields: bandsSheet.fields},
		{sheet: SheetDims, fields: dimsSheet.fields},
		{sheet: SheetInds, fields: indsSheet.fields, note: "Satu baris per indikator, dikelompokkan menurut dimensi sesuai urutan lembar Dimensi. Skala jawaban 0–3."},
	})
}

// writeRows writes a header row and text rows (numbers where a cell reads as one).
func writeRows(f *excelize.File, st *styles, sheet string, fields []field, rows [][]string, widths []float64) error {
	if err := headerRow(f, st, sheet, fields); err != nil {
		return err
	}
	for i, w := range widths {
		if err := f.SetColWidth(sheet, colName(i+1), colName(i+1), w); err != nil {
			return err
		}
	}
	for r, vals := range rows {
		cells := make([]any, len(vals))
		for i, v := range vals {
			cells[i] = v
		}
		if err := f.SetSheetRow(sheet, cell(1, r+2), &cells); err != nil {
			return err
		}
	}
	if len(rows) > 0 {
		if err := f.SetCellStyle(sheet, "A2", cell(len(fields), len(rows)+1), st.wrap); err != nil {
			return err
		}
	}
	return printable(f, sheet, 1, "Instrumen P4 — lembar "+sheet)
}

// JSON shapes of the p4-method/1 file written from a workbook.
type methodFileJSON struct {
	Format     string         `json:"format"`
	Method     methodJSON     `json:"method"`
	Instrument instrumentJSON `json:"instrument"`
}

type methodJSON struct {
	Code        string            `json:"code"`
	Name        string            `json:"name"`
	NameEn      string            `json:"name_en,omitempty"`
	Family      string            `json:"family"`
	Description string            `json:"description,omitempty"`
	Rounding    string            `json:"rounding"`
	RollUp      map[string]string `json:"roll_up"`
	Bands       []bandJSON        `json:"bands"`
}

type bandJSON struct {
	Category  string   `json:"category,omitempty"`
	Opinion   string   `json:"opinion"`
	OpinionEn string   `json:"opinion_en,omitempty"`
	Zone      string   `json:"zone"`
	Lower     string   `json:"lower"`
	Aliases   []string `json:"aliases,omitempty"`
}

type instrumentJSON struct {
	Code        string          `json:"code"`
	Name        string          `json:"name"`
	NameEn      string          `json:"name_en,omitempty"`
	Version     string          `json:"version,omitempty"`
	Respondents int             `json:"respondents,omitempty"`
	Scale       scaleJSON       `json:"scale"`
	Dimensions  []dimensionJSON `json:"dimensions"`
}

type scaleJSON struct {
	Max    int      `json:"max"`
	Levels []string `json:"levels,omitempty"`
}

type dimensionJSON struct {
	Code       string          `json:"code"`
	Name       string          `json:"name"`
	NameEn     string          `json:"name_en,omitempty"`
	Weight     string          `json:"weight"`
	Variables  []variableJSON  `json:"variables,omitempty"`
	Indicators []indicatorJSON `json:"indicators"`
}

type variableJSON struct {
	Code   string `json:"code"`
	Name   string `json:"name"`
	NameEn string `json:"name_en,omitempty"`
}

type indicatorJSON struct {
	Code       string   `json:"code"`
	Variable   string   `json:"variable,omitempty"`
	Name       string   `json:"name"`
	NameEn     string   `json:"name_en,omitempty"`
	Question   string   `json:"question"`
	QuestionEn string   `json:"question_en,omitempty"`
	Weight     string   `json:"weight,omitempty"`
	Levels     []string `json:"levels,omitempty"`
	NAAllowed  bool     `json:"na_allowed,omitempty"`
	Kinds      []string `json:"kinds,omitempty"`
	Source     string   `json:"source"`
	Guidance   string   `json:"guidance,omitempty"`
	Evidence   string   `json:"evidence,omitempty"`
}

// cellMap maps paths of the method file to the cells they came from, so
// that the scoring package's problems can be reported at a cell.
type cellMap map[string]string

// cellOf returns the cell of a path or of its nearest mapped parent.
func (cm cellMap) cellOf(path string) string {
	for p := path; p != ""; {
		if c, ok := cm[p]; ok {
			return c
		}
		i := strings.LastIndexAny(p, ".[")
		if i <= 0 {
			break
		}
		p = p[:i]
	}
	return SheetMethodSettings + "!A1"
}

// ReadInstrument reads an instrument workbook and returns the p4-method/1
// file it describes, checked with scoring.ParseFile. Every problem —
// of the workbook's shape, of a cell, or of the method's rules (weights that
// do not sum, duplicate codes, …) — is reported at its cell in one
// ValidationError.
func ReadInstrument(r io.Reader) ([]byte, error) {
	f, err := openUpload(r)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var shape assessment.ValidationError
	read := func(spec sheetSpec) []record {
		recs, _, err := readSheet(f, spec)
		var ve *assessment.ValidationError
		if errors.As(err, &ve) {
			shape.Fields = append(shape.Fields, ve.Fields...)
			return nil
		}
		return recs
	}
	setRecs, bandRecs, dimRecs, indRecs := read(settingsSheet), read(bandsSheet), read(dimsSheet), read(indsSheet)
	if len(shape.Fields) > 0 {
		return nil, &shape
	}
	var ps problemList
	cm := cellMap{"method": SheetMethodSettings + "!A1", "instrument": SheetMethodSettings + "!A1",
		"method.bands": SheetBands + "!A1", "instrument.dimensions": SheetDims + "!A1"}

	// Metode: label → value.
	known := map[string]setting{}
	for _, s := range settings() {
		known[strings.ToLower(s.label)] = s
	}
	vals := map[string]string{}
	for _, rec := range setRecs {
		label := strings.TrimSpace(rec.get("label"))
		s, ok := known[strings.ToLower(label)]
		if !ok {
			ps.add(rec, "label", "unknown", "isian %q tidak dikenal; lihat lembar Petunjuk", label)
			continue
		}
		if _, dup := vals[s.path]; dup {
			ps.add(rec, "label", "duplicate", "isian %q muncul dua kali", label)
			continue
		}
		vals[s.path] = rec.get("value")
		cm[s.path] = rec.ref.Cell("value")
	}
	mf := methodFileJSON{Format: scoring.FormatMethod, Method: methodJSON{
		Code: vals["method.code"], Name: vals["method.name"], NameEn: vals["method.name_en"], Family: vals["method.family"],
		Description: vals["method.description"], Rounding: vals["method.rounding"], RollUp: map[string]string{},
	}, Instrument: instrumentJSON{Code: vals["instrument.code"], Name: vals["instrument.name"], NameEn: vals["instrument.name_en"],
		Version: vals["instrument.version"], Scale: scaleJSON{Max: instrumentLevels}}}
	for _, k := range scoring.Kinds() {
		if v, ok := vals["method.roll_up."+string(k)]; ok {
			mf.Method.RollUp[string(k)] = v
		}
	}
	if v := vals["instrument.respondents"]; v != "" {
		n, err := strconv.Atoi(plainNumber(v))
		if err != nil || n < 0 {
			ps = append(ps, assessment.FieldError{Field: cm["instrument.respondents"], Code: "not_number", Message: fmt.Sprintf("responden per unit %q bukan bilangan bulat", v)})
		}
		mf.Instrument.Respondents = n
	}
	var levels []string
	for i := 0; i <= instrumentLevels; i++ {
		levels = append(levels, vals[fmt.Sprintf("instrument.scale.levels[%d]", i)])
	}
	if strings.Join(levels, "") != "" {
		mf.Instrument.Scale.Levels = levels
	}

	// Kategori.
	for i, rec := range bandRecs {
		p := fmt.Sprintf("method.bands[%d]", i)
		b := bandJSON{Category: rec.get("category"), Opinion: rec.get("opinion"), OpinionEn: rec.get("opinion_en"), Lower: plainNumber(rec.get("lower"))}
		if z, err := scoring.ParseZone(rec.get("zone")); err == nil {
			b.Zone = string(z)
		} else {
			b.Zone = rec.get("zone")
		}
		for _, a := range strings.Split(rec.get("aliases"), ",") {
			if a = strings.TrimSpace(a); a != "" {
				b.Aliases = append(b.Aliases, a)
			}
		}
		mf.Method.Bands = append(mf.Method.Bands, b)
		cm[p] = rec.ref.Cell("category")
		for _, fd := range []string{"category", "opinion", "opinion_en", "zone", "lower", "aliases"} {
			cm[p+"."+fd] = rec.ref.Cell(fd)
		}
	}

	// Dimensi.
	dimIndex := map[string]int{}
	for i, rec := range dimRecs {
		p := fmt.Sprintf("instrument.dimensions[%d]", i)
		d := dimensionJSON{Code: rec.get("code"), Name: rec.get("name"), NameEn: rec.get("name_en"), Weight: plainNumber(rec.get("weight"))}
		if _, dup := dimIndex[d.Code]; !dup && d.Code != "" {
			dimIndex[d.Code] = i
		}
		mf.Instrument.Dimensions = append(mf.Instrument.Dimensions, d)
		cm[p] = rec.ref.Cell("code")
		for _, fd := range []string{"code", "name", "name_en", "weight"} {
			cm[p+"."+fd] = rec.ref.Cell(fd)
		}
		cm[p+".indicators"] = rec.ref.Cell("code")
	}

	// Indikator.
	type varDef struct {
		index int
		rec   record
	}
	vars := map[string]map[string]varDef{} // dimension → variable code → its definition
	for _, rec := range indRecs {
		dcode := rec.get("dimension")
		di, ok := dimIndex[dcode]
		if !ok {
			if dcode == "" {
				ps.add(rec, "dimension", "required", "dimensi wajib diisi (kode dari lembar Dimensi)")
			} else {
				ps.add(rec, "dimension", "unknown", "dimensi %q tidak ada di lembar Dimensi", dcode)
			}
			continue
		}
		d := &mf.Instrument.Dimensions[di]
		dp := fmt.Sprintf("instrument.dimensions[%d]", di)
		if vc := rec.get("variable"); vc != "" {
			if vars[dcode] == nil {
				vars[dcode] = map[string]varDef{}
			}
			vn, vnEn := rec.get("variable_name"), rec.get("variable_name_en")
			if def, seen := vars[dcode][vc]; seen {
				v := d.Variables[def.index]
				if vn != "" && vn != v.Name {
					ps.add(rec, "variable_name", "inconsistent", "nama variabel %s berbeda dengan baris %d (%q)", vc, def.rec.ref.Row, v.Name)
				}
			} else {
				vars[dcode][vc] = varDef{index: len(d.Variables), rec: rec}
				vp := fmt.Sprintf("%s.variables[%d]", dp, len(d.Variables))
				cm[vp], cm[vp+".code"], cm[vp+".name"] = rec.ref.Cell("variable"), rec.ref.Cell("variable"), rec.ref.Cell("variable_name")
				d.Variables = append(d.Variables, variableJSON{Code: vc, Name: vn, NameEn: vnEn})
			}
		}
		ind := indicatorJSON{Code: rec.get("code"), Variable: rec.get("variable"), Name: rec.get("name"), NameEn: rec.get("name_en"),
			Question: rec.get("question"), QuestionEn: rec.get("question_en"), Guidance: rec.get("guidance"), Evidence: rec.get("evidence")}
		if w := rec.get("weight"); w != "" {
			ind.Weight = plainNumber(w)
		}
		lv := []string{rec.get("level0"), rec.get("level1"), rec.get("level2"), rec.get("level3")}
		if strings.Join(lv, "") != "" {
			ind.Levels = lv
		}
		switch src, ok := parseSource(rec.get("source")); {
		case rec.get("source") == "":
			// reported by scoring as required
		case !ok:
			ps.add(rec, "source", "unknown", "sumber %q tidak dikenal (wawancara, observasi, dokumen, survei pengguna, data sekunder)", rec.get("source"))
		default:
			ind.Source = string(src)
		}
		if na, ok := parseYes(rec.get("na")); ok {
			ind.NAAllowed = na
		} else {
			ps.add(rec, "na", "invalid", "boleh N/A %q: isi ya atau tidak", rec.get("na"))
		}
		if ks := strings.TrimSpace(rec.get("kinds")); ks != "" && !strings.EqualFold(ks, "semua") {
			for _, k := range strings.Split(ks, ",") {
				k = strings.TrimSpace(k)
				if kind, err := scoring.ParseKind(k); err == nil {
					ind.Kinds = append(ind.Kinds, string(kind))
				} else {
					ps.add(rec, "kinds", "unknown", "jenis entitas %q tidak dikenal (%s)", k, kindList())
				}
			}
		}
		ip := fmt.Sprintf("%s.indicators[%d]", dp, len(d.Indicators))
		cm[ip] = rec.ref.Cell("code")
		for _, fd := range []string{"code", "variable", "name", "name_en", "question", "question_en", "weight", "source", "guidance", "evidence"} {
			cm[ip+"."+fd] = rec.ref.Cell(fd)
		}
		cm[ip+".na_allowed"] = rec.ref.Cell("na")
		cm[ip+".kinds"] = rec.ref.Cell("kinds")
		cm[ip+".levels"] = rec.ref.Cell("level0")
		for l := 0; l <= instrumentLevels; l++ {
			cm[fmt.Sprintf("%s.levels[%d]", ip, l)] = rec.ref.Cell(fmt.Sprintf("level%d", l))
		}
		d.Indicators = append(d.Indicators, ind)
	}
	data, err := json.MarshalIndent(mf, "", "  ")
	if err != nil {
		return nil, err
	}
	data = append(data, '\n')
	if _, err := scoring.ParseFile(data); err != nil {
		var sve *scoring.ValidationError
		if !errors.As(err, &sve) {
			return nil, err
		}
		for _, p := range sve.Problems {
			ps = append(ps, assessment.FieldError{Field: cm.cellOf(p.Path), Code: p.Code, Message: p.Path + ": " + p.Message})
		}
	}
	if len(ps) > 0 {
		return nil, assessment.ImportError(ps)
	}
	return data, nil
}

// WriteInstrumentWorkbook writes a method's instrument as the instrument
// workbook, the same sheets ReadInstrument reads back: export, edit in an
// office suite, import again.
func WriteInstrumentWorkbook(w io.Writer, m *scoring.Method) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	if err := writeInstrument(f, st, m); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}
