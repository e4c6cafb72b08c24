package assessment

import (
	"context"
	"encoding/json"
	"errors"
	"sort"
	"time"

	"github.com/ombudsman-ri/p4/scoring"
)

// ExportFilter selects the entities of an export: one period and one
// province (by code) or, with ProvinceCode empty, the whole nation.
type ExportFilter struct {
	PeriodID     int64
	ProvinceCode string
}

// DimensionRow is one dimension of one unit (UnitID 0: the entity's roll-up)
// in an entity's current result, with the names a reader needs.
type DimensionRow struct {
	EntityID     int64
	EntityCode   string
	Entity       string
	Kind         string
	ProvinceCode string
	Province     string
	UnitID       int64 // 0 for the entity's roll-up
	UnitCode     string
	Unit         string
	Score        scoring.Score // the unit's score, or the entity's for UnitID 0
	Complete     bool
	Dimension    string
	Points       json.Number // exact to 4 decimals
	MaxPoints    json.Number
	Percent      scoring.Score
}

// AnswerRow is one stored answer of a unit, with the names a reader needs.
type AnswerRow struct {
	ProvinceCode string
	Province     string
	EntityID     int64
	EntityCode   string
	Entity       string
	Kind         string
	UnitID       int64
	UnitCode     string
	Unit         string
	UnitState    string
	Indicator    string
	Value        *int
	NA           bool
	NAReason     string
	Note         string
}

// Workbook is what the leadership workbook of a period shows: the rankings
// of every peer group of a province (Pemda together, land offices, police
// resorts) or of the nation (each kind), and, streamed in bounded memory, the
// dimension points of every entity and unit and every answer with its notes.
type Workbook struct {
	Period        Period
	Method        *scoring.Method
	MethodVersion MethodVersion // Definition left empty
	ProvinceCode  string        // empty: the nation
	Province      string        // the province's name
	Groups        []RankingView // in listing order
	ExportedAt    time.Time
	ExportedBy    string
	Answers       int // how many rows EachAnswer yields, for progress reports

	// EachDimension yields the dimension rows ordered by province, kind,
	// entity name, entity and unit (the entity's roll-up first).
	EachDimension func(fn func(DimensionRow) error) error
	// EachAnswer yields the answers in the same order, each unit's answers
	// in instrument order.
	EachAnswer func(fn func(AnswerRow) error) error
}

// workbookScope checks who may export which province of which period:
// admin and leadership any province or the nation (province ""), a
// coordinator only their own province (the default); it returns the period
// and the province's code and name.
func (s *Service) workbookScope(ctx context.Context, a Actor, year int, province string) (Period, Region, error) {
	var reg Region
	switch a.Role {
	case RoleAdmin, RoleLeadership:
	case RoleCoordinator:
		own, err := s.provinceCodeOf(ctx, a.ProvinceID)
		if err != nil {
			return Period{}, reg, err
		}
		if province != "" && province != own {
			return Period{}, reg, ErrNotFound
		}
		province = own
	default:
		return Period{}, reg, ErrForbidden
	}
	p, err := s.store.PeriodByYear(ctx, year)
	if err != nil {
		return p, reg, err
	}
	if province != "" {
		r, err := s.store.RegionByCode(ctx, province)
		if err != nil {
			return p, reg, err
		}
		if r.Level != "province" {
			return p, reg, ErrNotFound
		}
		reg = r
	}
	return p, reg, nil
}

// WorkbookGroups are the peer groups of a workbook: for a province its Pemda
// together and its land offices and police resorts; for the nation each kind.
func WorkbookGroups(province string) []string {
	if province != "" {
		return []string{scoring.GroupPemda, string(scoring.KindKantah), string(scoring.KindPolres)}
	}
	out := []string{}
	for _, k := range scoring.Kinds() {
		out = append(out, string(k))
	}
	return out
}

// Workbook collects the leadership workbook of a period for a province (or,
// with province "", the nation). Admin and leadership may export any
// province and the nation; a coordinator only their own province.
func (s *Service) Workbook(ctx context.Context, a Actor, year int, province string) (Workbook, error) {
	p, reg, err := s.workbookScope(ctx, a, year, province)
	if err != nil {
		return Workbook{}, err
	}
	m, err := s.method(ctx, s.store, p.MethodID)
	if err != nil {
		return Workbook{}, err
	}
	mv, err := s.store.Method(ctx, p.MethodID)
	if err != nil {
		return Workbook{}, err
	}
	mv.Definition = nil
	wb := Workbook{Period: p, Method: m, MethodVersion: mv, ProvinceCode: reg.Code, Province: reg.Name,
		ExportedAt: s.now(), ExportedBy: a.Name}
	for _, g := range WorkbookGroups(reg.Code) {
		v, err := s.Ranking(ctx, a, year, g, reg.Code, false)
		if err != nil {
			return Workbook{}, err
		}
		if len(v.Items) == 0 && len(v.NotAssessed) == 0 {
			continue
		}
		wb.Groups = append(wb.Groups, v)
	}
	f := ExportFilter{PeriodID: p.ID, ProvinceCode: reg.Code}
	if wb.Answers, err = s.store.CountAnswerRows(ctx, f); err != nil {
		return Workbook{}, err
	}
	wb.EachDimension = func(fn func(DimensionRow) error) error { return s.store.EachDimensionRow(ctx, f, fn) }
	order := map[string]int{}
	for i, ind := range m.Indicators() {
		order[ind.Code] = i
	}
	wb.EachAnswer = func(fn func(AnswerRow) error) error {
		// The store orders a unit's answers by code; the reader wants the
		// instrument's order, so one unit (some dozens of rows) is held at a time.
		var unit []AnswerRow
		flush := func() error {
			sort.SliceStable(unit, func(i, j int) bool {
				oi, iok := order[unit[i].Indicator]
				oj, jok := order[unit[j].Indicator]
				if iok != jok {
					return iok // codes the instrument does not know go last
				}
				return oi < oj
			})
			for _, r := range unit {
				if err := fn(r); err != nil {
					return err
				}
			}
			unit = unit[:0]
			return nil
		}
		err := s.store.EachAnswerRow(ctx, f, func(r AnswerRow) error {
			if len(unit) > 0 && (unit[0].UnitID != r.UnitID || unit[0].EntityID != r.EntityID) {
				if err := flush(); err != nil {
					return err
				}
			}
			unit = append(unit, r)
			return nil
		})
		if err != nil {
			return err
		}
		return flush()
	}
	return wb, nil
}

// AgencyReport is an entity's report card (rapor) of one period: its result,
// the indicators to improve with the assessors' notes, and its history, all
// of it what the actor may see of that entity.
type AgencyReport struct {
	Result ResultView
	// Explanation is nil when the result was imported (no answers).
	Explanation *ExplanationView
	History     []HistoryRow // newest first
	// ShowRanks is false for an agency user before the period is published:
	// a rank compares the entity with others whose results are not out yet.
	ShowRanks  bool
	ExportedAt time.Time
	ExportedBy string
}

// HistoryRow is the entity's result in one period.
type HistoryRow struct {
	Year       int
	MethodCode string
	MethodName string
	Comparable bool // same method family as the report's period
	Score      scoring.Score
	Category   string
	Opinion    string
	Zone       scoring.Zone
	Complete   bool
	Source     string
	Ranks      map[string]int // peer group → rank (empty when ranks are not shown)
}

// AgencyReport collects an entity's report card for a period: visible to the
// entity's own agency users once the result is final, and to staff as the
// result is (Result).
func (s *Service) AgencyReport(ctx context.Context, a Actor, year int, entityID int64) (AgencyReport, error) {
	var out AgencyReport
	v, err := s.Result(ctx, a, year, entityID, false)
	if err != nil {
		return out, err
	}
	out.Result, out.ExportedAt, out.ExportedBy = v, s.now(), a.Name
	out.ShowRanks = a.Role != RoleAgency || v.Period.Status == PeriodPublished
	if !out.ShowRanks {
		out.Result.Snapshot.Ranks = map[string]int{}
	}
	ex, err := s.Explain(ctx, a, year, entityID)
	var se *StateError
	switch {
	case err == nil:
		out.Explanation = &ex
	case errors.As(err, &se):
		// an imported result: nothing to explain
	default:
		return out, err
	}
	periods, err := s.store.Periods(ctx)
	if err != nil {
		return out, err
	}
	for _, p := range periods {
		hv, err := s.Result(ctx, a, p.Year, entityID, false)
		if errors.Is(err, ErrNotFound) {
			continue // not in that period's locus, not scored, or not visible
		}
		if err != nil {
			return out, err
		}
		h := HistoryRow{Year: p.Year, MethodCode: hv.Method.Code, MethodName: hv.Method.Name, Comparable: hv.Method.Family == v.Method.Family,
			Score: hv.Snapshot.Score, Category: hv.Snapshot.Category, Opinion: hv.Snapshot.Opinion, Zone: hv.Snapshot.Zone,
			Complete: hv.Snapshot.Complete, Source: hv.Snapshot.Source, Ranks: map[string]int{}}
		if a.Role != RoleAgency || p.Status == PeriodPublished {
			h.Ranks = hv.Snapshot.Ranks
		}
		out.History = append(out.History, h)
	}
	return out, nil
}
