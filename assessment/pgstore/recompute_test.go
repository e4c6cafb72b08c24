package pgstore_test

import (
	"context"
	"database/sql"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib"

	"github.com/ombudsman-ri/p4/assessment"
)

// interruptingStore runs interrupt when the recompute reaches its ranking
// step (after the new snapshot is written, before it is ranked and made
// current), then lets the real store go on, which then meets the
// interruption.
type interruptingStore struct {
	assessment.Store
	interrupt func()
}

func (s interruptingStore) InTx(ctx context.Context, fn func(tx assessment.Store) error) error {
	return s.Store.InTx(ctx, func(tx assessment.Store) error { return fn(interruptingStore{tx, s.interrupt}) })
}

func (s interruptingStore) ReplaceRankings(ctx context.Context, periodID int64, group string, r []assessment.Ranking) error {
	s.interrupt()
	return s.Store.ReplaceRankings(ctx, periodID, group, r)
}

// A recompute killed mid-way — its request cancelled, or its database
// connection killed — leaves the last snapshot current and whole, adds no
// snapshot and no audit entry, and the next recompute works.
func TestRecomputeKilledMidwayLeavesLastSnapshotWhole(t *testing.T) {
	for _, kill := range []string{"context cancelled", "connection killed"} {
		t.Run(kill, func(t *testing.T) {
			w := newWorld(t)
			w.acceptAll(3)
			if _, err := w.svc.Verify(w.ctx, w.coord, w.period.ID, w.entity.ID); err != nil {
				t.Fatal(err)
			}
			before, err := w.store.CurrentSnapshot(w.ctx, w.period.ID, w.entity.ID)
			if err != nil {
				t.Fatal(err)
			}
			count := func(q string) int64 {
				var n int64
				w.storeDB().Raw(q, w.entity.ID).Scan(&n)
				return n
			}
			snaps, audits := count(`SELECT count(*) FROM result_snapshots WHERE entity_id = ?`), count(`SELECT count(*) FROM audit_log WHERE entity_id = ?`)
			w.withSQL(`UPDATE answers SET value = 0 WHERE unit_assessment_id = $1`, w.uas[0].ID)

			ctx, cancel := context.WithCancel(w.ctx)
			defer cancel()
			interrupt := cancel
			if kill == "connection killed" {
				admin, err := sql.Open("pgx", w.url)
				if err != nil {
					t.Fatal(err)
				}
				defer admin.Close()
				interrupt = func() {
					// The recompute's transaction is the one idle between statements.
					var n int
					if err := admin.QueryRow(`SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
						WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'idle in transaction'`).Scan(&n); err != nil || n != 1 {
						t.Errorf("terminate the recompute's connection: %d terminated, %v", n, err)
					}
				}
			}
			broken := assessment.NewService(interruptingStore{w.store, interrupt}, assessment.WithClock(w.clock.now))
			if _, err := broken.Recompute(ctx, assessment.System, w.period.ID, w.entity.ID); err == nil {
				t.Fatalf("recompute with its %s succeeded", kill)
			}
			after, err := w.store.CurrentSnapshot(w.ctx, w.period.ID, w.entity.ID)
			if err != nil {
				t.Fatal(err)
			}
			if after.ID != before.ID || after.Score != before.Score || len(after.Units) != len(before.Units) || len(after.Dimensions) != len(before.Dimensions) || after.Ranks["pemkab"] != 1 {
				t.Fatalf("after a %s: snapshot %d score %s; want the previous snapshot %d score %s whole", kill, after.ID, after.Score, before.ID, before.Score)
			}
			if s, a := count(`SELECT count(*) FROM result_snapshots WHERE entity_id = ?`), count(`SELECT count(*) FROM audit_log WHERE entity_id = ?`); s != snaps || a != audits {
				t.Fatalf("after a %s: %d snapshots, %d audit entries; before %d, %d", kill, s, a, snaps, audits)
			}
			if n, problem, err := w.svc.VerifyAudit(w.ctx); err != nil || problem != nil {
				t.Fatalf("audit log after a %s: %d rows, %v, %v", kill, n, problem, err)
			}
			snap, err := w.svc.Recompute(w.ctx, assessment.System, w.period.ID, w.entity.ID)
			if err != nil {
				t.Fatalf("the next recompute: %v", err)
			}
			if snap.Score.String() != "50.00" {
				t.Fatalf("recomputed score: got %s, want 50.00 (one of two units at 0)", snap.Score)
			}
		})
	}
}
