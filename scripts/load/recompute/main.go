// Command recompute times the full recompute of a period against one SQL
// aggregate over the same answers, and checks that both give the same score
// to every entity (docs/PERFORMANCE.md).
//
// The recompute runs through assessment.Service.RecomputePeriod inside one
// transaction that is rolled back at the end, so the database is left as it
// was; a published period (locked) is set back to closed inside that
// transaction first. Each side runs -runs times; the best and the median
// are printed.
//
//	go run ./scripts/load/recompute -db "$P4_DATABASE_URL" -year 2024 -runs 3
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"sort"
	"sync/atomic"
	"time"

	"gorm.io/gorm"

	"github.com/ombudsman-ri/p4/assessment"
	"github.com/ombudsman-ri/p4/assessment/pgstore"
	"github.com/ombudsman-ri/p4/scoring"
)

var errRollback = errors.New("rolled back on purpose")

func main() {
	dbURL := flag.String("db", os.Getenv("P4_DATABASE_URL"), "PostgreSQL URL")
	year := flag.Int("year", 2024, "period to recompute")
	runs := flag.Int("runs", 3, "runs of each side")
	flag.Parse()
	ctx := context.Background()
	gdb, err := pgstore.Open(ctx, *dbURL, 4, nil)
	must(err)
	st := pgstore.New(gdb)
	p, err := st.PeriodByYear(ctx, *year)
	must(err)
	mv, err := st.Method(ctx, p.MethodID)
	must(err)
	m, err := scoring.ParseFile(mv.Definition)
	must(err)
	var answers int64
	must(gdb.Raw(`SELECT count(*) FROM answers a JOIN unit_assessments ua ON ua.id = a.unit_assessment_id WHERE ua.period_id = ?`, p.ID).Scan(&answers).Error)

	// Statements sent by the recompute, counted through gorm's callbacks.
	var statements atomic.Int64
	count := func(*gorm.DB) { statements.Add(1) }
	cb := gdb.Callback()
	must(cb.Query().After("gorm:query").Register("load:count_query", count))
	must(cb.Row().After("gorm:row").Register("load:count_row", count))
	must(cb.Raw().After("gorm:raw").Register("load:count_raw", count))
	must(cb.Create().After("gorm:create").Register("load:count_create", count))
	must(cb.Update().After("gorm:update").Register("load:count_update", count))
	must(cb.Delete().After("gorm:delete").Register("load:count_delete", count))
	var sqlTimes, recTimes []time.Duration
	var recStatements int64
	var sqlScores map[int64]scoring.Score
	for r := 0; r < *runs; r++ {
		t0 := time.Now()
		sqlScores, err = st.EntityScoresSQL(ctx, p.ID, m)
		must(err)
		sqlTimes = append(sqlTimes, time.Since(t0))
	}
	var entities int
	mismatches := 0
	for r := 0; r < *runs; r++ {
		err := st.InTx(ctx, func(tx assessment.Store) error {
			if p.Status == assessment.PeriodPublished {
				q := p
				q.Status = assessment.PeriodClosed
				if err := tx.UpdatePeriod(ctx, &q); err != nil {
					return err
				}
			}
			svc := assessment.NewService(tx)
			before := statements.Load()
			t0 := time.Now()
			n, err := svc.RecomputePeriod(ctx, assessment.System, p.ID)
			if err != nil {
				return err
			}
			recTimes = append(recTimes, time.Since(t0))
			recStatements = statements.Load() - before
			entities = n
			if r == 0 {
				for id, want := range sqlScores {
					snap, err := tx.CurrentSnapshot(ctx, p.ID, id)
					if err != nil {
						return err
					}
					if snap.Score != want {
						mismatches++
						fmt.Printf("entity %d: recompute %s, SQL %s\n", id, snap.Score, want)
					}
				}
			}
			return errRollback
		})
		if !errors.Is(err, errRollback) {
			must(err)
		}
	}
	best := func(ds []time.Duration) (time.Duration, time.Duration) {
		sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
		return ds[0], ds[len(ds)/2]
	}
	sb, sm := best(sqlTimes)
	rb, rm := best(recTimes)
	fmt.Printf("period %d: %d entities, %d answers\n", *year, entities, answers)
	fmt.Printf("SQL aggregate (read-only, one statement):   best %s, median %s\n", sb.Round(time.Millisecond), sm.Round(time.Millisecond))
	fmt.Printf("full recompute (read, score, %d snapshots, audit, ranks): best %s, median %s\n", entities, rb.Round(time.Millisecond), rm.Round(time.Millisecond))
	fmt.Printf("statements sent by the recompute: %d (%.1f per entity)\n", recStatements, float64(recStatements)/float64(max(entities, 1)))
	fmt.Printf("ratio recompute/SQL: best %.1f×, median %.1f×\n", float64(rb)/float64(sb), float64(rm)/float64(sm))
	fmt.Printf("scores that differ: %d of %d\n", mismatches, len(sqlScores))
	if mismatches > 0 || len(sqlScores) != entities {
		os.Exit(1)
	}
}

func must(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "recompute:", err)
		os.Exit(1)
	}
}
