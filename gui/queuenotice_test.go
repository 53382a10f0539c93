package gui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"paminn/core"
	"paminn/data/testbook"
)

// Issue 24: on a shared book, Påminnelser says that this computer leaves the e-mails
// for another one while the e-mail password is not saved here, in Swedish, and stops
// saying so once it is saved; on a book of its own it never says so.
func TestPaminnelserSaysWhatThisComputerLeavesForAnother(t *testing.T) {
	for _, shared := range []bool{true, false} {
		m, book := newTestWindow(t, testbook.Options{Shared: shared})
		ctx := context.Background()
		set, err := book.Service.Settings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		set.SMTP.User = "faktura@snickeriek.se"
		if err := book.Service.SaveSettings(ctx, set); err != nil { // the window reloads on the change
			t.Fatal(err)
		}
		fyne.DoAndWait(func() { m.tabs.SelectIndex(1) })
		bar := m.reminders.left
		if !shared {
			settle()
			if bar.bar.Visible() {
				t.Errorf("on a book of its own the bar says %q", bar.text.Text)
			}
			continue
		}
		waitFor(t, "the bar", func() bool { return bar.bar.Visible() })
		if text := bar.text.Text; !strings.HasPrefix(text, "Lösenordet till e-postservern är inte sparat på den här datorn") ||
			strings.Contains(text, "Amili") {
			t.Errorf("the bar says %q", text)
		}
		if err := book.Service.SetSMTPPassword("hemligt"); err != nil {
			t.Fatal(err)
		}
		waitFor(t, "the bar gone", func() bool { return !bar.bar.Visible() })
	}
}

// The bar's text names each kind of item left, a line each.
func TestWhatIsLeftForAnotherComputerIsSaidALineEach(t *testing.T) {
	tests := []struct {
		name  string
		left  core.LeftForOthers
		lines int
	}{
		{"nothing left says nothing", core.LeftForOthers{}, 0},
		{"the e-mails left are a line", core.LeftForOthers{Email: true}, 1},
		{"Amili's items left are a line", core.LeftForOthers{Amili: true}, 1},
		{"both are two lines", core.LeftForOthers{Email: true, Amili: true}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := leftForOthersText(tt.left)
			if got := len(strings.FieldsFunc(text, func(r rune) bool { return r == '\n' })); got != tt.lines {
				t.Errorf("%q is %d lines, want %d", text, got, tt.lines)
			}
		})
	}
}
