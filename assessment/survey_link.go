package assessment

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// The self-completion link: a unit's random token, which users open on
// their own phones to answer anonymously (GET/POST /api/v1/survey/{token}).
// Floods are held back by request counts per client address and per link,
// kept in PostgreSQL so that they hold across instances, and by a challenge:
// the form carries a nonce signed with the link's own key, which the answer
// must return no sooner than SelfCompletion.MinSeconds after it was issued
// and no later than MaxAgeMinutes. A challenge is used once: it becomes the
// response's idempotency key.

// selfCompletionActor is who the audit log names for a self-completed response.
var selfCompletionActor = Actor{Name: "responden (tautan survei mandiri)"}

// linkPattern is the shape of a link token, checked before any query.
var linkPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{32}$`)

// newLink makes a link token (24 random bytes) and its signing key.
func newLink() (string, []byte, error) {
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		return "", nil, err
	}
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return "", nil, err
	}
	return base64.RawURLEncoding.EncodeToString(b), key, nil
}

// SurveyForm is what the self-completion page shows: which service is
// rated, the questions, and the challenge to send back.
type SurveyForm struct {
	Entity     string           `json:"entity"`
	Unit       string           `json:"unit"`
	Products   []string         `json:"products"`
	Questions  []SurveyQuestion `json:"questions"`
	Challenge  string           `json:"challenge"`
	MinSeconds int              `json:"min_seconds"` // send the answer no sooner than this after loading the form
	ExpiresAt  time.Time        `json:"expires_at"`  // nor after this
}

// SelfResponse is a user's answer through the link.
type SelfResponse struct {
	Challenge string
	Product   string
	Answers   map[string]string // indicator → yes, no or na
	Comment   string
}

// linkUnit finds the unit of a link and the settings of its period.
func (s *Service) linkUnit(ctx context.Context, token string) (SurveyPlan, UnitAssessment, Entity, Period, SurveySettings, error) {
	st := DefaultSurveySettings()
	if !linkPattern.MatchString(token) {
		return SurveyPlan{}, UnitAssessment{}, Entity{}, Period{}, st, ErrNotFound
	}
	plan, err := s.store.SurveyPlanByToken(ctx, token)
	if err != nil {
		return plan, UnitAssessment{}, Entity{}, Period{}, st, err
	}
	ua, e, p, err := s.loadUnit(ctx, s.store, plan.UnitAssessmentID, false)
	if err != nil {
		return plan, ua, e, p, st, err
	}
	st, _, err = s.surveySettings(ctx, s.store, p.ID)
	return plan, ua, e, p, st, err
}

// hit counts one request under key in the current clock hour and refuses it
// beyond limit.
func (s *Service) hit(ctx context.Context, key string, limit int) error {
	now := s.now()
	window := now.UTC().Truncate(time.Hour)
	n, err := s.store.CountHit(ctx, key, window)
	if err != nil {
		return err
	}
	if n > limit {
		return &RateLimitError{RetryAfter: window.Add(time.Hour).Sub(now), What: "survey requests"}
	}
	return nil
}

// linkOpen applies the rules of answers (checkEditable) without the
// assignment: responses come in while the period is open, the unit is a
// draft or returned, and the day is in field work (or review, returned).
func (s *Service) linkOpen(ua UnitAssessment, p Period) error {
	const action = "answering the survey"
	switch {
	case p.Status != PeriodOpen:
		return &StateError{Action: action, From: "period " + p.Status, Kind: ErrLocked}
	case ua.State == UnitAccepted:
		return &StateError{Action: action, From: ua.State, Kind: ErrLocked, Detail: "the unit's assessment is closed"}
	case ua.State == UnitSubmitted:
		return &StateError{Action: action, From: ua.State, Kind: ErrState, Detail: "the unit's assessment is under review"}
	case !p.Fieldwork.Contains(s.today()) && !(ua.State == UnitReturned && p.Review.Contains(s.today())):
		return &StateError{Action: action, Kind: ErrWindow, Detail: "the survey is open during field work"}
	}
	return nil
}

func sign(key []byte, token, payload string) string {
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(token + "." + payload))
	return base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
}

// challenge issues a signed nonce: "<unix seconds>.<nonce>.<signature>".
func challenge(plan SurveyPlan, issued time.Time) (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	payload := strconv.FormatInt(issued.Unix(), 10) + "." + hex.EncodeToString(b)
	return payload + "." + sign(plan.LinkKey, plan.LinkToken, payload), nil
}

// checkChallenge verifies a returned challenge and gives its nonce.
func checkChallenge(plan SurveyPlan, c string, sc SelfCompletionSettings, now time.Time) (string, error) {
	bad := func(code, format string, args ...any) error {
		var ve ValidationError
		ve.Add("challenge", code, format, args...)
		return &ve
	}
	parts := strings.Split(c, ".")
	if len(parts) != 3 || len(parts[1]) != 32 {
		return "", bad("invalid", "send back the challenge of the form, unchanged")
	}
	payload := parts[0] + "." + parts[1]
	if !hmac.Equal([]byte(parts[2]), []byte(sign(plan.LinkKey, plan.LinkToken, payload))) {
		return "", bad("invalid", "send back the challenge of the form, unchanged")
	}
	sec, err := strconv.ParseInt(parts[0], 10, 64)
	if err != nil {
		return "", bad("invalid", "send back the challenge of the form, unchanged")
	}
	age := now.Sub(time.Unix(sec, 0))
	switch {
	case age < time.Duration(sc.MinSeconds)*time.Second:
		wait := time.Duration(sc.MinSeconds)*time.Second - age
		return "", bad("too_early", "answered too quickly: send again in %d seconds", int((wait+time.Second-1)/time.Second))
	case age > time.Duration(sc.MaxAgeMinutes)*time.Minute:
		return "", bad("expired", "the form has expired: load it again")
	}
	return parts[1], nil
}

// SurveyForm opens a unit's self-completion form for anyone holding the
// link, within the rate limit per client address (five times the
// submissions' limit), while the unit takes answers.
func (s *Service) SurveyForm(ctx context.Context, token, clientIP string) (SurveyForm, error) {
	plan, ua, e, p, st, lerr := s.linkUnit(ctx, token)
	if lerr != nil && !errors.Is(lerr, ErrNotFound) {
		return SurveyForm{}, lerr
	}
	if err := s.hit(ctx, "form-ip:"+clientIP, 5*st.SelfCompletion.PerIPPerHour); err != nil {
		return SurveyForm{}, err
	}
	if lerr != nil {
		return SurveyForm{}, lerr
	}
	if err := s.linkOpen(ua, p); err != nil {
		return SurveyForm{}, err
	}
	m, err := s.method(ctx, s.store, p.MethodID)
	if err != nil {
		return SurveyForm{}, err
	}
	now := s.now()
	c, err := challenge(plan, now)
	if err != nil {
		return SurveyForm{}, err
	}
	unit := unitOf(e, ua)
	f := SurveyForm{Entity: e.Name, Unit: unit.Name, Products: unit.Products, Questions: questionsOf(surveyItems(m, e.Kind)), Challenge: c,
		MinSeconds: st.SelfCompletion.MinSeconds, ExpiresAt: time.Unix(now.Unix(), 0).UTC().Add(time.Duration(st.SelfCompletion.MaxAgeMinutes) * time.Minute)}
	if f.Products == nil {
		f.Products = []string{}
	}
	return f, nil
}

// SubmitSurveyForm stores a self-completed response, marked as such and
// with no assessor. Each request counts against the limits per client
// address and per link before anything else is checked. Sending the same
// answer with the same challenge again stores nothing (created false); the
// same challenge with other content is a conflict.
func (s *Service) SubmitSurveyForm(ctx context.Context, token, clientIP string, in SelfResponse) (bool, error) {
	plan, ua, e, p, st, lerr := s.linkUnit(ctx, token)
	if lerr != nil && !errors.Is(lerr, ErrNotFound) {
		return false, lerr
	}
	if err := s.hit(ctx, "submit-ip:"+clientIP, st.SelfCompletion.PerIPPerHour); err != nil {
		return false, err
	}
	if lerr != nil {
		return false, lerr
	}
	if err := s.hit(ctx, "submit-link:"+strconv.FormatInt(ua.ID, 10), st.SelfCompletion.PerLinkPerHour); err != nil {
		return false, err
	}
	now := s.now().UTC().Truncate(time.Microsecond)
	nonce, err := checkChallenge(plan, in.Challenge, st.SelfCompletion, now)
	if err != nil {
		return false, err
	}
	created := false
	err = s.store.InTx(ctx, func(tx Store) error {
		m, err := s.method(ctx, tx, p.MethodID)
		if err != nil {
			return err
		}
		r, _, err := parseRespondent(surveyItems(m, e.Kind), unitOf(e, ua),
			RespondentInput{ClientKey: "link:" + nonce, Product: in.Product, Answers: in.Answers, Comment: in.Comment}, now)
		if err != nil {
			return err
		}
		if prev, err := tx.RespondentByKey(ctx, ua.ID, r.ClientKey); err == nil {
			if !sameRespondent(prev, r, false) {
				return &ConflictError{Reason: "this form was already answered differently; load the form again"}
			}
			return nil
		} else if !errors.Is(err, ErrNotFound) {
			return err
		}
		cur, err := tx.UnitAssessment(ctx, ua.ID, false) // the state now, not when the link was read
		if err != nil {
			return err
		}
		if err := s.linkOpen(cur, p); err != nil {
			return err
		}
		r.UnitAssessmentID, r.SelfCompleted, r.RecordedAt = ua.ID, true, now
		if err := s.insertRespondent(ctx, tx, selfCompletionActor, ua, &r, nil); err != nil {
			return err
		}
		created = true
		return nil
	})
	return created, err
}
