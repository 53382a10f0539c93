package gui

import (
	"context"
	"net"
	"net/url"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// prefServerBook is the preference holding the address (no password) of the book on
// a server this desktop opens; empty: the book on this computer. The choice is the
// desktop's, not the book's, so it is kept beside the window's size, not in the book.
const prefServerBook = "serverBook"

// ChosenServerBook is the address of the book on a server this desktop chose under
// Delad bok på server, or "" for the book on this computer. main opens it when no
// --db is given.
func ChosenServerBook(a fyne.App) string { return a.Preferences().String(prefServerBook) }

// CheckServerBook connects to the book at address (no password in it) with
// password, making an empty database a book, and saves the password in the
// computer's password store. It is how the choice of a book on a server is tried
// before it is kept.
type CheckServerBook func(ctx context.Context, address, password string) error

// sslModes are the encryption choices of a book on a server, strictest first:
// PostgreSQL's sslmode values (libpq's documentation, "SSL Support").
var sslModes = []struct{ value, name string }{
	{"verify-full", "Encrypted, the server checked (recommended)"},
	{"require", "Encrypted, the certificate not checked"},
	{"disable", "Not encrypted (only on a network you trust)"},
}

// serverChoice is the Delad bok på server dialog: whether this desktop opens the book
// on this computer or a shared book on a server, and the server's address, database,
// user, encryption and password.
type serverChoice struct {
	app    fyne.App
	win    fyne.Window
	check  CheckServerBook
	reopen func() // Options.Reopen: open the chosen book now; nil where it cannot
	dlg    *dialog.CustomDialog

	where                            *widget.RadioGroup
	host, port, database, user, pass *widget.Entry
	ssl                              *widget.Select
	fields                           *fyne.Container
	saveBtn                          *keyButton
	status                           *widget.Label
	saved                            bool // for tests: the choice was kept
	askReopen                        *dialog.ConfirmDialog
}

// Where a desktop's book is, as the radio group names it.
func thisComputer() string { return lang.L("The book on this computer") }
func onAServer() string    { return lang.L("Shared book on a server") }

func newServerChoice(a fyne.App, win fyne.Window, check CheckServerBook) *serverChoice {
	c := &serverChoice{app: a, win: win, check: check}
	c.host, c.port, c.database, c.user = widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	c.port.SetPlaceHolder("5432")
	c.pass = widget.NewPasswordEntry()
	c.pass.SetPlaceHolder(lang.L("Kept in the computer's password store, never in the book"))
	c.pass.OnSubmitted = func(string) { c.onSave() }
	names := make([]string, len(sslModes))
	for i, m := range sslModes {
		names[i] = lang.L(m.name)
	}
	c.ssl = widget.NewSelect(names, nil)
	c.ssl.SetSelectedIndex(0)
	c.fields = container.NewVBox(widget.NewForm(
		widget.NewFormItem(lang.L("Server"), c.host), widget.NewFormItem(lang.L("Port"), c.port),
		widget.NewFormItem(lang.L("Database"), c.database), widget.NewFormItem(lang.L("User"), c.user),
		widget.NewFormItem(lang.L("Encryption"), c.ssl), widget.NewFormItem(lang.L("Password"), c.pass)))
	c.where = widget.NewRadioGroup([]string{thisComputer(), onAServer()}, c.onWhere)
	c.status = widget.NewLabel("")
	c.status.Wrapping = fyne.TextWrapWord
	c.fill(ChosenServerBook(a))
	c.saveBtn = newPrimaryButton(lang.L("Save"), theme.DocumentSaveIcon(), c.onSave)
	intro := widget.NewLabel(lang.L("Several desktops can work on one book kept on a PostgreSQL server. The choice is this computer's; Påminn offers to open the chosen book at once."))
	intro.Wrapping = fyne.TextWrapWord
	buttons := container.NewHBox(layout.NewSpacer(), widget.NewButton(lang.L("Cancel"), func() { c.dlg.Hide() }), c.saveBtn)
	c.dlg = dialog.NewCustomWithoutButtons(onAServer(), container.NewVBox(intro, c.where, c.fields, c.status, buttons), win)
	c.dlg.Resize(fyne.NewSize(min(620, win.Canvas().Size().Width-40), 0))
	return c
}

// fill shows the address kept, or the book on this computer when there is none.
func (c *serverChoice) fill(address string) {
	u, err := url.Parse(address)
	if address == "" || err != nil {
		c.where.SetSelected(thisComputer())
		return
	}
	c.host.SetText(u.Hostname())
	c.port.SetText(u.Port())
	c.database.SetText(strings.TrimPrefix(u.Path, "/"))
	c.user.SetText(u.User.Username())
	for i, m := range sslModes {
		if m.value == u.Query().Get("sslmode") {
			c.ssl.SetSelectedIndex(i)
		}
	}
	c.where.SetSelected(onAServer())
}

// onWhere shows the server's fields only for a book on a server.
func (c *serverChoice) onWhere(where string) {
	if where == onAServer() {
		c.fields.Show()
		c.win.Canvas().Focus(c.host) // the keyboard goes on to the fields, in order
	} else {
		c.fields.Hide()
	}
	c.status.SetText("")
}

// address is the book's address as typed: no password in it.
func (c *serverChoice) address() string {
	host := strings.TrimSpace(c.host.Text)
	if p := strings.TrimSpace(c.port.Text); p != "" {
		host = net.JoinHostPort(host, p)
	}
	u := url.URL{Scheme: "postgres", User: url.User(strings.TrimSpace(c.user.Text)), Host: host,
		Path: "/" + strings.TrimSpace(c.database.Text), RawQuery: "sslmode=" + sslModes[max(c.ssl.SelectedIndex(), 0)].value}
	return u.String()
}

// missing names the first field a book on a server still needs, or "".
func (c *serverChoice) missing() string {
	if _, err := strconv.Atoi(strings.TrimSpace(c.port.Text)); strings.TrimSpace(c.port.Text) != "" && err != nil {
		return lang.L("Port")
	}
	for _, f := range []struct {
		e    *widget.Entry
		name string
	}{{c.host, "Server"}, {c.database, "Database"}, {c.user, "User"}, {c.pass, "Password"}} {
		if strings.TrimSpace(f.e.Text) == "" {
			return lang.L(f.name)
		}
	}
	return ""
}

// onSave keeps the choice: the book on this computer at once; a book on a server
// once Påminn has connected to it with the password given and saved the password.
func (c *serverChoice) onSave() {
	if c.where.Selected != onAServer() {
		c.app.Preferences().SetString(prefServerBook, "")
		c.kept()
		return
	}
	if field := c.missing(); field != "" {
		c.status.Importance = widget.DangerImportance
		c.status.SetText(lang.L("Fill in {{.Field}}.", map[string]any{"Field": field}))
		return
	}
	address, password := c.address(), c.pass.Text
	c.saveBtn.Disable()
	c.status.Importance = widget.MediumImportance
	c.status.SetText(lang.L("Connecting to the server…"))
	backgroundErr(func(ctx context.Context) error { return c.check(ctx, address, password) }, func(err error) {
		c.saveBtn.Enable()
		if err != nil {
			c.status.Importance = widget.DangerImportance
			c.status.SetText(errorText(err))
			return
		}
		c.app.Preferences().SetString(prefServerBook, address)
		c.kept()
	})
}

// kept closes the dialog and offers to open the chosen book now, which starts
// Påminn again (the window closes, the book it shows is closed whole first); later,
// it opens the next time Påminn starts.
func (c *serverChoice) kept() {
	c.saved = true
	c.dlg.Hide()
	if c.reopen == nil {
		showInfo(onAServer(), lang.L("Saved. Påminn opens this book the next time it starts."), c.win)
		return
	}
	c.askReopen = dialog.NewConfirm(onAServer(), lang.L("Saved. Open the chosen book now? Påminn closes this window and starts again with it."),
		func(now bool) {
			if now {
				c.reopen()
			}
		}, c.win)
	c.askReopen.SetConfirmText(lang.L("Open now"))
	c.askReopen.SetDismissText(lang.L("At the next start"))
	c.askReopen.Show()
}

// openServerChoice opens Delad bok på server.
func (m *MainWindow) openServerChoice() {
	m.serverChoice = newServerChoice(m.app, m.Window, m.opts.CheckServerBook)
	m.serverChoice.reopen = m.opts.Reopen
	m.serverChoice.dlg.Show()
	if m.serverChoice.fields.Visible() {
		m.Window.Canvas().Focus(m.serverChoice.host)
	}
}

// addBookCard adds the card saying which book this computer opens, with the button
// that changes it, to the settings' left column.
func (t *settingsTab) addBookCard(address string, open func()) {
	which := lang.L("This computer opens the book on this computer.")
	if u, err := url.Parse(address); address != "" && err == nil {
		which = lang.L("This computer opens the shared book {{.Database}} on the server {{.Host}}.",
			map[string]any{"Database": strings.TrimPrefix(u.Path, "/"), "Host": u.Hostname()})
	}
	text := widget.NewLabel(which)
	text.Wrapping = fyne.TextWrapWord
	btn := widget.NewButtonWithIcon(lang.L("Shared book on a server…"), theme.StorageIcon(), open)
	t.left.Add(widget.NewCard(lang.L("Book"), "", container.NewVBox(text, container.NewHBox(btn))))
}
