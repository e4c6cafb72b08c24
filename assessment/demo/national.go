package demo

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/ombudsman-ri/p4/scoring"
)

// National data set: the counts follow the 2022 locus (METHOD.md §1) with a
// reduced number of vertical offices, so that a load test sees about 600
// entities and 4,000 units.
//
//	entities                                   units per entity   units
//	 34 pemprov (one per province)               7               238
//	 98 pemkot (93 autonomous cities + the        7               686
//	    5 administrative cities of DKI Jakarta)
//	415 pemkab                                   7             2,905
//	 34 kantah (the land office of each          1                34
//	    province's capital)
//	 34 polres (the police resort of each        1                34
//	    province's capital)
//	 25 kementerian                              3                75
//	 14 lembaga                                  3                42
//	---                                                        -----
//	654 entities                                               4,014 units
//
// Every unit answers the 40 indicators of the 2022 instrument (a few N/A),
// about 160,000 answers. Users: 1 admin, 1 leadership viewer, 34 coordinators
// (one per province), 1 assessor per 10 units of a province (rounded up;
// 12 at head office for the ministries and agencies), about 410 in all, and
// 1 agency user per entity.
const (
	NationalEntities    = 654
	NationalUnits       = 4014
	nationalYear        = 2024
	unitsPerAssessor    = 10
	nationalEmailDomain = "nasional.p4.demo"
)

// province is one of the 34 provinces of 2022 with its BPS code and how many
// regencies and cities it has (autonomous ones, plus DKI Jakarta's five
// administrative cities).
type province struct {
	code, name string
	regencies  int
	cities     int
}

var provinces = []province{
	{"11", "Aceh", 18, 5},
	{"12", "Sumatera Utara", 25, 8},
	{"13", "Sumatera Barat", 12, 7},
	{"14", "Riau", 10, 2},
	{"15", "Jambi", 9, 2},
	{"16", "Sumatera Selatan", 13, 4},
	{"17", "Bengkulu", 9, 1},
	{"18", "Lampung", 13, 2},
	{"19", "Kepulauan Bangka Belitung", 6, 1},
	{"21", "Kepulauan Riau", 5, 2},
	{"31", "DKI Jakarta", 0, 5},
	{"32", "Jawa Barat", 18, 9},
	{"33", "Jawa Tengah", 29, 6},
	{"34", "DI Yogyakarta", 4, 1},
	{"35", "Jawa Timur", 29, 9},
	{"36", "Banten", 4, 4},
	{"51", "Bali", 8, 1},
	{"52", "Nusa Tenggara Barat", 8, 2},
	{"53", "Nusa Tenggara Timur", 21, 1},
	{"61", "Kalimantan Barat", 12, 2},
	{"62", "Kalimantan Tengah", 13, 1},
	{"63", "Kalimantan Selatan", 11, 2},
	{"64", "Kalimantan Timur", 7, 3},
	{"65", "Kalimantan Utara", 4, 1},
	{"71", "Sulawesi Utara", 11, 4},
	{"72", "Sulawesi Tengah", 12, 1},
	{"73", "Sulawesi Selatan", 21, 3},
	{"74", "Sulawesi Tenggara", 15, 2},
	{"75", "Gorontalo", 5, 1},
	{"76", "Sulawesi Barat", 6, 0},
	{"81", "Maluku", 9, 2},
	{"82", "Maluku Utara", 8, 2},
	{"91", "Papua Barat", 12, 1},
	{"94", "Papua", 28, 1},
}

var jakartaCities = []string{"Jakarta Pusat", "Jakarta Utara", "Jakarta Barat", "Jakarta Selatan", "Jakarta Timur"}

var ministries = []string{
	"Kementerian Agama",
	"Kementerian Hukum dan Hak Asasi Manusia",
	"Kementerian Kesehatan",
	"Kementerian Pendidikan, Kebudayaan, Riset, dan Teknologi",
	"Kementerian Ketenagakerjaan",
	"Kementerian Sosial",
	"Kementerian Perhubungan",
	"Kementerian Keuangan",
	"Kementerian Dalam Negeri",
	"Kementerian Luar Negeri",
	"Kementerian Agraria dan Tata Ruang/Badan Pertanahan Nasional",
	"Kementerian Perdagangan",
	"Kementerian Perindustrian",
	"Kementerian Pertanian",
	"Kementerian Kelautan dan Perikanan",
	"Kementerian Lingkungan Hidup dan Kehutanan",
	"Kementerian Energi dan Sumber Daya Mineral",
	"Kementerian Pekerjaan Umum dan Perumahan Rakyat",
	"Kementerian Komunikasi dan Informatika",
	"Kementerian Koperasi dan Usaha Kecil dan Menengah",
	"Kementerian Desa, Pembangunan Daerah Tertinggal, dan Transmigrasi",
	"Kementerian Investasi/Badan Koordinasi Penanaman Modal",
	"Kementerian Pariwisata dan Ekonomi Kreatif",
	"Kementerian Pemuda dan Olahraga",
	"Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi",
}

var agencies = []string{
	"Badan Pengawas Obat dan Makanan",
	"Badan Kepegawaian Negara",
	"Badan Pusat Statistik",
	"Badan Narkotika Nasional",
	"Badan Meteorologi, Klimatologi, dan Geofisika",
	"Badan Nasional Penanggulangan Bencana",
	"Badan Pelindungan Pekerja Migran Indonesia",
	"Badan Standardisasi Nasional",
	"Badan Riset dan Inovasi Nasional",
	"Lembaga Kebijakan Pengadaan Barang/Jasa Pemerintah",
	"Arsip Nasional Republik Indonesia",
	"Perpustakaan Nasional Republik Indonesia",
	"Badan Informasi Geospasial",
	"Badan Pengawas Tenaga Nuklir",
}

// Syllables of synthetic place names ("Tanjung Sari", "Sukamaju").
var (
	placeHeads = []string{"Tanjung", "Muara", "Batu", "Sungai", "Padang", "Bukit", "Karang", "Teluk", "Air", "Lubuk",
		"Kuala", "Rantau", "Talang", "Tebing", "Ujung", "Pasir", "Pangkal", "Suka", "Sidi", "Mekar"}
	placeTails = []string{"Maju", "Jaya", "Sari", "Makmur", "Raya", "Indah", "Baru", "Asri", "Mulya", "Rejo",
		"Harjo", "Agung", "Tinggi", "Panjang", "Lestari", "Permai", "Damai", "Bening", "Hilir", "Hulu"}
	givenNames = []string{"Agus", "Budi", "Citra", "Dedi", "Eka", "Fitri", "Gita", "Hadi", "Indah", "Joko",
		"Kartika", "Lestari", "Made", "Nur", "Putu", "Rizky", "Sri", "Teguh", "Wahyu", "Yanti", "Zainal", "Ayu",
		"Bayu", "Dian", "Fajar", "Hendra", "Ika", "Lukman", "Maya", "Novi"}
	familyNames = []string{"Saputra", "Hidayat", "Pratama", "Wibowo", "Siregar", "Nasution", "Lubis", "Simanjuntak",
		"Pangaribuan", "Harahap", "Setiawan", "Kurniawan", "Santoso", "Susanto", "Rahmawati", "Wulandari",
		"Purnomo", "Gunawan", "Tanjung", "Sinaga", "Manurung", "Daulay", "Mahendra", "Utami", "Permana",
		"Syahputra", "Ramadhan", "Anggraini", "Lestari", "Hakim"}
)

// placeName joins a head and a tail: "Suka", "Sidi" and "Mekar" are written
// together with the tail in real names ("Sukamaju"), the others apart.
func placeName(i int) string {
	h, t := placeHeads[i/len(placeTails)], placeTails[i%len(placeTails)]
	switch h {
	case "Suka", "Sidi":
		return h + strings.ToLower(t)
	}
	return h + " " + t
}

func personName(rng *rand.Rand) string {
	return givenNames[rng.IntN(len(givenNames))] + " " + familyNames[rng.IntN(len(familyNames))]
}

// nationalTarget draws an entity score: most entities are B or C, a few A,
// a tail of D and rare E (a normal around 76 with a 6 % low-quality mixture).
func nationalTarget(rng *rand.Rand) float64 {
	mean, sd := 76.0, 8.5
	if rng.Float64() < 0.06 {
		mean, sd = 45.0, 12.0
	}
	return min(max(mean+sd*rng.NormFloat64(), 8), 98.5)
}

// National returns the synthetic national data set for load tests (counts in
// the table above): one period, 2024 under preset "2022", closed with every
// entity final and every unit accepted and fully answered, so that publishing
// it is the next step. Entity scores follow nationalTarget; answers come from
// calibrated profiles without calling scoring per unit. The same seed gives
// the same data set; generation takes well under a second.
func National(seed uint64) (*DataSet, error) {
	in, err := newInstrument("2022")
	if err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(seed, 0x5034_6e61_7369_6f6e)) // "P4nasion"
	ds := &DataSet{
		Regions:  make([]Region, 0, 550),
		Entities: make([]Entity, 0, NationalEntities),
		Users:    make([]User, 0, 1200),
	}
	p := Period{
		Year: nationalYear, MethodPreset: "2022", Status: StatusClosed,
		FieldworkFrom: "2024-07-01", FieldworkTo: "2024-10-31",
		ReviewFrom: "2024-07-15", ReviewTo: "2024-11-15",
		ObjectionFrom: "2024-11-18", ObjectionTo: "2024-11-29",
		PublishOn: "2024-12-10",
		Entities:  make([]PeriodEntity, 0, NationalEntities),
	}
	ds.Users = append(ds.Users,
		User{Email: "admin@" + nationalEmailDomain, Name: personName(rng), Role: "admin"},
		User{Email: "pimpinan@" + nationalEmailDomain, Name: personName(rng), Role: "leadership"},
	)

	// assess generates one entity's questionnaires and assigns its units to
	// the assessors of its office, one per unitsPerAssessor units.
	var pool []string // assessor emails of the current office
	var poolNext int  // units assigned so far in the current office
	assess := func(e Entity) {
		kind := scoring.Kind(e.Kind)
		target := nationalTarget(rng)
		offsets := make([]float64, len(e.Units))
		for i, u := range e.Units {
			if len(e.Units) > 1 {
				offsets[i] = unitOffsets[u.Kind]
			}
		}
		targets := []float64{target}
		if len(e.Units) > 1 {
			targets = spreadTargets(rng, target, offsets, 4, 99.5)
		}
		pe := PeriodEntity{EntityCode: e.Code, Assessed: true, State: EntityFinal, Units: make([]PeriodUnit, len(e.Units))}
		for i, u := range e.Units {
			q, _ := in.profile(rng, kind, naFor(in, rng, u.Kind), targets[i])
			pe.Units[i] = PeriodUnit{
				UnitCode:  u.Code,
				State:     UnitAccepted,
				Assessors: []string{pool[poolNext/unitsPerAssessor]},
				Answers:   in.answers(rng, q, 0.1),
			}
			poolNext++
		}
		p.Entities = append(p.Entities, pe)
		ds.Entities = append(ds.Entities, e)
		ds.Users = append(ds.Users, User{
			Email: "instansi." + e.Code + "@" + nationalEmailDomain, Name: personName(rng), Role: "agency",
			ProvinceCode: e.ProvinceCode, EntityCode: e.Code,
		})
	}
	newOffice := func(provinceCode, label string, units int) {
		pool, poolNext = nil, 0
		n := (units + unitsPerAssessor - 1) / unitsPerAssessor
		for i := range n {
			email := fmt.Sprintf("penilai.%s.%02d@%s", label, i+1, nationalEmailDomain)
			pool = append(pool, email)
			ds.Users = append(ds.Users, User{Email: email, Name: personName(rng), Role: "assessor", ProvinceCode: provinceCode})
		}
	}

	for _, pv := range provinces {
		ds.Regions = append(ds.Regions, Region{Code: pv.code, Name: pv.name, Level: LevelProvince})
		ds.Users = append(ds.Users, User{
			Email: "koordinator." + pv.code + "@" + nationalEmailDomain, Name: personName(rng), Role: "coordinator", ProvinceCode: pv.code,
		})
		newOffice(pv.code, pv.code, 7*(1+pv.regencies+pv.cities)+2)

		// Synthetic names, distinct within the province: regencies and
		// cities first, then the two health centres of each.
		names := rng.Perm(len(placeHeads) * len(placeTails))
		next := 0
		take := func() string { next++; return placeName(names[next-1]) }

		assess(Entity{
			Code: "pemprov-" + pv.code, Name: "Pemerintah Provinsi " + pv.name, Kind: string(scoring.KindPemprov),
			ProvinceCode: pv.code, RegionCode: pv.code,
			Units: provinceUnits(pv.name, "RSUD Provinsi "+pv.name, "UPTD Samsat "+pv.name),
		})
		var capital Region
		for i := range pv.regencies + pv.cities {
			city := i >= pv.regencies
			r := Region{Level: LevelRegency, ParentCode: pv.code}
			kind := scoring.KindPemkab
			if city {
				r.Level, kind = LevelCity, scoring.KindPemkot
				r.Code = fmt.Sprintf("%s%02d", pv.code, 71+i-pv.regencies)
			} else {
				r.Code = fmt.Sprintf("%s%02d", pv.code, i+1)
			}
			place := take()
			switch {
			case pv.code == "31":
				r.Name = "Kota Administrasi " + jakartaCities[i]
			case city:
				r.Name = "Kota " + place
			default:
				r.Name = "Kabupaten " + place
			}
			ds.Regions = append(ds.Regions, r)
			if capital.Code == "" || (city && capital.Level != LevelCity) {
				capital = r
			}
			assess(Entity{
				Code: string(kind) + "-" + r.Code, Name: r.Name, Kind: string(kind), ProvinceCode: pv.code, RegionCode: r.Code,
				Units: pemdaUnits(r.Name, [2]string{take(), take()}),
			})
		}
		// The land office and police resort of the capital (the first city,
		// or the first regency of a province without a city).
		kantah := "Kantor Pertanahan " + capital.Name
		assess(Entity{
			Code: "kantah-" + capital.Code, Name: kantah, Kind: string(scoring.KindKantah), ProvinceCode: pv.code, RegionCode: capital.Code,
			Units: []Unit{{Code: "kantah", Kind: "kantah", Name: kantah, Products: slices.Clone(productsKantah)}},
		})
		polres := "Polres " + strings.TrimPrefix(capital.Name, "Kabupaten ")
		switch {
		case pv.code == "31":
			polres = "Polres Metro " + strings.TrimPrefix(capital.Name, "Kota Administrasi ")
		case capital.Level == LevelCity:
			polres = "Polresta " + strings.TrimPrefix(capital.Name, "Kota ")
		}
		assess(Entity{
			Code: "polres-" + capital.Code, Name: polres, Kind: string(scoring.KindPolres), ProvinceCode: pv.code, RegionCode: capital.Code,
			Units: []Unit{{Code: "polres", Kind: "polres", Name: polres, Products: slices.Clone(productsPolres)}},
		})
	}

	newOffice("", "pusat", 3*(len(ministries)+len(agencies)))
	for i, name := range ministries {
		assess(Entity{Code: fmt.Sprintf("kementerian-%02d", i+1), Name: name, Kind: string(scoring.KindKementerian), Units: nationalUnits(name)})
	}
	for i, name := range agencies {
		assess(Entity{Code: fmt.Sprintf("lembaga-%02d", i+1), Name: name, Kind: string(scoring.KindLembaga), Units: nationalUnits(name)})
	}
	ds.Periods = []Period{p}
	for i := range ds.Users {
		ds.Users[i].Password = DemoPassword
	}
	if len(ds.Entities) != NationalEntities {
		return nil, fmt.Errorf("demo: national data set has %d entities, want %d", len(ds.Entities), NationalEntities)
	}
	return ds, nil
}

var productsNational = []string{
	"Layanan informasi publik",
	"Layanan perizinan dan rekomendasi teknis",
	"Layanan pengaduan masyarakat",
	"Layanan legalisasi dokumen",
}

// nationalUnits returns the 3 assessed units of a ministry or agency: its
// central one-stop service and two regional offices.
func nationalUnits(name string) []Unit {
	return []Unit{
		{Code: "ult", Kind: "ult", Name: "Unit Layanan Terpadu " + name, Products: slices.Clone(productsNational)},
		{Code: "kanwil-1", Kind: "kanwil", Name: name + " – Kantor Wilayah Sumatera Utara", Products: slices.Clone(productsNational[:3])},
		{Code: "kanwil-2", Kind: "kanwil", Name: name + " – Kantor Wilayah Jawa Timur", Products: slices.Clone(productsNational[:3])},
	}
}
