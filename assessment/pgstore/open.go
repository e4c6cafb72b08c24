// Package pgstore keeps P4's records in PostgreSQL through gorm. It is the
// only package that imports gorm; it translates driver errors into the
// assessment package's errors.
package pgstore

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// Open connects to PostgreSQL and checks that the server answers. The error
// is one line that names the server and the cause, without the password.
func Open(ctx context.Context, rawURL string, maxConns int, log *slog.Logger) (*gorm.DB, error) {
	dsn := rawURL
	if u, err := url.Parse(rawURL); err == nil {
		q := u.Query()
		if q.Get("connect_timeout") == "" {
			q.Set("connect_timeout", "5")
			u.RawQuery = q.Encode()
			dsn = u.String()
		}
	}
	gl := logger.Discard
	if log != nil {
		gl = quietCancel{logger.NewSlogLogger(log, logger.Config{SlowThreshold: 500 * time.Millisecond, LogLevel: logger.Warn, IgnoreRecordNotFoundError: true})}
	}
	// Connection errors are reported by the caller, once; gorm would log them too.
	db, err := gorm.Open(postgres.Open(dsn), &gorm.Config{Logger: logger.Discard})
	if err != nil {
		return nil, fmt.Errorf("database %s: %s", where(rawURL), cause(err))
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, err
	}
	if maxConns > 0 {
		sqlDB.SetMaxOpenConns(maxConns)
		sqlDB.SetMaxIdleConns(maxConns)
	}
	sqlDB.SetConnMaxIdleTime(5 * time.Minute)
	pctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := sqlDB.PingContext(pctx); err != nil {
		sqlDB.Close()
		return nil, fmt.Errorf("database %s: %s", where(rawURL), cause(err))
	}
	db.Logger = gl
	return db, nil
}

func where(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return "(unparsable URL)"
	}
	return u.Host + u.Path
}

// cause reduces a connection error to its root, e.g. "connection refused".
func cause(err error) string {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Message
	}
	var opErr *net.OpError
	if errors.As(err, &opErr) && opErr.Err != nil {
		return strings.TrimPrefix(opErr.Err.Error(), "connect: ")
	}
	var connErr *pgconn.ConnectError
	if errors.As(err, &connErr) {
		if u := errors.Unwrap(connErr); u != nil {
			return cause(u)
		}
	}
	return err.Error()
}

// quietCancel keeps queries cancelled because the client went away (a
// browser navigating on before its request finished) out of the error log:
// they are not database failures.
type quietCancel struct{ logger.Interface }

func (q quietCancel) LogMode(l logger.LogLevel) logger.Interface {
	return quietCancel{q.Interface.LogMode(l)}
}

func (q quietCancel) Trace(ctx context.Context, begin time.Time, fc func() (string, int64), err error) {
	if errors.Is(err, context.Canceled) {
		return
	}
	q.Interface.Trace(ctx, begin, fc, err)
}
