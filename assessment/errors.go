package assessment

import (
	"errors"
	"fmt"
	"strings"
)

// Errors the service returns; pgstore translates driver errors into them and
// api maps them to status codes in one place.
var (
	// ErrNotFound: the record does not exist, or the actor may not know it does.
	ErrNotFound = errors.New("not found")
	// ErrForbidden: the actor's role or scope does not allow the action.
	ErrForbidden = errors.New("forbidden")
	// ErrLocked: the record can no longer change (accepted unit, opened period, …).
	ErrLocked = errors.New("locked")
	// ErrState: the action is not allowed from the record's current state.
	ErrState = errors.New("not allowed in this state")
	// ErrWindow: the action is outside the period's schedule window for it.
	ErrWindow = errors.New("outside the schedule window")
	// ErrConflict: a version conflict or a duplicate natural key.
	ErrConflict = errors.New("conflict")
	// ErrUnauthenticated: wrong credentials or a disabled account.
	ErrUnauthenticated = errors.New("unauthenticated")
)

// FieldError is one invalid input field, with a stable code the UI translates.
type FieldError struct {
	Field   string `json:"field"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// ValidationError lists every invalid field of one input at once.
type ValidationError struct {
	Fields []FieldError
}

func (e *ValidationError) Error() string {
	parts := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		parts[i] = f.Field + ": " + f.Message
	}
	return "invalid input: " + strings.Join(parts, "; ")
}

// Add records one problem.
func (e *ValidationError) Add(field, code, format string, args ...any) {
	e.Fields = append(e.Fields, FieldError{Field: field, Code: code, Message: fmt.Sprintf(format, args...)})
}

// Err returns e when it holds problems and nil otherwise.
func (e *ValidationError) Err() error {
	if len(e.Fields) == 0 {
		return nil
	}
	return e
}

// ConflictError is a version conflict: the save was based on a version that
// is no longer current. Current holds the record as it is now, so the user can
// choose; nothing was overwritten.
type ConflictError struct {
	Current any
	Reason  string
}

func (e *ConflictError) Error() string {
	if e.Reason != "" {
		return "conflict: " + e.Reason
	}
	return "conflict: the record was changed by someone else"
}

// Unwrap makes errors.Is(err, ErrConflict) true.
func (e *ConflictError) Unwrap() error { return ErrConflict }

// StateError explains a refused workflow transition.
type StateError struct {
	Action string
	From   string
	Kind   error // ErrState, ErrLocked or ErrWindow
	Detail string
}

func (e *StateError) Error() string {
	msg := fmt.Sprintf("%s is not allowed", e.Action)
	if e.From != "" {
		msg += " from state " + e.From
	}
	if e.Detail != "" {
		msg += ": " + e.Detail
	}
	return msg
}

// Unwrap returns the error kind.
func (e *StateError) Unwrap() error { return e.Kind }
