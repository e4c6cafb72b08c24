package api_test

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"strconv"
)

func itoa(i int64) string { return strconv.FormatInt(i, 10) }

func pngBytes() []byte {
	img := image.NewRGBA(image.Rect(0, 0, 4, 4))
	img.Set(1, 1, color.RGBA{200, 0, 0, 255})
	var b bytes.Buffer
	_ = png.Encode(&b, img)
	return b.Bytes()
}
