package api_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ombudsman-ri/p4/api"
	"github.com/ombudsman-ri/p4/excel"
)

// The workbooks' contents are tested in package excel (against the demo
// data too); here: the routes, downloads, background jobs across
// instances, and imports over multipart.

var sheetName = regexp.MustCompile(`<sheet [^>]*name="([^"]+)"`)

// sheets lists the sheet names of an .xlsx body, read from its zip.
func sheets(t *testing.T, res response) []string {
	t.Helper()
	if ct := res.header.Get("Content-Type"); ct != excel.ContentType {
		t.Fatalf("Content-Type %q, want %s: %s", ct, excel.ContentType, trim(res.body))
	}
	zr, err := zip.NewReader(bytes.NewReader(res.body), int64(len(res.body)))
	if err != nil {
		t.Fatalf("the body is not an xlsx: %v", err)
	}
	for _, f := range zr.File {
		if f.Name == "xl/workbook.xml" {
			rc, _ := f.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			var out []string
			for _, m := range sheetName.FindAllStringSubmatch(string(b), -1) {
				out = append(out, m[1])
			}
			return out
		}
	}
	t.Fatal("no xl/workbook.xml")
	return nil
}

func TestWorkbookDownload(t *testing.T) {
	s := newServer(t)
	res := s.signedIn("koordinator@p4.demo").do("GET", "/api/v1/periods/2022/workbook.xlsx", nil, nil)
	if res.status != 200 {
		t.Fatalf("got %d: %s", res.status, res.body)
	}
	want := []string{"Ringkasan", "Peringkat Pemda", "Peringkat Kantah", "Peringkat Polres", "Dimensi", "Indikator", "Metode"}
	if got := sheets(t, res); !slices.Equal(got, want) {
		t.Errorf("sheets %v, want %v", got, want)
	}
	if cd := res.header.Get("Content-Disposition"); cd != `attachment; filename=p4-2022-17.xlsx` {
		t.Errorf("Content-Disposition %q", cd)
	}
	// The national workbook is a background job.
	res = s.signedIn("pimpinan@p4.demo").do("GET", "/api/v1/periods/2022/workbook.xlsx", nil, nil)
	if res.status != 422 || !strings.Contains(string(res.body), `"field":"province"`) || !strings.Contains(string(res.body), "POST /api/v1/exports") {
		t.Errorf("national workbook in a request: %d %s", res.status, res.body)
	}
	res = s.signedIn("pimpinan@p4.demo").do("GET", "/api/v1/periods/2022/workbook.xlsx?province=99", nil, nil)
	if res.status != 404 {
		t.Errorf("unknown province: %d", res.status)
	}
}

func TestAgencyReportDownload(t *testing.T) {
	s := newServer(t)
	i := s.ids()
	kaur := s.signedIn("kaur@p4.demo")
	res := kaur.do("GET", fmt.Sprintf("/api/v1/periods/2022/entities/%d/report.xlsx", i.kaur), nil, nil)
	if res.status != 200 {
		t.Fatalf("got %d: %s", res.status, res.body)
	}
	if got, want := sheets(t, res), []string{"Rapor", "Unit", "Perbaikan", "Prioritas", "Riwayat"}; !slices.Equal(got, want) {
		t.Errorf("sheets %v, want %v", got, want)
	}
	if cd := res.header.Get("Content-Disposition"); !strings.Contains(cd, "rapor-p4-2022-pemkab-1704.xlsx") {
		t.Errorf("Content-Disposition %q", cd)
	}
	// 2023 is not final for Kaur: its agency user may not see it yet.
	if res := kaur.do("GET", fmt.Sprintf("/api/v1/periods/2023/entities/%d/report.xlsx", i.kaur), nil, nil); res.status != 404 {
		t.Errorf("unfinished 2023 report: %d", res.status)
	}
	// The historical 2021 result was imported: a report without explanations.
	if res := kaur.do("GET", fmt.Sprintf("/api/v1/periods/2021/entities/%d/report.xlsx", i.kaur), nil, nil); res.status != 200 {
		t.Errorf("2021 report: %d %s", res.status, trim(res.body))
	}
}

func (c *client) job(id int64) map[string]any {
	c.s.t.Helper()
	res := c.do("GET", fmt.Sprintf("/api/v1/exports/%d", id), nil, nil)
	if res.status != 200 {
		c.s.t.Fatalf("job %d: %d %s", id, res.status, res.body)
	}
	return res.json(c.s.t)
}

// startJobs runs a job worker on the server's service; its log is returned.
func (s *server) startJobs(t *testing.T, dir string) *lockedWriter {
	t.Helper()
	logs := &lockedWriter{w: &bytes.Buffer{}}
	stop := api.StartJobs(context.Background(), api.Deps{Service: s.svc, ExportDir: dir, JobPoll: 20 * time.Millisecond,
		Log: slog.New(slog.NewJSONHandler(logs, nil))})
	t.Cleanup(stop)
	return logs
}

func (l *lockedWriter) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return fmt.Sprint(l.w)
}

// waitDone polls a job until it is done (or fails the test).
func waitDone(t *testing.T, c *client, id int64) map[string]any {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		j := c.job(id)
		switch j["state"] {
		case "done":
			return j
		case "failed":
			t.Fatalf("job %d failed: %v", id, j["error"])
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("job %d not done in time", id)
	return nil
}

func TestExportJob(t *testing.T) {
	s := newServer(t)
	leader, coord, admin := s.signedIn("pimpinan@p4.demo"), s.signedIn("koordinator@p4.demo"), s.signedIn("admin@p4.demo")
	res := leader.do("POST", "/api/v1/exports", map[string]any{"year": 2022}, nil)
	if res.status != 202 {
		t.Fatalf("got %d: %s", res.status, res.body)
	}
	var j struct {
		ID    int64  `json:"id"`
		State string `json:"state"`
	}
	_ = json.Unmarshal(res.body, &j)
	if j.State != "queued" || res.header.Get("Location") != fmt.Sprintf("/api/v1/exports/%d", j.ID) {
		t.Errorf("job %+v, Location %q", j, res.header.Get("Location"))
	}
	// The same request while it is pending is the same job.
	again := leader.do("POST", "/api/v1/exports", map[string]any{"year": 2022, "kind": "workbook"}, nil)
	if got := again.json(t)["id"]; got != float64(j.ID) {
		t.Errorf("second request got job %v, want %d", got, j.ID)
	}
	if res := coord.do("GET", fmt.Sprintf("/api/v1/exports/%d", j.ID), nil, nil); res.status != 404 {
		t.Errorf("another user sees the job: %d", res.status)
	}
	if res := leader.do("GET", fmt.Sprintf("/api/v1/exports/%d/file", j.ID), nil, nil); res.status != 409 {
		t.Errorf("file of a queued job: %d", res.status)
	}
	// A coordinator's export is of their own province.
	res = coord.do("POST", "/api/v1/exports", map[string]any{"year": 2022}, nil)
	var cj struct {
		ID     int64          `json:"id"`
		Params map[string]any `json:"params"`
	}
	if res.status != 202 || json.Unmarshal(res.body, &cj) != nil || cj.Params["province"] != "17" {
		t.Errorf("coordinator's export: %d %s", res.status, res.body)
	}

	jobLogs := s.startJobs(t, s.exports)
	done := waitDone(t, leader, j.ID)
	if done["progress"] != float64(100) || done["file_url"] != fmt.Sprintf("/api/v1/exports/%d/file", j.ID) || done["file_name"] != "p4-2022-nasional.xlsx" {
		t.Errorf("done job %v", done)
	}
	file := leader.do("GET", fmt.Sprintf("/api/v1/exports/%d/file", j.ID), nil, nil)
	if file.status != 200 {
		t.Fatalf("download: %d %s", file.status, trim(file.body))
	}
	want := []string{"Ringkasan", "Peringkat Pemprov", "Peringkat Pemkab", "Peringkat Pemkot", "Peringkat Kantah", "Peringkat Polres", "Dimensi", "Indikator", "Metode"}
	if got := sheets(t, file); !slices.Equal(got, want) {
		t.Errorf("national sheets %v, want %v", got, want)
	}
	if res := admin.do("GET", fmt.Sprintf("/api/v1/exports/%d/file", j.ID), nil, nil); res.status != 200 {
		t.Errorf("admin download: %d", res.status)
	}
	if res := coord.do("GET", fmt.Sprintf("/api/v1/exports/%d/file", j.ID), nil, nil); res.status != 404 {
		t.Errorf("another user downloads the file: %d", res.status)
	}
	waitDone(t, coord, cj.ID)
	if got := sheets(t, coord.do("GET", fmt.Sprintf("/api/v1/exports/%d/file", cj.ID), nil, nil)); len(got) != 7 {
		t.Errorf("coordinator's province export has sheets %v", got)
	}
	// A removed file is gone, not an error.
	var path string
	s.db.Raw(`SELECT result_path FROM jobs WHERE id = ?`, j.ID).Scan(&path)
	if err := os.Remove(filepath.Join(s.exports, path)); err != nil {
		t.Fatal(err)
	}
	if res := leader.do("GET", fmt.Sprintf("/api/v1/exports/%d/file", j.ID), nil, nil); res.status != 410 {
		t.Errorf("missing file: %d", res.status)
	}
	if logs := jobLogs.String(); strings.Contains(logs, `"level":"ERROR"`) || !strings.Contains(logs, `"msg":"job done"`) {
		t.Errorf("job worker log:\n%s", logs)
	}
}

// Several instances share the queue: each job runs once, on one of them.
func TestJobsAcrossInstances(t *testing.T) {
	a := newServer(t)
	b := serverOn(t, a.url)
	dir := t.TempDir()
	leader := a.signedIn("pimpinan@p4.demo")
	var jobs []int64
	for _, p := range []string{"", "17", "16"} {
		res := leader.do("POST", "/api/v1/exports", map[string]any{"year": 2023, "province": p}, nil)
		if res.status != 202 {
			t.Fatalf("%d %s", res.status, res.body)
		}
		jobs = append(jobs, int64(res.json(t)["id"].(float64)))
	}
	a.startJobs(t, dir)
	b.startJobs(t, dir)
	for _, id := range jobs {
		waitDone(t, leader, id)
	}
	var attempts []int
	a.db.Raw(`SELECT attempts FROM jobs WHERE id IN ? ORDER BY id`, jobs).Scan(&attempts)
	if !slices.Equal(attempts, []int{1, 1, 1}) {
		t.Errorf("attempts %v, want each job claimed once", attempts)
	}
	files, _ := os.ReadDir(dir)
	if len(files) != 3 {
		t.Errorf("%d files in the exports folder, want 3", len(files))
	}
}

func upload(c *client, path, name string, data []byte) response {
	return c.send("POST", path, multipartFile{nil, name, data}, nil)
}

func TestImportsOverHTTP(t *testing.T) {
	s := newServer(t)
	admin := s.signedIn("admin@p4.demo")
	tpl := admin.do("GET", "/api/v1/templates/instrument.xlsx", nil, nil)
	if tpl.status != 200 || !strings.Contains(tpl.header.Get("Content-Disposition"), "p4-templat-instrument.xlsx") {
		t.Fatalf("template: %d %v", tpl.status, tpl.header)
	}
	res := upload(admin, "/api/v1/imports/instrument", "instrumen.xlsx", tpl.body)
	if res.status != 200 {
		t.Fatalf("instrument import: %d %s", res.status, res.body)
	}
	sum := res.json(t)
	if sum["created"].(map[string]any)["methods"] != float64(1) || sum["method"].(map[string]any)["code"] != "2022" {
		t.Errorf("summary %v", sum)
	}
	res = upload(admin, "/api/v1/imports/instrument", "instrumen.xlsx", tpl.body)
	if res.status != 200 || res.json(t)["unchanged"].(map[string]any)["methods"] != float64(1) {
		t.Errorf("re-import: %d %s", res.status, res.body)
	}

	// 422 with cell references, nothing written.
	before := s.fingerprint()
	res = upload(admin, "/api/v1/imports/locus", "lokus.xlsx", tpl.body) // a workbook, but not a locus
	body := string(res.body)
	if res.status != 422 || !strings.Contains(body, `"field":"Lokus!A1"`) || !strings.Contains(body, "missing_sheet") {
		t.Errorf("wrong workbook: %d %s", res.status, body)
	}
	res = upload(admin, "/api/v1/imports/users", "pengguna.xlsx", []byte{})
	if res.status != 422 || !strings.Contains(string(res.body), `"field":"file","code":"empty"`) {
		t.Errorf("empty file: %d %s", res.status, res.body)
	}
	if res := upload(admin, "/api/v1/imports/results", "hasil.xlsx", tpl.body); res.status != 422 || !strings.Contains(string(res.body), `"field":"year"`) {
		t.Errorf("results without a year: %d %s", res.status, res.body)
	}
	if res := admin.send("POST", "/api/v1/imports/locus", map[string]any{"file": "x"}, nil); res.status != 415 {
		t.Errorf("JSON instead of multipart: %d", res.status)
	}
	if res := admin.send("POST", "/api/v1/imports/locus", multipartFile{map[string]string{"note": "x"}, "", nil}, nil); res.status != 422 {
		t.Errorf("no file part: %d %s", res.status, res.body)
	}
	big := bytes.Repeat([]byte("x"), excel.MaxUpload+2<<20)
	if res := upload(admin, "/api/v1/imports/locus", "besar.xlsx", big); res.status != 413 {
		t.Errorf("oversized upload: %d %s", res.status, trim(res.body))
	}
	if res := upload(s.signedIn("pimpinan@p4.demo"), "/api/v1/imports/locus", "lokus.xlsx", tpl.body); res.status != 403 {
		t.Errorf("leadership import: %d", res.status)
	}
	if res := upload(admin, "/api/v1/imports/rapor", "x.xlsx", tpl.body); res.status != 404 {
		t.Errorf("unknown import: %d", res.status)
	}
	if after := s.fingerprint(); after != before {
		t.Errorf("refused imports changed the data: %s → %s", before, after)
	}
	for _, kind := range excel.TemplateKinds() {
		if res := s.signedIn("penilai1@p4.demo").do("GET", "/api/v1/templates/"+kind+".xlsx", nil, nil); res.status != 200 || len(sheets(t, res)) < 2 {
			t.Errorf("template %s: %d", kind, res.status)
		}
	}
	if res := admin.do("GET", "/api/v1/templates/locus", nil, nil); res.status != 404 {
		t.Errorf("template without .xlsx: %d", res.status)
	}
}
