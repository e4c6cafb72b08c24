// Command load measures P4 under concurrent load: it signs in, then drives
// the ranking API, an entity's result, the questionnaire read, answer
// autosave with versions, and sign-in itself, each next to a baseline in the
// same run (GET /api/v1/ping: one trivial database query), and prints
// p50/p95/p99, throughput and the ratio of each p99 to the baseline's.
// Autosave is also compared with a single-row UPDATE sent straight to
// PostgreSQL. Only loopback targets are allowed.
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
	email := flag.String("email", "admin@nasional.p4.demo", "user for reads (admin or leadership)")
	password := flag.String("password", "p4-demo-bengkulu", "password")
	clients := flag.Int("clients", 200, "concurrent clients")
	duration := flag.Duration("duration", 20*time.Second, "time per scenario")
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
	var saves atomic.Int64
	scenarios := []scenario{
		{"baseline GET /api/v1/ping", func(_ context.Context, _ *http.Client, _ int) error { return get(reader, "/api/v1/ping") }},
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
			// Each save reads the version, then writes the note with it; a 412 is a
			// correct conflict between clients, counted apart from errors.
			var v int
			if err := db.QueryRow(`SELECT version FROM answers WHERE unit_assessment_id = $1 AND indicator = $2`, uaID, indicator).Scan(&v); err != nil {
				return err
			}
			body, _ := json.Marshal(map[string]any{"value": 2, "note": fmt.Sprintf("beban %d %d", w, saves.Add(1))})
			req, _ := http.NewRequest("PUT", fmt.Sprintf("%s/api/v1/unit-assessments/%d/answers/%s", *base, uaID, indicator), bytes.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("If-Match", fmt.Sprintf(`"%d"`, v))
			resp, err := writer.Do(req)
			if err != nil {
				return err
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 && resp.StatusCode != 412 {
				return fmt.Errorf("autosave: %d", resp.StatusCode)
			}
			return nil
		}},
		{"baseline single-row UPDATE (SQL)", func(ctx context.Context, _ *http.Client, w int) error {
			_, err := db.ExecContext(ctx, `UPDATE login_attempts SET failures = failures WHERE key = 'load-baseline'`)
			return err
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
	fmt.Printf("load: %d clients, %s per scenario, against %s (year %d)\n\n", *clients, *duration, *base, *year)
	fmt.Printf("%-34s %9s %9s %9s %9s %8s %6s\n", "scenario", "requests", "p50", "p95", "p99", "req/s", "errors")
	var results []result
	for _, s := range scenarios {
		n := *clients
		if strings.HasPrefix(s.name, "sign-in") {
			n = 20 // argon2id is deliberately costly; 200 at once measures the CPU, not p4
		}
		r := runScenario(ctx, s, n, *duration)
		results = append(results, r)
		fmt.Printf("%-34s %9d %9s %9s %9s %8.0f %6d\n", r.name, len(r.latencies), r.pct(0.5).Round(10*time.Microsecond), r.pct(0.95).Round(10*time.Microsecond),
			r.pct(0.99).Round(10*time.Microsecond), float64(len(r.latencies))/r.elapsed.Seconds(), r.errors)
	}
	base99 := results[0].pct(0.99)
	sql99 := results[5].pct(0.99)
	fmt.Printf("\nratios of p99 (target ≤ 3×):\n")
	for _, i := range []int{1, 2, 3} {
		fmt.Printf("  %-32s %5.2f× the baseline\n", results[i].name, float64(results[i].pct(0.99))/float64(base99))
	}
	fmt.Printf("  %-32s %5.2f× the single-row UPDATE\n", results[4].name, float64(results[4].pct(0.99))/float64(sql99))
}

func runScenario(ctx context.Context, s scenario, clients int, d time.Duration) result {
	var mu sync.Mutex
	var all []time.Duration
	var errs atomic.Int64
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
	return result{name: s.name, latencies: all, errors: errs.Load(), elapsed: time.Since(start)}
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
