package scoring

import (
	"errors"
	"math/big"
	"strconv"
	"strings"
)

// Entity is one assessed organisation (locus) with its units, as the storage
// layer or an answers file gives it.
type Entity struct {
	ID                string
	Name              string
	Kind              Kind
	Province          string // province code; puts a local government in its provincial pemda view
	NotAssessed       bool   // listed, never scored, ranked or counted
	NotAssessedReason string
	FollowUp          bool   // all corrective actions, suggestions and recommendations followed up (2025 opinion)
	Score             *Score // an imported entity score, instead of units
	StatedCategory    string // a band label an imported table states ("C", "cukup"); checked, never trusted
	Units             []Unit
}

// Unit is one service unit of an entity.
type Unit struct {
	ID      string
	Name    string
	Weight  *big.Rat          // for the weighted_mean roll-up; nil otherwise
	Score   *Score            // an imported unit score, instead of answers
	Answers map[string]Answer // indicator code → answer; a missing code is unanswered
}

// Answer is the answer to one indicator: a level 0..max, or not applicable.
type Answer struct {
	Value int  // 0..the indicator's maximum; ignored when NA
	NA    bool // not applicable (the indicator's weight is shared among the others of its dimension)
}

// Level returns the answer v.
func Level(v int) Answer { return Answer{Value: v} }

// NotApplicable returns the N/A answer.
func NotApplicable() Answer { return Answer{NA: true} }

// String renders the answer as its level or "na".
func (a Answer) String() string {
	if a.NA {
		return "na"
	}
	return strconv.Itoa(a.Value)
}

// MarshalJSON renders a level as a number and N/A as "na", as in answers files.
func (a Answer) MarshalJSON() ([]byte, error) {
	if a.NA {
		return []byte(`"na"`), nil
	}
	return []byte(strconv.Itoa(a.Value)), nil
}

// Format tags of the input files.
const (
	FormatAnswers = "p4-answers/1"
	FormatScores  = "p4-scores/1"
)

// AnswersFile is a parsed answers file: entities with units and their answers.
type AnswersFile struct {
	Method   string // code of the method the answers were given for (optional)
	Entities []Entity
}

// ScoresFile is a parsed scores file: imported entity or unit scores.
type ScoresFile struct {
	Method   string // code of the method the scores were published under (optional; required for --previous)
	Entities []Entity
}

// ParseAnswers reads an answers file (format "p4-answers/1", see
// docs/INSTRUMENT.md). It checks the file's shape; whether codes and values
// fit an instrument is checked when scoring.
func ParseAnswers(data []byte) (*AnswersFile, error) {
	m, es, err := parseEntities(data, FormatAnswers, false)
	if err != nil {
		return nil, err
	}
	return &AnswersFile{Method: m, Entities: es}, nil
}

// ParseScores reads a scores file (format "p4-scores/1", see docs/INSTRUMENT.md):
// entity scores, or unit scores rolled up by the method.
func ParseScores(data []byte) (*ScoresFile, error) {
	m, es, err := parseEntities(data, FormatScores, true)
	if err != nil {
		return nil, err
	}
	return &ScoresFile{Method: m, Entities: es}, nil
}

// CheckAnswers parses an answers file and checks it against m, reporting the
// problems of the file's shape and those against the method at once (paths
// entities[i]…). On success the file is ready for ScorePeriod.
func CheckAnswers(m *Method, data []byte) (*AnswersFile, error) {
	method, es, err := parseEntities(data, FormatAnswers, false)
	return &AnswersFile{Method: method, Entities: es}, checkEntities(m, method, es, err)
}

// CheckScores is CheckAnswers for a scores file.
func CheckScores(m *Method, data []byte) (*ScoresFile, error) {
	method, es, err := parseEntities(data, FormatScores, true)
	return &ScoresFile{Method: method, Entities: es}, checkEntities(m, method, es, err)
}

func checkEntities(m *Method, method string, es []Entity, parseErr error) error {
	var ve *ValidationError
	if parseErr != nil && !errors.As(parseErr, &ve) {
		return parseErr
	}
	var ps problems
	if ve != nil {
		if len(ve.Problems) > 0 && ve.Problems[0].Code == CodeSyntax {
			return parseErr // nothing was read
		}
		ps.list = append(ps.list, ve.Problems...)
	}
	if method != "" && method != m.Code {
		ps.add("method", CodeMismatch, "the file is for method %q, but scoring uses method %q", method, m.Code)
	}
	if m.Instrument == nil && len(es) > 0 {
		for i, e := range es {
			for j, u := range e.Units {
				if u.Score == nil {
					ps.add(idx(idx("entities", i)+".units", j), CodeNotAllowed, "method %s has no instrument: give the unit's score, not answers", m.Code)
				}
			}
		}
		if len(ps.list) > 0 {
			return ps.err()
		}
	}
	if _, err := ScorePeriod(m, es, nil); err != nil {
		var sem problems
		sem.addAll("", err)
		read := append([]Problem(nil), ps.list...)
		for _, p := range sem.list {
			if !echoes(read, p) {
				ps.list = append(ps.list, p)
			}
		}
	}
	return ps.err()
}

func parseEntities(data []byte, format string, scores bool) (string, []Entity, error) {
	var ps problems
	tree := parseTree(data, &ps)
	top := asObject(&ps, "", tree)
	if top == nil {
		return "", nil, ps.err()
	}
	checkFormat(&ps, top, format)
	method := top.str("method")
	list := top.array("entities")
	if top.get("entities") == nil {
		ps.add("entities", CodeRequired, "a list of entities is required")
	}
	entities := make([]Entity, len(list)) // by file position, a zero Entity where unreadable
	for i, n := range list {
		if eo := asObject(&ps, idx("entities", i), n); eo != nil {
			entities[i] = readEntity(eo, scores)
		}
	}
	top.done(map[string]string{"previous": "previous scores are a separate scores file (p4 score --previous FILE)"})
	return method, entities, ps.err()
}

var rankHint = map[string]string{"rank": "ranks are never imported: P4 recomputes them from the scores"}

func readEntity(o *obj, scores bool) Entity {
	e := Entity{
		ID:       o.reqStr("id", "an entity id"),
		Name:     o.reqStr("name", "an entity name"),
		Province: o.str("province"),
		FollowUp: o.boolean("follow_up"),
	}
	if k := o.reqStr("kind", "the kind of entity ("+kindList()+")"); k != "" {
		kind, err := ParseKind(k)
		if err != nil {
			o.ps.add(o.at("kind"), CodeInvalid, "%v", err)
		}
		e.Kind = kind
	}
	if v := o.get("not_assessed"); v != nil {
		if v.kind != jString || strings.TrimSpace(v.str) == "" {
			o.ps.add(o.at("not_assessed"), CodeRequired, "give the reason the entity was not assessed, as a string")
		} else {
			e.NotAssessed, e.NotAssessedReason = true, v.str
		}
	}
	if scores {
		if s, ok := o.score("score"); ok {
			e.Score = &s
		}
		e.StatedCategory = o.str("category")
	}
	units := o.array("units")
	for j, n := range units {
		uo := asObject(o.ps, idx(o.at("units"), j), n)
		if uo == nil {
			continue
		}
		e.Units = append(e.Units, readUnit(uo, scores))
	}
	if scores && !e.NotAssessed && e.Score == nil && o.get("units") == nil && o.get("score") == nil {
		o.ps.add(o.at("score"), CodeRequired, "give the entity's score, or its units with their scores")
	}
	if scores && e.Score != nil && len(units) > 0 {
		o.ps.add(o.at("units"), CodeNotAllowed, "give the entity's score or its units' scores, not both")
	}
	o.done(rankHint)
	return e
}

func readUnit(o *obj, scores bool) Unit {
	u := Unit{
		ID:     o.reqStr("id", "a unit id"),
		Name:   o.str("name"),
		Weight: o.weight("weight"),
	}
	if u.Weight != nil && u.Weight.Sign() <= 0 {
		o.ps.add(o.at("weight"), CodeOutOfRange, "a unit weight must be above 0")
	}
	if scores {
		if s, ok := o.score("score"); ok {
			u.Score = &s
		} else if o.get("score") == nil {
			o.ps.add(o.at("score"), CodeRequired, "the unit's score is required")
		}
		o.done(rankHint)
		return u
	}
	ao := o.object("answers")
	if ao != nil {
		u.Answers = make(map[string]Answer, len(ao.n.keys))
		for i, code := range ao.n.keys {
			v := ao.n.vals[i]
			ao.used[code] = true
			p := ao.at(code)
			switch v.kind {
			case jNull: // unanswered
			case jNumber:
				if n, ok := intValue(o.ps, p, v, 0, 100); ok {
					u.Answers[code] = Level(n)
				}
			case jString:
				switch strings.ToLower(strings.TrimSpace(v.str)) {
				case "na", "n/a", "tidak berlaku":
					u.Answers[code] = NotApplicable()
				default:
					o.ps.add(p, CodeInvalid, "answer %q: want a level such as 0..3, \"na\" or null", v.str)
				}
			default:
				o.ps.add(p, CodeType, "got %s, want a level such as 0..3, \"na\" or null", v.kind)
			}
		}
	} else if o.get("answers") == nil {
		u.Answers = map[string]Answer{}
	}
	o.done(map[string]string{"score": "an answers file carries answers; imported scores go in a scores file (p4-scores/1)"})
	return u
}
