package api_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/ombudsman-ri/p4/assessment/demo"
)

func sessionCookie(c *client) string {
	u := c.base
	req, _ := http.NewRequest("GET", u, nil)
	for _, ck := range c.hc.Jar.Cookies(req.URL) {
		if ck.Name == "p4_session" {
			return ck.Value
		}
	}
	return ""
}

func TestSignInOutAndSession(t *testing.T) {
	s := newServer(t)
	c := s.client()
	if res := c.do("GET", "/api/v1/session", nil, nil); res.status != 401 {
		t.Fatalf("session before sign-in: got %d, want 401", res.status)
	}
	res := c.do("POST", "/api/v1/session", map[string]string{"email": "kaur@p4.demo", "password": "salah sekali"}, nil)
	if res.status != 401 || res.json(t)["code"] != "invalid_credentials" {
		t.Fatalf("wrong password: got %d %s", res.status, res.body)
	}
	res = c.do("POST", "/api/v1/session", map[string]string{"email": "KAUR@p4.demo", "password": demo.DemoPassword}, nil)
	if res.status != 200 {
		t.Fatalf("sign in: %d %s", res.status, res.body)
	}
	user := res.json(t)["user"].(map[string]any)
	if user["role"] != "agency" || user["entity_id"] == nil {
		t.Fatalf("signed-in user: %v", user)
	}
	cookie := res.header.Get("Set-Cookie")
	for _, want := range []string{"p4_session=", "HttpOnly", "SameSite=Lax", "Path=/"} {
		if !strings.Contains(cookie, want) {
			t.Errorf("session cookie %q lacks %s", cookie, want)
		}
	}
	if strings.Contains(cookie, "Secure") {
		t.Errorf("cookie is Secure on plain http: %q", cookie)
	}
	if res := c.do("GET", "/api/v1/session", nil, nil); res.status != 200 {
		t.Fatalf("session after sign-in: %d", res.status)
	}
	if res := c.do("DELETE", "/api/v1/session", nil, nil); res.status != 204 {
		t.Fatalf("sign out: %d", res.status)
	}
	if res := c.do("GET", "/api/v1/session", nil, nil); res.status != 401 {
		t.Fatalf("session after sign-out: got %d, want 401", res.status)
	}
}

func TestSessionReuseAfterSignOutFails(t *testing.T) {
	s := newServer(t)
	c := s.signedIn("kaur@p4.demo")
	token := sessionCookie(c)
	c.do("DELETE", "/api/v1/session", nil, nil)
	thief := s.client()
	res := thief.do("GET", "/api/v1/session", nil, map[string]string{"Cookie": "p4_session=" + token})
	if res.status != 401 {
		t.Fatalf("reusing a signed-out session token: got %d, want 401", res.status)
	}
}

func TestSessionFixation(t *testing.T) {
	s := newServer(t)
	c := s.signedIn("kaur@p4.demo")
	before := sessionCookie(c)
	if before == "" {
		t.Fatal("no session cookie")
	}
	// Signing in again (e.g. as another user on a shared tablet) issues a new token.
	res := c.do("POST", "/api/v1/session", map[string]string{"email": "pimpinan@p4.demo", "password": demo.DemoPassword}, nil)
	if res.status != 200 {
		t.Fatal(res.status)
	}
	after := sessionCookie(c)
	if after == before {
		t.Fatal("session token unchanged at sign-in")
	}
	old := s.client()
	if res := old.do("GET", "/api/v1/session", nil, map[string]string{"Cookie": "p4_session=" + before}); res.status != 401 {
		t.Fatalf("the pre-sign-in token still works: %d", res.status)
	}
}

func TestDisabledUserSessionStops(t *testing.T) {
	s := newServer(t)
	ids := s.ids()
	agency := s.signedIn("kaur@p4.demo")
	admin := s.signedIn("admin@p4.demo")
	if res := admin.do("PATCH", "/api/v1/users/"+itoa(ids.kaurUserID), map[string]any{"active": false}, nil); res.status != 200 {
		t.Fatalf("disable: %d %s", res.status, res.body)
	}
	if res := agency.do("GET", "/api/v1/session", nil, nil); res.status != 401 || res.json(t)["code"] != "session_ended" {
		t.Fatalf("disabled user's live session: got %d %s, want 401 session_ended", res.status, res.body)
	}
	if res := s.client().do("POST", "/api/v1/session", map[string]string{"email": "kaur@p4.demo", "password": demo.DemoPassword}, nil); res.status != 401 {
		t.Fatalf("disabled user signs in: got %d, want 401", res.status)
	}
}

func TestPasswordChangeEndsOtherSessions(t *testing.T) {
	s := newServer(t)
	tablet := s.signedIn("penilai1@p4.demo")
	laptop := s.signedIn("penilai1@p4.demo")
	res := laptop.do("PUT", "/api/v1/session/password", map[string]string{"current_password": demo.DemoPassword, "new_password": "kata-sandi-baru-123"}, nil)
	if res.status != 204 {
		t.Fatalf("change password: %d %s", res.status, res.body)
	}
	if res := laptop.do("GET", "/api/v1/session", nil, nil); res.status != 200 {
		t.Fatalf("the session that changed the password: got %d, want 200", res.status)
	}
	if res := tablet.do("GET", "/api/v1/session", nil, nil); res.status != 401 {
		t.Fatalf("another session after a password change: got %d, want 401", res.status)
	}
	res = laptop.do("PUT", "/api/v1/session/password", map[string]string{"current_password": "bukan ini", "new_password": "kata-sandi-baru-456"}, nil)
	if res.status != 422 || !strings.Contains(string(res.body), "wrong_password") {
		t.Fatalf("wrong current password: %d %s", res.status, res.body)
	}
}

func TestSignInRateLimit(t *testing.T) {
	s := newServer(t)
	c := s.client()
	for i := 0; i < 10; i++ {
		if res := c.do("POST", "/api/v1/session", map[string]string{"email": "kaur@p4.demo", "password": "tebak-tebak-" + itoa(int64(i))}, nil); res.status != 401 {
			t.Fatalf("attempt %d: got %d, want 401", i, res.status)
		}
	}
	res := c.do("POST", "/api/v1/session", map[string]string{"email": "kaur@p4.demo", "password": demo.DemoPassword}, nil)
	if res.status != 429 || res.header.Get("Retry-After") == "" || res.json(t)["code"] != "rate_limited" {
		t.Fatalf("after 10 failures even the right password: got %d %s (Retry-After %q), want 429", res.status, res.body, res.header.Get("Retry-After"))
	}
	// Another account from the same address is not blocked yet.
	if res := c.do("POST", "/api/v1/session", map[string]string{"email": "pimpinan@p4.demo", "password": demo.DemoPassword}, nil); res.status != 200 {
		t.Fatalf("another account: got %d, want 200", res.status)
	}
}

func TestCrossSiteWritesAreRefused(t *testing.T) {
	s := newServer(t)
	c := s.signedIn("admin@p4.demo")
	cases := []map[string]string{
		{"Sec-Fetch-Site": "cross-site"},
		{"Origin": "https://penipu.example"},
	}
	for _, h := range cases {
		res := c.do("POST", "/api/v1/users", map[string]any{"email": "x@y.id", "name": "X", "role": "admin", "password": "0123456789ab"}, h)
		if res.status != 403 || !strings.Contains(string(res.body), "cross_origin") {
			t.Errorf("cross-site POST with %v: got %d %s, want 403", h, res.status, res.body)
		}
	}
	var n int64
	s.db.Raw(`SELECT count(*) FROM users WHERE email = 'x@y.id'`).Scan(&n)
	if n != 0 {
		t.Fatal("a cross-site request created a user")
	}
	// The same request from the same origin works.
	res := c.do("POST", "/api/v1/users", map[string]any{"email": "x@y.id", "name": "X", "role": "leadership", "password": "0123456789ab"},
		map[string]string{"Sec-Fetch-Site": "same-origin"})
	if res.status != 201 {
		t.Fatalf("same-origin POST: %d %s", res.status, res.body)
	}
}

func TestValidationReportsEveryField(t *testing.T) {
	s := newServer(t)
	c := s.signedIn("admin@p4.demo")
	res := c.do("POST", "/api/v1/users", map[string]any{"email": "bukan-email", "name": "", "role": "raja", "password": "pendek"}, nil)
	if res.status != 422 || !strings.HasPrefix(res.header.Get("Content-Type"), "application/problem+json") {
		t.Fatalf("got %d %s", res.status, res.header.Get("Content-Type"))
	}
	errs := res.json(t)["errors"].([]any)
	got := map[string]string{}
	for _, e := range errs {
		m := e.(map[string]any)
		got[m["field"].(string)] = m["code"].(string)
	}
	want := map[string]string{"email": "email", "name": "required", "role": "oneof", "password": "min"}
	for f, code := range want {
		if got[f] != code {
			t.Errorf("field %s: got code %q, want %q (all: %v)", f, got[f], code, got)
		}
	}
	// Unknown fields (mass assignment) are refused, not ignored.
	res = c.do("POST", "/api/v1/users", map[string]any{"email": "a@b.id", "name": "A", "role": "admin", "password": "0123456789ab", "id": 1, "active": true}, nil)
	if res.status != 422 || !strings.Contains(string(res.body), "unknown_field") {
		t.Fatalf("unknown field: %d %s", res.status, res.body)
	}
}

func TestSecurityHeadersOnEveryResponse(t *testing.T) {
	s := newServer(t)
	c := s.signedIn("admin@p4.demo")
	for _, tc := range []struct {
		path   string
		status int
	}{{"/api/v1/periods", 200}, {"/api/v1/nothing-here", 404}, {"/api/v1/public/rankings?year=2022&group=polres", 200}} {
		res := c.do("GET", tc.path, nil, nil)
		if res.status != tc.status {
			t.Fatalf("%s: got %d, want %d", tc.path, res.status, tc.status)
		}
		for _, h := range []string{"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "X-Request-Id"} {
			if res.header.Get(h) == "" {
				t.Errorf("%s: no %s", tc.path, h)
			}
		}
		if tc.path == "/api/v1/periods" && res.header.Get("Cache-Control") != "no-store" {
			t.Errorf("authenticated data cacheable: %q", res.header.Get("Cache-Control"))
		}
	}
}

func TestSessionWorksAcrossTwoInstances(t *testing.T) {
	s1 := newServer(t)
	s2 := serverOn(t, s1.url)
	c := s1.signedIn("pimpinan@p4.demo")
	token := sessionCookie(c)
	other := s2.client()
	res := other.do("GET", "/api/v1/session", nil, map[string]string{"Cookie": "p4_session=" + token})
	if res.status != 200 {
		t.Fatalf("a session made on instance 1, used on instance 2: got %d, want 200", res.status)
	}
}

// Without trusted proxies, a client cannot choose the address that sign-in
// limits count by sending X-Forwarded-For.
func TestForwardedForIsNotTrustedByDefault(t *testing.T) {
	s := newServer(t)
	c := s.client()
	c.do("POST", "/api/v1/session", map[string]string{"email": "kaur@p4.demo", "password": "salah-salah"}, map[string]string{"X-Forwarded-For": "203.0.113.9"})
	var keys []string
	s.db.Raw(`SELECT key FROM login_attempts ORDER BY key`).Scan(&keys)
	if len(keys) != 2 || keys[1] != "ip:127.0.0.1" {
		t.Fatalf("failure counted under %v; want the account and ip:127.0.0.1", keys)
	}
}

func TestPasswordChangeGuessesAreLimited(t *testing.T) {
	s := newServer(t)
	c := s.signedIn("pimpinan@p4.demo")
	for i := 0; i < 10; i++ {
		if res := c.do("PUT", "/api/v1/session/password", map[string]string{"current_password": "tebakan-" + itoa(int64(i)), "new_password": "0123456789abc"}, nil); res.status != 422 {
			t.Fatalf("guess %d: %d", i, res.status)
		}
	}
	res := c.do("PUT", "/api/v1/session/password", map[string]string{"current_password": demo.DemoPassword, "new_password": "0123456789abc"}, nil)
	if res.status != 429 {
		t.Fatalf("after 10 wrong current passwords: got %d, want 429", res.status)
	}
}

// A session ends after 8 hours without a request, and a request does not
// write the session back to the database each time: the time of the last
// request is written at most once a minute.
func TestSessionIdleTimeoutWritesAtMostOncePerMinute(t *testing.T) {
	s := newServer(t)
	c := s.signedIn("penilai1@p4.demo")
	token := sessionCookie(c)
	type row struct {
		Xmin string
		Data []byte
	}
	stored := func() (r row) {
		t.Helper()
		if err := s.db.Raw(`SELECT xmin::text AS xmin, data FROM sessions WHERE token = ?`, token).Scan(&r).Error; err != nil {
			t.Fatal(err)
		}
		return r
	}
	// setSeen makes the last request look d ago, as the session stores it.
	setSeen := func(d time.Duration) {
		t.Helper()
		deadline, values, err := scs.GobCodec{}.Decode(stored().Data)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := values["seen_at"]; !ok {
			t.Fatalf("the session keeps no time of the last request: %v", values)
		}
		values["seen_at"] = time.Now().Add(-d).Unix()
		b, err := scs.GobCodec{}.Encode(deadline, values)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.db.Exec(`UPDATE sessions SET data = ? WHERE token = ?`, b, token).Error; err != nil {
			t.Fatal(err)
		}
	}
	get := func(want int) {
		t.Helper()
		if res := c.do("GET", "/api/v1/session", nil, nil); res.status != want {
			t.Fatalf("GET /session: %d %s, want %d", res.status, trim(res.body), want)
		}
	}
	first := stored()
	for range 3 {
		get(200)
	}
	if got := stored(); got.Xmin != first.Xmin {
		t.Errorf("requests within a minute of sign-in wrote the session back (xmin %s, then %s)", first.Xmin, got.Xmin)
	}
	setSeen(2 * time.Minute)
	touched := stored()
	get(200)
	after := stored()
	if after.Xmin == touched.Xmin {
		t.Error("a request two minutes after the last one did not write down its time")
	}
	if _, values, _ := (scs.GobCodec{}).Decode(after.Data); values["seen_at"] != time.Now().Unix() && values["seen_at"] != time.Now().Unix()-1 {
		t.Errorf("stored time of the last request %v, want now (%d)", values["seen_at"], time.Now().Unix())
	}
	setSeen(sessionIdleForTest - time.Minute)
	get(200) // 7 h 59 min without a request: still signed in
	setSeen(sessionIdleForTest + time.Second)
	get(401) // 8 h: ended, and stays ended
	var n int
	s.db.Raw(`SELECT count(*) FROM sessions WHERE token = ?`, token).Scan(&n)
	if n != 0 {
		t.Error("the idle session is still stored")
	}
	get(401)
}

const sessionIdleForTest = 8 * time.Hour
