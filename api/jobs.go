package api

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/ombudsman-ri/p4/assessment"
	"github.com/ombudsman-ri/p4/excel"
)

// Job worker timing.
const (
	defaultJobPoll  = 2 * time.Second
	exportRetention = 7 * 24 * time.Hour // finished exports are kept this long
	expireEvery     = time.Hour
)

// StartJobs starts this instance's background job worker: it takes queued
// jobs from PostgreSQL (any instance may take any job, none takes one twice),
// builds each export into d.ExportDir, and removes exports older than a week.
// It runs one job at a time. The returned stop cancels it and waits; a job
// cut short goes back to the queue for another instance.
func StartJobs(ctx context.Context, d Deps) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	w := &jobWorker{svc: d.Service, dir: d.ExportDir, log: d.Log, poll: d.JobPoll}
	if w.poll <= 0 {
		w.poll = defaultJobPoll
	}
	if w.log == nil {
		w.log = slog.Default()
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		w.run(ctx)
	}()
	return func() {
		cancel()
		<-done
	}
}

type jobWorker struct {
	svc  *assessment.Service
	dir  string
	log  *slog.Logger
	poll time.Duration
}

func (w *jobWorker) run(ctx context.Context) {
	if err := os.MkdirAll(w.dir, 0o750); err != nil || w.dir == "" {
		w.log.Error("job worker not started: exports folder unusable", "dir", w.dir, "error", err)
		return
	}
	var lastExpire time.Time
	for ctx.Err() == nil {
		if time.Since(lastExpire) > expireEvery {
			w.expire(ctx)
			lastExpire = time.Now()
		}
		j, err := w.svc.ClaimJob(ctx)
		switch {
		case err == nil:
			w.runJob(ctx, j)
			continue // look for the next one at once
		case errors.Is(err, assessment.ErrNotFound):
		case ctx.Err() != nil:
			return
		default:
			w.log.Error("job worker: claim failed", "error", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(w.poll):
		}
	}
}

// expire removes the files of exports past their retention.
func (w *jobWorker) expire(ctx context.Context) {
	jobs, err := w.svc.ExpireJobs(ctx, exportRetention)
	if err != nil {
		if ctx.Err() == nil {
			w.log.Error("job worker: expire failed", "error", err)
		}
		return
	}
	for _, j := range jobs {
		if j.ResultPath == "" || j.ResultPath != filepath.Base(j.ResultPath) {
			continue
		}
		if err := os.Remove(filepath.Join(w.dir, j.ResultPath)); err != nil && !errors.Is(err, os.ErrNotExist) {
			w.log.Error("job worker: remove expired export", "job", j.ID, "error", err)
		}
	}
}

// runningJob is a job in progress: the progress the export reports and a
// heartbeat that tells other instances it is alive.
type runningJob struct {
	mu      sync.Mutex
	job     assessment.Job
	percent int
	lost    bool // another instance took it over
}

func (w *jobWorker) runJob(ctx context.Context, j assessment.Job) {
	start := time.Now()
	log := w.log.With("job", j.ID, "kind", j.Kind, "attempt", j.Attempts)
	log.Info("job started", "params", string(j.Params))
	rj := &runningJob{job: j}
	jctx, cancel := context.WithCancel(ctx)
	defer cancel()
	beat := func() {
		rj.mu.Lock()
		defer rj.mu.Unlock()
		if rj.lost {
			return
		}
		if err := w.svc.JobProgress(jctx, &rj.job, rj.percent); err != nil {
			if errors.Is(err, assessment.ErrConflict) {
				rj.lost = true
				cancel()
			} else if jctx.Err() == nil {
				log.Warn("job heartbeat failed", "error", err)
			}
		}
	}
	hbDone := make(chan struct{})
	go func() {
		defer close(hbDone)
		t := time.NewTicker(assessment.JobHeartbeat)
		defer t.Stop()
		for {
			select {
			case <-jctx.Done():
				return
			case <-t.C:
				beat()
			}
		}
	}()
	path, name, size, err := w.build(jctx, j, func(p int) {
		rj.mu.Lock()
		rj.percent = p
		rj.mu.Unlock()
	})
	cancel()
	<-hbDone
	bg, stop := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer stop()
	rj.mu.Lock()
	defer rj.mu.Unlock()
	switch {
	case rj.lost:
		log.Warn("job taken over by another instance; result dropped")
		removeQuietly(w.dir, path)
	case err != nil && ctx.Err() != nil:
		// This instance is stopping: the job goes back to the queue.
		removeQuietly(w.dir, path)
		if rerr := w.svc.ReleaseJob(bg, &rj.job); rerr != nil {
			log.Warn("job not released; another instance takes it once its heartbeat is stale", "error", rerr)
		} else {
			log.Info("job released: instance stopping")
		}
	case err != nil:
		removeQuietly(w.dir, path)
		msg := jobFailure(j, err)
		log.Error("job failed", "error", err, "duration", time.Since(start).String())
		if ferr := w.svc.FailJob(bg, &rj.job, msg); ferr != nil {
			log.Error("job failure not recorded", "error", ferr)
		}
	default:
		if ferr := w.svc.FinishJob(bg, &rj.job, path, name, size); ferr != nil {
			log.Error("job result not recorded", "error", ferr)
			removeQuietly(w.dir, path)
			return
		}
		log.Info("job done", "bytes", size, "duration", time.Since(start).String())
	}
}

// jobFailure is what the requester reads about a failed job: domain refusals
// plainly, anything else by reference to the log.
func jobFailure(j assessment.Job, err error) string {
	switch {
	case errors.Is(err, assessment.ErrForbidden):
		return "not allowed: the requester's role or province no longer allows this export"
	case errors.Is(err, assessment.ErrNotFound):
		return "not found: the period or province no longer exists, or the requester may no longer see it"
	}
	return fmt.Sprintf("the export failed; the error was logged with job %d", j.ID)
}

// build writes a job's workbook to a new file in the exports folder and
// returns its name there, its download name and size.
func (w *jobWorker) build(ctx context.Context, j assessment.Job, progress func(int)) (path, name string, size int64, err error) {
	a, err := w.svc.JobActor(ctx, j)
	if err != nil {
		return "", "", 0, err
	}
	p, err := j.WorkbookParams()
	if err != nil {
		return "", "", 0, err
	}
	wb, err := w.svc.Workbook(ctx, a, p.Year, p.Province)
	if err != nil {
		return "", "", 0, err
	}
	rnd := make([]byte, 8)
	_, _ = rand.Read(rnd)
	path = fmt.Sprintf("workbook-%d-%s.xlsx", j.ID, hex.EncodeToString(rnd))
	tmp, err := os.CreateTemp(w.dir, ".tmp-"+path+"-*")
	if err != nil {
		return "", "", 0, err
	}
	defer os.Remove(tmp.Name()) // a no-op after the rename
	bw := bufio.NewWriterSize(tmp, 1<<20)
	if err := excel.WriteLeadership(bw, wb, progress); err != nil {
		tmp.Close()
		return "", "", 0, err
	}
	if err := bw.Flush(); err != nil {
		tmp.Close()
		return "", "", 0, err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return "", "", 0, err
	}
	st, err := tmp.Stat()
	if err != nil {
		tmp.Close()
		return "", "", 0, err
	}
	if err := tmp.Close(); err != nil {
		return "", "", 0, err
	}
	if err := ctx.Err(); err != nil {
		return "", "", 0, err
	}
	if err := os.Rename(tmp.Name(), filepath.Join(w.dir, path)); err != nil {
		return "", "", 0, err
	}
	return path, workbookFileName(p.Year, wb.ProvinceCode), st.Size(), nil
}

func removeQuietly(dir, name string) {
	if name != "" && name == filepath.Base(name) {
		_ = os.Remove(filepath.Join(dir, name))
	}
}
