package scoring

import (
	"errors"
	"fmt"
	"math/big"
	"sort"
	"strings"
)

// Method is one version of the assessment method: how scores are rounded,
// rolled up and banded, and (optionally) the instrument that produces them.
// Build it with ParseFile or Preset, or fill it in Go and call Validate; do not
// change it after validation.
type Method struct {
	Code        string          // "2022"
	Name        string          // Indonesian display name
	NameEn      string          // English display name (optional)
	Family      string          // scores are comparable across periods only within one family
	Description string          // free text (optional)
	Rounding    Rounding        // where scores are rounded
	RollUp      map[Kind]RollUp // roll-up rule per entity kind; every kind must be present
	Bands       []Band          // categories; validation orders them by Lower, highest first
	Components  []Component     // composite methods (2025): dimension groups and their share; nil = one implicit component of 100
	Instrument  *Instrument     // nil for a bands-only method (imported historical scores)

	plan *plan
}

// Band is one published category: scores from Lower (inclusive) up to the
// next band's lower bound fall in it.
type Band struct {
	Category            string   `json:"category,omitempty"` // "A" … "E"; empty for methods without letters (2021)
	Opinion             string   `json:"opinion"`            // "Kualitas Tertinggi"
	OpinionEn           string   `json:"opinion_en,omitempty"`
	OpinionFollowedUp   string   `json:"opinion_followed_up,omitempty"` // opinion when the entity has followed up all corrective actions (2025); empty = unchanged
	OpinionFollowedUpEn string   `json:"opinion_followed_up_en,omitempty"`
	Zone                Zone     `json:"zone"`
	Lower               Score    `json:"lower"`
	Aliases             []string `json:"aliases,omitempty"` // other labels accepted on import ("cukup")
}

// Component is a weighted group of dimensions in a composite method (2025:
// the four dimensions 70, public trust 30).
type Component struct {
	Code   string
	Name   string
	NameEn string
	Weight *big.Rat // points of 100
}

// Instrument is the questionnaire of one method version.
type Instrument struct {
	Code        string
	Name        string
	NameEn      string
	Version     string
	Scale       Scale // default answer scale of every indicator
	Respondents int   // service users interviewed per unit for user_survey indicators (0 = not set)
	Dimensions  []Dimension
}

// Scale is an answer scale 0..Max with the meaning of each level.
type Scale struct {
	Max      int
	Levels   []string // Levels[v] is the meaning of answer v; empty or Max+1 long
	LevelsEn []string // optional English meanings, same length rule
}

// Dimension is a weighted part of the instrument (Input, Proses, …).
type Dimension struct {
	Code       string
	Name       string
	NameEn     string
	Component  string   // code of its component in a composite method, else empty
	Weight     *big.Rat // points within its component (the components' dimensions sum to 100)
	Variables  []Variable
	Indicators []Indicator
}

// Variable groups indicators inside a dimension (Kompetensi Pelaksana, …).
type Variable struct {
	Code   string
	Name   string
	NameEn string
}

// Indicator is one question of the instrument.
type Indicator struct {
	Code       string   // stable code, unique in the instrument ("IN.KP.01")
	Variable   string   // code of its variable in the dimension (optional when the dimension has none)
	Name       string   // short Indonesian label
	NameEn     string   // short English label (optional)
	Question   string   // the question as the assessor reads it
	QuestionEn string   // optional
	Weight     *big.Rat // share inside its dimension; nil on every indicator of a dimension = equal shares
	Max        int      // answer maximum; 0 = the instrument scale's
	Levels     []string // meanings of 0..Max; nil = the instrument scale's
	LevelsEn   []string
	NAAllowed  bool   // whether "not applicable" is an accepted answer
	Kinds      []Kind // kinds of entity it applies to; empty = all
	Source     Source // where the evidence comes from
	Guidance   string // how the assessor decides the level
	Evidence   string // what must be attached to support the answer
}

// plan is what validation derives from a Method for scoring.
type plan struct {
	bands  []Band // highest lower bound first
	dims   []dimPlan
	inds   []indPlan // instrument order
	byCode map[string]int
	maxW   *big.Rat // Σ effective dimension weights = 100
}

type dimPlan struct {
	dim    *Dimension
	points *big.Rat // effective weight in points of 100 (component share × dimension weight / 100)
	first  int      // its indicators are plan.inds[first:end]
	end    int
}

type indPlan struct {
	ind    *Indicator
	dim    int
	max    int
	weight *big.Rat // resolved share inside the dimension
	coef   *big.Int // weight/max × L, L the dimension's common denominator
	wInt   *big.Int // weight × L
	kinds  map[Kind]bool
}

func (p indPlan) appliesTo(k Kind) bool { return len(p.kinds) == 0 || p.kinds[k] }

var errNotValidated = errors.New("scoring: method is not validated: build it with ParseFile, Preset or Validate")

// Indicators returns the instrument's indicators in instrument order (nil
// without an instrument). The pointers are the method's own: do not modify.
func (m *Method) Indicators() []*Indicator {
	if m.Instrument == nil {
		return nil
	}
	var out []*Indicator
	for i := range m.Instrument.Dimensions {
		d := &m.Instrument.Dimensions[i]
		for j := range d.Indicators {
			out = append(out, &d.Indicators[j])
		}
	}
	return out
}

// Classify returns the band of a rounded score: the band with the highest
// lower bound not above s. Scores outside 0.00–100.00 are an error.
func Classify(m *Method, s Score) (Band, error) {
	if m.plan == nil {
		return Band{}, errNotValidated
	}
	if s < 0 || s > MaxScore {
		return Band{}, fmt.Errorf("score %s is outside 0.00–100.00", s)
	}
	for _, b := range m.plan.bands {
		if s >= b.Lower {
			return b, nil
		}
	}
	return Band{}, fmt.Errorf("score %s is below every band", s) // unreachable: validation requires a band at 0
}

// LookupBand finds a band by a label as it appears in imported tables: its
// category letter, its opinion (Indonesian or English), its zone when no two
// bands share it, or one of its aliases; case and surrounding space are ignored
// and a leading "kategori " is dropped.
func (m *Method) LookupBand(label string) (Band, bool) {
	l := strings.ToLower(strings.TrimSpace(label))
	l = strings.TrimSpace(strings.TrimPrefix(l, "kategori "))
	if l == "" {
		return Band{}, false
	}
	zoneCount := map[Zone]int{}
	for _, b := range m.Bands {
		zoneCount[b.Zone]++
	}
	for _, b := range m.Bands {
		names := append([]string{b.Category, b.Opinion, b.OpinionEn, b.OpinionFollowedUp, b.OpinionFollowedUpEn}, b.Aliases...)
		for _, n := range names {
			if n != "" && strings.ToLower(n) == l {
				return b, true
			}
		}
		if z, err := ParseZone(l); err == nil && z == b.Zone && zoneCount[z] == 1 {
			return b, true
		}
	}
	return Band{}, false
}

// Validate checks every semantic rule of a method (the same rules ParseFile
// applies, reported with the same paths) and prepares it for scoring.
func (m *Method) Validate() error {
	var ps problems
	m.validate(&ps)
	if err := ps.err(); err != nil {
		m.plan = nil
		return err
	}
	m.plan = m.compile()
	return nil
}

var hundred = big.NewRat(100, 1)

func (m *Method) validate(ps *problems) {
	const mp = "method"
	if strings.TrimSpace(m.Code) == "" {
		ps.add(mp+".code", CodeRequired, "a method code is required (e.g. \"2022\")")
	}
	if strings.TrimSpace(m.Name) == "" {
		ps.add(mp+".name", CodeRequired, "a method name is required")
	}
	if strings.TrimSpace(m.Family) == "" {
		ps.add(mp+".family", CodeRequired, "a method family is required: scores are compared across periods only within one family")
	}
	if _, err := ParseRounding(string(m.Rounding)); err != nil {
		if m.Rounding == "" {
			ps.add(mp+".rounding", CodeRequired, "a rounding rule is required: units_then_entity or entity_only")
		} else {
			ps.add(mp+".rounding", CodeInvalid, "%v", err)
		}
	}
	for _, k := range sortedKeys(rollUpKeys(m.RollUp)) {
		if _, err := ParseKind(k); err != nil {
			ps.add(key(mp+".roll_up", k), CodeUnknownField, "%v", err)
		} else if _, err := ParseRollUp(string(m.RollUp[Kind(k)])); err != nil {
			ps.add(mp+".roll_up."+k, CodeInvalid, "%v", err)
		}
	}
	for _, k := range kinds {
		if _, ok := m.RollUp[k]; !ok {
			ps.add(mp+".roll_up."+string(k), CodeRequired, "a roll-up rule for %s is required (mean, weighted_mean or single)", k)
		}
	}
	m.validateBands(ps)
	m.validateComponents(ps)
	if m.Instrument != nil {
		m.validateInstrument(ps)
	} else if len(m.Components) > 0 {
		ps.add(mp+".components", CodeNotAllowed, "components need an instrument")
	}
}

func rollUpKeys(m map[Kind]RollUp) map[string]bool {
	out := map[string]bool{}
	for k := range m {
		out[string(k)] = true
	}
	return out
}

func (m *Method) validateBands(ps *problems) {
	const bp = "method.bands"
	if len(m.Bands) == 0 {
		ps.add(bp, CodeRequired, "at least one band is required")
		return
	}
	lowers := map[Score]int{}
	labels := map[string]string{} // lower-cased label → where it is used
	hasZero := false
	for i, b := range m.Bands {
		p := idx(bp, i)
		if strings.TrimSpace(b.Opinion) == "" {
			ps.add(p+".opinion", CodeRequired, "an opinion label is required (e.g. \"Kualitas Sedang\")")
		}
		switch b.Zone {
		case ZoneGreen, ZoneYellow, ZoneRed:
		case "":
			ps.add(p+".zone", CodeRequired, "a zone is required: green, yellow or red")
		default:
			ps.add(p+".zone", CodeInvalid, "unknown zone %q, want green, yellow or red", b.Zone)
		}
		if b.Lower < 0 || b.Lower > MaxScore {
			ps.add(p+".lower", CodeOutOfRange, "lower bound %s is outside 0.00–100.00", b.Lower)
		}
		if b.Lower == 0 {
			hasZero = true
		}
		if j, dup := lowers[b.Lower]; dup {
			ps.add(p+".lower", CodeDuplicateCode, "lower bound %s is also the lower bound of bands[%d]", b.Lower, j)
		} else {
			lowers[b.Lower] = i
		}
		names := []struct{ field, v string }{{"category", b.Category}, {"opinion", b.Opinion}}
		for j, a := range b.Aliases {
			names = append(names, struct{ field, v string }{idx("aliases", j), a})
		}
		for _, n := range names {
			l := strings.ToLower(strings.TrimSpace(n.v))
			if l == "" {
				if strings.HasPrefix(n.field, "aliases") {
					ps.add(p+"."+n.field, CodeRequired, "an alias must not be empty")
				}
				continue
			}
			where := fmt.Sprintf("bands[%d]", i)
			if other, dup := labels[l]; dup && other != where {
				ps.add(p+"."+n.field, CodeDuplicateCode, "label %q is also used by %s: an imported label must name one band", n.v, other)
			} else {
				labels[l] = where
			}
		}
	}
	if !hasZero {
		ps.add(bp, CodeRequired, "no band starts at 0.00: low scores would have no category")
	}
}

func (m *Method) validateComponents(ps *problems) {
	if len(m.Components) == 0 {
		return
	}
	const cp = "method.components"
	seen := map[string]int{}
	sum := new(big.Rat)
	for i, c := range m.Components {
		p := idx(cp, i)
		if strings.TrimSpace(c.Code) == "" {
			ps.add(p+".code", CodeRequired, "a component code is required")
		} else if j, dup := seen[c.Code]; dup {
			ps.add(p+".code", CodeDuplicateCode, "code %q is also used by components[%d]", c.Code, j)
		} else {
			seen[c.Code] = i
		}
		if strings.TrimSpace(c.Name) == "" {
			ps.add(p+".name", CodeRequired, "a component name is required")
		}
		if c.Weight == nil {
			ps.add(p+".weight", CodeRequired, "a weight (points of 100) is required")
		} else if c.Weight.Sign() <= 0 || c.Weight.Cmp(hundred) > 0 {
			ps.add(p+".weight", CodeOutOfRange, "weight %s must be above 0 and at most 100", ratString(c.Weight))
		} else {
			sum.Add(sum, c.Weight)
		}
	}
	if allWeights(m.Components) && sum.Cmp(hundred) != 0 {
		ps.add(idx(cp, len(m.Components)-1)+".weight", CodeWeightSum, "component weights sum to %s, want 100", ratString(sum))
	}
}

func allWeights(cs []Component) bool {
	for _, c := range cs {
		if c.Weight == nil || c.Weight.Sign() <= 0 {
			return false
		}
	}
	return true
}

func (m *Method) validateInstrument(ps *problems) {
	in := m.Instrument
	const ip = "instrument"
	if strings.TrimSpace(in.Code) == "" {
		ps.add(ip+".code", CodeRequired, "an instrument code is required")
	}
	if strings.TrimSpace(in.Name) == "" {
		ps.add(ip+".name", CodeRequired, "an instrument name is required")
	}
	if in.Scale.Max < 1 || in.Scale.Max > 100 {
		ps.add(ip+".scale.max", CodeOutOfRange, "scale maximum %d must be between 1 and 100", in.Scale.Max)
	} else {
		checkLevels(ps, ip+".scale.levels", in.Scale.Levels, in.Scale.Max)
		checkLevels(ps, ip+".scale.levels_en", in.Scale.LevelsEn, in.Scale.Max)
	}
	if in.Respondents < 0 || in.Respondents > 100000 {
		ps.add(ip+".respondents", CodeOutOfRange, "respondents per unit %d must be between 0 and 100000", in.Respondents)
	}
	if len(in.Dimensions) == 0 {
		ps.add(ip+".dimensions", CodeRequired, "at least one dimension is required")
		return
	}
	components := map[string]bool{}
	for _, c := range m.Components {
		components[c.Code] = true
	}
	dimCodes := map[string]int{}
	indCodes := map[string]string{}
	compSum := map[string]*big.Rat{}
	compOK := map[string]bool{}
	var compOrder []string
	lastDim := map[string]int{}
	for i := range in.Dimensions {
		d := &in.Dimensions[i]
		p := idx(ip+".dimensions", i)
		if strings.TrimSpace(d.Code) == "" {
			ps.add(p+".code", CodeRequired, "a dimension code is required")
		} else if j, dup := dimCodes[d.Code]; dup {
			ps.add(p+".code", CodeDuplicateCode, "code %q is also used by dimensions[%d]", d.Code, j)
		} else {
			dimCodes[d.Code] = i
		}
		if strings.TrimSpace(d.Name) == "" {
			ps.add(p+".name", CodeRequired, "a dimension name is required")
		}
		switch {
		case len(m.Components) == 0 && d.Component != "":
			ps.add(p+".component", CodeNotAllowed, "component %q given but the method has no components", d.Component)
		case len(m.Components) > 0 && d.Component == "":
			ps.add(p+".component", CodeRequired, "a component is required in a composite method")
		case len(m.Components) > 0 && !components[d.Component]:
			ps.add(p+".component", CodeUnknownCode, "unknown component %q", d.Component)
		}
		if _, ok := compSum[d.Component]; !ok {
			compSum[d.Component], compOK[d.Component] = new(big.Rat), true
			compOrder = append(compOrder, d.Component)
		}
		lastDim[d.Component] = i
		if d.Weight == nil {
			ps.add(p+".weight", CodeRequired, "a weight (points of 100) is required")
			compOK[d.Component] = false
		} else if d.Weight.Sign() <= 0 || d.Weight.Cmp(hundred) > 0 {
			ps.add(p+".weight", CodeOutOfRange, "weight %s must be above 0 and at most 100", ratString(d.Weight))
			compOK[d.Component] = false
		} else {
			compSum[d.Component].Add(compSum[d.Component], d.Weight)
		}
		m.validateDimension(ps, p, d, indCodes)
	}
	for _, c := range compOrder {
		if compOK[c] && compSum[c].Cmp(hundred) != 0 {
			what := "dimension weights"
			if c != "" {
				what = fmt.Sprintf("dimension weights of component %q", c)
			}
			ps.add(idx(ip+".dimensions", lastDim[c])+".weight", CodeWeightSum, "%s sum to %s, want 100", what, ratString(compSum[c]))
		}
	}
	for i, c := range m.Components {
		if _, used := compSum[c.Code]; !used && c.Code != "" {
			ps.add(idx("method.components", i), CodeRequired, "component %q has no dimension", c.Code)
		}
	}
}

func checkLevels(ps *problems, path string, levels []string, max int) {
	if len(levels) == 0 {
		return
	}
	if len(levels) != max+1 {
		ps.add(path, CodeInvalid, "%d level meanings given, want %d (one for each answer 0..%d)", len(levels), max+1, max)
		return
	}
	for i, l := range levels {
		if strings.TrimSpace(l) == "" {
			ps.add(idx(path, i), CodeRequired, "the meaning of level %d must not be empty", i)
		}
	}
}

func (m *Method) validateDimension(ps *problems, p string, d *Dimension, indCodes map[string]string) {
	vars := map[string]int{}
	for j, v := range d.Variables {
		vp := idx(p+".variables", j)
		if strings.TrimSpace(v.Code) == "" {
			ps.add(vp+".code", CodeRequired, "a variable code is required")
		} else if k, dup := vars[v.Code]; dup {
			ps.add(vp+".code", CodeDuplicateCode, "code %q is also used by variables[%d]", v.Code, k)
		} else {
			vars[v.Code] = j
		}
		if strings.TrimSpace(v.Name) == "" {
			ps.add(vp+".name", CodeRequired, "a variable name is required")
		}
	}
	if len(d.Indicators) == 0 {
		ps.add(p+".indicators", CodeRequired, "at least one indicator is required")
		return
	}
	given, sumOK := 0, true
	sum := new(big.Rat)
	for j := range d.Indicators {
		ind := &d.Indicators[j]
		ip := idx(p+".indicators", j)
		if strings.TrimSpace(ind.Code) == "" {
			ps.add(ip+".code", CodeRequired, "an indicator code is required")
		} else if other, dup := indCodes[ind.Code]; dup {
			ps.add(ip+".code", CodeDuplicateCode, "code %q is also used by %s", ind.Code, other)
		} else {
			indCodes[ind.Code] = strings.TrimPrefix(ip, "instrument.")
		}
		if strings.TrimSpace(ind.Name) == "" {
			ps.add(ip+".name", CodeRequired, "an indicator name is required")
		}
		if strings.TrimSpace(ind.Question) == "" {
			ps.add(ip+".question", CodeRequired, "the question text is required")
		}
		switch {
		case ind.Variable != "":
			if _, ok := vars[ind.Variable]; !ok {
				ps.add(ip+".variable", CodeUnknownCode, "unknown variable %q in dimension %q", ind.Variable, d.Name)
			}
		case len(d.Variables) > 0:
			ps.add(ip+".variable", CodeRequired, "a variable is required: dimension %q has variables", d.Name)
		}
		if ind.Weight != nil {
			given++
			if ind.Weight.Sign() <= 0 || ind.Weight.Cmp(big.NewRat(1, 1)) > 0 {
				ps.add(ip+".weight", CodeOutOfRange, "weight %s must be above 0 and at most 1", ratString(ind.Weight))
				sumOK = false
			} else {
				sum.Add(sum, ind.Weight)
			}
		}
		max := m.Instrument.Scale.Max
		if ind.Max != 0 {
			max = ind.Max
			if ind.Max < 1 || ind.Max > 100 {
				ps.add(ip+".max", CodeOutOfRange, "answer maximum %d must be between 1 and 100", ind.Max)
				max = 0
			}
		}
		if max >= 1 {
			checkLevels(ps, ip+".levels", ind.Levels, max)
			checkLevels(ps, ip+".levels_en", ind.LevelsEn, max)
			if ind.Max != 0 && ind.Max != m.Instrument.Scale.Max && len(ind.Levels) == 0 && len(m.Instrument.Scale.Levels) > 0 {
				ps.add(ip+".levels", CodeRequired, "levels are required: the answer maximum %d differs from the scale's %d", ind.Max, m.Instrument.Scale.Max)
			}
		}
		seenKinds := map[Kind]bool{}
		for k, kind := range ind.Kinds {
			if kind.order() == len(kinds) {
				ps.add(idx(ip+".kinds", k), CodeInvalid, "unknown kind %q, want one of %s", kind, kindList())
			} else if seenKinds[kind] {
				ps.add(idx(ip+".kinds", k), CodeDuplicateCode, "kind %q is listed twice", kind)
			}
			seenKinds[kind] = true
		}
		if ind.Source == "" {
			ps.add(ip+".source", CodeRequired, "a source is required (interview, observation, document, user_survey or secondary_data)")
		} else if _, err := ParseSource(string(ind.Source)); err != nil {
			ps.add(ip+".source", CodeInvalid, "%v", err)
		}
	}
	last := idx(p+".indicators", len(d.Indicators)-1) + ".weight"
	switch {
	case given == 0:
		// equal shares
	case given < len(d.Indicators):
		ps.add(last, CodeRequired, "weights of dimension %q are given on %d of %d indicators: give a weight on every indicator or on none (equal shares)", d.Name, given, len(d.Indicators))
	case sumOK && sum.Cmp(big.NewRat(1, 1)) != 0:
		ps.add(last, CodeWeightSum, "weights of dimension %q sum to %s, want 1", d.Name, ratString(sum))
	}
}

// compile builds the scoring plan of a valid method.
func (m *Method) compile() *plan {
	p := &plan{byCode: map[string]int{}, maxW: new(big.Rat)}
	p.bands = append([]Band(nil), m.Bands...)
	sort.Slice(p.bands, func(i, j int) bool { return p.bands[i].Lower > p.bands[j].Lower })
	if m.Instrument == nil {
		return p
	}
	compW := map[string]*big.Rat{"": hundred}
	for _, c := range m.Components {
		compW[c.Code] = c.Weight
	}
	for i := range m.Instrument.Dimensions {
		d := &m.Instrument.Dimensions[i]
		dp := dimPlan{dim: d, first: len(p.inds)}
		dp.points = new(big.Rat).Mul(compW[d.Component], d.Weight)
		dp.points.Quo(dp.points, hundred)
		p.maxW.Add(p.maxW, dp.points)
		// L: common denominator of every weight/max in the dimension.
		l := big.NewInt(1)
		var ips []indPlan
		for j := range d.Indicators {
			ind := &d.Indicators[j]
			w := ind.Weight
			if w == nil {
				w = big.NewRat(1, int64(len(d.Indicators)))
			}
			max := ind.Max
			if max == 0 {
				max = m.Instrument.Scale.Max
			}
			ip := indPlan{ind: ind, dim: i, max: max, weight: w}
			if len(ind.Kinds) > 0 {
				ip.kinds = map[Kind]bool{}
				for _, k := range ind.Kinds {
					ip.kinds[k] = true
				}
			}
			perPoint := new(big.Rat).Quo(w, big.NewRat(int64(max), 1))
			l = lcm(l, perPoint.Denom())
			ips = append(ips, ip)
		}
		lr := new(big.Rat).SetInt(l)
		for j := range ips {
			perPoint := new(big.Rat).Quo(ips[j].weight, big.NewRat(int64(ips[j].max), 1))
			ips[j].coef = new(big.Rat).Mul(perPoint, lr).Num()
			ips[j].wInt = new(big.Rat).Mul(ips[j].weight, lr).Num()
			p.byCode[ips[j].ind.Code] = len(p.inds)
			p.inds = append(p.inds, ips[j])
		}
		dp.end = len(p.inds)
		p.dims = append(p.dims, dp)
	}
	return p
}

func lcm(a, b *big.Int) *big.Int {
	g := new(big.Int).GCD(nil, nil, a, b)
	out := new(big.Int).Quo(a, g)
	return out.Mul(out, b)
}
