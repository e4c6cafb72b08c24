package scoring

import (
	"fmt"
	"sort"
	"strings"
)

// Stable problem codes. The HTTP API maps them to RFC 9457 field errors and the
// UI translates them, so they never change meaning.
const (
	CodeSyntax        = "syntax"         // the file is not well-formed JSON
	CodeUnknownField  = "unknown_field"  // a key the format does not define
	CodeDuplicateKey  = "duplicate_key"  // the same key twice in one object
	CodeRequired      = "required"       // a needed value is missing or empty
	CodeType          = "type"           // wrong JSON type (string for number, …)
	CodeInvalid       = "invalid"        // a value outside a closed set or malformed
	CodeOutOfRange    = "out_of_range"   // a number outside its allowed range
	CodeWeightSum     = "weight_sum"     // weights that must sum to 1 or 100 do not
	CodeDuplicateCode = "duplicate_code" // a code or id used twice where it must be unique
	CodeUnknownCode   = "unknown_code"   // a reference to a code that does not exist
	CodeNotAllowed    = "not_allowed"    // a value the method forbids here (N/A, answer for another kind)
	CodeMismatch      = "mismatch"       // a stated value disagrees with the computed one
	CodeUnsupported   = "unsupported"    // a format version or operation this version cannot handle
)

// Problem is one thing wrong with an input, located by a JSON-style path
// (e.g. `instrument.dimensions[1].indicators[4].weight`).
type Problem struct {
	Path    string `json:"path"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// String renders the problem as "path: message".
func (p Problem) String() string {
	if p.Path == "" {
		return p.Message
	}
	return p.Path + ": " + p.Message
}

// ValidationError reports every problem found in an input at once.
type ValidationError struct {
	Problems []Problem
}

// Error lists the problems, one per line.
func (e *ValidationError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// problems collects Problems while walking an input.
type problems struct {
	list []Problem
}

func (ps *problems) add(path, code, format string, args ...any) {
	ps.list = append(ps.list, Problem{Path: path, Code: code, Message: fmt.Sprintf(format, args...)})
}

// addAll adds the problems of err (a *ValidationError) under prefix; any
// other error becomes one problem at prefix.
func (ps *problems) addAll(prefix string, err error) {
	if err == nil {
		return
	}
	if ve, ok := err.(*ValidationError); ok {
		for _, p := range ve.Problems {
			ps.list = append(ps.list, Problem{Path: joinPath(prefix, p.Path), Code: p.Code, Message: p.Message})
		}
		return
	}
	ps.list = append(ps.list, Problem{Path: prefix, Code: CodeInvalid, Message: err.Error()})
}

// err returns nil without problems, else a *ValidationError in stable order:
// problems keep the order in which the walk met them.
func (ps *problems) err() error {
	if len(ps.list) == 0 {
		return nil
	}
	return &ValidationError{Problems: ps.list}
}

// joinPath joins a prefix and a relative path ("entities[2]" + "units[0]").
func joinPath(prefix, rel string) string {
	switch {
	case prefix == "":
		return rel
	case rel == "":
		return prefix
	case strings.HasPrefix(rel, "["):
		return prefix + rel
	}
	return prefix + "." + rel
}

func idx(path string, i int) string { return fmt.Sprintf("%s[%d]", path, i) }

func key(path, k string) string { return fmt.Sprintf("%s[%q]", path, k) }

// sortedKeys returns the keys of m in byte order: results never depend on map order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
