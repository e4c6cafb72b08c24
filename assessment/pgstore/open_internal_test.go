package pgstore

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm/logger"
)

// A query cancelled because the client went away is not logged as an
// error; any other failed query still is.
func TestQuietCancelLogsRealErrorsOnly(t *testing.T) {
	var buf bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&buf, nil))
	l := quietCancel{logger.NewSlogLogger(log, logger.Config{LogLevel: logger.Warn})}.LogMode(logger.Warn)
	sql := func() (string, int64) { return "SELECT 1", 0 }
	l.Trace(context.Background(), time.Now(), sql, fmt.Errorf("load user: %w", context.Canceled))
	if buf.Len() != 0 {
		t.Fatalf("a cancelled query was logged: %s", buf.String())
	}
	l.Trace(context.Background(), time.Now(), sql, errors.New("connection refused"))
	if !strings.Contains(buf.String(), `"level":"ERROR"`) || !strings.Contains(buf.String(), "connection refused") {
		t.Fatalf("a failed query was not logged as an error: %q", buf.String())
	}
}
