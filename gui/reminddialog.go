package gui

import (
	"context"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/shopspring/decimal"

	"paminn/core"
)

// remindSetup is what the dialog loads when it opens.
type remindSetup struct {
	first []core.Candidate    // the first page of candidates, in the default order
	count core.CandidateCount // all candidates: how many, and their balance
	amili core.AmiliStatus
	typ   core.ReminderType
	offer core.InterestOffer // whether interest can be charged, at what rate
	fee   decimal.Decimal
	ready core.Readiness // what the settings lack, channel by channel

	// withAmili counts the overdue invoices with Amili, which the list counts as
	// overdue and the dialog leaves out.
	withAmili int

	// The reminder plan (reminddialog_plan.go): how many invoices have a step due
	// today, the plans (for the batch's step) and the view the dialog opens on.
	planCount int
	plans     core.Plans
	view      remindView
}

// remindDialog is Skapa flera påminnelser: the overdue invoices to tick, how to
// remind them, what it adds up to, and Send.
type remindDialog struct {
	svc *core.Service
	win fyne.Window
	key string // one idempotency key per opening: a second Send replays the first

	setup remindSetup
	view  remindView // which invoices the list shows (reminddialog_plan.go)
	// The list shows query's candidates a page at a time, fetched as they scroll
	// into view, as the invoice list does: a book's tens of thousands of candidates
	// are never all read.
	query    core.CandidateQuery
	gen      int                // bumped by every new query so late pages of an old one are dropped
	ctx      context.Context    // the pages of query gen are read under ctx…
	stop     context.CancelFunc // …which the next query cancels
	pages    map[int][]core.Candidate
	fetching map[int]bool
	count    core.CandidateCount // of query's candidates
	edits    int                 // keystrokes in the search field, so only the last one searches
	// The selection is a set of invoice IDs, in the order ticked (Select all: the
	// order shown); its totals come from the service, for the ticked rows only.
	selected  map[int64]bool
	order     []int64
	sums      core.SelectionTotals
	sumsGen   int // the selection's totals asked for last…
	sumsShown int // …and shown last
	typ       core.ReminderType
	types     []core.ReminderType // the type radio's options, in its order
	loaded    bool
	sending   bool
	sent      bool
	closed    bool

	// Send first asks for a preview (previewing) and shows it in confirm; only
	// the confirmation's button sends.
	previewing bool
	confirm    *confirmation
	skipped    core.Selection // what the last Select all left out, and why

	dlg         *dialog.CustomDialog
	dropTips    func()                // takes the dialog's tip layer away when it closes
	windowKeys  func(*fyne.KeyEvent)  // the window's keys before the dialog, back when it closes
	unprintable *dialog.ConfirmDialog // what the letters cannot print, shown before sending
	infoBar     *fyne.Container
	activateBtn *keyButton
	activation  *formDialog
	typeRadio   *typeChoice
	viewChoice  *typeChoice // Dags enligt planen · Alla förfallna
	viewRow     *fyne.Container
	stepSelect  *escSelect      // the batch's step (reminddialog_step.go)
	typeRow     *fyne.Container // the type and the step, laid out again when the steps arrive
	steps       []stepChoice    // its options, in order
	stepPicked  bool            // the user chose the step: a view no longer chooses it
	settingStep bool            // the dialog is choosing it itself
	interest    *escCheck
	interestBar *interestBar
	fee         *escCheck
	lateComp    *escCheck
	email       *escCheck
	amiliNote   *widget.Label
	search      *escEntry
	list        *candidateTable
	counter     *widget.Label
	notice      *widget.Label
	selectAll   *widget.Button
	withRecent  *escCheck // Select all takes the recently reminded too
	clearAll    *widget.Button
	totals      *widget.Label
	eligible    *widget.Label // how many can be reminded in all, and their balance
	reason      *widget.Label
	progress    *widget.ProgressBarInfinite
	sendBtn     *keyButton
	cancelBtn   *widget.Button
	loading     *fyne.Container
	body        *fyne.Container

	// What the settings lack (reminddialog_ready.go), and how to get there.
	readyBar     *fyne.Container
	readyText    *widget.Label
	readyBtn     *keyButton
	emailRow     *fyne.Container
	emailReason  *widget.Label
	emailSetUp   *widget.Button
	openSettings func(core.ProblemCode) // set by the main window

	perCustomer *escCheck // one letter per customer (reminddialog_percustomer.go)
}

// typeOptionText is a reminder type as the type radio offers it.
func typeOptionText(t core.ReminderType) string {
	switch t {
	case core.ReminderManual:
		return lang.L("Manual reminder")
	case core.ReminderAmili:
		return lang.L("Send reminder via Amili")
	}
	return string(t)
}

// newRemindDialog builds the dialog and starts loading the candidates; show it with show.
func newRemindDialog(svc *core.Service, win fyne.Window) *remindDialog {
	d := &remindDialog{svc: svc, win: win, key: core.NewIdempotencyKey(),
		selected: map[int64]bool{}, typ: core.ReminderManual, types: core.AllReminderTypes(), query: core.CandidateQuery{Sort: core.CandidatesByDueDate},
		pages: map[int][]core.Candidate{}, fetching: map[int]bool{}}
	d.ctx, d.stop = context.WithCancel(context.Background())
	d.build()
	d.load()
	return d
}

func (d *remindDialog) build() {
	d.buildInfoBar()
	options := make([]string, len(d.types))
	for i, t := range d.types {
		options[i] = typeOptionText(t)
	}
	d.typeRadio = newTypeChoice(options, d.onTypeChanged, d.close)
	d.interest = newEscCheck(lang.L("Charge late-payment interest"), func(bool) { d.selectionChanged() }, d.close)
	d.interestBar = newInterestBar(d)
	d.fee = newEscCheck(lang.L("Charge a reminder fee"), func(bool) { d.selectionChanged() }, d.close)
	d.lateComp = newLateCompensationCheck(d)
	d.perCustomer = newPerCustomerCheck(d)
	d.email = newEscCheck(lang.L("Send by e-mail (customers without an address get a letter)"), func(bool) { d.update() }, d.close)
	d.buildReadiness()
	d.amiliNote = widget.NewLabelWithStyle(lang.L("Amili handles interest, fees and delivery by the rules in force"),
		fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
	d.amiliNote.Hide()
	d.list = newCandidateTable(d)
	d.viewRow = d.newViewChoice()
	d.stepSelect = d.newStepSelect()
	d.search = newEscEntry(d.close)
	d.search.SetPlaceHolder(lang.L("Search invoice no. or customer"))
	d.search.OnChanged = d.onSearch
	d.counter = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	d.notice = widget.NewLabel("")
	d.notice.Importance = widget.WarningImportance
	d.notice.Wrapping = fyne.TextWrapWord // a long one, of what Select all skipped, wraps in a narrow window
	d.notice.Hide()
	d.selectAll = widget.NewButtonWithIcon(lang.L("Select all"), theme.CheckButtonCheckedIcon(), d.onSelectAll)
	d.withRecent = newWithRecentCheck(d)
	d.clearAll = widget.NewButtonWithIcon(lang.L("Deselect all"), theme.CheckButtonIcon(), d.onClearAll)
	d.totals = widget.NewLabel("")
	d.eligible = widget.NewLabel("")
	d.eligible.Alignment = fyne.TextAlignTrailing
	d.reason = widget.NewLabel("")
	d.reason.Importance = widget.WarningImportance
	d.progress = widget.NewProgressBarInfinite()
	d.progress.Hide()
	d.progress.Stop()
	d.sendBtn = newPrimaryButton(lang.L("Send reminders"), theme.MailSendIcon(), d.onSend)
	d.sendBtn.Disable()
	d.cancelBtn = widget.NewButton(lang.L("Cancel"), d.close)
	d.layout()
}

func (d *remindDialog) layout() {
	d.typeRow = container.NewHBox(widget.NewLabelWithStyle(lang.L("Reminder type"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), d.typeRadio,
		widget.NewLabelWithStyle(lang.L("Step"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), d.stepSelect)
	options := container.NewVBox(d.readyBar, d.typeRow,
		// Interest and fee on lines of their own: side by side they were wider than a
		// 1024 px screen in English, and the dialog ran off it.
		d.interest, d.fee, d.interestBar.box, d.lateComp, d.emailRow, d.perCustomer, d.amiliNote)
	// The search field takes the room the buttons and the counter leave; the count of
	// candidates (with what it leaves out) and a notice about the selection get lines
	// of their own, so they never squeeze them on a small screen.
	selection := container.NewBorder(nil, nil, container.NewHBox(d.selectAll, d.withRecent, d.clearAll, d.counter), nil, d.search)
	// The view's choice shares its line with the view's count.
	top := container.NewVBox(d.infoBar, options, widget.NewSeparator(), selection,
		container.NewBorder(nil, nil, d.viewRow, nil, d.eligible), d.notice)
	buttons := container.NewHBox(d.progress, d.cancelBtn, d.sendBtn)
	bottom := container.NewVBox(widget.NewSeparator(), d.totals,
		container.NewBorder(nil, nil, nil, buttons, d.reason))
	d.body = container.NewBorder(top, bottom, nil, nil, d.list.columns.fitted(&d.list.Table, d.list))
	d.body.Hide()
	bar := widget.NewProgressBarInfinite()
	d.loading = container.NewCenter(container.NewVBox(widget.NewLabel(lang.L("Fetching overdue invoices…")), bar))
	content, dropTips := withTips(d.win.Canvas(), container.NewStack(d.loading, d.body))
	d.dropTips = dropTips
	d.dlg = dialog.NewCustomWithoutButtons(lang.L("Create multiple reminders"), content, d.win)
	d.dlg.SetOnClosed(d.onClosed)
}

// show opens the dialog nearly as large as the window, and makes Esc close it: from
// the window when nothing has the keyboard, and from each of the dialog's own
// widgets that can have it (the list, the search field, the checks, the type's options).
func (d *remindDialog) show() {
	d.dlg.Show()
	size := d.win.Canvas().Size()
	d.dlg.Resize(fyne.NewSize(max(size.Width-2*theme.Padding()*4, 900), max(size.Height-2*theme.Padding()*4, 600)))
	escapable(d.win, d.close)
	d.windowKeys = d.win.Canvas().OnTypedKey()
	d.win.Canvas().SetOnTypedKey(func(e *fyne.KeyEvent) {
		if d.confirm != nil {
			d.confirm.onTypedKey(e)
		} else if e.Name == fyne.KeyEscape {
			d.close()
		}
	})
}

func (d *remindDialog) close() {
	if d.confirm != nil {
		d.confirm.back() // Esc leaves the confirmation first
		return
	}
	if d.sending {
		return // the batch is being written; it finishes in a moment
	}
	d.dlg.Hide()
}

func (d *remindDialog) onClosed() {
	d.closed = true
	d.dropTips()
	d.stop()
	d.interestBar.stop()
	d.win.Canvas().SetOnTypedKey(d.windowKeys)
}

// load fetches the candidates and everything the options show, off the UI thread.
func (d *remindDialog) load() {
	background(func(ctx context.Context) (remindSetup, error) {
		var s remindSetup
		err := d.loadFirstView(ctx, &s)
		if err != nil {
			return s, err
		}
		if s.withAmili, err = d.svc.OverdueWithAmili(ctx); err != nil {
			return s, err
		}
		if s.amili, err = d.svc.AmiliStatus(ctx); err != nil {
			return s, err
		}
		if s.typ, err = d.svc.DefaultReminderType(ctx); err != nil {
			return s, err
		}
		set, err := d.svc.Settings(ctx)
		if err != nil {
			return s, err
		}
		s.fee, s.plans = set.ReminderFee, set.Plan
		s.ready = core.ReadinessOf(&set)
		s.offer, err = d.svc.InterestOffer(ctx)
		return s, err
	}, d.onLoaded)
}

func (d *remindDialog) onLoaded(s remindSetup, err error) {
	if err != nil {
		d.dlg.Hide()
		showError(err, d.win)
		return
	}
	d.setup, d.loaded = s, true
	d.pages[0], d.count = s.first, s.count
	d.setup.first = nil // the page is d.pages[0] from here on
	d.showView(s.view)
	d.fillSteps()
	d.interestBar.apply(s.offer)
	d.fee.SetText(lang.L("Charge a reminder fee ({{.Fee}}, where the customer has agreed to a fee)", map[string]any{"Fee": formatAmount(s.fee)}))
	d.loading.Hide()
	d.body.Show()
	d.updateEligible()
	if i := slices.Index(d.types, s.typ); i >= 0 && d.typeRadio.Selected != d.typeRadio.options[i].Text {
		d.typeRadio.SetSelectedIndex(i) // which refreshes the list and asks for the totals
	} else {
		d.list.Refresh()
		d.selectionChanged()
	}
	d.win.Canvas().Focus(d.list)
}

func (d *remindDialog) onTypeChanged(i int) {
	d.typ = d.types[i]
	d.say("", widget.MediumImportance)
	d.skipped = core.Selection{} // what Select all skipped was for the other type
	d.list.Refresh()
	d.selectionChanged() // under Amili its answer names what Amili cannot take
}

// say shows a short message under the counter, in a colour that fits it; "" hides it.
func (d *remindDialog) say(text string, importance widget.Importance) {
	d.notice.Importance = importance
	d.notice.SetText(text)
	if text == "" {
		d.notice.Hide()
	} else {
		d.notice.Show()
	}
}
