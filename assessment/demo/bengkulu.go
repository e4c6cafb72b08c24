package demo

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/ombudsman-ri/p4/scoring"
)

// bengkuluSeed seeds every generator of the Bengkulu data set.
const bengkuluSeed = 2022_12_26 // the day of the seed press release

// regency is one regency or city of Bengkulu with the 2022 targets of its
// Pemda, land office and police resort (entity scores the generated answers
// must reach under scoring, each at least 1.00 from a band edge) and its
// imported 2021 compliance score.
type regency struct {
	code, name string // BPS code, name without "Kabupaten"/"Kota"
	city       bool
	puskesmas  [2]string
	pemda      float64
	kantah     float64
	polres     float64
	hist2021   string
}

// bengkuluRegencies lists the 9 regencies and the city in BPS order. The
// targets reproduce the press release of 26 December 2022: Pemda 1 A
// (Kaur, about 94) + 8 B + 2 C, Kantah 8 B + 2 C, Polres 8 B + 2 C (the
// province itself is the eleventh Pemda, see bengkuluProvince).
var bengkuluRegencies = []regency{
	{code: "1701", name: "Bengkulu Selatan", puskesmas: [2]string{"Kota Manna", "Masat"}, pemda: 81.40, kantah: 80.70, polres: 82.70, hist2021: "72.10"},
	{code: "1702", name: "Rejang Lebong", puskesmas: [2]string{"Curup", "Kampung Delima"}, pemda: 83.10, kantah: 83.90, polres: 84.10, hist2021: "81.62"},
	{code: "1703", name: "Bengkulu Utara", puskesmas: [2]string{"Arga Makmur", "Ketahun"}, pemda: 79.60, kantah: 79.40, polres: 80.20, hist2021: "65.43"},
	{code: "1704", name: "Kaur", puskesmas: [2]string{"Bintuhan", "Tanjung Kemuning"}, pemda: 94.00, kantah: 82.20, polres: 83.50, hist2021: "88.17"},
	{code: "1705", name: "Seluma", puskesmas: [2]string{"Tais", "Sukamerindu"}, pemda: 80.30, kantah: 74.60, polres: 79.30, hist2021: "58.76"},
	{code: "1706", name: "Mukomuko", puskesmas: [2]string{"Kota Mukomuko", "Ipuh"}, pemda: 85.20, kantah: 81.10, polres: 72.40, hist2021: "76.92"},
	{code: "1707", name: "Lebong", puskesmas: [2]string{"Muara Aman", "Tes"}, pemda: 71.80, kantah: 69.30, polres: 81.80, hist2021: "48.35"},
	{code: "1708", name: "Kepahiang", puskesmas: [2]string{"Kepahiang", "Kabawetan"}, pemda: 82.50, kantah: 84.80, polres: 66.90, hist2021: "69.04"},
	{code: "1709", name: "Bengkulu Tengah", puskesmas: [2]string{"Karang Tinggi", "Pondok Kelapa"}, pemda: 68.40, kantah: 79.90, polres: 80.90, hist2021: "54.28"},
	{code: "1771", name: "Bengkulu", city: true, puskesmas: [2]string{"Jalan Gedang", "Lingkar Barat"}, pemda: 86.20, kantah: 85.40, polres: 86.30, hist2021: "84.35"},
}

// bengkuluProvince holds the province's own targets.
var bengkuluProvince = struct {
	code, name string
	pemda      float64
	hist2021   string
}{code: "17", name: "Bengkulu", pemda: 84.60, hist2021: "79.86"}

func (r regency) fullName() string {
	if r.city {
		return "Kota " + r.name
	}
	return "Kabupaten " + r.name
}

func (r regency) pemdaKind() string {
	if r.city {
		return string(scoring.KindPemkot)
	}
	return string(scoring.KindPemkab)
}

// Products of each kind of unit.
var (
	productsDPMPTSP = []string{
		"Izin Mendirikan Bangunan (PBG)",
		"Perizinan Berusaha Berbasis Risiko (OSS RBA)",
		"Surat Izin Praktik Tenaga Kesehatan",
		"Izin Reklame",
		"Surat Izin Usaha Perdagangan",
	}
	productsDPMPTSPProvince = []string{
		"Izin Usaha Pertambangan Mineral Bukan Logam dan Batuan",
		"Surat Izin Usaha Perikanan",
		"Izin Operasional Rumah Sakit Kelas B",
		"Rekomendasi Teknis Lingkungan Hidup",
	}
	productsDisdukcapil = []string{
		"KTP-el",
		"Kartu Keluarga",
		"Akta Kelahiran",
		"Kartu Identitas Anak (KIA)",
		"Surat Keterangan Pindah",
		"Akta Kematian",
	}
	productsDisdukcapilProvince = []string{
		"Fasilitasi perekaman KTP-el keliling",
		"Konsolidasi dan pemutakhiran data kependudukan",
		"Pelayanan hak akses data kependudukan",
	}
	productsDinkes = []string{
		"Rekomendasi Surat Izin Praktik",
		"Sertifikat Produksi Pangan Industri Rumah Tangga (SPP-IRT)",
		"Sertifikat Laik Higiene Sanitasi",
		"Rekomendasi izin apotek dan toko obat",
	}
	productsDinsos = []string{
		"Pendaftaran Data Terpadu Kesejahteraan Sosial (DTKS)",
		"Rekomendasi Penerima Bantuan Iuran Jaminan Kesehatan",
		"Surat keterangan tidak mampu (rekomendasi)",
		"Bantuan sosial korban bencana",
	}
	productsDisdik = []string{
		"Legalisasi ijazah",
		"Surat keterangan pengganti ijazah",
		"Izin operasional satuan PAUD",
		"Rekomendasi mutasi peserta didik",
	}
	productsDisdikProvince = []string{
		"Legalisasi ijazah SMA/SMK",
		"Izin pendirian SMA/SMK swasta",
		"Rekomendasi mutasi peserta didik SMA/SMK",
		"Surat keterangan pengganti ijazah SMA/SMK",
	}
	productsPuskesmas = []string{
		"Pelayanan rawat jalan umum",
		"Pemeriksaan ibu hamil (ANC)",
		"Imunisasi dasar",
		"Surat keterangan sehat",
		"Pelayanan laboratorium sederhana",
	}
	productsRSUD = []string{
		"Pendaftaran rawat jalan",
		"Instalasi Gawat Darurat",
		"Rawat inap",
		"Pelayanan farmasi",
		"Surat keterangan sehat dan bebas narkoba",
	}
	productsSamsat = []string{
		"Pengesahan STNK tahunan",
		"Pembayaran Pajak Kendaraan Bermotor",
		"Bea Balik Nama Kendaraan Bermotor",
		"Penggantian STNK lima tahunan",
	}
	productsKantah = []string{
		"Sertipikat tanah (pendaftaran pertama)",
		"Peralihan hak (balik nama)",
		"Hak Tanggungan Elektronik",
		"Pengecekan sertipikat",
		"Roya",
		"Pengukuran dan pemetaan bidang tanah",
	}
	productsPolres = []string{
		"Laporan polisi (SPKT)",
		"Surat keterangan tanda lapor kehilangan (SPKT)",
		"SIM A baru (Satpas)",
		"SIM A perpanjangan",
		"SIM C perpanjangan",
		"SKCK",
		"Izin keramaian (Sat Intelkam)",
	}
)

// pemdaUnits returns the 7 units of a regency's or city's government.
func pemdaUnits(where string, puskesmas [2]string) []Unit {
	units := []Unit{
		{Code: "dpmptsp", Kind: "dpmptsp", Name: "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu " + where, Products: slices.Clone(productsDPMPTSP)},
		{Code: "disdukcapil", Kind: "disdukcapil", Name: "Dinas Kependudukan dan Pencatatan Sipil " + where, Products: slices.Clone(productsDisdukcapil)},
		{Code: "dinkes", Kind: "dinkes", Name: "Dinas Kesehatan " + where, Products: slices.Clone(productsDinkes)},
		{Code: "dinsos", Kind: "dinsos", Name: "Dinas Sosial " + where, Products: slices.Clone(productsDinsos)},
		{Code: "disdik", Kind: "disdik", Name: "Dinas Pendidikan dan Kebudayaan " + where, Products: slices.Clone(productsDisdik)},
	}
	for _, p := range puskesmas {
		units = append(units, Unit{Code: "puskesmas-" + slug(p), Kind: "puskesmas", Name: "Puskesmas " + p, Products: slices.Clone(productsPuskesmas)})
	}
	return units
}

// provinceUnits returns the 7 units of a provincial government: the five
// offices, the provincial hospital instead of the two Puskesmas, and the
// one-roof vehicle tax office (Samsat), the province's most visited service.
func provinceUnits(province, hospital, samsat string) []Unit {
	where := "Provinsi " + province
	return []Unit{
		{Code: "dpmptsp", Kind: "dpmptsp", Name: "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu " + where, Products: slices.Clone(productsDPMPTSPProvince)},
		{Code: "disdukcapil", Kind: "disdukcapil", Name: "Dinas Kependudukan dan Pencatatan Sipil " + where, Products: slices.Clone(productsDisdukcapilProvince)},
		{Code: "dinkes", Kind: "dinkes", Name: "Dinas Kesehatan " + where, Products: slices.Clone(productsDinkes)},
		{Code: "dinsos", Kind: "dinsos", Name: "Dinas Sosial " + where, Products: slices.Clone(productsDinsos)},
		{Code: "disdik", Kind: "disdik", Name: "Dinas Pendidikan dan Kebudayaan " + where, Products: slices.Clone(productsDisdikProvince)},
		{Code: "rsud", Kind: "rsud", Name: hospital, Products: slices.Clone(productsRSUD)},
		{Code: "samsat", Kind: "samsat", Name: samsat, Products: slices.Clone(productsSamsat)},
	}
}

// unitOffsets is how far a kind of unit usually scores from its Pemda's mean:
// the one-stop licensing office and the civil registry are the showcases,
// health centres in the districts lag.
var unitOffsets = map[string]float64{
	"dpmptsp": 5.0, "disdukcapil": 3.5, "dinkes": 0, "dinsos": -2.0, "disdik": -1.0,
	"puskesmas": -2.75, "rsud": -2.0, "samsat": 0.5, "ult": 1.0, "kanwil": -0.5,
}

func slug(s string) string {
	return strings.ReplaceAll(strings.ToLower(strings.TrimSpace(s)), " ", "-")
}

// Bengkulu entity codes the demo's storylines refer to.
const (
	kaurCode       = "pemkab-1704"
	kotaCode       = "pemkot-1771"
	lebongCode     = "pemkab-1707"
	polresDraft    = "polres-1705" // Polres Seluma: 2023 questionnaire still a draft
	kantahReturned = "kantah-1703" // Kantah Bengkulu Utara: 2023 questionnaire returned
	kantahFinal    = "kantah-1704" // Kantah Kaur: 2023 result final, open to objections
)

// Demo user emails.
const (
	emailAdmin       = "admin@p4.demo"
	emailCoordinator = "koordinator@p4.demo"
	emailLeadership  = "pimpinan@p4.demo"
)

var bengkuluAssessors = []string{"penilai1@p4.demo", "penilai2@p4.demo", "penilai3@p4.demo", "penilai4@p4.demo"}

// Bengkulu returns the demo data set: Bengkulu province with its 11 local
// governments (7 units each), 10 land offices and 10 police resorts (one unit
// each), users of every role, the imported 2021 compliance scores, the
// published 2022 assessment whose answers score to the seed press release's
// table, and the open 2023 assessment with questionnaires in every state.
// Every call builds the same data afresh.
func Bengkulu() (*DataSet, error) {
	in, err := newInstrument("2022")
	if err != nil {
		return nil, err
	}
	ds := &DataSet{}
	prov := bengkuluProvince
	ds.Regions = append(ds.Regions, Region{Code: prov.code, Name: "Bengkulu", Level: LevelProvince})
	for _, r := range bengkuluRegencies {
		level := LevelRegency
		if r.city {
			level = LevelCity
		}
		ds.Regions = append(ds.Regions, Region{Code: r.code, Name: r.fullName(), Level: level, ParentCode: prov.code})
	}

	// Locus: Pemda, then land offices, then police resorts, each by BPS code.
	targets := map[string]float64{}
	hist := map[string]string{}
	pemprov := Entity{
		Code: "pemprov-17", Name: "Pemerintah Provinsi Bengkulu", Kind: string(scoring.KindPemprov),
		ProvinceCode: prov.code, RegionCode: prov.code,
		Units: provinceUnits("Bengkulu", "RSUD dr. M. Yunus Bengkulu", "UPTD Samsat Kota Bengkulu"),
	}
	ds.Entities = append(ds.Entities, pemprov)
	targets[pemprov.Code], hist[pemprov.Code] = prov.pemda, prov.hist2021
	for _, r := range bengkuluRegencies {
		e := Entity{
			Code: r.pemdaKind() + "-" + r.code, Name: r.fullName(), Kind: r.pemdaKind(),
			ProvinceCode: prov.code, RegionCode: r.code, Units: pemdaUnits(r.fullName(), r.puskesmas),
		}
		ds.Entities = append(ds.Entities, e)
		targets[e.Code], hist[e.Code] = r.pemda, r.hist2021
	}
	for _, r := range bengkuluRegencies {
		name := "Kantor Pertanahan " + r.fullName()
		e := Entity{
			Code: "kantah-" + r.code, Name: name, Kind: string(scoring.KindKantah), ProvinceCode: prov.code, RegionCode: r.code,
			Units: []Unit{{Code: "kantah", Kind: "kantah", Name: name, Products: slices.Clone(productsKantah)}},
		}
		ds.Entities = append(ds.Entities, e)
		targets[e.Code] = r.kantah
	}
	for _, r := range bengkuluRegencies {
		name := "Polres " + r.name
		if r.city {
			name = "Polresta " + r.name
		}
		e := Entity{
			Code: "polres-" + r.code, Name: name, Kind: string(scoring.KindPolres), ProvinceCode: prov.code, RegionCode: r.code,
			Units: []Unit{{Code: "polres", Kind: "polres", Name: name, Products: slices.Clone(productsPolres)}},
		}
		ds.Entities = append(ds.Entities, e)
		targets[e.Code] = r.polres
	}

	ds.Users = bengkuluUsers()

	ds.Periods = append(ds.Periods, bengkulu2021(ds.Entities, hist))
	p2022, scores, err := bengkulu2022(in, ds.Entities, targets)
	if err != nil {
		return nil, err
	}
	ds.Periods = append(ds.Periods, p2022)
	p2023, err := bengkulu2023(in, ds.Entities, scores)
	if err != nil {
		return nil, err
	}
	ds.Periods = append(ds.Periods, p2023)
	return ds, nil
}

func bengkuluUsers() []User {
	users := []User{
		{Email: emailAdmin, Name: "Rahmat Hidayat", Role: "admin"},
		{Email: emailCoordinator, Name: "Dewi Anggraini", Role: "coordinator", ProvinceCode: "17"},
	}
	for i, name := range []string{"Andi Saputra", "Siti Rahmawati", "Yudi Pratama", "Nurul Hasanah"} {
		users = append(users, User{Email: bengkuluAssessors[i], Name: name, Role: "assessor", ProvinceCode: "17"})
	}
	users = append(users,
		User{Email: emailLeadership, Name: "Bambang Sutrisno", Role: "leadership"},
		User{Email: "kaur@p4.demo", Name: "Hendra Gunawan", Role: "agency", ProvinceCode: "17", EntityCode: kaurCode},
		User{Email: "kotabengkulu@p4.demo", Name: "Ratna Sari Dewi", Role: "agency", ProvinceCode: "17", EntityCode: kotaCode},
		User{Email: "polres.kaur@p4.demo", Name: "Fajar Ramadhan", Role: "agency", ProvinceCode: "17", EntityCode: "polres-1704"},
		User{Email: "kantah.kaur@p4.demo", Name: "Rina Marlina", Role: "agency", ProvinceCode: "17", EntityCode: "kantah-1704"},
	)
	for i := range users {
		users[i].Password = DemoPassword
	}
	return users
}

// assessorsFor assigns assessors: a pair per Pemda, one per land office or
// police resort, round robin; penilai1 always has the storyline entities
// (Kaur, the draft Polres, the returned Kantah), so one login shows every
// state.
func assessorsFor(i int, e Entity) []string {
	switch e.Code {
	case kaurCode:
		return []string{bengkuluAssessors[0], bengkuluAssessors[1]}
	case polresDraft, kantahReturned:
		return []string{bengkuluAssessors[0]}
	}
	a := bengkuluAssessors[i%len(bengkuluAssessors)]
	if len(e.Units) > 1 {
		return []string{a, bengkuluAssessors[(i+1)%len(bengkuluAssessors)]}
	}
	return []string{a}
}

func bengkulu2021(entities []Entity, hist map[string]string) Period {
	p := Period{
		Year: 2021, MethodPreset: "2021", Status: StatusPublished,
		FieldworkFrom: "2021-06-01", FieldworkTo: "2021-09-30",
		ReviewFrom: "2021-06-15", ReviewTo: "2021-10-31",
		ObjectionFrom: "2021-11-15", ObjectionTo: "2021-11-26",
		PublishOn: "2021-12-15",
	}
	for _, e := range entities {
		if s, ok := hist[e.Code]; ok {
			p.Entities = append(p.Entities, PeriodEntity{EntityCode: e.Code, Assessed: true, State: EntityPublished, HistoricalScore: s})
		}
	}
	return p
}

// naFor decides the not-applicable answers of a unit: some civil registries
// and social offices rate the fee indicator N/A because their services are
// free by law, and a few health centres had no complaint to resolve.
func naFor(in *instrument, rng *rand.Rand, unitKind string) map[int]string {
	na := map[int]string{}
	set := func(code, reason string) {
		if i := in.index(code); i >= 0 && in.inds[i].naAllowed {
			na[i] = reason
		}
	}
	switch unitKind {
	case "disdukcapil":
		if rng.Float64() < 0.5 {
			set("PR.ST.04", naFreeAdminduk)
		}
	case "dinsos":
		if rng.Float64() < 0.3 {
			set("PR.ST.04", naFreeSocial)
		}
	case "puskesmas":
		if rng.Float64() < 0.15 {
			set("PG.PP.05", naNoComplaints)
			set("PG.PP.06", naNoComplaints)
		}
	}
	return na
}

// generateEntity generates questionnaires for every unit of e so that e
// scores target (within about 0.3) under scoring.
func generateEntity(in *instrument, rng *rand.Rand, e Entity, target float64) ([]questionnaire, error) {
	kind := scoring.Kind(e.Kind)
	offsets := make([]float64, len(e.Units))
	ids := make([]string, len(e.Units))
	nas := make([]map[int]string, len(e.Units))
	for i, u := range e.Units {
		ids[i] = u.Code
		nas[i] = naFor(in, rng, u.Kind)
		if len(e.Units) > 1 {
			offsets[i] = unitOffsets[u.Kind]
		}
	}
	unitTargets := []float64{target}
	if len(e.Units) > 1 {
		unitTargets = spreadTargets(rng, target, offsets, 2.5, 99.0)
	}
	return in.hitEntity(rng, kind, ids, unitTargets, nas)
}

// scoringEntity turns an entity's questionnaires into scoring's input.
func scoringEntity(in *instrument, e Entity, qs []questionnaire) scoring.Entity {
	se := scoring.Entity{ID: e.Code, Name: e.Name, Kind: scoring.Kind(e.Kind), Province: e.ProvinceCode}
	for i, u := range e.Units {
		se.Units = append(se.Units, in.scoringUnit(u.Code, qs[i]))
	}
	return se
}

// evidence2022 are the files attached in 2022: entity, unit, indicator, name.
var evidence2022 = []struct{ entity, unit, indicator, name string }{
	{kaurCode, "dpmptsp", "PR.ST.06", "foto-maklumat-pelayanan-dpmptsp-kaur.png"},
	{kaurCode, "dpmptsp", "PG.PP.02", "sk-pengelola-pengaduan-dpmptsp-kaur.pdf"},
	{kaurCode, "disdukcapil", "PR.ST.07", "foto-loket-prioritas-disdukcapil-kaur.png"},
	{"polres-1704", "polres", "PR.ST.10", "foto-atribut-petugas-satpas-polres-kaur.png"},
	{"kantah-1704", "kantah", "PR.ST.01", "standar-pelayanan-kantah-kaur.pdf"},
	{"pemkab-1709", "puskesmas-karang-tinggi", "IN.SP.08", "foto-akses-masuk-puskesmas-karang-tinggi.png"},
}

// evidence2023 are the files attached so far in 2023.
var evidence2023 = []struct{ entity, unit, indicator, name string }{
	{kaurCode, "dpmptsp", "PR.ST.06", "foto-maklumat-pelayanan-2023-dpmptsp-kaur.png"},
	{kaurCode, "puskesmas-tanjung-kemuning", "PG.PP.04", "register-pengaduan-2023-puskesmas-tanjung-kemuning.pdf"},
	{kotaCode, "dpmptsp", "PG.PP.08", "tangkapan-layar-sp4n-lapor-dpmptsp-kota-bengkulu.png"},
	{polresDraft, "polres", "PR.ST.10", "foto-atribut-petugas-spkt-polres-seluma.png"},
}

// makeEvidence builds one file; a .pdf name gives a PDF naming the document.
func makeEvidence(entityName, indicator, name string) (Evidence, error) {
	if strings.HasSuffix(name, ".pdf") {
		title := strings.ReplaceAll(strings.TrimSuffix(name, ".pdf"), "-", " ")
		data := pdfEvidence(
			"Ombudsman Republik Indonesia - Lampiran bukti penilaian",
			"Instansi: "+asciiOnly(entityName),
			"Indikator: "+indicator,
			"Dokumen: "+title,
		)
		return Evidence{Indicator: indicator, Name: name, Data: data}, nil
	}
	data, err := pngEvidence(name)
	if err != nil {
		return Evidence{}, err
	}
	return Evidence{Indicator: indicator, Name: name, Data: data}, nil
}

func asciiOnly(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r > 0x7e {
			return '?'
		}
		return r
	}, s)
}

func attach(units []PeriodUnit, e Entity, files []struct{ entity, unit, indicator, name string }) error {
	for _, f := range files {
		if f.entity != e.Code {
			continue
		}
		found := false
		for i := range units {
			if units[i].UnitCode != f.unit {
				continue
			}
			found = true
			answered := false
			for _, a := range units[i].Answers {
				answered = answered || (a.Indicator == f.indicator && a.Value != nil)
			}
			if !answered {
				return fmt.Errorf("demo: evidence %s: indicator %s of %s/%s is not answered", f.name, f.indicator, e.Code, f.unit)
			}
			ev, err := makeEvidence(e.Name, f.indicator, f.name)
			if err != nil {
				return err
			}
			units[i].Evidence = append(units[i].Evidence, ev)
		}
		if !found {
			return fmt.Errorf("demo: evidence %s: no unit %s in %s", f.name, f.unit, e.Code)
		}
	}
	return nil
}

// bengkulu2022 generates the published 2022 assessment and returns each
// entity's score as scoring computes it.
func bengkulu2022(in *instrument, entities []Entity, targets map[string]float64) (Period, map[string]scoring.Score, error) {
	p := Period{
		Year: 2022, MethodPreset: "2022", Status: StatusPublished,
		FieldworkFrom: "2022-08-01", FieldworkTo: "2022-11-15",
		ReviewFrom: "2022-08-15", ReviewTo: "2022-11-30",
		ObjectionFrom: "2022-12-01", ObjectionTo: "2022-12-14",
		PublishOn: "2022-12-20",
	}
	scores := map[string]scoring.Score{}
	for i, e := range entities {
		target := targets[e.Code]
		rng := seeded(bengkuluSeed, "2022", e.Code)
		qs, err := generateEntity(in, rng, e, target)
		if err != nil {
			return Period{}, nil, err
		}
		r, err := scoring.ScoreEntity(in.method, scoringEntity(in, e, qs))
		if err != nil {
			return Period{}, nil, fmt.Errorf("demo: score %s: %w", e.Code, err)
		}
		if got := float64(r.Score) / 100; got < target-0.3 || got > target+0.3 {
			return Period{}, nil, fmt.Errorf("demo: %s scores %s, want %.2f ± 0.30", e.Code, r.Score, target)
		}
		scores[e.Code] = r.Score
		pe := PeriodEntity{EntityCode: e.Code, Assessed: true, State: EntityPublished}
		for j, u := range e.Units {
			pe.Units = append(pe.Units, PeriodUnit{
				UnitCode:  u.Code,
				State:     UnitAccepted,
				Assessors: assessorsFor(i, e),
				Answers:   in.answers(rng, qs[j], 0.3),
			})
		}
		if err := attach(pe.Units, e, evidence2022); err != nil {
			return Period{}, nil, err
		}
		p.Entities = append(p.Entities, pe)
	}
	return p, scores, nil
}

// bengkulu2023 generates the open 2023 assessment in the middle of field work:
// Kaur almost done (six units accepted, one submitted), Kota Bengkulu fully
// accepted and verified, Kantah Kaur final (its result shared with it and
// open to objections), Polres Seluma a partly answered draft, Kantah
// Bengkulu Utara returned, Lebong not assessed, the rest a mix.
func bengkulu2023(in *instrument, entities []Entity, prev map[string]scoring.Score) (Period, error) {
	p := Period{
		Year: 2023, MethodPreset: "2022", Status: StatusOpen,
		FieldworkFrom: "2023-07-01", FieldworkTo: "2023-10-31",
		ReviewFrom: "2023-07-15", ReviewTo: "2023-11-30",
		ObjectionFrom: "2023-12-01", ObjectionTo: "2023-12-15",
		PublishOn: "2023-12-20",
	}
	for i, e := range entities {
		if e.Code == lebongCode {
			p.Entities = append(p.Entities, PeriodEntity{
				EntityCode: e.Code, Assessed: false, State: EntityAssessing,
				NotAssessedReason: "Pemerintah daerah menolak dinilai pada tahun berjalan (surat Sekretaris Daerah tanggal 12 Juni 2023).",
			})
			continue
		}
		rng := seeded(bengkuluSeed, "2023", e.Code)
		// A year on, most offices improved a little; a few slipped.
		target := min(float64(prev[e.Code])/100+(rng.Float64()*4.5-1.5), 98.5)
		qs, err := generateEntity(in, rng, e, target)
		if err != nil {
			return Period{}, err
		}
		pe := PeriodEntity{EntityCode: e.Code, Assessed: true, State: EntityAssessing}
		switch e.Code {
		case kotaCode:
			pe.State = EntityVerified
		case kantahFinal:
			pe.State = EntityFinal
		}
		for j, u := range e.Units {
			state := state2023(rng, e.Code, u.Code)
			pu := PeriodUnit{UnitCode: u.Code, State: state, Assessors: assessorsFor(i, e)}
			all := in.answers(rng, qs[j], 0.3)
			switch state {
			case UnitDraft:
				pu.Answers = partial(rng, all, keepFor(e.Code, evidence2023))
			case UnitReturned:
				pu.Answers = all
				pu.ReturnReason = returnReasons[rng.IntN(len(returnReasons))]
			default:
				pu.Answers = all
			}
			pe.Units = append(pe.Units, pu)
		}
		if err := attach(pe.Units, e, evidence2023); err != nil {
			return Period{}, err
		}
		p.Entities = append(p.Entities, pe)
	}
	return p, nil
}

func state2023(rng *rand.Rand, entity, unit string) string {
	x := rng.Float64() // always drawn, so storylines do not shift other entities' draws
	switch entity {
	case kaurCode:
		if unit == "puskesmas-tanjung-kemuning" {
			return UnitSubmitted
		}
		return UnitAccepted
	case kotaCode, kantahFinal:
		return UnitAccepted
	case polresDraft:
		return UnitDraft
	case kantahReturned:
		return UnitReturned
	}
	switch {
	case x < 0.30:
		return UnitAccepted
	case x < 0.60:
		return UnitSubmitted
	case x < 0.90:
		return UnitDraft
	}
	return UnitReturned
}

// keepFor lists the indicators of an entity that carry evidence, which a
// draft keeps answered.
func keepFor(entity string, files []struct{ entity, unit, indicator, name string }) map[string]bool {
	keep := map[string]bool{}
	for _, f := range files {
		if f.entity == entity {
			keep[f.indicator] = true
		}
	}
	return keep
}

// partial keeps between 35% and 75% of a draft's answers (an assessor fills
// the questionnaire dimension by dimension, so the first ones are kept), plus
// the indicators in keep.
func partial(rng *rand.Rand, all []Answer, keep map[string]bool) []Answer {
	n := int(float64(len(all)) * (0.35 + 0.4*rng.Float64()))
	var out []Answer
	for i, a := range all {
		if i < n || keep[a.Indicator] {
			out = append(out, a)
		}
	}
	return out
}
