package demo

// notes are assessor remarks per indicator of the 2022 instrument: what an
// assessor writes when the indicator is absent (0), partly met (1..max-1)
// and fully met (max).
var notes = map[string][3]string{
	"IN.KP.01": {
		"Pelaksana tidak dapat menyebutkan komponen standar pelayanan.",
		"Pelaksana hanya menyebutkan sebagian komponen standar pelayanan (persyaratan, prosedur, waktu).",
		"Pelaksana menjelaskan komponen standar pelayanan dengan tepat.",
	},
	"IN.KP.02": {
		"Pelaksana belum memahami uraian tugas dan kewenangan jabatannya.",
		"Uraian tugas dipahami, tetapi batas kewenangan jabatan belum dapat dijelaskan.",
		"Pelaksana memahami tugas dan kewenangan sesuai SK pembagian tugas.",
	},
	"IN.KP.03": {
		"Petugas belum mengetahui tugas dan fungsi Ombudsman RI.",
		"Petugas mengetahui Ombudsman hanya sebagai lembaga penerima pengaduan.",
		"Petugas memahami tugas, fungsi, dan kewenangan Ombudsman RI.",
	},
	"IN.KP.04": {
		"Petugas tidak dapat menyebutkan bentuk maladministrasi.",
		"Petugas hanya menyebutkan pungli dan penundaan berlarut sebagai maladministrasi.",
		"Petugas menjelaskan bentuk-bentuk maladministrasi disertai contoh.",
	},
	"IN.KP.05": {
		"Pimpinan unit belum mengetahui sifat wajib rekomendasi Ombudsman.",
		"Rekomendasi Ombudsman diketahui, tetapi kewajiban tindak lanjutnya belum dipahami.",
		"Pimpinan memahami kewajiban melaksanakan rekomendasi Ombudsman.",
	},
	"IN.KP.06": {
		"Petugas belum mengetahui pelayanan khusus bagi kelompok rentan.",
		"Petugas menyebutkan prioritas bagi lansia, belum bagi penyandang disabilitas dan ibu hamil.",
		"Petugas memahami pelayanan prioritas bagi seluruh kelompok rentan.",
	},
	"IN.SP.01": {
		"Tidak ada bukti pengawasan internal oleh atasan selama setahun terakhir.",
		"Pengawasan internal dilakukan, tetapi tidak terjadwal dan tanpa laporan tertulis.",
		"Pengawasan internal terjadwal setiap bulan dengan laporan tertulis.",
	},
	"IN.SP.02": {
		"Belum ada analisis beban kerja untuk menetapkan jumlah pelaksana.",
		"Analisis beban kerja tersedia, tetapi jumlah petugas loket masih kurang.",
		"Jumlah pelaksana sesuai dokumen analisis beban kerja.",
	},
	"IN.SP.03": {
		"Belum ada jaminan mutu pelayanan maupun ketentuan kompensasi.",
		"Jaminan pelayanan tercantum di maklumat, tetapi mekanisme kompensasi belum diatur.",
		"Jaminan mutu dan kompensasi keterlambatan diatur dan diumumkan.",
	},
	"IN.SP.04": {
		"Tidak tersedia APAR maupun jalur evakuasi di ruang pelayanan.",
		"APAR tersedia tetapi sudah kedaluwarsa; jalur evakuasi belum bertanda.",
		"APAR aktif, jalur evakuasi bertanda, dan CCTV berfungsi.",
	},
	"IN.SP.05": {
		"Belum ada instrumen evaluasi kinerja pelaksana.",
		"Evaluasi kinerja hanya melalui SKP tahunan, belum ada evaluasi layanan.",
		"Instrumen evaluasi kinerja pelaksana digunakan setiap triwulan.",
	},
	"IN.SP.06": {
		"Standar pelayanan belum ditetapkan dengan keputusan pimpinan.",
		"Standar pelayanan sudah ditetapkan, tetapi belum diperbarui sejak 2019.",
		"Standar pelayanan ditetapkan dengan keputusan pimpinan tahun berjalan.",
	},
	"IN.SP.07": {
		"Ruang tunggu tidak tersedia; pengguna layanan menunggu di selasar.",
		"Ruang tunggu tersedia, tetapi kursi kurang dan toilet tidak berfungsi.",
		"Ruang tunggu, toilet, ruang laktasi, dan air minum tersedia.",
	},
	"IN.SP.08": {
		"Tidak ada sarana bagi penyandang disabilitas (ramp, kursi roda, toilet khusus).",
		"Ramp tersedia, tetapi belum ada kursi roda dan toilet khusus disabilitas.",
		"Ramp, kursi roda, loket prioritas, dan toilet disabilitas tersedia.",
	},
	"IN.SP.09": {
		"Belum ada kegiatan sosialisasi standar pelayanan kepada masyarakat.",
		"Sosialisasi hanya melalui media sosial, tanpa bukti kegiatan tatap muka.",
		"Sosialisasi terjadwal melalui media sosial, radio, dan tatap muka.",
	},
	"PR.ST.01": {
		"Persyaratan pelayanan tidak dipublikasikan.",
		"Persyaratan terpasang di papan informasi, tetapi tidak tersedia di situs web.",
		"Persyaratan dipublikasikan lengkap secara elektronik dan nonelektronik.",
	},
	"PR.ST.02": {
		"Alur pelayanan tidak dipublikasikan.",
		"Bagan alur terpasang, tetapi tidak sesuai dengan praktik di loket.",
		"Bagan alur pelayanan jelas, terpasang di loket dan dimuat di situs web.",
	},
	"PR.ST.03": {
		"Jangka waktu penyelesaian tidak dicantumkan.",
		"Jangka waktu penyelesaian hanya dicantumkan untuk sebagian produk layanan.",
		"Jangka waktu penyelesaian setiap produk layanan dipublikasikan.",
	},
	"PR.ST.04": {
		"Informasi biaya/tarif tidak dipublikasikan.",
		"Tarif terpasang, tetapi dasar hukum retribusi tidak dicantumkan.",
		"Biaya/tarif beserta dasar hukumnya dipublikasikan.",
	},
	"PR.ST.05": {
		"Daftar produk layanan tidak dipublikasikan.",
		"Daftar produk layanan di papan informasi belum lengkap.",
		"Seluruh produk layanan dipublikasikan.",
	},
	"PR.ST.06": {
		"Maklumat pelayanan tidak ditemukan di ruang pelayanan.",
		"Maklumat pelayanan terpasang tetapi belum ditandatangani pimpinan.",
		"Maklumat pelayanan ditandatangani pimpinan dan terpasang di ruang pelayanan.",
	},
	"PR.ST.07": {
		"Tidak ada loket atau pelayanan khusus bagi kelompok rentan.",
		"Pelayanan prioritas diberikan, tetapi tidak diumumkan kepada pengguna.",
		"Loket prioritas bagi lansia, penyandang disabilitas, dan ibu hamil tersedia dan diumumkan.",
	},
	"PR.ST.08": {
		"Visi dan misi tidak dipublikasikan.",
		"Visi dan misi hanya terpasang di ruang pimpinan, tidak di ruang pelayanan.",
		"Visi dan misi dipublikasikan di ruang pelayanan dan situs web.",
	},
	"PR.ST.09": {
		"Motto pelayanan tidak ada.",
		"Motto pelayanan dimuat di situs web, tetapi tidak terpasang di ruang pelayanan.",
		"Motto pelayanan terpasang di ruang pelayanan dan situs web.",
	},
	"PR.ST.10": {
		"Petugas loket tidak mengenakan tanda pengenal.",
		"Sebagian petugas tidak mengenakan kartu identitas saat observasi.",
		"Seluruh petugas mengenakan seragam dan kartu identitas.",
	},
	"PR.ST.11": {
		"Belum ada integrasi dengan Mal Pelayanan Publik atau layanan daring.",
		"Sebagian layanan tersedia di Mal Pelayanan Publik, belum terintegrasi daring.",
		"Layanan terintegrasi di Mal Pelayanan Publik dan aplikasi daring.",
	},
	"OU.PM.01": {
		"Sebagian besar responden mengeluhkan penyelesaian melewati jangka waktu.",
		"Sebagian responden menyatakan penyelesaian layanan melewati jangka waktu.",
		"Tidak ada responden yang mengalami penundaan berlarut.",
	},
	"OU.PM.02": {
		"Banyak responden diminta imbalan di luar ketentuan.",
		"Beberapa responden menyatakan pernah diminta uang terima kasih.",
		"Tidak ada responden yang diminta imbalan.",
	},
	"OU.PM.03": {
		"Banyak responden mengurus layanan di luar prosedur melalui perantara.",
		"Beberapa responden mengurus layanan melalui perantara/calo.",
		"Responden menilai prosedur dijalankan sesuai standar.",
	},
	"OU.PM.04": {
		"Banyak responden menilai petugas tidak mampu menjelaskan layanan.",
		"Beberapa responden menilai petugas kurang menguasai prosedur.",
		"Responden menilai petugas kompeten.",
	},
	"OU.PM.05": {
		"Banyak responden mengalami perlakuan tidak patut atau diskriminatif.",
		"Beberapa responden menilai petugas kurang ramah.",
		"Responden menilai petugas sopan dan tidak diskriminatif.",
	},
	"PG.PP.01": {
		"Pimpinan belum memahami kewajiban mengelola pengaduan.",
		"Kewajiban dipahami, tetapi pengaduan belum ditangani secara terstruktur.",
		"Pengelolaan pengaduan menjadi tugas rutin unit.",
	},
	"PG.PP.02": {
		"Belum ada SK penetapan pengelola pengaduan.",
		"SK pengelola pengaduan ada, tetapi kedaluwarsa karena pejabatnya telah mutasi.",
		"SK pengelola pengaduan tahun berjalan tersedia.",
	},
	"PG.PP.03": {
		"Mekanisme pengaduan tidak dipublikasikan.",
		"Kotak saran tersedia, tetapi alur penanganan pengaduan tidak dipublikasikan.",
		"Mekanisme dan kanal pengaduan dipublikasikan lengkap.",
	},
	"PG.PP.04": {
		"Tidak ada register pengaduan.",
		"Register pengaduan ada, tetapi tidak mencatat tindak lanjut.",
		"Register pengaduan lengkap dengan status tindak lanjut.",
	},
	"PG.PP.05": {
		"Pengaduan yang masuk tidak ditindaklanjuti.",
		"Sebagian pengaduan belum diselesaikan.",
		"Seluruh pengaduan yang tercatat telah diselesaikan.",
	},
	"PG.PP.06": {
		"Tidak ada ketentuan waktu penyelesaian pengaduan.",
		"Sebagian pengaduan diselesaikan melebihi 14 hari.",
		"Pengaduan diselesaikan dalam batas waktu yang ditetapkan.",
	},
	"PG.PP.07": {
		"Tidak ada laporan berkala pengelolaan pengaduan.",
		"Laporan pengaduan dibuat setahun sekali, tanpa analisis.",
		"Laporan pengelolaan pengaduan disusun setiap triwulan.",
	},
	"PG.PP.08": {
		"Unit belum terhubung dengan SP4N-LAPOR!.",
		"Akun SP4N-LAPOR! ada, tetapi disposisi tidak ditindaklanjuti.",
		"Pengaduan melalui SP4N-LAPOR! ditindaklanjuti dan dipantau.",
	},
	"PG.PP.09": {
		"Pengelola pengaduan belum pernah mengikuti pelatihan.",
		"Baru satu pengelola pengaduan yang pernah mengikuti pelatihan.",
		"Pengelola pengaduan telah mengikuti pelatihan.",
	},
}

// genericNotes serve indicators of other instruments.
var genericNotes = [3]string{
	"Tidak ditemukan bukti pemenuhan indikator.",
	"Indikator baru dipenuhi sebagian.",
	"Indikator dipenuhi seluruhnya.",
}

func note(code string, v, top int) string {
	n, ok := notes[code]
	if !ok {
		n = genericNotes
	}
	switch {
	case v <= 0:
		return n[0]
	case v < top:
		return n[1]
	}
	return n[2]
}

// Reasons for "not applicable" answers.
const (
	naFreeAdminduk = "Layanan administrasi kependudukan tidak dipungut biaya (Pasal 79A UU 24/2013); tidak ada komponen tarif yang dinilai."
	naFreeSocial   = "Seluruh layanan Dinas Sosial tidak dipungut biaya; tidak ada komponen tarif yang dinilai."
	naNoComplaints = "Register pengaduan kosong: tidak ada pengaduan yang masuk selama periode penilaian."
)

// returnReasons are why a coordinator returns a questionnaire to the assessor.
var returnReasons = []string{
	"Nilai 3 pada maklumat pelayanan (PR.ST.06) belum didukung foto; lampirkan foto maklumat yang ditandatangani pimpinan atau turunkan nilainya.",
	"SK penetapan pengelola pengaduan (PG.PP.02) belum dilampirkan dan catatan wawancara pengelola pengaduan belum lengkap.",
	"Nilai persepsi maladministrasi (OU.PM.01–OU.PM.05) tidak sesuai rekap kuesioner 30 responden; mohon dihitung ulang.",
	"Jawaban sarana bagi pengguna berkebutuhan khusus (IN.SP.08) bertentangan dengan foto ruang pelayanan; mohon diperiksa kembali.",
}
