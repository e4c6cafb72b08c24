package pgstore_test

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/ombudsman-ri/p4/assessment"
	"github.com/ombudsman-ri/p4/scoring"
)

// The bulk paths of RecomputePeriod against their one-by-one originals:
// GroupStandings gives each group what Standings gives it; names with the
// characters COPY's text format escapes come back as they were; an entity
// that cannot be scored, met while earlier snapshots are already being
// sent, fails the whole recompute with its own error and leaves nothing.
func TestRecomputePeriodBulkPaths(t *testing.T) {
	ctx := context.Background()
	gdb, st, svc := openBengkulu(t)

	for _, year := range []int{2022, 2023} {
		p, err := st.PeriodByYear(ctx, year)
		if err != nil {
			t.Fatal(err)
		}
		var rows []struct {
			Kind     string
			Province *string
		}
		gdb.Raw(`SELECT DISTINCT e.kind, r.code AS province FROM period_entities pe JOIN entities e ON e.id = pe.entity_id
			LEFT JOIN regions r ON r.id = e.province_id WHERE pe.period_id = ?`, p.ID).Scan(&rows)
		seen := map[string]bool{}
		var groups []scoring.PeerGroup
		for _, r := range rows {
			prov := ""
			if r.Province != nil {
				prov = *r.Province
			}
			// The groups of PeerGroupsOf, a kind in one province and a group
			// nobody is in.
			for _, g := range append(scoring.PeerGroupsOf(scoring.Kind(r.Kind), prov), scoring.PeerGroup{Kind: r.Kind, Province: prov},
				scoring.PeerGroup{Kind: scoring.GroupPemda, Province: "99"}) {
				if !seen[g.String()] {
					seen[g.String()] = true
					groups = append(groups, g)
				}
			}
		}
		if len(groups) < 4 {
			t.Fatalf("%d: only %d peer groups", year, len(groups))
		}
		var got map[string][]assessment.Standing
		err = st.InTx(ctx, func(tx assessment.Store) error {
			if err := tx.LockRankings(ctx, p.ID, []string{"b", "a"}); err != nil {
				return err
			}
			got, err = tx.GroupStandings(ctx, p.ID, groups)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		nonEmpty := 0
		for _, g := range groups {
			want, err := st.Standings(ctx, p.ID, g)
			if err != nil {
				t.Fatal(err)
			}
			if len(want) == 0 {
				want = []assessment.Standing{}
			} else {
				nonEmpty++
			}
			if !reflect.DeepEqual(got[g.String()], want) {
				t.Errorf("%d, group %s: GroupStandings %+v, Standings %+v", year, g, got[g.String()], want)
			}
		}
		if nonEmpty < 3 || len(got) != len(groups) {
			t.Fatalf("%d: %d groups with standings, %d groups read", year, nonEmpty, len(got))
		}
	}

	p, err := st.PeriodByYear(ctx, 2023)
	if err != nil {
		t.Fatal(err)
	}
	var target struct{ EntityID, UnitID int64 }
	gdb.Raw(`SELECT ua.entity_id, ua.unit_id FROM unit_assessments ua JOIN period_entities pe ON pe.period_id = ua.period_id AND pe.entity_id = ua.entity_id AND pe.assessed
		WHERE ua.period_id = ? ORDER BY ua.entity_id DESC LIMIT 1`, p.ID).Scan(&target)
	const name, unitName = "Dinas \\ \"Uji\"\tTab\nBaris\r–", "Unit \\N \\\\ \t\"x\""
	gdb.Exec(`UPDATE entities SET name = ? WHERE id = ?`, name, target.EntityID)
	gdb.Exec(`UPDATE units SET name = ? WHERE id = ?`, unitName, target.UnitID)
	if _, err := svc.RecomputePeriod(ctx, assessment.System, p.ID); err != nil {
		t.Fatal(err)
	}
	snap, err := st.CurrentSnapshot(ctx, p.ID, target.EntityID)
	if err != nil {
		t.Fatal(err)
	}
	var unitSeen bool
	for _, u := range snap.Detail.Units {
		unitSeen = unitSeen || u.Name == unitName
	}
	if snap.Detail == nil || snap.Detail.Name != name || !unitSeen {
		t.Fatalf("names through COPY: %+v", snap.Detail)
	}

	// A value above the indicator's maximum in the last entity: the
	// snapshots before it are already sent when it is scored.
	count := func(q string) (n int64) {
		gdb.Raw(q, p.ID).Scan(&n)
		return n
	}
	const snapsQ, auditQ = `SELECT count(*) FROM result_snapshots WHERE period_id = ?`, `SELECT count(*) FROM audit_log WHERE period_id = ?`
	snaps, audits := count(snapsQ), count(auditQ)
	gdb.Exec(`UPDATE answers SET value = 99, na = false WHERE id = (SELECT a.id FROM answers a JOIN unit_assessments ua ON ua.id = a.unit_assessment_id
		WHERE ua.period_id = ? AND ua.entity_id = ? ORDER BY a.id LIMIT 1)`, p.ID, target.EntityID)
	_, err = svc.RecomputePeriod(ctx, assessment.System, p.ID)
	var verr *scoring.ValidationError
	if !errors.As(err, &verr) {
		t.Fatalf("recompute with a value out of range: %v, want the scoring's validation error", err)
	}
	if s, a := count(snapsQ), count(auditQ); s != snaps || a != audits {
		t.Fatalf("after a failed recompute: %d snapshots, %d audit entries; before %d, %d", s, a, snaps, audits)
	}
}
