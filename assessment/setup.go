package assessment

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/mail"
	"strconv"
	"strings"
	"time"

	"github.com/ombudsman-ri/p4/scoring"
)

func requireAdmin(a Actor) error {
	if a.Role != RoleAdmin {
		return ErrForbidden
	}
	return nil
}

// CreateRegion adds a province, regency or city.
func (s *Service) CreateRegion(ctx context.Context, a Actor, r *Region, parentCode string) error {
	if err := requireAdmin(a); err != nil {
		return err
	}
	var ve ValidationError
	if strings.TrimSpace(r.Code) == "" {
		ve.Add("code", "required", "a region needs a code")
	}
	if strings.TrimSpace(r.Name) == "" {
		ve.Add("name", "required", "a region needs a name")
	}
	switch r.Level {
	case "province":
		if parentCode != "" {
			ve.Add("parent", "invalid", "a province has no parent region")
		}
	case "regency", "city":
		if parentCode == "" {
			ve.Add("parent", "required", "a %s belongs to a province", r.Level)
		}
	default:
		ve.Add("level", "invalid", "level must be province, regency or city")
	}
	if err := ve.Err(); err != nil {
		return err
	}
	return s.store.InTx(ctx, func(tx Store) error {
		if parentCode != "" {
			p, err := tx.RegionByCode(ctx, parentCode)
			if err != nil {
				return err
			}
			r.ParentID = p.ID
		}
		if err := tx.CreateRegion(ctx, r); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, "locus", "region.create", "region", r.ID, 0, 0, nil, r, "")
	})
}

// CreateEntity adds an entity with its units. ProvinceID must be set for all
// kinds but kementerian and lembaga.
func (s *Service) CreateEntity(ctx context.Context, a Actor, e *Entity) error {
	if err := requireAdmin(a); err != nil {
		return err
	}
	var ve ValidationError
	if strings.TrimSpace(e.Code) == "" {
		ve.Add("code", "required", "an entity needs a code")
	}
	if strings.TrimSpace(e.Name) == "" {
		ve.Add("name", "required", "an entity needs a name")
	}
	if _, err := scoring.ParseKind(string(e.Kind)); err != nil {
		ve.Add("kind", "invalid", "%v", err)
	}
	national := e.Kind == scoring.KindKementerian || e.Kind == scoring.KindLembaga
	if national && e.ProvinceID != 0 {
		ve.Add("province_id", "invalid", "a %s has no province", e.Kind)
	}
	if !national && e.ProvinceID == 0 {
		ve.Add("province_id", "required", "a %s belongs to a province", e.Kind)
	}
	if len(e.Units) == 0 {
		ve.Add("units", "required", "an entity needs at least one service unit")
	}
	seen := map[string]bool{}
	for i, u := range e.Units {
		if strings.TrimSpace(u.Code) == "" || strings.TrimSpace(u.Name) == "" {
			ve.Add(fieldIdx("units", i), "required", "a unit needs a code and a name")
		}
		if seen[u.Code] {
			ve.Add(fieldIdx("units", i)+".code", "duplicate", "unit code %q appears twice", u.Code)
		}
		seen[u.Code] = true
	}
	if err := ve.Err(); err != nil {
		return err
	}
	e.Active = true
	for i := range e.Units {
		e.Units[i].Active = true
	}
	return s.store.InTx(ctx, func(tx Store) error {
		if err := tx.CreateEntity(ctx, e); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, chainOf("entity", e.ID), "entity.create", "entity", e.ID, 0, e.ID, nil, e, "")
	})
}

// NewUser is the input for creating a user.
type NewUser struct {
	Email      string
	Name       string
	Role       Role
	ProvinceID int64
	EntityID   int64
	Password   string
	// PasswordHash, when set, is used instead of hashing Password: bulk
	// loads of many users sharing one password hash it once.
	PasswordHash string
}

// CreateUser adds a user with an argon2id-hashed password.
func (s *Service) CreateUser(ctx context.Context, a Actor, in NewUser) (User, error) {
	if err := requireAdmin(a); err != nil {
		return User{}, err
	}
	var ve ValidationError
	addr, err := mail.ParseAddress(in.Email)
	if err != nil || addr.Address != strings.TrimSpace(in.Email) {
		ve.Add("email", "invalid_email", "not an email address")
	}
	if strings.TrimSpace(in.Name) == "" {
		ve.Add("name", "required", "a user needs a name")
	}
	if _, err := ParseRole(string(in.Role)); err != nil {
		ve.Add("role", "invalid", "%v", err)
	}
	if in.Role == RoleAgency && in.EntityID == 0 {
		ve.Add("entity_id", "required", "an agency user is bound to one entity")
	}
	if in.Role != RoleAgency && in.EntityID != 0 {
		ve.Add("entity_id", "invalid", "only agency users are bound to an entity")
	}
	if in.Role == RoleCoordinator && in.ProvinceID == 0 {
		ve.Add("province_id", "required", "a coordinator supervises one province")
	}
	if in.PasswordHash == "" && len([]rune(in.Password)) < MinPasswordLength {
		ve.Add("password", "too_short", "a password needs at least %d characters", MinPasswordLength)
	}
	if err := ve.Err(); err != nil {
		return User{}, err
	}
	hash := in.PasswordHash
	if hash == "" {
		if hash, err = HashPassword(in.Password); err != nil {
			return User{}, err
		}
	}
	u := User{Email: strings.ToLower(strings.TrimSpace(in.Email)), Name: strings.TrimSpace(in.Name), Role: in.Role,
		ProvinceID: in.ProvinceID, EntityID: in.EntityID, Active: true, PasswordHash: hash, PasswordChangedAt: s.now()}
	err = s.store.InTx(ctx, func(tx Store) error {
		if err := tx.CreateUser(ctx, &u); err != nil {
			if errors.Is(err, ErrConflict) {
				return &ValidationError{Fields: []FieldError{{Field: "email", Code: "taken", Message: "a user with this email exists"}}}
			}
			return err
		}
		return s.audit(ctx, tx, a, chainOf("user", u.ID), "user.create", "user", u.ID, 0, u.EntityID, nil, u, "")
	})
	return u, err
}

// Authenticate returns the active user with this email and password.
func (s *Service) Authenticate(ctx context.Context, email, password string) (User, error) {
	u, err := s.store.UserByEmail(ctx, strings.ToLower(strings.TrimSpace(email)))
	if errors.Is(err, ErrNotFound) {
		// Spend the same time as a real check, so timing does not reveal accounts.
		CheckPassword(dummyHash, password)
		return User{}, ErrUnauthenticated
	}
	if err != nil {
		return User{}, err
	}
	if !CheckPassword(u.PasswordHash, password) || !u.Active {
		return User{}, ErrUnauthenticated
	}
	return u, nil
}

var dummyHash, _ = HashPassword("not a real password, for timing")

// RegisterMethod stores a method file as a new version of its code.
func (s *Service) RegisterMethod(ctx context.Context, a Actor, file []byte) (MethodVersion, error) {
	if err := requireAdmin(a); err != nil {
		return MethodVersion{}, err
	}
	m, err := scoring.ParseFile(file)
	if err != nil {
		return MethodVersion{}, err
	}
	canon, err := CanonicalJSON(file)
	if err != nil {
		return MethodVersion{}, err
	}
	sum := sha256.Sum256(canon)
	mv := MethodVersion{Code: m.Code, Name: m.Name, Family: m.Family, Definition: file, SHA256: hex.EncodeToString(sum[:]), Method: m}
	err = s.store.InTx(ctx, func(tx Store) error {
		last, err := tx.LatestMethodVersion(ctx, m.Code)
		switch {
		case err == nil:
			if last.SHA256 == mv.SHA256 {
				mv = last // the same file again: nothing new
				mv.Method = m
				return nil
			}
			mv.Version = last.Version + 1
		case errors.Is(err, ErrNotFound):
			mv.Version = 1
		default:
			return err
		}
		if err := tx.CreateMethod(ctx, &mv); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, "methods", "method.create", "method", mv.ID, 0, 0, nil,
			map[string]any{"code": mv.Code, "version": mv.Version, "sha256": mv.SHA256}, "")
	})
	return mv, err
}

// PeriodInput creates or schedules a period. Dates are calendar days.
type PeriodInput struct {
	Year       int
	Name       string
	MethodID   int64
	Historical bool
	Fieldwork  Window
	Review     Window
	Objection  Window
	PublishOn  *time.Time
}

// CreatePeriod adds a period in planning.
func (s *Service) CreatePeriod(ctx context.Context, a Actor, in PeriodInput) (Period, error) {
	if err := requireAdmin(a); err != nil {
		return Period{}, err
	}
	var ve ValidationError
	if in.Year < 2000 || in.Year > 2100 {
		ve.Add("year", "out_of_range", "year must be between 2000 and 2100")
	}
	for _, w := range []struct {
		name string
		w    Window
	}{{"fieldwork", in.Fieldwork}, {"review", in.Review}, {"objection", in.Objection}} {
		if (w.w.From == nil) != (w.w.To == nil) {
			ve.Add(w.name, "incomplete", "give both the first and the last day")
		} else if w.w.From != nil && w.w.To.Before(*w.w.From) {
			ve.Add(w.name+".to", "before_start", "the window ends before it starts")
		}
	}
	if err := ve.Err(); err != nil {
		return Period{}, err
	}
	p := Period{Year: in.Year, Name: in.Name, MethodID: in.MethodID, Status: PeriodPlanning, Historical: in.Historical,
		Fieldwork: in.Fieldwork, Review: in.Review, Objection: in.Objection, PublishOn: in.PublishOn}
	if p.Name == "" {
		p.Name = "P4 " + strconv.Itoa(in.Year)
	}
	err := s.store.InTx(ctx, func(tx Store) error {
		if _, err := tx.Method(ctx, in.MethodID); err != nil {
			if errors.Is(err, ErrNotFound) {
				return &ValidationError{Fields: []FieldError{{Field: "method_id", Code: "unknown", Message: "no such method"}}}
			}
			return err
		}
		if err := tx.CreatePeriod(ctx, &p); err != nil {
			if errors.Is(err, ErrConflict) {
				return &ValidationError{Fields: []FieldError{{Field: "year", Code: "taken", Message: "a period for this year exists"}}}
			}
			return err
		}
		return s.audit(ctx, tx, a, chainOf("period", p.ID), "period.create", "period", p.ID, p.ID, 0, nil, periodAudit(p), "")
	})
	return p, err
}

func periodAudit(p Period) map[string]any {
	day := func(t *time.Time) any {
		if t == nil {
			return nil
		}
		return t.Format(time.DateOnly)
	}
	return map[string]any{"year": p.Year, "name": p.Name, "method_id": p.MethodID, "status": p.Status,
		"fieldwork": []any{day(p.Fieldwork.From), day(p.Fieldwork.To)}, "review": []any{day(p.Review.From), day(p.Review.To)},
		"objection": []any{day(p.Objection.From), day(p.Objection.To)}, "publish_on": day(p.PublishOn)}
}

// AddToLocus puts an entity into a period's locus (all its active units, or
// none when it is not assessed, which needs a reason).
func (s *Service) AddToLocus(ctx context.Context, a Actor, periodID, entityID int64, assessed bool, reason string) error {
	if err := requireAdmin(a); err != nil {
		return err
	}
	if !assessed && strings.TrimSpace(reason) == "" {
		return &ValidationError{Fields: []FieldError{{Field: "not_assessed_reason", Code: "required", Message: "say why the entity is not assessed"}}}
	}
	return s.store.InTx(ctx, func(tx Store) error {
		p, err := tx.Period(ctx, periodID)
		if err != nil {
			return err
		}
		if p.Status != PeriodPlanning && p.Status != PeriodOpen {
			return &StateError{Action: "changing the locus", From: p.Status, Kind: ErrLocked}
		}
		e, err := tx.Entity(ctx, entityID)
		if err != nil {
			return err
		}
		pe := PeriodEntity{PeriodID: periodID, EntityID: entityID, Assessed: assessed, NotAssessedReason: strings.TrimSpace(reason), State: EntityAssessing}
		if err := tx.AddPeriodEntity(ctx, pe); err != nil {
			return err
		}
		if assessed && !p.Historical {
			for _, u := range e.Units {
				if !u.Active {
					continue
				}
				ua := UnitAssessment{PeriodID: periodID, EntityID: entityID, UnitID: u.ID, State: UnitDraft}
				if err := tx.CreateUnitAssessment(ctx, &ua); err != nil {
					return err
				}
			}
		}
		return s.audit(ctx, tx, a, chainOf("period", periodID), "locus.add", "entity", entityID, periodID, entityID, nil, pe, reason)
	})
}

// Assign gives an assessor a unit assessment. Coordinators assign within their province.
func (s *Service) Assign(ctx context.Context, a Actor, unitAssessmentID, userID int64) error {
	return s.store.InTx(ctx, func(tx Store) error {
		ua, err := tx.UnitAssessment(ctx, unitAssessmentID, true)
		if err != nil {
			return err
		}
		e, err := tx.Entity(ctx, ua.EntityID)
		if err != nil {
			return err
		}
		if !inProvince(a, e) {
			return ErrForbidden
		}
		u, err := tx.User(ctx, userID)
		if err != nil {
			return err
		}
		if u.Role != RoleAssessor || !u.Active {
			return &ValidationError{Fields: []FieldError{{Field: "user_id", Code: "not_assessor", Message: "only an active assessor can be assigned"}}}
		}
		if err := tx.Assign(ctx, unitAssessmentID, userID); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, chainOf("ua", ua.ID), "assignment.add", "unit_assessment", ua.ID, ua.PeriodID, ua.EntityID, nil, map[string]any{"user_id": userID}, "")
	})
}

// Unassign takes an assessor off a unit assessment (admin, or the
// coordinator of its province); reassigning is Assign of the new assessor
// and Unassign of the old one. Answers already saved stay.
func (s *Service) Unassign(ctx context.Context, a Actor, unitAssessmentID, userID int64) error {
	return s.store.InTx(ctx, func(tx Store) error {
		ua, err := tx.UnitAssessment(ctx, unitAssessmentID, true)
		if err != nil {
			return err
		}
		e, err := tx.Entity(ctx, ua.EntityID)
		if err != nil {
			return err
		}
		if !inProvince(a, e) {
			return ErrForbidden
		}
		if err := tx.Unassign(ctx, unitAssessmentID, userID); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, chainOf("ua", ua.ID), "assignment.remove", "unit_assessment", ua.ID, ua.PeriodID, ua.EntityID, map[string]any{"user_id": userID}, nil, "")
	})
}

// OpenPeriod starts the period: its method and instrument are locked from now on.
func (s *Service) OpenPeriod(ctx context.Context, a Actor, periodID int64) error {
	return s.setPeriodStatus(ctx, a, periodID, PeriodPlanning, PeriodOpen, "period.open")
}

// ClosePeriod ends changes to a period before publication.
func (s *Service) ClosePeriod(ctx context.Context, a Actor, periodID int64) error {
	return s.setPeriodStatus(ctx, a, periodID, PeriodOpen, PeriodClosed, "period.close")
}

func (s *Service) setPeriodStatus(ctx context.Context, a Actor, periodID int64, from, to, action string) error {
	if err := requireAdmin(a); err != nil {
		return err
	}
	return s.store.InTx(ctx, func(tx Store) error {
		p, err := tx.Period(ctx, periodID)
		if err != nil {
			return err
		}
		if p.Status == to {
			return nil
		}
		if p.Status != from {
			return &StateError{Action: action, From: p.Status, Kind: ErrState}
		}
		old := periodAudit(p)
		p.Status = to
		if err := tx.UpdatePeriod(ctx, &p); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, chainOf("period", p.ID), action, "period", p.ID, p.ID, 0, old, periodAudit(p), "")
	})
}

func fieldIdx(name string, i int) string { return name + "[" + strconv.Itoa(i) + "]" }

// Schedule is a period's windows.
type Schedule struct {
	Fieldwork Window
	Review    Window
	Objection Window
	PublishOn *time.Time
}

// SetSchedule changes a period's schedule windows (admin), with a reason
// kept in the audit log. The version must be the period's current one.
func (s *Service) SetSchedule(ctx context.Context, a Actor, periodID int64, version int, sc Schedule, reason string) (Period, error) {
	if err := requireAdmin(a); err != nil {
		return Period{}, err
	}
	var ve ValidationError
	for _, w := range []struct {
		name string
		w    Window
	}{{"fieldwork", sc.Fieldwork}, {"review", sc.Review}, {"objection", sc.Objection}} {
		if (w.w.From == nil) != (w.w.To == nil) {
			ve.Add(w.name, "incomplete", "give both the first and the last day")
		} else if w.w.From != nil && w.w.To.Before(*w.w.From) {
			ve.Add(w.name+".to", "before_start", "the window ends before it starts")
		}
	}
	if err := ve.Err(); err != nil {
		return Period{}, err
	}
	var out Period
	err := s.store.InTx(ctx, func(tx Store) error {
		p, err := tx.Period(ctx, periodID)
		if err != nil {
			return err
		}
		if p.Status == PeriodPublished {
			return &StateError{Action: "period.schedule", From: p.Status, Kind: ErrLocked}
		}
		if p.Version != version {
			return &ConflictError{Current: p, Reason: "the period was changed by someone else"}
		}
		old := periodAudit(p)
		p.Fieldwork, p.Review, p.Objection, p.PublishOn = sc.Fieldwork, sc.Review, sc.Objection, sc.PublishOn
		if err := tx.UpdatePeriod(ctx, &p); err != nil {
			return err
		}
		out = p
		return s.audit(ctx, tx, a, chainOf("period", p.ID), "period.schedule", "period", p.ID, p.ID, 0, old, periodAudit(p), reason)
	})
	return out, err
}

// EntityPatch changes an entity (admin): nil fields stay.
type EntityPatch struct {
	Name   *string
	Active *bool
}

// UpdateEntity renames or (de)activates an entity. A deactivated entity is
// not put into new periods' locus; its records stay.
func (s *Service) UpdateEntity(ctx context.Context, a Actor, id int64, p EntityPatch) (Entity, error) {
	if err := requireAdmin(a); err != nil {
		return Entity{}, err
	}
	if p.Name != nil && strings.TrimSpace(*p.Name) == "" {
		return Entity{}, &ValidationError{Fields: []FieldError{{Field: "name", Code: "required", Message: "an entity needs a name"}}}
	}
	var out Entity
	err := s.store.InTx(ctx, func(tx Store) error {
		e, err := tx.Entity(ctx, id)
		if err != nil {
			return err
		}
		old := map[string]any{"name": e.Name, "active": e.Active}
		if p.Name != nil {
			e.Name = strings.TrimSpace(*p.Name)
		}
		if p.Active != nil {
			e.Active = *p.Active
		}
		if err := tx.UpdateEntity(ctx, e); err != nil {
			return err
		}
		out = e
		return s.audit(ctx, tx, a, chainOf("entity", e.ID), "entity.update", "entity", e.ID, 0, e.ID, old, map[string]any{"name": e.Name, "active": e.Active}, "")
	})
	return out, err
}

// UnitPatch changes a unit (admin): nil fields stay.
type UnitPatch struct {
	Name   *string
	Active *bool
}

// AddUnit adds a service unit to an entity.
func (s *Service) AddUnit(ctx context.Context, a Actor, entityID int64, u Unit) (Unit, error) {
	if err := requireAdmin(a); err != nil {
		return Unit{}, err
	}
	var ve ValidationError
	if strings.TrimSpace(u.Code) == "" {
		ve.Add("code", "required", "a unit needs a code")
	}
	if strings.TrimSpace(u.Name) == "" {
		ve.Add("name", "required", "a unit needs a name")
	}
	if err := ve.Err(); err != nil {
		return Unit{}, err
	}
	u.EntityID, u.Active = entityID, true
	err := s.store.InTx(ctx, func(tx Store) error {
		if _, err := tx.Entity(ctx, entityID); err != nil {
			return err
		}
		if err := tx.AddUnit(ctx, &u); err != nil {
			if errors.Is(err, ErrConflict) {
				return &ValidationError{Fields: []FieldError{{Field: "code", Code: "taken", Message: "the entity has a unit with this code"}}}
			}
			return err
		}
		return s.audit(ctx, tx, a, chainOf("entity", entityID), "unit.add", "unit", u.ID, 0, entityID, nil, u, "")
	})
	return u, err
}

// UpdateUnit renames or (de)activates a unit.
func (s *Service) UpdateUnit(ctx context.Context, a Actor, entityID, unitID int64, p UnitPatch) (Unit, error) {
	if err := requireAdmin(a); err != nil {
		return Unit{}, err
	}
	if p.Name != nil && strings.TrimSpace(*p.Name) == "" {
		return Unit{}, &ValidationError{Fields: []FieldError{{Field: "name", Code: "required", Message: "a unit needs a name"}}}
	}
	var out Unit
	err := s.store.InTx(ctx, func(tx Store) error {
		e, err := tx.Entity(ctx, entityID)
		if err != nil {
			return err
		}
		for _, u := range e.Units {
			if u.ID != unitID {
				continue
			}
			old := map[string]any{"name": u.Name, "active": u.Active}
			if p.Name != nil {
				u.Name = strings.TrimSpace(*p.Name)
			}
			if p.Active != nil {
				u.Active = *p.Active
			}
			if err := tx.UpdateUnit(ctx, u); err != nil {
				return err
			}
			out = u
			return s.audit(ctx, tx, a, chainOf("entity", entityID), "unit.update", "unit", u.ID, 0, entityID, old, map[string]any{"name": u.Name, "active": u.Active}, "")
		}
		return ErrNotFound
	})
	return out, err
}
