package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ombudsman-ri/p4/assessment/demo"
	"github.com/ombudsman-ri/p4/pgtest"
)

// SIGTERM under load: assessors autosave continuously while p4 is told to
// stop (main turns SIGTERM into the cancellation of run's context, which is
// what this test does). The server drains: no request gets a 5xx, and every
// save that got a 200 is committed, with exactly the version and note the
// client was told — nothing acknowledged is lost, nothing unacknowledged
// is half-applied.
func TestStopUnderLoadLosesNoAcknowledgedSave(t *testing.T) {
	url := pgtest.New(t)
	vars := map[string]string{"P4_DATABASE_URL": url, "P4_ADDR": freeAddr(t), "P4_DATA_DIR": t.TempDir(), "P4_SHUTDOWN_TIMEOUT": "20s"}
	e, _, _ := testEnv(vars)
	if err := run(context.Background(), e, []string{"demo"}); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// Every editable 2023 unit with its assessor, and indicators to write.
	type slot struct {
		email, indicator string
		ua               int64
		version          int
	}
	rows, err := db.Query(`SELECT u.email, ua.id, a.indicator, a.version FROM unit_assessments ua JOIN periods p ON p.id = ua.period_id
		JOIN assignments x ON x.unit_assessment_id = ua.id JOIN users u ON u.id = x.user_id
		JOIN answers a ON a.unit_assessment_id = ua.id
		WHERE p.year = 2023 AND ua.state IN ('draft', 'returned') AND a.indicator NOT LIKE 'OU.%' ORDER BY ua.id, a.indicator`)
	if err != nil {
		t.Fatal(err)
	}
	var slots []slot
	taken := map[string]bool{}
	for rows.Next() {
		var s slot
		if err := rows.Scan(&s.email, &s.ua, &s.indicator, &s.version); err != nil {
			t.Fatal(err)
		}
		key := fmt.Sprint(s.ua, s.indicator)
		if !taken[key] && len(slots) < 24 {
			taken[key] = true
			slots = append(slots, s)
		}
	}
	rows.Close()
	if len(slots) < 8 {
		t.Fatalf("demo data has only %d editable answers", len(slots))
	}

	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	e, _, logs := testEnv(vars)
	done := make(chan error, 1)
	go func() { done <- run(ctx, e, []string{"serve"}) }()
	base := "http://" + vars["P4_ADDR"]
	waitFor(t, base+"/healthz", done)
	cookies := map[string]string{}
	for _, s := range slots {
		if cookies[s.email] != "" {
			continue
		}
		body, _ := json.Marshal(map[string]string{"email": s.email, "password": demo.DemoPassword})
		resp, err := http.Post(base+"/api/v1/session", "application/json", bytes.NewReader(body))
		if err != nil || resp.StatusCode != 200 {
			t.Fatalf("sign in %s: %v %v", s.email, err, resp)
		}
		resp.Body.Close()
		for _, c := range resp.Cookies() {
			if c.Name == "p4_session" {
				cookies[s.email] = c.Value
			}
		}
	}

	type ack struct {
		version int
		note    string
	}
	last := make([]ack, len(slots))
	var acks, afterStop, errorsAfter atomic.Int64
	var stopped atomic.Bool
	var mu sync.Mutex
	var failures []string
	var wg sync.WaitGroup
	for k, s := range slots {
		wg.Add(1)
		go func() {
			defer wg.Done()
			hc := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 1}}
			ver := s.version
			for n := 0; ; n++ {
				note := fmt.Sprintf("beban %d/%d", k, n)
				body, _ := json.Marshal(map[string]any{"value": n % 4, "note": note})
				req, _ := http.NewRequest("PUT", fmt.Sprintf("%s/api/v1/unit-assessments/%d/answers/%s", base, s.ua, s.indicator), bytes.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("If-Match", fmt.Sprintf(`"%d"`, ver))
				req.Header.Set("Cookie", "p4_session="+cookies[s.email])
				resp, err := hc.Do(req)
				if err != nil {
					if stopped.Load() {
						errorsAfter.Add(1)
						return // the server has stopped accepting
					}
					mu.Lock()
					failures = append(failures, fmt.Sprintf("worker %d before the stop: %v", k, err))
					mu.Unlock()
					return
				}
				b, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 200 {
					mu.Lock()
					failures = append(failures, fmt.Sprintf("worker %d: %d %s", k, resp.StatusCode, b))
					mu.Unlock()
					return
				}
				var a struct{ Version int }
				json.Unmarshal(b, &a)
				ver = a.Version
				last[k] = ack{a.Version, note}
				acks.Add(1)
				if stopped.Load() {
					afterStop.Add(1)
				}
			}
		}()
	}
	deadline := time.Now().Add(60 * time.Second)
	for acks.Load() < 200 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	stopped.Store(true)
	stop() // SIGTERM
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve after the stop: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop")
	}
	wg.Wait()
	for _, f := range failures {
		t.Error(f)
	}
	lost := 0
	for k, s := range slots {
		var v int
		var note string
		if err := db.QueryRow(`SELECT version, note FROM answers WHERE unit_assessment_id = $1 AND indicator = $2`, s.ua, s.indicator).Scan(&v, &note); err != nil {
			t.Fatal(err)
		}
		if v != last[k].version || note != last[k].note {
			lost++
			t.Errorf("worker %d: stored version %d %q, last acknowledged %d %q", k, v, note, last[k].version, last[k].note)
		}
	}
	t.Logf("%d saves acknowledged by %d clients, %d of them answered after the stop signal; %d clients then found the server closed; %d lost",
		acks.Load(), len(slots), afterStop.Load(), errorsAfter.Load(), lost)
	if strings.Contains(logs.String(), "status=5") {
		t.Errorf("the access log shows a 5xx")
	}
}

// `p4 migrate up` twice is a no-op, and two `p4 migrate up` at once leave
// the same schema as one alone (the package-level tests are
// migrations.TestUpFromEmptyThenNoop and TestConcurrentMigratorsAreSafe;
// this runs the commands).
func TestMigrateCommandTwiceAndConcurrently(t *testing.T) {
	ctx := context.Background()
	schema := func(url string) string {
		db, err := sql.Open("pgx", url)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		var s string
		if err := db.QueryRow(`SELECT string_agg(x, ';' ORDER BY x) FROM (
			SELECT table_name || '.' || column_name || ':' || data_type || ':' || coalesce(column_default, '') AS x FROM information_schema.columns WHERE table_schema = 'public'
			UNION ALL SELECT indexdef FROM pg_indexes WHERE schemaname = 'public'
			UNION ALL SELECT conname || ':' || pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = 'public'::regnamespace
			UNION ALL SELECT tgname FROM pg_trigger WHERE NOT tgisinternal
			UNION ALL SELECT version_id::text || is_applied::text FROM goose_db_version) t`).Scan(&s); err != nil {
			t.Fatal(err)
		}
		return s
	}
	one := pgtest.NewEmpty(t)
	e, _, _ := testEnv(map[string]string{"P4_DATABASE_URL": one})
	if err := run(ctx, e, []string{"migrate", "up"}); err != nil {
		t.Fatal(err)
	}
	want := schema(one)
	e, out, _ := testEnv(map[string]string{"P4_DATABASE_URL": one})
	if err := run(ctx, e, []string{"migrate", "up"}); err != nil || !strings.Contains(out.String(), "nothing to apply") {
		t.Fatalf("second migrate up: %v %q", err, out)
	}
	if got := schema(one); got != want {
		t.Fatal("a second migrate up changed the schema")
	}

	two := pgtest.NewEmpty(t)
	errs := make([]error, 3)
	var wg sync.WaitGroup
	for k := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			e, _, _ := testEnv(map[string]string{"P4_DATABASE_URL": two})
			errs[k] = run(ctx, e, []string{"migrate", "up"})
		}()
	}
	wg.Wait()
	for k, err := range errs {
		if err != nil {
			t.Errorf("migrator %d: %v", k, err)
		}
	}
	if got := schema(two); got != want {
		t.Fatalf("three migrators at once left another schema than one alone")
	}
}
