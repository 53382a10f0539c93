//go:build ignore

// xwdshot turns the screen of an Xvfb started with -fbdir (the file Xvfb_screen0, in
// X's XWD format) into a PNG, and measures how bright a part of it is. The Windows
// checks (.ci/wine-check) use it for their screenshots and to see the reminder dialog
// open: a Fyne dialog lays a shadow over the window around it.
//
//	go run .ci/xwdshot.go png SCREEN OUT.png            writes the screen as a PNG
//	go run .ci/xwdshot.go shade SCREEN X Y W H          prints the mean brightness
//	                                                    (0–255) of that rectangle
//
// It reads the TrueColor layouts Xvfb writes (depth 24 in 32 bits a pixel, either byte
// order), as laid out in X11's XWDFile.h.
package main

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"strconv"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "xwdshot:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) < 2 {
		return errors.New("usage: xwdshot png SCREEN OUT.png | xwdshot shade SCREEN X Y W H")
	}
	img, err := readXWD(args[1])
	if err != nil {
		return err
	}
	switch {
	case args[0] == "png" && len(args) == 3:
		return writePNG(img, args[2])
	case args[0] == "shade" && len(args) == 6:
		var r [4]int
		for i := range r {
			if r[i], err = strconv.Atoi(args[2+i]); err != nil {
				return err
			}
		}
		fmt.Println(shade(img, image.Rect(r[0], r[1], r[0]+r[2], r[1]+r[3])))
		return nil
	}
	return fmt.Errorf("unknown command %q", args)
}

// xwdHeader is the fixed part of an XWD file's header: 25 big-endian 32-bit words.
type xwdHeader struct {
	HeaderSize, FileVersion, PixmapFormat, PixmapDepth, PixmapWidth, PixmapHeight uint32
	XOffset, ByteOrder, BitmapUnit, BitmapBitOrder, BitmapPad, BitsPerPixel       uint32
	BytesPerLine, VisualClass, RedMask, GreenMask, BlueMask, BitsPerRGB           uint32
	ColormapEntries, NColors, WindowWidth, WindowHeight, WindowX, WindowY         uint32
	WindowBorderWidth                                                             uint32
}

// readXWD reads a 32-bit-a-pixel TrueColor XWD file.
func readXWD(name string) (*image.RGBA, error) {
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	var h xwdHeader
	if _, err := binary.Decode(b, binary.BigEndian, &h); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if h.FileVersion != 7 || h.PixmapFormat != 2 || h.BitsPerPixel != 32 {
		return nil, fmt.Errorf("%s: not a 32-bit ZPixmap XWD file (version %d, format %d, %d bits)",
			name, h.FileVersion, h.PixmapFormat, h.BitsPerPixel)
	}
	w, ht := int(h.PixmapWidth), int(h.PixmapHeight)
	start := int(h.HeaderSize) + 12*int(h.NColors)
	if start+int(h.BytesPerLine)*ht > len(b) {
		return nil, fmt.Errorf("%s: %d bytes, too short for %d×%d", name, len(b), w, ht)
	}
	var order binary.ByteOrder = binary.LittleEndian
	if h.ByteOrder == 1 {
		order = binary.BigEndian
	}
	img := image.NewRGBA(image.Rect(0, 0, w, ht))
	for y := 0; y < ht; y++ {
		row := b[start+y*int(h.BytesPerLine):]
		for x := 0; x < w; x++ {
			p := order.Uint32(row[4*x:])
			img.SetRGBA(x, y, color.RGBA{channel(p, h.RedMask), channel(p, h.GreenMask), channel(p, h.BlueMask), 255})
		}
	}
	return img, nil
}

// channel is the 8-bit value of the colour channel mask selects in pixel p.
func channel(p, mask uint32) uint8 {
	if mask == 0 {
		return 0
	}
	for mask&1 == 0 {
		mask >>= 1
		p >>= 1
	}
	v := p & mask
	for mask > 0xff { // keep the top 8 bits of a wider channel
		mask >>= 1
		v >>= 1
	}
	return uint8(v)
}

func writePNG(img image.Image, name string) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	if err := png.Encode(w, img); err != nil {
		f.Close()
		return err
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// shade is the mean brightness (Rec. 601 luma, 0–255) of r, clipped to the image.
func shade(img *image.RGBA, r image.Rectangle) int {
	r = r.Intersect(img.Bounds())
	if r.Empty() {
		return 0
	}
	var sum int
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			c := img.RGBAAt(x, y)
			sum += (299*int(c.R) + 587*int(c.G) + 114*int(c.B)) / 1000
		}
	}
	return sum / (r.Dx() * r.Dy())
}
