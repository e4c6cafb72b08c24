package scoring

import (
	"errors"
	"math/big"
	"sort"
)

// Indicator states in explanations.
const (
	StateAnswered      = "answered"
	StateUnanswered    = "unanswered"     // counted as 0
	StateNA            = "na"             // not applicable: weight shared among the others of its dimension
	StateNotApplicable = "not_applicable" // not meant for this kind of entity
)

// IndicatorLoss is what one indicator costs a score.
type IndicatorLoss struct {
	Code       string   `json:"code"`
	Name       string   `json:"name"`
	Dimension  string   `json:"dimension"` // dimension code
	State      string   `json:"state,omitempty"`
	Value      int      `json:"value,omitempty"` // the answer (units only)
	Max        int      `json:"max"`
	Share      Score    `json:"share"` // points the indicator weighs in the total, rounded
	Lost       Score    `json:"lost"`  // points lost in the total: share × (1 − answer/max), rounded
	Exact      *big.Rat `json:"-"`     // unrounded points lost
	ExactShare *big.Rat `json:"-"`     // unrounded share
}

// UnitExplanation lists, for one unit, every indicator with the points it
// loses in the unit's score (0–100).
type UnitExplanation struct {
	UnitID     string          `json:"unit_id"`
	Name       string          `json:"name,omitempty"`
	Imported   bool            `json:"imported,omitempty"` // an imported score cannot be explained
	Indicators []IndicatorLoss `json:"indicators,omitempty"`
}

// Improvement is raising one answer of one unit.
type Improvement struct {
	UnitID    string   `json:"unit_id"`
	UnitName  string   `json:"unit_name,omitempty"`
	Indicator string   `json:"indicator"`
	Name      string   `json:"name"`
	From      int      `json:"from"` // current answer (0 when unanswered)
	To        int      `json:"to"`
	Gain      Score    `json:"gain"` // points gained in the entity's unrounded score, rounded
	Exact     *big.Rat `json:"-"`
}

// Explanation says where an entity's score comes from and what would raise it.
type Explanation struct {
	EntityID     string            `json:"id"`
	Score        Score             `json:"score"`
	Indicators   []IndicatorLoss   `json:"indicators"` // points lost in the entity's total, summed over units, instrument order
	Units        []UnitExplanation `json:"units"`
	Improvements []Improvement     `json:"improvements"` // largest gain first: raising one answer to the maximum
}

// Explain lists for each indicator the points it loses (its share of the
// dimension weight × (1 − answer/max), in the unit's total and, weighted by
// the roll-up, in the entity's), and the top improvements by points gained
// (all of them when top ≤ 0). Gains are in the unrounded entity score.
func Explain(m *Method, e Entity, top int) (*Explanation, error) {
	if m.Instrument == nil {
		return nil, errors.New("scoring: a method without instrument has nothing to explain")
	}
	ev, err := evalEntity(m, e, true)
	if err != nil {
		return nil, err
	}
	if ev.res.NotAssessed {
		return nil, errors.New("scoring: a not-assessed entity has no score to explain")
	}
	p := m.plan
	out := &Explanation{EntityID: e.ID, Score: ev.res.Score}
	total := make([]IndicatorLoss, len(p.inds))
	for ii, ip := range p.inds {
		total[ii] = IndicatorLoss{Code: ip.ind.Code, Name: ip.ind.Name, Dimension: p.dims[ip.dim].dim.Code, Max: ip.max, Exact: new(big.Rat), ExactShare: new(big.Rat)}
	}
	for ui, uev := range ev.units {
		u := e.Units[ui]
		ux := UnitExplanation{UnitID: u.ID, Name: u.Name, Imported: uev.res.Imported}
		if !uev.res.Imported {
			for ii, ip := range p.inds {
				l := unitLoss(p, ii, uev, u.Answers[ip.ind.Code].Value)
				ux.Indicators = append(ux.Indicators, l)
				t := &total[ii]
				t.Exact.Add(t.Exact, new(big.Rat).Mul(l.Exact, ev.factors[ui]))
				t.ExactShare.Add(t.ExactShare, new(big.Rat).Mul(l.ExactShare, ev.factors[ui]))
			}
		}
		out.Units = append(out.Units, ux)
	}
	for ii := range total {
		total[ii].Lost, total[ii].Share = ScoreFromRat(total[ii].Exact), ScoreFromRat(total[ii].ExactShare)
	}
	out.Indicators = total
	out.Improvements = candidates(m, e, ev)
	if top > 0 && len(out.Improvements) > top {
		out.Improvements = out.Improvements[:top]
	}
	return out, nil
}

// share is the exact points indicator ii weighs in its unit's total, given
// the unit's applicable indicators (zero when N/A or for another kind).
func share(p *plan, ii int, uev *unitEval) *big.Rat {
	ip := p.inds[ii]
	if st := uev.states[ii]; st == stNA || st == stOtherKind {
		return new(big.Rat)
	}
	s := new(big.Rat).SetFrac(ip.wInt, uev.dens[ip.dim])
	return s.Mul(s, p.dims[ip.dim].points)
}

func unitLoss(p *plan, ii int, uev *unitEval, value int) IndicatorLoss {
	ip := p.inds[ii]
	l := IndicatorLoss{Code: ip.ind.Code, Name: ip.ind.Name, Dimension: p.dims[ip.dim].dim.Code, Max: ip.max}
	sh := share(p, ii, uev)
	lost := new(big.Rat)
	switch uev.states[ii] {
	case stAnswered:
		l.State, l.Value = StateAnswered, value
		lost.Mul(sh, big.NewRat(int64(ip.max-value), int64(ip.max)))
	case stUnanswered:
		l.State = StateUnanswered
		lost.Set(sh)
	case stNA:
		l.State = StateNA
	default:
		l.State = StateNotApplicable
	}
	l.Exact, l.ExactShare = lost, sh
	l.Lost, l.Share = ScoreFromRat(lost), ScoreFromRat(sh)
	return l
}

// candidates lists every answer that can be raised, with the entity points
// gained by raising it to the maximum, largest gain first (ties: unit order,
// then instrument order).
func candidates(m *Method, e Entity, ev *entityEval) []Improvement {
	p := m.plan
	var out []Improvement
	for ui, uev := range ev.units {
		if uev.res.Imported {
			continue
		}
		u := e.Units[ui]
		for ii, ip := range p.inds {
			st := uev.states[ii]
			if st != stAnswered && st != stUnanswered {
				continue
			}
			from := 0
			if st == stAnswered {
				from = u.Answers[ip.ind.Code].Value
			}
			if from >= ip.max {
				continue
			}
			g := share(p, ii, uev)
			g.Mul(g, big.NewRat(int64(ip.max-from), int64(ip.max)))
			g.Mul(g, ev.factors[ui])
			out = append(out, Improvement{UnitID: u.ID, UnitName: u.Name, Indicator: ip.ind.Code, Name: ip.ind.Name, From: from, To: ip.max, Gain: ScoreFromRat(g), Exact: g})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Exact.Cmp(out[j].Exact) > 0 })
	return out
}

// Change is one answer changed in a what-if.
type Change struct {
	UnitID    string `json:"unit_id"`
	Indicator string `json:"indicator"`
	Answer    Answer `json:"answer"`
}

// WhatIfResult compares an entity's result before and after changed answers.
type WhatIfResult struct {
	Before *EntityResult `json:"before"`
	After  *EntityResult `json:"after"`
	Delta  Score         `json:"delta"` // After.Score − Before.Score
}

// WhatIf scores e with the given answers changed (in order; a later change
// of the same answer wins). With no change, After equals Before exactly.
// Problems in changes carry paths changes[i].…
func WhatIf(m *Method, e Entity, changes []Change) (*WhatIfResult, error) {
	before, err := ScoreEntity(m, e)
	if err != nil {
		return nil, err
	}
	if before.NotAssessed {
		return nil, errors.New("scoring: a not-assessed entity has no score to change")
	}
	changed, err := applyChanges(m, e, changes)
	if err != nil {
		return nil, err
	}
	after, err := ScoreEntity(m, changed)
	if err != nil {
		return nil, err
	}
	return &WhatIfResult{Before: before, After: after, Delta: after.Score - before.Score}, nil
}

// applyChanges returns a copy of e with the changes applied; e is not modified.
func applyChanges(m *Method, e Entity, changes []Change) (Entity, error) {
	var ps problems
	units := append([]Unit(nil), e.Units...)
	copied := make([]bool, len(units))
	for ci, c := range changes {
		cp := idx("changes", ci)
		ui := -1
		for i, u := range units {
			if u.ID == c.UnitID {
				ui = i
				break
			}
		}
		if ui < 0 {
			ps.add(cp+".unit_id", CodeUnknownCode, "entity %s has no unit %q", e.ID, c.UnitID)
			continue
		}
		ii, ok := m.plan.byCode[c.Indicator]
		if !ok {
			ps.add(cp+".indicator", CodeUnknownCode, "unknown indicator %q", c.Indicator)
			continue
		}
		ip := m.plan.inds[ii]
		switch {
		case units[ui].Score != nil:
			ps.add(cp+".unit_id", CodeNotAllowed, "unit %q has an imported score, not answers", c.UnitID)
			continue
		case !ip.appliesTo(e.Kind):
			ps.add(cp+".indicator", CodeNotAllowed, "indicator %s does not apply to %s", c.Indicator, e.Kind)
			continue
		case c.Answer.NA && !ip.ind.NAAllowed:
			ps.add(cp+".answer", CodeNotAllowed, "indicator %s does not allow N/A", c.Indicator)
			continue
		case !c.Answer.NA && (c.Answer.Value < 0 || c.Answer.Value > ip.max):
			ps.add(cp+".answer", CodeOutOfRange, "answer %d is outside 0..%d", c.Answer.Value, ip.max)
			continue
		}
		if !copied[ui] {
			answers := make(map[string]Answer, len(units[ui].Answers)+1)
			for k, v := range units[ui].Answers {
				answers[k] = v
			}
			units[ui].Answers, copied[ui] = answers, true
		}
		units[ui].Answers[c.Indicator] = c.Answer
	}
	e.Units = units
	return e, ps.err()
}

// NextStep is the fewest answer improvements that lift an entity into the
// next higher band.
type NextStep struct {
	From      Band          `json:"from"`
	Target    *Band         `json:"target,omitempty"` // nil when already in the highest band
	Reachable bool          `json:"reachable"`        // false when even every answer at its maximum stays below Target
	Minimal   bool          `json:"minimal"`          // the count is proven minimal (see NextCategory)
	Changes   []Improvement `json:"changes,omitempty"`
	Result    *EntityResult `json:"result,omitempty"` // the entity after the changes
}

// NextCategory finds the fewest answer improvements (an improvement raises
// one answer of one unit, by any number of levels) that bring e into the next
// higher band.
//
// Method: raising answers is additive in the unrounded entity score, so the
// most any k improvements can add is the sum of the k largest gains (each
// answer raised to its maximum). Taking candidates greedily by gain, the
// smallest k whose rounded result reaches the band is found by binary search
// (the result only rises with k). That k is minimal because rounding can add
// at most 0.005 per rounding step: if the base score plus the k−1 largest
// gains stays below the band's lower bound minus that slack, no k−1
// improvements can reach it, and Minimal is true. When rounding leaves the
// question open (a result within 0.01 of the edge) Minimal is false. Finally
// each chosen answer is lowered, smallest gain first, to the lowest level that
// still reaches the band, so the suggestion asks no more than needed.
func NextCategory(m *Method, e Entity) (*NextStep, error) {
	if m.Instrument == nil {
		return nil, errors.New("scoring: a method without instrument has no answers to improve")
	}
	ev, err := evalEntity(m, e, true)
	if err != nil {
		return nil, err
	}
	if ev.res.NotAssessed {
		return nil, errors.New("scoring: a not-assessed entity has no category to improve")
	}
	from, _ := Classify(m, ev.res.Score)
	step := &NextStep{From: from, Minimal: true}
	var target *Band
	for i := range m.plan.bands {
		if m.plan.bands[i].Lower == from.Lower && i > 0 {
			b := m.plan.bands[i-1]
			target = &b
		}
	}
	if target == nil {
		return step, nil
	}
	step.Target = target
	cands := candidates(m, e, ev)
	reaches := func(k int, chosen []Improvement) (*EntityResult, bool) {
		changes := make([]Change, 0, k)
		for _, c := range chosen[:k] {
			changes = append(changes, Change{UnitID: c.UnitID, Indicator: c.Indicator, Answer: Level(c.To)})
		}
		changed, err := applyChanges(m, e, changes)
		if err != nil {
			return nil, false
		}
		r, err := ScoreEntity(m, changed)
		if err != nil {
			return nil, false
		}
		return r, r.Score >= target.Lower
	}
	if _, ok := reaches(len(cands), cands); !ok {
		return step, nil
	}
	lo, hi := 1, len(cands) // smallest k in [lo, hi] that reaches
	for lo < hi {
		mid := (lo + hi) / 2
		if _, ok := reaches(mid, cands); ok {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	k := lo
	step.Reachable = true
	// Bound: base unrounded score plus the k−1 largest gains plus the rounding slack.
	base := new(big.Rat)
	for ui, uev := range ev.units {
		base.Add(base, new(big.Rat).Mul(uev.res.Exact, ev.factors[ui]))
	}
	for _, c := range cands[:k-1] {
		base.Add(base, c.Exact)
	}
	slack := big.NewRat(1, 200) // final rounding
	if m.Rounding == RoundUnitsThenEntity {
		slack = big.NewRat(1, 100) // unit rounding too
	}
	base.Add(base, slack)
	step.Minimal = base.Cmp(target.Lower.Rat()) < 0
	chosen := append([]Improvement(nil), cands[:k]...)
	for i := k - 1; i >= 0; i-- {
		for v := chosen[i].From + 1; v < chosen[i].To; v++ {
			trial := append([]Improvement(nil), chosen...)
			trial[i].To = v
			if _, ok := reaches(k, trial); ok {
				chosen[i].To = v
				break
			}
		}
	}
	for i := range chosen {
		ii := m.plan.byCode[chosen[i].Indicator]
		max := m.plan.inds[ii].max
		g := new(big.Rat).Mul(chosen[i].Exact, big.NewRat(int64(chosen[i].To-chosen[i].From), int64(max-chosen[i].From)))
		chosen[i].Exact, chosen[i].Gain = g, ScoreFromRat(g)
	}
	step.Changes = chosen
	step.Result, _ = reaches(k, chosen)
	return step, nil
}
