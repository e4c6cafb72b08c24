package assessment

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/big"
	"runtime"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ombudsman-ri/p4/scoring"
)

func formatID(id int64) string { return strconv.FormatInt(id, 10) }

// scoringEntity builds the scoring input of an entity from its stored answers.
func (s *Service) scoringEntity(ctx context.Context, tx Store, p Period, e Entity) (scoring.Entity, error) {
	uas, err := tx.UnitAssessments(ctx, p.ID, e.ID)
	if err != nil {
		return scoring.Entity{ID: formatID(e.ID), Name: e.Name, Kind: e.Kind, Province: e.ProvinceCode}, err
	}
	ids := make([]int64, len(uas))
	for i, ua := range uas {
		ids[i] = ua.ID
	}
	answers, err := tx.Answers(ctx, ids...)
	if err != nil {
		return scoring.Entity{}, err
	}
	return scoringEntityOf(e, uas, answersByUA(answers)), nil
}

// answersByUA keeps the given answers (cleared ones are unanswered) by unit
// assessment and indicator.
func answersByUA(answers []Answer) map[int64]map[string]scoring.Answer {
	byUA := map[int64]map[string]scoring.Answer{}
	for _, a := range answers {
		if a.Value == nil && !a.NA {
			continue // cleared: unanswered
		}
		if byUA[a.UnitAssessmentID] == nil {
			byUA[a.UnitAssessmentID] = map[string]scoring.Answer{}
		}
		sa := scoring.Answer{NA: a.NA}
		if a.Value != nil {
			sa.Value = *a.Value
		}
		byUA[a.UnitAssessmentID][a.Indicator] = sa
	}
	return byUA
}

// scoringEntityOf builds the scoring input of an entity from its unit
// assessments (in unit order) and their answers.
func scoringEntityOf(e Entity, uas []UnitAssessment, byUA map[int64]map[string]scoring.Answer) scoring.Entity {
	se := scoring.Entity{ID: formatID(e.ID), Name: e.Name, Kind: e.Kind, Province: e.ProvinceCode}
	names := map[int64]string{}
	for _, u := range e.Units {
		names[u.ID] = u.Name
	}
	for _, ua := range uas {
		ans := byUA[ua.ID]
		if ans == nil {
			ans = map[string]scoring.Answer{}
		}
		se.Units = append(se.Units, scoring.Unit{ID: formatID(ua.UnitID), Name: names[ua.UnitID], Answers: ans})
	}
	return se
}

// recompute scores an entity from its answers, stores an immutable snapshot,
// makes it current and re-ranks the entity's peer groups, inside tx.
func (s *Service) recompute(ctx context.Context, tx Store, a Actor, p Period, entityID int64, source string) (Snapshot, error) {
	m, err := s.method(ctx, tx, p.MethodID)
	if err != nil {
		return Snapshot{}, err
	}
	e, err := tx.Entity(ctx, entityID)
	if err != nil {
		return Snapshot{}, err
	}
	se, err := s.scoringEntity(ctx, tx, p, e)
	if err != nil {
		return Snapshot{}, err
	}
	res, err := scoring.ScoreEntity(m, se)
	if err != nil {
		return Snapshot{}, fmt.Errorf("score entity %d: %w", entityID, err)
	}
	snap := snapshotOf(p, e, res, source, a, s)
	if err := s.saveAndRank(ctx, tx, a, p, e, &snap); err != nil {
		return Snapshot{}, err
	}
	return snap, nil
}

func snapshotOf(p Period, e Entity, res *scoring.EntityResult, source string, a Actor, s *Service) Snapshot {
	return snapshotAt(p, e, res, source, a, s.now())
}

// snapshotAt is the snapshot of a scoring result, made at the given time.
func snapshotAt(p Period, e Entity, res *scoring.EntityResult, source string, a Actor, at time.Time) Snapshot {
	snap := Snapshot{PeriodID: p.ID, EntityID: e.ID, MethodID: p.MethodID, Score: res.Score, Category: res.Category,
		Opinion: res.Opinion, Zone: res.Zone, Complete: res.Complete, Source: source, CreatedAt: at, CreatedBy: a.UserID, Detail: res}
	for _, d := range res.Dimensions {
		snap.Dimensions = append(snap.Dimensions, dimOf(0, d))
	}
	for _, u := range res.Units {
		id, _ := strconv.ParseInt(u.ID, 10, 64)
		snap.Units = append(snap.Units, SnapshotUnit{UnitID: id, Score: u.Score, Complete: u.Complete})
		for _, d := range u.Dimensions {
			snap.Dimensions = append(snap.Dimensions, dimOf(id, d))
		}
	}
	return snap
}

func dimOf(unitID int64, d scoring.DimensionResult) SnapshotDimension {
	pts, max := d.Points.String(), d.Max.String()
	if d.Exact != nil {
		pts = floatString4(d.Exact)
	}
	if d.ExactMax != nil {
		max = floatString4(d.ExactMax)
	}
	return SnapshotDimension{UnitID: unitID, Dimension: d.Code, Points: json.Number(pts), MaxPoints: json.Number(max), Percent: d.Percent}
}

// floatString4 is r.FloatString(4) (rounded to nearest, halves away from
// zero), computed in int64 when r is not negative and small enough, as
// dimension points are.
func floatString4(r *big.Rat) string {
	n, d := r.Num(), r.Denom()
	if !n.IsInt64() || !d.IsInt64() {
		return r.FloatString(4)
	}
	a, b := n.Int64(), d.Int64()
	if a < 0 || a > math.MaxInt64/20000 || b > math.MaxInt64/2 {
		return r.FloatString(4)
	}
	q := (a*20000 + b) / (2 * b)
	buf := strconv.AppendInt(make([]byte, 0, 24), q/10000, 10)
	f := q % 10000
	return string(append(buf, '.', byte('0'+f/1000), byte('0'+f/100%10), byte('0'+f/10%10), byte('0'+f%10)))
}

func (s *Service) saveAndRank(ctx context.Context, tx Store, a Actor, p Period, e Entity, snap *Snapshot) error {
	if err := s.saveResult(ctx, tx, a, p, e, snap); err != nil {
		return err
	}
	return s.rerank(ctx, tx, p, e)
}

// saveResult stores a snapshot as the entity's current result and audits
// the change; the caller re-ranks.
func (s *Service) saveResult(ctx context.Context, tx Store, a Actor, p Period, e Entity, snap *Snapshot) error {
	var prev *Snapshot
	if cur, err := tx.CurrentSnapshot(ctx, p.ID, e.ID); err == nil {
		prev = &cur
	}
	if err := tx.SaveSnapshot(ctx, snap); err != nil {
		return err
	}
	return s.audit(ctx, tx, a, chainOf("entity", e.ID), "result."+snap.Source, "result", snap.ID, p.ID, e.ID, resultSummary(prev), resultSummary(snap), "")
}

// resultSummary is what the audit log keeps of a result.
func resultSummary(sn *Snapshot) any {
	if sn == nil {
		return nil
	}
	return map[string]any{"snapshot": sn.ID, "score": sn.Score, "category": sn.Category, "zone": sn.Zone, "complete": sn.Complete}
}

// rerank recomputes the ranks of every peer group the entity belongs to.
func (s *Service) rerank(ctx context.Context, tx Store, p Period, e Entity) error {
	for _, g := range scoring.PeerGroupsOf(e.Kind, e.ProvinceCode) {
		if err := s.rerankGroup(ctx, tx, p, g); err != nil {
			return err
		}
	}
	return nil
}

// scoreSnapshot scores one entity of a period recompute; its snapshot's
// time is set when it is saved.
func (s *Service) scoreSnapshot(m *scoring.Method, p Period, a Actor, entities map[int64]Entity, id int64, uas []UnitAssessment,
	byUA map[int64]map[string]scoring.Answer) (*Snapshot, error) {
	e, ok := entities[id]
	if !ok {
		return nil, fmt.Errorf("entity %d: %w", id, ErrNotFound)
	}
	res, err := scoring.ScoreEntity(m, scoringEntityOf(e, uas, byUA))
	if err != nil {
		return nil, fmt.Errorf("score entity %d: %w", e.ID, err)
	}
	snap := snapshotAt(p, e, res, SourceComputed, a, time.Time{})
	return &snap, nil
}

// rerankGroup recomputes the ranks of one peer group from its current results.
func (s *Service) rerankGroup(ctx context.Context, tx Store, p Period, g scoring.PeerGroup) error {
	if err := tx.LockRanking(ctx, p.ID, g.String()); err != nil {
		return err
	}
	standings, err := tx.Standings(ctx, p.ID, g)
	if err != nil {
		return err
	}
	return tx.ReplaceRankings(ctx, p.ID, g.String(), rankingOf(p, g, standings))
}

// rankingOf ranks a peer group's standings.
func rankingOf(p Period, g scoring.PeerGroup, standings []Standing) []Ranking {
	cur := make([]scoring.Standing, len(standings))
	snapOf := map[string]int64{}
	for i, st := range standings {
		id := formatID(st.EntityID)
		cur[i] = scoring.Standing{EntityID: id, Name: st.Name, Score: st.Score, Complete: st.Complete, NotAssessed: st.NotAssessed}
		snapOf[id] = st.SnapshotID
	}
	var rows []Ranking
	for _, r := range scoring.Rank(cur, nil, false) {
		if r.Rank == 0 {
			continue
		}
		id, _ := strconv.ParseInt(r.EntityID, 10, 64)
		rows = append(rows, Ranking{PeriodID: p.ID, PeerGroup: g.String(), EntityID: id, SnapshotID: snapOf[r.EntityID], Rank: r.Rank})
	}
	return rows
}

// Recompute scores an entity again from its answers (e.g. after a method
// correction before publication). Admin only.
func (s *Service) Recompute(ctx context.Context, a Actor, periodID, entityID int64) (Snapshot, error) {
	if err := requireAdmin(a); err != nil {
		return Snapshot{}, err
	}
	var snap Snapshot
	err := s.store.InTx(ctx, func(tx Store) error {
		p, err := tx.Period(ctx, periodID)
		if err != nil {
			return err
		}
		if p.Status == PeriodPublished {
			return &StateError{Action: "result.recompute", From: "period published", Kind: ErrLocked}
		}
		snap, err = s.recompute(ctx, tx, a, p, entityID, SourceComputed)
		return err
	})
	return snap, err
}

// RecomputePeriod scores every assessed entity of a period again from its
// answers, in one transaction: a new snapshot per entity (audited like
// Recompute), then each peer group ranked once, not once per entity. A
// failure or cancellation part-way leaves every previous snapshot current.
// Admin only; a published period is locked. Returns the entities scored.
func (s *Service) RecomputePeriod(ctx context.Context, a Actor, periodID int64) (int, error) {
	if err := requireAdmin(a); err != nil {
		return 0, err
	}
	n := 0
	err := s.store.InTx(ctx, func(tx Store) error {
		p, err := tx.Period(ctx, periodID)
		if err != nil {
			return err
		}
		if p.Status == PeriodPublished {
			return &StateError{Action: "result.recompute", From: "period published", Kind: ErrLocked}
		}
		m, err := s.method(ctx, tx, p.MethodID)
		if err != nil {
			return err
		}
		// The whole period is read in a few queries (entities, unit
		// assessments, answers, current results), scored in memory while
		// the snapshots are written in a few bulk statements (COPY), then
		// audited; then each peer group is ranked once.
		pes, err := tx.PeriodEntities(ctx, periodID)
		if err != nil {
			return err
		}
		var ids []int64
		for _, pe := range pes {
			if pe.Assessed {
				ids = append(ids, pe.EntityID)
			}
		}
		entities, err := tx.EntitiesWithUnits(ctx, ids)
		if err != nil {
			return err
		}
		allUAs, err := tx.PeriodUnitAssessments(ctx, periodID)
		if err != nil {
			return err
		}
		uasOf := map[int64][]UnitAssessment{}
		for _, ua := range allUAs {
			uasOf[ua.EntityID] = append(uasOf[ua.EntityID], ua)
		}
		byUA, err := tx.PeriodAnswers(ctx, periodID)
		if err != nil {
			return err
		}
		current, err := tx.CurrentResults(ctx, periodID)
		if err != nil {
			return err
		}
		// Entities are scored in parallel (each on its own, the method and
		// the answers only read) while their snapshots are being sent, in
		// order: the same snapshots, the clock read once per snapshot in
		// that order, the first error in that order. An entity with no
		// unit assessment has no snapshot.
		var todo []int64
		groups := map[string]scoring.PeerGroup{}
		for _, id := range ids {
			e, ok := entities[id]
			if ok && len(uasOf[id]) == 0 {
				continue
			}
			todo = append(todo, id)
			for _, g := range scoring.PeerGroupsOf(e.Kind, e.ProvinceCode) {
				groups[g.String()] = g
			}
		}
		scored := make([]*Snapshot, len(todo))
		errs := make([]error, len(todo))
		done := make([]chan struct{}, len(todo))
		for i := range done {
			done[i] = make(chan struct{})
		}
		var claimed atomic.Int64
		var stop atomic.Bool
		var wg sync.WaitGroup
		defer wg.Wait()
		defer stop.Store(true)
		for range min(runtime.GOMAXPROCS(0), len(todo)) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := int(claimed.Add(1) - 1); i < len(todo); i = int(claimed.Add(1) - 1) {
					if !stop.Load() {
						scored[i], errs[i] = s.scoreSnapshot(m, p, a, entities, todo[i], uasOf[todo[i]], byUA)
					}
					close(done[i])
				}
			}()
		}
		var mu sync.Mutex
		saved := false
		next := func(i int) (*Snapshot, error) {
			<-done[i]
			mu.Lock()
			defer mu.Unlock()
			if saved {
				return nil, errors.New("recompute: snapshot asked for after the save")
			}
			if errs[i] != nil {
				return nil, errs[i]
			}
			scored[i].CreatedAt = s.now()
			return scored[i], nil
		}
		err = tx.SaveSnapshots(ctx, len(todo), next)
		mu.Lock()
		saved = true
		mu.Unlock()
		if err != nil {
			return err
		}
		snaps := scored
		n = len(snaps)
		entries := make([]*AuditEntry, len(snaps))
		for i, snap := range snaps {
			var prev *Snapshot
			if cur, ok := current[snap.EntityID]; ok {
				prev = &cur
			}
			e, err := s.auditEntry(a, chainOf("entity", snap.EntityID), "result."+snap.Source, "result", snap.ID, p.ID, snap.EntityID, resultSummary(prev), resultSummary(snap), "")
			if err != nil {
				return err
			}
			entries[i] = &e
		}
		if err := tx.AppendAudits(ctx, entries); err != nil {
			return err
		}
		// Each peer group ranked once, as rerankGroup ranks it: every
		// group's lock taken first (in one statement, in the groups' order),
		// every group's standings read in one query.
		keys := make([]string, 0, len(groups))
		for k := range groups {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		gs := make([]scoring.PeerGroup, len(keys))
		for i, k := range keys {
			gs[i] = groups[k]
		}
		if len(keys) == 0 {
			return nil
		}
		if err := tx.LockRankings(ctx, p.ID, keys); err != nil {
			return err
		}
		standings, err := tx.GroupStandings(ctx, p.ID, gs)
		if err != nil {
			return err
		}
		for _, g := range gs {
			if err := tx.ReplaceRankings(ctx, p.ID, g.String(), rankingOf(p, g, standings[g.String()])); err != nil {
				return err
			}
		}
		return nil
	})
	return n, err
}

// ImportHistorical stores a result given as a score (a past year's published
// table), classified by the period's method; ranks are recomputed, never taken
// from the source.
func (s *Service) ImportHistorical(ctx context.Context, a Actor, periodID, entityID int64, score scoring.Score) (Snapshot, error) {
	if err := requireAdmin(a); err != nil {
		return Snapshot{}, err
	}
	var snap Snapshot
	err := s.store.InTx(ctx, func(tx Store) error {
		var err error
		snap, err = s.importHistorical(ctx, tx, a, periodID, entityID, score, true)
		return err
	})
	return snap, err
}

// importHistorical is ImportHistorical inside tx; with rank false the caller
// re-ranks (a bulk import ranks each peer group once, after every row).
func (s *Service) importHistorical(ctx context.Context, tx Store, a Actor, periodID, entityID int64, score scoring.Score, rank bool) (Snapshot, error) {
	var snap Snapshot
	p, err := tx.Period(ctx, periodID)
	if err != nil {
		return snap, err
	}
	if !p.Historical {
		return snap, &StateError{Action: "result.import", Kind: ErrState, Detail: "only historical periods take imported scores"}
	}
	m, err := s.method(ctx, tx, p.MethodID)
	if err != nil {
		return snap, err
	}
	e, err := tx.Entity(ctx, entityID)
	if err != nil {
		return snap, err
	}
	pe, err := tx.PeriodEntity(ctx, periodID, entityID, true)
	if err != nil {
		return snap, err
	}
	if !pe.Assessed {
		return snap, &StateError{Action: "result.import", From: "not assessed", Kind: ErrState}
	}
	sc := score
	res, err := scoring.ScoreEntity(m, scoring.Entity{ID: formatID(e.ID), Name: e.Name, Kind: e.Kind, Province: e.ProvinceCode, Score: &sc})
	if err != nil {
		return snap, err
	}
	snap = snapshotOf(p, e, res, SourceImported, a, s)
	if rank {
		err = s.saveAndRank(ctx, tx, a, p, e, &snap)
	} else {
		err = s.saveResult(ctx, tx, a, p, e, &snap)
	}
	if err != nil {
		return snap, err
	}
	if pe.State == EntityAssessing {
		pe.State = EntityFinal
		return snap, tx.UpdatePeriodEntity(ctx, &pe)
	}
	return snap, nil
}

// DetailJSON renders a snapshot's scoring detail for storage.
func DetailJSON(s Snapshot) ([]byte, error) {
	if s.Detail == nil {
		return []byte("{}"), nil
	}
	return json.Marshal(s.Detail)
}

// sortDimensions orders dimension rows by unit, then in instrument order.
func sortDimensions(m *scoring.Method, ds []SnapshotDimension) {
	if m == nil || m.Instrument == nil {
		return
	}
	idx := map[string]int{}
	for i, d := range m.Instrument.Dimensions {
		idx[d.Code] = i
	}
	sort.SliceStable(ds, func(i, j int) bool {
		if ds[i].UnitID != ds[j].UnitID {
			return ds[i].UnitID < ds[j].UnitID
		}
		return idx[ds[i].Dimension] < idx[ds[j].Dimension]
	})
}
