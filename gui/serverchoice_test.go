package gui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"paminn/core"
	"paminn/data/testbook"
)

func TestTheSharedBookOnAServerIsTriedThenKeptForThisComputer(t *testing.T) {
	book := testbook.New(t, testbook.Options{})
	a := test.NewTempApp(t)
	type tried struct{ address, password string }
	var tries []tried
	check := func(_ context.Context, address, password string) error {
		tries = append(tries, tried{address, password})
		if password != "rätt" {
			return core.Errorf(core.EUNAVAILABLE, "The server {{.Host}} refused user {{.User}}: wrong user name or password",
				map[string]any{"Host": "db.kontoret.se", "User": "anna"})
		}
		return nil
	}
	m := NewMainWindow(a, book.Service, Options{CheckServerBook: check})
	m.Window.Resize(fyne.NewSize(1024, 768))
	m.Window.Show()
	t.Cleanup(m.Window.Close)
	waitFor(t, "the invoice list", func() bool { return m.invoices.loaded })
	if !hasButton(m.settings.left, "Delad bok på server…") {
		t.Error("the settings have no Delad bok på server… button")
	}
	m.openServerChoice()
	c := m.serverChoice
	if c.where.Selected != "Boken på den här datorn" || c.fields.Visible() {
		t.Fatalf("a desktop that chose nothing shows %q with the server's fields visible=%v", c.where.Selected, c.fields.Visible())
	}
	c.where.SetSelected("Delad bok på server")
	test.Type(c.host, "db.kontoret.se")
	test.Type(c.port, "5433")
	test.Type(c.database, "paminn")
	test.Tap(c.saveBtn)
	if len(tries) != 0 || !strings.Contains(c.status.Text, "Fyll i Användare") {
		t.Fatalf("saved without a user: tries %v, status %q", tries, c.status.Text)
	}
	test.Type(c.user, "anna")
	test.Type(c.pass, "fel")
	test.Tap(c.saveBtn)
	waitFor(t, "the refusal", func() bool { return strings.Contains(c.status.Text, "nekade") })
	if ChosenServerBook(a) != "" {
		t.Errorf("a refused book was kept: %q", ChosenServerBook(a))
	}
	c.pass.SetText("rätt")
	test.Tap(c.saveBtn)
	waitFor(t, "the choice kept", func() bool { return c.saved })
	want := "postgres://anna@db.kontoret.se:5433/paminn?sslmode=verify-full"
	if got := ChosenServerBook(a); got != want {
		t.Errorf("kept %q, want %q", got, want)
	}
	if last := tries[len(tries)-1]; last.address != want || last.password != "rätt" {
		t.Errorf("tried %+v", last)
	}
	if strings.Contains(ChosenServerBook(a), "rätt") {
		t.Error("the password is in the preferences")
	}

	t.Run("and it is shown when opened again, and the book on this computer can be chosen back", func(t *testing.T) {
		m.openServerChoice()
		c := m.serverChoice
		if c.host.Text != "db.kontoret.se" || c.port.Text != "5433" || c.database.Text != "paminn" || c.user.Text != "anna" || c.pass.Text != "" {
			t.Errorf("shown: %q %q %q %q %q", c.host.Text, c.port.Text, c.database.Text, c.user.Text, c.pass.Text)
		}
		c.where.SetSelected("Boken på den här datorn")
		test.Tap(c.saveBtn)
		if ChosenServerBook(a) != "" {
			t.Errorf("still kept: %q", ChosenServerBook(a))
		}
	})
}

// A book chosen under Delad bok på server opens at once if the user wants: Påminn
// asks, and Öppna nu has main start it again on the chosen book; Vid nästa start
// leaves this window as it is.
func TestAChosenBookOpensNowOrAtTheNextStart(t *testing.T) {
	book := testbook.New(t, testbook.Options{})
	a := test.NewTempApp(t)
	reopened := 0
	check := func(context.Context, string, string) error { return nil }
	m := NewMainWindow(a, book.Service, Options{CheckServerBook: check, Reopen: func() { reopened++ }})
	m.Window.Resize(fyne.NewSize(1024, 768))
	m.Window.Show()
	t.Cleanup(m.Window.Close)
	waitFor(t, "the invoice list", func() bool { return m.invoices.loaded })
	for _, tt := range []struct {
		answer string
		want   int
	}{{"Vid nästa start", 0}, {"Öppna nu", 1}} {
		m.openServerChoice()
		c := m.serverChoice
		test.Tap(c.saveBtn) // the book on this computer: kept at once
		if c.askReopen == nil {
			t.Fatal("Påminn did not ask whether to open the chosen book now")
		}
		top := m.Window.Canvas().Overlays().Top()
		if !strings.Contains(strings.Join(labelTexts(top), " "), "Öppna den valda boken nu?") {
			t.Errorf("the question reads %q", labelTexts(top))
		}
		tapButton(t, top, tt.answer)
		if reopened != tt.want {
			t.Errorf("after %s, Reopen was called %d times, want %d", tt.answer, reopened, tt.want)
		}
	}
}
