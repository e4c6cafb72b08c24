package assessment

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// Job kinds.
const (
	// JobWorkbook builds a leadership workbook (WorkbookParams); the national
	// one is too big to build inside a request.
	JobWorkbook = "workbook"
)

// Job states.
const (
	JobQueued  = "queued"
	JobRunning = "running"
	JobDone    = "done"
	JobFailed  = "failed"
	JobExpired = "expired" // done, and its file removed after the retention time
)

// Job timing: a running job reports progress at least every JobHeartbeat; a
// job whose heartbeat is older than JobStale (its instance died) is taken up
// again by another instance, at most JobMaxAttempts times in all.
const (
	JobHeartbeat   = 10 * time.Second
	JobStale       = 2 * time.Minute
	JobMaxAttempts = 3
)

// Job is background work stored in PostgreSQL: any p4 instance may run it.
type Job struct {
	ID          int64           `json:"id"`
	Kind        string          `json:"kind"`
	Params      json.RawMessage `json:"params"`
	State       string          `json:"state"`
	Progress    int             `json:"progress"` // percent
	Attempts    int             `json:"-"`        // also the fencing token of the instance running it
	ResultPath  string          `json:"-"`        // relative to the exports folder
	ResultName  string          `json:"file_name,omitempty"`
	ResultSize  int64           `json:"file_size,omitempty"`
	Error       string          `json:"error,omitempty"`
	RequestedBy int64           `json:"requested_by"`
	CreatedAt   time.Time       `json:"created_at"`
	StartedAt   *time.Time      `json:"started_at,omitempty"`
	HeartbeatAt *time.Time      `json:"-"`
	FinishedAt  *time.Time      `json:"finished_at,omitempty"`
}

// WorkbookParams are the parameters of a workbook job.
type WorkbookParams struct {
	Year     int    `json:"year"`
	Province string `json:"province,omitempty"` // empty: the nation
}

// WorkbookParams decodes the parameters of a workbook job.
func (j Job) WorkbookParams() (WorkbookParams, error) {
	var p WorkbookParams
	if j.Kind != JobWorkbook {
		return p, fmt.Errorf("job %d is a %s job, not a workbook", j.ID, j.Kind)
	}
	err := json.Unmarshal(j.Params, &p)
	return p, err
}

// RequestWorkbook queues the leadership workbook of a period for a province
// or (province "") the nation, under the rules of Workbook. The same request
// while an identical one of the same user is queued or running returns that
// job (existing true) instead of queueing another.
func (s *Service) RequestWorkbook(ctx context.Context, a Actor, year int, province string) (Job, bool, error) {
	p, reg, err := s.workbookScope(ctx, a, year, province)
	if err != nil {
		return Job{}, false, err
	}
	params, err := json.Marshal(WorkbookParams{Year: p.Year, Province: reg.Code})
	if err != nil {
		return Job{}, false, err
	}
	var out Job
	existing := false
	err = s.store.InTx(ctx, func(tx Store) error {
		j, err := tx.ActiveJob(ctx, JobWorkbook, params, a.UserID)
		if err == nil {
			out, existing = j, true
			return nil
		}
		if !errors.Is(err, ErrNotFound) {
			return err
		}
		out = Job{Kind: JobWorkbook, Params: params, State: JobQueued, RequestedBy: a.UserID, CreatedAt: s.now().UTC()}
		return tx.CreateJob(ctx, &out)
	})
	return out, existing, err
}

// Job returns a job to its requester or an admin (ErrNotFound otherwise).
func (s *Service) Job(ctx context.Context, a Actor, id int64) (Job, error) {
	j, err := s.store.Job(ctx, id)
	if err != nil {
		return j, err
	}
	if a.Role != RoleAdmin && (a.UserID == 0 || a.UserID != j.RequestedBy) {
		return Job{}, ErrNotFound
	}
	return j, nil
}

// MyJobs lists the jobs the actor asked for, newest first (at most 50).
// Roles that cannot request exports have none.
func (s *Service) MyJobs(ctx context.Context, a Actor) ([]Job, error) {
	if a.UserID == 0 {
		return nil, ErrForbidden
	}
	return s.store.JobsOf(ctx, a.UserID, 50)
}

// ClaimJob takes the oldest queued job, or a running one whose instance
// stopped reporting (JobStale), for this instance; ErrNotFound when there is
// none. Jobs that failed JobMaxAttempts times are marked failed.
func (s *Service) ClaimJob(ctx context.Context) (Job, error) {
	return s.store.ClaimJob(ctx, s.now().UTC(), s.now().UTC().Add(-JobStale), JobMaxAttempts)
}

// JobActor is the requester of a job as an actor, so that the job runs
// under the rules its requester is under now (a disabled user's job fails).
func (s *Service) JobActor(ctx context.Context, j Job) (Actor, error) {
	u, err := s.store.User(ctx, j.RequestedBy)
	if err != nil {
		return Actor{}, err
	}
	if !u.Active {
		return Actor{}, ErrForbidden
	}
	return u.Actor(), nil
}

// JobProgress records a running job's progress and heartbeat. ErrConflict
// means another instance has taken the job over: stop working on it.
func (s *Service) JobProgress(ctx context.Context, j *Job, percent int) error {
	j.Progress = min(max(percent, 0), 99)
	now := s.now().UTC()
	j.HeartbeatAt = &now
	return s.store.UpdateJob(ctx, *j, JobRunning)
}

// FinishJob records a job's result file (relative to the exports folder).
func (s *Service) FinishJob(ctx context.Context, j *Job, path, name string, size int64) error {
	now := s.now().UTC()
	j.State, j.Progress, j.ResultPath, j.ResultName, j.ResultSize, j.FinishedAt, j.HeartbeatAt = JobDone, 100, path, name, size, &now, &now
	return s.store.UpdateJob(ctx, *j, JobRunning)
}

// FailJob records why a job failed; it is not tried again.
func (s *Service) FailJob(ctx context.Context, j *Job, reason string) error {
	now := s.now().UTC()
	j.State, j.Error, j.FinishedAt, j.HeartbeatAt = JobFailed, reason, &now, &now
	return s.store.UpdateJob(ctx, *j, JobRunning)
}

// ReleaseJob puts a running job back in the queue (this instance is
// stopping), for another instance to take.
func (s *Service) ReleaseJob(ctx context.Context, j *Job) error {
	j.State, j.Progress, j.HeartbeatAt = JobQueued, 0, nil
	return s.store.UpdateJob(ctx, *j, JobRunning)
}

// ExpireJobs marks done jobs finished longer ago than retention expired and
// returns them, so that their files can be removed.
func (s *Service) ExpireJobs(ctx context.Context, retention time.Duration) ([]Job, error) {
	return s.store.ExpireJobs(ctx, s.now().UTC().Add(-retention))
}
