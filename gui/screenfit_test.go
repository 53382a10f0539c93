package gui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"paminn/data/testbook"
)

func TestTheWindowOpensNoLargerThanTheScreen(t *testing.T) {
	want := fyne.NewSize(1240, 720)
	for _, c := range []struct {
		name         string
		screen, open fyne.Size
	}{
		{"a 1024×768 screen opens the window within it, frame included", fyne.NewSize(1024, 768), fyne.NewSize(1000, 704)},
		{"a 1280×800 screen keeps the default width and fits the height", fyne.NewSize(1280, 800), fyne.NewSize(1240, 720)},
		{"a large screen keeps the remembered size", fyne.NewSize(2560, 1440), want},
		{"an unknown screen keeps the remembered size", fyne.Size{}, want},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := fitScreen(want, c.screen); got != c.open {
				t.Errorf("fitScreen(%v, %v) = %v, want %v", want, c.screen, got, c.open)
			}
		})
	}
}

// smallScreen makes the window open on a 1024×768 screen, in the real theme (whose
// text is wider than the test theme's), for the rest of the test.
func smallScreen(t *testing.T) {
	t.Helper()
	old := screenSize
	screenSize = func(fyne.Window) fyne.Size { return fyne.NewSize(1024, 768) }
	t.Cleanup(func() { screenSize = old })
}

func TestEveryTabAndTheReminderDialogFitA1024By768Screen(t *testing.T) {
	smallScreen(t)
	book := testbook.New(t, testbook.Options{Amili: true})
	handedToAmili(t, book) // the dialog's count says what it leaves out
	a := test.NewTempApp(t)
	a.Settings().SetTheme(theme.DefaultTheme())
	m := NewMainWindow(a, book.Service, Options{})
	m.Window.Show()
	t.Cleanup(m.Window.Close)
	waitFor(t, "the invoice list", func() bool { return m.invoices.loaded })
	size := m.Window.Canvas().Size()
	if size.Width > 1000 || size.Height > 704 {
		t.Fatalf("the window opened at %v on a 1024×768 screen", size)
	}
	for _, item := range m.tabs.Items {
		if w := item.Content.MinSize().Width; w > size.Width {
			t.Errorf("the tab %s needs %.0f px, wider than the window's %.0f", item.Text, w, size.Width)
		}
	}
	// The settings page scrolls, up and down: its columns fit the window beside each
	// other (the rate table's four equal columns made it scroll sideways too).
	waitFor(t, "the settings", func() bool { return m.settings.saved != "" && len(m.settings.rates.rows) > 0 })
	if w, room := m.settings.page.Content.MinSize().Width, size.Width-2*theme.Padding(); w > room {
		t.Errorf("the settings page needs %.0f px, wider than the window's %.0f: it scrolls sideways", w, room)
	}
	d := openRemind(t, m)
	if w, room := d.dlg.MinSize().Width, d.win.Canvas().Size().Width; w > room {
		t.Errorf("the reminder dialog needs %.0f px, wider than the window's %.0f", w, room)
	}
}
