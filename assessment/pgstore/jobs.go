package pgstore

import (
	"context"
	"fmt"
	"time"

	"github.com/ombudsman-ri/p4/assessment"
)

type jobRow struct {
	ID          int64
	Kind        string
	Params      string
	State       string
	Progress    int
	Attempts    int
	ResultPath  string
	ResultName  string
	ResultSize  int64
	Error       string
	RequestedBy int64
	CreatedAt   time.Time
	StartedAt   *time.Time
	HeartbeatAt *time.Time
	FinishedAt  *time.Time
}

func (r jobRow) toJob() assessment.Job {
	return assessment.Job{ID: r.ID, Kind: r.Kind, Params: []byte(r.Params), State: r.State, Progress: r.Progress, Attempts: r.Attempts,
		ResultPath: r.ResultPath, ResultName: r.ResultName, ResultSize: r.ResultSize, Error: r.Error, RequestedBy: r.RequestedBy,
		CreatedAt: r.CreatedAt, StartedAt: r.StartedAt, HeartbeatAt: r.HeartbeatAt, FinishedAt: r.FinishedAt}
}

const jobColumns = `id, kind, params::text AS params, state, progress, attempts, result_path, result_name, result_size, error, requested_by,
	created_at, started_at, heartbeat_at, finished_at`

// CreateJob queues a job.
func (s *Store) CreateJob(ctx context.Context, j *assessment.Job) error {
	return one(s.q(ctx), "create job", &j.ID, `INSERT INTO jobs (kind, params, state, requested_by, created_at) VALUES (?, ?::jsonb, ?, ?, ?) RETURNING id`,
		j.Kind, string(j.Params), j.State, j.RequestedBy, j.CreatedAt)
}

// Job reads a job.
func (s *Store) Job(ctx context.Context, id int64) (assessment.Job, error) {
	var row jobRow
	err := one(s.q(ctx), fmt.Sprintf("job %d", id), &row, `SELECT `+jobColumns+` FROM jobs WHERE id = ?`, id)
	return row.toJob(), err
}

// JobsOf lists a user's jobs, newest first, at most limit.
func (s *Store) JobsOf(ctx context.Context, requestedBy int64, limit int) ([]assessment.Job, error) {
	var rows []jobRow
	if err := s.q(ctx).Raw(`SELECT `+jobColumns+` FROM jobs WHERE requested_by = ? ORDER BY id DESC LIMIT ?`, requestedBy, limit).Scan(&rows).Error; err != nil {
		return nil, translate(err, "jobs")
	}
	out := make([]assessment.Job, len(rows))
	for i, r := range rows {
		out[i] = r.toJob()
	}
	return out, nil
}

// ActiveJob finds a queued or running job of a user with the same kind and parameters.
func (s *Store) ActiveJob(ctx context.Context, kind string, params []byte, requestedBy int64) (assessment.Job, error) {
	var row jobRow
	err := one(s.q(ctx), "active job", &row, `SELECT `+jobColumns+` FROM jobs
		WHERE kind = ? AND params = ?::jsonb AND requested_by = ? AND state IN ('queued', 'running') ORDER BY id LIMIT 1`, kind, string(params), requestedBy)
	return row.toJob(), err
}

// ClaimJob takes the next job for this instance. SKIP LOCKED lets several
// instances claim at once without waiting on each other or taking one job twice.
func (s *Store) ClaimJob(ctx context.Context, now, staleBefore time.Time, maxAttempts int) (assessment.Job, error) {
	if _, err := exec(s.q(ctx), "fail stale jobs", `UPDATE jobs SET state = 'failed', finished_at = ?,
		error = 'the instance running it stopped ' || attempts || ' times; not tried again'
		WHERE state = 'running' AND heartbeat_at < ? AND attempts >= ?`, now, staleBefore, maxAttempts); err != nil {
		return assessment.Job{}, err
	}
	// One statement: the row lock taken by the subquery is held until the
	// update commits, and SKIP LOCKED passes over rows other instances hold.
	var row jobRow
	err := one(s.q(ctx), "claim job", &row, `UPDATE jobs SET state = 'running', attempts = attempts + 1, progress = 0, started_at = ?, heartbeat_at = ?
		WHERE id = (SELECT id FROM jobs WHERE state = 'queued' OR (state = 'running' AND heartbeat_at < ?)
			ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
		RETURNING `+jobColumns, now, now, staleBefore)
	return row.toJob(), err
}

// UpdateJob writes a job's progress, state and result, fenced by state and attempts.
func (s *Store) UpdateJob(ctx context.Context, j assessment.Job, from string) error {
	n, err := exec(s.q(ctx), "update job", `UPDATE jobs SET state = ?, progress = ?, result_path = ?, result_name = ?, result_size = ?, error = ?,
		heartbeat_at = ?, finished_at = ? WHERE id = ? AND state = ? AND attempts = ?`,
		j.State, j.Progress, j.ResultPath, j.ResultName, j.ResultSize, j.Error, j.HeartbeatAt, j.FinishedAt, j.ID, from, j.Attempts)
	if err != nil {
		return err
	}
	if n == 0 {
		return &assessment.ConflictError{Reason: fmt.Sprintf("job %d was taken over or finished elsewhere", j.ID)}
	}
	return nil
}

// ExpireJobs marks done jobs finished before a time expired and returns them.
func (s *Store) ExpireJobs(ctx context.Context, finishedBefore time.Time) ([]assessment.Job, error) {
	var rows []jobRow
	if err := s.q(ctx).Raw(`UPDATE jobs SET state = 'expired' WHERE state = 'done' AND finished_at < ? RETURNING `+jobColumns, finishedBefore).Scan(&rows).Error; err != nil {
		return nil, translate(err, "expire jobs")
	}
	out := make([]assessment.Job, len(rows))
	for i, r := range rows {
		out[i] = r.toJob()
	}
	return out, nil
}
