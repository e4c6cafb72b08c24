package excel_test

import (
	"bufio"
	"context"
	"io"
	"os"
	"path/filepath"
	"runtime/metrics"
	"sync"
	"testing"
	"time"

	"github.com/ombudsman-ri/p4/assessment"
	"github.com/ombudsman-ri/p4/assessment/pgstore"
	"github.com/ombudsman-ri/p4/excel"
)

// countingWriter counts the bytes of a workbook without keeping them.
type countingWriter struct{ n int64 }

func (w *countingWriter) Write(p []byte) (int, error) { w.n += int64(len(p)); return len(p), nil }

// heapPeak samples the live heap (as marked by the last collection) every
// few milliseconds until stopped.
type heapPeak struct {
	stop chan struct{}
	wg   sync.WaitGroup
	max  uint64
}

func watchHeap() *heapPeak {
	h := &heapPeak{stop: make(chan struct{})}
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	h.wg.Add(1)
	go func() {
		defer h.wg.Done()
		t := time.NewTicker(2 * time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(sample)
			if v := sample[0].Value.Uint64(); v > h.max {
				h.max = v
			}
			select {
			case <-h.stop:
				return
			case <-t.C:
			}
		}
	}()
	return h
}

func (h *heapPeak) done() uint64 {
	close(h.stop)
	h.wg.Wait()
	return h.max
}

// BenchmarkLeadershipNational writes the national leadership workbook of
// 600 entities × 7 units × 40 indicators (168,000 answers, streamed from
// generators as the store streams them from PostgreSQL) and reports its
// size and the peak live heap while writing it.
//
//	go test -run '^$' -bench BenchmarkLeadershipNational -benchtime 3x ./excel/
func BenchmarkLeadershipNational(b *testing.B) {
	fx := nationalFixture(b, 1)
	wb := fx.workbook(b, "")
	var size int64
	var peak uint64
	for b.Loop() {
		w := &countingWriter{}
		h := watchHeap()
		if err := excel.WriteLeadership(w, wb, nil); err != nil {
			b.Fatal(err)
		}
		peak = max(peak, h.done())
		size = w.n
	}
	b.ReportMetric(float64(size)/1e6, "MB-file")
	b.ReportMetric(float64(peak)/1e6, "MB-peak-live-heap")
}

var _ io.Writer = (*countingWriter)(nil)

// TestNationalExportFromDatabase measures the national workbook as the job
// worker builds it: read from PostgreSQL through the service (rankings, then
// every dimension row and answer streamed) and written to a file. It runs on
// a database loaded with `p4 demo --scale national` (period 2024), named by
// P4_NATIONAL_DATABASE_URL; without it there is nothing to measure.
//
//	P4_NATIONAL_DATABASE_URL=postgres://… go test -run TestNationalExportFromDatabase -v ./excel/
func TestNationalExportFromDatabase(t *testing.T) {
	url := os.Getenv("P4_NATIONAL_DATABASE_URL")
	if url == "" {
		t.Skip("a measurement, not a check: set P4_NATIONAL_DATABASE_URL to a database loaded with `p4 demo --scale national`")
	}
	ctx := context.Background()
	gdb, err := pgstore.Open(ctx, url, 5, nil)
	if err != nil {
		t.Fatal(err)
	}
	sqlDB, _ := gdb.DB()
	defer sqlDB.Close()
	st := pgstore.New(gdb)
	svc := assessment.NewService(st)
	var email string
	if err := gdb.Raw(`SELECT email FROM users WHERE role = 'admin' ORDER BY id LIMIT 1`).Scan(&email).Error; err != nil || email == "" {
		t.Fatalf("no admin in the national data set: %v", err)
	}
	u, err := st.UserByEmail(ctx, email)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	h := watchHeap()
	wb, err := svc.Workbook(ctx, u.Actor(), 2024, "")
	if err != nil {
		t.Fatal(err)
	}
	collected := time.Since(start)
	out, err := os.Create(filepath.Join(t.TempDir(), "p4-2024-nasional.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	bw := bufio.NewWriterSize(out, 1<<20)
	if err := excel.WriteLeadership(bw, wb, nil); err != nil {
		t.Fatal(err)
	}
	if err := bw.Flush(); err != nil {
		t.Fatal(err)
	}
	peak := h.done()
	fi, _ := out.Stat()
	entities := 0
	for _, g := range wb.Groups {
		entities += len(g.Items)
	}
	t.Logf("national workbook 2024: %d ranked entities, %d answers; rankings read in %v, whole export %v; %.1f MB; peak live heap %.0f MB",
		entities, wb.Answers, collected.Round(time.Millisecond), time.Since(start).Round(time.Millisecond), float64(fi.Size())/1e6, float64(peak)/1e6)

	// The largest province, as GET /periods/2024/workbook.xlsx builds it in a request.
	var province string
	gdb.Raw(`SELECT r.code FROM entities e JOIN regions r ON r.id = e.province_id GROUP BY r.code ORDER BY count(*) DESC, r.code LIMIT 1`).Scan(&province)
	start = time.Now()
	pw, err := svc.Workbook(ctx, u.Actor(), 2024, province)
	if err != nil {
		t.Fatal(err)
	}
	cw := &countingWriter{}
	if err := excel.WriteLeadership(cw, pw, nil); err != nil {
		t.Fatal(err)
	}
	t.Logf("province %s workbook 2024: %d answers; %v; %.1f MB", province, pw.Answers, time.Since(start).Round(time.Millisecond), float64(cw.n)/1e6)
}
