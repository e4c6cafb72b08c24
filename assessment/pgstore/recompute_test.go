package pgstore_test

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib"
	"gorm.io/gorm"

	"github.com/ombudsman-ri/p4/assessment"
	"github.com/ombudsman-ri/p4/assessment/demo"
	"github.com/ombudsman-ri/p4/assessment/filestore"
	"github.com/ombudsman-ri/p4/assessment/pgstore"
	"github.com/ombudsman-ri/p4/pgtest"
	"github.com/ombudsman-ri/p4/scoring"
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

// seedBengkulu loads the Bengkulu demo data into a template database.
func seedBengkulu(url string) error {
	ctx := context.Background()
	gdb, err := pgstore.Open(ctx, url, 5, nil)
	if err != nil {
		return err
	}
	sqlDB, _ := gdb.DB()
	defer sqlDB.Close()
	dir, err := os.MkdirTemp("", "p4-blobs-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	blobs, err := filestore.New(dir)
	if err != nil {
		return err
	}
	ds, err := demo.Bengkulu()
	if err != nil {
		return err
	}
	return demo.Load(ctx, pgstore.New(gdb), blobs, ds)
}

// openBengkulu opens a fresh copy of the Bengkulu demo database: the gorm
// handle for the test's own queries, the store and a service over it.
func openBengkulu(t *testing.T) (*gorm.DB, *pgstore.Store, *assessment.Service) {
	t.Helper()
	url := pgtest.NewSeeded(t, "bengkulu", seedBengkulu)
	gdb, err := pgstore.Open(context.Background(), url, 5, nil)
	if err != nil {
		t.Fatal(err)
	}
	sqlDB, _ := gdb.DB()
	t.Cleanup(func() { sqlDB.Close() })
	st := pgstore.New(gdb)
	return gdb, st, assessment.NewService(st)
}

// The full recompute of a period and one SQL aggregate over the same
// answers (pgstore.EntityScoresSQL, written independently of package
// scoring) give identical scores for every entity: on the demo's published
// 2022 (computed through the workflow) and on 2023 in field work, drafts
// and unanswered indicators included, after RecomputePeriod.
func TestRecomputePeriodEqualsSQLAggregate(t *testing.T) {
	ctx := context.Background()
	gdb, st, svc := openBengkulu(t)
	current := func(periodID int64) map[int64]scoring.Score {
		var rows []struct {
			EntityID int64
			Score    string
		}
		gdb.Raw(`SELECT c.entity_id, r.score::text AS score FROM current_results c JOIN result_snapshots r ON r.id = c.snapshot_id WHERE c.period_id = ?`, periodID).Scan(&rows)
		out := map[int64]scoring.Score{}
		for _, r := range rows {
			s, err := scoring.ParseScore(r.Score)
			if err != nil {
				t.Fatal(err)
			}
			out[r.EntityID] = s
		}
		return out
	}
	compare := func(what string, periodID int64, m *scoring.Method, want int) {
		t.Helper()
		sqlScores, err := st.EntityScoresSQL(ctx, periodID, m)
		if err != nil {
			t.Fatal(err)
		}
		got := current(periodID)
		if len(got) != want || len(sqlScores) != want {
			t.Fatalf("%s: %d current results, %d SQL scores; want %d each", what, len(got), len(sqlScores), want)
		}
		for id, s := range got {
			if sqlScores[id] != s {
				t.Errorf("%s: entity %d: recompute %s, SQL aggregate %s", what, id, s, sqlScores[id])
			}
		}
	}
	method := func(p assessment.Period) *scoring.Method {
		mv, err := st.Method(ctx, p.MethodID)
		if err != nil {
			t.Fatal(err)
		}
		m, err := scoring.ParseFile(mv.Definition)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	p2022, err := st.PeriodByYear(ctx, 2022)
	if err != nil {
		t.Fatal(err)
	}
	compare("2022 as published", p2022.ID, method(p2022), 31)
	if _, err := svc.RecomputePeriod(ctx, assessment.System, p2022.ID); !errors.Is(err, assessment.ErrLocked) {
		t.Errorf("recompute of a published period: %v, want locked", err)
	}
	p2023, err := st.PeriodByYear(ctx, 2023)
	if err != nil {
		t.Fatal(err)
	}
	var assessed int
	gdb.Raw(`SELECT count(*) FROM period_entities WHERE period_id = ? AND assessed`, p2023.ID).Scan(&assessed)
	n, err := svc.RecomputePeriod(ctx, assessment.System, p2023.ID)
	if err != nil || n != assessed || n < 25 {
		t.Fatalf("recompute 2023: %d entities, %v; want the %d assessed", n, err, assessed)
	}
	compare("2023 recomputed", p2023.ID, method(p2023), assessed)
	if _, problem, err := svc.VerifyAudit(ctx); err != nil || problem != nil {
		t.Fatalf("audit after the recompute: %v %v", problem, err)
	}
	var ranked int64
	gdb.Raw(`SELECT count(*) FROM rankings WHERE period_id = ?`, p2023.ID).Scan(&ranked)
	if ranked == 0 {
		t.Error("no rankings after the recompute")
	}
}
