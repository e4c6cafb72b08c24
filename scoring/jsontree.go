package scoring

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"strconv"
	"strings"
)

// The file formats are read in two steps: the bytes become a tree of jnodes
// (keeping key order and catching duplicate keys), then a walk over the tree
// fills the Go values and records every problem with its path. This is what
// lets a file report all its problems at once, which json.Decoder with
// DisallowUnknownFields cannot (it stops at the first).

type jkind int

const (
	jNull jkind = iota
	jObject
	jArray
	jString
	jNumber
	jBool
)

func (k jkind) String() string {
	return [...]string{"null", "an object", "an array", "a string", "a number", "a boolean"}[k]
}

type jnode struct {
	kind  jkind
	keys  []string // object keys in file order
	vals  []*jnode
	index map[string]int // key → position in keys
	elems []*jnode
	str   string
	num   json.Number
	b     bool
}

// maxDepth bounds nesting; the formats need fewer than ten levels.
const maxDepth = 64

// parseTree reads one JSON value from data. Syntax errors and duplicate keys
// are reported in ps; the tree is nil after a syntax error.
func parseTree(data []byte, ps *problems) *jnode {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	n, err := readValue(dec, "", 0, ps)
	var off int64 = -1
	if err == nil {
		off = dec.InputOffset()
		for off < int64(len(data)) && strings.IndexByte(" \t\r\n", data[off]) >= 0 {
			off++
		}
		if _, err2 := dec.Token(); err2 != io.EOF {
			err = errors.New("unexpected data after the top-level value")
			if err2 != nil && !errors.Is(err2, io.EOF) {
				err = err2
			}
		}
	}
	if err != nil {
		if off < 0 {
			off = dec.InputOffset()
		}
		ps.add("", CodeSyntax, "%s: %s", position(data, off), syntaxMessage(err))
		return nil
	}
	return n
}

func syntaxMessage(err error) string {
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return "unexpected end of file"
	}
	msg := err.Error()
	return strings.TrimPrefix(msg, "json: ")
}

// position renders a byte offset as "line L, column C" (both from 1).
func position(data []byte, off int64) string {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	line, col := 1, 1
	for _, c := range data[:off] {
		if c == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return fmt.Sprintf("line %d, column %d", line, col)
}

func readValue(dec *json.Decoder, path string, depth int, ps *problems) (*jnode, error) {
	if depth > maxDepth {
		return nil, fmt.Errorf("nesting deeper than %d levels", maxDepth)
	}
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			n := &jnode{kind: jObject, index: map[string]int{}}
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return nil, err
				}
				k, ok := kt.(string)
				if !ok {
					return nil, errors.New("object key is not a string")
				}
				v, err := readValue(dec, fieldPath(path, k), depth+1, ps)
				if err != nil {
					return nil, err
				}
				if _, dup := n.index[k]; dup {
					ps.add(fieldPath(path, k), CodeDuplicateKey, "key %q appears twice in this object", k)
					continue
				}
				n.index[k] = len(n.keys)
				n.keys = append(n.keys, k)
				n.vals = append(n.vals, v)
			}
			if _, err := dec.Token(); err != nil {
				return nil, err
			}
			return n, nil
		case '[':
			n := &jnode{kind: jArray}
			for dec.More() {
				v, err := readValue(dec, idx(path, len(n.elems)), depth+1, ps)
				if err != nil {
					return nil, err
				}
				n.elems = append(n.elems, v)
			}
			if _, err := dec.Token(); err != nil {
				return nil, err
			}
			return n, nil
		}
		return nil, fmt.Errorf("unexpected %q", t)
	case string:
		return &jnode{kind: jString, str: t}, nil
	case json.Number:
		return &jnode{kind: jNumber, num: t}, nil
	case bool:
		return &jnode{kind: jBool, b: t}, nil
	case nil:
		return &jnode{kind: jNull}, nil
	}
	return nil, fmt.Errorf("unexpected token %v", tok)
}

// fieldPath is the path of key k in the object at path: "a.b" for plain
// identifiers, `a["IN.KP.01"]` for anything else.
func fieldPath(path, k string) string {
	if isIdent(k) {
		return joinPath(path, k)
	}
	return key(path, k)
}

func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// obj walks one JSON object, remembering which keys were read so that done
// can report the others as unknown.
type obj struct {
	ps   *problems
	path string
	n    *jnode
	used map[string]bool
}

// asObject returns a walker for n, or nil (after recording a problem) when n
// is not an object. A nil *obj is safe to use: every read returns nothing.
func asObject(ps *problems, path string, n *jnode) *obj {
	if n == nil {
		return nil
	}
	if n.kind != jObject {
		ps.add(path, CodeType, "got %s, want an object", n.kind)
		return nil
	}
	return &obj{ps: ps, path: path, n: n, used: map[string]bool{}}
}

func (o *obj) at(k string) string { return fieldPath(o.path, k) }

// get returns the value of key k, or nil when it is absent or null.
func (o *obj) get(k string) *jnode {
	if o == nil {
		return nil
	}
	o.used[k] = true
	i, ok := o.n.index[k]
	if !ok || o.n.vals[i].kind == jNull {
		return nil
	}
	return o.n.vals[i]
}

func (o *obj) typed(k string, want jkind) *jnode {
	v := o.get(k)
	if v == nil {
		return nil
	}
	if v.kind != want {
		o.ps.add(o.at(k), CodeType, "got %s, want %s", v.kind, want)
		return nil
	}
	return v
}

func (o *obj) str(k string) string {
	if v := o.typed(k, jString); v != nil {
		return v.str
	}
	return ""
}

// reqStr reads a string that must be present and not blank.
func (o *obj) reqStr(k, what string) string {
	if o == nil {
		return ""
	}
	v := o.get(k)
	if v == nil || (v.kind == jString && strings.TrimSpace(v.str) == "") {
		o.ps.add(o.at(k), CodeRequired, "%s is required", what)
		return ""
	}
	if v.kind != jString {
		o.ps.add(o.at(k), CodeType, "got %s, want a string", v.kind)
		return ""
	}
	return v.str
}

func (o *obj) boolean(k string) bool {
	if v := o.typed(k, jBool); v != nil {
		return v.b
	}
	return false
}

// integer reads a whole number within [lo, hi]; ok is false when absent or bad.
func (o *obj) integer(k string, lo, hi int) (int, bool) {
	v := o.typed(k, jNumber)
	if v == nil {
		return 0, false
	}
	return intValue(o.ps, o.at(k), v, lo, hi)
}

func intValue(ps *problems, path string, v *jnode, lo, hi int) (int, bool) {
	s := string(v.num)
	if len(s) > 12 || !allDigits(strings.TrimPrefix(s, "-")) {
		ps.add(path, CodeInvalid, "%s is not a whole number", s)
		return 0, false
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		ps.add(path, CodeInvalid, "%s is not a whole number", s)
		return 0, false
	}
	if n < lo || n > hi {
		ps.add(path, CodeOutOfRange, "%d is outside %d..%d", n, lo, hi)
		return 0, false
	}
	return n, true
}

func (o *obj) array(k string) []*jnode {
	if v := o.typed(k, jArray); v != nil {
		return v.elems
	}
	return nil
}

func (o *obj) object(k string) *obj {
	v := o.get(k)
	if v == nil {
		return nil
	}
	return asObject(o.ps, o.at(k), v)
}

// strings reads an array of strings.
func (o *obj) strings(k string) []string {
	var out []string
	for i, e := range o.array(k) {
		if e.kind != jString {
			o.ps.add(idx(o.at(k), i), CodeType, "got %s, want a string", e.kind)
			continue
		}
		out = append(out, e.str)
	}
	return out
}

// weight reads an exact weight given as a number (0.25) or a string ("0.25",
// "1/11"); nil when absent or bad.
func (o *obj) weight(k string) *big.Rat {
	v := o.get(k)
	if v == nil {
		return nil
	}
	var s string
	switch v.kind {
	case jNumber:
		s = string(v.num)
	case jString:
		s = strings.TrimSpace(v.str)
	default:
		o.ps.add(o.at(k), CodeType, "got %s, want a number or a string such as \"1/11\"", v.kind)
		return nil
	}
	r, err := parseWeight(s)
	if err != nil {
		o.ps.add(o.at(k), CodeInvalid, "%v: write a plain decimal (0.25) or a fraction (\"1/11\")", err)
		return nil
	}
	return r
}

// score reads a score given as a number (93.28) or a string ("93.28").
func (o *obj) score(k string) (Score, bool) {
	v := o.get(k)
	if v == nil {
		return 0, false
	}
	return scoreValue(o.ps, o.at(k), v)
}

func scoreValue(ps *problems, path string, v *jnode) (Score, bool) {
	var s string
	switch v.kind {
	case jNumber:
		s = string(v.num)
	case jString:
		s = strings.TrimSpace(v.str)
	default:
		ps.add(path, CodeType, "got %s, want a number such as 93.28", v.kind)
		return 0, false
	}
	sc, err := ParseScore(s)
	if err != nil {
		ps.add(path, CodeInvalid, "%v", err)
		return 0, false
	}
	return sc, true
}

// done reports every key that was not read as unknown; hints give a better
// message for keys users are known to try.
func (o *obj) done(hints map[string]string) {
	if o == nil {
		return
	}
	for _, k := range o.n.keys {
		if o.used[k] {
			continue
		}
		msg := "unknown field"
		if h, ok := hints[k]; ok {
			msg = "unknown field: " + h
		}
		o.ps.add(o.at(k), CodeUnknownField, "%s", msg)
	}
}
