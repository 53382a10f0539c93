package gui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/emersion/go-smtp"
	"github.com/shopspring/decimal"

	"paminn/core"
	"paminn/data/mail/mailtest"
	"paminn/data/testbook"
)

// loadedSettings opens the main window and waits for the settings tab to be filled.
func loadedSettings(t *testing.T, o testbook.Options) (*MainWindow, testbook.Book, *settingsTab) {
	t.Helper()
	m, book := newTestWindow(t, o)
	s := m.settings
	waitFor(t, "the settings", func() bool { return s.saved != "" && len(s.rates.rows) > 0 })
	m.showSettings()
	return m, book, s
}

// One Save saves the whole page: the company, the rate table and the password typed.
func TestOneSaveSavesTheWholePage(t *testing.T) {
	m, book, s := loadedSettings(t, testbook.Options{})
	if s.rates.saveBtn.Visible() {
		t.Error("the rate table keeps a Save of its own on the settings page")
	}
	s.name.SetText("Ek & Björk AB")
	s.rates.rows[0].rate.SetText("3,25")
	s.smtpPassword.SetText("hemligt")
	if s.unsaved.Text != "Osparade ändringar" {
		t.Errorf("beside Save: %q", s.unsaved.Text)
	}
	test.Tap(s.saveBtn)
	waitFor(t, "the save", func() bool { return s.unsaved.Text == "" && m.Window.Canvas().Overlays().Top() != nil })
	ctx := context.Background()
	set, _ := book.Service.Settings(ctx)
	rates, _ := book.Service.ReferenceRates(ctx)
	var top core.ReferenceRate // the first row's: the half-year under way
	for _, r := range rates {
		if r.HalfYear() == (core.HalfYear{Year: 2026, Half: 1}) {
			top = r
		}
	}
	if set.Company.Name != "Ek & Björk AB" || !top.Rate.Equal(decimal.RequireFromString("3.25")) || s.smtpPassword.Text != "" {
		t.Errorf("saved name %q, latest rate %s %s, password field %q", set.Company.Name, top.HalfYear(), top.Rate, s.smtpPassword.Text)
	}
}

// The rate table shows the half-year under way first (the test book's today is
// 16 March 2026).
func TestTheRateTableShowsTheCurrentHalfYearFirst(t *testing.T) {
	_, _, s := loadedSettings(t, testbook.Options{})
	h, err := s.rates.rows[0].readHalf()
	if err != nil || h != (core.HalfYear{Year: 2026, Half: 1}) {
		t.Errorf("first row is %v (%v), want 2026 H1", h, err)
	}
	if h, _ := s.rates.rows[1].readHalf(); h != (core.HalfYear{Year: 2026, Half: 2}) {
		t.Errorf("second row is %v, want the latest, 2026 H2", h)
	}
	test.Tap(s.rates.addBtn)
	h, _ = s.rates.rows[1].readHalf()
	if h != (core.HalfYear{Year: 2027, Half: 1}) || s.win.Canvas().Focused() != s.rates.rows[1].rate {
		t.Errorf("Lägg till halvår added %v second; want 2027 H1 with its rate focused", h)
	}
}

// Leaving the settings with changes unsaved asks first: back to them, discard, or save.
func TestLeavingUnsavedSettingsAsksFirst(t *testing.T) {
	// The window is closed by the test itself, so no cleanup closes it again.
	book := testbook.New(t, testbook.Options{})
	m := NewMainWindow(test.NewTempApp(t), book.Service, Options{})
	m.Window.Resize(fyne.NewSize(1280, 800))
	m.Window.Show()
	s := m.settings
	waitFor(t, "the settings", func() bool { return s.saved != "" && len(s.rates.rows) > 0 })
	m.showSettings()
	s.city.SetText("Borås")
	m.tabs.SelectIndex(0)
	d := s.leaving
	if d == nil || m.Window.Canvas().Overlays().Top() == nil {
		t.Fatal("no question on leaving with changes unsaved")
	}
	tapOverlayButton(t, m, "Tillbaka till inställningarna")
	if selectedContent(m) != m.settings.content || s.city.Text != "Borås" {
		t.Errorf("back: tab %q, city %q", m.tabs.Selected().Text, s.city.Text)
	}

	m.tabs.SelectIndex(2)
	tapOverlayButton(t, m, "Släng ändringarna")
	if selectedContent(m) != m.customers.content || s.city.Text != "Göteborg" || s.unsaved.Text != "" {
		t.Errorf("discard: tab %q, city %q, note %q", m.tabs.Selected().Text, s.city.Text, s.unsaved.Text)
	}

	// Closing the window asks too; Save saves, then closes.
	m.showSettings()
	s.city.SetText("Borås")
	closed := false
	m.Window.SetOnClosed(func() { closed = true })
	m.onCloseRequest()
	if closed {
		t.Fatal("closed without asking")
	}
	tapOverlayButton(t, m, "Spara")
	waitFor(t, "the save and the close", func() bool { return closed })
	set, err := book.Service.Settings(context.Background())
	if err != nil || set.Company.Address.City != "Borås" {
		t.Errorf("city saved %q (%v)", set.Company.Address.City, err)
	}
}

// tapOverlayButton taps the button labelled text in the top overlay.
func tapOverlayButton(t *testing.T, m *MainWindow, text string) {
	t.Helper()
	top := m.Window.Canvas().Overlays().Top()
	b := findButton([]fyne.CanvasObject{top}, text)
	if b == nil {
		t.Fatalf("no button %q", text)
	}
	test.Tap(b)
	settle()
}

// The mouse wheel over a field scrolls the page, not the field.
func TestTheWheelScrollsTheSettingsPageOverAField(t *testing.T) {
	m, _, s := loadedSettings(t, testbook.Options{})
	m.Window.Resize(fyne.NewSize(1024, 600))
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(s.orgNumber).Add(fyne.NewPos(20, 10))
	test.Scroll(m.Window.Canvas(), pos, 0, -200)
	if s.page.Offset.Y <= 0 {
		t.Errorf("the page did not scroll: offset %v", s.page.Offset)
	}
}

// Testa sends a test e-mail through the server as typed, and says how it went in
// plain words with the server's own reply; a refusing server is told the same way.
func TestTheTestButtonSaysWhatTheMailServerAnswered(t *testing.T) {
	good := mailtest.Start(t, mailtest.Options{})
	refusing := mailtest.Start(t, mailtest.Options{OnData: func(mailtest.Message) error {
		return &smtp.SMTPError{Code: 554, EnhancedCode: smtp.EnhancedCode{5, 7, 1}, Message: "Message rejected as spam"}
	}})
	_, _, s := loadedSettings(t, testbook.Options{Mail: true})
	for _, tc := range []struct {
		name   string
		server *mailtest.Server
		says   []string
	}{
		{"a server that takes it", good, []string{"E-postservern 127.0.0.1 tog emot testmejlet till faktura@snickeriek.se", "Servern svarade: 2.0.0 OK: queued"}},
		{"a server that refuses it", refusing, []string{"E-postservern 127.0.0.1 avvisade meddelandet", "Servern svarade: 554 5.7.1 Message rejected as spam"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s.smtpHost.SetText("127.0.0.1")
			s.smtpPort.SetText(strings.TrimPrefix(tc.server.Addr(), "127.0.0.1:"))
			s.smtpSecurity.SetSelectedIndex(2) // none: a server on this computer
			test.Tap(s.mailTest.button)
			waitFor(t, "the answer", func() bool { return !s.mailTest.button.Disabled() })
			for _, want := range tc.says {
				if !strings.Contains(s.mailTest.result.Text, want) {
					t.Errorf("result %q does not say %q", s.mailTest.result.Text, want)
				}
			}
		})
	}
	if good.Count() != 1 || refusing.Count() != 0 {
		t.Errorf("%d and %d test e-mails arrived, want 1 and 0", good.Count(), refusing.Count())
	}
}
