// Package filestore keeps content-addressed files in a folder (P4_DATA_DIR):
// each file is stored once under its SHA-256 and checked against it on every
// read. It implements assessment.BlobStore.
package filestore

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"

	"github.com/ombudsman-ri/p4/assessment"
)

// Store is a folder of blobs: DIR/blobs/ab/abcdef….
type Store struct {
	dir string
}

// New returns a Store rooted at dir, creating the folders it needs.
func New(dir string) (*Store, error) {
	for _, d := range []string{filepath.Join(dir, "blobs"), filepath.Join(dir, "tmp")} {
		if err := os.MkdirAll(d, 0o750); err != nil {
			return nil, fmt.Errorf("data folder: %w", err)
		}
	}
	return &Store{dir: dir}, nil
}

var hexSHA = regexp.MustCompile(`^[0-9a-f]{64}$`)

func (s *Store) path(sha string) string {
	return filepath.Join(s.dir, "blobs", sha[:2], sha)
}

// Put stores r's content once per SHA-256.
func (s *Store) Put(ctx context.Context, r io.Reader, limit int64) (string, int64, error) {
	tmp, err := os.CreateTemp(filepath.Join(s.dir, "tmp"), "upload-*")
	if err != nil {
		return "", 0, err
	}
	defer os.Remove(tmp.Name()) // after a successful rename this is a no-op
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(tmp, h), io.LimitReader(r, limit+1))
	if err == nil && n > limit {
		err = assessment.ErrTooLarge
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", 0, err
	}
	if err := ctx.Err(); err != nil {
		return "", 0, err
	}
	sha := hex.EncodeToString(h.Sum(nil))
	final := s.path(sha)
	if _, err := os.Stat(final); err == nil {
		return sha, n, nil // already stored: deduplicated
	}
	if err := os.MkdirAll(filepath.Dir(final), 0o750); err != nil {
		return "", 0, err
	}
	if err := os.Chmod(tmp.Name(), 0o440); err != nil {
		return "", 0, err
	}
	if err := os.Rename(tmp.Name(), final); err != nil {
		return "", 0, err
	}
	return sha, n, nil
}

// Open returns the content after checking its hash.
func (s *Store) Open(ctx context.Context, sha string) (io.ReadCloser, error) {
	if !hexSHA.MatchString(sha) {
		return nil, fmt.Errorf("invalid blob name %q", sha)
	}
	f, err := os.Open(s.path(sha))
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("blob %s: %w", sha[:12], assessment.ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		f.Close()
		return nil, err
	}
	if hex.EncodeToString(h.Sum(nil)) != sha {
		f.Close()
		return nil, fmt.Errorf("blob %s: %w", sha[:12], assessment.ErrCorrupt)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}
