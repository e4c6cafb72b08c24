package pgstore_test

import (
	"errors"
	"testing"

	"github.com/ombudsman-ri/p4/assessment"
)

func (w *world) resultsVersion() int64 {
	w.t.Helper()
	v, err := w.store.ResultsVersion(w.ctx)
	if err != nil {
		w.t.Fatal(err)
	}
	return v
}

// The results version (migration 0007) moves with every committed change
// to what rankings and results are read from, once per transaction, and
// not with a rolled-back one or a change they do not read.
func TestResultsVersionMovesWithWhatRankingsRead(t *testing.T) {
	w := newWorld(t)
	v0 := w.resultsVersion()
	if v0 == 0 {
		t.Fatalf("no results version row")
	}

	// An answer saved: not read by rankings (a result changes at recompute).
	w.fill(w.assessor, w.uas[0].ID, 3)
	if got := w.resultsVersion(); got != v0 {
		t.Fatalf("saving answers moved the version %d -> %d", v0, got)
	}

	// A recompute of the whole period: many snapshots and ranks, one move.
	w.acceptAll(3)
	v1 := w.resultsVersion()
	if _, err := w.svc.RecomputePeriod(w.ctx, w.admin, w.period.ID); err != nil {
		t.Fatal(err)
	}
	if got := w.resultsVersion(); got != v1+1 {
		t.Fatalf("a period recompute moved the version %d -> %d, want one step", v1, got)
	}

	// A rolled-back transaction leaves it.
	v2 := w.resultsVersion()
	boom := errors.New("roll back")
	err := w.store.InTx(w.ctx, func(tx assessment.Store) error {
		e := w.entity
		e.Name = "Kabupaten Batal"
		if err := tx.UpdateEntity(w.ctx, e); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("rolled-back rename: %v", err)
	}
	if got := w.resultsVersion(); got != v2 {
		t.Fatalf("a rolled-back change moved the version %d -> %d", v2, got)
	}

	// Each table a ranking or a result is read from, changed by plain SQL
	// (a script, a hand fix), moves it.
	for _, q := range []string{
		`UPDATE regions SET name = name || ' ' WHERE id = (SELECT province_id FROM entities WHERE id = $1) AND $2::bigint > 0`,
		`UPDATE entities SET name = name || ' ' WHERE id = $1 AND $2::bigint > 0`,
		`UPDATE units SET name = name || ' ' WHERE entity_id = $1 AND $2::bigint > 0`,
		`UPDATE methods SET name = name || ' ' WHERE id = (SELECT method_id FROM periods WHERE id = $2) AND $1::bigint > 0`,
		`UPDATE periods SET name = name || ' ' WHERE id = $2 AND $1::bigint > 0`,
		`UPDATE period_entities SET assessed = assessed WHERE entity_id = $1 AND period_id = $2`,
		`UPDATE result_snapshots SET opinion = opinion WHERE entity_id = $1 AND period_id = $2`,
		`UPDATE current_results SET snapshot_id = snapshot_id WHERE entity_id = $1 AND period_id = $2`,
		`UPDATE rankings SET rank = rank WHERE entity_id = $1 AND period_id = $2`,
	} {
		v := w.resultsVersion()
		if err := w.storeDB().Exec(q, w.entity.ID, w.period.ID).Error; err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		if got := w.resultsVersion(); got != v+1 {
			t.Errorf("%s: version %d -> %d, want one step", q, v, got)
		}
	}
}
