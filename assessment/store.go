package assessment

import (
	"context"
	"errors"
	"io"
	"time"

	"github.com/ombudsman-ri/p4/scoring"
)

// Store keeps the records. Methods return ErrNotFound for a missing row and
// ErrConflict for a duplicate natural key or a stale version. The service owns
// transactions through InTx; a Store given to the callback runs in that
// transaction.
type Store interface {
	InTx(ctx context.Context, fn func(tx Store) error) error
	Ping(ctx context.Context) error // one trivial query
	// ResultsVersion is a number that changes, in the same transaction, with
	// every change to what rankings and results are read from (migration
	// 0007): one cheap query, for caches shared by nothing but the database.
	ResultsVersion(ctx context.Context) (int64, error)

	// Whole-period reads and writes for RecomputePeriod (a fixed number of
	// statements however many entities), inside a transaction (InTx).
	PeriodUnitAssessments(ctx context.Context, periodID int64) ([]UnitAssessment, error)            // by entity, unit; no assessors
	PeriodAnswers(ctx context.Context, periodID int64) (map[int64]map[string]scoring.Answer, error) // by unit assessment, indicator; cleared ones left out
	EntitiesWithUnits(ctx context.Context, ids []int64) (map[int64]Entity, error)                   // units, not products
	CurrentResults(ctx context.Context, periodID int64) (map[int64]Snapshot, error)                 // headline only, by entity
	// SaveSnapshots stores n snapshots of distinct entities as SaveSnapshot
	// does (and sets their ids): the i-th is asked for, in order 0..n-1, while
	// the earlier ones are being sent, so that the caller may still be
	// computing the later ones; an error from next fails the save.
	SaveSnapshots(ctx context.Context, n int, next func(i int) (*Snapshot, error)) error
	AppendAudits(ctx context.Context, es []*AuditEntry) error // as AppendAudit, in order, inside a transaction

	// The answer autosave in three statements (assessment/pgstore/autosave.go).
	UnitForEdit(ctx context.Context, id int64) (UnitAssessment, Entity, Period, error) // with assessors; the entity without units
	// WriteAnswer writes a as a first answer (baseVersion 0) or over the
	// stored one when its version is baseVersion and its content differs,
	// then takes lockChain's audit lock, all in one statement; it returns the
	// answer as it was and true, or false when it wrote (and locked) nothing.
	WriteAnswer(ctx context.Context, a *Answer, baseVersion int, lockChain string) (Answer, bool, error)
	AppendAuditLocked(ctx context.Context, e *AuditEntry) error // as AppendAudit when the transaction holds the chain's lock

	CreateRegion(ctx context.Context, r *Region) error
	RegionByCode(ctx context.Context, code string) (Region, error)
	Regions(ctx context.Context) ([]Region, error)

	CreateEntity(ctx context.Context, e *Entity) error // with its units and their products
	Entity(ctx context.Context, id int64) (Entity, error)
	EntityByCode(ctx context.Context, code string) (Entity, error)
	UpdateEntity(ctx context.Context, e Entity) error
	AddUnit(ctx context.Context, u *Unit) error
	UpdateUnit(ctx context.Context, u Unit) error

	CreateUser(ctx context.Context, u *User) error
	User(ctx context.Context, id int64) (User, error)
	UserByEmail(ctx context.Context, email string) (User, error)
	// UserNames maps user ids to names; unknown ids and 0 are left out.
	UserNames(ctx context.Context, ids ...int64) (map[int64]string, error)
	UpdateUser(ctx context.Context, u User) error

	CreateMethod(ctx context.Context, m *MethodVersion) error
	Method(ctx context.Context, id int64) (MethodVersion, error) // Definition filled, Method nil
	LatestMethodVersion(ctx context.Context, code string) (MethodVersion, error)

	CreatePeriod(ctx context.Context, p *Period) error
	Period(ctx context.Context, id int64) (Period, error)
	PeriodByYear(ctx context.Context, year int) (Period, error)
	UpdatePeriod(ctx context.Context, p *Period) error    // optimistic: p.Version must be current; increments it
	SetPeriodMethod(ctx context.Context, p *Period) error // optimistic like UpdatePeriod

	AddPeriodEntity(ctx context.Context, pe PeriodEntity) error
	PeriodEntity(ctx context.Context, periodID, entityID int64, forUpdate bool) (PeriodEntity, error)
	PeriodEntities(ctx context.Context, periodID int64) ([]PeriodEntity, error)
	UpdatePeriodEntity(ctx context.Context, pe *PeriodEntity) error // increments Version

	CreateUnitAssessment(ctx context.Context, ua *UnitAssessment) error
	UnitAssessment(ctx context.Context, id int64, forUpdate bool) (UnitAssessment, error)
	UnitAssessments(ctx context.Context, periodID, entityID int64) ([]UnitAssessment, error)
	UpdateUnitAssessment(ctx context.Context, ua *UnitAssessment) error // increments Version
	Assign(ctx context.Context, unitAssessmentID, userID int64) error   // idempotent
	Unassign(ctx context.Context, unitAssessmentID, userID int64) error // ErrNotFound when not assigned

	Answers(ctx context.Context, unitAssessmentIDs ...int64) ([]Answer, error)
	Answer(ctx context.Context, unitAssessmentID int64, indicator string, forUpdate bool) (Answer, error)
	UpdateAnswer(ctx context.Context, a *Answer, expectedVersion int) error // ErrConflict when the version moved on
	AddComments(ctx context.Context, unitAssessmentID int64, cs []ReviewComment) error
	Comments(ctx context.Context, unitAssessmentID int64) ([]ReviewComment, error)

	RecordBlob(ctx context.Context, sha256 string, size int64, mediaType string) error // idempotent
	AddEvidence(ctx context.Context, ev *Evidence) error
	Evidence(ctx context.Context, id int64) (Evidence, error)
	EvidenceOf(ctx context.Context, unitAssessmentID int64) ([]Evidence, error)
	DeleteEvidence(ctx context.Context, id, by int64, at time.Time) error // soft: the row and the file stay

	CreateObjection(ctx context.Context, o *Objection) error // with items
	Objection(ctx context.Context, id int64, forUpdate bool) (Objection, error)
	Objections(ctx context.Context, periodID, entityID int64) ([]Objection, error)
	UpdateObjection(ctx context.Context, o *Objection) error // state, decision and items' decisions; increments Version
	AddObjectionEvidence(ctx context.Context, ev *ObjectionEvidence) error
	ObjectionEvidence(ctx context.Context, objectionID int64) ([]ObjectionEvidence, error)

	SaveSnapshot(ctx context.Context, s *Snapshot) error // inserts it and makes it the entity's current result
	CurrentSnapshot(ctx context.Context, periodID, entityID int64) (Snapshot, error)
	// LockRanking serialises re-ranking of one peer group until the transaction ends,
	// so that two results changing at once cannot rank on a stale view.
	LockRanking(ctx context.Context, periodID int64, group string) error
	Standings(ctx context.Context, periodID int64, g scoring.PeerGroup) ([]Standing, error)
	ReplaceRankings(ctx context.Context, periodID int64, group string, rows []Ranking) error
	// LockRankings and GroupStandings are LockRanking and Standings for many
	// groups in one statement each (RecomputePeriod): the locks taken in the
	// order given, the standings by group (PeerGroup.String).
	LockRankings(ctx context.Context, periodID int64, groups []string) error
	GroupStandings(ctx context.Context, periodID int64, groups []scoring.PeerGroup) (map[string][]Standing, error)
	Rankings(ctx context.Context, periodID int64, group string) ([]Ranking, error)

	Periods(ctx context.Context) ([]Period, error)
	WorkItems(ctx context.Context, f WorkFilter) ([]WorkItem, int, error)
	EntitySummaries(ctx context.Context, f EntityFilter) ([]EntitySummary, int, error)
	RankingRows(ctx context.Context, periodID int64, group, province string) ([]RankingRow, error)
	NotAssessed(ctx context.Context, periodID int64, group, province string) ([]EntitySummary, error)

	Users(ctx context.Context, f UserFilter) ([]User, int, error)
	LocusRows(ctx context.Context, periodID, provinceID int64) ([]LocusRow, error)
	AuditEntries(ctx context.Context, f AuditFilter) ([]AuditEntry, int, error)

	LoginFailures(ctx context.Context, key string, window time.Time) (int, error)
	AddLoginFailure(ctx context.Context, key string, window time.Time) error
	ClearLoginFailures(ctx context.Context, key string) error

	AppendAudit(ctx context.Context, e *AuditEntry) error // fills PrevHash, Hash and ID under the chain's lock
	EachAudit(ctx context.Context, fn func(AuditEntry) error) error

	// Exports read a period in bounded memory, rows in a stable order
	// (province, kind, entity name, entity, unit), whatever its size.
	EachDimensionRow(ctx context.Context, f ExportFilter, fn func(DimensionRow) error) error
	EachAnswerRow(ctx context.Context, f ExportFilter, fn func(AnswerRow) error) error
	CountAnswerRows(ctx context.Context, f ExportFilter) (int, error)

	// Background jobs; a job is claimed with FOR UPDATE SKIP LOCKED, so
	// that any instance can run it and none runs it twice.
	CreateJob(ctx context.Context, j *Job) error
	Job(ctx context.Context, id int64) (Job, error)
	JobsOf(ctx context.Context, requestedBy int64, limit int) ([]Job, error)                   // newest first
	ActiveJob(ctx context.Context, kind string, params []byte, requestedBy int64) (Job, error) // queued or running
	// ClaimJob marks the oldest queued job, or a running one whose heartbeat
	// is before staleBefore, running (attempts + 1) and returns it; stale jobs
	// that reached maxAttempts fail instead. ErrNotFound: nothing to do.
	ClaimJob(ctx context.Context, now, staleBefore time.Time, maxAttempts int) (Job, error)
	// UpdateJob writes a job's state, progress, heartbeat and result if it is
	// still in state from with the same attempts; ErrConflict otherwise.
	UpdateJob(ctx context.Context, j Job, from string) error
	ExpireJobs(ctx context.Context, finishedBefore time.Time) ([]Job, error)

	// The service-user survey (survey.go). A period without settings and a
	// unit without a plan are ErrNotFound: the service uses defaults. Saving
	// with Version 0 inserts, otherwise only if Version is current; either
	// increments Version.
	SurveySettings(ctx context.Context, periodID int64) (StoredSurveySettings, error)
	SaveSurveySettings(ctx context.Context, s *StoredSurveySettings) error
	SurveyPlan(ctx context.Context, unitAssessmentID int64, forUpdate bool) (SurveyPlan, error)
	SurveyPlanByToken(ctx context.Context, token string) (SurveyPlan, error)
	SaveSurveyPlan(ctx context.Context, p *SurveyPlan) error
	// Respondents come with HasContact, never with Contact; lists are in
	// collection time order, then id. A client key the unit already has is
	// ErrConflict.
	InsertRespondent(ctx context.Context, r *Respondent) error
	RespondentByKey(ctx context.Context, unitAssessmentID int64, key string) (Respondent, error)
	Respondent(ctx context.Context, id int64) (Respondent, error)
	Respondents(ctx context.Context, unitAssessmentID int64) ([]Respondent, error)
	RespondentTimes(ctx context.Context, periodID int64, assessorIDs []int64) ([]RespondentTime, error) // by assessor, then time
	SetContact(ctx context.Context, respondentID int64, c Contact) error
	Contacts(ctx context.Context, unitAssessmentID int64) (map[int64]Contact, error)
	DeleteContact(ctx context.Context, respondentID int64) (Contact, bool, error) // false: there was none
	// CountHit counts one request under key in the window starting at
	// window and returns the window's count so far.
	CountHit(ctx context.Context, key string, window time.Time) (int, error)
	// EachSurveyUnit streams the survey counts of every unit of the assessed
	// entities of a period (and province), in export order.
	EachSurveyUnit(ctx context.Context, f ExportFilter, fn func(SurveyUnitRow) error) error

	// A period's indicator mapping against an earlier period (mapping.go):
	// its stored lines in indicator order (none: nothing stored), replaced
	// whole.
	IndicatorMappings(ctx context.Context, periodID int64) ([]StoredMapping, error)
	ReplaceIndicatorMappings(ctx context.Context, periodID int64, rows []StoredMapping) error
}

// Standing is an entity of a peer group with its current result, for ranking.
type Standing struct {
	EntityID    int64
	Name        string
	SnapshotID  int64
	Score       scoring.Score
	Complete    bool
	NotAssessed bool
}

// ErrCorrupt reports a stored file whose bytes no longer match their hash.
var ErrCorrupt = errors.New("stored file is corrupt: its content does not match its SHA-256")

// BlobStore keeps file contents addressed by their SHA-256. A disk folder
// implements it today (assessment/filestore); an object store can later.
type BlobStore interface {
	// Put stores the content of r and returns its hex SHA-256 and size. It
	// stores at most limit bytes and fails with ErrTooLarge beyond that.
	Put(ctx context.Context, r io.Reader, limit int64) (sha string, size int64, err error)
	// Open returns the content after checking it against its hash; a
	// mismatch is ErrCorrupt and nothing is served.
	Open(ctx context.Context, sha string) (io.ReadCloser, error)
}

// ErrTooLarge reports content over the size limit.
var ErrTooLarge = errors.New("file is too large")
