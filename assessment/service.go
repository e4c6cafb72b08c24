package assessment

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/ombudsman-ri/p4/scoring"
)

// wib is Western Indonesia Time, in which schedule windows are whole days.
var wib = time.FixedZone("WIB", 7*60*60)

// Service is the assessment domain's API, used by api and the CLI.
type Service struct {
	store Store
	blobs BlobStore
	now   func() time.Time

	methods *methodCache
}

// methodCache holds parsed method versions: they are immutable, so caching
// them is safe, and one cache serves every Service sharing it.
type methodCache struct {
	mu sync.Mutex
	m  map[int64]*scoring.Method
}

// withStore returns a Service with the same settings over another store
// (a transaction).
func (s *Service) withStore(st Store) *Service {
	return &Service{store: st, blobs: s.blobs, now: s.now, methods: s.methods}
}

// Option configures a Service.
type Option func(*Service)

// WithClock replaces the clock (tests, and the demo loader that replays a year).
func WithClock(now func() time.Time) Option { return func(s *Service) { s.now = now } }

// WithBlobStore sets where evidence files are kept.
func WithBlobStore(b BlobStore) Option { return func(s *Service) { s.blobs = b } }

// NewService returns a Service over store.
func NewService(store Store, opts ...Option) *Service {
	s := &Service{store: store, now: time.Now, methods: &methodCache{m: map[int64]*scoring.Method{}}}
	for _, o := range opts {
		o(s)
	}
	return s
}

// Store returns the service's store, for read paths that need no rule.
func (s *Service) Store() Store { return s.store }

// today is the current day in WIB, as a UTC midnight for window comparisons.
func (s *Service) today() time.Time {
	t := s.now().In(wib)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// method returns the parsed method of a stored version.
func (s *Service) method(ctx context.Context, st Store, id int64) (*scoring.Method, error) {
	s.methods.mu.Lock()
	m, ok := s.methods.m[id]
	s.methods.mu.Unlock()
	if ok {
		return m, nil
	}
	mv, err := st.Method(ctx, id)
	if err != nil {
		return nil, err
	}
	m, err = scoring.ParseFile(mv.Definition)
	if err != nil {
		return nil, fmt.Errorf("stored method %d no longer parses: %w", id, err)
	}
	s.methods.mu.Lock()
	s.methods.m[id] = m
	s.methods.mu.Unlock()
	return m, nil
}

// MethodOf returns the parsed method of a period.
func (s *Service) MethodOf(ctx context.Context, p Period) (*scoring.Method, error) {
	return s.method(ctx, s.store, p.MethodID)
}

// audit appends one row to the audit log inside tx.
func (s *Service) audit(ctx context.Context, tx Store, a Actor, chain, action, objType string, objID any, periodID, entityID int64, oldV, newV any, reason string) error {
	e, err := s.auditEntry(a, chain, action, objType, objID, periodID, entityID, oldV, newV, reason)
	if err != nil {
		return err
	}
	return tx.AppendAudit(ctx, &e)
}

// auditEntry builds an audit entry (its hashes are filled when appended).
func (s *Service) auditEntry(a Actor, chain, action, objType string, objID any, periodID, entityID int64, oldV, newV any, reason string) (AuditEntry, error) {
	e := AuditEntry{
		Chain: chain, At: s.now().UTC().Truncate(time.Microsecond), ActorID: a.UserID, Actor: a.Name,
		Action: action, ObjectType: objType, ObjectID: fmt.Sprint(objID), PeriodID: periodID, EntityID: entityID, Reason: reason,
	}
	var err error
	if oldV != nil {
		if e.Old, err = json.Marshal(oldV); err != nil {
			return e, err
		}
	}
	if newV != nil {
		if e.New, err = json.Marshal(newV); err != nil {
			return e, err
		}
	}
	return e, nil
}

func chainOf(kind string, id int64) string { return kind + ":" + strconv.FormatInt(id, 10) }

// VerifyAudit checks every chain of the audit log and returns the number of
// rows checked and the first row that breaks a chain, if any.
func (s *Service) VerifyAudit(ctx context.Context) (int, *AuditProblem, error) {
	v := NewAuditVerifier()
	err := s.store.EachAudit(ctx, func(e AuditEntry) error {
		if p := v.Check(e); p != nil {
			return p
		}
		return nil
	})
	if p, ok := err.(*AuditProblem); ok {
		return v.Rows, p, nil
	}
	return v.Rows, nil, err
}

// inScope reports whether the actor's province scope covers the entity.
func inProvince(a Actor, e Entity) bool {
	return a.Role == RoleAdmin || (a.Role == RoleCoordinator && a.ProvinceID != 0 && a.ProvinceID == e.ProvinceID)
}

func isAssigned(a Actor, ua UnitAssessment) bool {
	if a.Role != RoleAssessor {
		return false
	}
	for _, id := range ua.Assessors {
		if id == a.UserID {
			return true
		}
	}
	return false
}

// CanRead reports whether the actor may read the working records (answers,
// notes, evidence) of a unit assessment of entity e.
func CanRead(a Actor, e Entity, ua UnitAssessment) bool {
	switch a.Role {
	case RoleAdmin, RoleLeadership:
		return true
	case RoleCoordinator:
		return inProvince(a, e)
	case RoleAssessor:
		return isAssigned(a, ua)
	case RoleAgency:
		return a.EntityID == e.ID
	}
	return false
}
