package excel

import (
	"io"
	"strings"

	"github.com/ombudsman-ri/p4/assessment"
	"github.com/ombudsman-ri/p4/scoring"
)

// The import sheets. Each template writes the same columns the reader looks
// for; columns may come in any order and extra columns are ignored.
var (
	locusSheet = sheetSpec{name: "Lokus", fields: []field{
		{name: "entity_code", header: "Kode entitas", required: true, help: "Kode unik entitas, mis. pemkab-1704; sama pada setiap baris unit entitas itu."},
		{name: "entity_name", header: "Nama entitas", required: true, help: "Nama resmi, mis. Kabupaten Kaur."},
		{name: "kind", header: "Jenis", aliases: []string{"jenis entitas"}, required: true, help: "pemprov, pemkab, pemkot, kantah, polres, kementerian atau lembaga."},
		{name: "province", header: "Kode provinsi", aliases: []string{"provinsi"}, required: true, help: "Kode BPS provinsi (mis. 17 untuk Bengkulu); kosong untuk kementerian dan lembaga."},
		{name: "unit_code", header: "Kode unit", required: true, help: "Kode unit layanan, unik di dalam entitasnya, mis. dpmptsp."},
		{name: "unit_name", header: "Nama unit", required: true, help: "Nama unit layanan, mis. DPMPTSP Kabupaten Kaur."},
		{name: "unit_kind", header: "Jenis unit", help: "Opsional: jenis kantor (dpmptsp, disdukcapil, dinkes, dinsos, disdik, puskesmas, rsud, kantah, polres, …)."},
	}}
	usersSheet = sheetSpec{name: "Pengguna", fields: []field{
		{name: "email", header: "Email", required: true, help: "Alamat email, dipakai untuk masuk; unik."},
		{name: "name", header: "Nama", required: true, help: "Nama lengkap."},
		{name: "role", header: "Peran", required: true, help: "admin, koordinator, penilai, instansi atau pimpinan (juga: coordinator, assessor, agency, leadership)."},
		{name: "province", header: "Kode provinsi", aliases: []string{"provinsi"}, help: "Wajib untuk koordinator: provinsi yang diawasinya. Untuk peran lain hanya catatan bagi pembaca (tidak disimpan)."},
		{name: "entity", header: "Kode entitas", aliases: []string{"entitas"}, help: "Wajib untuk pengguna instansi (entitasnya), kosong untuk peran lain."},
	}, refuse: map[string]string{
		"kata sandi": "P4 membuat kata sandi awal sendiri; berkas tidak boleh memuat kata sandi",
		"sandi":      "P4 membuat kata sandi awal sendiri; berkas tidak boleh memuat kata sandi",
		"password":   "P4 membuat kata sandi awal sendiri; berkas tidak boleh memuat kata sandi",
	}}
	resultsSheet = sheetSpec{name: "Hasil", fields: []field{
		{name: "entity", header: "Kode entitas", required: true, help: "Kode entitas yang sudah ada di P4 (impor lokus lebih dulu)."},
		{name: "name", header: "Nama entitas", help: "Untuk pembaca saja; tidak dibaca oleh P4."},
		{name: "score", header: "Nilai", required: true, help: "Nilai yang dipublikasikan, 0–100, paling banyak 2 desimal (78,45 atau 78.45)."},
		{name: "category", header: "Kategori", help: "Opsional: kategori yang dipublikasikan (A–E, opini, atau alias seperti \"cukup\"); P4 mencocokkannya dengan nilai."},
	}, ignore: map[string]string{
		"peringkat": "kolom Peringkat diabaikan: P4 menghitung ulang peringkat dari nilai, tidak pernah mengambilnya dari berkas",
		"rank":      "kolom Peringkat diabaikan: P4 menghitung ulang peringkat dari nilai, tidak pernah mengambilnya dari berkas",
	}}
)

func kindList() string {
	var s []string
	for _, k := range scoring.Kinds() {
		s = append(s, string(k))
	}
	return strings.Join(s, ", ")
}

// ReadLocus reads a locus workbook (sheet Lokus: one row per service unit).
// A problem with the whole file is returned as err (a ValidationError); the
// problems of single rows travel in the result, for the service to report
// with its own.
func ReadLocus(r io.Reader) (assessment.LocusImport, error) {
	var out assessment.LocusImport
	f, err := openUpload(r)
	if err != nil {
		return out, err
	}
	defer f.Close()
	recs, _, err := readSheet(f, locusSheet)
	if err != nil {
		return out, err
	}
	var ps problemList
	for _, rec := range recs {
		row := assessment.LocusImportRow{Ref: rec.ref, ProvinceCode: rec.get("province"), UnitKind: rec.get("unit_kind")}
		ok := true
		for _, v := range []struct {
			dst         *string
			name, label string
		}{{&row.EntityCode, "entity_code", "kode entitas"}, {&row.EntityName, "entity_name", "nama entitas"},
			{&row.UnitCode, "unit_code", "kode unit"}, {&row.UnitName, "unit_name", "nama unit"}} {
			if *v.dst = ps.required(rec, v.name, v.label); *v.dst == "" {
				ok = false
			}
		}
		switch kind := rec.get("kind"); {
		case kind == "":
			ps.add(rec, "kind", "required", "jenis wajib diisi (%s)", kindList())
			ok = false
		default:
			k, err := scoring.ParseKind(kind)
			if err != nil {
				ps.add(rec, "kind", "unknown", "jenis %q tidak dikenal (%s)", kind, kindList())
				ok = false
			}
			row.Kind = k
		}
		if ok {
			out.Rows = append(out.Rows, row)
		}
	}
	out.Problems = ps
	return out, nil
}

var roleNames = map[string]assessment.Role{
	"admin": assessment.RoleAdmin, "administrator": assessment.RoleAdmin,
	"coordinator": assessment.RoleCoordinator, "koordinator": assessment.RoleCoordinator,
	"assessor": assessment.RoleAssessor, "penilai": assessment.RoleAssessor,
	"agency": assessment.RoleAgency, "instansi": assessment.RoleAgency,
	"leadership": assessment.RoleLeadership, "pimpinan": assessment.RoleLeadership,
}

// ReadUsers reads a users workbook (sheet Pengguna). It refuses a password
// column: P4 makes the initial passwords.
func ReadUsers(r io.Reader) (assessment.UserImport, error) {
	var out assessment.UserImport
	f, err := openUpload(r)
	if err != nil {
		return out, err
	}
	defer f.Close()
	recs, _, err := readSheet(f, usersSheet)
	if err != nil {
		return out, err
	}
	var ps problemList
	for _, rec := range recs {
		row := assessment.UserImportRow{Ref: rec.ref, ProvinceCode: rec.get("province"), EntityCode: rec.get("entity")}
		row.Email = ps.required(rec, "email", "email")
		row.Name = ps.required(rec, "name", "nama")
		ok := row.Email != "" && row.Name != ""
		role := rec.get("role")
		r, known := roleNames[strings.ToLower(role)]
		switch {
		case role == "":
			ps.add(rec, "role", "required", "peran wajib diisi (admin, koordinator, penilai, instansi, pimpinan)")
			ok = false
		case !known:
			ps.add(rec, "role", "unknown", "peran %q tidak dikenal (admin, koordinator, penilai, instansi, pimpinan)", role)
			ok = false
		}
		row.Role = r
		if ok {
			out.Rows = append(out.Rows, row)
		}
	}
	out.Problems = ps
	return out, nil
}

// ReadResults reads a historical results workbook (sheet Hasil) for the
// period of year. A rank column is ignored, with a note: ranks are
// recomputed.
func ReadResults(r io.Reader, year int) (assessment.ResultImport, error) {
	out := assessment.ResultImport{Year: year}
	f, err := openUpload(r)
	if err != nil {
		return out, err
	}
	defer f.Close()
	recs, notes, err := readSheet(f, resultsSheet)
	if err != nil {
		return out, err
	}
	out.Notes = notes
	var ps problemList
	for _, rec := range recs {
		row := assessment.ResultImportRow{Ref: rec.ref, Category: rec.get("category")}
		row.EntityCode = ps.required(rec, "entity", "kode entitas")
		ok := row.EntityCode != ""
		raw := rec.get("score")
		switch sc, err := parseScoreCell(raw); {
		case raw == "":
			ps.add(rec, "score", "required", "nilai wajib diisi")
			ok = false
		case err != nil:
			ps.add(rec, "score", "not_number", "nilai %s", err)
			ok = false
		case sc < 0 || sc > scoring.MaxScore:
			ps.add(rec, "score", "out_of_range", "nilai %s di luar 0–100", sc)
			ok = false
		default:
			row.Score = sc
		}
		if ok {
			out.Rows = append(out.Rows, row)
		}
	}
	out.Problems = ps
	return out, nil
}
