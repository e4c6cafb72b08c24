// Command recompute times the full recompute of a period against one SQL
// aggregate over the same answers, and checks that both give the same score
// to every entity (docs/PERFORMANCE.md).
//
// The recompute runs through assessment.Service.RecomputePeriod inside one
// transaction that is rolled back at the end, so the database is left as it
// was; a published period (locked) is set back to closed inside that
// transaction first. Each side runs once untimed (warm), then -runs times
// in turns (so that both meet the same load on a shared machine); the best
// and the median of each side, and the ratio of each turn, are printed.
// -cpuprofile writes a CPU profile of the timed turns.
//
//	go run ./scripts/load/recompute -db "$P4_DATABASE_URL" -year 2024 -runs 3
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"runtime/pprof"
	"sort"
	"strings"
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
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile of the recompute runs to this file")
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
	// One side's run. The SQL aggregate runs on its own (read committed,
	// as the recompute's transaction); the recompute in a transaction that
	// is rolled back, its scores checked against the aggregate's when check.
	var sqlScores map[int64]scoring.Score
	aggregate := func() time.Duration {
		t0 := time.Now()
		sqlScores, err = st.EntityScoresSQL(ctx, p.ID, m)
		must(err)
		return time.Since(t0)
	}
	var entities int
	var recStatements int64
	mismatches := 0
	recompute := func(check bool) time.Duration {
		var took time.Duration
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
			took = time.Since(t0)
			recStatements = statements.Load() - before
			entities = n
			if check {
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
		return took
	}

	// Both sides warm (one untimed run each: the server's caches, each
	// statement prepared), then run in turns — the aggregate first in one
	// turn, the recompute first in the next — so that both meet the same
	// load on a shared machine; the ratio is taken per turn too.
	fmt.Printf("load average before: %s\n", loadAverage())
	aggregate()
	recompute(true)
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		must(err)
		must(pprof.StartCPUProfile(f))
		defer f.Close()
	}
	var sqlTimes, recTimes []time.Duration
	var ratios []float64
	for r := 0; r < *runs; r++ {
		var s, rc time.Duration
		if r%2 == 0 {
			s = aggregate()
			rc = recompute(false)
		} else {
			rc = recompute(false)
			s = aggregate()
		}
		sqlTimes, recTimes = append(sqlTimes, s), append(recTimes, rc)
		ratios = append(ratios, float64(rc)/float64(s))
	}
	if *cpuProfile != "" {
		pprof.StopCPUProfile()
	}
	fmt.Printf("load average after:  %s\n", loadAverage())
	ms := func(ds []time.Duration) string {
		out := make([]string, len(ds))
		for i, d := range ds {
			out[i] = fmt.Sprint(d.Round(time.Millisecond))
		}
		return strings.Join(out, " ")
	}
	rs := make([]string, len(ratios))
	for i, x := range ratios {
		rs[i] = fmt.Sprintf("%.2f", x)
	}
	fmt.Printf("runs in turn: SQL %s | recompute %s | ratio %s\n", ms(sqlTimes), ms(recTimes), strings.Join(rs, " "))
	best := func(ds []time.Duration) (time.Duration, time.Duration) {
		sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
		return ds[0], ds[len(ds)/2]
	}
	sb, sm := best(sqlTimes)
	rb, rm := best(recTimes)
	sort.Float64s(ratios)
	fmt.Printf("period %d: %d entities, %d answers\n", *year, entities, answers)
	fmt.Printf("SQL aggregate (read-only, one statement):   best %s, median %s\n", sb.Round(time.Millisecond), sm.Round(time.Millisecond))
	fmt.Printf("full recompute (read, score, %d snapshots, audit, ranks): best %s, median %s\n", entities, rb.Round(time.Millisecond), rm.Round(time.Millisecond))
	fmt.Printf("statements sent by the recompute through gorm: %d (%.1f per entity; those sent through pgx directly are not counted)\n",
		recStatements, float64(recStatements)/float64(max(entities, 1)))
	fmt.Printf("ratio recompute/SQL: best %.1f×, median %.1f×; per turn: median %.2f×, worst %.2f×\n",
		float64(rb)/float64(sb), float64(rm)/float64(sm), ratios[len(ratios)/2], ratios[len(ratios)-1])
	fmt.Printf("scores that differ: %d of %d\n", mismatches, len(sqlScores))
	if mismatches > 0 || len(sqlScores) != entities {
		os.Exit(1)
	}
}

// loadAverage is the first three fields of /proc/loadavg, or "?".
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}

func must(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "recompute:", err)
		os.Exit(1)
	}
}
