package gui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"paminn/data/testbook"
)

// inPageView tells whether f lies on the settings page, and whether the page's
// scroll shows it whole.
func inPageView(s *settingsTab, f fyne.Focusable) (onPage, shown bool) {
	obj, ok := f.(fyne.CanvasObject)
	if !ok || f == fyne.Focusable(s.saveBtn) {
		return false, false
	}
	d := fyne.CurrentApp().Driver()
	rel := d.AbsolutePositionForObject(obj).Subtract(d.AbsolutePositionForObject(s.page.Content))
	top, bottom := s.page.Offset.Y, s.page.Offset.Y+s.page.Size().Height
	return true, rel.Y >= top && rel.Y+obj.Size().Height <= bottom
}

// Tab and Shift+Tab through the settings page scroll the field that has the
// keyboard into view, all the way down the page and back up again.
func TestTabbingThroughTheSettingsBringsEachFieldIntoView(t *testing.T) {
	m, _, s := loadedSettings(t, testbook.Options{})
	m.Window.Resize(fyne.NewSize(1024, 600)) // the page is longer than the window
	settle()
	c := m.Window.Canvas()
	for _, dir := range []struct {
		name string
		step func(fyne.Canvas)
		from fyne.Focusable
	}{
		{"Tab down the page", test.FocusNext, s.name},
		{"Shift+Tab up the page", test.FocusPrevious, s.saveBtn},
	} {
		t.Run(dir.name, func(t *testing.T) {
			c.Focus(dir.from)
			below := 0 // fields that lay outside the window before they got the keyboard
			for i := 0; i < 200; i++ {
				dir.step(c)
				f := c.Focused()
				if f == dir.from {
					break // round the page
				}
				if onPage, shown := inPageView(s, f); onPage && !shown {
					below++
					waitFor(t, "the focused field in view", func() bool { _, shown := inPageView(s, f); return shown })
				}
			}
			if below == 0 {
				t.Fatal("no field lay outside the window: the test proves nothing")
			}
		})
	}
}

// The settings page's look at the keyboard ends with its window: a closed window's
// page stays "visible", and the watch went on posting to the UI queue for ever.
func TestTheSettingsFocusWatchStopsWithItsWindow(t *testing.T) {
	// Not newTestWindow, whose clean-up closes the window a second time.
	m := NewMainWindow(test.NewTempApp(t), testbook.New(t, testbook.Options{}).Service, Options{})
	m.Window.Show()
	waitFor(t, "the invoice list", func() bool { return m.invoices.loaded })
	m.tabs.Select(m.tabs.Items[3])
	if !m.settings.watching {
		t.Fatal("the settings page shown does not watch the keyboard")
	}
	m.Window.Close()
	waitFor(t, "the watch to stop", func() bool { return !m.settings.watching })
	quiet := make(chan struct{})
	go func() { settle(); close(quiet) }()
	select {
	case <-quiet:
	case <-time.After(5 * time.Second):
		t.Fatal("the UI queue is still busy 5 s after the window closed")
	}
}
