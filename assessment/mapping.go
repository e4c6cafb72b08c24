package assessment

import (
	"context"
	"errors"
	"math/big"
	"strings"
	"time"

	"github.com/ombudsman-ri/p4/scoring"
)

// StoredMapping is one stored row of a period's indicator mapping: the
// indicator of the previous period's instrument that an indicator of this
// period's instrument continues ("" for a new indicator).
type StoredMapping struct {
	PreviousPeriodID int64
	Indicator        string
	Previous         string
	UpdatedBy        int64
	UpdatedAt        time.Time
}

// MappingInput is one line of a mapping as an admin saves it: Previous nil
// (or "") marks a new indicator.
type MappingInput struct {
	Indicator string
	Previous  *string
}

// MappingItem is an indicator of the period's instrument with its
// predecessor in the previous period's instrument.
type MappingItem struct {
	Indicator string `json:"indicator"`
	Name      string `json:"name"`
	Dimension string `json:"dimension"`
	// Previous is the code in the previous instrument; null: a new indicator.
	Previous     *string `json:"previous"`
	PreviousName string  `json:"previous_name,omitempty"`
	// Suggested: nothing is stored for this indicator yet; Previous is the
	// same code when the previous instrument has it, else null.
	Suggested bool `json:"suggested"`
	// Weight and PreviousWeight are the indicator's share of the 100
	// points, exact to 4 decimals.
	Weight         string `json:"weight"`
	PreviousWeight string `json:"previous_weight,omitempty"`
}

// PreviousIndicator is an indicator of the previous period's instrument.
type PreviousIndicator struct {
	Code      string `json:"code"`
	Name      string `json:"name"`
	Dimension string `json:"dimension"`
	Weight    string `json:"weight"`
	// MappedTo is the indicator of this period that continues it; empty
	// when none does (it was dropped).
	MappedTo string `json:"mapped_to,omitempty"`
}

// IndicatorMapping is a period's indicator mapping against the previous
// period (the nearest earlier year), as stored or, where nothing is stored,
// as suggested by equal codes.
type IndicatorMapping struct {
	Year         int  `json:"year"`
	PreviousYear *int `json:"previous_year"`
	// Comparable: both periods use the same method family, so their scores
	// may be compared at all.
	Comparable bool `json:"comparable"`
	// Stored: every indicator has a stored line; otherwise some are suggested.
	Stored             bool                `json:"stored"`
	Items              []MappingItem       `json:"items"`
	PreviousIndicators []PreviousIndicator `json:"previous_indicators"`
	UpdatedAt          *time.Time          `json:"updated_at,omitempty"`
}

type mappedIndicator struct {
	dim   string
	ind   *scoring.Indicator
	share *big.Rat
}

// indicatorShares lists a method's indicators in instrument order with
// their share of the 100 points (dimension weight × indicator weight).
func indicatorShares(m *scoring.Method) ([]string, map[string]mappedIndicator) {
	var order []string
	out := map[string]mappedIndicator{}
	if m == nil || m.Instrument == nil {
		return order, out
	}
	for i := range m.Instrument.Dimensions {
		dm := &m.Instrument.Dimensions[i]
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
			order = append(order, in.Code)
			out[in.Code] = mappedIndicator{dm.Code, in, share}
		}
	}
	return order, out
}

// previousPeriod is the period of the nearest earlier year.
func previousPeriod(ctx context.Context, st Store, p Period) (Period, bool, error) {
	ps, err := st.Periods(ctx)
	if err != nil {
		return Period{}, false, err
	}
	var prev Period
	found := false
	for _, q := range ps {
		if q.Year < p.Year && (!found || q.Year > prev.Year) {
			prev, found = q, true
		}
	}
	return prev, found, nil
}

func mayReadMapping(a Actor) error {
	switch a.Role {
	case RoleAdmin, RoleCoordinator, RoleLeadership:
		return nil
	}
	return ErrForbidden
}

// IndicatorMapping returns a period's indicator mapping (admin, coordinator,
// leadership): every indicator of its instrument with the indicator of the
// previous period's instrument it continues, or null when it is new.
func (s *Service) IndicatorMapping(ctx context.Context, a Actor, periodID int64) (IndicatorMapping, error) {
	if err := mayReadMapping(a); err != nil {
		return IndicatorMapping{}, err
	}
	return s.indicatorMapping(ctx, s.store, periodID)
}

func (s *Service) indicatorMapping(ctx context.Context, st Store, periodID int64) (IndicatorMapping, error) {
	p, err := st.Period(ctx, periodID)
	if err != nil {
		return IndicatorMapping{}, err
	}
	out := IndicatorMapping{Year: p.Year, Items: []MappingItem{}, PreviousIndicators: []PreviousIndicator{}}
	m, err := s.method(ctx, st, p.MethodID)
	if err != nil {
		return out, err
	}
	prev, hasPrev, err := previousPeriod(ctx, st, p)
	if err != nil {
		return out, err
	}
	order, cur := indicatorShares(m)
	var prevOrder []string
	prevInds := map[string]mappedIndicator{}
	if hasPrev {
		pm, err := s.method(ctx, st, prev.MethodID)
		if err != nil {
			return out, err
		}
		y := prev.Year
		out.PreviousYear = &y
		out.Comparable = pm.Family == m.Family
		prevOrder, prevInds = indicatorShares(pm)
	}
	stored := map[string]StoredMapping{}
	rows, err := st.IndicatorMappings(ctx, p.ID)
	if err != nil {
		return out, err
	}
	for _, r := range rows {
		if !hasPrev || r.PreviousPeriodID != prev.ID {
			continue // made against another year: not this mapping
		}
		if _, ok := cur[r.Indicator]; !ok {
			continue // the instrument changed since: the line is void
		}
		if r.Previous != "" {
			if _, ok := prevInds[r.Previous]; !ok {
				continue
			}
		}
		stored[r.Indicator] = r
		if out.UpdatedAt == nil || r.UpdatedAt.After(*out.UpdatedAt) {
			t := r.UpdatedAt
			out.UpdatedAt = &t
		}
	}
	// Stored lines first, so that a suggestion never names a previous
	// indicator a stored line already continues.
	mappedTo := map[string]string{}
	for code, r := range stored {
		if r.Previous != "" {
			mappedTo[r.Previous] = code
		}
	}
	out.Stored = len(order) > 0 && hasPrev
	for _, code := range order {
		c := cur[code]
		it := MappingItem{Indicator: code, Name: c.ind.Name, Dimension: c.dim, Weight: c.share.FloatString(4)}
		if r, ok := stored[code]; ok {
			if r.Previous != "" {
				pc := r.Previous
				it.Previous = &pc
			}
		} else {
			out.Stored = false
			it.Suggested = true
			if _, ok := prevInds[code]; ok {
				if _, taken := mappedTo[code]; !taken {
					pc := code
					it.Previous = &pc
					mappedTo[code] = code
				}
			}
		}
		if it.Previous != nil {
			pi := prevInds[*it.Previous]
			it.PreviousName, it.PreviousWeight = pi.ind.Name, pi.share.FloatString(4)
		}
		out.Items = append(out.Items, it)
	}
	for _, code := range prevOrder {
		pi := prevInds[code]
		out.PreviousIndicators = append(out.PreviousIndicators, PreviousIndicator{Code: code, Name: pi.ind.Name, Dimension: pi.dim,
			Weight: pi.share.FloatString(4), MappedTo: mappedTo[code]})
	}
	return out, nil
}

// SetIndicatorMapping stores a period's whole indicator mapping (admin),
// with a reason kept in the audit log. Every indicator of the period's
// instrument must appear once; each names an indicator of the previous
// period's instrument, or none (a new indicator); no previous indicator may
// be named twice. Refused once the period is published: its comparisons
// have been made public.
func (s *Service) SetIndicatorMapping(ctx context.Context, a Actor, periodID int64, items []MappingInput, reason string) (IndicatorMapping, error) {
	if err := requireAdmin(a); err != nil {
		return IndicatorMapping{}, err
	}
	var out IndicatorMapping
	err := s.store.InTx(ctx, func(tx Store) error {
		p, err := tx.Period(ctx, periodID)
		if err != nil {
			return err
		}
		if p.Status == PeriodPublished {
			return &StateError{Action: "period.indicator_mapping", From: p.Status, Kind: ErrLocked, Detail: "the period's results are public"}
		}
		prev, hasPrev, err := previousPeriod(ctx, tx, p)
		if err != nil {
			return err
		}
		if !hasPrev {
			return &ValidationError{Fields: []FieldError{{Field: "previous_year", Code: "none", Message: "there is no earlier period to map to"}}}
		}
		m, err := s.method(ctx, tx, p.MethodID)
		if err != nil {
			return err
		}
		pm, err := s.method(ctx, tx, prev.MethodID)
		if err != nil {
			return err
		}
		order, cur := indicatorShares(m)
		_, prevInds := indicatorShares(pm)
		var ve ValidationError
		seen := map[string]bool{}
		used := map[string]int{}
		rows := make([]StoredMapping, 0, len(items))
		now := s.now().UTC()
		for i, it := range items {
			f := fieldIdx("items", i)
			code := strings.TrimSpace(it.Indicator)
			if _, ok := cur[code]; !ok {
				ve.Add(f+".indicator", "unknown_indicator", "the %d instrument has no indicator %q", p.Year, code)
				continue
			}
			if seen[code] {
				ve.Add(f+".indicator", "duplicate", "indicator %s appears twice", code)
				continue
			}
			seen[code] = true
			prevCode := ""
			if it.Previous != nil {
				prevCode = strings.TrimSpace(*it.Previous)
			}
			if prevCode != "" {
				if _, ok := prevInds[prevCode]; !ok {
					ve.Add(f+".previous", "unknown_indicator", "the %d instrument has no indicator %q", prev.Year, prevCode)
					continue
				}
				if j, dup := used[prevCode]; dup {
					ve.Add(f+".previous", "duplicate", "%s of %d is already continued by %s", prevCode, prev.Year, items[j].Indicator)
					continue
				}
				used[prevCode] = i
			}
			rows = append(rows, StoredMapping{PreviousPeriodID: prev.ID, Indicator: code, Previous: prevCode, UpdatedBy: a.UserID, UpdatedAt: now})
		}
		for _, code := range order {
			if !seen[code] {
				ve.Add("indicators."+code, "required", "indicator %s has no line: name its predecessor, or mark it new", code)
			}
		}
		if err := ve.Err(); err != nil {
			return err
		}
		before, err := s.indicatorMapping(ctx, tx, p.ID)
		if err != nil {
			return err
		}
		if err := tx.ReplaceIndicatorMappings(ctx, p.ID, rows); err != nil {
			return err
		}
		after, err := s.indicatorMapping(ctx, tx, p.ID)
		if err != nil {
			return err
		}
		out = after
		return s.audit(ctx, tx, a, chainOf("period", p.ID), "period.indicator_mapping", "period", p.ID, p.ID, 0,
			mappingAudit(before, false), mappingAudit(after, true), reason)
	})
	if errors.Is(err, ErrConflict) {
		// Two admins saving at once: the unique index keeps one mapping whole.
		return out, &ConflictError{Reason: "the mapping was saved by someone else"}
	}
	return out, err
}

// mappingAudit is the audit value of a mapping: indicator → previous code
// ("" for new), with the previous year; nil when nothing was stored before.
func mappingAudit(m IndicatorMapping, stored bool) any {
	lines := map[string]string{}
	for _, it := range m.Items {
		if it.Suggested && !stored {
			continue
		}
		if it.Previous != nil {
			lines[it.Indicator] = *it.Previous
		} else {
			lines[it.Indicator] = ""
		}
	}
	if len(lines) == 0 {
		return nil
	}
	return map[string]any{"previous_year": m.PreviousYear, "lines": lines}
}
