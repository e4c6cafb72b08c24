package main

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"github.com/ombudsman-ri/p4/pgtest"
)

// `p4 demo` on an empty database prints the seed's table from the stored
// results; a second run refuses; `p4 audit verify` passes, and after a row is
// altered by hand it names that row.
func TestDemoThenAuditVerify(t *testing.T) {
	url := pgtest.New(t)
	vars := map[string]string{"P4_DATABASE_URL": url, "P4_DATA_DIR": t.TempDir()}
	e, out, _ := testEnv(vars)
	if err := run(context.Background(), e, []string{"demo"}); err != nil {
		t.Fatalf("demo: %v", err)
	}
	for _, want := range []string{
		"pemda/17  first: Kabupaten Kaur 94.01 (Kategori A, Kualitas Tertinggi)", "A 1 · B 8 · C 2 · D 0 · E 0",
		"A 0 · B 8 · C 2 · D 0 · E 0", "admin@p4.demo", "password for all: p4-demo-bengkulu",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("demo output lacks %q:\n%s", want, out)
		}
	}
	e, _, _ = testEnv(vars)
	err := run(context.Background(), e, []string{"demo"})
	if err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Fatalf("second demo: got %v, want a refusal naming the non-empty database", err)
	}
	e, out, _ = testEnv(vars)
	if err := run(context.Background(), e, []string{"demo", "--if-empty"}); err != nil || !strings.Contains(out.String(), "not loaded again") {
		t.Fatalf("demo --if-empty on a loaded database: %v\n%s", err, out)
	}

	e, out, _ = testEnv(vars)
	if err := run(context.Background(), e, []string{"audit", "verify"}); err != nil || !strings.Contains(out.String(), "audit log intact") {
		t.Fatalf("audit verify on the demo: %v %s", err, out)
	}
	db, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var id int64
	if err := db.QueryRow(`SELECT id FROM audit_log WHERE action = 'answer.save' ORDER BY id LIMIT 1 OFFSET 100`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`,
		`UPDATE audit_log SET reason = 'diubah diam-diam' WHERE id = ` + itoa(id),
		`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	e, _, _ = testEnv(vars)
	err = run(context.Background(), e, []string{"audit", "verify"})
	if err == nil || !strings.Contains(err.Error(), "row "+itoa(id)+" ") {
		t.Fatalf("audit verify after altering row %d: got %v", id, err)
	}
}
