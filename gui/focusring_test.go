package gui

import (
	"image"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// changedPixels counts the pixels that differ visibly between a and b: by more
// than a few steps of colour, which blending leaves and no eye sees.
func changedPixels(a, b image.Image) int {
	n := 0
	r := a.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			r1, g1, b1, _ := a.At(x, y).RGBA()
			r2, g2, b2, _ := b.At(x, y).RGBA()
			if diff(r1, r2)+diff(g1, g2)+diff(b1, b2) > 48<<8 {
				n++
			}
		}
	}
	return n
}

func diff(a, b uint32) uint32 {
	if a > b {
		return a - b
	}
	return b - a
}

// focusChange is how many pixels of b change when Tab gives it the keyboard.
func focusChange(t *testing.T, b fyne.Focusable) int {
	t.Helper()
	w := test.NewWindow(container.NewCenter(b.(fyne.CanvasObject)))
	defer w.Close()
	w.Resize(fyne.NewSize(300, 100))
	before := w.Canvas().Capture()
	test.FocusNext(w.Canvas())
	if w.Canvas().Focused() != b {
		t.Fatalf("Tab did not reach the button")
	}
	return changedPixels(before, w.Canvas().Capture())
}

func TestABlueButtonShowsThatItHasTheKeyboard(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(theme.DefaultTheme()) // the colours users see, not the test theme's
	fyneOwn := widget.NewButton("Skicka påminnelser", func() {})
	fyneOwn.Importance = widget.HighImportance
	// Fyne blends the focus colour, which is the primary colour, into the blue:
	// what this program's blue buttons had before.
	t.Logf("Fyne's own blue button changes %d pixels on focus", focusChange(t, fyneOwn))
	ours := newPrimaryButton("Skicka påminnelser", nil, func() {})
	if n := focusChange(t, ours); n < 100 {
		t.Errorf("a focused blue button differs from an unfocused one in %d pixels: the focus cannot be seen", n)
	}
	ours.FocusLost()
	if ring := test.WidgetRenderer(ours).(*ringRenderer).ring; ring.Visible() {
		t.Error("the ring stays after the button lost the keyboard")
	}
}
