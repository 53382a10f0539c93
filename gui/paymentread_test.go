package gui

import (
	"io"
	"os"
	"strings"
	"sync/atomic"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"

	"paminn/data/testbook"
)

// endlessBGMax is a bank file made as it is read, never held in memory: a BGMax
// opening record and then record after record of a type the reader skips, without
// end. Only Cancel stops its reading.
type endlessBGMax struct {
	uri  fyne.URI
	read atomic.Int64
	rec  string
	pos  int
}

func (e *endlessBGMax) URI() fyne.URI { return e.uri }
func (e *endlessBGMax) Close() error  { return nil }

func (e *endlessBGMax) Read(b []byte) (int, error) {
	for i := range b {
		if e.pos == len(e.rec) {
			e.pos, e.rec = 0, "99"+strings.Repeat(" ", 78)+"\r\n"
		}
		b[i] = e.rec[e.pos]
		e.pos++
	}
	e.read.Add(int64(len(b)))
	return len(b), nil
}

var _ io.ReadCloser = (*endlessBGMax)(nil)

// Importera betalningar shows its progress while a file is read, with Cancel; Cancel
// stops the reading, closes the progress and shows no error.
func TestCancelStopsReadingABankFile(t *testing.T) {
	m, _ := newTestWindow(t, testbook.Options{})
	file := &endlessBGMax{uri: storage.NewFileURI("/tmp/endless.txt"),
		rec: "01BGMAX               0120261125083000123456P" + strings.Repeat(" ", 35) + "\r\n"}
	m.reading, m.payments = nil, nil
	readPaymentFile(m.svc, m.Window, file, m)
	waitFor(t, "the reading's progress", func() bool { return m.reading != nil && file.read.Load() > 1<<20 })
	if top := m.Window.Canvas().Overlays().Top(); top == nil || !contains(labelTexts(top), "Läser endless.txt…") {
		t.Errorf("the progress shows %v", labelTexts(top))
	}
	test.Tap(m.reading.stop)
	waitFor(t, "the reading to stop", func() bool { return m.reading.done })
	at := file.read.Load()
	settle()
	if m.payments != nil {
		t.Error("a preview was shown after Cancel")
	}
	if top := m.Window.Canvas().Overlays().Top(); top != nil {
		t.Errorf("after Cancel the window shows %v", labelTexts(top))
	}
	if after := file.read.Load(); after != at {
		t.Errorf("%d bytes were read after the reading stopped", after-at)
	}
}

// What was odd in a bank file but did not stop it being read (here a record type
// Bankgirot's manual lets a reader skip) is said above the preview's rows.
func TestThePreviewSaysWhatWasSkippedInTheFile(t *testing.T) {
	m, _, uri := bankFileWindow(t)
	content, err := os.ReadFile(uri.Path())
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(content), "\r\n")
	lines = append(lines[:3], append([]string{"99" + strings.Repeat(" ", 78) + "\r\n"}, lines[3:]...)...)
	if err := os.WriteFile(uri.Path(), []byte(strings.Join(lines, "")), 0o600); err != nil {
		t.Fatal(err)
	}
	p := dropFile(t, m, uri)
	if !p.notice.Visible() || !strings.Contains(p.notice.Text, "Poster med transaktionskod 99") || !strings.Contains(p.notice.Text, "rad 4") {
		t.Errorf("the notice reads %q (visible %v)", p.notice.Text, p.notice.Visible())
	}
	if p.register.Disabled() {
		t.Error("a file with a skipped record cannot be registered")
	}
}
