package assessment

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"path"
	"strings"
	"unicode"

	"github.com/gabriel-vasile/mimetype"
)

// MaxEvidenceSize is the largest evidence file accepted (bytes).
const MaxEvidenceSize = 20 << 20

// EvidenceTypes are the media types accepted as evidence, sniffed from the
// bytes (never trusted from the name or the browser).
var EvidenceTypes = []string{
	"image/jpeg", "image/png", "image/webp", "image/heic", "image/heif",
	"application/pdf",
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

// SniffEvidence returns the media type of data when it is an accepted kind.
func SniffEvidence(data []byte) (string, error) {
	mt := mimetype.Detect(data)
	for m := mt; m != nil; m = m.Parent() {
		for _, ok := range EvidenceTypes {
			if m.Is(ok) {
				return ok, nil
			}
		}
	}
	return "", &ValidationError{Fields: []FieldError{{Field: "file", Code: "unsupported_type",
		Message: fmt.Sprintf("files of type %s are not accepted; send a photo (JPEG, PNG, WebP, HEIC), a PDF, or a Word or Excel document", mt.String())}}}
}

// CleanFileName keeps the last element of a name a browser sent, without
// control characters, at most 200 characters.
func CleanFileName(name string) string {
	name = strings.ReplaceAll(name, "\\", "/")
	name = path.Base("/" + name)
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, name)
	name = strings.TrimSpace(name)
	if name == "/" || name == "." || name == ".." || name == "" {
		name = "berkas"
	}
	if r := []rune(name); len(r) > 200 {
		name = string(r[:200])
	}
	return name
}

// readLimited reads at most MaxEvidenceSize bytes, failing beyond.
func readLimited(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxEvidenceSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxEvidenceSize {
		return nil, &ValidationError{Fields: []FieldError{{Field: "file", Code: "too_large", Message: fmt.Sprintf("a file is at most %d MiB", MaxEvidenceSize>>20)}}}
	}
	if len(data) == 0 {
		return nil, &ValidationError{Fields: []FieldError{{Field: "file", Code: "empty", Message: "the file is empty"}}}
	}
	return data, nil
}

// AddEvidence attaches a file to an answer of an editable unit. The bytes are
// checked (size, sniffed type) and stored once per content.
func (s *Service) AddEvidence(ctx context.Context, a Actor, unitAssessmentID int64, indicator, name string, r io.Reader) (Evidence, error) {
	var out Evidence
	if s.blobs == nil {
		return out, fmt.Errorf("no blob store configured")
	}
	ua, e, p, err := s.loadUnit(ctx, s.store, unitAssessmentID, false)
	if err != nil {
		return out, err
	}
	if ok, err := s.canReadUnit(ctx, s.store, a, ua, e); err != nil {
		return out, err
	} else if !ok {
		return out, ErrNotFound
	}
	if err := s.checkEditable(a, ua, p, "adding evidence"); err != nil {
		return out, err
	}
	m, err := s.method(ctx, s.store, p.MethodID)
	if err != nil {
		return out, err
	}
	if _, _, ok := indicatorFor(m, e.Kind, indicator); !ok {
		return out, &ValidationError{Fields: []FieldError{{Field: "indicator", Code: "unknown_indicator", Message: "no indicator " + indicator}}}
	}
	data, err := readLimited(r)
	if err != nil {
		return out, err
	}
	mt, err := SniffEvidence(data)
	if err != nil {
		return out, err
	}
	// The blob is written before the transaction: a failed transaction leaves
	// an unreferenced file, which is harmless and deduplicated next time.
	sha, size, err := s.blobs.Put(ctx, bytes.NewReader(data), MaxEvidenceSize)
	if err != nil {
		return out, err
	}
	err = s.store.InTx(ctx, func(tx Store) error {
		ua, err := tx.UnitAssessment(ctx, unitAssessmentID, true)
		if err != nil {
			return err
		}
		if err := s.checkEditable(a, ua, p, "adding evidence"); err != nil {
			return err
		}
		if err := tx.RecordBlob(ctx, sha, size, mt); err != nil {
			return err
		}
		out = Evidence{UnitAssessmentID: ua.ID, Indicator: indicator, SHA256: sha, OriginalName: CleanFileName(name),
			MediaType: mt, Size: size, UploadedBy: a.UserID, UploadedAt: s.now()}
		if err := tx.AddEvidence(ctx, &out); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, chainOf("ua", ua.ID), "evidence.add", "evidence", out.ID, ua.PeriodID, ua.EntityID, nil, out, "")
	})
	return out, err
}

// DeleteEvidence removes an evidence file from its answer while the unit is
// editable by the actor (an assigned assessor, in draft or returned, within
// the window). The record and the stored bytes are kept for the audit trail;
// the file is no longer listed or served.
func (s *Service) DeleteEvidence(ctx context.Context, a Actor, evidenceID int64) (Evidence, error) {
	var out Evidence
	err := s.store.InTx(ctx, func(tx Store) error {
		ev, err := tx.Evidence(ctx, evidenceID)
		if err != nil {
			return err
		}
		ua, e, p, err := s.loadUnit(ctx, tx, ev.UnitAssessmentID, true)
		if err != nil {
			return err
		}
		if ok, err := s.canReadUnit(ctx, tx, a, ua, e); err != nil {
			return err
		} else if !ok {
			return ErrNotFound
		}
		if err := s.checkEditable(a, ua, p, "removing evidence"); err != nil {
			return err
		}
		if err := tx.DeleteEvidence(ctx, ev.ID, a.UserID, s.now()); err != nil {
			return err
		}
		out = ev
		return s.audit(ctx, tx, a, chainOf("ua", ua.ID), "evidence.delete", "evidence", ev.ID, ua.PeriodID, ua.EntityID, ev, nil, "")
	})
	return out, err
}

// OpenEvidence returns an evidence file's record and its verified content.
// A file whose bytes no longer match their hash is ErrCorrupt and not served.
func (s *Service) OpenEvidence(ctx context.Context, a Actor, evidenceID int64) (Evidence, io.ReadCloser, error) {
	ev, err := s.store.Evidence(ctx, evidenceID)
	if err != nil {
		return ev, nil, err
	}
	ua, e, _, err := s.loadUnit(ctx, s.store, ev.UnitAssessmentID, false)
	if err != nil {
		return ev, nil, err
	}
	if ok, err := s.canReadUnit(ctx, s.store, a, ua, e); err != nil {
		return ev, nil, err
	} else if !ok {
		return ev, nil, ErrNotFound
	}
	if s.blobs == nil {
		return ev, nil, fmt.Errorf("no blob store configured")
	}
	rc, err := s.blobs.Open(ctx, ev.SHA256)
	return ev, rc, err
}
