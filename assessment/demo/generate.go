package demo

import (
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/ombudsman-ri/p4/scoring"
)

// instrument is a method's questionnaire reduced to what the generator needs.
// With the N/A answers of a unit fixed, the unit's exact score is linear in its
// answers (METHOD.md §2: Σ_dim W_dim × Σ_ind w_ind × answer/max over the
// applicable indicators), so a profile can be searched for without calling
// scoring; Bengkulu still checks every unit with scoring.
type instrument struct {
	method    *scoring.Method
	inds      []indicator
	dimPoints []float64 // effective points of each dimension (of 100)
}

type indicator struct {
	code       string
	dim        int
	weight     float64 // share inside its dimension (any positive scale)
	max        int
	naAllowed  bool
	kinds      []scoring.Kind // empty = every kind
	difficulty float64        // how hard the indicator is to meet, in answer levels
}

func newInstrument(preset string) (*instrument, error) {
	m, err := scoring.Preset(preset)
	if err != nil {
		return nil, err
	}
	if m.Instrument == nil {
		return nil, fmt.Errorf("demo: preset %s has no instrument", preset)
	}
	in := &instrument{method: m}
	comp := map[string]float64{}
	for _, c := range m.Components {
		w, _ := c.Weight.Float64()
		comp[c.Code] = w
	}
	for di := range m.Instrument.Dimensions {
		d := &m.Instrument.Dimensions[di]
		pts, _ := d.Weight.Float64()
		if len(m.Components) > 0 {
			pts = comp[d.Component] * pts / 100
		}
		in.dimPoints = append(in.dimPoints, pts)
		for ii := range d.Indicators {
			ind := &d.Indicators[ii]
			w := 1.0
			if ind.Weight != nil {
				w, _ = ind.Weight.Float64()
			}
			mx := ind.Max
			if mx == 0 {
				mx = m.Instrument.Scale.Max
			}
			diff, ok := difficulty[ind.Code]
			if !ok {
				diff = 0.3
			}
			in.inds = append(in.inds, indicator{
				code: ind.Code, dim: di, weight: w, max: mx, naAllowed: ind.NAAllowed,
				kinds: ind.Kinds, difficulty: diff,
			})
		}
	}
	return in, nil
}

func (in *instrument) index(code string) int {
	for i, ind := range in.inds {
		if ind.code == code {
			return i
		}
	}
	return -1
}

func (ind indicator) appliesTo(k scoring.Kind) bool {
	return len(ind.kinds) == 0 || slices.Contains(ind.kinds, k)
}

// difficulty of each indicator of the 2022 instrument, in answer levels: what
// provincial offices report as the usual gaps (complaint handling, knowledge of
// Ombudsman recommendations, facilities for users with special needs, the
// signed service pledge) is harder than what every office has (requirements,
// vision and mission posters).
var difficulty = map[string]float64{
	"IN.KP.01": 0.3, "IN.KP.02": -0.5, "IN.KP.03": 0.6, "IN.KP.04": 0.8, "IN.KP.05": 1.2, "IN.KP.06": 0.4,
	"IN.SP.01": 0.2, "IN.SP.02": 0.5, "IN.SP.03": 0.9, "IN.SP.04": 0.1, "IN.SP.05": 0.3, "IN.SP.06": -0.2,
	"IN.SP.07": -0.3, "IN.SP.08": 1.0, "IN.SP.09": 0.4,
	"PR.ST.01": -0.6, "PR.ST.02": -0.4, "PR.ST.03": -0.3, "PR.ST.04": -0.2, "PR.ST.05": -0.3, "PR.ST.06": 0.6,
	"PR.ST.07": 0.8, "PR.ST.08": -0.5, "PR.ST.09": -0.4, "PR.ST.10": 0.2, "PR.ST.11": 0.5,
	"OU.PM.01": 0.3, "OU.PM.02": -0.2, "OU.PM.03": 0.1, "OU.PM.04": 0.0, "OU.PM.05": -0.1,
	"PG.PP.01": -0.3, "PG.PP.02": 0.2, "PG.PP.03": 0.1, "PG.PP.04": 0.4, "PG.PP.05": 0.5, "PG.PP.06": 0.7,
	"PG.PP.07": 0.6, "PG.PP.08": 0.3, "PG.PP.09": 0.9,
}

// questionnaire is one generated unit: a value per indicator (instrument
// order; -1 = not answered because N/A or not meant for the entity's kind)
// and the N/A reasons.
type questionnaire struct {
	vals []int
	na   map[int]string // indicator index → N/A reason
}

// coefficients returns the points one answer level of each indicator is
// worth for a unit of kind k whose N/A indicators are na (0 for indicators
// that do not count).
func (in *instrument) coefficients(k scoring.Kind, na map[int]string) []float64 {
	sumW := make([]float64, len(in.dimPoints))
	for i, ind := range in.inds {
		if _, isNA := na[i]; !isNA && ind.appliesTo(k) {
			sumW[ind.dim] += ind.weight
		}
	}
	coef := make([]float64, len(in.inds))
	for i, ind := range in.inds {
		if _, isNA := na[i]; isNA || !ind.appliesTo(k) || sumW[ind.dim] == 0 {
			continue
		}
		coef[i] = in.dimPoints[ind.dim] * ind.weight / (sumW[ind.dim] * float64(ind.max))
	}
	return coef
}

// profile generates a questionnaire of a unit of kind k whose exact score is
// as close to target as single answer steps allow (within about a quarter of
// a point for the 2022 instrument). Answers follow a latent quality q: each
// indicator is met to the level floor(q − difficulty + noise), so the profile
// looks like an office (weak on the hard indicators first), and q is found by
// bisection; single ±1 steps then close the remaining gap.
func (in *instrument) profile(rng *rand.Rand, k scoring.Kind, na map[int]string, target float64) (questionnaire, float64) {
	coef := in.coefficients(k, na)
	n := len(in.inds)
	noise := make([]float64, n)
	for i := range noise {
		noise[i] = (rng.Float64() + rng.Float64() + rng.Float64() - 1.5) * 0.9
	}
	vals := make([]int, n)
	at := func(q float64) float64 {
		s := 0.0
		for i, ind := range in.inds {
			if _, isNA := na[i]; isNA || !ind.appliesTo(k) {
				vals[i] = -1
				continue
			}
			v := int(math.Floor((q - ind.difficulty + noise[i]) * float64(ind.max) / 3))
			vals[i] = min(max(v, 0), ind.max)
			s += coef[i] * float64(vals[i])
		}
		return s
	}
	lo, hi := -6.0, 10.0
	for range 48 {
		mid := (lo + hi) / 2
		if at(mid) >= target {
			hi = mid
		} else {
			lo = mid
		}
	}
	s := at(hi)
	if sLo := at(lo); math.Abs(sLo-target) >= math.Abs(s-target) {
		s = at(hi)
	} else {
		s = sLo
	}
	for range 200 {
		best, bi, bd := math.Abs(s-target), -1, 0
		for i, v := range vals {
			if v < 0 || coef[i] == 0 {
				continue
			}
			for _, d := range [2]int{-1, 1} {
				if nv := v + d; nv < 0 || nv > in.inds[i].max {
					continue
				}
				if e := math.Abs(s + float64(d)*coef[i] - target); e < best-1e-9 {
					best, bi, bd = e, i, d
				}
			}
		}
		if bi < 0 {
			break
		}
		vals[bi] += bd
		s += float64(bd) * coef[bi]
	}
	return questionnaire{vals: vals, na: na}, s
}

// scoringUnit turns a questionnaire into scoring's input.
func (in *instrument) scoringUnit(id string, q questionnaire) scoring.Unit {
	u := scoring.Unit{ID: id, Answers: make(map[string]scoring.Answer, len(in.inds))}
	for i, ind := range in.inds {
		switch {
		case q.vals[i] >= 0:
			u.Answers[ind.code] = scoring.Level(q.vals[i])
		default:
			if _, isNA := q.na[i]; isNA {
				u.Answers[ind.code] = scoring.NotApplicable()
			}
		}
	}
	return u
}

// hitEntity generates the questionnaires of an entity's units so that the
// entity scores close to its target under scoring: unit k aims at targets[k]
// corrected by the error of the units before it, so that the mean of the
// rounded unit scores lands on the mean of the targets.
func (in *instrument) hitEntity(rng *rand.Rand, k scoring.Kind, unitIDs []string, targets []float64, nas []map[int]string) ([]questionnaire, error) {
	out := make([]questionnaire, len(targets))
	carry := 0.0
	for i, t := range targets {
		q, _ := in.profile(rng, k, nas[i], t-carry)
		r, err := scoring.ScoreUnit(in.method, k, in.scoringUnit(unitIDs[i], q))
		if err != nil {
			return nil, fmt.Errorf("demo: unit %s: %w", unitIDs[i], err)
		}
		got := float64(r.Score) / 100
		if in.method.Rounding != scoring.RoundUnitsThenEntity {
			got, _ = r.Exact.Float64()
		}
		carry += got - t
		out[i] = q
	}
	return out, nil
}

// spreadTargets returns unit targets around an entity target: the entity
// target plus each unit's offset plus noise, shifted so that their mean is
// the entity target and kept below ceiling.
func spreadTargets(rng *rand.Rand, entity float64, offsets []float64, jitter, ceiling float64) []float64 {
	t := make([]float64, len(offsets))
	for i, o := range offsets {
		t[i] = entity + o + (rng.Float64()+rng.Float64()-1)*jitter
	}
	for range 20 {
		mean := 0.0
		for _, v := range t {
			mean += v
		}
		mean /= float64(len(t))
		shift := entity - mean
		if math.Abs(shift) < 1e-9 {
			break
		}
		for i := range t {
			t[i] = min(max(t[i]+shift, 1), ceiling)
		}
	}
	return t
}

// answers turns a questionnaire into demo answers with assessor notes: every
// answer below the maximum says what was missing; about one fully met answer
// in noteFull says what was seen.
func (in *instrument) answers(rng *rand.Rand, q questionnaire, noteFull float64) []Answer {
	vals := make([]int, len(in.inds)) // one allocation for the answer values of a unit
	out := make([]Answer, 0, len(in.inds))
	for i, ind := range in.inds {
		v := q.vals[i]
		if v < 0 {
			if reason, isNA := q.na[i]; isNA {
				out = append(out, Answer{Indicator: ind.code, NA: true, NAReason: reason})
			}
			continue
		}
		vals[i] = v
		a := Answer{Indicator: ind.code, Value: &vals[i]}
		switch {
		case v < ind.max:
			a.Note = note(ind.code, v, ind.max)
		case rng.Float64() < noteFull:
			a.Note = note(ind.code, v, ind.max)
		}
		out = append(out, a)
	}
	return out
}

// seeded returns a generator for one entity of one year, independent of the
// order entities are generated in.
func seeded(seed uint64, parts ...string) *rand.Rand {
	h := fnv.New64a()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return rand.New(rand.NewPCG(seed, h.Sum64()))
}
