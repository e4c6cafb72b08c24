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
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"net"
	"os"
	"runtime/pprof"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

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
	gdb, wire, err := open(ctx, *dbURL)
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
	var recStatements, recRoundTrips int64
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
			st0, rt0 := wire.statements.Load(), wire.roundTrips.Load()
			t0 := time.Now()
			n, err := svc.RecomputePeriod(ctx, assessment.System, p.ID)
			if err != nil {
				return err
			}
			took = time.Since(t0)
			recStatements, recRoundTrips = wire.statements.Load()-st0, wire.roundTrips.Load()-rt0
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
	fmt.Printf("sent by the recompute: %d statements in %d round trips (%.2f per entity)\n",
		recStatements, recRoundTrips, float64(recRoundTrips)/float64(max(entities, 1)))
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

// open connects as pgstore.Open does (4 connections), through connections
// that count what they send: each statement executed (a simple query, or an
// Execute of the extended protocol) and each round trip (a simple query, or
// a Sync after which the client waits for the server). The URL must ask for
// sslmode=disable (the count reads the protocol as it is written).
func open(ctx context.Context, rawURL string) (*gorm.DB, *wireCount, error) {
	cfg, err := pgx.ParseConfig(rawURL)
	if err != nil {
		return nil, nil, err
	}
	if cfg.TLSConfig != nil {
		return nil, nil, errors.New("the statement count needs sslmode=disable")
	}
	w := &wireCount{}
	dial := cfg.DialFunc
	cfg.DialFunc = func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := dial(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		return &countingConn{Conn: c, w: w}, nil
	}
	sqlDB := stdlib.OpenDB(*cfg)
	sqlDB.SetMaxOpenConns(4)
	sqlDB.SetMaxIdleConns(4)
	gdb, err := gorm.Open(postgres.New(postgres.Config{Conn: sqlDB}), &gorm.Config{Logger: logger.Discard})
	if err != nil {
		return nil, nil, err
	}
	return gdb, w, sqlDB.PingContext(ctx)
}

type wireCount struct{ statements, roundTrips atomic.Int64 }

// countingConn reads the messages a client writes: the first (the startup
// message) has no type byte, every later one is a type byte and a length.
type countingConn struct {
	net.Conn
	w       *wireCount
	started bool
	hdr     [5]byte
	nh      int // header bytes read
	skip    int // body bytes still to pass over
}

func (c *countingConn) Write(b []byte) (int, error) {
	for rest := b; len(rest) > 0; {
		if c.skip > 0 {
			n := min(c.skip, len(rest))
			c.skip -= n
			rest = rest[n:]
			continue
		}
		hl := 5
		if !c.started {
			hl = 4
		}
		n := copy(c.hdr[c.nh:hl], rest)
		c.nh += n
		rest = rest[n:]
		if c.nh < hl {
			break
		}
		c.nh = 0
		if !c.started {
			c.started = true
			c.skip = int(binary.BigEndian.Uint32(c.hdr[:4])) - 4
			continue
		}
		switch c.hdr[0] {
		case 'Q':
			c.w.statements.Add(1)
			c.w.roundTrips.Add(1)
		case 'E':
			c.w.statements.Add(1)
		case 'S':
			c.w.roundTrips.Add(1)
		}
		c.skip = int(binary.BigEndian.Uint32(c.hdr[1:5])) - 4
	}
	return c.Conn.Write(b)
}

func must(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "recompute:", err)
		os.Exit(1)
	}
}
