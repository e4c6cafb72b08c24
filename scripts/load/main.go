// Command load measures P4 under concurrent load: it signs in, then drives
// the ranking API, an entity's result, the questionnaire read, answer
// autosave with versions, and sign-in itself, each next to a baseline in the
// same run (GET /api/v1/ping: one trivial database query), and prints
// p50/p95/p99, throughput and the ratio of each p99 to the baseline's.
// Autosave is also compared with a single-row UPDATE sent straight to
// PostgreSQL, and that with an HTTP request with nothing behind it
// (GET /api/v1/version without a session: no database). Only loopback
// targets are allowed. Scenarios are picked by the first word of their
// names with -only (ranking, entity, questionnaire, answer, single-row,
// http-only, sign-in).
//
// The national demo data set holds one published period (2024) and no open
// one, so autosave has nothing to write to: unless -prepare=false, the
// script first opens a period (-open-year, by default 2025) through the API
// as admin — created by copying 2024's locus, field work around today — and
// assigns one of 20 assessors to each of the first -clients entities, so
// that every autosave client writes its own unit, as 200 assessors in the
// field do. Each scenario is measured right after its own baseline run
// (GET /api/v1/ping at the same concurrency), so that a ratio compares
// figures taken under the same machine load.
//
//	go run ./scripts/load -base http://127.0.0.1:8080 -db "$P4_DATABASE_URL" -year 2024 \
//	    -email admin@nasional.p4.demo -password p4-demo-bengkulu -clients 200 -duration 20s
package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"
)

type scenario struct {
	name string
	do   func(ctx context.Context, c *http.Client, worker int) error
}

type result struct {
	name      string
	latencies []time.Duration
	errors    int64
	elapsed   time.Duration
	firstErr  string
}

func (r result) pct(p float64) time.Duration {
	if len(r.latencies) == 0 {
		return 0
	}
	i := int(float64(len(r.latencies)-1) * p)
	return r.latencies[i]
}

func main() {
	base := flag.String("base", "http://127.0.0.1:8080", "p4 base URL (loopback only)")
	dbURL := flag.String("db", os.Getenv("P4_DATABASE_URL"), "PostgreSQL URL (for ids and the single-row UPDATE baseline)")
	year := flag.Int("year", 2024, "period to read")
	openYear := flag.Int("open-year", 2025, "open period autosave writes to (prepared unless -prepare=false)")
	prepare := flag.Bool("prepare", true, "open -open-year and assign assessors when needed")
	email := flag.String("email", "admin@nasional.p4.demo", "admin user (reads, and -prepare)")
	password := flag.String("password", "p4-demo-bengkulu", "password of every user")
	clients := flag.Int("clients", 200, "concurrent clients")
	duration := flag.Duration("duration", 20*time.Second, "time per scenario")
	baseDur := flag.Duration("baseline", 10*time.Second, "time of the baseline run before each scenario")
	maxConns := flag.Int("db-conns", 20, "connections of the single-row UPDATE baseline (as P4_DB_MAX_CONNS)")
	only := flag.String("only", "", "comma-separated scenario names to run (default all)")
	flag.Parse()
	u, err := url.Parse(*base)
	if err != nil || (u.Hostname() != "127.0.0.1" && u.Hostname() != "localhost" && u.Hostname() != "::1") {
		fail("-base must be a loopback URL")
	}
	db, err := sql.Open("pgx", *dbURL)
	if err != nil {
		fail(err.Error())
	}
	defer db.Close()
	db.SetMaxOpenConns(*maxConns)
	db.SetMaxIdleConns(*maxConns)
	ctx := context.Background()

	var entityID, uaID int64
	var group, indicator, assessor string
	must(db.QueryRowContext(ctx, `SELECT e.id, e.kind FROM current_results c JOIN entities e ON e.id = c.entity_id JOIN periods p ON p.id = c.period_id
		WHERE p.year = $1 AND e.kind = 'pemkab' ORDER BY e.id LIMIT 1`, *year).Scan(&entityID, &group))
	must(db.QueryRowContext(ctx, `SELECT ua.id, a.indicator FROM unit_assessments ua JOIN periods p ON p.id = ua.period_id JOIN answers a ON a.unit_assessment_id = ua.id
		WHERE p.year = $1 ORDER BY ua.id LIMIT 1`, *year).Scan(&uaID, &indicator))
	must(db.QueryRowContext(ctx, `SELECT u.email FROM assignments x JOIN users u ON u.id = x.user_id WHERE x.unit_assessment_id = $1 LIMIT 1`, uaID).Scan(&assessor))

	reader := signedIn(*base, *email, *password)
	writer := signedIn(*base, assessor, *password)
	if *prepare {
		prepareOpenPeriod(ctx, db, reader, *base, *year, *openYear, *clients)
	}
	slots := autosaveSlots(ctx, db, *base, *openYear, *clients, *password)

	get := func(c *http.Client, path string) error {
		resp, err := c.Get(*base + path)
		if err != nil {
			return err
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			return fmt.Errorf("%s: %d", path, resp.StatusCode)
		}
		return nil
	}
	anon := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 256}}
	var saves atomic.Int64
	ping := scenario{"baseline GET /api/v1/ping", func(_ context.Context, _ *http.Client, _ int) error { return get(reader, "/api/v1/ping") }}
	scenarios := []scenario{
		{"ranking (pemkab, national)", func(_ context.Context, _ *http.Client, _ int) error {
			return get(reader, fmt.Sprintf("/api/v1/periods/%d/rankings?group=%s", *year, group))
		}},
		{"entity result", func(_ context.Context, _ *http.Client, _ int) error {
			return get(reader, fmt.Sprintf("/api/v1/periods/%d/entities/%d/result", *year, entityID))
		}},
		{"questionnaire read", func(_ context.Context, _ *http.Client, _ int) error {
			return get(writer, fmt.Sprintf("/api/v1/unit-assessments/%d", uaID))
		}},
		{"answer autosave (If-Match)", func(_ context.Context, _ *http.Client, w int) error {
			// Each client writes its own unit's answer from the version its last
			// save returned, as an assessor's tablet does; a 412 would be a
			// conflict between clients and is counted as an error (none expected).
			sl := &slots[w%len(slots)]
			body, _ := json.Marshal(map[string]any{"value": int(saves.Add(1) % 4), "note": fmt.Sprintf("beban %d", w)})
			req, _ := http.NewRequest("PUT", fmt.Sprintf("%s/api/v1/unit-assessments/%d/answers/%s", *base, sl.ua, sl.indicator), bytes.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("If-Match", fmt.Sprintf(`"%d"`, sl.version))
			resp, err := sl.client.Do(req)
			if err != nil {
				return err
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 {
				return fmt.Errorf("autosave: %d %s", resp.StatusCode, b)
			}
			v, err := strconv.Atoi(strings.Trim(resp.Header.Get("ETag"), `W/"`))
			if err != nil {
				return fmt.Errorf("autosave: ETag %q", resp.Header.Get("ETag"))
			}
			sl.version = v
			return nil
		}},
		{"single-row UPDATE (SQL baseline)", func(ctx context.Context, _ *http.Client, w int) error {
			// The same rows autosave writes, one UPDATE each, straight to
			// PostgreSQL through a pool as large as p4's.
			sl := &slots[w%len(slots)]
			_, err := db.ExecContext(ctx, `UPDATE answers SET note = $1, version = version WHERE unit_assessment_id = $2 AND indicator = $3`,
				fmt.Sprintf("dasar %d", w), sl.ua, sl.indicator)
			return err
		}},
		{"http-only GET /api/v1/version", func(_ context.Context, _ *http.Client, _ int) error {
			// An HTTP request with nothing behind it: no session cookie, no
			// database; what the HTTP part of any request costs in this run.
			return get(anon, "/api/v1/version")
		}},
		{"sign-in", func(_ context.Context, _ *http.Client, _ int) error {
			body, _ := json.Marshal(map[string]string{"email": *email, "password": *password})
			resp, err := http.Post(*base+"/api/v1/session", "application/json", bytes.NewReader(body))
			if err != nil {
				return err
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 {
				return fmt.Errorf("sign-in: %d", resp.StatusCode)
			}
			return nil
		}},
	}
	host, _ := os.Hostname()
	fmt.Printf("load: %d clients, %s per scenario after a %s baseline, against %s (read year %d, autosave year %d, %d autosave units), host %s, %s\n\n",
		*clients, *duration, *baseDur, *base, *year, *openYear, len(slots), host, time.Now().UTC().Format(time.RFC3339))
	fmt.Printf("%-34s %8s %9s %9s %9s %8s %6s %9s\n", "scenario", "requests", "p50", "p95", "p99", "req/s", "errors", "p99 ratio")
	var autosave99, update99 time.Duration
	for _, s := range scenarios {
		if *only != "" && !strings.Contains(","+*only+",", ","+strings.SplitN(s.name, " ", 2)[0]+",") {
			continue
		}
		n := *clients
		if strings.HasPrefix(s.name, "sign-in") {
			n = 20 // argon2id is deliberately costly; 200 at once measures the CPU, not p4
		}
		b := runScenario(ctx, ping, n, *baseDur)
		printRow(b, "")
		r := runScenario(ctx, s, n, *duration)
		ratio := fmt.Sprintf("%.2f×", float64(r.pct(0.99))/float64(b.pct(0.99)))
		if strings.HasPrefix(s.name, "answer autosave") {
			autosave99 = r.pct(0.99)
		}
		if strings.HasPrefix(s.name, "single-row") {
			update99 = r.pct(0.99)
			if autosave99 > 0 {
				ratio += fmt.Sprintf(" (autosave p99 = %.2f× this)", float64(autosave99)/float64(r.pct(0.99)))
			}
		}
		if strings.HasPrefix(s.name, "http-only") && update99 > 0 {
			ratio += fmt.Sprintf(" (= %.2f× the SQL UPDATE's p99)", float64(r.pct(0.99))/float64(update99))
		}
		printRow(r, ratio)
		if len(r.firstErr) > 0 {
			fmt.Printf("    first error: %s\n", r.firstErr)
		}
	}
}

func printRow(r result, ratio string) {
	fmt.Printf("%-34s %8d %9s %9s %9s %8.0f %6d %9s\n", r.name, len(r.latencies), r.pct(0.5).Round(10*time.Microsecond), r.pct(0.95).Round(10*time.Microsecond),
		r.pct(0.99).Round(10*time.Microsecond), float64(len(r.latencies))/r.elapsed.Seconds(), r.errors, ratio)
}

// slot is one autosave client: its own unit's answer, signed in as the
// unit's assessor, with the version of the last save.
type slot struct {
	client    *http.Client
	ua        int64
	indicator string
	version   int
}

// prepareOpenPeriod opens openYear (a copy of year's locus) with field work
// around today and assigns one of 20 assessors to each of the first n
// entities, through the API as the admin signed in on c.
func prepareOpenPeriod(ctx context.Context, db *sql.DB, c *http.Client, base string, year, openYear, n int) {
	t0 := time.Now()
	call := func(method, path string, body any, ok ...int) {
		b, _ := json.Marshal(body)
		req, _ := http.NewRequest(method, base+path, bytes.NewReader(b))
		req.Header.Set("Content-Type", "application/json")
		resp, err := c.Do(req)
		if err != nil {
			fail(err.Error())
		}
		rb, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		for _, s := range ok {
			if resp.StatusCode == s {
				return
			}
		}
		fail(fmt.Sprintf("prepare: %s %s: %d %s", method, path, resp.StatusCode, rb))
	}
	var status string
	err := db.QueryRowContext(ctx, `SELECT status FROM periods WHERE year = $1`, openYear).Scan(&status)
	if err == sql.ErrNoRows {
		today := time.Now().UTC()
		day := func(d int) string { return today.AddDate(0, 0, d).Format("2006-01-02") }
		call("POST", "/api/v1/periods", map[string]any{"year": openYear, "copy_from_year": year, "name": fmt.Sprintf("Penilaian %d (uji beban)", openYear),
			"schedule": map[string]any{"fieldwork": map[string]string{"from": day(-30), "to": day(60)}, "review": map[string]string{"from": day(-30), "to": day(90)}}}, 201)
		status = "planning"
	} else {
		must(err)
	}
	if status == "planning" {
		call("POST", fmt.Sprintf("/api/v1/periods/%d/open", openYear), nil, 200)
	}
	var assessors []int64
	rows, err := db.QueryContext(ctx, `SELECT id FROM users WHERE role = 'assessor' AND active ORDER BY id LIMIT 20`)
	must(err)
	for rows.Next() {
		var id int64
		must(rows.Scan(&id))
		assessors = append(assessors, id)
	}
	rows.Close()
	var entities []int64
	rows, err = db.QueryContext(ctx, `SELECT pe.entity_id FROM period_entities pe JOIN periods p ON p.id = pe.period_id
		WHERE p.year = $1 AND pe.assessed AND NOT EXISTS (SELECT 1 FROM unit_assessments ua JOIN assignments x ON x.unit_assessment_id = ua.id
			WHERE ua.period_id = p.id AND ua.entity_id = pe.entity_id) ORDER BY pe.entity_id`, openYear)
	must(err)
	for rows.Next() {
		var id int64
		must(rows.Scan(&id))
		entities = append(entities, id)
	}
	rows.Close()
	var assigned int
	must(db.QueryRowContext(ctx, `SELECT count(DISTINCT ua.entity_id) FROM unit_assessments ua JOIN periods p ON p.id = ua.period_id
		JOIN assignments x ON x.unit_assessment_id = ua.id WHERE p.year = $1`, openYear).Scan(&assigned))
	for k := 0; assigned < n && k < len(entities); k++ {
		call("POST", fmt.Sprintf("/api/v1/periods/%d/entities/%d/assessors", openYear, entities[k]), map[string]any{"user_ids": []int64{assessors[assigned%len(assessors)]}}, 200)
		assigned++
	}
	fmt.Printf("prepared period %d (open, %d entities with an assessor) in %s\n", openYear, assigned, time.Since(t0).Round(time.Millisecond))
}

// autosaveSlots gives each of n clients the first unit of its own entity in
// openYear, signed in as that unit's assessor, with the current version of
// its first indicator's answer.
func autosaveSlots(ctx context.Context, db *sql.DB, base string, openYear, n int, password string) []slot {
	rows, err := db.QueryContext(ctx, `SELECT DISTINCT ON (ua.entity_id) ua.id, u.email FROM unit_assessments ua JOIN periods p ON p.id = ua.period_id
		JOIN assignments x ON x.unit_assessment_id = ua.id JOIN users u ON u.id = x.user_id
		WHERE p.year = $1 AND ua.state IN ('draft', 'returned') ORDER BY ua.entity_id, ua.id LIMIT $2`, openYear, n)
	must(err)
	var slots []slot
	sessions := map[string]*http.Client{}
	for rows.Next() {
		var s slot
		var email string
		must(rows.Scan(&s.ua, &email))
		if sessions[email] == nil {
			sessions[email] = signedIn(base, email, password)
		}
		s.client = sessions[email]
		s.indicator = "IN.KP.01"
		slots = append(slots, s)
	}
	rows.Close()
	for k := range slots {
		err := db.QueryRowContext(ctx, `SELECT version FROM answers WHERE unit_assessment_id = $1 AND indicator = $2`, slots[k].ua, slots[k].indicator).Scan(&slots[k].version)
		if err != nil && err != sql.ErrNoRows {
			fail(err.Error())
		}
	}
	if len(slots) == 0 {
		fail(fmt.Sprintf("no assigned editable unit in period %d (run with -prepare)", openYear))
	}
	return slots
}

func runScenario(ctx context.Context, s scenario, clients int, d time.Duration) result {
	var mu sync.Mutex
	var all []time.Duration
	var errs atomic.Int64
	var firstErr atomic.Value
	deadline := time.Now().Add(d)
	start := time.Now()
	var wg sync.WaitGroup
	for w := 0; w < clients; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var local []time.Duration
			for time.Now().Before(deadline) {
				t0 := time.Now()
				if err := s.do(ctx, nil, w); err != nil {
					errs.Add(1)
					firstErr.CompareAndSwap(nil, err.Error())
					continue
				}
				local = append(local, time.Since(t0))
			}
			mu.Lock()
			all = append(all, local...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	sort.Slice(all, func(i, j int) bool { return all[i] < all[j] })
	fe, _ := firstErr.Load().(string)
	return result{name: s.name, latencies: all, errors: errs.Load(), elapsed: time.Since(start), firstErr: fe}
}

func signedIn(base, email, password string) *http.Client {
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 256}}
	body, _ := json.Marshal(map[string]string{"email": email, "password": password})
	resp, err := c.Post(base+"/api/v1/session", "application/json", bytes.NewReader(body))
	if err != nil {
		fail(err.Error())
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		fail(fmt.Sprintf("sign in as %s: %d", email, resp.StatusCode))
	}
	return c
}

func must(err error) {
	if err != nil {
		fail(err.Error())
	}
}

func fail(msg string) {
	fmt.Fprintln(os.Stderr, "load:", msg)
	os.Exit(1)
}
