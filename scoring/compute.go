package scoring

import (
	"fmt"
	"math/big"
	"strings"
)

// UnitResult is the score of one unit.
type UnitResult struct {
	ID         string            `json:"id"`
	Name       string            `json:"name,omitempty"`
	Score      Score             `json:"score"`
	Exact      *big.Rat          `json:"-"` // unrounded score (the given score for an imported unit)
	Complete   bool              `json:"complete"`
	Imported   bool              `json:"imported,omitempty"`   // the score was given, not computed from answers
	Unanswered []string          `json:"unanswered,omitempty"` // indicator codes in instrument order
	Dimensions []DimensionResult `json:"dimensions,omitempty"`
}

// DimensionResult is a dimension's part of a score, as points earned out of
// its weight and as a percentage of that weight.
type DimensionResult struct {
	Code      string   `json:"code"`
	Name      string   `json:"name"`
	Component string   `json:"component,omitempty"`
	Points    Score    `json:"points"`  // points earned, rounded
	Max       Score    `json:"max"`     // the dimension's weight in points of 100, rounded (21.85)
	Percent   Score    `json:"percent"` // points / max × 100, rounded
	Exact     *big.Rat `json:"-"`       // unrounded points
	ExactMax  *big.Rat `json:"-"`       // unrounded weight in points
}

// ComponentResult is a component's part of a composite score (2025).
type ComponentResult struct {
	Code    string   `json:"code"`
	Name    string   `json:"name"`
	Points  Score    `json:"points"`
	Max     Score    `json:"max"`
	Percent Score    `json:"percent"`
	Exact   *big.Rat `json:"-"`
}

// GroupRank is an entity's rank in one peer group.
type GroupRank struct {
	Group PeerGroup `json:"group"`
	Rank  int       `json:"rank"`
	Of    int       `json:"of"` // entities ranked in the group
}

// EntityResult is the score, band and (after ScorePeriod) ranks of an entity.
type EntityResult struct {
	ID                string            `json:"id"`
	Name              string            `json:"name"`
	Kind              Kind              `json:"kind"`
	Province          string            `json:"province,omitempty"`
	NotAssessed       bool              `json:"not_assessed,omitempty"`
	NotAssessedReason string            `json:"not_assessed_reason,omitempty"`
	Score             Score             `json:"score"`
	Exact             *big.Rat          `json:"-"`                  // unrounded roll-up
	Category          string            `json:"category,omitempty"` // band letter; empty for methods without letters and when not assessed
	Opinion           string            `json:"opinion,omitempty"`
	OpinionEn         string            `json:"opinion_en,omitempty"`
	Zone              Zone              `json:"zone,omitempty"`
	Rank              int               `json:"rank,omitempty"` // rank in the national group of its kind; 0 = not ranked
	Ranks             []GroupRank       `json:"ranks,omitempty"`
	Complete          bool              `json:"complete"`
	Imported          bool              `json:"imported,omitempty"`
	FollowUp          bool              `json:"follow_up,omitempty"`
	Components        []ComponentResult `json:"components,omitempty"`
	Dimensions        []DimensionResult `json:"dimensions,omitempty"`
	Units             []UnitResult      `json:"units,omitempty"`
}

// unitEval is the full evaluation of one unit, kept for explanations.
type unitEval struct {
	res    UnitResult
	ratios []*big.Rat // per dimension: Σ w·a/max / Σ w over applicable indicators
	dens   []*big.Int // per dimension: Σ wInt over applicable indicators
	states []indState // per indicator in plan order
}

type indState uint8

const (
	stAnswered   indState = iota
	stUnanswered          // counted as 0
	stNA                  // removed, weight re-shared
	stOtherKind           // not meant for this kind: removed
)

// ScoreUnit scores one unit of an entity of the given kind from its answers
// (or takes its imported Score). Problems carry paths relative to the unit.
func ScoreUnit(m *Method, kind Kind, u Unit) (*UnitResult, error) {
	ev, err := evalUnit(m, kind, u, false)
	if err != nil {
		return nil, err
	}
	return &ev.res, nil
}

func evalUnit(m *Method, kind Kind, u Unit, detail bool) (*unitEval, error) {
	p := m.plan
	if p == nil {
		return nil, errNotValidated
	}
	ev := &unitEval{res: UnitResult{ID: u.ID, Name: u.Name, Complete: true}}
	if u.Score != nil {
		var ps problems
		if len(u.Answers) > 0 {
			ps.add("answers", CodeNotAllowed, "an imported unit score comes without answers")
		}
		if *u.Score < 0 || *u.Score > MaxScore {
			ps.add("score", CodeOutOfRange, "score %s is outside 0.00–100.00", *u.Score)
		}
		ev.res.Score, ev.res.Exact, ev.res.Imported = *u.Score, u.Score.Rat(), true
		return ev, ps.err()
	}
	if m.Instrument == nil {
		var ps problems
		ps.add("", CodeRequired, "method %s has no instrument: give the unit's score", m.Code)
		return nil, ps.err()
	}
	var ps problems
	matched := 0
	num, den, tmp := new(big.Int), new(big.Int), new(big.Int)
	exact := new(big.Rat)
	ev.res.Dimensions = make([]DimensionResult, len(p.dims))
	ev.ratios = make([]*big.Rat, len(p.dims))
	if detail {
		ev.dens = make([]*big.Int, len(p.dims))
		ev.states = make([]indState, len(p.inds))
	}
	for di, dp := range p.dims {
		num.SetInt64(0)
		den.SetInt64(0)
		for ii := dp.first; ii < dp.end; ii++ {
			ip := &p.inds[ii]
			a, answered := u.Answers[ip.ind.Code]
			if answered {
				matched++
			}
			st := stAnswered
			switch {
			case !ip.appliesTo(kind):
				st = stOtherKind
				if answered && !a.NA {
					ps.add(key("answers", ip.ind.Code), CodeNotAllowed, "indicator %s does not apply to %s", ip.ind.Code, kind)
				}
			case !answered:
				st = stUnanswered
				ev.res.Unanswered = append(ev.res.Unanswered, ip.ind.Code)
				den.Add(den, ip.wInt)
			case a.NA:
				st = stNA
				if !ip.ind.NAAllowed {
					ps.add(key("answers", ip.ind.Code), CodeNotAllowed, "indicator %s does not allow N/A", ip.ind.Code)
				}
			case a.Value < 0 || a.Value > ip.max:
				ps.add(key("answers", ip.ind.Code), CodeOutOfRange, "answer %d is outside 0..%d", a.Value, ip.max)
			default:
				if a.Value > 0 {
					tmp.SetInt64(int64(a.Value))
					num.Add(num, tmp.Mul(tmp, ip.coef))
				}
				den.Add(den, ip.wInt)
			}
			if detail {
				ev.states[ii] = st
			}
		}
		if den.Sign() == 0 {
			ps.add("answers", CodeRequired, "dimension %q has no applicable indicator for %s: every one is N/A or meant for other kinds", dp.dim.Name, kind)
			continue
		}
		ratio := new(big.Rat).SetFrac(num, den)
		points := new(big.Rat).Mul(ratio, dp.points)
		exact.Add(exact, points)
		ev.ratios[di] = ratio
		if detail {
			ev.dens[di] = new(big.Int).Set(den)
		}
		ev.res.Dimensions[di] = dimensionResult(dp, points, ratio)
	}
	if matched < len(u.Answers) {
		for _, code := range sortedKeys(u.Answers) {
			if _, ok := p.byCode[code]; !ok {
				ps.add(key("answers", code), CodeUnknownCode, "unknown indicator %q", code)
			}
		}
	}
	if err := ps.err(); err != nil {
		return nil, err
	}
	ev.res.Complete = len(ev.res.Unanswered) == 0
	ev.res.Exact = exact
	ev.res.Score = ScoreFromRat(exact)
	return ev, nil
}

func dimensionResult(dp dimPlan, points, ratio *big.Rat) DimensionResult {
	return DimensionResult{
		Code:      dp.dim.Code,
		Name:      dp.dim.Name,
		Component: dp.dim.Component,
		Points:    ScoreFromRat(points),
		Max:       ScoreFromRat(dp.points),
		Percent:   ScoreFromRat(new(big.Rat).Mul(ratio, hundred)),
		Exact:     points,
		ExactMax:  new(big.Rat).Set(dp.points), // a copy: results never share the method's values
	}
}

// entityEval is the full evaluation of an entity, kept for explanations.
type entityEval struct {
	res     EntityResult
	units   []*unitEval
	factors []*big.Rat // per unit: its share in the roll-up (1/n, w/Σw, 1)
}

// ScoreEntity scores an entity: its units, the roll-up of its kind, rounding
// and band. A not-assessed entity gets a result without score or band.
// Problems carry paths relative to the entity (units[1].answers["PR.SP.04"]).
func ScoreEntity(m *Method, e Entity) (*EntityResult, error) {
	ev, err := evalEntity(m, e, false)
	if err != nil {
		return nil, err
	}
	return &ev.res, nil
}

func evalEntity(m *Method, e Entity, detail bool) (*entityEval, error) {
	if m.plan == nil {
		return nil, errNotValidated
	}
	ev := &entityEval{res: EntityResult{
		ID: e.ID, Name: e.Name, Kind: e.Kind, Province: e.Province, FollowUp: e.FollowUp,
	}}
	var ps problems
	if e.Kind.order() == len(kinds) {
		ps.add("kind", CodeInvalid, "unknown kind %q, want one of %s", e.Kind, kindList())
	}
	if e.NotAssessed {
		ev.res.NotAssessed, ev.res.NotAssessedReason = true, e.NotAssessedReason
		return ev, ps.err()
	}
	switch {
	case e.Score != nil && len(e.Units) > 0:
		ps.add("units", CodeNotAllowed, "give the entity's score or its units, not both")
	case e.Score != nil:
		ev.res.Imported, ev.res.Complete = true, true
		ev.res.Exact = e.Score.Rat()
		if *e.Score < 0 || *e.Score > MaxScore {
			ps.add("score", CodeOutOfRange, "score %s is outside 0.00–100.00", *e.Score)
		}
	case len(e.Units) == 0:
		ps.add("units", CodeRequired, "an assessed entity needs at least one unit, or an imported score")
	default:
		m.rollUp(ev, e, detail, &ps)
	}
	if err := ps.err(); err != nil {
		return nil, err
	}
	ev.res.Score = ScoreFromRat(ev.res.Exact)
	band, err := Classify(m, ev.res.Score)
	if err != nil {
		ps.add("score", CodeOutOfRange, "%v", err)
		return nil, ps.err()
	}
	setBand(&ev.res, band, e.FollowUp)
	if e.StatedCategory != "" {
		stated, ok := m.LookupBand(e.StatedCategory)
		switch {
		case !ok:
			ps.add("category", CodeInvalid, "%q is not a category of method %s", e.StatedCategory, m.Code)
		case stated.Lower != band.Lower:
			ps.add("category", CodeMismatch, "stated category %q does not match score %s, which is %s", e.StatedCategory, ev.res.Score, bandLabel(band))
		}
	}
	return ev, ps.err()
}

func setBand(r *EntityResult, b Band, followUp bool) {
	r.Category, r.Opinion, r.OpinionEn, r.Zone = b.Category, b.Opinion, b.OpinionEn, b.Zone
	if followUp && b.OpinionFollowedUp != "" {
		r.Opinion, r.OpinionEn = b.OpinionFollowedUp, b.OpinionFollowedUpEn
	}
}

func bandLabel(b Band) string {
	if b.Category != "" {
		return fmt.Sprintf("%s (%s)", b.Category, b.Opinion)
	}
	return b.Opinion
}

// rollUp scores the units of e and combines them by the rule of e's kind.
func (m *Method) rollUp(ev *entityEval, e Entity, detail bool, ps *problems) {
	rule, ok := m.RollUp[e.Kind]
	if !ok {
		return // kind already reported
	}
	if rule == RollUpSingle && len(e.Units) != 1 {
		ps.add("units", CodeInvalid, "%s entities are scored as a single unit (roll-up \"single\"), got %d units", e.Kind, len(e.Units))
		return
	}
	ids := make(map[string]int, len(e.Units))
	sumW := new(big.Rat)
	for i, u := range e.Units {
		up := idx("units", i)
		switch {
		case strings.TrimSpace(u.ID) == "":
			ps.add(up+".id", CodeRequired, "a unit id is required")
		default:
			if j, dup := ids[u.ID]; dup {
				ps.add(up+".id", CodeDuplicateCode, "unit id %q is also used by units[%d]", u.ID, j)
			}
			ids[u.ID] = i
		}
		if rule == RollUpWeightedMean {
			if u.Weight == nil || u.Weight.Sign() <= 0 {
				ps.add(up+".weight", CodeRequired, "%s entities use a weighted mean: every unit needs a weight above 0", e.Kind)
			} else {
				sumW.Add(sumW, u.Weight)
			}
		}
		uev, err := evalUnit(m, e.Kind, u, detail)
		if err != nil {
			ps.addAll(up, err)
			continue
		}
		ev.units = append(ev.units, uev)
	}
	if len(ps.list) > 0 {
		return
	}
	n := len(e.Units)
	ev.factors = make([]*big.Rat, n)
	for i, u := range e.Units {
		switch rule {
		case RollUpMean:
			ev.factors[i] = big.NewRat(1, int64(n))
		case RollUpWeightedMean:
			ev.factors[i] = new(big.Rat).Quo(u.Weight, sumW)
		default:
			ev.factors[i] = big.NewRat(1, 1)
		}
	}
	exact := new(big.Rat)
	tmp := new(big.Rat)
	ev.res.Complete = true
	ev.res.Units = make([]UnitResult, n)
	withDims := true
	for i, uev := range ev.units {
		v := uev.res.Exact
		if m.Rounding == RoundUnitsThenEntity {
			v = uev.res.Score.Rat()
		}
		exact.Add(exact, tmp.Mul(v, ev.factors[i]))
		ev.res.Complete = ev.res.Complete && uev.res.Complete
		ev.res.Units[i] = uev.res
		withDims = withDims && !uev.res.Imported
	}
	ev.res.Exact = exact
	if withDims && m.Instrument != nil {
		m.entityDimensions(ev)
	}
}

// entityDimensions rolls the units' unrounded dimension points up with the
// same factors as the score.
func (m *Method) entityDimensions(ev *entityEval) {
	p := m.plan
	ev.res.Dimensions = make([]DimensionResult, len(p.dims))
	for di, dp := range p.dims {
		points := new(big.Rat)
		tmp := new(big.Rat)
		for i, uev := range ev.units {
			points.Add(points, tmp.Mul(uev.res.Dimensions[di].Exact, ev.factors[i]))
		}
		ratio := new(big.Rat).Quo(points, dp.points)
		ev.res.Dimensions[di] = dimensionResult(dp, points, ratio)
	}
	for _, c := range m.Components {
		points := new(big.Rat)
		for di, dp := range p.dims {
			if dp.dim.Component == c.Code {
				points.Add(points, ev.res.Dimensions[di].Exact)
			}
		}
		ratio := new(big.Rat).Quo(points, c.Weight)
		ev.res.Components = append(ev.res.Components, ComponentResult{
			Code: c.Code, Name: c.Name,
			Points:  ScoreFromRat(points),
			Max:     ScoreFromRat(c.Weight),
			Percent: ScoreFromRat(ratio.Mul(ratio, hundred)),
			Exact:   points,
		})
	}
}
