package pgstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"gorm.io/gorm"

	"github.com/ombudsman-ri/p4/assessment"
	"github.com/ombudsman-ri/p4/scoring"
)

// Store implements assessment.Store over PostgreSQL.
type Store struct {
	db   *gorm.DB
	inTx bool
	// conn is the connection the transaction runs on (InTx over a pool),
	// for the bulk reads and writes that use pgx directly (bulk.go).
	conn *sql.Conn
}

// New returns a Store over db.
func New(db *gorm.DB) *Store { return &Store{db: db} }

var _ assessment.Store = (*Store)(nil)

func (s *Store) q(ctx context.Context) *gorm.DB { return s.db.WithContext(ctx) }

// InTx runs fn in one transaction; inside a transaction it runs fn directly.
// The transaction runs on a connection of its own taken from the pool
// (gorm's Connection), which the store keeps so that bulk statements can
// reach its pgx connection (withPgx), inside the same transaction.
func (s *Store) InTx(ctx context.Context, fn func(tx assessment.Store) error) error {
	if s.inTx {
		return fn(s)
	}
	db := s.q(ctx)
	if _, pool := db.Statement.ConnPool.(*sql.DB); !pool {
		return db.Transaction(func(tx *gorm.DB) error {
			return fn(&Store{db: tx, inTx: true})
		})
	}
	return db.Connection(func(c *gorm.DB) error {
		conn, _ := c.Statement.ConnPool.(*sql.Conn)
		return c.Transaction(func(tx *gorm.DB) error {
			return fn(&Store{db: tx, inTx: true, conn: conn})
		})
	})
}

// Ping runs SELECT 1.
func (s *Store) Ping(ctx context.Context) error {
	var one int
	return translate(s.q(ctx).Raw(`SELECT 1`).Scan(&one).Error, "ping")
}

// ResultsVersion reads the one-row results version (migration 0007).
func (s *Store) ResultsVersion(ctx context.Context) (int64, error) {
	var v int64
	return v, translate(s.q(ctx).Raw(`SELECT version FROM results_version`).Scan(&v).Error, "results version")
}

// translate maps driver errors to the domain's.
func translate(err error, what string) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return fmt.Errorf("%s: %w", what, assessment.ErrNotFound)
	}
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		switch pg.Code {
		case "23505":
			return fmt.Errorf("%s: duplicate (%s): %w", what, pg.ConstraintName, assessment.ErrConflict)
		case "23503":
			return fmt.Errorf("%s: refers to a missing record (%s): %w", what, pg.ConstraintName, assessment.ErrNotFound)
		case "23514", "23502", "22P02", "22003":
			return &assessment.ValidationError{Fields: []assessment.FieldError{{Field: pg.ColumnName, Code: "invalid", Message: what + ": " + pg.ConstraintName}}}
		}
	}
	return fmt.Errorf("%s: %w", what, err)
}

// one runs a query expected to return exactly one row into dst.
func one(db *gorm.DB, what string, dst any, sql string, args ...any) error {
	res := db.Raw(sql, args...).Scan(dst)
	if res.Error != nil {
		return translate(res.Error, what)
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("%s: %w", what, assessment.ErrNotFound)
	}
	return nil
}

func exec(db *gorm.DB, what string, sql string, args ...any) (int64, error) {
	res := db.Exec(sql, args...)
	return res.RowsAffected, translate(res.Error, what)
}

func forUpdate(b bool) string {
	if b {
		return " FOR UPDATE"
	}
	return ""
}

func nz(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// ---- regions, entities, units

type regionRow struct {
	ID       int64
	Code     string
	Name     string
	Level    string
	ParentID *int64
}

func (r regionRow) toRegion() assessment.Region {
	out := assessment.Region{ID: r.ID, Code: r.Code, Name: r.Name, Level: r.Level}
	if r.ParentID != nil {
		out.ParentID = *r.ParentID
	}
	return out
}

// CreateRegion inserts a region.
func (s *Store) CreateRegion(ctx context.Context, r *assessment.Region) error {
	return one(s.q(ctx), "create region", &r.ID, `INSERT INTO regions (code, name, level, parent_id) VALUES (?, ?, ?, ?) RETURNING id`,
		r.Code, r.Name, r.Level, nz(r.ParentID))
}

// RegionByCode finds a region.
func (s *Store) RegionByCode(ctx context.Context, code string) (assessment.Region, error) {
	var row regionRow
	err := one(s.q(ctx), "region "+code, &row, `SELECT id, code, name, level, parent_id FROM regions WHERE code = ?`, code)
	return row.toRegion(), err
}

// Regions lists all regions by code.
func (s *Store) Regions(ctx context.Context) ([]assessment.Region, error) {
	var rows []regionRow
	if err := s.q(ctx).Raw(`SELECT id, code, name, level, parent_id FROM regions ORDER BY code`).Scan(&rows).Error; err != nil {
		return nil, translate(err, "regions")
	}
	out := make([]assessment.Region, len(rows))
	for i, r := range rows {
		out[i] = r.toRegion()
	}
	return out, nil
}

type entityRow struct {
	ID           int64
	Code         string
	Name         string
	Kind         string
	ProvinceID   *int64
	ProvinceCode *string
	RegionID     *int64
	Active       bool
}

// toEntity is the entity of the row, without its units.
func (r entityRow) toEntity() assessment.Entity {
	e := assessment.Entity{ID: r.ID, Code: r.Code, Name: r.Name, Kind: scoring.Kind(r.Kind), Active: r.Active}
	if r.ProvinceID != nil {
		e.ProvinceID = *r.ProvinceID
	}
	if r.ProvinceCode != nil {
		e.ProvinceCode = *r.ProvinceCode
	}
	if r.RegionID != nil {
		e.RegionID = *r.RegionID
	}
	return e
}

type unitRow struct {
	ID       int64
	EntityID int64
	Code     string
	Name     string
	Kind     string
	Active   bool
}

// CreateEntity inserts an entity with its units and products.
func (s *Store) CreateEntity(ctx context.Context, e *assessment.Entity) error {
	return s.InTx(ctx, func(txs assessment.Store) error {
		tx := txs.(*Store).q(ctx)
		if err := one(tx, "create entity", &e.ID, `INSERT INTO entities (code, name, kind, province_id, region_id, active) VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
			e.Code, e.Name, string(e.Kind), nz(e.ProvinceID), nz(e.RegionID), e.Active); err != nil {
			return err
		}
		for i := range e.Units {
			u := &e.Units[i]
			u.EntityID = e.ID
			if err := one(tx, "create unit", &u.ID, `INSERT INTO units (entity_id, code, name, kind, active) VALUES (?, ?, ?, ?, ?) RETURNING id`,
				e.ID, u.Code, u.Name, u.Kind, u.Active); err != nil {
				return err
			}
			for _, p := range u.Products {
				if _, err := exec(tx, "create service product", `INSERT INTO service_products (unit_id, name) VALUES (?, ?)`, u.ID, p); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

const entitySelect = `SELECT e.id, e.code, e.name, e.kind, e.province_id, r.code AS province_code, e.region_id, e.active
	FROM entities e LEFT JOIN regions r ON r.id = e.province_id`

func (s *Store) entityWhere(ctx context.Context, what, where string, arg any) (assessment.Entity, error) {
	var row entityRow
	if err := one(s.q(ctx), what, &row, entitySelect+` WHERE `+where, arg); err != nil {
		return assessment.Entity{}, err
	}
	e := row.toEntity()
	var units []unitRow
	if err := s.q(ctx).Raw(`SELECT id, entity_id, code, name, kind, active FROM units WHERE entity_id = ? ORDER BY id`, e.ID).Scan(&units).Error; err != nil {
		return e, translate(err, "units")
	}
	var prods []struct {
		UnitID int64
		Name   string
	}
	if err := s.q(ctx).Raw(`SELECT p.unit_id, p.name FROM service_products p JOIN units u ON u.id = p.unit_id WHERE u.entity_id = ? ORDER BY p.id`, e.ID).Scan(&prods).Error; err != nil {
		return e, translate(err, "service products")
	}
	byUnit := map[int64][]string{}
	for _, p := range prods {
		byUnit[p.UnitID] = append(byUnit[p.UnitID], p.Name)
	}
	for _, u := range units {
		e.Units = append(e.Units, assessment.Unit{ID: u.ID, EntityID: u.EntityID, Code: u.Code, Name: u.Name, Kind: u.Kind, Active: u.Active, Products: byUnit[u.ID]})
	}
	return e, nil
}

// Entity reads an entity with its units.
func (s *Store) Entity(ctx context.Context, id int64) (assessment.Entity, error) {
	return s.entityWhere(ctx, fmt.Sprintf("entity %d", id), "e.id = ?", id)
}

// EntityByCode reads an entity by its code.
func (s *Store) EntityByCode(ctx context.Context, code string) (assessment.Entity, error) {
	return s.entityWhere(ctx, "entity "+code, "e.code = ?", code)
}

// UpdateEntity writes an entity's name and active flag.
func (s *Store) UpdateEntity(ctx context.Context, e assessment.Entity) error {
	n, err := exec(s.q(ctx), "update entity", `UPDATE entities SET name = ?, active = ?, updated_at = now() WHERE id = ?`, e.Name, e.Active, e.ID)
	if err == nil && n == 0 {
		return fmt.Errorf("entity %d: %w", e.ID, assessment.ErrNotFound)
	}
	return err
}

// AddUnit inserts a unit with its products.
func (s *Store) AddUnit(ctx context.Context, u *assessment.Unit) error {
	return s.InTx(ctx, func(txs assessment.Store) error {
		tx := txs.(*Store).q(ctx)
		if err := one(tx, "add unit", &u.ID, `INSERT INTO units (entity_id, code, name, kind, active) VALUES (?, ?, ?, ?, ?) RETURNING id`,
			u.EntityID, u.Code, u.Name, u.Kind, u.Active); err != nil {
			return err
		}
		for _, p := range u.Products {
			if _, err := exec(tx, "add service product", `INSERT INTO service_products (unit_id, name) VALUES (?, ?) ON CONFLICT DO NOTHING`, u.ID, p); err != nil {
				return err
			}
		}
		return nil
	})
}

// UpdateUnit writes a unit's name and active flag.
func (s *Store) UpdateUnit(ctx context.Context, u assessment.Unit) error {
	n, err := exec(s.q(ctx), "update unit", `UPDATE units SET name = ?, active = ? WHERE id = ? AND entity_id = ?`, u.Name, u.Active, u.ID, u.EntityID)
	if err == nil && n == 0 {
		return fmt.Errorf("unit %d: %w", u.ID, assessment.ErrNotFound)
	}
	return err
}

// ---- users

type userRow struct {
	ID                int64
	Email             string
	Name              string
	PasswordHash      string
	Role              string
	ProvinceID        *int64
	EntityID          *int64
	Active            bool
	PasswordChangedAt time.Time
}

func (r userRow) toUser() assessment.User {
	u := assessment.User{ID: r.ID, Email: r.Email, Name: r.Name, PasswordHash: r.PasswordHash, Role: assessment.Role(r.Role),
		Active: r.Active, PasswordChangedAt: r.PasswordChangedAt}
	if r.ProvinceID != nil {
		u.ProvinceID = *r.ProvinceID
	}
	if r.EntityID != nil {
		u.EntityID = *r.EntityID
	}
	return u
}

const userSelect = `SELECT id, email, name, password_hash, role, province_id, entity_id, active, password_changed_at FROM users`

// CreateUser inserts a user.
func (s *Store) CreateUser(ctx context.Context, u *assessment.User) error {
	return one(s.q(ctx), "create user", &u.ID, `INSERT INTO users (email, name, password_hash, role, province_id, entity_id, active, password_changed_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, u.Email, u.Name, u.PasswordHash, string(u.Role), nz(u.ProvinceID), nz(u.EntityID), u.Active, u.PasswordChangedAt)
}

// User reads a user.
func (s *Store) User(ctx context.Context, id int64) (assessment.User, error) {
	var row userRow
	err := one(s.q(ctx), fmt.Sprintf("user %d", id), &row, userSelect+` WHERE id = ?`, id)
	return row.toUser(), err
}

// UserNames maps user ids to names in one query.
func (s *Store) UserNames(ctx context.Context, ids ...int64) (map[int64]string, error) {
	out := map[int64]string{}
	seen := map[int64]bool{}
	var want []int64
	for _, id := range ids {
		if id != 0 && !seen[id] {
			seen[id] = true
			want = append(want, id)
		}
	}
	// One statement even when there is no one to name (id 0 is never a
	// user), so that a read sends the same number of statements whatever it
	// holds (queries_test.go).
	if len(want) == 0 {
		want = []int64{0}
	}
	var rows []struct {
		ID   int64
		Name string
	}
	if err := s.q(ctx).Raw(`SELECT id, name FROM users WHERE id IN ?`, want).Scan(&rows).Error; err != nil {
		return nil, translate(err, "user names")
	}
	for _, r := range rows {
		out[r.ID] = r.Name
	}
	return out, nil
}

// UserByEmail reads a user by email, case-insensitively.
func (s *Store) UserByEmail(ctx context.Context, email string) (assessment.User, error) {
	var row userRow
	err := one(s.q(ctx), "user", &row, userSelect+` WHERE lower(email) = lower(?)`, email)
	return row.toUser(), err
}

// UpdateUser writes a user's mutable fields.
func (s *Store) UpdateUser(ctx context.Context, u assessment.User) error {
	n, err := exec(s.q(ctx), "update user", `UPDATE users SET name = ?, password_hash = ?, role = ?, province_id = ?, entity_id = ?, active = ?,
		password_changed_at = ?, updated_at = now() WHERE id = ?`, u.Name, u.PasswordHash, string(u.Role), nz(u.ProvinceID), nz(u.EntityID), u.Active, u.PasswordChangedAt, u.ID)
	if err == nil && n == 0 {
		return fmt.Errorf("user %d: %w", u.ID, assessment.ErrNotFound)
	}
	return err
}

// ---- methods and periods

type methodRow struct {
	ID         int64
	Code       string
	Version    int
	Name       string
	Family     string
	Definition string
	Sha256     string
}

func (r methodRow) toMethod() assessment.MethodVersion {
	return assessment.MethodVersion{ID: r.ID, Code: r.Code, Version: r.Version, Name: r.Name, Family: r.Family, Definition: []byte(r.Definition), SHA256: r.Sha256}
}

// CreateMethod inserts a method version.
func (s *Store) CreateMethod(ctx context.Context, m *assessment.MethodVersion) error {
	return one(s.q(ctx), "create method", &m.ID, `INSERT INTO methods (code, version, name, family, definition, sha256) VALUES (?, ?, ?, ?, ?::jsonb, ?) RETURNING id`,
		m.Code, m.Version, m.Name, m.Family, string(m.Definition), m.SHA256)
}

// Method reads a method version.
func (s *Store) Method(ctx context.Context, id int64) (assessment.MethodVersion, error) {
	var row methodRow
	err := one(s.q(ctx), fmt.Sprintf("method %d", id), &row, `SELECT id, code, version, name, family, definition::text AS definition, sha256 FROM methods WHERE id = ?`, id)
	return row.toMethod(), err
}

// LatestMethodVersion reads the newest version of a method code.
func (s *Store) LatestMethodVersion(ctx context.Context, code string) (assessment.MethodVersion, error) {
	var row methodRow
	err := one(s.q(ctx), "method "+code, &row, `SELECT id, code, version, name, family, definition::text AS definition, sha256 FROM methods WHERE code = ? ORDER BY version DESC LIMIT 1`, code)
	return row.toMethod(), err
}

type periodRow struct {
	ID            int64
	Year          int
	Name          string
	MethodID      int64
	Status        string
	Historical    bool
	FieldworkFrom *time.Time
	FieldworkTo   *time.Time
	ReviewFrom    *time.Time
	ReviewTo      *time.Time
	ObjectionFrom *time.Time
	ObjectionTo   *time.Time
	PublishOn     *time.Time
	PublishedAt   *time.Time
	Version       int
}

func utcDay(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	return &d
}

func (r periodRow) toPeriod() assessment.Period {
	return assessment.Period{ID: r.ID, Year: r.Year, Name: r.Name, MethodID: r.MethodID, Status: r.Status, Historical: r.Historical,
		Fieldwork: assessment.Window{From: utcDay(r.FieldworkFrom), To: utcDay(r.FieldworkTo)},
		Review:    assessment.Window{From: utcDay(r.ReviewFrom), To: utcDay(r.ReviewTo)},
		Objection: assessment.Window{From: utcDay(r.ObjectionFrom), To: utcDay(r.ObjectionTo)},
		PublishOn: utcDay(r.PublishOn), PublishedAt: r.PublishedAt, Version: r.Version}
}

func day(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.Format(time.DateOnly)
}

const periodSelect = `SELECT id, year, name, method_id, status, historical, fieldwork_from, fieldwork_to, review_from, review_to,
	objection_from, objection_to, publish_on, published_at, version FROM periods`

// CreatePeriod inserts a period.
func (s *Store) CreatePeriod(ctx context.Context, p *assessment.Period) error {
	p.Version = 1
	return one(s.q(ctx), "create period", &p.ID, `INSERT INTO periods (year, name, method_id, status, historical, fieldwork_from, fieldwork_to,
		review_from, review_to, objection_from, objection_to, publish_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		p.Year, p.Name, p.MethodID, p.Status, p.Historical, day(p.Fieldwork.From), day(p.Fieldwork.To), day(p.Review.From), day(p.Review.To),
		day(p.Objection.From), day(p.Objection.To), day(p.PublishOn))
}

// Period reads a period.
func (s *Store) Period(ctx context.Context, id int64) (assessment.Period, error) {
	var row periodRow
	err := one(s.q(ctx), fmt.Sprintf("period %d", id), &row, periodSelect+` WHERE id = ?`, id)
	return row.toPeriod(), err
}

// PeriodByYear reads the period of a year.
func (s *Store) PeriodByYear(ctx context.Context, year int) (assessment.Period, error) {
	var row periodRow
	err := one(s.q(ctx), fmt.Sprintf("period %d", year), &row, periodSelect+` WHERE year = ?`, year)
	return row.toPeriod(), err
}

// UpdatePeriod writes a period if p.Version is current.
func (s *Store) UpdatePeriod(ctx context.Context, p *assessment.Period) error {
	n, err := exec(s.q(ctx), "update period", `UPDATE periods SET name = ?, status = ?, fieldwork_from = ?, fieldwork_to = ?, review_from = ?, review_to = ?,
		objection_from = ?, objection_to = ?, publish_on = ?, published_at = ?, version = version + 1, updated_at = now() WHERE id = ? AND version = ?`,
		p.Name, p.Status, day(p.Fieldwork.From), day(p.Fieldwork.To), day(p.Review.From), day(p.Review.To), day(p.Objection.From), day(p.Objection.To),
		day(p.PublishOn), p.PublishedAt, p.ID, p.Version)
	if err != nil {
		return err
	}
	if n == 0 {
		return &assessment.ConflictError{Reason: "the period was changed by someone else"}
	}
	p.Version++
	return nil
}

// SetPeriodMethod points a period at another method version if p.Version is current.
func (s *Store) SetPeriodMethod(ctx context.Context, p *assessment.Period) error {
	n, err := exec(s.q(ctx), "set period method", `UPDATE periods SET method_id = ?, version = version + 1, updated_at = now() WHERE id = ? AND version = ?`,
		p.MethodID, p.ID, p.Version)
	if err != nil {
		return err
	}
	if n == 0 {
		return &assessment.ConflictError{Reason: "the period was changed by someone else"}
	}
	p.Version++
	return nil
}

// ---- locus

type periodEntityRow struct {
	PeriodID          int64
	EntityID          int64
	Assessed          bool
	NotAssessedReason string
	State             string
	Version           int
}

func (r periodEntityRow) to() assessment.PeriodEntity {
	return assessment.PeriodEntity(r)
}

// AddPeriodEntity inserts an entity into a period's locus.
func (s *Store) AddPeriodEntity(ctx context.Context, pe assessment.PeriodEntity) error {
	_, err := exec(s.q(ctx), "add to locus", `INSERT INTO period_entities (period_id, entity_id, assessed, not_assessed_reason, state) VALUES (?, ?, ?, ?, ?)`,
		pe.PeriodID, pe.EntityID, pe.Assessed, pe.NotAssessedReason, pe.State)
	return err
}

// PeriodEntity reads an entity's place in a period.
func (s *Store) PeriodEntity(ctx context.Context, periodID, entityID int64, lock bool) (assessment.PeriodEntity, error) {
	var row periodEntityRow
	err := one(s.q(ctx), fmt.Sprintf("entity %d in period %d", entityID, periodID), &row,
		`SELECT period_id, entity_id, assessed, not_assessed_reason, state, version FROM period_entities WHERE period_id = ? AND entity_id = ?`+forUpdate(lock), periodID, entityID)
	return row.to(), err
}

// PeriodEntities lists a period's locus.
func (s *Store) PeriodEntities(ctx context.Context, periodID int64) ([]assessment.PeriodEntity, error) {
	var rows []periodEntityRow
	if err := s.q(ctx).Raw(`SELECT period_id, entity_id, assessed, not_assessed_reason, state, version FROM period_entities WHERE period_id = ? ORDER BY entity_id`, periodID).Scan(&rows).Error; err != nil {
		return nil, translate(err, "locus")
	}
	out := make([]assessment.PeriodEntity, len(rows))
	for i, r := range rows {
		out[i] = r.to()
	}
	return out, nil
}

// UpdatePeriodEntity writes an entity's state in a period if its version is current.
func (s *Store) UpdatePeriodEntity(ctx context.Context, pe *assessment.PeriodEntity) error {
	n, err := exec(s.q(ctx), "update locus", `UPDATE period_entities SET assessed = ?, not_assessed_reason = ?, state = ?, version = version + 1, updated_at = now()
		WHERE period_id = ? AND entity_id = ? AND version = ?`, pe.Assessed, pe.NotAssessedReason, pe.State, pe.PeriodID, pe.EntityID, pe.Version)
	if err != nil {
		return err
	}
	if n == 0 {
		return &assessment.ConflictError{Reason: "the entity's state was changed by someone else"}
	}
	pe.Version++
	return nil
}

type uaRow struct {
	ID           int64
	PeriodID     int64
	EntityID     int64
	UnitID       int64
	State        string
	ReturnReason string
	Version      int
	SubmittedAt  *time.Time
	DecidedAt    *time.Time
	DecidedBy    *int64
	Assessors    string
}

func (r uaRow) to() assessment.UnitAssessment {
	ua := assessment.UnitAssessment{ID: r.ID, PeriodID: r.PeriodID, EntityID: r.EntityID, UnitID: r.UnitID, State: r.State,
		ReturnReason: r.ReturnReason, Version: r.Version, SubmittedAt: r.SubmittedAt, DecidedAt: r.DecidedAt, Assessors: []int64{}}
	if r.DecidedBy != nil {
		ua.DecidedBy = *r.DecidedBy
	}
	for _, f := range strings.Fields(strings.ReplaceAll(r.Assessors, ",", " ")) {
		if id, err := strconv.ParseInt(f, 10, 64); err == nil {
			ua.Assessors = append(ua.Assessors, id)
		}
	}
	return ua
}

const uaSelect = `SELECT ua.id, ua.period_id, ua.entity_id, ua.unit_id, ua.state, ua.return_reason, ua.version, ua.submitted_at, ua.decided_at, ua.decided_by,
	coalesce((SELECT string_agg(user_id::text, ',' ORDER BY user_id) FROM assignments a WHERE a.unit_assessment_id = ua.id), '') AS assessors
	FROM unit_assessments ua`

// CreateUnitAssessment inserts a unit's questionnaire for a period.
func (s *Store) CreateUnitAssessment(ctx context.Context, ua *assessment.UnitAssessment) error {
	ua.Version = 1
	return one(s.q(ctx), "create unit assessment", &ua.ID, `INSERT INTO unit_assessments (period_id, entity_id, unit_id, state) VALUES (?, ?, ?, ?) RETURNING id`,
		ua.PeriodID, ua.EntityID, ua.UnitID, ua.State)
}

// UnitAssessment reads one unit assessment with its assessors.
func (s *Store) UnitAssessment(ctx context.Context, id int64, lock bool) (assessment.UnitAssessment, error) {
	if lock {
		var locked int64
		if err := one(s.q(ctx), fmt.Sprintf("unit assessment %d", id), &locked, `SELECT id FROM unit_assessments WHERE id = ? FOR UPDATE`, id); err != nil {
			return assessment.UnitAssessment{}, err
		}
	}
	var row uaRow
	err := one(s.q(ctx), fmt.Sprintf("unit assessment %d", id), &row, uaSelect+` WHERE ua.id = ?`, id)
	return row.to(), err
}

// UnitAssessments lists an entity's unit assessments in a period.
func (s *Store) UnitAssessments(ctx context.Context, periodID, entityID int64) ([]assessment.UnitAssessment, error) {
	var rows []uaRow
	if err := s.q(ctx).Raw(uaSelect+` WHERE ua.period_id = ? AND ua.entity_id = ? ORDER BY ua.unit_id`, periodID, entityID).Scan(&rows).Error; err != nil {
		return nil, translate(err, "unit assessments")
	}
	out := make([]assessment.UnitAssessment, len(rows))
	for i, r := range rows {
		out[i] = r.to()
	}
	return out, nil
}

// UpdateUnitAssessment writes state fields if the version is current.
func (s *Store) UpdateUnitAssessment(ctx context.Context, ua *assessment.UnitAssessment) error {
	n, err := exec(s.q(ctx), "update unit assessment", `UPDATE unit_assessments SET state = ?, return_reason = ?, submitted_at = ?, decided_at = ?, decided_by = ?,
		version = version + 1, updated_at = now() WHERE id = ? AND version = ?`, ua.State, ua.ReturnReason, ua.SubmittedAt, ua.DecidedAt, nz(ua.DecidedBy), ua.ID, ua.Version)
	if err != nil {
		return err
	}
	if n == 0 {
		return &assessment.ConflictError{Reason: "the unit was changed by someone else"}
	}
	ua.Version++
	return nil
}

// Unassign removes an assessor from a unit assessment; ErrNotFound when
// the assessor was not assigned to it.
func (s *Store) Unassign(ctx context.Context, unitAssessmentID, userID int64) error {
	n, err := exec(s.q(ctx), "unassign", `DELETE FROM assignments WHERE unit_assessment_id = ? AND user_id = ?`, unitAssessmentID, userID)
	if err != nil {
		return err
	}
	if n == 0 {
		return fmt.Errorf("assignment of user %d to unit assessment %d: %w", userID, unitAssessmentID, assessment.ErrNotFound)
	}
	return nil
}

// Assign adds an assessor to a unit assessment (again is harmless).
func (s *Store) Assign(ctx context.Context, unitAssessmentID, userID int64) error {
	_, err := exec(s.q(ctx), "assign", `INSERT INTO assignments (unit_assessment_id, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING`, unitAssessmentID, userID)
	return err
}
