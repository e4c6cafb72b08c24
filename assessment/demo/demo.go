// Package demo describes P4's demonstration and load-test data sets as plain
// values: regions, entities with their service units, users, and periods with
// the answers assessors gave. Building a DataSet does no I/O; Load writes one
// through the assessment service into storage.
//
// Bengkulu is the demo set `p4 demo` loads: the province of the seed press
// release (METHOD.md §6), whose 2022 answers score, through package scoring,
// to the published table (Pemda 1 A + 8 B + 2 C, land offices 8 B + 2 C,
// police resorts 8 B + 2 C, Kabupaten Kaur first with about 94). National is a
// synthetic, seeded data set of 654 entities and 4,014 units for load tests.
//
// Both are deterministic: answers come from math/rand/v2 generators with fixed
// seeds, and a score target is reached by searching answer profiles, never by
// typing in totals.
package demo

// DemoPassword is the password of every demo user (Bengkulu and National);
// `make run` prints it with the logins. It is at least
// assessment.MinPasswordLength long.
const DemoPassword = "p4-demo-bengkulu"

// DataSet is everything one demo load writes: the locus, the users and the
// periods with their answers. Slices are in a stable order: a province before
// its regencies and cities, an entity before the users and periods naming it.
type DataSet struct {
	Regions  []Region
	Entities []Entity
	Users    []User
	Periods  []Period
}

// Region levels.
const (
	LevelProvince = "province"
	LevelRegency  = "regency" // kabupaten
	LevelCity     = "city"    // kota
)

// Region is a province, regency (kabupaten) or city (kota), with its BPS code
// ("17", "1704"); ParentCode is the province of a regency or city.
type Region struct {
	Code, Name, Level, ParentCode string
}

// Entity is an assessed organisation. Code is unique in the data set
// ("pemkab-1704", "polres-1771", "kementerian-07"); Kind is a scoring.Kind
// (pemprov, pemkab, pemkot, kantah, polres, kementerian, lembaga).
// ProvinceCode and RegionCode are empty for ministries and national agencies.
type Entity struct {
	Code, Name, Kind, ProvinceCode, RegionCode string
	Units                                      []Unit
}

// Unit is a service unit of an entity. Code is unique within its entity
// ("dpmptsp", "puskesmas-bintuhan"); Kind names the type of office
// ("dpmptsp", "disdukcapil", "dinkes", "dinsos", "disdik", "puskesmas",
// "rsud", "samsat", "kantah", "polres", "ult", "kanwil"); Products are the
// service products users come for.
type Unit struct {
	Code, Name, Kind string
	Products         []string
}

// User is a person who signs in. Role is an assessment.Role (admin,
// coordinator, assessor, agency, leadership); ProvinceCode is set for
// coordinators and provincial assessors (and agency users of a provincial
// entity), EntityCode for agency users. Password is the plain demo password,
// for the loader to hash.
type User struct {
	Email, Name, Role, ProvinceCode, EntityCode, Password string
}

// Period statuses used by the data sets (see assessment.Period*).
const (
	StatusOpen      = "open"
	StatusClosed    = "closed"
	StatusPublished = "published"
)

// Period is one year's assessment. Dates are ISO days ("2022-08-01"), inclusive
// windows. An imported period (2021) carries entity scores in
// PeriodEntity.HistoricalScore and no units.
type Period struct {
	Year                       int
	MethodPreset               string // scoring.Preset name: "2021" or "2022"
	Status                     string // "open", "closed" or "published"
	FieldworkFrom, FieldworkTo string
	ReviewFrom, ReviewTo       string
	ObjectionFrom, ObjectionTo string
	PublishOn                  string
	Entities                   []PeriodEntity
}

// Entity states within a period (see assessment.Entity*).
const (
	EntityAssessing = "assessing"
	EntityVerified  = "verified"
	EntityFinal     = "final"
	EntityPublished = "published"
)

// PeriodEntity is an entity in a period's locus. A not-assessed entity has
// Assessed false, a NotAssessedReason and no units.
type PeriodEntity struct {
	EntityCode        string
	Assessed          bool
	NotAssessedReason string
	State             string // "assessing", "verified", "final" or "published"
	HistoricalScore   string // imported score with two decimals ("78.45"); empty unless imported
	Units             []PeriodUnit
}

// Unit assessment states (see assessment.Unit*).
const (
	UnitDraft     = "draft"
	UnitSubmitted = "submitted"
	UnitReturned  = "returned"
	UnitAccepted  = "accepted"
)

// PeriodUnit is the questionnaire of one unit in one period: its state, the
// assessors assigned (user emails), and the answers and evidence given so far.
// A draft may be partly answered; every other state is fully answered.
type PeriodUnit struct {
	UnitCode     string
	State        string // "draft", "submitted", "returned" or "accepted"
	Assessors    []string
	ReturnReason string // why the reviewer returned it; only for "returned"
	Answers      []Answer
	Evidence     []Evidence
}

// Answer is the answer to one indicator: Value 0..max, or NA with a reason.
// Note is the assessor's remark (what was missing, what was seen).
type Answer struct {
	Indicator string
	Value     *int
	NA        bool
	NAReason  string
	Note      string
}

// Evidence is a file attached to an answered indicator: a small valid PNG
// (a photo stand-in) or PDF (a document stand-in).
type Evidence struct {
	Indicator, Name string
	Data            []byte
}
