package filestore

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/ombudsman-ri/p4/assessment"
)

func TestPutOpenDedupAndCorruption(t *testing.T) {
	ctx := context.Background()
	s, err := New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	content := []byte("foto maklumat pelayanan")
	sha1, n, err := s.Put(ctx, bytes.NewReader(content), 1<<20)
	if err != nil || n != int64(len(content)) {
		t.Fatalf("put: %v, size %d", err, n)
	}
	sha2, _, err := s.Put(ctx, bytes.NewReader(content), 1<<20)
	if err != nil || sha2 != sha1 {
		t.Fatalf("second put of the same bytes: got %s, %v; want %s", sha2, err, sha1)
	}
	rc, err := s.Open(ctx, sha1)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(rc)
	rc.Close()
	if !bytes.Equal(got, content) {
		t.Fatalf("read back %q", got)
	}

	// Change the bytes on disk: the file must be reported corrupt, not served.
	p := s.path(sha1)
	if err := os.Chmod(p, 0o640); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte("foto maklumat PELAYANAN"), 0o640); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Open(ctx, sha1); !errors.Is(err, assessment.ErrCorrupt) {
		t.Fatalf("open after tampering: got %v, want ErrCorrupt", err)
	}
}

func TestPutLimitAndBadNames(t *testing.T) {
	ctx := context.Background()
	s, err := New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Put(ctx, strings.NewReader(strings.Repeat("x", 11)), 10); !errors.Is(err, assessment.ErrTooLarge) {
		t.Fatalf("put over the limit: got %v, want ErrTooLarge", err)
	}
	for _, name := range []string{"../../etc/passwd", "ABC", strings.Repeat("a", 63)} {
		if _, err := s.Open(ctx, name); err == nil {
			t.Errorf("open %q: got no error", name)
		}
	}
	if _, err := s.Open(ctx, strings.Repeat("a", 64)); !errors.Is(err, assessment.ErrNotFound) {
		t.Errorf("open missing: got %v, want ErrNotFound", err)
	}
}
