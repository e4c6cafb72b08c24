package api_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/ombudsman-ri/p4/scoring"
)

// Concurrent autosave over HTTP, as several tablets of one assessor do:
// goroutines save different answers of one unit, each from the version its
// last save returned, while others race on one shared answer. Every
// acknowledged save of a private answer is the final value; on the shared
// answer exactly one save wins each version and the last winner is stored.
func TestConcurrentAutosaveOverHTTP(t *testing.T) {
	s := newServer(t)
	i := s.ids()
	m, err := scoring.Preset("2022")
	if err != nil {
		t.Fatal(err)
	}
	var have []struct {
		Indicator string
		Version   int
	}
	s.db.Raw(`SELECT indicator, version FROM answers WHERE unit_assessment_id = ?`, i.draftUA).Scan(&have)
	versions := map[string]int{}
	for _, h := range have {
		versions[h.Indicator] = h.Version
	}
	var inds []string
	for _, ind := range m.Indicators() {
		if !strings.HasPrefix(ind.Code, "OU.") { // survey-fed indicators are not typed in
			inds = append(inds, ind.Code)
		}
	}
	const private, shared, rounds = 8, 6, 6
	if len(inds) < private+1 {
		t.Fatalf("only %d indicators", len(inds))
	}
	// One sign-in, its session on every tablet (argon2id per tablet would
	// only slow the test down).
	first := s.signedIn("penilai1@p4.demo")
	tablets := make([]*client, private+shared)
	for k := range tablets {
		tablets[k] = s.sharing(first)
	}
	path := func(ind string) string { return "/api/v1/unit-assessments/" + itoa(i.draftUA) + "/answers/" + ind }
	type ack struct {
		version int
		note    string
	}
	var mu sync.Mutex
	lastPrivate := map[string]ack{}
	sharedWins := map[int]string{}
	var wg sync.WaitGroup
	var failures []string
	for k := 0; k < private+shared; k++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ind := inds[k%private]
			if k >= private {
				ind = inds[private]
			}
			base := versions[ind]
			for r := 0; r < rounds; r++ {
				note := fmt.Sprintf("tablet %d putaran %d", k, r)
				res := tablets[k].do("PUT", path(ind), map[string]any{"value": (k + r) % 4, "note": note}, map[string]string{"If-Match": fmt.Sprintf(`"%d"`, base)})
				var a struct {
					Version int `json:"version"`
				}
				switch res.status {
				case 200:
					json.Unmarshal(res.body, &a)
					mu.Lock()
					if k < private {
						lastPrivate[ind] = ack{a.Version, note}
					} else if prev, dup := sharedWins[a.Version]; dup {
						failures = append(failures, fmt.Sprintf("version %d of the shared answer won twice (%s, %s)", a.Version, prev, note))
					} else {
						sharedWins[a.Version] = note
					}
					mu.Unlock()
					base = a.Version
				case 412:
					var p struct {
						Current struct {
							Version int `json:"version"`
						} `json:"current"`
					}
					json.Unmarshal(res.body, &p)
					if k < private || p.Current.Version <= base {
						mu.Lock()
						failures = append(failures, fmt.Sprintf("tablet %d: conflict %s", k, trim(res.body)))
						mu.Unlock()
						return
					}
					base = p.Current.Version
				default:
					mu.Lock()
					failures = append(failures, fmt.Sprintf("tablet %d: %d %s", k, res.status, trim(res.body)))
					mu.Unlock()
					return
				}
			}
		}()
	}
	wg.Wait()
	for _, f := range failures {
		t.Error(f)
	}
	for ind, a := range lastPrivate {
		var got struct {
			Version int
			Note    string
		}
		s.db.Raw(`SELECT version, note FROM answers WHERE unit_assessment_id = ? AND indicator = ?`, i.draftUA, ind).Scan(&got)
		if got.Version != a.version || got.Note != a.note || got.Version != versions[ind]+rounds {
			t.Errorf("%s: stored version %d %q; last acknowledged %d %q, %d saves from %d", ind, got.Version, got.Note, a.version, a.note, rounds, versions[ind])
		}
	}
	if len(lastPrivate) != private {
		t.Errorf("acknowledged private answers: %d, want %d", len(lastPrivate), private)
	}
	var got struct {
		Version int
		Note    string
	}
	s.db.Raw(`SELECT version, note FROM answers WHERE unit_assessment_id = ? AND indicator = ?`, i.draftUA, inds[private]).Scan(&got)
	top := 0
	for v := range sharedWins {
		top = max(top, v)
	}
	if got.Version != top || got.Note != sharedWins[top] || len(sharedWins) != top-versions[inds[private]] {
		t.Errorf("shared answer: stored version %d %q; wins %v from version %d", got.Version, got.Note, sharedWins, versions[inds[private]])
	}
}

// sharing returns a new client (its own connections) carrying c's session.
func (s *server) sharing(c *client) *client {
	nc := s.client()
	u, _ := url.Parse(nc.base)
	nc.hc.Jar.SetCookies(u, []*http.Cookie{{Name: "p4_session", Value: sessionCookie(c), Path: "/"}})
	return nc
}

// concurrently sends the same request n times at once and returns the statuses.
func concurrently(n int, f func() response) []int {
	out := make([]int, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for k := 0; k < n; k++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			out[k] = f().status
		}()
	}
	close(start)
	wg.Wait()
	return out
}

func countOf(statuses []int, s int) int {
	n := 0
	for _, v := range statuses {
		if v == s {
			n++
		}
	}
	return n
}

// A request sent twice at once (a double click, a retry after a lost
// response) takes effect once: one state change, one audit entry, one
// record.
func TestDuplicateRequestsTakeEffectOnce(t *testing.T) {
	s := newServer(t)
	i := s.ids()
	assessor := s.signedIn("penilai1@p4.demo")
	coord := s.signedIn("koordinator@p4.demo")
	admin := s.signedIn("admin@p4.demo")
	audits := func(action string, objectID int64) int64 {
		var n int64
		s.db.Raw(`SELECT count(*) FROM audit_log WHERE action = ? AND object_id = ?`, action, itoa(objectID)).Scan(&n)
		return n
	}

	// Complete the draft unit, then submit it from several tabs at once.
	m, _ := scoring.Preset("2022")
	var kind string
	s.db.Raw(`SELECT u.kind FROM units u JOIN unit_assessments ua ON ua.unit_id = u.id WHERE ua.id = ?`, i.draftUA).Scan(&kind)
	var have []struct {
		Indicator string
		Version   int
	}
	s.db.Raw(`SELECT indicator, version FROM answers WHERE unit_assessment_id = ?`, i.draftUA).Scan(&have)
	versions := map[string]int{}
	for _, h := range have {
		versions[h.Indicator] = h.Version
	}
	for _, ind := range m.Indicators() {
		if _, ok := versions[ind.Code]; ok {
			continue
		}
		res := assessor.do("PUT", "/api/v1/unit-assessments/"+itoa(i.draftUA)+"/answers/"+ind.Code, map[string]any{"value": 1}, map[string]string{"If-Match": `"0"`})
		if res.status != 200 {
			res = assessor.do("PUT", "/api/v1/unit-assessments/"+itoa(i.draftUA)+"/answers/"+ind.Code, map[string]any{"na": true, "na_reason": "tidak berlaku"}, map[string]string{"If-Match": `"0"`})
		}
		if res.status != 200 {
			t.Fatalf("answer %s: %d %s", ind.Code, res.status, res.body)
		}
	}
	st := concurrently(8, func() response {
		return assessor.do("POST", "/api/v1/unit-assessments/"+itoa(i.draftUA)+"/submit", nil, nil)
	})
	if countOf(st, 200) != 8 {
		t.Errorf("concurrent submits: %v, want all 200 (idempotent)", st)
	}
	if n := audits("unit.submit", i.draftUA); n != 1 {
		t.Errorf("audit entries of the concurrent submits: %d, want 1", n)
	}
	// Accept it from several tabs at once: one acceptance.
	st = concurrently(8, func() response {
		return coord.do("POST", "/api/v1/unit-assessments/"+itoa(i.draftUA)+"/accept", nil, nil)
	})
	if countOf(st, 200) < 1 || countOf(st, 200)+countOf(st, 409) != 8 {
		t.Errorf("concurrent accepts: %v, want 200s and 409s only", st)
	}
	if n := audits("unit.accept", i.draftUA); n != 1 {
		t.Errorf("audit entries of the concurrent accepts: %d, want 1", n)
	}
	var state string
	s.db.Raw(`SELECT state FROM unit_assessments WHERE id = ?`, i.draftUA).Scan(&state)
	if state != "accepted" {
		t.Errorf("state after concurrent accepts: %q", state)
	}

	// One entity and one period per code and year, however many arrive at once.
	entity := map[string]any{"code": "pemkab-1798", "name": "Kabupaten Kembar", "kind": "pemkab", "province_code": "17",
		"units": []map[string]any{{"code": "dpmptsp", "name": "DPMPTSP Kembar", "kind": "dpmptsp"}}}
	st = concurrently(6, func() response { return admin.do("POST", "/api/v1/entities", entity, nil) })
	var entities int64
	s.db.Raw(`SELECT count(*) FROM entities WHERE code = 'pemkab-1798'`).Scan(&entities)
	if countOf(st, 201) != 1 || entities != 1 || countOf(st, 422)+countOf(st, 409) != 5 {
		t.Errorf("concurrent creations of one entity: %v, %d stored; want one 201, the rest refused", st, entities)
	}
	st = concurrently(6, func() response {
		return admin.do("POST", "/api/v1/periods", map[string]any{"year": 2031, "method_preset": "2022"}, nil)
	})
	var periods int64
	s.db.Raw(`SELECT count(*) FROM periods WHERE year = 2031`).Scan(&periods)
	if countOf(st, 201) != 1 || periods != 1 || countOf(st, 422)+countOf(st, 409) != 5 {
		t.Errorf("concurrent creations of one period: %v, %d stored; want one 201, the rest refused", st, periods)
	}
	// One respondent per client key (a retried offline upload).
	var other int64
	s.db.Raw(`SELECT ua.id FROM unit_assessments ua JOIN periods p ON p.id = ua.period_id JOIN assignments a ON a.unit_assessment_id = ua.id
		JOIN users u ON u.id = a.user_id WHERE p.year = 2023 AND ua.state IN ('draft', 'returned') AND u.email = 'penilai1@p4.demo' AND ua.id <> ? ORDER BY ua.id LIMIT 1`, i.draftUA).Scan(&other)
	if other == 0 {
		t.Fatal("demo data lacks a second draft unit of penilai1")
	}
	var product string
	s.db.Raw(`SELECT coalesce((SELECT p.name FROM service_products p JOIN unit_assessments ua ON ua.unit_id = p.unit_id WHERE ua.id = ? ORDER BY p.id LIMIT 1), '')`, other).Scan(&product)
	st = concurrently(6, func() response {
		return assessor.do("POST", "/api/v1/unit-assessments/"+itoa(other)+"/survey/respondents", respondentBody(product), nil)
	})
	var respondents int64
	s.db.Raw(`SELECT count(*) FROM survey_respondents WHERE unit_assessment_id = ?`, other).Scan(&respondents)
	// The first is created (201); a copy arriving after it is answered as
	// a replay (200); a copy racing it is refused as a conflict (409), and a
	// retry of it then gets the 200.
	if respondents != 1 || countOf(st, 201) != 1 || countOf(st, 201)+countOf(st, 200)+countOf(st, 409) != 6 {
		t.Errorf("concurrent uploads of one respondent: %v, %d stored; want 1", st, respondents)
	}
}
