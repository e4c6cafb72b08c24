package api

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
)

// TestFailWhenTheClientWentAway: a request whose client closed it (the
// browser navigated on mid-request) is not a server failure: it is logged
// as 499 without an ERROR line, while the same error on a live request is
// still a 500 that is logged.
func TestFailWhenTheClientWentAway(t *testing.T) {
	gin.SetMode(gin.TestMode)
	cases := []struct {
		name       string
		cancel     bool
		err        error
		wantStatus int
		wantLogged bool
	}{
		{"client gone, cancelled query", true, fmt.Errorf("unit assessment 146: %w", context.Canceled), statusClientClosed, false},
		{"client gone, deadline", true, fmt.Errorf("ranking: %w", context.DeadlineExceeded), statusClientClosed, false},
		{"live request, cancelled inside", false, fmt.Errorf("unit assessment 146: %w", context.Canceled), http.StatusInternalServerError, true},
		{"client gone, other error", true, fmt.Errorf("disk full"), http.StatusInternalServerError, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			log := slog.New(slog.NewJSONHandler(&buf, nil))
			w := httptest.NewRecorder()
			c, _ := gin.CreateTestContext(w)
			ctx, cancel := context.WithCancel(context.Background())
			if tc.cancel {
				cancel()
			} else {
				defer cancel()
			}
			c.Request = httptest.NewRequest(http.MethodGet, "/api/v1/unit-assessments/146/score", nil).WithContext(ctx)
			fail(c, log, tc.err)
			if got := c.Writer.Status(); got != tc.wantStatus {
				t.Errorf("status: got %d, want %d", got, tc.wantStatus)
			}
			if logged := strings.Contains(buf.String(), `"level":"ERROR"`); logged != tc.wantLogged {
				t.Errorf("ERROR logged: got %v, want %v (log: %s)", logged, tc.wantLogged, buf.String())
			}
		})
	}
}
