package pgstore_test

import (
	"context"
	"encoding/json"
	"reflect"
	"strconv"
	"testing"

	"github.com/ombudsman-ri/p4/assessment"
)

// RecomputePeriod reads and writes the whole period in a few statements;
// what it stores is what Recompute stores entity by entity: the same
// snapshot (score, units, dimensions, detail, ranks), one audit entry per
// entity naming the previous and the new snapshot, an unbroken audit log.
// Interrupted before it ends, it leaves nothing behind.
func TestRecomputePeriodWritesWhatRecomputeWrites(t *testing.T) {
	ctx := context.Background()
	gdb, st, svc := openBengkulu(t)
	p, err := st.PeriodByYear(ctx, 2023)
	if err != nil {
		t.Fatal(err)
	}
	count := func(q string) int64 {
		var n int64
		gdb.Raw(q, p.ID).Scan(&n)
		return n
	}
	const snapsQ, auditQ = `SELECT count(*) FROM result_snapshots WHERE period_id = ?`, `SELECT count(*) FROM audit_log WHERE period_id = ?`

	// Interrupted at its ranking step (after the snapshots and the audit
	// entries are written): nothing of it stays, the version included.
	snaps0, audits0 := count(snapsQ), count(auditQ)
	v0, _ := st.ResultsVersion(ctx)
	cctx, cancel := context.WithCancel(ctx)
	broken := assessment.NewService(interruptingStore{st, cancel})
	if _, err := broken.RecomputePeriod(cctx, assessment.System, p.ID); err == nil {
		t.Fatalf("a cancelled period recompute succeeded")
	}
	if s, a := count(snapsQ), count(auditQ); s != snaps0 || a != audits0 {
		t.Fatalf("after a cancelled period recompute: %d snapshots, %d audit entries; before %d, %d", s, a, snaps0, audits0)
	}
	if v, _ := st.ResultsVersion(ctx); v != v0 {
		t.Fatalf("a cancelled recompute moved the results version %d -> %d", v0, v)
	}

	before := map[int64]int64{} // entity -> current snapshot before
	var cur []struct{ EntityID, SnapshotID int64 }
	gdb.Raw(`SELECT entity_id, snapshot_id FROM current_results WHERE period_id = ?`, p.ID).Scan(&cur)
	for _, c := range cur {
		before[c.EntityID] = c.SnapshotID
	}
	var lastAudit int64
	gdb.Raw(`SELECT coalesce(max(id), 0) FROM audit_log`).Scan(&lastAudit)
	n, err := svc.RecomputePeriod(ctx, assessment.System, p.ID)
	if err != nil || n < 25 {
		t.Fatalf("recompute 2023: %d, %v", n, err)
	}
	if s := count(snapsQ); s != snaps0+int64(n) {
		t.Fatalf("%d snapshots after recomputing %d entities, %d before", s, n, snaps0)
	}
	var entries []struct {
		EntityID int64
		Action   string
		ObjectID string
		Old      *string
		New      string
	}
	gdb.Raw(`SELECT entity_id, action, object_id, old_value::text AS old, new_value::text AS new FROM audit_log WHERE period_id = ? AND id > ? ORDER BY id`,
		p.ID, lastAudit).Scan(&entries)
	bulk := map[int64]assessment.Snapshot{}
	gdb.Raw(`SELECT entity_id, snapshot_id FROM current_results WHERE period_id = ?`, p.ID).Scan(&cur)
	for _, c := range cur {
		sn, err := st.CurrentSnapshot(ctx, p.ID, c.EntityID)
		if err != nil {
			t.Fatal(err)
		}
		bulk[c.EntityID] = sn
	}
	audited := map[int64]bool{}
	for _, e := range entries {
		sn, ok := bulk[e.EntityID]
		if e.Action != "result.computed" || !ok || audited[e.EntityID] {
			t.Fatalf("unexpected audit entry after the period recompute: %+v", e)
		}
		var nv, ov map[string]any
		json.Unmarshal([]byte(e.New), &nv)
		score, _ := strconv.ParseFloat(sn.Score.String(), 64)
		if e.ObjectID != strconv.FormatInt(sn.ID, 10) || nv["snapshot"] != float64(sn.ID) || nv["score"] != score {
			t.Errorf("entity %d: audit names snapshot %s %v score %v; current %d score %s", e.EntityID, e.ObjectID, nv["snapshot"], nv["score"], sn.ID, sn.Score)
		}
		if prev, had := before[e.EntityID]; had {
			if e.Old == nil || json.Unmarshal([]byte(*e.Old), &ov) != nil || ov["snapshot"] != float64(prev) {
				t.Errorf("entity %d: audit's previous result %v, want snapshot %d", e.EntityID, e.Old, prev)
			}
		} else if e.Old != nil {
			t.Errorf("entity %d: audit's previous result %s, want none", e.EntityID, *e.Old)
		}
		audited[e.EntityID] = true
	}
	if len(audited) != n {
		t.Fatalf("%d entities audited, %d recomputed", len(audited), n)
	}
	if _, problem, err := svc.VerifyAudit(ctx); err != nil || problem != nil {
		t.Fatalf("audit after the period recompute: %v %v", problem, err)
	}

	// Entity by entity, the same again.
	for id, b := range bulk {
		one, err := svc.Recompute(ctx, assessment.System, p.ID, id)
		if err != nil {
			t.Fatal(err)
		}
		got, err := st.CurrentSnapshot(ctx, p.ID, id)
		if err != nil {
			t.Fatal(err)
		}
		if got.ID != one.ID || got.ID == b.ID {
			t.Fatalf("entity %d: current %d after Recompute's %d", id, got.ID, one.ID)
		}
		got.ID, got.CreatedAt, b.ID = 0, b.CreatedAt, 0
		if !reflect.DeepEqual(got, b) {
			gj, _ := json.Marshal(got)
			bj, _ := json.Marshal(b)
			t.Errorf("entity %d: Recompute stored\n%s\nRecomputePeriod stored\n%s", id, gj, bj)
		}
	}
	if _, problem, err := svc.VerifyAudit(ctx); err != nil || problem != nil {
		t.Fatalf("audit at the end: %v %v", problem, err)
	}
}
