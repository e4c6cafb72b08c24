package assessment

import (
	"context"
	"strings"
	"time"
)

// Sign-in limits: failures counted per account and per client address in
// fixed windows, in the database so that every p4 instance sees them.
const (
	LoginWindow         = 15 * time.Minute
	LoginFailuresPerKey = 10 // per account per window
	LoginFailuresPerIP  = 50 // per client address per window
)

// RateLimitError says that an action (sign-in unless What says otherwise)
// is blocked until RetryAfter has passed.
type RateLimitError struct {
	RetryAfter time.Duration
	What       string // what was counted, e.g. "survey requests"; empty: failed sign-ins
}

func (e *RateLimitError) Error() string {
	what := e.What
	if what == "" {
		what = "failed sign-ins"
	}
	return "too many " + what + "; try again in " + e.RetryAfter.Round(time.Second).String()
}

// SignIn checks the credentials under the rate limits. A wrong password and
// an unknown or disabled account are the same ErrUnauthenticated.
func (s *Service) SignIn(ctx context.Context, email, password, clientIP string) (User, error) {
	now := s.now()
	window := now.Truncate(LoginWindow)
	retry := window.Add(LoginWindow).Sub(now)
	acctKey := "account:" + strings.ToLower(strings.TrimSpace(email))
	ipKey := "ip:" + clientIP
	for _, k := range []struct {
		key   string
		limit int
	}{{acctKey, LoginFailuresPerKey}, {ipKey, LoginFailuresPerIP}} {
		n, err := s.store.LoginFailures(ctx, k.key, window)
		if err != nil {
			return User{}, err
		}
		if n >= k.limit {
			return User{}, &RateLimitError{RetryAfter: retry}
		}
	}
	u, err := s.Authenticate(ctx, email, password)
	if err == ErrUnauthenticated {
		for _, k := range []string{acctKey, ipKey} {
			if ferr := s.store.AddLoginFailure(ctx, k, window); ferr != nil {
				return User{}, ferr
			}
		}
		return User{}, err
	}
	if err != nil {
		return User{}, err
	}
	return u, s.store.ClearLoginFailures(ctx, acctKey)
}

// ChangePassword sets a user's own password after checking the current one.
// Other sessions of the user end, because they carry the old change time.
func (s *Service) ChangePassword(ctx context.Context, a Actor, current, next string) (User, error) {
	u, err := s.store.User(ctx, a.UserID)
	if err != nil {
		return User{}, err
	}
	// Guessing the current password is limited like signing in.
	now := s.now()
	window := now.Truncate(LoginWindow)
	key := "account:" + strings.ToLower(u.Email)
	if n, err := s.store.LoginFailures(ctx, key, window); err != nil {
		return User{}, err
	} else if n >= LoginFailuresPerKey {
		return User{}, &RateLimitError{RetryAfter: window.Add(LoginWindow).Sub(now)}
	}
	if !CheckPassword(u.PasswordHash, current) {
		if err := s.store.AddLoginFailure(ctx, key, window); err != nil {
			return User{}, err
		}
		return User{}, &ValidationError{Fields: []FieldError{{Field: "current_password", Code: "wrong_password", Message: "the current password is not right"}}}
	}
	return s.setPassword(ctx, a, u, next, "user.password_change")
}

// ResetPassword sets another user's password (admin); the user's sessions end.
func (s *Service) ResetPassword(ctx context.Context, a Actor, userID int64, next string) (User, error) {
	if err := requireAdmin(a); err != nil {
		return User{}, err
	}
	u, err := s.store.User(ctx, userID)
	if err != nil {
		return User{}, err
	}
	return s.setPassword(ctx, a, u, next, "user.password_reset")
}

func (s *Service) setPassword(ctx context.Context, a Actor, u User, next, action string) (User, error) {
	if len([]rune(next)) < MinPasswordLength {
		return User{}, &ValidationError{Fields: []FieldError{{Field: "new_password", Code: "too_short", Message: "a password needs at least 10 characters"}}}
	}
	hash, err := HashPassword(next)
	if err != nil {
		return User{}, err
	}
	u.PasswordHash = hash
	u.PasswordChangedAt = s.now().UTC().Truncate(time.Microsecond)
	err = s.store.InTx(ctx, func(tx Store) error {
		if err := tx.UpdateUser(ctx, u); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, chainOf("user", u.ID), action, "user", u.ID, 0, u.EntityID, nil, map[string]any{"password_changed_at": u.PasswordChangedAt}, "")
	})
	return u, err
}

// UserPatch changes an account (admin): nil fields stay as they are.
type UserPatch struct {
	Name       *string `json:"name"`
	Role       *Role   `json:"role"`
	ProvinceID *int64  `json:"province_id"`
	EntityID   *int64  `json:"entity_id"`
	Active     *bool   `json:"active"`
}

// UpdateUser changes a user's name, role, scope or whether it may sign in.
// A disabled user's sessions stop working at their next request.
func (s *Service) UpdateUser(ctx context.Context, a Actor, id int64, p UserPatch) (User, error) {
	if err := requireAdmin(a); err != nil {
		return User{}, err
	}
	var out User
	err := s.store.InTx(ctx, func(tx Store) error {
		u, err := tx.User(ctx, id)
		if err != nil {
			return err
		}
		old := u
		if p.Name != nil {
			u.Name = strings.TrimSpace(*p.Name)
		}
		if p.Role != nil {
			u.Role = *p.Role
		}
		if p.ProvinceID != nil {
			u.ProvinceID = *p.ProvinceID
		}
		if p.EntityID != nil {
			u.EntityID = *p.EntityID
		}
		if p.Active != nil {
			u.Active = *p.Active
		}
		var ve ValidationError
		if u.Name == "" {
			ve.Add("name", "required", "a user needs a name")
		}
		if _, err := ParseRole(string(u.Role)); err != nil {
			ve.Add("role", "invalid", "%v", err)
		}
		if u.Role == RoleAgency && u.EntityID == 0 {
			ve.Add("entity_id", "required", "an agency user is bound to one entity")
		}
		if u.Role != RoleAgency && u.EntityID != 0 {
			ve.Add("entity_id", "invalid", "only agency users are bound to an entity")
		}
		if u.Role == RoleCoordinator && u.ProvinceID == 0 {
			ve.Add("province_id", "required", "a coordinator supervises one province")
		}
		if u.ID == a.UserID && !u.Active {
			ve.Add("active", "self", "you cannot disable your own account")
		}
		if err := ve.Err(); err != nil {
			return err
		}
		if err := tx.UpdateUser(ctx, u); err != nil {
			return err
		}
		out = u
		return s.audit(ctx, tx, a, chainOf("user", u.ID), "user.update", "user", u.ID, 0, u.EntityID, old, u, "")
	})
	return out, err
}
