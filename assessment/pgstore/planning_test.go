package pgstore_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/ombudsman-ri/p4/assessment"
	"github.com/ombudsman-ri/p4/scoring"
)

func TestPlanPeriodByCopyThenEditMethodBeforeOpening(t *testing.T) {
	w := newWorld(t)
	sys := assessment.System
	p, err := w.svc.PlanPeriod(w.ctx, sys, assessment.NewPeriod{Year: 2024, CopyFromYear: 2023})
	if err != nil {
		t.Fatal(err)
	}
	if p.Status != assessment.PeriodPlanning || p.MethodID != w.period.MethodID {
		t.Fatalf("copied period: %+v", p)
	}
	locus, err := w.svc.Locus(w.ctx, sys, p.ID)
	if err != nil || len(locus) != 2 {
		t.Fatalf("copied locus: %v %+v", err, locus)
	}
	for _, r := range locus {
		if r.UnitsUnassigned != r.Units || r.Units == 0 {
			t.Errorf("%s: %d units, %d without assessor; want all without", r.Name, r.Units, r.UnitsUnassigned)
		}
	}
	// Coordinators see only their province's locus.
	if rows, _ := w.svc.Locus(w.ctx, w.coord, p.ID); len(rows) != 1 || rows[0].EntityID != w.entity.ID {
		t.Fatalf("coordinator's locus: %+v", rows)
	}
	// Change one indicator weight: Proses gets unequal weights.
	file, _ := scoring.PresetFile("2022")
	edited := strings.Replace(string(file), `"code": "2022"`, `"code": "2024"`, 1)
	if edited == string(file) {
		t.Fatal("preset file has no code line to edit")
	}
	p, err = w.svc.ReplaceMethod(w.ctx, sys, p.ID, p.Version, []byte(edited))
	if err != nil {
		t.Fatal(err)
	}
	if p.MethodID == w.period.MethodID {
		t.Fatal("method unchanged")
	}
	// A stale version conflicts.
	if _, err := w.svc.ReplaceMethod(w.ctx, sys, p.ID, p.Version-1, file); !errors.Is(err, assessment.ErrConflict) {
		t.Fatalf("stale method edit: got %v, want a conflict", err)
	}
	d, err := w.svc.CompareMethods(w.ctx, w.period.MethodID, p.MethodID)
	if err != nil {
		t.Fatal(err)
	}
	if !d.Comparable || len(d.Indicators) != 0 || d.Bands {
		t.Fatalf("same instrument under a new code: %+v", d)
	}
	d21, err := func() (assessment.MethodDiff, error) {
		f21, _ := scoring.PresetFile("2021")
		mv, err := w.svc.RegisterMethod(w.ctx, sys, f21)
		if err != nil {
			return assessment.MethodDiff{}, err
		}
		return w.svc.CompareMethods(w.ctx, mv.ID, p.MethodID)
	}()
	if err != nil {
		t.Fatal(err)
	}
	if d21.Comparable || !d21.Bands || len(d21.Indicators) < 40 {
		t.Fatalf("2021 → 2024: comparable %v, bands %v, %d indicator changes", d21.Comparable, d21.Bands, len(d21.Indicators))
	}
	// Mark an entity not assessed; then open: the method is locked.
	if _, err := w.svc.SetAssessed(w.ctx, sys, p.ID, w.other.ID, false, ""); !isValidation(err) {
		t.Fatalf("not assessed without reason: %v", err)
	}
	if _, err := w.svc.SetAssessed(w.ctx, sys, p.ID, w.other.ID, false, "Menolak dinilai"); err != nil {
		t.Fatal(err)
	}
	if err := w.svc.OpenPeriod(w.ctx, sys, p.ID); err != nil {
		t.Fatal(err)
	}
	p, _ = w.store.Period(w.ctx, p.ID)
	if _, err := w.svc.ReplaceMethod(w.ctx, sys, p.ID, p.Version, file); !errors.Is(err, assessment.ErrLocked) {
		t.Fatalf("method edit after opening: got %v, want ErrLocked", err)
	}
	// Bulk assignment of all units of an entity.
	n, err := w.svc.AssignAll(w.ctx, w.coord, p.ID, w.entity.ID, []int64{w.assessor.UserID, w.assessor2.UserID})
	if err != nil || n != 4 {
		t.Fatalf("assign all: %d, %v", n, err)
	}
	if _, err := w.svc.AssignAll(w.ctx, w.coord, p.ID, w.other.ID, []int64{w.assessor.UserID}); !errors.Is(err, assessment.ErrForbidden) && !isValidation(err) {
		t.Fatalf("coordinator assigns in another province: %v", err)
	}
}
