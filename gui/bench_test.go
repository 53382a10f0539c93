package gui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"paminn/data/benchbook"
)

// The GUI benchmarks build the window and the reminder dialog over a real service on
// benchbook's 100,000-invoice book, in fyne's test app. Figures: BENCHMARKS.md.

// runUIUntil runs queued UI work until cond holds, failing after a minute.
func runUIUntil(b *testing.B, what string, cond func() bool) {
	b.Helper()
	deadline := time.Now().Add(time.Minute)
	for !cond() {
		if time.Now().After(deadline) {
			b.Fatalf("timed out waiting for %s", what)
		}
		select {
		case f := <-uiQueue:
			f()
		case <-time.After(time.Millisecond):
		}
	}
}

// BenchmarkMainWindow builds the main window, waits for the invoice list's first
// page and totals, and draws the window once.
func BenchmarkMainWindow(b *testing.B) {
	svc, _ := benchbook.Service(b)
	a := test.NewTempApp(b)
	defer benchbook.ReportCPU(b)()
	b.ReportAllocs()
	for b.Loop() {
		m := NewMainWindow(a, svc, Options{})
		m.Window.Resize(fyne.NewSize(1280, 800))
		m.Window.Show()
		runUIUntil(b, "the invoice list", func() bool { return m.invoices.loaded })
		m.Window.Canvas().Capture()
		m.Window.Close()
	}
}

// BenchmarkRemindDialog opens Skapa flera påminnelser, waits for its first page of
// candidates with their preview interest and the count of all, and draws it once.
func BenchmarkRemindDialog(b *testing.B) {
	svc, _ := benchbook.Service(b)
	a := test.NewTempApp(b)
	w := a.NewWindow("bench")
	w.Resize(fyne.NewSize(1280, 800))
	w.Show()
	defer w.Close()
	defer benchbook.ReportCPU(b)()
	b.ReportAllocs()
	for b.Loop() {
		d := newRemindDialog(svc, w)
		d.show()
		runUIUntil(b, "the candidates", func() bool { return d.loaded })
		w.Canvas().Capture()
		d.dlg.Hide()
	}
}

// BenchmarkRemindDialogOpen opens Skapa flera påminnelser and waits for what it
// loads (first page, count, options), without drawing it: the part of opening that
// grows with the book (target ≤ 50 ms). BenchmarkRemindDialog draws it too.
func BenchmarkRemindDialogOpen(b *testing.B) {
	svc, _ := benchbook.Service(b)
	a := test.NewTempApp(b)
	w := a.NewWindow("bench")
	w.Resize(fyne.NewSize(1280, 800))
	w.Show()
	defer w.Close()
	defer benchbook.ReportCPU(b)()
	b.ReportAllocs()
	for b.Loop() {
		d := newRemindDialog(svc, w)
		d.show()
		runUIUntil(b, "the candidates", func() bool { return d.loaded && d.sumsShown == d.sumsGen })
		d.dlg.Hide()
	}
}

// loadedDialog is the reminder dialog, open and loaded, for the tick benchmarks.
func loadedDialog(b *testing.B) *remindDialog {
	b.Helper()
	svc, _ := benchbook.Service(b)
	a := test.NewTempApp(b)
	w := a.NewWindow("bench")
	w.Resize(fyne.NewSize(1280, 800))
	w.Show()
	b.Cleanup(w.Close)
	d := newRemindDialog(svc, w)
	d.show()
	runUIUntil(b, "the candidates", func() bool { return d.loaded })
	w.Canvas().Capture()
	// Let the selection's last totals arrive before the book closes.
	b.Cleanup(func() { runUIUntil(b, "the last totals", func() bool { return d.sumsShown == d.sumsGen }) })
	return d
}

// BenchmarkRemindToggleOne ticks and unticks one invoice (target ≤ 1 ms each), on
// the UI thread; the selection's totals it asks for arrive later, off the clock
// (BenchmarkRemindTotals200 times them for a full selection).
func BenchmarkRemindToggleOne(b *testing.B) {
	d := loadedDialog(b)
	on := true
	defer benchbook.ReportCPU(b)()
	b.ReportAllocs()
	for b.Loop() {
		d.toggle(3, on)
		b.StopTimer()
		runUIUntil(b, "the selection's totals", func() bool { return d.sumsShown == d.sumsGen })
		b.StartTimer()
		on = !on
	}
}

// BenchmarkRemindSelectAll presses Select all: the first 200 of the candidates, found
// by the service in one query (target ≤ 20 ms), until they are ticked on screen; the
// selection's totals, asked for then, are BenchmarkRemindTotals200.
func BenchmarkRemindSelectAll(b *testing.B) {
	d := loadedDialog(b)
	defer benchbook.ReportCPU(b)()
	b.ReportAllocs()
	for b.Loop() {
		d.selected = map[int64]bool{}
		d.onSelectAll()
		runUIUntil(b, "Select all", func() bool { return len(d.selected) == 200 })
	}
}

// BenchmarkRemindTotals200 shows the totals of a selection of 200 after a tick.
func BenchmarkRemindTotals200(b *testing.B) {
	d := loadedDialog(b)
	d.onSelectAll()
	runUIUntil(b, "Select all", func() bool { return len(d.selected) == 200 })
	d.interest.SetChecked(true)
	d.fee.SetChecked(true)
	defer benchbook.ReportCPU(b)()
	b.ReportAllocs()
	for b.Loop() {
		d.selectionChanged()
		runUIUntil(b, "the selection's totals", func() bool { return d.sumsShown == d.sumsGen })
	}
}
