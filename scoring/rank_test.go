package scoring

import (
	"fmt"
	"strings"
	"testing"
)

func rowsString(rows []RankRow) string {
	var b strings.Builder
	for _, r := range rows {
		fmt.Fprintf(&b, "%d %s %s", r.Rank, r.Name, r.Score)
		if r.Movement != nil {
			fmt.Fprintf(&b, " mv%+d", *r.Movement)
		}
		if r.NotComparable {
			b.WriteString(" nc")
		}
		b.WriteString("; ")
	}
	return b.String()
}

func TestRank(t *testing.T) {
	s := func(id, name, score string) Standing {
		return Standing{EntityID: id, Name: name, Score: *scorePtr(score), Complete: true}
	}
	na := Standing{EntityID: "z", Name: "Aceh Zero", NotAssessed: true}
	tests := []struct {
		name       string
		current    []Standing
		previous   []Standing
		comparable bool
		want       string
	}{
		{"ties share a rank, listed by name", []Standing{s("1", "Kaur", "90"), s("2", "Seluma", "85"), s("3", "Lebong", "85"), s("4", "Kepahiang", "80")}, nil, true,
			"1 Kaur 90.00; 2 Lebong 85.00; 2 Seluma 85.00; 4 Kepahiang 80.00; "},
		{"name order ignores case", []Standing{s("1", "bengkulu", "70"), s("2", "Argamakmur", "70")}, nil, true,
			"1 Argamakmur 70.00; 1 bengkulu 70.00; "},
		{"not assessed listed last, unranked", []Standing{na, s("1", "Kaur", "50")}, nil, true,
			"1 Kaur 50.00; 0 Aceh Zero 0.00; "},
		{"rounded scores decide: 93.28 equals 93.28", []Standing{s("1", "B", "93.28"), s("2", "A", "93.28"), s("3", "C", "93.27")}, nil, true,
			"1 A 93.28; 1 B 93.28; 3 C 93.27; "},
		{"movement", []Standing{s("1", "Kaur", "90"), s("2", "Seluma", "85")}, []Standing{s("1", "Kaur", "70"), s("2", "Seluma", "80")}, true,
			"1 Kaur 90.00 mv+1; 2 Seluma 85.00 mv-1; "},
		{"not comparable", []Standing{s("1", "Kaur", "90")}, []Standing{s("1", "Kaur", "70")}, false,
			"1 Kaur 90.00 nc; "},
		{"new entity has no movement", []Standing{s("1", "Kaur", "90"), s("9", "Baru", "95")}, []Standing{s("1", "Kaur", "70")}, true,
			"1 Baru 95.00; 2 Kaur 90.00 mv-1; "},
		{"empty", nil, nil, true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := rowsString(Rank(tt.current, tt.previous, tt.comparable)); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestPeerGroupsOf(t *testing.T) {
	tests := []struct {
		kind     Kind
		province string
		want     string
	}{
		{KindPemkab, "17", "pemkab pemda/17"},
		{KindPemprov, "17", "pemprov pemda/17"},
		{KindPemkot, "", "pemkot"},
		{KindKantah, "17", "kantah"},
		{KindKementerian, "", "kementerian"},
	}
	for _, tt := range tests {
		var got []string
		for _, g := range PeerGroupsOf(tt.kind, tt.province) {
			got = append(got, g.String())
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("PeerGroupsOf(%s, %q) = %v, want %s", tt.kind, tt.province, got, tt.want)
		}
	}
}

func TestScorePeriod(t *testing.T) {
	m := mustPreset(t, "2022")
	ent := func(id, name string, k Kind, prov, score string) Entity {
		return Entity{ID: id, Name: name, Kind: k, Province: prov, Score: scorePtr(score)}
	}
	entities := []Entity{
		ent("kota-bkl", "Kota Bengkulu", KindPemkot, "17", "80.00"),
		ent("kab-kaur", "Kabupaten Kaur", KindPemkab, "17", "94.00"),
		ent("prov-bkl", "Provinsi Bengkulu", KindPemprov, "17", "80.00"),
		ent("kab-lebong", "Kabupaten Lebong", KindPemkab, "17", "70.00"),
		{ID: "kab-x", Name: "Kabupaten X", Kind: KindPemkab, Province: "17", NotAssessed: true, NotAssessedReason: "menolak dinilai"},
		ent("kab-aceh", "Kabupaten Aceh Besar", KindPemkab, "11", "94.00"),
		ent("kantah-kaur", "Kantah Kaur", KindKantah, "17", "85.00"),
	}
	r, err := ScorePeriod(m, entities, nil)
	if err != nil {
		t.Fatal(err)
	}
	var groups []string
	for _, g := range r.Rankings {
		groups = append(groups, g.Group.String()+": "+rowsString(g.Rows))
	}
	want := []string{
		"pemprov: 1 Provinsi Bengkulu 80.00; ",
		"pemkab: 1 Kabupaten Aceh Besar 94.00; 1 Kabupaten Kaur 94.00; 3 Kabupaten Lebong 70.00; 0 Kabupaten X 0.00; ",
		"pemkot: 1 Kota Bengkulu 80.00; ",
		"kantah: 1 Kantah Kaur 85.00; ",
		"pemda/11: 1 Kabupaten Aceh Besar 94.00; ",
		"pemda/17: 1 Kabupaten Kaur 94.00; 2 Kota Bengkulu 80.00; 2 Provinsi Bengkulu 80.00; 4 Kabupaten Lebong 70.00; 0 Kabupaten X 0.00; ",
	}
	if strings.Join(groups, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(groups, "\n"), strings.Join(want, "\n"))
	}
	kaur := r.Entities[1]
	if kaur.Rank != 1 || len(kaur.Ranks) != 2 || kaur.Ranks[1].Group.String() != "pemda/17" || kaur.Ranks[1].Of != 4 {
		t.Errorf("Kaur ranks: got rank %d %+v, want 1 and pemda/17 1 of 4", kaur.Rank, kaur.Ranks)
	}
	counts := r.Rankings[5].Counts
	if fmt.Sprint(counts) != "[{A Kualitas Tertinggi green 1} {B Kualitas Tinggi green 2} {C Kualitas Sedang yellow 1} {D Kualitas Rendah red 0} {E Kualitas Terendah red 0}]" {
		t.Errorf("pemda/17 counts: got %v", counts)
	}

	// Movement against a previous period of the same family, and of another.
	prev := &Previous{Method: "2022", Family: "p4-2022", Scores: []PriorScore{
		{EntityID: "kab-lebong", Name: "Kabupaten Lebong", Kind: KindPemkab, Province: "17", Score: *scorePtr("99")},
		{EntityID: "kab-kaur", Name: "Kabupaten Kaur", Kind: KindPemkab, Province: "17", Score: *scorePtr("50")},
	}}
	r, err = ScorePeriod(m, entities, prev)
	if err != nil {
		t.Fatal(err)
	}
	if got := rowsString(r.Rankings[1].Rows); got != "1 Kabupaten Aceh Besar 94.00; 1 Kabupaten Kaur 94.00 mv+1; 3 Kabupaten Lebong 70.00 mv-2; 0 Kabupaten X 0.00; " {
		t.Errorf("pemkab with movement: got %s", got)
	}
	prev.Family = "kepatuhan"
	r, _ = ScorePeriod(m, entities, prev)
	if got := rowsString(r.Rankings[1].Rows); got != "1 Kabupaten Aceh Besar 94.00; 1 Kabupaten Kaur 94.00 nc; 3 Kabupaten Lebong 70.00 nc; 0 Kabupaten X 0.00; " {
		t.Errorf("pemkab not comparable: got %s", got)
	}
}

func TestScorePeriodProblems(t *testing.T) {
	m := mustPreset(t, "2022")
	entities := []Entity{
		{ID: "a", Name: "A", Kind: KindPolres, Score: scorePtr("50")},
		{ID: "a", Name: "A2", Kind: KindPolres, Score: scorePtr("50")},
		{ID: "b", Name: "B", Kind: KindPolres, Units: []Unit{{ID: "u", Answers: map[string]Answer{"IN.KP.01": Level(7)}}}},
	}
	_, err := ScorePeriod(m, entities, nil)
	got := problemsOf(t, err)
	want := []Problem{
		{"entities[1].id", CodeDuplicateCode, `entity id "a" is also used by entities[0]`},
		{`entities[2].units[0].answers["IN.KP.01"]`, CodeOutOfRange, "answer 7 is outside 0..3"},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got  %v\nwant %v", got, want)
	}
}
