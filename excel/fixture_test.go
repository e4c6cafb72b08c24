package excel_test

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/ombudsman-ri/p4/assessment"
	"github.com/ombudsman-ri/p4/scoring"
)

// fixture describes a synthetic period: entities with scores, units and
// answers generated on the fly from a seed, so that a national-size
// workbook costs no memory to describe.
type fixture struct {
	method   *scoring.Method
	entities []fxEntity
	units    int // per Pemda; other kinds have one
	seed     uint64
}

type fxEntity struct {
	id       int64
	code     string
	name     string
	kind     scoring.Kind
	province string
	score    scoring.Score
	assessed bool
}

func preset(t testing.TB, name string) *scoring.Method {
	t.Helper()
	m, err := scoring.Preset(name)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// provinceFixture is one province like the demo's Bengkulu: 11 Pemda (one
// not assessed), 10 land offices, 10 police resorts.
func provinceFixture(t testing.TB) *fixture {
	fx := &fixture{method: preset(t, "2022"), units: 7, seed: 17}
	rng := rand.New(rand.NewPCG(fx.seed, 1))
	id := int64(0)
	add := func(kind scoring.Kind, n int) {
		for i := 0; i < n; i++ {
			id++
			e := fxEntity{id: id, code: fmt.Sprintf("%s-17%02d", kind, i+1), name: fmt.Sprintf("%s Contoh %02d", kindName(kind), i+1), kind: kind,
				province: "17", score: scoring.Score(5000 + rng.IntN(4800)), assessed: true}
			fx.entities = append(fx.entities, e)
		}
	}
	add(scoring.KindPemprov, 1)
	add(scoring.KindPemkab, 9)
	add(scoring.KindPemkot, 1)
	fx.entities[5].assessed = false
	fx.entities[1].score = 8800 // exactly on a band edge: A
	fx.entities[2].score = 8799 // B
	add(scoring.KindKantah, 10)
	add(scoring.KindPolres, 10)
	return fx
}

// nationalFixture is a national-size period divided by divisor: with 1,
// 600 entities (34 pemprov, 98 pemkot, 429 pemkab, 25 kementerian, 14
// lembaga), 7 units each, every unit answering the 40 indicators of the
// 2022 instrument: 168,000 answers. Each kind keeps at least one entity.
func nationalFixture(t testing.TB, divisor int) *fixture {
	fx := &fixture{method: preset(t, "2022"), units: 7, seed: 600}
	rng := rand.New(rand.NewPCG(fx.seed, 1))
	id := int64(0)
	add := func(kind scoring.Kind, n int) {
		n = (n + divisor - 1) / divisor
		for i := 0; i < n; i++ {
			id++
			prov := ""
			if kind != scoring.KindKementerian && kind != scoring.KindLembaga {
				prov = strconv.Itoa(11 + i%34)
			}
			fx.entities = append(fx.entities, fxEntity{id: id, code: fmt.Sprintf("%s-%04d", kind, i+1), name: fmt.Sprintf("%s Nasional %04d", kindName(kind), i+1),
				kind: kind, province: prov, score: scoring.Score(3000 + rng.IntN(7000)), assessed: true})
		}
	}
	add(scoring.KindPemprov, 34)
	add(scoring.KindPemkab, 429)
	add(scoring.KindPemkot, 98)
	add(scoring.KindKementerian, 25)
	add(scoring.KindLembaga, 14)
	return fx
}

func kindName(k scoring.Kind) string {
	return map[scoring.Kind]string{"pemprov": "Provinsi", "pemkab": "Kabupaten", "pemkot": "Kota", "kantah": "Kantor Pertanahan",
		"polres": "Polres", "kementerian": "Kementerian", "lembaga": "Lembaga"}[k]
}

func (fx *fixture) unitsOf(e fxEntity) int {
	if e.kind.IsPemda() || e.kind == scoring.KindKementerian || e.kind == scoring.KindLembaga {
		return fx.units
	}
	return 1
}

// groupsOf returns the fixture's peer groups as the service would: Pemda
// together plus kantah and polres for a province; each kind nationally.
func (fx *fixture) workbook(t testing.TB, province string) assessment.Workbook {
	t.Helper()
	m := fx.method
	keys := assessment.WorkbookGroups(province)
	wb := assessment.Workbook{
		Period:        assessment.Period{ID: 2, Year: 2022, Name: "P4 2022", Status: assessment.PeriodPublished},
		Method:        m,
		MethodVersion: assessment.MethodVersion{ID: 2, Code: m.Code, Version: 1, Name: m.Name, Family: m.Family, SHA256: "abc123"},
		ProvinceCode:  province,
		ExportedAt:    time.Date(2022, 12, 26, 3, 4, 0, 0, time.UTC),
		ExportedBy:    "Bambang Sutrisno",
	}
	if province != "" {
		wb.Province = "Bengkulu"
	}
	for _, g := range keys {
		v := assessment.RankingView{Group: g, Zones: map[string]int{"green": 0, "yellow": 0, "red": 0}, Categories: map[string]int{}, PreviousYear: 2021}
		for _, b := range m.Bands {
			v.Categories[b.Category] = 0
		}
		var members []fxEntity
		for _, e := range fx.entities {
			in := string(e.kind) == g || (g == scoring.GroupPemda && e.kind.IsPemda())
			if !in {
				continue
			}
			if !e.assessed {
				v.NotAssessed = append(v.NotAssessed, assessment.EntitySummary{ID: e.id, Code: e.code, Name: e.name, Kind: string(e.kind), ProvinceCode: e.province, Province: "Bengkulu"})
				continue
			}
			members = append(members, e)
		}
		sort.SliceStable(members, func(i, j int) bool {
			if members[i].score != members[j].score {
				return members[i].score > members[j].score
			}
			return members[i].name < members[j].name
		})
		for i, e := range members {
			rank := i + 1
			if i > 0 && members[i-1].score == e.score {
				rank = v.Items[i-1].Rank
			}
			band, err := scoring.Classify(m, e.score)
			if err != nil {
				t.Fatal(err)
			}
			cat := band.Category
			row := assessment.RankingRow{Rank: rank, EntityID: e.id, Entity: e.name, Kind: string(e.kind), Province: "Bengkulu", ProvinceCode: e.province,
				Score: e.score, Category: &cat, Opinion: band.Opinion, Zone: band.Zone, Complete: true}
			for _, d := range m.Instrument.Dimensions {
				w, _ := d.Weight.Float64()
				row.Dimensions = append(row.Dimensions, assessment.SnapshotDimension{Dimension: d.Code,
					Points: json.Number(strconv.FormatFloat(w*float64(e.score)/10000, 'f', 4, 64)), MaxPoints: json.Number(d.Weight.FloatString(4)), Percent: e.score})
			}
			switch i % 3 {
			case 0:
				prev := e.score - 150
				mv := 2 - i%5
				row.PreviousScore, row.PreviousRank, row.Movement = &prev, max(rank+mv, 1), &mv
			case 1:
				prev := e.score + 40
				row.PreviousScore, row.NotComparable = &prev, true
			}
			v.Items = append(v.Items, row)
			v.Zones[string(band.Zone)]++
			v.Categories[band.Category]++
		}
		if len(v.Items) > 0 || len(v.NotAssessed) > 0 {
			wb.Groups = append(wb.Groups, v)
		}
	}
	inds := m.Indicators()
	dimOf := map[string]string{}
	for _, d := range m.Instrument.Dimensions {
		for _, ind := range d.Indicators {
			dimOf[ind.Code] = d.Code
		}
	}
	for _, e := range fx.entities {
		if e.assessed {
			wb.Answers += fx.unitsOf(e) * len(inds)
		}
	}
	wb.EachDimension = func(fn func(assessment.DimensionRow) error) error {
		for _, e := range fx.entities {
			if !e.assessed {
				continue
			}
			for u := 0; u <= fx.unitsOf(e); u++ {
				for _, d := range m.Instrument.Dimensions {
					w, _ := d.Weight.Float64()
					r := assessment.DimensionRow{EntityID: e.id, EntityCode: e.code, Entity: e.name, Kind: string(e.kind), ProvinceCode: e.province, Province: "Bengkulu",
						Score: e.score, Complete: true, Dimension: d.Code, Points: json.Number(strconv.FormatFloat(w*float64(e.score)/10000, 'f', 4, 64)),
						MaxPoints: json.Number(d.Weight.FloatString(4)), Percent: e.score}
					if u > 0 {
						r.UnitID, r.UnitCode, r.Unit = e.id*100+int64(u), fmt.Sprintf("unit-%d", u), fmt.Sprintf("Unit %d %s", u, e.name)
					}
					if err := fn(r); err != nil {
						return err
					}
				}
			}
		}
		return nil
	}
	wb.EachAnswer = func(fn func(assessment.AnswerRow) error) error {
		rng := rand.New(rand.NewPCG(fx.seed, 2))
		for _, e := range fx.entities {
			if !e.assessed {
				continue
			}
			for u := 1; u <= fx.unitsOf(e); u++ {
				for _, ind := range inds {
					a := assessment.AnswerRow{ProvinceCode: e.province, Province: "Bengkulu", EntityID: e.id, EntityCode: e.code, Entity: e.name, Kind: string(e.kind),
						UnitID: e.id*100 + int64(u), UnitCode: fmt.Sprintf("unit-%d", u), Unit: fmt.Sprintf("Unit %d %s", u, e.name), UnitState: assessment.UnitAccepted,
						Indicator: ind.Code}
					if ind.NAAllowed && rng.IntN(20) == 0 {
						a.NA, a.NAReason = true, "Layanan tidak dipungut biaya"
					} else {
						v := rng.IntN(4)
						a.Value = &v
						if v < 2 {
							a.Note = "Belum dipublikasikan di papan informasi; dokumen tidak lengkap saat kunjungan."
						}
					}
					if err := fn(a); err != nil {
						return err
					}
				}
			}
		}
		return nil
	}
	_ = dimOf
	return wb
}
