package api_test

import (
	"bytes"
	"fmt"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/ombudsman-ri/p4/api"
	"github.com/ombudsman-ri/p4/assessment"
	"github.com/ombudsman-ri/p4/excel"
	"github.com/ombudsman-ri/p4/scoring"
)

// The authorization matrix: every route × every role × (own / other
// target), with the status written down per cell. "Own" is the role's own
// scope (Kabupaten Kaur for its agency user, units assigned to the
// assessor, the coordinator's province); "other" is outside it (another
// entity or province, an unassigned unit). A route that is registered but
// has no row here fails the test.

var roles = []struct{ name, email string }{
	{"anon", ""},
	{"admin", "admin@p4.demo"},
	{"coord", "koordinator@p4.demo"},
	{"assessor", "penilai1@p4.demo"},
	{"agency", "kaur@p4.demo"},
	{"leader", "pimpinan@p4.demo"},
}

// want lists statuses in the order of roles: anon, admin, coord, assessor, agency, leader.
type want [6]int

type target struct {
	path string
	body any
	hdr  map[string]string
	want want
}

type row struct {
	method, route string // as registered in gin
	own, other    func(ids) target
}

// multipartFile is a body sent as multipart/form-data.
type multipartFile struct {
	fields map[string]string
	name   string
	data   []byte
}

func all(s int) want { return want{s, s, s, s, s, s} }

func authed(s int) want { return want{401, s, s, s, s, s} }

func matrix() []row {
	yr := func(y int) string { return fmt.Sprint(y) }
	id := func(i int64) string { return fmt.Sprint(i) }
	badLogin := map[string]string{"email": "tidak.ada@p4.demo", "password": "bukan-kata-sandi"}
	objection := map[string]any{"statement": "Mohon ditinjau ulang", "items": []map[string]any{{"unit_assessment_id": 1, "indicator": "IN.KP.01", "requested_value": 3}}}
	png := pngBytes()
	return []row{
		{"GET", "/healthz", func(ids) target { return target{path: "/healthz", want: all(200)} }, nil},
		{"GET", "/readyz", func(ids) target { return target{path: "/readyz", want: all(200)} }, nil},
		{"GET", "/api/v1/version", func(ids) target { return target{path: "/api/v1/version", want: all(200)} }, nil},
		{"GET", "/api/v1/ping", func(ids) target { return target{path: "/api/v1/ping", want: all(200)} }, nil},
		{"GET", "/api/v1/openapi.json", func(ids) target { return target{path: "/api/v1/openapi.json", want: all(200)} }, nil},

		{"GET", "/api/v1/public/periods", func(ids) target { return target{path: "/api/v1/public/periods", want: all(200)} }, nil},
		{"GET", "/api/v1/public/provinces", func(ids) target { return target{path: "/api/v1/public/provinces", want: all(200)} }, nil},
		{"GET", "/api/v1/public/rankings",
			func(ids) target {
				return target{path: "/api/v1/public/rankings?year=2022&group=pemda&province=17", want: all(200)}
			},
			func(ids) target {
				return target{path: "/api/v1/public/rankings?year=2023&group=pemda&province=17", want: all(404)}
			}}, // not published
		{"GET", "/api/v1/public/entities/:id",
			func(i ids) target { return target{path: "/api/v1/public/entities/" + id(i.kaur), want: all(200)} },
			func(i ids) target { return target{path: "/api/v1/public/entities/" + id(i.ogan), want: all(404)} }}, // nothing published

		{"POST", "/api/v1/session", func(ids) target { return target{path: "/api/v1/session", body: badLogin, want: all(401)} }, nil},
		{"GET", "/api/v1/session", func(ids) target { return target{path: "/api/v1/session", want: authed(200)} }, nil},
		{"DELETE", "/api/v1/session", func(ids) target { return target{path: "/api/v1/session", want: authed(204)} }, nil},
		{"PUT", "/api/v1/session/password", func(ids) target {
			return target{path: "/api/v1/session/password", body: map[string]string{"current_password": "salah-salah-salah", "new_password": "0123456789abc"}, want: authed(422)}
		}, nil},

		{"GET", "/api/v1/regions", func(ids) target { return target{path: "/api/v1/regions", want: authed(200)} }, nil},
		{"GET", "/api/v1/entities",
			func(ids) target { return target{path: "/api/v1/entities?province=17", want: authed(200)} },
			func(ids) target { return target{path: "/api/v1/entities?province=16", want: authed(200)} }}, // content checked in TestListsStayInScope
		{"GET", "/api/v1/entities/:id",
			func(i ids) target { return target{path: "/api/v1/entities/" + id(i.kaur), want: authed(200)} },
			func(i ids) target {
				return target{path: "/api/v1/entities/" + id(i.ogan), want: want{401, 200, 200, 200, 404, 200}}
			}},

		{"POST", "/api/v1/entities",
			func(ids) target {
				return target{path: "/api/v1/entities", body: map[string]any{"code": "pemkab-1799", "name": "Kabupaten Baru", "kind": "pemkab", "province_code": "17",
					"units": []map[string]any{{"code": "dpmptsp", "name": "DPMPTSP Baru", "kind": "dpmptsp"}}}, want: want{401, 201, 403, 403, 403, 403}}
			},
			func(ids) target {
				return target{path: "/api/v1/entities", body: map[string]any{"code": "pemkab-1704", "name": "Duplikat", "kind": "pemkab", "province_code": "17",
					"units": []map[string]any{{"code": "dpmptsp", "name": "DPMPTSP", "kind": "dpmptsp"}}}, want: want{401, 422, 403, 403, 403, 403}} // code taken
			}},
		{"PATCH", "/api/v1/entities/:id",
			func(i ids) target {
				return target{path: "/api/v1/entities/" + id(i.kaur), body: map[string]any{"name": "Kabupaten Kaur"}, want: want{401, 200, 403, 403, 403, 403}}
			},
			func(ids) target {
				return target{path: "/api/v1/entities/999999", body: map[string]any{"active": false}, want: want{401, 404, 403, 403, 403, 403}}
			}},
		{"POST", "/api/v1/entities/:id/units",
			func(i ids) target {
				return target{path: "/api/v1/entities/" + id(i.kaur) + "/units", body: map[string]any{"code": "puskesmas-baru", "name": "Puskesmas Baru", "kind": "puskesmas"},
					want: want{401, 201, 403, 403, 403, 403}}
			},
			func(i ids) target {
				return target{path: "/api/v1/entities/" + id(i.kaur) + "/units", body: map[string]any{"code": "dpmptsp", "name": "Duplikat", "kind": "dpmptsp"},
					want: want{401, 422, 403, 403, 403, 403}} // code taken
			}},
		{"PATCH", "/api/v1/entities/:id/units/:unit",
			func(i ids) target {
				return target{path: "/api/v1/entities/" + id(i.kaur) + "/units/" + id(i.kaurUnit), body: map[string]any{"active": false}, want: want{401, 200, 403, 403, 403, 403}}
			},
			func(i ids) target {
				return target{path: "/api/v1/entities/" + id(i.ogan) + "/units/" + id(i.kaurUnit), body: map[string]any{"active": false}, want: want{401, 404, 403, 403, 403, 403}} // not its unit
			}},
		{"GET", "/api/v1/periods", func(ids) target { return target{path: "/api/v1/periods", want: authed(200)} }, nil},
		{"GET", "/api/v1/periods/:year",
			func(ids) target { return target{path: "/api/v1/periods/2022", want: authed(200)} },
			func(ids) target { return target{path: "/api/v1/periods/2099", want: authed(404)} }},
		{"POST", "/api/v1/periods",
			func(ids) target {
				return target{path: "/api/v1/periods", body: map[string]any{"year": 2030, "method_preset": "2022"}, want: want{401, 201, 403, 403, 403, 403}}
			},
			func(ids) target {
				return target{path: "/api/v1/periods", body: map[string]any{"year": 2022, "method_preset": "2022"}, want: want{401, 422, 403, 403, 403, 403}} // year taken
			}},
		{"PUT", "/api/v1/periods/:year/schedule",
			func(i ids) target {
				return target{path: "/api/v1/periods/2023/schedule", body: map[string]any{"version": i.period2023Version, "reason": "diperpanjang",
					"schedule": map[string]any{"fieldwork": map[string]string{"from": "2023-07-01", "to": "2099-12-31"}, "review": map[string]string{"from": "2023-07-15", "to": "2099-12-31"}}},
					want: want{401, 200, 403, 403, 403, 403}}
			},
			func(i ids) target {
				return target{path: "/api/v1/periods/2022/schedule", body: map[string]any{"version": 1, "schedule": map[string]any{}}, want: want{401, 409, 403, 403, 403, 403}} // published: locked
			}},
		{"POST", "/api/v1/periods/:year/open",
			func(ids) target {
				return target{path: "/api/v1/periods/2023/open", want: want{401, 200, 403, 403, 403, 403}}
			}, // already open: no change
			func(ids) target { return target{path: "/api/v1/periods/2099/open", want: authed(404)} }},
		{"POST", "/api/v1/periods/:year/close",
			func(ids) target {
				return target{path: "/api/v1/periods/2023/close", want: want{401, 200, 403, 403, 403, 403}}
			},
			func(ids) target {
				return target{path: "/api/v1/periods/2022/close", want: want{401, 409, 403, 403, 403, 403}}
			}}, // published
		{"PUT", "/api/v1/periods/:year/method",
			func(i ids) target {
				return target{path: "/api/v1/periods/2023/method", body: i.presetFile, hdr: map[string]string{"If-Match": `"` + itoa(int64(i.period2023Version)) + `"`},
					want: want{401, 409, 403, 403, 403, 403}} // open: method locked
			},
			func(i ids) target {
				return target{path: "/api/v1/periods/2099/method", body: i.presetFile, hdr: map[string]string{"If-Match": `"1"`}, want: authed(404)}
			}},
		{"GET", "/api/v1/methods/compare",
			func(i ids) target {
				return target{path: "/api/v1/methods/compare?from=" + id(i.method2021) + "&to=" + id(i.method2022), want: want{401, 200, 200, 403, 403, 200}}
			},
			func(i ids) target {
				return target{path: "/api/v1/methods/compare?from=999999&to=" + id(i.method2022), want: want{401, 404, 404, 403, 403, 404}}
			}},
		{"GET", "/api/v1/periods/:year/locus",
			func(ids) target {
				return target{path: "/api/v1/periods/2023/locus", want: want{401, 200, 200, 403, 403, 200}}
			},
			func(ids) target { return target{path: "/api/v1/periods/2099/locus", want: authed(404)} }},
		{"POST", "/api/v1/periods/:year/locus",
			func(i ids) target {
				return target{path: "/api/v1/periods/2023/locus", body: map[string]any{"entity_id": i.ogan, "assessed": true}, want: want{401, 409, 403, 403, 403, 403}} // already in
			},
			func(i ids) target {
				return target{path: "/api/v1/periods/2022/locus", body: map[string]any{"entity_id": i.ogan, "assessed": true}, want: want{401, 409, 403, 403, 403, 403}} // published
			}},
		{"PATCH", "/api/v1/periods/:year/locus/:id",
			func(i ids) target {
				return target{path: "/api/v1/periods/2023/locus/" + id(i.ogan), body: map[string]any{"assessed": false, "not_assessed_reason": "Menolak dinilai"},
					want: want{401, 200, 403, 403, 403, 403}}
			},
			func(i ids) target {
				return target{path: "/api/v1/periods/2023/locus/" + id(i.kaur), body: map[string]any{"assessed": false, "not_assessed_reason": "x"},
					want: want{401, 409, 403, 403, 403, 403}} // units already submitted
			}},
		{"POST", "/api/v1/periods/:year/entities/:id/assessors",
			func(i ids) target {
				return target{path: "/api/v1/periods/2023/entities/" + id(i.kaur) + "/assessors", body: map[string]any{"user_ids": []int64{i.penilai2}},
					want: want{401, 200, 200, 403, 403, 403}}
			},
			func(i ids) target {
				return target{path: "/api/v1/periods/2023/entities/" + id(i.ogan) + "/assessors", body: map[string]any{"user_ids": []int64{i.penilai2}},
					want: want{401, 200, 403, 403, 403, 403}}
			}},
		{"GET", "/api/v1/periods/:year/method",
			func(ids) target { return target{path: "/api/v1/periods/2022/method", want: authed(200)} },
			func(ids) target { return target{path: "/api/v1/periods/2099/method", want: authed(404)} }},
		{"GET", "/api/v1/periods/:year/publication",
			func(ids) target {
				return target{path: "/api/v1/periods/2023/publication", want: want{401, 200, 403, 403, 403, 403}}
			},
			func(ids) target { return target{path: "/api/v1/periods/2099/publication", want: authed(404)} }},
		{"POST", "/api/v1/periods/:year/publication",
			func(ids) target {
				return target{path: "/api/v1/periods/2023/publication", want: want{401, 422, 403, 403, 403, 403}}
			}, // not all final
			func(ids) target { return target{path: "/api/v1/periods/2099/publication", want: authed(404)} }},
		{"GET", "/api/v1/periods/:year/rankings",
			func(ids) target {
				return target{path: "/api/v1/periods/" + yr(2023) + "/rankings?group=pemda&province=17", want: want{401, 200, 200, 403, 403, 200}}
			},
			func(ids) target {
				return target{path: "/api/v1/periods/2023/rankings?group=pemda&province=16", want: want{401, 200, 404, 403, 403, 200}}
			}},
		{"GET", "/api/v1/periods/:year/entities/:id/result",
			func(i ids) target {
				return target{path: "/api/v1/periods/2022/entities/" + id(i.kaur) + "/result", want: authed(200)}
			},
			func(i ids) target {
				return target{path: "/api/v1/periods/2022/entities/" + id(i.kotaBengkulu) + "/result", want: want{401, 200, 200, 404, 404, 200}}
			}},
		{"GET", "/api/v1/periods/:year/entities/:id/explanation",
			func(i ids) target {
				return target{path: "/api/v1/periods/2022/entities/" + id(i.kaur) + "/explanation", want: authed(200)}
			},
			func(i ids) target {
				return target{path: "/api/v1/periods/2022/entities/" + id(i.kotaBengkulu) + "/explanation", want: want{401, 200, 200, 404, 404, 200}}
			}},
		{"POST", "/api/v1/periods/:year/entities/:id/what-if",
			func(i ids) target {
				return target{path: "/api/v1/periods/2022/entities/" + id(i.kaur) + "/what-if", body: map[string]any{"changes": []any{}}, want: authed(200)}
			},
			func(i ids) target {
				return target{path: "/api/v1/periods/2022/entities/" + id(i.kotaBengkulu) + "/what-if", body: map[string]any{"changes": []any{}}, want: want{401, 200, 200, 404, 404, 200}}
			}},
		{"POST", "/api/v1/periods/:year/entities/:id/verify",
			func(i ids) target {
				return target{path: "/api/v1/periods/2023/entities/" + id(i.kaur) + "/verify", want: want{401, 422, 422, 403, 403, 403}} // a unit is still submitted
			},
			func(i ids) target {
				return target{path: "/api/v1/periods/2023/entities/" + id(i.ogan) + "/verify", want: want{401, 422, 403, 403, 403, 403}}
			}},
		{"POST", "/api/v1/periods/:year/entities/:id/finalize",
			func(i ids) target {
				return target{path: "/api/v1/periods/2023/entities/" + id(i.kotaBengkulu) + "/finalize", want: want{401, 200, 403, 403, 403, 403}} // verified
			},
			func(i ids) target {
				return target{path: "/api/v1/periods/2023/entities/" + id(i.ogan) + "/finalize", want: want{401, 409, 403, 403, 403, 403}}
			}},
		{"GET", "/api/v1/periods/:year/entities/:id/objections",
			func(i ids) target {
				return target{path: "/api/v1/periods/2022/entities/" + id(i.kaur) + "/objections", want: want{401, 200, 200, 404, 200, 200}}
			},
			func(i ids) target {
				return target{path: "/api/v1/periods/2023/entities/" + id(i.ogan) + "/objections", want: want{401, 200, 404, 404, 404, 200}}
			}},
		{"POST", "/api/v1/periods/:year/entities/:id/objections",
			func(i ids) target {
				return target{path: "/api/v1/periods/2022/entities/" + id(i.kaur) + "/objections", body: objection, want: want{401, 403, 403, 403, 409, 403}} // published: too late
			},
			func(i ids) target {
				return target{path: "/api/v1/periods/2022/entities/" + id(i.kotaBengkulu) + "/objections", body: objection, want: want{401, 403, 403, 403, 403, 403}}
			}},
		{"POST", "/api/v1/objections/:id/decision",
			func(ids) target {
				return target{path: "/api/v1/objections/999999/decision", body: map[string]string{"state": "rejected", "reason": "Tidak beralasan"}, want: authed(404)}
			}, nil},

		{"GET", "/api/v1/objections/:id/evidence",
			func(ids) target { return target{path: "/api/v1/objections/999999/evidence", want: authed(404)} }, nil},
		{"POST", "/api/v1/objections/:id/evidence",
			func(ids) target {
				return target{path: "/api/v1/objections/999999/evidence", body: multipartFile{nil, "bukti.png", png}, want: authed(404)}
			}, nil},
		{"GET", "/api/v1/objections/:id/evidence/:file",
			func(ids) target { return target{path: "/api/v1/objections/999999/evidence/1", want: authed(404)} }, nil},
		// Objection queue, evidence removal, one's exports (h-portal).
		{"GET", "/api/v1/exports", func(ids) target { return target{path: "/api/v1/exports", want: authed(200)} }, nil},
		{"GET", "/api/v1/periods/:year/objections",
			func(ids) target {
				return target{path: "/api/v1/periods/2023/objections?state=submitted", want: want{401, 200, 200, 403, 403, 200}}
			},
			func(ids) target { return target{path: "/api/v1/periods/1999/objections", want: authed(404)} }},
		{"DELETE", "/api/v1/evidence/:id",
			func(i ids) target {
				return target{path: "/api/v1/evidence/" + id(i.evidenceDraft), want: want{401, 403, 403, 204, 404, 403}}
			},
			func(i ids) target {
				return target{path: "/api/v1/evidence/" + id(i.evidenceOther), want: want{401, 403, 403, 404, 404, 403}}
			}},
		{"GET", "/api/v1/work",
			func(ids) target {
				return target{path: "/api/v1/work?year=2023", want: want{401, 200, 200, 200, 403, 200}}
			}, nil},
		{"GET", "/api/v1/unit-assessments/:id",
			func(i ids) target {
				return target{path: "/api/v1/unit-assessments/" + id(i.kaurUA2023), want: want{401, 200, 200, 200, 404, 200}}
			},
			func(i ids) target {
				return target{path: "/api/v1/unit-assessments/" + id(i.oganUA), want: want{401, 200, 404, 404, 404, 200}}
			}},
		{"GET", "/api/v1/unit-assessments/:id/score",
			func(i ids) target {
				return target{path: "/api/v1/unit-assessments/" + id(i.draftUA) + "/score", want: want{401, 200, 200, 200, 404, 200}}
			},
			func(i ids) target {
				return target{path: "/api/v1/unit-assessments/" + id(i.oganUA) + "/score", want: want{401, 200, 404, 404, 404, 200}}
			}},
		{"PUT", "/api/v1/unit-assessments/:id/answers/:indicator",
			func(i ids) target {
				return target{path: "/api/v1/unit-assessments/" + id(i.draftUA) + "/answers/" + i.unanswered, body: map[string]any{"value": 2},
					hdr: map[string]string{"If-Match": `"0"`}, want: want{401, 403, 403, 200, 404, 403}}
			},
			func(i ids) target {
				return target{path: "/api/v1/unit-assessments/" + id(i.oganUA) + "/answers/IN.KP.01", body: map[string]any{"value": 2},
					hdr: map[string]string{"If-Match": `"0"`}, want: want{401, 403, 404, 404, 404, 403}}
			}},
		{"POST", "/api/v1/unit-assessments/:id/submit",
			func(i ids) target {
				return target{path: "/api/v1/unit-assessments/" + id(i.draftUA) + "/submit", want: want{401, 403, 403, 422, 404, 403}} // incomplete draft
			},
			func(i ids) target {
				return target{path: "/api/v1/unit-assessments/" + id(i.oganUA) + "/submit", want: want{401, 403, 404, 404, 404, 403}}
			}},
		{"POST", "/api/v1/unit-assessments/:id/return",
			func(i ids) target {
				return target{path: "/api/v1/unit-assessments/" + id(i.submittedUA) + "/return", body: map[string]any{"reason": "Lengkapi foto"}, want: want{401, 200, 200, 403, 404, 403}}
			},
			func(i ids) target {
				return target{path: "/api/v1/unit-assessments/" + id(i.oganUA) + "/return", body: map[string]any{"reason": "Lengkapi foto"}, want: want{401, 409, 404, 404, 404, 403}}
			}},
		{"POST", "/api/v1/unit-assessments/:id/accept",
			func(i ids) target {
				return target{path: "/api/v1/unit-assessments/" + id(i.submittedUA) + "/accept", want: want{401, 200, 200, 403, 404, 403}}
			},
			func(i ids) target {
				return target{path: "/api/v1/unit-assessments/" + id(i.oganUA) + "/accept", want: want{401, 409, 404, 404, 404, 403}}
			}},
		{"POST", "/api/v1/unit-assessments/:id/reopen",
			func(i ids) target {
				return target{path: "/api/v1/unit-assessments/" + id(i.kaurUA2023) + "/reopen", body: map[string]any{"reason": "Koreksi nilai"}, want: want{401, 200, 200, 403, 404, 403}}
			},
			func(i ids) target {
				return target{path: "/api/v1/unit-assessments/" + id(i.oganUA) + "/reopen", body: map[string]any{"reason": "Koreksi nilai"}, want: want{401, 409, 404, 404, 404, 403}}
			}},
		{"POST", "/api/v1/unit-assessments/:id/assessors",
			func(i ids) target {
				return target{path: "/api/v1/unit-assessments/" + id(i.draftUA) + "/assessors", body: map[string]any{"user_id": i.penilai2}, want: want{401, 204, 204, 403, 403, 403}}
			},
			func(i ids) target {
				return target{path: "/api/v1/unit-assessments/" + id(i.oganUA) + "/assessors", body: map[string]any{"user_id": i.penilai2}, want: want{401, 204, 403, 403, 403, 403}}
			}},
		{"POST", "/api/v1/unit-assessments/:id/evidence",
			func(i ids) target {
				return target{path: "/api/v1/unit-assessments/" + id(i.draftUA) + "/evidence", body: multipartFile{map[string]string{"indicator": "IN.KP.01"}, "foto.png", png},
					want: want{401, 403, 403, 201, 404, 403}}
			},
			func(i ids) target {
				return target{path: "/api/v1/unit-assessments/" + id(i.oganUA) + "/evidence", body: multipartFile{map[string]string{"indicator": "IN.KP.01"}, "foto.png", png},
					want: want{401, 403, 404, 404, 404, 403}}
			}},
		{"GET", "/api/v1/evidence/:id",
			func(i ids) target { return target{path: "/api/v1/evidence/" + id(i.evidenceKaur), want: authed(200)} },
			func(i ids) target {
				return target{path: "/api/v1/evidence/" + id(i.evidenceOther), want: want{401, 200, 200, 404, 404, 200}}
			}},

		// Coordinators may list the assessors only (to assign them).
		{"GET", "/api/v1/users",
			func(ids) target { return target{path: "/api/v1/users", want: want{401, 200, 403, 403, 403, 403}} },
			func(ids) target {
				return target{path: "/api/v1/users?role=assessor", want: want{401, 200, 200, 403, 403, 403}}
			}},
		{"POST", "/api/v1/users", func(ids) target {
			return target{path: "/api/v1/users", body: map[string]any{"email": "baru@p4.demo", "name": "Baru", "role": "assessor", "password": "0123456789ab"}, want: want{401, 201, 403, 403, 403, 403}}
		}, nil},
		{"PATCH", "/api/v1/users/:id",
			func(i ids) target {
				return target{path: "/api/v1/users/" + id(i.kaurUserID), body: map[string]any{"name": "Nama Baru"}, want: want{401, 200, 403, 403, 403, 403}}
			},
			func(i ids) target {
				return target{path: "/api/v1/users/" + id(i.adminID), body: map[string]any{"name": "Nama Baru"}, want: want{401, 200, 403, 403, 403, 403}}
			}},
		{"POST", "/api/v1/users/:id/password",
			func(i ids) target {
				return target{path: "/api/v1/users/" + id(i.kaurUserID) + "/password", body: map[string]any{"new_password": "0123456789abcd"}, want: want{401, 204, 403, 403, 403, 403}}
			}, nil},
		{"GET", "/api/v1/audit", func(ids) target {
			return target{path: "/api/v1/audit?limit=5", want: want{401, 200, 200, 403, 403, 200}}
		}, nil},
		{"POST", "/api/v1/regions", func(ids) target {
			return target{path: "/api/v1/regions", body: map[string]any{"code": "31", "name": "DKI Jakarta", "level": "province"}, want: want{401, 201, 403, 403, 403, 403}}
		}, nil},
		// Taking an assessor off a unit: admin, or the coordinator of its
		// province; on Ogan (another province, no such assignment) the
		// coordinator is refused before anything is looked up.
		{"DELETE", "/api/v1/unit-assessments/:id/assessors/:user",
			func(i ids) target {
				return target{path: "/api/v1/unit-assessments/" + id(i.draftUA) + "/assessors/" + id(i.draftAssessorID), want: want{401, 204, 204, 403, 403, 403}}
			},
			func(i ids) target {
				return target{path: "/api/v1/unit-assessments/" + id(i.oganUA) + "/assessors/" + id(i.penilai2), want: want{401, 404, 403, 403, 403, 403}}
			}},

		// Workbooks (api/excel.go). The leadership workbook follows the
		// rankings: admin and leadership any province, a coordinator only
		// their own (another province is not found, as for rankings);
		// assessors and agencies never.
		{"GET", "/api/v1/periods/:year/workbook.xlsx",
			func(ids) target {
				return target{path: "/api/v1/periods/2022/workbook.xlsx?province=17", want: want{401, 200, 200, 403, 403, 200}}
			},
			func(ids) target {
				return target{path: "/api/v1/periods/2022/workbook.xlsx?province=16", want: want{401, 200, 404, 403, 403, 200}}
			}},
		// The report card follows the result: Kaur's user sees Kaur's (published), the
		// assessor of Kaur sees it; another entity's only staff of its province.
		{"GET", "/api/v1/periods/:year/entities/:id/report.xlsx",
			func(i ids) target {
				return target{path: "/api/v1/periods/2022/entities/" + id(i.kaur) + "/report.xlsx", want: authed(200)}
			},
			func(i ids) target {
				return target{path: "/api/v1/periods/2022/entities/" + id(i.kotaBengkulu) + "/report.xlsx", want: want{401, 200, 200, 404, 404, 200}}
			}},
		// A background export is queued under the workbook's rules.
		{"POST", "/api/v1/exports",
			func(ids) target {
				return target{path: "/api/v1/exports", body: map[string]any{"year": 2022, "province": "17"}, want: want{401, 202, 202, 403, 403, 202}}
			},
			func(ids) target {
				return target{path: "/api/v1/exports", body: map[string]any{"year": 2022, "province": "16"}, want: want{401, 202, 404, 403, 403, 202}}
			}},
		// A job is its requester's (and admins'); anyone else learns nothing of it.
		{"GET", "/api/v1/exports/:id",
			func(i ids) target {
				return target{path: "/api/v1/exports/" + id(i.jobLeader), want: want{401, 200, 404, 404, 404, 200}}
			},
			func(i ids) target {
				return target{path: "/api/v1/exports/" + id(i.jobAdmin), want: want{401, 200, 404, 404, 404, 404}}
			}},
		// The file likewise; these jobs are still queued: not ready (409) for those who may have it.
		{"GET", "/api/v1/exports/:id/file",
			func(i ids) target {
				return target{path: "/api/v1/exports/" + id(i.jobLeader) + "/file", want: want{401, 409, 404, 404, 404, 409}}
			},
			func(i ids) target {
				return target{path: "/api/v1/exports/" + id(i.jobAdmin) + "/file", want: want{401, 409, 404, 404, 404, 404}}
			}},
		// Templates hold no data: any signed-in user may have them.
		{"GET", "/api/v1/templates/:kind.xlsx",
			func(ids) target { return target{path: "/api/v1/templates/locus.xlsx", want: authed(200)} },
			func(ids) target { return target{path: "/api/v1/templates/laporan.xlsx", want: authed(404)} }},
		// Imports are admin work, refused before the upload is read; a file
		// that is not a workbook is a 422 with the field "file".
		{"POST", "/api/v1/imports/:kind",
			func(ids) target {
				return target{path: "/api/v1/imports/instrument", body: multipartFile{nil, "instrumen.xlsx", instrumentTemplate()}, want: want{401, 200, 403, 403, 403, 403}}
			},
			func(ids) target {
				return target{path: "/api/v1/imports/locus", body: multipartFile{nil, "lokus.xlsx", []byte("kode,nama\n")}, want: want{401, 422, 403, 403, 403, 403}}
			}},

		// Service-user survey (api/survey.go). The period's settings are
		// part of the method: every signed-in user reads them, admins
		// change them while the period is planned or open.
		{"GET", "/api/v1/periods/:year/survey",
			func(ids) target { return target{path: "/api/v1/periods/2023/survey", want: authed(200)} },
			func(ids) target { return target{path: "/api/v1/periods/2099/survey", want: authed(404)} }},
		{"PUT", "/api/v1/periods/:year/survey",
			func(ids) target {
				return target{path: "/api/v1/periods/2023/survey", body: surveySettingsBody(), want: want{401, 200, 403, 403, 403, 403}}
			},
			func(ids) target {
				return target{path: "/api/v1/periods/2022/survey", body: surveySettingsBody(), want: want{401, 409, 403, 403, 403, 403}} // published: locked
			}},
		// A unit's survey follows the unit (the agency user cannot see the
		// 2023 draft unit at all; once it can see a unit, respondents stay
		// hidden from it: 403, tested in survey_test.go).
		{"GET", "/api/v1/unit-assessments/:id/survey",
			func(i ids) target {
				return target{path: "/api/v1/unit-assessments/" + id(i.draftUA) + "/survey", want: want{401, 200, 200, 200, 404, 200}}
			},
			func(i ids) target {
				return target{path: "/api/v1/unit-assessments/" + id(i.oganUA) + "/survey", want: want{401, 200, 404, 404, 404, 200}}
			}},
		// The sampling plan (and the link) is the coordinator's and head office's.
		{"PUT", "/api/v1/unit-assessments/:id/survey/plan",
			func(i ids) target {
				return target{path: "/api/v1/unit-assessments/" + id(i.draftUA) + "/survey/plan", body: map[string]any{"version": 0, "target": 40, "link": true},
					want: want{401, 200, 200, 403, 404, 403}}
			},
			func(i ids) target {
				return target{path: "/api/v1/unit-assessments/" + id(i.oganUA) + "/survey/plan", body: map[string]any{"version": 0, "target": 40},
					want: want{401, 200, 404, 404, 404, 403}}
			}},
		{"GET", "/api/v1/unit-assessments/:id/survey/respondents",
			func(i ids) target {
				return target{path: "/api/v1/unit-assessments/" + id(i.draftUA) + "/survey/respondents", want: want{401, 200, 200, 200, 404, 200}}
			},
			func(i ids) target {
				return target{path: "/api/v1/unit-assessments/" + id(i.oganUA) + "/survey/respondents", want: want{401, 200, 404, 404, 404, 200}}
			}},
		// Respondents are recorded by the unit's assessors, like answers.
		{"POST", "/api/v1/unit-assessments/:id/survey/respondents",
			func(i ids) target {
				return target{path: "/api/v1/unit-assessments/" + id(i.draftUA) + "/survey/respondents", body: respondentBody(i.draftProduct),
					want: want{401, 403, 403, 201, 404, 403}}
			},
			func(i ids) target {
				return target{path: "/api/v1/unit-assessments/" + id(i.oganUA) + "/survey/respondents", body: respondentBody(""),
					want: want{401, 403, 404, 404, 404, 403}}
			}},
		// Contact details are deleted by those who may see them: the
		// province's coordinator and admins (no respondent 999999: 404).
		{"DELETE", "/api/v1/unit-assessments/:id/survey/respondents/:respondent/contact",
			func(i ids) target {
				return target{path: "/api/v1/unit-assessments/" + id(i.draftUA) + "/survey/respondents/999999/contact", want: want{401, 404, 404, 403, 404, 403}}
			},
			func(i ids) target {
				return target{path: "/api/v1/unit-assessments/" + id(i.oganUA) + "/survey/respondents/999999/contact", want: want{401, 404, 404, 404, 404, 403}}
			}},
		// Aggregation writes answers: the unit's assessors; the demo's draft
		// unit has no respondents yet (422).
		{"POST", "/api/v1/unit-assessments/:id/survey/aggregate",
			func(i ids) target {
				return target{path: "/api/v1/unit-assessments/" + id(i.draftUA) + "/survey/aggregate", want: want{401, 403, 403, 422, 404, 403}}
			},
			func(i ids) target {
				return target{path: "/api/v1/unit-assessments/" + id(i.oganUA) + "/survey/aggregate", want: want{401, 403, 404, 404, 404, 403}}
			}},
		// Quality flags are for coordinators, admins and leadership, not for
		// the assessors they are about.
		{"GET", "/api/v1/unit-assessments/:id/survey/flags",
			func(i ids) target {
				return target{path: "/api/v1/unit-assessments/" + id(i.draftUA) + "/survey/flags", want: want{401, 200, 200, 403, 404, 200}}
			},
			func(i ids) target {
				return target{path: "/api/v1/unit-assessments/" + id(i.oganUA) + "/survey/flags", want: want{401, 200, 404, 404, 404, 200}}
			}},
		// The override of a sample below target: the province's coordinator
		// and admins (Kaur's submitted unit has 0 of 30 respondents).
		{"POST", "/api/v1/unit-assessments/:id/survey/override",
			func(i ids) target {
				return target{path: "/api/v1/unit-assessments/" + id(i.submittedUA) + "/survey/override", body: map[string]any{"reason": "Pengunjung sepi"},
					want: want{401, 200, 200, 403, 404, 403}}
			},
			func(i ids) target {
				return target{path: "/api/v1/unit-assessments/" + id(i.oganUA) + "/survey/override", body: map[string]any{"reason": "Pengunjung sepi"},
					want: want{401, 200, 404, 404, 404, 403}}
			}},
		// Setting up a period's instrument: a stored method version, the
		// instrument workbook, the indicator mapping (api/mapping.go).
		{"GET", "/api/v1/methods/:id",
			func(i ids) target {
				return target{path: "/api/v1/methods/" + id(i.method2022), want: want{401, 200, 200, 403, 403, 200}}
			},
			func(ids) target {
				return target{path: "/api/v1/methods/999999", want: want{401, 404, 404, 403, 403, 404}}
			}},
		{"GET", "/api/v1/periods/:year/instrument.xlsx",
			func(ids) target { return target{path: "/api/v1/periods/2023/instrument.xlsx", want: authed(200)} },
			func(ids) target { return target{path: "/api/v1/periods/2021/instrument.xlsx", want: authed(409)} }}, // no instrument
		{"GET", "/api/v1/periods/:year/indicator-mapping",
			func(ids) target {
				return target{path: "/api/v1/periods/2023/indicator-mapping", want: want{401, 200, 200, 403, 403, 200}}
			},
			func(ids) target { return target{path: "/api/v1/periods/2099/indicator-mapping", want: authed(404)} }},
		{"PUT", "/api/v1/periods/:year/indicator-mapping",
			func(ids) target {
				return target{path: "/api/v1/periods/2023/indicator-mapping", body: identityMapping("2022"), want: want{401, 200, 403, 403, 403, 403}}
			},
			func(ids) target {
				return target{path: "/api/v1/periods/2022/indicator-mapping", body: identityMapping("2022"), want: want{401, 409, 403, 403, 403, 403}} // published
			}},
		// The self-completion link is public; a token that is no link is
		// not found for everyone (the link itself: survey_test.go).
		{"GET", "/api/v1/survey/:token",
			func(ids) target { return target{path: "/api/v1/survey/" + strings.Repeat("A", 32), want: all(404)} }, nil},
		{"POST", "/api/v1/survey/:token",
			func(ids) target {
				return target{path: "/api/v1/survey/" + strings.Repeat("A", 32), body: map[string]any{"challenge": "x", "answers": map[string]string{}}, want: all(404)}
			}, nil},
	}
}

// surveySettingsBody makes the survey required in a period (from the defaults).
func surveySettingsBody() map[string]any {
	st := assessment.DefaultSurveySettings()
	st.Required = true
	return map[string]any{"version": 0, "settings": st, "reason": "Survei wajib"}
}

// respondentBody is one respondent who experienced nothing, of the 2022 instrument.
func respondentBody(product string) map[string]any {
	answers := map[string]string{}
	for _, code := range []string{"OU.PM.01", "OU.PM.02", "OU.PM.03", "OU.PM.04", "OU.PM.05"} {
		answers[code] = "no"
	}
	return map[string]any{"client_key": "matriks-responden-0001", "product": product, "answers": answers}
}

// identityMapping maps every indicator of a preset to the same code.
func identityMapping(preset string) map[string]any {
	m, err := scoring.Preset(preset)
	if err != nil {
		panic(err)
	}
	var items []map[string]any
	for _, in := range m.Indicators() {
		items = append(items, map[string]any{"indicator": in.Code, "previous": in.Code})
	}
	return map[string]any{"items": items, "reason": "sama dengan tahun lalu"}
}

// instrumentTemplate is the instrument import template, a valid workbook to upload.
func instrumentTemplate() []byte {
	var buf bytes.Buffer
	if err := excel.WriteTemplate(&buf, excel.TemplateInstrument); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

func TestAuthorizationMatrix(t *testing.T) {
	s := newServer(t)
	i := s.ids()
	rows := matrix()

	// Every registered route has a row, and every row is a registered route.
	r := api.NewRouter(api.Deps{Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Service: s.svc, Sessions: api.NewSessions(nil, false)})
	registered := map[string]bool{}
	for _, ri := range r.Routes() {
		registered[ri.Method+" "+ri.Path] = true
	}
	covered := map[string]bool{}
	for _, rw := range rows {
		k := rw.method + " " + rw.route
		covered[k] = true
		if !registered[k] {
			t.Errorf("matrix row %s is not a registered route", k)
		}
	}
	var missing []string
	for k := range registered {
		if !covered[k] {
			missing = append(missing, k)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Fatalf("routes without a row in the authorization matrix: %v", missing)
	}

	before := s.fingerprint()
	clients := map[string]*client{}
	for _, ro := range roles {
		clients[ro.name] = s.signedIn(ro.email)
	}
	unexpected := 0
	for _, rw := range rows {
		for vi, mk := range []func(ids) target{rw.own, rw.other} {
			if mk == nil {
				continue
			}
			tg := mk(i)
			variant := []string{"own", "other"}[vi]
			for ri, ro := range roles {
				wantStatus := tg.want[ri]
				write := rw.method != "GET" && wantStatus >= 200 && wantStatus < 300 && !strings.HasPrefix(rw.route, "/api/v1/session")
				c := clients[ro.name]
				srv := s
				if write {
					// A write that succeeds runs on its own copy of the demo data.
					// Its sessions are copied from the shared server (the same demo
					// users), sparing a costly password check per cell.
					srv = newServer(t)
					c = srv.withSessionOf(s, clients[ro.name])
				} else if rw.route == "/api/v1/session" && rw.method == "DELETE" {
					c = s.signedIn(ro.email)
				}
				res := c.send(rw.method, tg.path, tg.body, tg.hdr)
				if res.status != wantStatus {
					unexpected++
					t.Errorf("%s %s (%s) as %s: got %d, want %d: %s", rw.method, tg.path, variant, ro.name, res.status, wantStatus, trim(res.body))
				}
				if res.status == 200 && wantStatus != 200 {
					t.Errorf("UNEXPECTED ALLOW: %s %s as %s", rw.method, tg.path, ro.name)
				}
			}
		}
	}
	if after := s.fingerprint(); after != before {
		t.Errorf("refused or failed requests changed the data: %s → %s", before, after)
	}
	t.Logf("%d cells checked, %d unexpected", countCells(rows), unexpected)
}

func countCells(rows []row) int {
	n := 0
	for _, r := range rows {
		if r.own != nil {
			n += len(roles)
		}
		if r.other != nil {
			n += len(roles)
		}
	}
	return n
}

func trim(b []byte) string {
	if len(b) > 200 {
		return string(b[:200]) + "…"
	}
	return string(b)
}

// fingerprint summarises the data a request could change.
func (s *server) fingerprint() string {
	var f struct {
		Audit, Answers, Versions, States, Users, Evidence, Assign int64
	}
	s.db.Raw(`SELECT (SELECT count(*) FROM audit_log) AS audit, (SELECT count(*) FROM answers) AS answers,
		(SELECT coalesce(sum(version), 0) FROM answers) AS versions, (SELECT coalesce(sum(version), 0) FROM unit_assessments) AS states,
		(SELECT count(*) FROM users) AS users, (SELECT count(*) FROM evidence) AS evidence, (SELECT count(*) FROM assignments) AS assign`).Scan(&f)
	return fmt.Sprintf("%+v", f)
}

// send is do with multipart support.
func (c *client) send(method, path string, body any, hdr map[string]string) response {
	mf, ok := body.(multipartFile)
	if !ok {
		return c.do(method, path, body, hdr)
	}
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, v := range mf.fields {
		_ = w.WriteField(k, v)
	}
	fw, _ := w.CreateFormFile("file", mf.name)
	_, _ = fw.Write(mf.data)
	_ = w.Close()
	h := map[string]string{"Content-Type": w.FormDataContentType()}
	for k, v := range hdr {
		h[k] = v
	}
	return c.do(method, path, buf.Bytes(), h)
}

var _ = assessment.RoleAdmin

// withSessionOf returns a client of s2 carrying c's session, after copying
// the session rows of from's database into s2's (both hold the same users).
func (s2 *server) withSessionOf(from *server, c *client) *client {
	s2.t.Helper()
	nc := s2.client()
	token := sessionCookie(c)
	if token == "" {
		return nc
	}
	var rows []struct {
		Token  string
		Data   []byte
		Expiry time.Time
	}
	if err := from.db.Raw(`SELECT token, data, expiry FROM sessions WHERE token = ?`, token).Scan(&rows).Error; err != nil || len(rows) != 1 {
		s2.t.Fatalf("session of %s: %v", c.base, err)
	}
	if err := s2.db.Exec(`INSERT INTO sessions (token, data, expiry) VALUES (?, ?, ?)`, rows[0].Token, rows[0].Data, rows[0].Expiry).Error; err != nil {
		s2.t.Fatal(err)
	}
	u, _ := url.Parse(nc.base)
	nc.hc.Jar.SetCookies(u, []*http.Cookie{{Name: "p4_session", Value: token, Path: "/"}})
	return nc
}
