package gui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"

	"paminn/core"
)

// Preference keys for what the window remembers between runs.
const (
	prefWidth  = "window.width"
	prefHeight = "window.height"
	prefTab    = "window.tab"
)

// defaultWindowSize fits a 1280×800 (or 1366×768) screen with room for the frame.
var defaultWindowSize = fyne.NewSize(1240, 720)

// MainWindow is Påminn's main window: Kundfakturor, Påminnelser, Kunder and
// Inställningar in tabs.
type MainWindow struct {
	// Window is the Fyne window; Show or ShowAndRun it.
	Window fyne.Window

	app  fyne.App
	svc  *core.Service
	opts Options

	tabs      *container.AppTabs
	invoices  *invoiceList
	reminders *reminderTab
	failures  *failureNotice // the count of failed reminders, on the tab and at the start
	customers *customerTab
	settings  *settingsTab
	remind    *remindDialog   // the open multi-reminder dialog, if any
	payments  *paymentImport  // the last payment preview shown
	reading   *paymentReading // the last bank file's reading progress
	sieExport *sieExport      // the last export dialog opened, for tests
	welcome   *welcome        // the first run's greeting, when shown
	shownTab  int             // the tab selected before the current one was

	// interest is Skapa räntefakturor, the last one opened (interestinvoices.go).
	interest *interestInvoices
	// serverChoice is Delad bok på server, the last one opened (serverchoice.go).
	serverChoice *serverChoice
}

// NewMainWindow builds the main window over svc and starts loading its contents in
// the background; it does not show the window or run the event loop, so tests and
// benchmarks can use it directly.
func NewMainWindow(a fyne.App, svc *core.Service, opts Options) *MainWindow {
	loadTranslations()
	m := &MainWindow{app: a, svc: svc, opts: opts}
	m.Window = a.NewWindow(lang.L("Påminn"))
	m.invoices = newInvoiceList(svc, m.Window)
	m.invoices.onRemind = m.openRemindDialog
	m.invoices.onImport = m.openPaymentImport
	m.reminders = newReminderTab(svc, m.Window)
	m.customers = newCustomerTab(svc, m.Window)
	m.settings = newSettingsTab(svc, m.Window)
	if opts.CheckServerBook != nil {
		m.settings.addBookCard(ChosenServerBook(a), m.openServerChoice)
	}
	m.invoices.detailActions = invoiceDetailActions(svc, m.Window)
	m.customers.invoiceActions = m.invoices.detailActions
	m.customers.detailActions = customerDetailActions(svc, m.Window)
	m.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(lang.L("Customer invoices"), theme.DocumentIcon(), m.invoices.content),
		container.NewTabItemWithIcon(lang.L("Reminders"), theme.MailSendIcon(), m.reminders.content),
		container.NewTabItemWithIcon(lang.L("Customers"), theme.AccountIcon(), m.customers.content),
		container.NewTabItemWithIcon(lang.L("Settings"), theme.SettingsIcon(), m.settings.content),
	)
	m.failures = newFailureNotice(m, m.tabs.Items[1])
	m.reminders.onReload = m.failures.reload
	content, _ := withTips(m.Window.Canvas(), m.tabs)
	m.Window.SetContent(content)
	m.Window.Canvas().SetOnTypedKey(m.onTypedKey)
	m.Window.SetMainMenu(m.mainMenu()) // and the keyboard shortcuts (keys.go)
	m.Window.SetOnDropped(m.onDropped)
	m.restoreLayout()
	svc.OnChange(func() { runOnUI(m.onServiceChanged) })
	m.loadTitle()
	m.invoices.reload()
	m.reminders.reload()
	if m.tabs.Selected().Content == m.customers.content {
		m.customers.show() // reopened on the Customers tab
	}
	m.settings.load()
	m.greetIfNew()
	return m
}

// restoreLayout reopens the window at its last size and tab, and remembers them.
func (m *MainWindow) restoreLayout() {
	p := m.app.Preferences()
	w := p.FloatWithFallback(prefWidth, float64(defaultWindowSize.Width))
	h := p.FloatWithFallback(prefHeight, float64(defaultWindowSize.Height))
	m.Window.Resize(fitScreen(fyne.NewSize(float32(w), float32(h)), screenSize(m.Window)))
	if tab := p.Int(prefTab); tab > 0 && tab < len(m.tabs.Items) {
		m.tabs.SelectIndex(tab)
	}
	m.shownTab = m.tabs.SelectedIndex()
	if m.tabs.Selected().Content == m.settings.content {
		m.settings.watchFocus()
	}
	m.tabs.OnSelected = func(item *container.TabItem) {
		left := m.shownTab
		m.shownTab = m.tabs.SelectedIndex()
		p.SetInt(prefTab, m.tabs.SelectedIndex())
		if item.Content == m.customers.content {
			m.customers.show()
		}
		if item.Content == m.settings.content {
			m.settings.watchFocus() // Tab scrolls the field it reaches into view
		}
		if left != m.shownTab && m.tabs.Items[left].Content == m.settings.content {
			m.settings.confirmLeave(func() {}, m.showSettings)
		}
	}
	m.Window.SetCloseIntercept(m.onCloseRequest)
	m.Window.SetOnClosed(func() {
		size := m.Window.Canvas().Size()
		if size.Width > 0 && size.Height > 0 {
			p.SetFloat(prefWidth, float64(size.Width))
			p.SetFloat(prefHeight, float64(size.Height))
		}
	})
}

// onCloseRequest closes the window, after asking when the settings have unsaved
// changes.
func (m *MainWindow) onCloseRequest() { m.settings.confirmLeave(m.Window.Close, m.showSettings) }

// loadTitle shows "Påminn — <company name>" once the settings are read.
func (m *MainWindow) loadTitle() {
	background(func(ctx context.Context) (core.Settings, error) {
		return m.svc.Settings(ctx)
	}, func(set core.Settings, err error) {
		if err != nil {
			showError(err, m.Window)
			return
		}
		m.Window.SetTitle(m.title(set.Company.Name))
	})
}

func (m *MainWindow) title(company string) string {
	t := lang.L("Påminn")
	if company != "" {
		t += " — " + company
	}
	if m.opts.Demo {
		t += " " + lang.L("(demo)")
	}
	if m.opts.TitleSuffix != "" {
		t += " " + m.opts.TitleSuffix
	}
	return t
}

// openRemindDialog opens Skapa flera påminnelser, unless it is open already.
func (m *MainWindow) openRemindDialog() {
	if m.remind != nil && !m.remind.closed {
		return
	}
	m.remind = newRemindDialog(m.svc, m.Window)
	m.remind.openSettings = m.openSettingsAt
	m.remind.show()
}

// openPaymentImport asks for a bank file (BGMax or camt.054) and previews its payments.
func (m *MainWindow) openPaymentImport() {
	if m.remindOpen() {
		return
	}
	openPaymentFile(m.svc, m.Window, m.opts.BankFilesDir, m)
}

// remindOpen says (and tells the user) that Skapa flera påminnelser is open: its
// candidates were read when it opened, and payments registered under it would leave
// paid invoices in its list.
func (m *MainWindow) remindOpen() bool {
	if m.remind == nil || m.remind.closed {
		return false
	}
	showInfo(lang.L("Import payments"),
		lang.L("Close Create multiple reminders first, then import the bank file."), m.Window)
	return true
}

// paymentShown keeps the payment preview on screen, for tests.
func (m *MainWindow) paymentShown(p *paymentImport) { m.payments = p }

// readingShown keeps the progress of reading a bank file, for tests.
func (m *MainWindow) readingShown(r *paymentReading) { m.reading = r }

// onDropped previews a bank file dropped on the window (the first, if several).
func (m *MainWindow) onDropped(_ fyne.Position, uris []fyne.URI) {
	if len(uris) == 0 {
		return
	}
	if m.remindOpen() {
		return
	}
	m.tabs.SelectIndex(0)
	previewPaymentURI(m.svc, m.Window, uris[0], m)
}

// onServiceChanged refreshes the views after any change through the service
// (core.Service.OnChange): the one place the window refreshes, so no handler reloads
// a view after its own change.
func (m *MainWindow) onServiceChanged() {
	m.loadTitle() // the company name may have changed
	m.invoices.reload()
	m.reminders.reload()
	m.customers.reload() // a bank payment may leave a customer a credit
	m.settings.amili.load()
}
