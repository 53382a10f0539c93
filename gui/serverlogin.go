package gui

import (
	"context"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"paminn/assets"
	"paminn/core"
)

// AskPassword asks the user for the password of book (user@server:port/database);
// why is nil the first time and the server's refusal after a wrong password. It
// returns an error when the user closes the window instead.
type AskPassword func(ctx context.Context, book string, why error) (string, error)

// Connect opens a book on a server, asking for its password through ask when the
// password store has none the server takes, and builds the service over it.
type Connect func(ctx context.Context, ask AskPassword) (*core.Service, error)

// RunServerBook opens a book on a server in a small window of its own: it says that
// it connects, asks for the password when connect needs it, and says why the book
// could not be opened; once it is open the main window takes its place. It runs until
// the last window is closed.
func RunServerBook(a fyne.App, connect Connect, opts Options) {
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	newServerLogin(a, connect, opts).w.Show()
	a.Run()
}

// serverLogin is the window a book on a server opens in.
type serverLogin struct {
	a    fyne.App
	w    fyne.Window
	opts Options

	password *widget.Entry
	why      *widget.Label
	answers  chan string   // the password the user gave (one at a time)
	gaveUp   chan struct{} // closed when the window closes before the book is open
	giveUp   sync.Once
	main     *MainWindow // the main window, once the book is open
	failed   error       // why the book could not be opened
}

// errGaveUp is what ask returns when the user closed the window.
var errGaveUp = core.Errorf(core.EUNAVAILABLE, "The book on the server was not opened", nil)

func newServerLogin(a fyne.App, connect Connect, opts Options) *serverLogin {
	loadTranslations()
	l := &serverLogin{a: a, opts: opts, answers: make(chan string, 1), gaveUp: make(chan struct{})}
	l.w = a.NewWindow(lang.L("Shared book on a server"))
	l.w.SetOnClosed(func() { l.giveUp.Do(func() { close(l.gaveUp) }) })
	l.showConnecting()
	l.w.Resize(fyne.NewSize(520, 220))
	l.w.CenterOnScreen()
	backgroundAsking(func(ctx context.Context) (*core.Service, error) { return connect(ctx, l.ask) }, l.opened)
	return l
}

// showConnecting says that Påminn is connecting to the server.
func (l *serverLogin) showConnecting() {
	bar := widget.NewProgressBarInfinite()
	l.w.SetContent(container.NewPadded(container.NewVBox(
		widget.NewLabel(lang.L("Connecting to the server…")), bar)))
}

// ask shows the password form and waits for the user (AskPassword).
func (l *serverLogin) ask(ctx context.Context, book string, why error) (string, error) {
	runOnUI(func() { l.showPasswordForm(book, why) })
	select {
	case p := <-l.answers:
		runOnUI(l.showConnecting)
		return p, nil
	case <-l.gaveUp:
		return "", errGaveUp
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// showPasswordForm asks for the password of book, saying why when the server
// refused the last one.
func (l *serverLogin) showPasswordForm(book string, why error) {
	l.password = widget.NewPasswordEntry()
	l.password.OnSubmitted = func(string) { l.onConnect() }
	l.why = widget.NewLabel("")
	l.why.Wrapping = fyne.TextWrapWord
	l.why.Importance = widget.DangerImportance
	if why != nil {
		l.why.SetText(errorText(why))
	}
	intro := widget.NewLabel(lang.L("The password of {{.Book}}. Påminn keeps it in the computer's password store, so it is asked for only once.",
		map[string]any{"Book": book}))
	intro.Wrapping = fyne.TextWrapWord
	connectBtn := newPrimaryButton(lang.L("Connect"), theme.LoginIcon(), l.onConnect)
	cancelBtn := widget.NewButton(lang.L("Cancel"), l.w.Close)
	form := widget.NewForm(widget.NewFormItem(lang.L("Password"), l.password))
	l.w.SetContent(container.NewPadded(container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), cancelBtn, connectBtn), nil, nil,
		container.NewVBox(intro, form, l.why))))
	l.w.Canvas().Focus(l.password)
}

// onConnect hands the password typed to the connection waiting for it; a second
// press before it is taken adds nothing.
func (l *serverLogin) onConnect() {
	select {
	case l.answers <- l.password.Text:
	default:
	}
}

// opened shows the main window over the book, or why it could not be opened.
func (l *serverLogin) opened(svc *core.Service, err error) {
	if err != nil {
		l.failed = err
		select {
		case <-l.gaveUp:
			return // the window is closed already
		default:
		}
		msg := widget.NewLabel(errorText(err))
		msg.Wrapping = fyne.TextWrapWord
		title := widget.NewLabelWithStyle(lang.L("The book could not be opened"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		closeBtn := newPrimaryButton(lang.L("Close"), nil, l.w.Close)
		icon := widget.NewIcon(theme.NewErrorThemedResource(theme.ErrorIcon()))
		l.w.SetContent(container.NewPadded(container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), closeBtn), icon, nil,
			container.NewVBox(title, msg))))
		return
	}
	select {
	case <-l.gaveUp:
		return // closed while the book opened: the program is ending
	default:
	}
	l.main = NewMainWindow(l.a, svc, l.opts)
	l.main.Window.Show()
	l.giveUp.Do(func() { close(l.gaveUp) })
	l.w.Close()
}
