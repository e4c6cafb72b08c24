package assessment_test

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/ombudsman-ri/p4/assessment"
)

// FuzzEvidenceUpload runs what an evidence upload does with what a browser
// sends: the file name is cleaned (no path, no control characters, at most
// 200 characters, never empty) and the bytes are sniffed (only the accepted
// types, never trusting the name).
//
//fuzz:short
func FuzzEvidenceUpload(f *testing.F) {
	f.Add("foto.png", []byte("\x89PNG\r\n\x1a\n"))
	f.Add("../../etc/passwd", []byte("%PDF-1.7\n"))
	f.Add(`..\..\win.ini`, []byte("<html><script>alert(1)</script>"))
	f.Add("a\x00b\r\n.jpg", []byte("\xff\xd8\xff\xe0"))
	f.Add("", []byte("PK\x03\x04"))
	f.Add(strings.Repeat("é", 300), []byte("MZ\x90\x00"))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		clean := assessment.CleanFileName(name)
		if clean == "" || clean == "." || clean == ".." || strings.ContainsAny(clean, `/\`) || utf8.RuneCountInString(clean) > 200 {
			t.Fatalf("CleanFileName(%q) = %q", name, clean)
		}
		for _, r := range clean {
			if unicode.IsControl(r) {
				t.Fatalf("CleanFileName(%q) = %q keeps a control character", name, clean)
			}
		}
		mt, err := assessment.SniffEvidence(data)
		if err == nil && !slices.Contains(assessment.EvidenceTypes, mt) {
			t.Fatalf("SniffEvidence accepted %q", mt)
		}
		if err == nil && len(data) == 0 {
			t.Fatal("an empty file was accepted")
		}
	})
}
