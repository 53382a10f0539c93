package gui

import (
	"errors"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"paminn/core"
	"paminn/data/testbook"
)

// newWindowWith opens the main window on book with opts, at 1280×800.
func newWindowWith(t *testing.T, book testbook.Book, opts Options) *MainWindow {
	t.Helper()
	m := NewMainWindow(test.NewTempApp(t), book.Service, opts)
	m.Window.Resize(fyne.NewSize(1280, 800))
	m.Window.Show()
	t.Cleanup(m.Window.Close)
	waitFor(t, "the invoice list", func() bool { return m.invoices.loaded })
	return m
}

func selectedContent(m *MainWindow) fyne.CanvasObject { return m.tabs.Selected().Content }

// The first run on an empty book greets the user with what is needed, each marked,
// and shortcuts to enter it, to import and to open the demo.
func TestAnEmptyBookGreetsTheUserWithWhatIsNeeded(t *testing.T) {
	book := testbook.New(t, testbook.Options{Empty: true, NoCompany: true})
	demos := 0
	m := newWindowWith(t, book, Options{OpenDemo: func() error { demos++; return nil }})
	waitFor(t, "the greeting", func() bool { return m.welcome != nil })
	w := m.welcome
	texts := labelTexts(m.Window.Canvas().Overlays().Top())
	for _, want := range []string{"Företagets namn", "Företagets adress (gata, postnummer och ort)", "Organisationsnumret",
		"Ett bankgiro- eller plusgironummer som kunderna betalar till", "En e-postserver — valfritt, för påminnelser med e-post"} {
		if !contains(texts, want) {
			t.Errorf("the greeting does not list %q: %q", want, texts)
		}
	}
	if len(w.missing) != 3 || w.missing[0] != core.ProblemNoCompanyName {
		t.Errorf("missing = %v, want name, address and giro", w.missing)
	}

	test.Tap(w.demoBtn)
	if demos != 1 || m.Window.Canvas().Overlays().Top() != nil {
		t.Errorf("Öppna demon started %d demos; the greeting stays: %v", demos, m.Window.Canvas().Overlays().Top() != nil)
	}
	w.dlg.Show()
	test.Tap(w.setUpBtn)
	waitFor(t, "the cursor in the name", func() bool { return m.Window.Canvas().Focused() == m.settings.name })
	if selectedContent(m) != m.settings.content {
		t.Errorf("Fyll i företagsuppgifterna opened %v with %v focused; want the settings and the name", m.tabs.Selected().Text, m.Window.Canvas().Focused())
	}
}

func TestTheGreetingMarksWhatIsDoneAndOpensTheFirstFieldStillMissing(t *testing.T) {
	book := testbook.New(t, testbook.Options{Empty: true, NoMail: true})
	m := newWindowWith(t, book, Options{})
	waitFor(t, "the greeting", func() bool { return m.welcome != nil })
	w := m.welcome
	if len(w.missing) != 0 || w.demoBtn != nil {
		t.Errorf("missing %v, demo button %v; want nothing missing and no demo to offer", w.missing, w.demoBtn)
	}
	for i, it := range w.items {
		done := it.Importance == widget.LowImportance // done, out of the way
		if want := i != 4; done != want {
			t.Errorf("item %q done = %v, want %v", it.Text, done, want)
		}
	}
	test.Tap(w.setUpBtn)
	waitFor(t, "the settings", func() bool { return m.settings.name.Text != "" })
}

func TestABookWithInvoicesOrTheDemoIsNotGreeted(t *testing.T) {
	for _, tc := range []struct {
		name string
		o    testbook.Options
		demo bool
	}{
		{"a book with invoices", testbook.Options{NoCompany: true}, false},
		{"the demo", testbook.Options{Empty: true, NoCompany: true}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := newWindowWith(t, testbook.New(t, tc.o), Options{Demo: tc.demo})
			settle()
			if m.welcome != nil {
				t.Error("greeted")
			}
		})
	}
}

// Letters wait for the company's details (core.ChannelReadiness): the dialog says
// what is missing, Send waits, and the bar's button opens the settings at the first
// field missing.
func TestTheDialogSaysWhatTheSettingsLackAndOpensThem(t *testing.T) {
	m, _ := newTestWindow(t, testbook.Options{NoCompany: true})
	d := openRemind(t, m)
	if !d.readyBar.Visible() {
		t.Fatal("no word on what is missing")
	}
	if want := "Brev kan inte skickas ännu. Det här saknas i inställningarna: Företagets namn · Företagets adress · Ett bankgiro- eller plusgironummer"; d.readyText.Text != want {
		t.Errorf("bar = %q, want %q", d.readyText.Text, want)
	}
	d.toggle(0, true)
	if !d.sendBtn.Disabled() || d.reason.Text != "Fyll först i det som saknas i inställningarna (knappen överst)" {
		t.Errorf("Send disabled %v, reason %q", d.sendBtn.Disabled(), d.reason.Text)
	}
	if !d.email.Disabled() || !d.emailReason.Visible() || d.emailReason.Text != "Ingen e-postserver är inställd" {
		t.Errorf("e-mail disabled %v, reason %q shown %v", d.email.Disabled(), d.emailReason.Text, d.emailReason.Visible())
	}
	test.Tap(d.readyBtn)
	waitFor(t, "the cursor in the name", func() bool { return m.Window.Canvas().Focused() == m.settings.name })
	if !d.closed || selectedContent(m) != m.settings.content || m.Window.Canvas().Focused() != m.settings.name {
		t.Errorf("closed %v, tab %q, focused %v; want the settings at the name", d.closed, m.tabs.Selected().Text, m.Window.Canvas().Focused())
	}
}

func TestEMailIsOffWithItsReasonUntilAMailServerIsSet(t *testing.T) {
	m, _ := newTestWindow(t, testbook.Options{NoMail: true})
	d := openRemind(t, m)
	if d.readyBar.Visible() {
		t.Errorf("the bar shows with the company set: %q", d.readyText.Text)
	}
	if !d.email.Disabled() || !d.emailReason.Visible() || !d.emailSetUp.Visible() {
		t.Fatalf("e-mail disabled %v, reason shown %v", d.email.Disabled(), d.emailReason.Visible())
	}
	d.toggle(0, true)
	if d.sendBtn.Disabled() {
		t.Errorf("letters can go, but Send is disabled: %q", d.reason.Text)
	}
	d.typeRadio.SetSelectedIndex(1) // Amili: the reason is not about Amili
	if d.emailReason.Visible() || d.readyBar.Visible() {
		t.Error("under Amili the e-mail reason or the bar shows")
	}
	d.typeRadio.SetSelectedIndex(0)
	test.Tap(d.emailSetUp)
	waitFor(t, "the cursor in the mail server", func() bool { return m.Window.Canvas().Focused() == m.settings.smtpHost })
	waitFor(t, "the page scrolled down to it", func() bool { return m.settings.page.Offset.Y > 0 })
	if selectedContent(m) != m.settings.content || m.Window.Canvas().Focused() != m.settings.smtpHost {
		t.Errorf("tab %q, focused %v; want the settings at the mail server", m.tabs.Selected().Text, m.Window.Canvas().Focused())
	}

	m2, _ := newTestWindow(t, testbook.Options{})
	d2 := openRemind(t, m2)
	if d2.email.Disabled() || d2.emailReason.Visible() || d2.readyBar.Visible() {
		t.Error("with everything set the e-mail option is off or a reason shows")
	}
}

var errNoDemo = errors.New("no demo")

func TestADemoThatCannotStartIsSaidAndTheGreetingStays(t *testing.T) {
	book := testbook.New(t, testbook.Options{Empty: true, NoCompany: true})
	m := newWindowWith(t, book, Options{OpenDemo: func() error { return errNoDemo }})
	waitFor(t, "the greeting", func() bool { return m.welcome != nil })
	test.Tap(m.welcome.demoBtn)
	if m.Window.Canvas().Overlays().Top() == nil {
		t.Error("the greeting closed though the demo did not start")
	}
}

// The greeting opens with the keyboard on Fyll i företagsuppgifterna (its ring
// shows it), so Enter goes straight to the settings' first missing field and a
// word typed next lands there: with nothing focused, Enter did nothing, and a space
// typed after a few Tabs pressed an import button instead.
func TestTheGreetingGivesTheKeyboardToItsFirstButtonAndEnterPressesIt(t *testing.T) {
	book := testbook.New(t, testbook.Options{Empty: true, NoCompany: true})
	m := newWindowWith(t, book, Options{})
	waitFor(t, "the greeting", func() bool { return m.welcome != nil })
	c := m.Window.Canvas()
	if c.Focused() != m.welcome.setUpBtn || !m.welcome.setUpBtn.focused {
		t.Fatalf("the keyboard is on %T, want Fyll i företagsuppgifterna", c.Focused())
	}
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	waitFor(t, "the cursor in the name", func() bool { return c.Focused() == m.settings.name })
	test.Type(m.settings.name, "Ek & Björk Bygg AB")
	if m.settings.name.Text != "Ek & Björk Bygg AB" || c.Overlays().Top() != nil {
		t.Errorf("the name reads %q; a dialog open: %v", m.settings.name.Text, c.Overlays().Top() != nil)
	}
}
