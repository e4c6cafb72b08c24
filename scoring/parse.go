package scoring

import (
	"strings"
)

// FormatMethod is the format tag of a method file.
const FormatMethod = "p4-method/1"

// ParseFile reads a method file (format "p4-method/1", see docs/INSTRUMENT.md)
// and validates it. Every problem is reported at once in a *ValidationError
// with its JSON path; unknown fields are problems, not ignored.
func ParseFile(data []byte) (*Method, error) {
	var ps problems
	tree := parseTree(data, &ps)
	if tree == nil {
		return nil, ps.err()
	}
	top := asObject(&ps, "", tree)
	if top == nil {
		return nil, ps.err()
	}
	checkFormat(&ps, top, FormatMethod)
	m := &Method{}
	if mo := top.object("method"); mo != nil {
		readMethod(mo, m)
	} else if top.get("method") == nil {
		ps.add("method", CodeRequired, "a method object is required")
	}
	if io := top.object("instrument"); io != nil {
		m.Instrument = readInstrument(io)
	}
	top.done(nil)
	if len(ps.list) == 0 {
		if err := m.Validate(); err != nil {
			return nil, err
		}
		return m, nil
	}
	// Report the semantic problems too, so the user sees everything at once,
	// but not those that only echo a value that failed to read.
	var sem problems
	m.validate(&sem)
	for _, p := range sem.list {
		if !echoes(ps.list, p) {
			ps.list = append(ps.list, p)
		}
	}
	return nil, ps.err()
}

// echoes reports whether semantic problem p follows from one of the reading
// problems: same path, or a weight check over a list where a weight failed to read.
func echoes(read []Problem, p Problem) bool {
	for _, r := range read {
		if r.Path == p.Path || strings.HasPrefix(p.Path, r.Path+".") || strings.HasPrefix(p.Path, r.Path+"[") {
			return true
		}
		if strings.HasSuffix(r.Path, ".weight") && strings.HasSuffix(p.Path, ".weight") {
			if list := weightList(r.Path); list != "" && strings.HasPrefix(p.Path, list) {
				return true
			}
		}
	}
	return false
}

// weightList returns the list whose weights must add up, for the path of one
// weight: "instrument.dimensions[1]" for an indicator weight,
// "instrument.dimensions" for a dimension weight.
func weightList(path string) string {
	p := strings.TrimSuffix(path, ".weight")
	i := strings.LastIndex(p, "[")
	if i < 0 {
		return ""
	}
	list := p[:i]
	return strings.TrimSuffix(list, ".indicators")
}

func checkFormat(ps *problems, top *obj, want string) {
	v := top.get("format")
	switch {
	case v == nil:
		ps.add("format", CodeRequired, "the format tag is required: \"format\": %q", want)
	case v.kind != jString:
		ps.add("format", CodeType, "got %s, want the string %q", v.kind, want)
	case v.str != want:
		ps.add("format", CodeUnsupported, "format %q is not supported, want %q", v.str, want)
	}
}

func readMethod(o *obj, m *Method) {
	m.Code = o.str("code")
	m.Name = o.str("name")
	m.NameEn = o.str("name_en")
	m.Family = o.str("family")
	m.Description = o.str("description")
	m.Rounding = Rounding(o.str("rounding"))
	if ro := o.object("roll_up"); ro != nil {
		m.RollUp = map[Kind]RollUp{}
		for _, k := range ro.n.keys {
			kind, err := ParseKind(k)
			if err != nil {
				continue // reported by done as unknown
			}
			m.RollUp[kind] = RollUp(ro.str(k))
		}
		ro.done(nil)
	}
	for i, c := range o.array("components") {
		co := asObject(o.ps, idx(o.at("components"), i), c)
		if co == nil {
			continue
		}
		m.Components = append(m.Components, Component{
			Code:   co.str("code"),
			Name:   co.str("name"),
			NameEn: co.str("name_en"),
			Weight: co.weight("weight"),
		})
		co.done(nil)
	}
	for i, b := range o.array("bands") {
		bo := asObject(o.ps, idx(o.at("bands"), i), b)
		if bo == nil {
			continue
		}
		band := Band{
			Category:            bo.str("category"),
			Opinion:             bo.str("opinion"),
			OpinionEn:           bo.str("opinion_en"),
			OpinionFollowedUp:   bo.str("opinion_followed_up"),
			OpinionFollowedUpEn: bo.str("opinion_followed_up_en"),
			Zone:                Zone(bo.str("zone")),
			Aliases:             bo.strings("aliases"),
		}
		if z, err := ParseZone(string(band.Zone)); err == nil {
			band.Zone = z
		}
		if s, ok := bo.score("lower"); ok {
			band.Lower = s
		} else {
			band.Lower = -1 // unreadable: keeps Validate from counting it as the 0.00 band
			if bo.get("lower") == nil {
				o.ps.add(bo.at("lower"), CodeRequired, "a lower bound is required")
			}
		}
		m.Bands = append(m.Bands, band)
		bo.done(nil)
	}
	o.done(map[string]string{"instrument": "the instrument is a sibling of \"method\" at the top level, not inside it"})
}

func readInstrument(o *obj) *Instrument {
	in := &Instrument{
		Code:    o.str("code"),
		Name:    o.str("name"),
		NameEn:  o.str("name_en"),
		Version: o.str("version"),
	}
	in.Respondents, _ = o.integer("respondents", 0, 100000)
	in.Scale.Max = 3
	if so := o.object("scale"); so != nil {
		if v, ok := so.integer("max", 1, 100); ok {
			in.Scale.Max = v
		}
		in.Scale.Levels = so.strings("levels")
		in.Scale.LevelsEn = so.strings("levels_en")
		so.done(nil)
	}
	for i, d := range o.array("dimensions") {
		do := asObject(o.ps, idx(o.at("dimensions"), i), d)
		if do == nil {
			continue
		}
		dim := Dimension{
			Code:      do.str("code"),
			Name:      do.str("name"),
			NameEn:    do.str("name_en"),
			Component: do.str("component"),
			Weight:    do.weight("weight"),
		}
		for j, v := range do.array("variables") {
			vo := asObject(o.ps, idx(do.at("variables"), j), v)
			if vo == nil {
				continue
			}
			dim.Variables = append(dim.Variables, Variable{Code: vo.str("code"), Name: vo.str("name"), NameEn: vo.str("name_en")})
			vo.done(nil)
		}
		for j, n := range do.array("indicators") {
			io := asObject(o.ps, idx(do.at("indicators"), j), n)
			if io == nil {
				continue
			}
			dim.Indicators = append(dim.Indicators, readIndicator(io))
		}
		in.Dimensions = append(in.Dimensions, dim)
		do.done(nil)
	}
	o.done(nil)
	return in
}

func readIndicator(o *obj) Indicator {
	ind := Indicator{
		Code:       o.str("code"),
		Variable:   o.str("variable"),
		Name:       o.str("name"),
		NameEn:     o.str("name_en"),
		Question:   o.str("question"),
		QuestionEn: o.str("question_en"),
		Weight:     o.weight("weight"),
		Levels:     o.strings("levels"),
		LevelsEn:   o.strings("levels_en"),
		NAAllowed:  o.boolean("na_allowed"),
		Source:     Source(o.str("source")),
		Guidance:   o.str("guidance"),
		Evidence:   o.str("evidence"),
	}
	ind.Max, _ = o.integer("max", 1, 100)
	for _, k := range o.strings("kinds") {
		if kind, err := ParseKind(k); err == nil {
			ind.Kinds = append(ind.Kinds, kind)
		} else {
			ind.Kinds = append(ind.Kinds, Kind(k)) // Validate reports it with its index
		}
	}
	o.done(map[string]string{
		"weights":    "the key is \"weight\"",
		"categories": "the kinds of entity an indicator applies to are listed in \"kinds\"",
		"na":         "the key is \"na_allowed\"",
	})
	return ind
}
