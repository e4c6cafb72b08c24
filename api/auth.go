package api

import (
	"database/sql"
	"errors"
	"net/http"
	"time"

	"github.com/alexedwards/scs/postgresstore"
	"github.com/alexedwards/scs/v2"
	"github.com/gin-gonic/gin"

	"github.com/ombudsman-ri/p4/assessment"
)

// Session keys.
const (
	sessUserID    = "user_id"
	sessPwdAt     = "pwd_at"
	sessSeenAt    = "seen_at" // unix seconds of the last request, kept to the minute
	sessCookie    = "p4_session"
	actorKey      = "actor"
	sessionIdle   = 8 * time.Hour
	sessionMaxAge = 24 * time.Hour
	// sessionTouch is how stale the stored time of the last request may get
	// before a request writes it again.
	sessionTouch = time.Minute
)

// NewSessions returns a session manager that keeps sessions in PostgreSQL,
// so that any p4 instance can serve any signed-in user. A session lasts at
// most sessionMaxAge; requireUser ends it after sessionIdle without a
// request. The idle time is not scs's IdleTimeout, which writes the session
// back to the database on every request: the time of the last request is
// kept in the session and written at most once per sessionTouch.
func NewSessions(db *sql.DB, secure bool) *scs.SessionManager {
	sm := scs.New()
	sm.Store = postgresstore.NewWithCleanupInterval(db, 30*time.Minute)
	sm.Lifetime = sessionMaxAge
	sm.Cookie.Name = sessCookie
	sm.Cookie.HttpOnly = true
	sm.Cookie.SameSite = http.SameSiteLaxMode
	sm.Cookie.Secure = secure
	sm.Cookie.Path = "/"
	return sm
}

// UserView is the signed-in user as the API shows it.
type UserView struct {
	ID           int64   `json:"id"`
	Name         string  `json:"name"`
	Email        string  `json:"email"`
	Role         string  `json:"role"`
	EntityID     *int64  `json:"entity_id"`
	ProvinceID   *int64  `json:"province_id"`
	ProvinceCode *string `json:"province_code"`
	Active       bool    `json:"active"`
}

func (h *handlers) userView(c *gin.Context, u assessment.User) UserView {
	v := UserView{ID: u.ID, Name: u.Name, Email: u.Email, Role: string(u.Role), Active: u.Active}
	if u.EntityID != 0 {
		v.EntityID = &u.EntityID
	}
	if u.ProvinceID != 0 {
		v.ProvinceID = &u.ProvinceID
		if code, ok := h.provinceCode(c, u.ProvinceID); ok {
			v.ProvinceCode = &code
		}
	}
	return v
}

func (h *handlers) provinceCode(c *gin.Context, id int64) (string, bool) {
	regions, err := h.svc.Store().Regions(c.Request.Context())
	if err != nil {
		return "", false
	}
	for _, r := range regions {
		if r.ID == id {
			return r.Code, true
		}
	}
	return "", false
}

// requireUser loads the signed-in user on every request, so that a disabled
// account or a changed password ends the session at once.
func (h *handlers) requireUser(c *gin.Context) {
	ctx := c.Request.Context()
	id := h.sessions.GetInt64(ctx, sessUserID)
	now := time.Now()
	seen := h.sessions.GetInt64(ctx, sessSeenAt)
	if id != 0 && seen != 0 && now.Sub(time.Unix(seen, 0)) > sessionIdle {
		// Idle too long: the session is over, as if it had never been.
		_ = h.sessions.Destroy(ctx)
		id = 0
	}
	if id == 0 {
		writeProblem(c, Problem{Type: "/problems/unauthenticated", Status: http.StatusUnauthorized, Code: "unauthenticated", Title: "Sign in first"})
		return
	}
	u, err := h.svc.Store().User(ctx, id)
	if err != nil && !errors.Is(err, assessment.ErrNotFound) {
		// A lookup that failed (the browser dropped the request, the database
		// is away) says nothing about the account: keep the session.
		if ctx.Err() != nil {
			c.AbortWithStatus(statusClientClosed)
			return
		}
		h.fail(c, err)
		return
	}
	if err != nil || !u.Active || u.PasswordChangedAt.UnixMicro() != h.sessions.GetInt64(ctx, sessPwdAt) {
		_ = h.sessions.Destroy(ctx)
		writeProblem(c, Problem{Type: "/problems/unauthenticated", Status: http.StatusUnauthorized, Code: "session_ended", Title: "Your session has ended; sign in again"})
		return
	}
	if now.Sub(time.Unix(seen, 0)) >= sessionTouch {
		h.sessions.Put(ctx, sessSeenAt, now.Unix()) // written back when the response starts
	}
	c.Set(actorKey, u.Actor())
	c.Set("user", u)
	c.Set("user_id", u.ID)
	c.Next()
}

// actor returns the signed-in actor (requireUser ran before).
func actor(c *gin.Context) assessment.Actor {
	a, _ := c.Get(actorKey)
	return a.(assessment.Actor)
}

type signInRequest struct {
	Email    string `json:"email" validate:"required,email,max=254"`
	Password string `json:"password" validate:"required,max=1000"`
}

func (h *handlers) signIn(c *gin.Context) {
	var req signInRequest
	if !bindJSON(c, &req) {
		return
	}
	ctx := c.Request.Context()
	u, err := h.svc.SignIn(ctx, req.Email, req.Password, c.ClientIP())
	if err != nil {
		h.fail(c, err)
		return
	}
	// A new token at sign-in: a session id planted before sign-in is useless after.
	if err := h.sessions.RenewToken(ctx); err != nil {
		h.fail(c, err)
		return
	}
	h.sessions.Put(ctx, sessUserID, u.ID)
	h.sessions.Put(ctx, sessPwdAt, u.PasswordChangedAt.UnixMicro())
	h.sessions.Put(ctx, sessSeenAt, time.Now().Unix())
	c.Set("user_id", u.ID)
	c.JSON(http.StatusOK, gin.H{"user": h.userView(c, u)})
}

func (h *handlers) session(c *gin.Context) {
	u, _ := c.Get("user")
	c.JSON(http.StatusOK, gin.H{"user": h.userView(c, u.(assessment.User))})
}

func (h *handlers) signOut(c *gin.Context) {
	if err := h.sessions.Destroy(c.Request.Context()); err != nil {
		h.fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

type passwordRequest struct {
	CurrentPassword string `json:"current_password" validate:"required,max=1000"`
	NewPassword     string `json:"new_password" validate:"required,min=10,max=1000"`
}

// changePassword sets the user's password; other sessions end, this one continues.
func (h *handlers) changePassword(c *gin.Context) {
	var req passwordRequest
	if !bindJSON(c, &req) {
		return
	}
	ctx := c.Request.Context()
	u, err := h.svc.ChangePassword(ctx, actor(c), req.CurrentPassword, req.NewPassword)
	if err != nil {
		h.fail(c, err)
		return
	}
	if err := h.sessions.RenewToken(ctx); err != nil {
		h.fail(c, err)
		return
	}
	h.sessions.Put(ctx, sessPwdAt, u.PasswordChangedAt.UnixMicro())
	c.Status(http.StatusNoContent)
}
