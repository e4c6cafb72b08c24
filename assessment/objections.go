package assessment

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"time"
)

// ObjectionInput is what an agency files.
type ObjectionInput struct {
	Statement string               `json:"statement"`
	Items     []ObjectionItemInput `json:"items"`
}

// ObjectionItemInput names one contested answer and the value asked for.
type ObjectionItemInput struct {
	UnitAssessmentID int64  `json:"unit_assessment_id"`
	Indicator        string `json:"indicator"`
	RequestedValue   int    `json:"requested_value"`
}

// FileObjection records an agency's objection to indicators of its own final
// result, within the period's objection window.
func (s *Service) FileObjection(ctx context.Context, a Actor, periodID, entityID int64, in ObjectionInput) (Objection, error) {
	var out Objection
	if a.Role != RoleAgency || a.EntityID != entityID {
		return out, ErrForbidden
	}
	var ve ValidationError
	if strings.TrimSpace(in.Statement) == "" {
		ve.Add("statement", "required", "explain why the result is contested")
	} else if len([]rune(in.Statement)) > MaxNoteLength {
		ve.Add("statement", "too_long", "a statement has at most %d characters", MaxNoteLength)
	}
	if len(in.Items) == 0 {
		ve.Add("items", "required", "pick at least one indicator")
	}
	err := s.store.InTx(ctx, func(tx Store) error {
		p, err := tx.Period(ctx, periodID)
		if err != nil {
			return err
		}
		e, err := tx.Entity(ctx, entityID)
		if err != nil {
			return err
		}
		pe, err := tx.PeriodEntity(ctx, periodID, entityID, true)
		if err != nil {
			return err
		}
		if pe.State != EntityFinal {
			return &StateError{Action: "objection.file", From: pe.State, Kind: ErrState, Detail: "objections are filed on a final, unpublished result"}
		}
		if !p.Objection.Contains(s.today()) {
			return &StateError{Action: "objection.file", Kind: ErrWindow, Detail: "objections are filed within the objection window"}
		}
		m, err := s.method(ctx, tx, p.MethodID)
		if err != nil {
			return err
		}
		seen := map[string]bool{}
		o := Objection{PeriodID: periodID, EntityID: entityID, State: ObjectionSubmitted, Statement: strings.TrimSpace(in.Statement),
			FiledBy: a.UserID, FiledAt: s.now(), Version: 1}
		for i, it := range in.Items {
			f := fieldIdx("items", i)
			ua, err := tx.UnitAssessment(ctx, it.UnitAssessmentID, false)
			if err != nil || ua.EntityID != entityID || ua.PeriodID != periodID {
				ve.Add(f+".unit_assessment_id", "unknown", "no such unit of this entity in this period")
				continue
			}
			_, max, ok := indicatorFor(m, e.Kind, it.Indicator)
			if !ok {
				ve.Add(f+".indicator", "unknown_indicator", "no indicator %q", it.Indicator)
				continue
			}
			if it.RequestedValue < 0 || it.RequestedValue > max {
				ve.Add(f+".requested_value", "out_of_range", "must be between 0 and %d", max)
			}
			key := fmt.Sprint(it.UnitAssessmentID, "/", it.Indicator)
			if seen[key] {
				ve.Add(f, "duplicate", "this indicator is contested twice")
			}
			seen[key] = true
			o.Items = append(o.Items, ObjectionItem{UnitAssessmentID: it.UnitAssessmentID, Indicator: it.Indicator, RequestedValue: it.RequestedValue})
		}
		if err := ve.Err(); err != nil {
			return err
		}
		if err := tx.CreateObjection(ctx, &o); err != nil {
			return err
		}
		out = o
		return s.audit(ctx, tx, a, chainOf("entity", entityID), "objection.file", "objection", o.ID, periodID, entityID, nil, o, "")
	})
	if err == nil {
		return out, nil
	}
	if len(ve.Fields) > 0 {
		return out, &ve
	}
	return out, err
}

// ObjectionDecision is a coordinator's decision.
type ObjectionDecision struct {
	State  string                  `json:"state"` // accepted, partly_accepted, rejected
	Reason string                  `json:"reason"`
	Items  []ObjectionItemDecision `json:"items"`
}

// ObjectionItemDecision decides one item; DecidedValue defaults to the requested value.
type ObjectionItemDecision struct {
	ItemID       int64 `json:"item_id"`
	Accepted     bool  `json:"accepted"`
	DecidedValue *int  `json:"decided_value"`
}

// DecideObjection records a decision with its reason. Accepted items change
// their answers (audited with the objection as reason), and the entity's
// result and its peer groups' ranks are recomputed in the same transaction.
func (s *Service) DecideObjection(ctx context.Context, a Actor, objectionID int64, d ObjectionDecision) (Objection, error) {
	var out Objection
	if err := requireReason(d.Reason); err != nil {
		return out, err
	}
	if d.State != ObjectionAccepted && d.State != ObjectionPartlyAccepted && d.State != ObjectionRejected {
		return out, &ValidationError{Fields: []FieldError{{Field: "state", Code: "invalid", Message: "state must be accepted, partly_accepted or rejected"}}}
	}
	err := s.store.InTx(ctx, func(tx Store) error {
		o, err := tx.Objection(ctx, objectionID, true)
		if err != nil {
			return err
		}
		e, err := tx.Entity(ctx, o.EntityID)
		if err != nil {
			return err
		}
		if !inProvince(a, e) {
			return ErrForbidden
		}
		if o.State != ObjectionSubmitted {
			return &StateError{Action: "objection.decide", From: o.State, Kind: ErrState}
		}
		p, err := tx.Period(ctx, o.PeriodID)
		if err != nil {
			return err
		}
		if p.Status == PeriodPublished {
			return &StateError{Action: "objection.decide", From: "period published", Kind: ErrLocked}
		}
		decided := map[int64]ObjectionItemDecision{}
		for _, it := range d.Items {
			decided[it.ItemID] = it
		}
		var ve ValidationError
		accepted := 0
		m, err := s.method(ctx, tx, p.MethodID)
		if err != nil {
			return err
		}
		for i := range o.Items {
			it := &o.Items[i]
			dec, ok := decided[it.ID]
			acc := ok && dec.Accepted && d.State != ObjectionRejected
			if d.State == ObjectionAccepted {
				acc = true
				if ok && !dec.Accepted {
					ve.Add(fieldIdx("items", i), "inconsistent", "an accepted objection accepts every item; use partly_accepted")
				}
			}
			it.Accepted = ptr(acc)
			if !acc {
				continue
			}
			accepted++
			v := it.RequestedValue
			if ok && dec.DecidedValue != nil {
				v = *dec.DecidedValue
			}
			if _, max, ok := indicatorFor(m, e.Kind, it.Indicator); !ok || v < 0 || v > max {
				ve.Add(fieldIdx("items", i)+".decided_value", "out_of_range", "must be between 0 and %d", max)
				continue
			}
			it.DecidedValue = ptr(v)
		}
		if d.State == ObjectionPartlyAccepted && (accepted == 0 || accepted == len(o.Items)) {
			ve.Add("state", "inconsistent", "partly_accepted needs some items accepted and some not")
		}
		if err := ve.Err(); err != nil {
			return err
		}
		for _, it := range o.Items {
			if it.Accepted == nil || !*it.Accepted {
				continue
			}
			cur, err := tx.Answer(ctx, it.UnitAssessmentID, it.Indicator, true)
			if err != nil {
				return err
			}
			old := cur
			cur.Value, cur.NA, cur.NAReason = it.DecidedValue, false, ""
			cur.UpdatedBy, cur.UpdatedAt = a.UserID, s.now()
			if err := tx.UpdateAnswer(ctx, &cur, old.Version); err != nil {
				return err
			}
			if err := s.audit(ctx, tx, a, chainOf("ua", it.UnitAssessmentID), "answer.objection", "answer", cur.ID, o.PeriodID, o.EntityID,
				answerAudit(old), answerAudit(cur), fmt.Sprintf("objection %d: %s", o.ID, d.Reason)); err != nil {
				return err
			}
		}
		oldState := o.State
		o.State, o.DecisionReason, o.DecidedBy, o.DecidedAt = d.State, strings.TrimSpace(d.Reason), a.UserID, ptr(s.now())
		if err := tx.UpdateObjection(ctx, &o); err != nil {
			return err
		}
		if err := s.audit(ctx, tx, a, chainOf("entity", o.EntityID), "objection.decide", "objection", o.ID, o.PeriodID, o.EntityID,
			map[string]any{"state": oldState}, map[string]any{"state": o.State, "items": o.Items}, d.Reason); err != nil {
			return err
		}
		if accepted > 0 {
			if _, err := s.recompute(ctx, tx, a, p, o.EntityID, SourceObjection); err != nil {
				return err
			}
		}
		out = o
		return nil
	})
	return out, err
}

// Objections lists an entity's objections in a period for those who may see
// them: the entity's own agency users, coordinators of its province, admin
// and leadership.
func (s *Service) Objections(ctx context.Context, a Actor, periodID, entityID int64) ([]Objection, error) {
	e, err := s.store.Entity(ctx, entityID)
	if err != nil {
		return nil, err
	}
	switch {
	case a.Role == RoleAdmin || a.Role == RoleLeadership:
	case a.Role == RoleCoordinator && inProvince(a, e):
	case a.Role == RoleAgency && a.EntityID == entityID:
	default:
		return nil, ErrNotFound
	}
	out, err := s.store.Objections(ctx, periodID, entityID)
	if err != nil {
		return nil, err
	}
	return out, s.nameObjections(ctx, out)
}

// nameObjections fills in the names of who filed and who decided.
func (s *Service) nameObjections(ctx context.Context, list []Objection) error {
	var ids []int64
	for _, o := range list {
		ids = append(ids, o.FiledBy, o.DecidedBy)
	}
	names, err := s.store.UserNames(ctx, ids...)
	if err != nil {
		return err
	}
	for i := range list {
		list[i].FiledByName, list[i].DecidedByName = names[list[i].FiledBy], names[list[i].DecidedBy]
	}
	return nil
}

// QueuedObjection is an objection in a reviewer's queue, with the entity it
// concerns.
type QueuedObjection struct {
	Objection
	EntityName string `json:"entity_name"`
	EntityKind string `json:"entity_kind"`
}

// ObjectionQueue lists a period's objections for those who decide or
// oversee them: a coordinator sees the entities of their province, admin and
// leadership every entity; state, when set, keeps only that state. Oldest
// first.
func (s *Service) ObjectionQueue(ctx context.Context, a Actor, periodID int64, state string) ([]QueuedObjection, error) {
	if a.Role != RoleAdmin && a.Role != RoleLeadership && a.Role != RoleCoordinator {
		return nil, ErrForbidden
	}
	all, err := s.store.Objections(ctx, periodID, 0)
	if err != nil {
		return nil, err
	}
	entities := map[int64]Entity{}
	out := []QueuedObjection{}
	var kept []Objection
	for _, o := range all {
		if state != "" && o.State != state {
			continue
		}
		e, ok := entities[o.EntityID]
		if !ok {
			if e, err = s.store.Entity(ctx, o.EntityID); err != nil {
				return nil, err
			}
			entities[o.EntityID] = e
		}
		if a.Role == RoleCoordinator && !inProvince(a, e) {
			continue
		}
		kept = append(kept, o)
	}
	if err := s.nameObjections(ctx, kept); err != nil {
		return nil, err
	}
	for _, o := range kept {
		e := entities[o.EntityID]
		out = append(out, QueuedObjection{Objection: o, EntityName: e.Name, EntityKind: string(e.Kind)})
	}
	return out, nil
}

// ObjectionEvidence is a file an agency attached to its objection.
type ObjectionEvidence struct {
	ID             int64     `json:"id"`
	ObjectionID    int64     `json:"objection_id"`
	SHA256         string    `json:"sha256"`
	OriginalName   string    `json:"original_name"`
	MediaType      string    `json:"media_type"`
	Size           int64     `json:"size"`
	UploadedBy     int64     `json:"uploaded_by,omitempty"`
	UploadedByName string    `json:"uploaded_by_name,omitempty"`
	UploadedAt     time.Time `json:"uploaded_at"`
}

// AddObjectionEvidence attaches a file to an undecided objection of the
// actor's own entity.
func (s *Service) AddObjectionEvidence(ctx context.Context, a Actor, objectionID int64, name string, r io.Reader) (ObjectionEvidence, error) {
	var out ObjectionEvidence
	if s.blobs == nil {
		return out, fmt.Errorf("no blob store configured")
	}
	o, err := s.store.Objection(ctx, objectionID, false)
	if err != nil {
		return out, err
	}
	if a.Role != RoleAgency || a.EntityID != o.EntityID {
		if vis, _ := s.Objections(ctx, a, o.PeriodID, o.EntityID); vis == nil {
			return out, ErrNotFound
		}
		return out, ErrForbidden
	}
	if o.State != ObjectionSubmitted {
		return out, &StateError{Action: "objection.evidence", From: o.State, Kind: ErrLocked}
	}
	data, err := readLimited(r)
	if err != nil {
		return out, err
	}
	mt, err := SniffEvidence(data)
	if err != nil {
		return out, err
	}
	sha, size, err := s.blobs.Put(ctx, bytes.NewReader(data), MaxEvidenceSize)
	if err != nil {
		return out, err
	}
	out = ObjectionEvidence{ObjectionID: o.ID, SHA256: sha, OriginalName: CleanFileName(name), MediaType: mt, Size: size, UploadedBy: a.UserID, UploadedAt: s.now()}
	err = s.store.InTx(ctx, func(tx Store) error {
		if err := tx.RecordBlob(ctx, sha, size, mt); err != nil {
			return err
		}
		if err := tx.AddObjectionEvidence(ctx, &out); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, chainOf("entity", o.EntityID), "objection.evidence", "objection", o.ID, o.PeriodID, o.EntityID, nil, out, "")
	})
	return out, err
}

// ObjectionFiles lists an objection's files for those who may see it.
func (s *Service) ObjectionFiles(ctx context.Context, a Actor, objectionID int64) ([]ObjectionEvidence, error) {
	o, err := s.store.Objection(ctx, objectionID, false)
	if err != nil {
		return nil, err
	}
	if _, err := s.Objections(ctx, a, o.PeriodID, o.EntityID); err != nil {
		return nil, err
	}
	files, err := s.store.ObjectionEvidence(ctx, objectionID)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(files))
	for i, f := range files {
		ids[i] = f.UploadedBy
	}
	names, err := s.store.UserNames(ctx, ids...)
	if err != nil {
		return nil, err
	}
	for i := range files {
		files[i].UploadedByName = names[files[i].UploadedBy]
	}
	return files, nil
}

// OpenObjectionFile returns an objection file's verified content.
func (s *Service) OpenObjectionFile(ctx context.Context, a Actor, objectionID, fileID int64) (ObjectionEvidence, io.ReadCloser, error) {
	files, err := s.ObjectionFiles(ctx, a, objectionID)
	if err != nil {
		return ObjectionEvidence{}, nil, err
	}
	for _, f := range files {
		if f.ID == fileID {
			rc, err := s.blobs.Open(ctx, f.SHA256)
			return f, rc, err
		}
	}
	return ObjectionEvidence{}, nil, ErrNotFound
}
