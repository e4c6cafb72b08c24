package pgstore

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"gorm.io/gorm"

	"github.com/ombudsman-ri/p4/assessment"
	"github.com/ombudsman-ri/p4/scoring"
)

// ---- answers and comments

type answerRow struct {
	ID               int64
	UnitAssessmentID int64
	Indicator        string
	Value            *int
	Na               bool
	NaReason         string
	Note             string
	Version          int
	UpdatedBy        *int64
	UpdatedAt        time.Time
}

func (r answerRow) to() assessment.Answer {
	a := assessment.Answer{ID: r.ID, UnitAssessmentID: r.UnitAssessmentID, Indicator: r.Indicator, Value: r.Value, NA: r.Na,
		NAReason: r.NaReason, Note: r.Note, Version: r.Version, UpdatedAt: r.UpdatedAt}
	if r.UpdatedBy != nil {
		a.UpdatedBy = *r.UpdatedBy
	}
	return a
}

const answerSelect = `SELECT id, unit_assessment_id, indicator, value, na, na_reason, note, version, updated_by, updated_at FROM answers`

// Answers lists the answers of unit assessments in one query.
func (s *Store) Answers(ctx context.Context, ids ...int64) ([]assessment.Answer, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	var rows []answerRow
	if err := s.q(ctx).Raw(answerSelect+` WHERE unit_assessment_id IN ? ORDER BY unit_assessment_id, id`, ids).Scan(&rows).Error; err != nil {
		return nil, translate(err, "answers")
	}
	out := make([]assessment.Answer, len(rows))
	for i, r := range rows {
		out[i] = r.to()
	}
	return out, nil
}

// Answer reads one answer.
func (s *Store) Answer(ctx context.Context, uaID int64, indicator string, lock bool) (assessment.Answer, error) {
	var row answerRow
	err := one(s.q(ctx), "answer "+indicator, &row, answerSelect+` WHERE unit_assessment_id = ? AND indicator = ?`+forUpdate(lock), uaID, indicator)
	return row.to(), err
}

// UpdateAnswer writes an answer if its version is still expectedVersion.
func (s *Store) UpdateAnswer(ctx context.Context, a *assessment.Answer, expectedVersion int) error {
	n, err := exec(s.q(ctx), "save answer", `UPDATE answers SET value = ?, na = ?, na_reason = ?, note = ?, version = version + 1, updated_by = ?, updated_at = ?
		WHERE id = ? AND version = ?`, a.Value, a.NA, a.NAReason, a.Note, nz(a.UpdatedBy), a.UpdatedAt, a.ID, expectedVersion)
	if err != nil {
		return err
	}
	if n == 0 {
		return &assessment.ConflictError{Reason: "the answer was changed by someone else"}
	}
	a.Version = expectedVersion + 1
	return nil
}

// AddComments stores reviewer comments.
func (s *Store) AddComments(ctx context.Context, uaID int64, cs []assessment.ReviewComment) error {
	for _, c := range cs {
		var ind any
		if c.Indicator != "" {
			ind = c.Indicator
		}
		if _, err := exec(s.q(ctx), "add comment", `INSERT INTO review_comments (unit_assessment_id, indicator, body, author_id, created_at) VALUES (?, ?, ?, ?, ?)`,
			uaID, ind, c.Body, nz(c.AuthorID), c.CreatedAt); err != nil {
			return err
		}
	}
	return nil
}

// Comments lists a unit assessment's comments, oldest first.
func (s *Store) Comments(ctx context.Context, uaID int64) ([]assessment.ReviewComment, error) {
	var rows []struct {
		ID        int64
		Indicator *string
		Body      string
		AuthorID  *int64
		CreatedAt time.Time
	}
	if err := s.q(ctx).Raw(`SELECT id, indicator, body, author_id, created_at FROM review_comments WHERE unit_assessment_id = ? ORDER BY id`, uaID).Scan(&rows).Error; err != nil {
		return nil, translate(err, "comments")
	}
	out := make([]assessment.ReviewComment, len(rows))
	for i, r := range rows {
		out[i] = assessment.ReviewComment{ID: r.ID, Body: r.Body, CreatedAt: r.CreatedAt}
		if r.Indicator != nil {
			out[i].Indicator = *r.Indicator
		}
		if r.AuthorID != nil {
			out[i].AuthorID = *r.AuthorID
		}
	}
	return out, nil
}

// ---- evidence

// RecordBlob notes a stored file's content (once per hash).
func (s *Store) RecordBlob(ctx context.Context, sha string, size int64, mediaType string) error {
	_, err := exec(s.q(ctx), "record file", `INSERT INTO blobs (sha256, size, media_type) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`, sha, size, mediaType)
	return err
}

type evidenceRow struct {
	ID               int64
	UnitAssessmentID int64
	Indicator        string
	Sha256           string
	OriginalName     string
	MediaType        string
	Size             int64
	UploadedBy       *int64
	UploadedAt       time.Time
}

func (r evidenceRow) to() assessment.Evidence {
	e := assessment.Evidence{ID: r.ID, UnitAssessmentID: r.UnitAssessmentID, Indicator: r.Indicator, SHA256: r.Sha256, OriginalName: r.OriginalName,
		MediaType: r.MediaType, Size: r.Size, UploadedAt: r.UploadedAt}
	if r.UploadedBy != nil {
		e.UploadedBy = *r.UploadedBy
	}
	return e
}

const evidenceSelect = `SELECT id, unit_assessment_id, indicator, sha256, original_name, media_type, size, uploaded_by, uploaded_at FROM evidence`

// AddEvidence attaches a stored file to an answer.
func (s *Store) AddEvidence(ctx context.Context, ev *assessment.Evidence) error {
	return one(s.q(ctx), "add evidence", &ev.ID, `INSERT INTO evidence (unit_assessment_id, indicator, sha256, original_name, media_type, size, uploaded_by, uploaded_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, ev.UnitAssessmentID, ev.Indicator, ev.SHA256, ev.OriginalName, ev.MediaType, ev.Size, nz(ev.UploadedBy), ev.UploadedAt)
}

// Evidence reads one attachment (not deleted).
func (s *Store) Evidence(ctx context.Context, id int64) (assessment.Evidence, error) {
	var row evidenceRow
	err := one(s.q(ctx), fmt.Sprintf("evidence %d", id), &row, evidenceSelect+` WHERE id = ? AND deleted_at IS NULL`, id)
	return row.to(), err
}

// DeleteEvidence marks an attachment deleted (the row and the file stay for
// the audit trail); ErrNotFound when it is missing or already deleted.
func (s *Store) DeleteEvidence(ctx context.Context, id, by int64, at time.Time) error {
	n, err := exec(s.q(ctx), "delete evidence", `UPDATE evidence SET deleted_at = ?, deleted_by = ? WHERE id = ? AND deleted_at IS NULL`, at, nz(by), id)
	if err != nil {
		return err
	}
	if n == 0 {
		return fmt.Errorf("evidence %d: %w", id, assessment.ErrNotFound)
	}
	return nil
}

// EvidenceOf lists a unit assessment's attachments.
func (s *Store) EvidenceOf(ctx context.Context, uaID int64) ([]assessment.Evidence, error) {
	var rows []evidenceRow
	if err := s.q(ctx).Raw(evidenceSelect+` WHERE unit_assessment_id = ? AND deleted_at IS NULL ORDER BY id`, uaID).Scan(&rows).Error; err != nil {
		return nil, translate(err, "evidence")
	}
	out := make([]assessment.Evidence, len(rows))
	for i, r := range rows {
		out[i] = r.to()
	}
	return out, nil
}

// ---- objections

type objectionRow struct {
	ID             int64
	PeriodID       int64
	EntityID       int64
	State          string
	Statement      string
	FiledBy        int64
	FiledAt        time.Time
	DecidedBy      *int64
	DecidedAt      *time.Time
	DecisionReason string
	Version        int
}

const objectionSelect = `SELECT id, period_id, entity_id, state, statement, filed_by, filed_at, decided_by, decided_at, decision_reason, version FROM objections`

func (s *Store) objectionItems(ctx context.Context, o *assessment.Objection) error {
	var items []struct {
		ID               int64
		UnitAssessmentID int64
		Indicator        string
		RequestedValue   int
		DecidedValue     *int
		Accepted         *bool
	}
	if err := s.q(ctx).Raw(`SELECT id, unit_assessment_id, indicator, requested_value, decided_value, accepted FROM objection_items WHERE objection_id = ? ORDER BY id`, o.ID).Scan(&items).Error; err != nil {
		return translate(err, "objection items")
	}
	o.Items = make([]assessment.ObjectionItem, len(items))
	for i, it := range items {
		o.Items[i] = assessment.ObjectionItem(it)
	}
	return nil
}

func (r objectionRow) to() assessment.Objection {
	o := assessment.Objection{ID: r.ID, PeriodID: r.PeriodID, EntityID: r.EntityID, State: r.State, Statement: r.Statement, FiledBy: r.FiledBy,
		FiledAt: r.FiledAt, DecidedAt: r.DecidedAt, DecisionReason: r.DecisionReason, Version: r.Version}
	if r.DecidedBy != nil {
		o.DecidedBy = *r.DecidedBy
	}
	return o
}

// CreateObjection inserts an objection with its items.
func (s *Store) CreateObjection(ctx context.Context, o *assessment.Objection) error {
	if err := one(s.q(ctx), "file objection", &o.ID, `INSERT INTO objections (period_id, entity_id, state, statement, filed_by, filed_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
		o.PeriodID, o.EntityID, o.State, o.Statement, o.FiledBy, o.FiledAt); err != nil {
		return err
	}
	for i := range o.Items {
		it := &o.Items[i]
		if err := one(s.q(ctx), "objection item", &it.ID, `INSERT INTO objection_items (objection_id, unit_assessment_id, indicator, requested_value) VALUES (?, ?, ?, ?) RETURNING id`,
			o.ID, it.UnitAssessmentID, it.Indicator, it.RequestedValue); err != nil {
			return err
		}
	}
	o.Version = 1
	return nil
}

// Objection reads one objection with its items.
func (s *Store) Objection(ctx context.Context, id int64, lock bool) (assessment.Objection, error) {
	var row objectionRow
	if err := one(s.q(ctx), fmt.Sprintf("objection %d", id), &row, objectionSelect+` WHERE id = ?`+forUpdate(lock), id); err != nil {
		return assessment.Objection{}, err
	}
	o := row.to()
	return o, s.objectionItems(ctx, &o)
}

// Objections lists an entity's objections in a period (entityID 0: all).
func (s *Store) Objections(ctx context.Context, periodID, entityID int64) ([]assessment.Objection, error) {
	var rows []objectionRow
	q := objectionSelect + ` WHERE period_id = ?`
	args := []any{periodID}
	if entityID != 0 {
		q += ` AND entity_id = ?`
		args = append(args, entityID)
	}
	if err := s.q(ctx).Raw(q+` ORDER BY id`, args...).Scan(&rows).Error; err != nil {
		return nil, translate(err, "objections")
	}
	out := make([]assessment.Objection, len(rows))
	for i, r := range rows {
		out[i] = r.to()
		if err := s.objectionItems(ctx, &out[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// UpdateObjection writes the decision and the items' decisions.
func (s *Store) UpdateObjection(ctx context.Context, o *assessment.Objection) error {
	n, err := exec(s.q(ctx), "decide objection", `UPDATE objections SET state = ?, decided_by = ?, decided_at = ?, decision_reason = ?, version = version + 1
		WHERE id = ? AND version = ?`, o.State, nz(o.DecidedBy), o.DecidedAt, o.DecisionReason, o.ID, o.Version)
	if err != nil {
		return err
	}
	if n == 0 {
		return &assessment.ConflictError{Reason: "the objection was changed by someone else"}
	}
	for _, it := range o.Items {
		if _, err := exec(s.q(ctx), "decide objection item", `UPDATE objection_items SET decided_value = ?, accepted = ? WHERE id = ?`, it.DecidedValue, it.Accepted, it.ID); err != nil {
			return err
		}
	}
	o.Version++
	return nil
}

// ---- results

// SaveSnapshot inserts an immutable snapshot and makes it current.
func (s *Store) SaveSnapshot(ctx context.Context, sn *assessment.Snapshot) error {
	detail, err := assessment.DetailJSON(*sn)
	if err != nil {
		return err
	}
	db := s.q(ctx)
	if err := one(db, "save result", &sn.ID, `INSERT INTO result_snapshots (period_id, entity_id, method_id, score, category, opinion, zone, complete, source, detail, created_at, created_by)
		VALUES (?, ?, ?, ?::numeric, ?, ?, ?, ?, ?, ?::jsonb, ?, ?) RETURNING id`, sn.PeriodID, sn.EntityID, sn.MethodID, sn.Score.String(), sn.Category, sn.Opinion,
		string(sn.Zone), sn.Complete, sn.Source, string(detail), sn.CreatedAt, nz(sn.CreatedBy)); err != nil {
		return err
	}
	if len(sn.Units) > 0 {
		var b strings.Builder
		args := []any{}
		for i, u := range sn.Units {
			if i > 0 {
				b.WriteString(",")
			}
			b.WriteString("(?, ?, ?::numeric, ?)")
			args = append(args, sn.ID, u.UnitID, u.Score.String(), u.Complete)
		}
		if _, err := exec(db, "save unit results", `INSERT INTO snapshot_units (snapshot_id, unit_id, score, complete) VALUES `+b.String(), args...); err != nil {
			return err
		}
	}
	if len(sn.Dimensions) > 0 {
		var b strings.Builder
		args := []any{}
		for i, d := range sn.Dimensions {
			if i > 0 {
				b.WriteString(",")
			}
			b.WriteString("(?, ?, ?, ?::numeric, ?::numeric, ?::numeric)")
			args = append(args, sn.ID, d.UnitID, d.Dimension, d.Points, d.MaxPoints, d.Percent.String())
		}
		if _, err := exec(db, "save dimension results", `INSERT INTO snapshot_dimensions (snapshot_id, unit_id, dimension, points, max_points, percent) VALUES `+b.String(), args...); err != nil {
			return err
		}
	}
	_, err = exec(db, "make result current", `INSERT INTO current_results (period_id, entity_id, snapshot_id) VALUES (?, ?, ?)
		ON CONFLICT (period_id, entity_id) DO UPDATE SET snapshot_id = EXCLUDED.snapshot_id`, sn.PeriodID, sn.EntityID, sn.ID)
	return err
}

type snapshotRow struct {
	ID        int64
	PeriodID  int64
	EntityID  int64
	MethodID  int64
	Score     string
	Category  string
	Opinion   string
	Zone      string
	Complete  bool
	Source    string
	Detail    string
	CreatedAt time.Time
	CreatedBy *int64
}

// CurrentSnapshot reads an entity's current result with units, dimensions and ranks.
func (s *Store) CurrentSnapshot(ctx context.Context, periodID, entityID int64) (assessment.Snapshot, error) {
	var row snapshotRow
	if err := one(s.q(ctx), fmt.Sprintf("result of entity %d", entityID), &row, `SELECT r.id, r.period_id, r.entity_id, r.method_id, r.score::text AS score,
		r.category, r.opinion, r.zone, r.complete, r.source, r.detail::text AS detail, r.created_at, r.created_by
		FROM current_results c JOIN result_snapshots r ON r.id = c.snapshot_id WHERE c.period_id = ? AND c.entity_id = ?`, periodID, entityID); err != nil {
		return assessment.Snapshot{}, err
	}
	return s.fillSnapshot(ctx, row)
}

func (s *Store) fillSnapshot(ctx context.Context, row snapshotRow) (assessment.Snapshot, error) {
	sc, err := scoring.ParseScore(row.Score)
	if err != nil {
		return assessment.Snapshot{}, err
	}
	sn := assessment.Snapshot{ID: row.ID, PeriodID: row.PeriodID, EntityID: row.EntityID, MethodID: row.MethodID, Score: sc, Category: row.Category,
		Opinion: row.Opinion, Zone: scoring.Zone(row.Zone), Complete: row.Complete, Source: row.Source, CreatedAt: row.CreatedAt, Ranks: map[string]int{}}
	if row.CreatedBy != nil {
		sn.CreatedBy = *row.CreatedBy
	}
	var detail scoring.EntityResult
	if row.Detail != "" && row.Detail != "{}" {
		if err := json.Unmarshal([]byte(row.Detail), &detail); err == nil {
			sn.Detail = &detail
		}
	}
	var units []struct {
		UnitID   int64
		Score    string
		Complete bool
	}
	if err := s.q(ctx).Raw(`SELECT unit_id, score::text AS score, complete FROM snapshot_units WHERE snapshot_id = ? ORDER BY unit_id`, sn.ID).Scan(&units).Error; err != nil {
		return sn, translate(err, "unit results")
	}
	for _, u := range units {
		sc, _ := scoring.ParseScore(u.Score)
		sn.Units = append(sn.Units, assessment.SnapshotUnit{UnitID: u.UnitID, Score: sc, Complete: u.Complete})
	}
	var dims []struct {
		UnitID    int64
		Dimension string
		Points    string
		MaxPoints string
		Percent   string
	}
	if err := s.q(ctx).Raw(`SELECT unit_id, dimension, points::text AS points, max_points::text AS max_points, percent::text AS percent
		FROM snapshot_dimensions WHERE snapshot_id = ? ORDER BY unit_id, dimension`, sn.ID).Scan(&dims).Error; err != nil {
		return sn, translate(err, "dimension results")
	}
	for _, d := range dims {
		pc, _ := scoring.ParseScore(d.Percent)
		sn.Dimensions = append(sn.Dimensions, assessment.SnapshotDimension{UnitID: d.UnitID, Dimension: d.Dimension, Points: json.Number(d.Points), MaxPoints: json.Number(d.MaxPoints), Percent: pc})
	}
	var ranks []struct {
		PeerGroup string
		Rank      int
	}
	if err := s.q(ctx).Raw(`SELECT peer_group, rank FROM rankings WHERE period_id = ? AND entity_id = ?`, sn.PeriodID, sn.EntityID).Scan(&ranks).Error; err != nil {
		return sn, translate(err, "ranks")
	}
	for _, r := range ranks {
		sn.Ranks[r.PeerGroup] = r.Rank
	}
	return sn, nil
}

// LockRanking takes a transaction-scoped lock on a peer group's ranking.
func (s *Store) LockRanking(ctx context.Context, periodID int64, group string) error {
	return translate(s.q(ctx).Exec(`SELECT pg_advisory_xact_lock(hashtextextended(?, 7275))`, fmt.Sprintf("rank:%d:%s", periodID, group)).Error, "lock ranking")
}

// Standings lists a peer group's entities in a period with their current results.
func (s *Store) Standings(ctx context.Context, periodID int64, g scoring.PeerGroup) ([]assessment.Standing, error) {
	q := `SELECT e.id AS entity_id, e.name, r.id AS snapshot_id, r.score::text AS score, r.complete, NOT pe.assessed AS not_assessed
		FROM period_entities pe JOIN entities e ON e.id = pe.entity_id
		JOIN current_results c ON c.period_id = pe.period_id AND c.entity_id = pe.entity_id
		JOIN result_snapshots r ON r.id = c.snapshot_id
		LEFT JOIN regions p ON p.id = e.province_id
		WHERE pe.period_id = ?`
	args := []any{periodID}
	if g.Kind == scoring.GroupPemda {
		q += ` AND e.kind IN ('pemprov', 'pemkab', 'pemkot') AND p.code = ?`
		args = append(args, g.Province)
	} else {
		q += ` AND e.kind = ?`
		args = append(args, g.Kind)
		if g.Province != "" {
			q += ` AND p.code = ?`
			args = append(args, g.Province)
		}
	}
	var rows []struct {
		EntityID    int64
		Name        string
		SnapshotID  int64
		Score       string
		Complete    bool
		NotAssessed bool
	}
	if err := s.q(ctx).Raw(q+` ORDER BY e.id`, args...).Scan(&rows).Error; err != nil {
		return nil, translate(err, "standings")
	}
	out := make([]assessment.Standing, len(rows))
	for i, r := range rows {
		sc, err := scoring.ParseScore(r.Score)
		if err != nil {
			return nil, err
		}
		out[i] = assessment.Standing{EntityID: r.EntityID, Name: r.Name, SnapshotID: r.SnapshotID, Score: sc, Complete: r.Complete, NotAssessed: r.NotAssessed}
	}
	return out, nil
}

// ReplaceRankings sets a peer group's ranks: the old rows deleted and the
// new ones inserted, both sent at once (one round trip) through pgx.
func (s *Store) ReplaceRankings(ctx context.Context, periodID int64, group string, rows []assessment.Ranking) error {
	entities, snapshots, ranks := make([]int64, len(rows)), make([]int64, len(rows)), make([]int32, len(rows))
	for i, r := range rows {
		entities[i], snapshots[i], ranks[i] = r.EntityID, r.SnapshotID, int32(r.Rank)
	}
	return s.withPgx(ctx, func(c *pgx.Conn) error {
		var b pgx.Batch
		b.Queue(`DELETE FROM rankings WHERE period_id = $1 AND peer_group = $2`, periodID, group)
		if len(rows) > 0 {
			b.Queue(`INSERT INTO rankings (period_id, peer_group, entity_id, snapshot_id, rank)
				SELECT $1, $2, * FROM unnest($3::bigint[], $4::bigint[], $5::int[])`, periodID, group, entities, snapshots, ranks)
		}
		br := c.SendBatch(ctx, &b)
		if _, err := br.Exec(); err != nil {
			br.Close()
			return translate(err, "clear ranks")
		}
		if len(rows) > 0 {
			if _, err := br.Exec(); err != nil {
				br.Close()
				return translate(err, "save ranks")
			}
		}
		return translate(br.Close(), "save ranks")
	})
}

// Rankings reads a peer group's ranks, best first.
func (s *Store) Rankings(ctx context.Context, periodID int64, group string) ([]assessment.Ranking, error) {
	var rows []assessment.Ranking
	if err := s.q(ctx).Raw(`SELECT r.period_id, r.peer_group, r.entity_id, r.snapshot_id, r.rank FROM rankings r JOIN entities e ON e.id = r.entity_id
		WHERE r.period_id = ? AND r.peer_group = ? ORDER BY r.rank, e.name, e.id`, periodID, group).Scan(&rows).Error; err != nil {
		return nil, translate(err, "ranks")
	}
	return rows, nil
}

// ---- audit

// AppendAudit appends a row to its chain under a transaction-scoped lock on
// the chain, so that concurrent writers of one chain stay in order while
// different chains proceed in parallel.
func (s *Store) AppendAudit(ctx context.Context, e *assessment.AuditEntry) error {
	return s.InTx(ctx, func(txs assessment.Store) error {
		db := txs.(*Store).q(ctx)
		if err := db.Exec(`SELECT pg_advisory_xact_lock(hashtextextended(?, 7274))`, e.Chain).Error; err != nil {
			return translate(err, "lock audit chain")
		}
		return appendLocked(db, e)
	})
}

// appendLocked inserts e after the last row of its chain, whose lock the
// transaction holds, in one statement: the statement starts after the lock
// was taken, so it reads the chain's true last hash. PostgreSQL hashes the
// row as AuditHash does (sha256 of len(prev) ":" prev, then AuditHashTail);
// the row is checked against AuditHash before it is kept, so that a row the
// verifier would reject never commits.
func appendLocked(db *gorm.DB, e *assessment.AuditEntry) error {
	e.At = e.At.UTC().Truncate(time.Microsecond)
	tail, err := assessment.AuditHashTail(*e)
	if err != nil {
		return err
	}
	var rows []struct {
		ID       int64
		PrevHash string
		Hash     string
	}
	if err := db.Raw(`WITH p AS MATERIALIZED (SELECT coalesce((SELECT hash FROM audit_log WHERE chain = ? ORDER BY id DESC LIMIT 1), ?) AS hash)
		INSERT INTO audit_log (chain, at, actor_id, actor, action, object_type, object_id, period_id, entity_id, old_value, new_value, reason, prev_hash, hash)
		SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, p.hash, encode(sha256(convert_to(octet_length(p.hash) || ':' || p.hash, 'UTF8') || ?::bytea), 'hex')
		FROM p RETURNING id, prev_hash, hash`, e.Chain, assessment.GenesisHash, e.Chain, e.At, nz(e.ActorID), e.Actor, e.Action, e.ObjectType, e.ObjectID,
		nz(e.PeriodID), nz(e.EntityID), jsonOrNil(e.Old), jsonOrNil(e.New), e.Reason, tail).Scan(&rows).Error; err != nil {
		return translate(err, "append audit")
	}
	if len(rows) != 1 {
		return fmt.Errorf("append audit: %d rows inserted", len(rows))
	}
	e.ID, e.PrevHash = rows[0].ID, rows[0].PrevHash
	want, err := assessment.AuditHash(*e)
	if err != nil {
		return err
	}
	if rows[0].Hash != want {
		return fmt.Errorf("append audit: the database hashed row %d of chain %s as %s, not %s", e.ID, e.Chain, rows[0].Hash, want)
	}
	e.Hash = want
	return nil
}

func jsonOrNil(b []byte) any {
	if len(b) == 0 {
		return nil
	}
	return string(b)
}

// EachAudit streams the audit log in id order.
func (s *Store) EachAudit(ctx context.Context, fn func(assessment.AuditEntry) error) error {
	rows, err := s.q(ctx).Raw(`SELECT id, chain, at, coalesce(actor_id, 0), actor, action, object_type, object_id, coalesce(period_id, 0), coalesce(entity_id, 0),
		coalesce(old_value::text, ''), coalesce(new_value::text, ''), reason, prev_hash, hash FROM audit_log ORDER BY id`).Rows()
	if err != nil {
		return translate(err, "audit log")
	}
	defer rows.Close()
	for rows.Next() {
		var e assessment.AuditEntry
		var oldV, newV string
		if err := rows.Scan(&e.ID, &e.Chain, &e.At, &e.ActorID, &e.Actor, &e.Action, &e.ObjectType, &e.ObjectID, &e.PeriodID, &e.EntityID, &oldV, &newV, &e.Reason, &e.PrevHash, &e.Hash); err != nil {
			return translate(err, "audit log")
		}
		if oldV != "" {
			e.Old = []byte(oldV)
		}
		if newV != "" {
			e.New = []byte(newV)
		}
		if err := fn(e); err != nil {
			return err
		}
	}
	return rows.Err()
}

// ---- sign-in limits

// LoginFailures counts a key's failures in a window.
func (s *Store) LoginFailures(ctx context.Context, key string, window time.Time) (int, error) {
	var n []int
	err := s.q(ctx).Raw(`SELECT failures FROM login_attempts WHERE key = ? AND window_start = ?`, key, window).Scan(&n).Error
	if err != nil || len(n) == 0 {
		return 0, translate(err, "sign-in limits")
	}
	return n[0], nil
}

// AddLoginFailure counts one failure.
func (s *Store) AddLoginFailure(ctx context.Context, key string, window time.Time) error {
	_, err := exec(s.q(ctx), "sign-in limits", `INSERT INTO login_attempts (key, window_start, failures) VALUES (?, ?, 1)
		ON CONFLICT (key, window_start) DO UPDATE SET failures = login_attempts.failures + 1`, key, window)
	if err == nil {
		_, err = exec(s.q(ctx), "sign-in limits", `DELETE FROM login_attempts WHERE window_start < ?`, window.Add(-24*time.Hour))
	}
	return err
}

// ClearLoginFailures forgets a key's failures after a successful sign-in.
func (s *Store) ClearLoginFailures(ctx context.Context, key string) error {
	_, err := exec(s.q(ctx), "sign-in limits", `DELETE FROM login_attempts WHERE key = ?`, key)
	return err
}

// AddObjectionEvidence attaches a stored file to an objection.
func (s *Store) AddObjectionEvidence(ctx context.Context, ev *assessment.ObjectionEvidence) error {
	return one(s.q(ctx), "add objection evidence", &ev.ID, `INSERT INTO objection_evidence (objection_id, sha256, original_name, media_type, size, uploaded_by, uploaded_at)
		VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`, ev.ObjectionID, ev.SHA256, ev.OriginalName, ev.MediaType, ev.Size, nz(ev.UploadedBy), ev.UploadedAt)
}

// ObjectionEvidence lists an objection's files.
func (s *Store) ObjectionEvidence(ctx context.Context, objectionID int64) ([]assessment.ObjectionEvidence, error) {
	var rows []struct {
		ID           int64
		ObjectionID  int64
		Sha256       string
		OriginalName string
		MediaType    string
		Size         int64
		UploadedBy   *int64
		UploadedAt   time.Time
	}
	if err := s.q(ctx).Raw(`SELECT id, objection_id, sha256, original_name, media_type, size, uploaded_by, uploaded_at FROM objection_evidence WHERE objection_id = ? ORDER BY id`, objectionID).Scan(&rows).Error; err != nil {
		return nil, translate(err, "objection evidence")
	}
	out := make([]assessment.ObjectionEvidence, len(rows))
	for i, r := range rows {
		out[i] = assessment.ObjectionEvidence{ID: r.ID, ObjectionID: r.ObjectionID, SHA256: r.Sha256, OriginalName: r.OriginalName, MediaType: r.MediaType, Size: r.Size, UploadedAt: r.UploadedAt}
		if r.UploadedBy != nil {
			out[i].UploadedBy = *r.UploadedBy
		}
	}
	return out, nil
}
