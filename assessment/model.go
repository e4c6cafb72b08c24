// Package assessment is P4's domain: the locus (regions, entities, units),
// periods with their method, users and assignments, answers with optimistic
// versions, evidence, the review workflow, objections, result snapshots with
// ranks, and the hash-chained audit log. The Service owns every rule and every
// transaction; storage is behind the Store interface (assessment/pgstore).
// It never sees gin or gorm.
package assessment

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/ombudsman-ri/p4/scoring"
)

// Role is what a user may do.
type Role string

// The roles of P4.
const (
	RoleAdmin       Role = "admin"       // administers periods, locus, users
	RoleCoordinator Role = "coordinator" // supervises one province's assessment
	RoleAssessor    Role = "assessor"    // fills questionnaires of assigned units
	RoleAgency      Role = "agency"      // a user of one assessed entity
	RoleLeadership  Role = "leadership"  // reads everything, edits nothing
)

// Roles lists every role.
func Roles() []Role {
	return []Role{RoleAdmin, RoleCoordinator, RoleAssessor, RoleAgency, RoleLeadership}
}

// ParseRole parses a role name.
func ParseRole(s string) (Role, error) {
	for _, r := range Roles() {
		if string(r) == s {
			return r, nil
		}
	}
	return "", fmt.Errorf("unknown role %q (want admin, coordinator, assessor, agency or leadership)", s)
}

// Actor is who performs an action: a signed-in user, or the system (CLI).
type Actor struct {
	UserID     int64
	Name       string
	Role       Role
	ProvinceID int64 // coordinators
	EntityID   int64 // agency users
}

// System is the actor of command-line administration.
var System = Actor{Name: "system", Role: RoleAdmin}

// Region is a province, regency or city.
type Region struct {
	ID       int64  `json:"id"`
	Code     string `json:"code"`
	Name     string `json:"name"`
	Level    string `json:"level"` // province, regency, city
	ParentID int64  `json:"parent_id,omitempty"`
}

// Entity is an assessed organisation: a local government, land office,
// police resort, ministry or agency.
type Entity struct {
	ID           int64        `json:"id"`
	Code         string       `json:"code"`
	Name         string       `json:"name"`
	Kind         scoring.Kind `json:"kind"`
	ProvinceID   int64        `json:"province_id,omitempty"`
	ProvinceCode string       `json:"province_code,omitempty"`
	RegionID     int64        `json:"region_id,omitempty"`
	Active       bool         `json:"active"`
	Units        []Unit       `json:"units,omitempty"`
}

// Unit is a service unit of an entity (Disdukcapil, Puskesmas, SPKT, …).
type Unit struct {
	ID       int64    `json:"id"`
	EntityID int64    `json:"entity_id"`
	Code     string   `json:"code"`
	Name     string   `json:"name"`
	Kind     string   `json:"kind"`
	Active   bool     `json:"active"`
	Products []string `json:"products,omitempty"`
}

// User is a person who signs in.
type User struct {
	ID                int64     `json:"id"`
	Email             string    `json:"email"`
	Name              string    `json:"name"`
	Role              Role      `json:"role"`
	ProvinceID        int64     `json:"province_id,omitempty"`
	EntityID          int64     `json:"entity_id,omitempty"`
	Active            bool      `json:"active"`
	PasswordHash      string    `json:"-"`
	PasswordChangedAt time.Time `json:"password_changed_at"`
}

// Actor returns the user as an actor.
func (u User) Actor() Actor {
	return Actor{UserID: u.ID, Name: u.Name, Role: u.Role, ProvinceID: u.ProvinceID, EntityID: u.EntityID}
}

// MethodVersion is a stored method file (bands, rules and instrument).
type MethodVersion struct {
	ID         int64           `json:"id"`
	Code       string          `json:"code"`
	Version    int             `json:"version"`
	Name       string          `json:"name"`
	Family     string          `json:"family"`
	Definition []byte          `json:"-"`
	SHA256     string          `json:"sha256"`
	Method     *scoring.Method `json:"-"`
}

// Period statuses.
const (
	PeriodPlanning  = "planning"  // method, instrument and locus editable
	PeriodOpen      = "open"      // field work, review, objections; method locked
	PeriodClosed    = "closed"    // no more changes; not yet public
	PeriodPublished = "published" // results public
)

// Window is an inclusive range of calendar days, compared in Western
// Indonesia Time (UTC+7).
type Window struct {
	From, To *time.Time
}

// MarshalJSON renders the window as {"from": "2023-07-01", "to": "2023-10-31"}, or null.
func (w Window) MarshalJSON() ([]byte, error) {
	if w.From == nil || w.To == nil {
		return []byte("null"), nil
	}
	return json.Marshal(map[string]string{"from": w.From.Format(time.DateOnly), "to": w.To.Format(time.DateOnly)})
}

// Contains reports whether day d lies in the window; an unset window contains nothing.
func (w Window) Contains(d time.Time) bool {
	if w.From == nil || w.To == nil {
		return false
	}
	return !d.Before(*w.From) && !d.After(*w.To)
}

// Period is one year's assessment.
type Period struct {
	ID          int64      `json:"id"`
	Year        int        `json:"year"`
	Name        string     `json:"name"`
	MethodID    int64      `json:"method_id"`
	Status      string     `json:"status"`
	Historical  bool       `json:"historical"` // results imported, not assessed in P4
	Fieldwork   Window     `json:"fieldwork"`
	Review      Window     `json:"review"`
	Objection   Window     `json:"objection"`
	PublishOn   *time.Time `json:"publish_on"`
	PublishedAt *time.Time `json:"published_at,omitempty"`
	Version     int        `json:"version"`
}

// Entity states within a period.
const (
	EntityAssessing = "assessing"
	EntityVerified  = "verified"
	EntityFinal     = "final"
	EntityPublished = "published"
)

// PeriodEntity is an entity in a period's locus.
type PeriodEntity struct {
	PeriodID          int64  `json:"period_id"`
	EntityID          int64  `json:"entity_id"`
	Assessed          bool   `json:"assessed"`
	NotAssessedReason string `json:"not_assessed_reason,omitempty"`
	State             string `json:"state"`
	Version           int    `json:"version"`
}

// Unit assessment states.
const (
	UnitDraft     = "draft"
	UnitSubmitted = "submitted"
	UnitReturned  = "returned"
	UnitAccepted  = "accepted"
)

// UnitAssessment is the questionnaire of one unit in one period.
type UnitAssessment struct {
	ID           int64      `json:"id"`
	PeriodID     int64      `json:"period_id"`
	EntityID     int64      `json:"entity_id"`
	UnitID       int64      `json:"unit_id"`
	State        string     `json:"state"`
	ReturnReason string     `json:"return_reason,omitempty"`
	Version      int        `json:"version"`
	SubmittedAt  *time.Time `json:"submitted_at,omitempty"`
	DecidedAt    *time.Time `json:"decided_at,omitempty"`
	// DecidedBy is the reviewer who last returned, accepted or reopened it.
	DecidedBy     int64   `json:"decided_by,omitempty"`
	DecidedByName string  `json:"decided_by_name,omitempty"` // filled in for reading
	Assessors     []int64 `json:"assessors"`
}

// Answer is the assessor's answer to one indicator of one unit.
type Answer struct {
	ID               int64     `json:"id"`
	UnitAssessmentID int64     `json:"unit_assessment_id"`
	Indicator        string    `json:"indicator"`
	Value            *int      `json:"value"`
	NA               bool      `json:"na"`
	NAReason         string    `json:"na_reason,omitempty"`
	Note             string    `json:"note,omitempty"`
	Version          int       `json:"version"`
	UpdatedBy        int64     `json:"updated_by,omitempty"`
	UpdatedByName    string    `json:"updated_by_name,omitempty"` // filled in for reading, never stored
	UpdatedAt        time.Time `json:"updated_at"`
}

// AnswerInput is what an assessor saves for one indicator.
type AnswerInput struct {
	Value    *int   `json:"value"`
	NA       bool   `json:"na"`
	NAReason string `json:"na_reason"`
	Note     string `json:"note"`
}

// ReviewComment is a reviewer's remark on a unit or one of its indicators.
type ReviewComment struct {
	ID         int64     `json:"id"`
	Indicator  string    `json:"indicator,omitempty"`
	Body       string    `json:"body"`
	AuthorID   int64     `json:"author_id,omitempty"`
	AuthorName string    `json:"author_name,omitempty"` // filled in for reading
	CreatedAt  time.Time `json:"created_at"`
}

// Evidence is a file attached to an answer.
type Evidence struct {
	ID               int64     `json:"id"`
	UnitAssessmentID int64     `json:"unit_assessment_id"`
	Indicator        string    `json:"indicator"`
	SHA256           string    `json:"sha256"`
	OriginalName     string    `json:"original_name"`
	MediaType        string    `json:"media_type"`
	Size             int64     `json:"size"`
	UploadedBy       int64     `json:"uploaded_by,omitempty"`
	UploadedByName   string    `json:"uploaded_by_name,omitempty"` // filled in for reading
	UploadedAt       time.Time `json:"uploaded_at"`
}

// Objection states.
const (
	ObjectionSubmitted      = "submitted"
	ObjectionAccepted       = "accepted"
	ObjectionPartlyAccepted = "partly_accepted"
	ObjectionRejected       = "rejected"
)

// Objection (sanggahan) is an entity's contest of specific indicators.
type Objection struct {
	ID             int64           `json:"id"`
	PeriodID       int64           `json:"period_id"`
	EntityID       int64           `json:"entity_id"`
	State          string          `json:"state"`
	Statement      string          `json:"statement"`
	FiledBy        int64           `json:"filed_by"`
	FiledByName    string          `json:"filed_by_name,omitempty"`
	FiledAt        time.Time       `json:"filed_at"`
	DecidedBy      int64           `json:"decided_by,omitempty"`
	DecidedByName  string          `json:"decided_by_name,omitempty"`
	DecidedAt      *time.Time      `json:"decided_at,omitempty"`
	DecisionReason string          `json:"decision_reason,omitempty"`
	Version        int             `json:"version"`
	Items          []ObjectionItem `json:"items"`
}

// ObjectionItem is one contested indicator of one unit.
type ObjectionItem struct {
	ID               int64  `json:"id"`
	UnitAssessmentID int64  `json:"unit_assessment_id"`
	Indicator        string `json:"indicator"`
	RequestedValue   int    `json:"requested_value"`
	DecidedValue     *int   `json:"decided_value,omitempty"`
	Accepted         *bool  `json:"accepted,omitempty"`
}

// Snapshot sources.
const (
	SourceComputed  = "computed"
	SourceObjection = "objection"
	SourceImported  = "imported"
)

// Snapshot is an immutable stored result of one entity in one period.
type Snapshot struct {
	ID         int64                 `json:"id"`
	PeriodID   int64                 `json:"period_id"`
	EntityID   int64                 `json:"entity_id"`
	MethodID   int64                 `json:"method_id"`
	Score      scoring.Score         `json:"score"`
	Category   string                `json:"category,omitempty"`
	Opinion    string                `json:"opinion"`
	Zone       scoring.Zone          `json:"zone"`
	Complete   bool                  `json:"complete"`
	Source     string                `json:"source"`
	CreatedAt  time.Time             `json:"created_at"`
	CreatedBy  int64                 `json:"created_by,omitempty"`
	Units      []SnapshotUnit        `json:"units,omitempty"`
	Dimensions []SnapshotDimension   `json:"dimensions,omitempty"`
	Ranks      map[string]int        `json:"ranks,omitempty"` // peer group → rank
	Detail     *scoring.EntityResult `json:"-"`
}

// SnapshotUnit is one unit's score in a snapshot.
type SnapshotUnit struct {
	UnitID           int64         `json:"unit_id"`
	UnitAssessmentID int64         `json:"unit_assessment_id,omitempty"` // filled on reads, for objections and drill-down
	Score            scoring.Score `json:"score"`
	Complete         bool          `json:"complete"`
}

// SnapshotDimension is one dimension's points of a unit (UnitID 0: the entity).
type SnapshotDimension struct {
	UnitID    int64         `json:"unit_id"`
	Dimension string        `json:"dimension"`
	Points    json.Number   `json:"points"`     // exact to 4 decimals
	MaxPoints json.Number   `json:"max_points"` // the dimension's weight
	Percent   scoring.Score `json:"percent"`
}

// Ranking is one row of a peer group's ranking.
type Ranking struct {
	PeriodID   int64  `json:"period_id"`
	PeerGroup  string `json:"peer_group"`
	EntityID   int64  `json:"entity_id"`
	SnapshotID int64  `json:"snapshot_id"`
	Rank       int    `json:"rank"`
}

// AuditEntry is one appended row of the audit log.
type AuditEntry struct {
	ID         int64     `json:"id"`
	Chain      string    `json:"chain"`
	At         time.Time `json:"at"`
	ActorID    int64     `json:"actor_id,omitempty"`
	Actor      string    `json:"actor"`
	Action     string    `json:"action"`
	ObjectType string    `json:"object_type"`
	ObjectID   string    `json:"object_id"`
	PeriodID   int64     `json:"period_id,omitempty"`
	EntityID   int64     `json:"entity_id,omitempty"`
	Old        []byte    `json:"old,omitempty"` // JSON
	New        []byte    `json:"new,omitempty"` // JSON
	Reason     string    `json:"reason,omitempty"`
	// Entity and Year name EntityID and PeriodID for display; they are
	// not part of the hashed content.
	Entity   string `json:"entity,omitempty"`
	Year     int    `json:"year,omitempty"`
	PrevHash string `json:"prev_hash"`
	Hash     string `json:"hash"`
}
