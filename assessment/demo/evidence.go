package demo

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"image"
	"image/color"
	"image/png"
	"strings"
)

// pngEvidence returns a small valid PNG standing in for a field photo: a
// 48×32 picture of a notice board whose colours derive from the name, so
// each file differs and is the same on every run.
func pngEvidence(name string) ([]byte, error) {
	h := fnv.New32a()
	h.Write([]byte(name))
	sum := h.Sum32()
	board := color.NRGBA{R: uint8(40 + sum%80), G: uint8(90 + (sum>>8)%90), B: uint8(60 + (sum>>16)%80), A: 255}
	wall := color.NRGBA{R: 236, G: 230, B: 214, A: 255}
	ink := color.NRGBA{R: 250, G: 250, B: 250, A: 255}
	img := image.NewNRGBA(image.Rect(0, 0, 48, 32))
	for y := range 32 {
		for x := range 48 {
			c := wall
			if x >= 6 && x < 42 && y >= 4 && y < 26 {
				c = board
				// lines of "text" on the board
				if y%4 == 1 && x >= 9 && x < 39-int((sum>>uint(y%16))%8) {
					c = ink
				}
			}
			img.SetNRGBA(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("demo: encode %s: %w", name, err)
	}
	return buf.Bytes(), nil
}

// pdfEvidence returns a minimal valid one-page PDF (PDF 1.4, Helvetica) whose
// page shows the given lines of text, standing in for a scanned document.
// Lines must be ASCII; the cross-reference table is computed from the bytes.
func pdfEvidence(lines ...string) []byte {
	var content strings.Builder
	content.WriteString("BT\n/F1 12 Tf\n72 770 Td\n16 TL\n")
	for _, l := range lines {
		r := strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`)
		fmt.Fprintf(&content, "(%s) '\n", r.Replace(l))
	}
	content.WriteString("ET\n")
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", content.Len(), content.String()),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}
