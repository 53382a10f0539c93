package gui

import (
	"context"
	"errors"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"paminn/core"
	"paminn/data/testbook"
)

func TestABookOnAServerAsksForItsPasswordAndThenOpensTheMainWindow(t *testing.T) {
	a := test.NewTempApp(t)
	book := testbook.New(t, testbook.Options{})
	refused := core.Errorf(core.EUNAVAILABLE, "The server {{.Host}} refused user {{.User}}: wrong user name or password",
		map[string]any{"Host": "db.kontoret.se", "User": "anna"})
	var given []string
	connect := func(ctx context.Context, ask AskPassword) (*core.Service, error) {
		var why error
		for {
			p, err := ask(ctx, "anna@db.kontoret.se:5432/paminn", why)
			if err != nil {
				return nil, err
			}
			given = append(given, p)
			if p == "rätt" {
				return book.Service, nil
			}
			why = refused
		}
	}
	l := newServerLogin(a, connect, Options{})
	l.w.Show()
	waitFor(t, "the password form", func() bool { return l.password != nil })
	shown := strings.Join(labelTexts(l.w.Content()), "\n")
	if !strings.Contains(shown, "anna@db.kontoret.se:5432/paminn") || !strings.Contains(shown, "lösenordsförråd") {
		t.Errorf("the form does not name the book and the password store: %q", shown)
	}
	if l.w.Canvas().Focused() != l.password {
		t.Error("the keyboard is not in the password field")
	}
	first := l.password
	test.Type(l.password, "fel")
	tapButton(t, l.w.Content(), "Anslut")
	waitFor(t, "the form again", func() bool { return l.password != first })
	if why := l.why.Text; !strings.Contains(why, "Servern db.kontoret.se nekade användaren anna") {
		t.Errorf("the refusal is not said in Swedish: %q", why)
	}
	test.Type(l.password, "rätt")
	l.password.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	waitFor(t, "the main window", func() bool { return l.main != nil })
	t.Cleanup(l.main.Window.Close)
	if strings.Join(given, ",") != "fel,rätt" {
		t.Errorf("connect was given %v", given)
	}
}

func TestClosingTheServerBooksWindowGivesUp(t *testing.T) {
	a := test.NewTempApp(t)
	gaveUp := make(chan error, 1)
	connect := func(ctx context.Context, ask AskPassword) (*core.Service, error) {
		_, err := ask(ctx, "anna@db.kontoret.se:5432/paminn", nil)
		gaveUp <- err
		return nil, err
	}
	l := newServerLogin(a, connect, Options{})
	l.w.Show()
	waitFor(t, "the password form", func() bool { return l.password != nil })
	tapButton(t, l.w.Content(), "Avbryt")
	if err := <-gaveUp; !errors.Is(err, errGaveUp) {
		t.Errorf("ask returned %v, want that the user gave up", err)
	}
	settle()
	if l.main != nil {
		t.Error("a main window opened")
	}
}
