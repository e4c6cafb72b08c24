package assessment

import (
	"context"
	"errors"
	"math/big"
	"sort"
	"strings"

	"github.com/ombudsman-ri/p4/scoring"
)

// NewPeriod creates a period in planning from a method preset ("2022"), a
// stored method version, or by copying an earlier year's method, schedule
// shape and locus (entities and whether they are assessed).
type NewPeriod struct {
	Year         int
	Name         string
	MethodPreset string
	MethodID     int64
	CopyFromYear int
	Schedule     Schedule
}

// PlanPeriod creates a period as NewPeriod says, in one transaction.
func (s *Service) PlanPeriod(ctx context.Context, a Actor, in NewPeriod) (Period, error) {
	if err := requireAdmin(a); err != nil {
		return Period{}, err
	}
	var ve ValidationError
	sources := 0
	for _, set := range []bool{in.MethodPreset != "", in.MethodID != 0, in.CopyFromYear != 0} {
		if set {
			sources++
		}
	}
	if sources != 1 {
		ve.Add("method", "one_source", "give exactly one of method_preset, method_id or copy_from_year")
	}
	if err := ve.Err(); err != nil {
		return Period{}, err
	}
	var out Period
	err := s.store.InTx(ctx, func(tx Store) error {
		txs := s.withStore(tx)
		methodID := in.MethodID
		var copyFrom *Period
		switch {
		case in.MethodPreset != "":
			file, err := scoring.PresetFile(in.MethodPreset)
			if err != nil {
				return &ValidationError{Fields: []FieldError{{Field: "method_preset", Code: "unknown", Message: "no preset " + in.MethodPreset + " (2021, 2022, 2025)"}}}
			}
			mv, err := txs.RegisterMethod(ctx, a, file)
			if err != nil {
				return err
			}
			methodID = mv.ID
		case in.CopyFromYear != 0:
			p, err := tx.PeriodByYear(ctx, in.CopyFromYear)
			if errors.Is(err, ErrNotFound) {
				return &ValidationError{Fields: []FieldError{{Field: "copy_from_year", Code: "unknown", Message: "no period for that year"}}}
			}
			if err != nil {
				return err
			}
			copyFrom = &p
			methodID = p.MethodID
		}
		p, err := txs.CreatePeriod(ctx, a, PeriodInput{Year: in.Year, Name: in.Name, MethodID: methodID,
			Fieldwork: in.Schedule.Fieldwork, Review: in.Schedule.Review, Objection: in.Schedule.Objection, PublishOn: in.Schedule.PublishOn})
		if err != nil {
			return err
		}
		if copyFrom != nil {
			pes, err := tx.PeriodEntities(ctx, copyFrom.ID)
			if err != nil {
				return err
			}
			for _, pe := range pes {
				e, err := tx.Entity(ctx, pe.EntityID)
				if err != nil {
					return err
				}
				if !e.Active {
					continue
				}
				if err := txs.AddToLocus(ctx, a, p.ID, pe.EntityID, true, ""); err != nil {
					return err
				}
			}
		}
		out = p
		return nil
	})
	return out, err
}

// ReplaceMethod gives a period in planning a new method file (a new method
// version is stored; the old one stays for the record).
func (s *Service) ReplaceMethod(ctx context.Context, a Actor, periodID int64, version int, file []byte) (Period, error) {
	if err := requireAdmin(a); err != nil {
		return Period{}, err
	}
	var out Period
	err := s.store.InTx(ctx, func(tx Store) error {
		p, err := tx.Period(ctx, periodID)
		if err != nil {
			return err
		}
		if p.Status != PeriodPlanning {
			return &StateError{Action: "period.method", From: p.Status, Kind: ErrLocked, Detail: "the method and instrument are locked once the period opens"}
		}
		if p.Version != version {
			return &ConflictError{Current: p}
		}
		txs := s.withStore(tx)
		mv, err := txs.RegisterMethod(ctx, a, file)
		if err != nil {
			return err
		}
		old := p.MethodID
		p.MethodID = mv.ID
		if err := tx.SetPeriodMethod(ctx, &p); err != nil {
			return err
		}
		out = p
		return s.audit(ctx, tx, a, chainOf("period", p.ID), "period.method", "period", p.ID, p.ID, 0,
			map[string]any{"method_id": old}, map[string]any{"method_id": mv.ID, "code": mv.Code, "version": mv.Version}, "")
	})
	return out, err
}

// IndicatorChange is one difference between two instruments.
type IndicatorChange struct {
	Code      string   `json:"code"`
	Dimension string   `json:"dimension"`
	Change    string   `json:"change"` // added, removed, changed
	Fields    []string `json:"fields,omitempty"`
	WeightOld string   `json:"weight_old,omitempty"` // share of the total, in points
	WeightNew string   `json:"weight_new,omitempty"`
}

// DimensionChange is a dimension weight difference.
type DimensionChange struct {
	Code      string `json:"code"`
	Change    string `json:"change"`
	WeightOld string `json:"weight_old,omitempty"`
	WeightNew string `json:"weight_new,omitempty"`
}

// MethodDiff compares two method versions.
type MethodDiff struct {
	From       int64             `json:"from"`
	To         int64             `json:"to"`
	Comparable bool              `json:"comparable"` // same family: scores comparable across the two
	Dimensions []DimensionChange `json:"dimensions"`
	Indicators []IndicatorChange `json:"indicators"`
	Bands      bool              `json:"bands_changed"`
}

// CompareMethods lists added, removed and changed dimensions and indicators.
func (s *Service) CompareMethods(ctx context.Context, fromID, toID int64) (MethodDiff, error) {
	d := MethodDiff{From: fromID, To: toID, Dimensions: []DimensionChange{}, Indicators: []IndicatorChange{}}
	a, err := s.method(ctx, s.store, fromID)
	if err != nil {
		return d, err
	}
	b, err := s.method(ctx, s.store, toID)
	if err != nil {
		return d, err
	}
	d.Comparable = a.Family == b.Family
	d.Bands = !sameBands(a.Bands, b.Bands)
	type ind struct {
		dim   string
		ind   *scoring.Indicator
		share *big.Rat
	}
	collect := func(m *scoring.Method) (map[string]ind, map[string]*big.Rat) {
		inds, dims := map[string]ind{}, map[string]*big.Rat{}
		if m.Instrument == nil {
			return inds, dims
		}
		for i := range m.Instrument.Dimensions {
			dm := &m.Instrument.Dimensions[i]
			dims[dm.Code] = dm.Weight
			n := len(dm.Indicators)
			for j := range dm.Indicators {
				in := &dm.Indicators[j]
				w := in.Weight
				if w == nil && n > 0 {
					w = big.NewRat(1, int64(n))
				}
				share := new(big.Rat)
				if dm.Weight != nil && w != nil {
					share.Mul(dm.Weight, w)
				}
				inds[in.Code] = ind{dm.Code, in, share}
			}
		}
		return inds, dims
	}
	ai, ad := collect(a)
	bi, bd := collect(b)
	for _, code := range sortedKeys(ad, bd) {
		wa, oka := ad[code]
		wb, okb := bd[code]
		switch {
		case !oka:
			d.Dimensions = append(d.Dimensions, DimensionChange{Code: code, Change: "added", WeightNew: rat2(wb)})
		case !okb:
			d.Dimensions = append(d.Dimensions, DimensionChange{Code: code, Change: "removed", WeightOld: rat2(wa)})
		case wa.Cmp(wb) != 0:
			d.Dimensions = append(d.Dimensions, DimensionChange{Code: code, Change: "changed", WeightOld: rat2(wa), WeightNew: rat2(wb)})
		}
	}
	codes := map[string]bool{}
	for c := range ai {
		codes[c] = true
	}
	for c := range bi {
		codes[c] = true
	}
	list := make([]string, 0, len(codes))
	for c := range codes {
		list = append(list, c)
	}
	sort.Strings(list)
	for _, code := range list {
		x, oka := ai[code]
		y, okb := bi[code]
		switch {
		case !oka:
			d.Indicators = append(d.Indicators, IndicatorChange{Code: code, Dimension: y.dim, Change: "added", WeightNew: y.share.FloatString(4)})
		case !okb:
			d.Indicators = append(d.Indicators, IndicatorChange{Code: code, Dimension: x.dim, Change: "removed", WeightOld: x.share.FloatString(4)})
		default:
			var fields []string
			if x.share.Cmp(y.share) != 0 {
				fields = append(fields, "weight")
			}
			if x.dim != y.dim {
				fields = append(fields, "dimension")
			}
			if x.ind.Question != y.ind.Question || x.ind.Name != y.ind.Name {
				fields = append(fields, "text")
			}
			if strings.Join(x.ind.Levels, "|") != strings.Join(y.ind.Levels, "|") || x.ind.Max != y.ind.Max {
				fields = append(fields, "levels")
			}
			if x.ind.NAAllowed != y.ind.NAAllowed {
				fields = append(fields, "na_allowed")
			}
			if len(fields) > 0 {
				d.Indicators = append(d.Indicators, IndicatorChange{Code: code, Dimension: y.dim, Change: "changed", Fields: fields,
					WeightOld: x.share.FloatString(4), WeightNew: y.share.FloatString(4)})
			}
		}
	}
	return d, nil
}

func rat2(r *big.Rat) string {
	if r == nil {
		return ""
	}
	return r.FloatString(2)
}

func sortedKeys(ms ...map[string]*big.Rat) []string {
	seen := map[string]bool{}
	var out []string
	for _, m := range ms {
		for k := range m {
			if !seen[k] {
				seen[k] = true
				out = append(out, k)
			}
		}
	}
	sort.Strings(out)
	return out
}

func sameBands(a, b []scoring.Band) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Category != b[i].Category || a[i].Opinion != b[i].Opinion || a[i].Zone != b[i].Zone || a[i].Lower != b[i].Lower {
			return false
		}
	}
	return true
}

// SetAssessed marks an entity of a period's locus assessed or not assessed
// (with a reason). Allowed while no unit of it has left draft.
func (s *Service) SetAssessed(ctx context.Context, a Actor, periodID, entityID int64, assessed bool, reason string) (PeriodEntity, error) {
	if err := requireAdmin(a); err != nil {
		return PeriodEntity{}, err
	}
	if !assessed && strings.TrimSpace(reason) == "" {
		return PeriodEntity{}, &ValidationError{Fields: []FieldError{{Field: "not_assessed_reason", Code: "required", Message: "say why the entity is not assessed"}}}
	}
	var out PeriodEntity
	err := s.store.InTx(ctx, func(tx Store) error {
		pe, err := tx.PeriodEntity(ctx, periodID, entityID, true)
		if err != nil {
			return err
		}
		if pe.State != EntityAssessing {
			return &StateError{Action: "locus.assessed", From: pe.State, Kind: ErrLocked}
		}
		uas, err := tx.UnitAssessments(ctx, periodID, entityID)
		if err != nil {
			return err
		}
		for _, ua := range uas {
			if ua.State != UnitDraft {
				return &StateError{Action: "locus.assessed", From: "unit " + ua.State, Kind: ErrLocked, Detail: "units have been submitted"}
			}
		}
		if assessed && len(uas) == 0 {
			p, err := tx.Period(ctx, periodID)
			if err != nil {
				return err
			}
			e, err := tx.Entity(ctx, entityID)
			if err != nil {
				return err
			}
			if !p.Historical {
				for _, u := range e.Units {
					if u.Active {
						ua := UnitAssessment{PeriodID: periodID, EntityID: entityID, UnitID: u.ID, State: UnitDraft}
						if err := tx.CreateUnitAssessment(ctx, &ua); err != nil {
							return err
						}
					}
				}
			}
		}
		old := pe
		pe.Assessed, pe.NotAssessedReason = assessed, ""
		if !assessed {
			pe.NotAssessedReason = strings.TrimSpace(reason)
		}
		if err := tx.UpdatePeriodEntity(ctx, &pe); err != nil {
			return err
		}
		out = pe
		return s.audit(ctx, tx, a, chainOf("period", periodID), "locus.assessed", "entity", entityID, periodID, entityID, old, pe, reason)
	})
	return out, err
}

// AssignAll gives assessors every unit assessment of an entity in a period,
// in one transaction (e.g. all units of one regency to two assessors).
func (s *Service) AssignAll(ctx context.Context, a Actor, periodID, entityID int64, userIDs []int64) (int, error) {
	n := 0
	err := s.store.InTx(ctx, func(tx Store) error {
		txs := s.withStore(tx)
		uas, err := tx.UnitAssessments(ctx, periodID, entityID)
		if err != nil {
			return err
		}
		if len(uas) == 0 {
			return &ValidationError{Fields: []FieldError{{Field: "entity_id", Code: "no_units", Message: "the entity has no units to assess in this period"}}}
		}
		for _, ua := range uas {
			for _, uid := range userIDs {
				if err := txs.Assign(ctx, a, ua.ID, uid); err != nil {
					return err
				}
				n++
			}
		}
		return nil
	})
	return n, err
}

// LocusRow is an entity of a period's locus with its coverage.
type LocusRow struct {
	EntityID          int64  `json:"entity_id"`
	Code              string `json:"code"`
	Name              string `json:"name"`
	Kind              string `json:"kind"`
	ProvinceCode      string `json:"province_code,omitempty"`
	Assessed          bool   `json:"assessed"`
	NotAssessedReason string `json:"not_assessed_reason,omitempty"`
	State             string `json:"state"`
	Units             int    `json:"units"`
	UnitsUnassigned   int    `json:"units_unassigned"` // units without an assessor: flagged in the UI
}

// Locus lists a period's locus; coordinators see their province only.
func (s *Service) Locus(ctx context.Context, a Actor, periodID int64) ([]LocusRow, error) {
	var province int64
	switch a.Role {
	case RoleAdmin, RoleLeadership:
	case RoleCoordinator:
		province = a.ProvinceID
	default:
		return nil, ErrForbidden
	}
	return s.store.LocusRows(ctx, periodID, province)
}
