package assessment

import (
	"context"
	"fmt"
	"strings"

	"github.com/ombudsman-ri/p4/scoring"
)

// Page limits for list reads.
const (
	DefaultLimit = 50
	MaxLimit     = 500
)

// Page is the part of a list to return, and its order: Sort names one of
// the list's sort keys, "-" first for descending ("-name").
type Page struct {
	Limit  int
	Offset int
	Sort   string
}

// SortKeys are the orders each list accepts.
var SortKeys = map[string][]string{
	"entities": {"name", "code", "kind", "province"},
	"users":    {"name", "email", "role"},
	"work":     {"entity", "unit", "state", "answered", "year"},
}

// CheckSort validates a sort parameter for a list.
func CheckSort(list, sort string) error {
	if sort == "" {
		return nil
	}
	key := strings.TrimPrefix(sort, "-")
	for _, k := range SortKeys[list] {
		if k == key {
			return nil
		}
	}
	return &ValidationError{Fields: []FieldError{{Field: "sort", Code: "oneof", Message: "sort by one of " + strings.Join(SortKeys[list], ", ") + " (prefix - for descending)"}}}
}

// Normalize applies defaults and bounds.
func (p Page) Normalize() Page {
	if p.Limit <= 0 {
		p.Limit = DefaultLimit
	}
	if p.Limit > MaxLimit {
		p.Limit = MaxLimit
	}
	if p.Offset < 0 {
		p.Offset = 0
	}
	return p
}

// WorkFilter selects unit assessments for a work list or review queue.
type WorkFilter struct {
	PeriodID   int64
	AssessorID int64  // only units assigned to this user
	ProvinceID int64  // only entities of this province
	EntityID   int64  // only this entity
	State      string // only this state
	Page       Page
}

// WorkItem is a unit assessment in a list, with progress.
type WorkItem struct {
	UnitAssessmentID int64   `json:"unit_assessment_id"`
	PeriodID         int64   `json:"period_id"`
	Year             int     `json:"year"`
	EntityID         int64   `json:"entity_id"`
	Entity           string  `json:"entity"`
	Kind             string  `json:"kind"`
	UnitID           int64   `json:"unit_id"`
	Unit             string  `json:"unit"`
	State            string  `json:"state"`
	Version          int     `json:"version"`
	Answered         int     `json:"answered"`
	Total            int     `json:"total"`
	Assessors        []int64 `json:"assessors"`
	ReturnReason     string  `json:"return_reason,omitempty"`
}

// Work lists unit assessments the actor may see: an assessor's assigned
// units, a coordinator's province, everything for admin and leadership.
func (s *Service) Work(ctx context.Context, a Actor, f WorkFilter) ([]WorkItem, int, error) {
	switch a.Role {
	case RoleAssessor:
		f.AssessorID = a.UserID
	case RoleCoordinator:
		f.ProvinceID = a.ProvinceID
	case RoleAdmin, RoleLeadership:
	default:
		return nil, 0, ErrForbidden
	}
	f.Page = f.Page.Normalize()
	items, total, err := s.store.WorkItems(ctx, f)
	if err != nil {
		return nil, 0, err
	}
	// Total counts the indicators that apply to the entity's kind; one
	// period lookup per period, not per item or kind.
	totals := map[string]int{}
	methods := map[int64]*scoring.Method{}
	for i := range items {
		key := formatID(items[i].PeriodID) + "/" + items[i].Kind
		n, ok := totals[key]
		if !ok {
			m, seen := methods[items[i].PeriodID]
			if !seen {
				p, err := s.store.Period(ctx, items[i].PeriodID)
				if err != nil {
					return nil, 0, err
				}
				if m, err = s.method(ctx, s.store, p.MethodID); err != nil {
					return nil, 0, err
				}
				methods[items[i].PeriodID] = m
			}
			n = len(applicable(m, scoring.Kind(items[i].Kind)))
			totals[key] = n
		}
		items[i].Total = n
	}
	return items, total, nil
}

// EntityFilter selects entities.
type EntityFilter struct {
	ProvinceCode string
	Kind         string
	Query        string
	IDs          []int64
	Page         Page
}

// EntitySummary is an entity in a list.
type EntitySummary struct {
	ID           int64  `json:"id"`
	Code         string `json:"code"`
	Name         string `json:"name"`
	Kind         string `json:"kind"`
	ProvinceCode string `json:"province_code,omitempty"`
	Province     string `json:"province,omitempty"`
	Active       bool   `json:"active"`
	Units        int    `json:"units"`
}

// Entities lists entities the actor may see; an agency user sees only its own.
func (s *Service) Entities(ctx context.Context, a Actor, f EntityFilter) ([]EntitySummary, int, error) {
	if a.Role == RoleAgency {
		f.IDs = []int64{a.EntityID}
	}
	f.Query = strings.TrimSpace(f.Query)
	f.Page = f.Page.Normalize()
	return s.store.EntitySummaries(ctx, f)
}

// EntityFor reads an entity the actor may see (ErrNotFound otherwise).
func (s *Service) EntityFor(ctx context.Context, a Actor, id int64) (Entity, error) {
	if a.Role == RoleAgency && a.EntityID != id {
		return Entity{}, ErrNotFound
	}
	return s.store.Entity(ctx, id)
}

// Periods lists all periods, newest first; publicOnly keeps published ones.
func (s *Service) Periods(ctx context.Context, publicOnly bool) ([]Period, error) {
	ps, err := s.store.Periods(ctx)
	if err != nil || !publicOnly {
		return ps, err
	}
	var out []Period
	for _, p := range ps {
		if p.Status == PeriodPublished {
			out = append(out, p)
		}
	}
	return out, nil
}

// RankingRow is one entity in a ranked comparison.
type RankingRow struct {
	Rank          int                 `json:"rank"`
	EntityID      int64               `json:"entity_id"`
	Entity        string              `json:"entity"`
	Kind          string              `json:"category_code"`
	Province      string              `json:"province,omitempty"`
	ProvinceCode  string              `json:"province_code,omitempty"`
	Score         scoring.Score       `json:"score"`
	Category      *string             `json:"category"`
	Opinion       string              `json:"opinion"`
	Zone          scoring.Zone        `json:"zone"`
	Complete      bool                `json:"complete"`
	Dimensions    []SnapshotDimension `json:"dimensions"`
	PreviousScore *scoring.Score      `json:"previous_score,omitempty"`
	PreviousRank  int                 `json:"previous_rank,omitempty"`
	Movement      *int                `json:"movement,omitempty"`
	NotComparable bool                `json:"not_comparable,omitempty"`
}

// RankingView is a peer group's ranking in a period with its distribution.
type RankingView struct {
	Period       Period          `json:"-"`
	Method       *scoring.Method `json:"-"`
	Group        string          `json:"group"`
	Items        []RankingRow    `json:"items"`
	Zones        map[string]int  `json:"zones"`
	Categories   map[string]int  `json:"categories"`
	NotAssessed  []EntitySummary `json:"not_assessed"`
	PreviousYear int             `json:"previous_year,omitempty"`
}

// GroupName returns the stored peer-group key of a group and province:
// "pemda" needs a province ("pemda/17"); a kind is a national group.
func GroupName(group, province string) (string, string, error) {
	if group == scoring.GroupPemda {
		if province == "" {
			return "", "", &ValidationError{Fields: []FieldError{{Field: "province", Code: "required", Message: "the pemda group is ranked per province; give a province code"}}}
		}
		return scoring.PeerGroup{Kind: group, Province: province}.String(), "", nil
	}
	if _, err := scoring.ParseKind(group); err != nil {
		return "", "", &ValidationError{Fields: []FieldError{{Field: "group", Code: "invalid", Message: "group must be pemda or an entity kind (pemprov, pemkab, pemkot, kantah, polres, kementerian, lembaga)"}}}
	}
	return group, province, nil
}

// RankingQuery is a ranking read once authorized and scoped: everything
// its answer depends on besides the stored data, so a cache key.
type RankingQuery struct {
	Year       int
	Group      string // stored peer-group key ("pemkab", "pemda/17")
	Province   string // province filter of a national group, "" for all
	PublicOnly bool
}

// Key is the query as a cache key.
func (q RankingQuery) Key() string {
	return fmt.Sprintf("ranking|%d|%s|%s|%t", q.Year, q.Group, q.Province, q.PublicOnly)
}

// Ranking returns a peer group's ranked results of a period. publicOnly
// refuses unpublished periods (ErrNotFound) — what the public routes use.
// Movement is against the previous year's period when it is published (or
// the actor is internal) and uses the same method family.
func (s *Service) Ranking(ctx context.Context, a Actor, year int, group, province string, publicOnly bool) (RankingView, error) {
	q, err := s.RankingScope(ctx, a, year, group, province, publicOnly)
	if err != nil {
		return RankingView{}, err
	}
	return s.RankingOf(ctx, q)
}

// RankingScope authorizes a ranking read and scopes it to what the actor
// may see (a coordinator: their own province), without reading results.
func (s *Service) RankingScope(ctx context.Context, a Actor, year int, group, province string, publicOnly bool) (RankingQuery, error) {
	if !publicOnly && a.Role != RoleAdmin && a.Role != RoleLeadership && a.Role != RoleCoordinator {
		return RankingQuery{}, ErrForbidden
	}
	if a.Role == RoleCoordinator && !publicOnly {
		// A coordinator sees the rankings of their own province only.
		own, err := s.provinceCodeOf(ctx, a.ProvinceID)
		if err != nil {
			return RankingQuery{}, err
		}
		if province != "" && province != own {
			return RankingQuery{}, ErrNotFound
		}
		province = own
	}
	key, filterProvince, err := GroupName(group, province)
	if err != nil {
		return RankingQuery{}, err
	}
	return RankingQuery{Year: year, Group: key, Province: filterProvince, PublicOnly: publicOnly}, nil
}

// RankingOf reads an authorized, scoped ranking (RankingScope).
func (s *Service) RankingOf(ctx context.Context, q RankingQuery) (RankingView, error) {
	var v RankingView
	year, key, filterProvince, publicOnly := q.Year, q.Group, q.Province, q.PublicOnly
	p, err := s.store.PeriodByYear(ctx, year)
	if err != nil {
		return v, err
	}
	if publicOnly && p.Status != PeriodPublished {
		return v, ErrNotFound
	}
	m, err := s.method(ctx, s.store, p.MethodID)
	if err != nil {
		return v, err
	}
	v.Period, v.Method, v.Group = p, m, key
	rows, err := s.store.RankingRows(ctx, p.ID, key, filterProvince)
	if err != nil {
		return v, err
	}
	v.Zones = map[string]int{"green": 0, "yellow": 0, "red": 0}
	v.Categories = map[string]int{}
	for _, b := range m.Bands {
		if b.Category != "" {
			v.Categories[b.Category] = 0
		}
	}
	for i := range rows {
		sortDimensions(m, rows[i].Dimensions)
		v.Zones[string(rows[i].Zone)]++
		if rows[i].Category != nil {
			v.Categories[*rows[i].Category]++
		}
	}
	if prev, err := s.store.PeriodByYear(ctx, year-1); err == nil && (!publicOnly || prev.Status == PeriodPublished) {
		pm, err := s.method(ctx, s.store, prev.MethodID)
		if err != nil {
			return v, err
		}
		v.PreviousYear = prev.Year
		prevRows, err := s.store.RankingRows(ctx, prev.ID, key, filterProvince)
		if err != nil {
			return v, err
		}
		byEntity := map[int64]RankingRow{}
		for _, r := range prevRows {
			byEntity[r.EntityID] = r
		}
		comparable := pm.Family == m.Family
		for i := range rows {
			pr, ok := byEntity[rows[i].EntityID]
			if !ok {
				continue
			}
			sc := pr.Score
			rows[i].PreviousScore = &sc
			if !comparable {
				rows[i].NotComparable = true
				continue
			}
			rows[i].PreviousRank = pr.Rank
			mv := pr.Rank - rows[i].Rank
			rows[i].Movement = &mv
		}
	}
	v.Items = rows
	na, err := s.store.NotAssessed(ctx, p.ID, key, filterProvince)
	if err != nil {
		return v, err
	}
	v.NotAssessed = na
	return v, nil
}

// ResultView is an entity's current result with the names a reader needs.
type ResultView struct {
	Period   Period          `json:"-"`
	Entity   Entity          `json:"entity"`
	Snapshot Snapshot        `json:"result"`
	State    string          `json:"state"`
	Method   *scoring.Method `json:"-"`
}

// ResultVisible tells whether the actor may see an entity's result in a
// period, from the period, the entity and its state there. decided is false
// for an assessor, whose access depends on their assignments (Result reads
// them).
func ResultVisible(a Actor, p Period, e Entity, state string, publicOnly bool) (visible, decided bool) {
	switch {
	case publicOnly:
		return p.Status == PeriodPublished && state == EntityPublished, true
	case a.Role == RoleAdmin || a.Role == RoleLeadership:
		return true, true
	case a.Role == RoleCoordinator:
		return inProvince(a, e), true
	case a.Role == RoleAgency:
		return a.EntityID == e.ID && (state == EntityFinal || state == EntityPublished), true
	case a.Role == RoleAssessor:
		return false, false
	}
	return false, true
}

// Result returns an entity's current result in a period, if the actor may
// see it: admin and leadership always; coordinators in their province;
// assessors for entities they assess; agency users their own entity once
// final; the public (publicOnly) only published results.
func (s *Service) Result(ctx context.Context, a Actor, year int, entityID int64, publicOnly bool) (ResultView, error) {
	var v ResultView
	p, err := s.store.PeriodByYear(ctx, year)
	if err != nil {
		return v, err
	}
	e, err := s.store.Entity(ctx, entityID)
	if err != nil {
		return v, err
	}
	pe, err := s.store.PeriodEntity(ctx, p.ID, entityID, false)
	if err != nil {
		return v, err
	}
	visible, decided := ResultVisible(a, p, e, pe.State, publicOnly)
	if !decided {
		// An assessor sees the results of the entities they assess.
		uas, err := s.store.UnitAssessments(ctx, p.ID, e.ID)
		if err != nil {
			return v, err
		}
		for _, ua := range uas {
			if isAssigned(a, ua) {
				visible = true
			}
		}
	}
	if !visible {
		return v, ErrNotFound
	}
	snap, err := s.store.CurrentSnapshot(ctx, p.ID, entityID)
	if err != nil {
		return v, err
	}
	m, err := s.method(ctx, s.store, p.MethodID)
	if err != nil {
		return v, err
	}
	sortDimensions(m, snap.Dimensions)
	if uas, err := s.store.UnitAssessments(ctx, p.ID, entityID); err == nil {
		byUnit := map[int64]int64{}
		for _, ua := range uas {
			byUnit[ua.UnitID] = ua.ID
		}
		for i := range snap.Units {
			snap.Units[i].UnitAssessmentID = byUnit[snap.Units[i].UnitID]
		}
	} else {
		return v, err
	}
	return ResultView{Period: p, Entity: e, Snapshot: snap, State: pe.State, Method: m}, nil
}

// UserFilter selects users.
type UserFilter struct {
	Role       string
	ProvinceID int64
	EntityID   int64
	Query      string
	Page       Page
}

// Users lists accounts (admin). A coordinator may list the assessors
// (role=assessor), whom they assign to the units of their province.
func (s *Service) Users(ctx context.Context, a Actor, f UserFilter) ([]User, int, error) {
	if a.Role != RoleAdmin && !(a.Role == RoleCoordinator && f.Role == string(RoleAssessor)) {
		return nil, 0, ErrForbidden
	}
	f.Page = f.Page.Normalize()
	return s.store.Users(ctx, f)
}

// AuditFilter selects audit rows.
type AuditFilter struct {
	EntityID int64
	ActorID  int64
	PeriodID int64
	Action   string
	// ProvinceID keeps the rows about entities of one province (set for
	// coordinators by Audit).
	ProvinceID int64
	Page       Page
}

// Audit lists audit rows, newest first: everything for admin and
// leadership, the rows about their province's entities for a coordinator.
func (s *Service) Audit(ctx context.Context, a Actor, f AuditFilter) ([]AuditEntry, int, error) {
	switch a.Role {
	case RoleAdmin, RoleLeadership:
	case RoleCoordinator:
		if a.ProvinceID == 0 {
			return nil, 0, ErrForbidden
		}
		f.ProvinceID = a.ProvinceID
	default:
		return nil, 0, ErrForbidden
	}
	f.Page = f.Page.Normalize()
	return s.store.AuditEntries(ctx, f)
}

func (s *Service) provinceCodeOf(ctx context.Context, id int64) (string, error) {
	regions, err := s.store.Regions(ctx)
	if err != nil {
		return "", err
	}
	for _, r := range regions {
		if r.ID == id {
			return r.Code, nil
		}
	}
	return "", ErrNotFound
}

// Ping runs one trivial query: the baseline of load measurements.
func (s *Service) Ping(ctx context.Context) error { return s.store.Ping(ctx) }
