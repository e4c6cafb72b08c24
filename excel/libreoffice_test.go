package excel_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ombudsman-ri/p4/excel"
)

// TestOpensInLibreOffice opens every kind of workbook P4 writes the way a
// user's office suite would, by converting it to PDF with LibreOffice: a
// workbook an office suite would need to repair does not convert.
// `scripts/deps.sh test` installs LibreOffice (Debian libreoffice-calc-nogui).
func TestOpensInLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Fatal("LibreOffice is missing (soffice not on PATH): run `scripts/deps.sh test`, which installs the Debian package libreoffice-calc-nogui")
	}
	dir := t.TempDir()
	files := map[string][]byte{
		"pimpinan.xlsx": writeLeadership(t, provinceFixture(t), "17"),
		"rapor.xlsx":    writeReport(t, agencyReport(t, true)),
	}
	for _, kind := range excel.TemplateKinds() {
		var buf bytes.Buffer
		if err := excel.WriteTemplate(&buf, kind); err != nil {
			t.Fatal(err)
		}
		files["templat-"+kind+".xlsx"] = buf.Bytes()
	}
	var paths []string
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	out := filepath.Join(dir, "pdf")
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	args := append([]string{"--headless", "--norestore", "-env:UserInstallation=file://" + filepath.Join(dir, "profile"),
		"--convert-to", "pdf", "--outdir", out}, paths...)
	start := time.Now()
	output, err := exec.CommandContext(ctx, soffice, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("soffice failed: %v\n%s", err, output)
	}
	t.Logf("LibreOffice converted %d workbooks in %v", len(paths), time.Since(start).Round(time.Millisecond))
	if strings.Contains(string(output), "Error") {
		t.Errorf("LibreOffice reported an error:\n%s", output)
	}
	for name := range files {
		pdf := filepath.Join(out, strings.TrimSuffix(name, ".xlsx")+".pdf")
		b, err := os.ReadFile(pdf)
		if err != nil {
			t.Errorf("%s did not open in LibreOffice: no PDF (%v)\n%s", name, err, output)
			continue
		}
		if !bytes.HasPrefix(b, []byte("%PDF")) || len(b) < 2000 {
			t.Errorf("%s: the PDF is empty or broken (%d bytes)", name, len(b))
		}
	}
}
