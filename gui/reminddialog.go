package gui

import (
	"context"
	"image/color"
	"net/url"
	"slices"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
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
}

// remindDialog is Skapa flera påminnelser: the overdue invoices to tick, how to
// remind them, what it adds up to, and Send.
type remindDialog struct {
	svc    *core.Service
	win    fyne.Window
	key    string // one idempotency key per opening: a second Send replays the first
	onSent func()

	setup remindSetup
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
	loaded    bool
	sending   bool
	sent      bool
	closed    bool

	dlg         *dialog.CustomDialog
	infoBar     *fyne.Container
	activateBtn *widget.Button
	activation  *formDialog
	typeRadio   *typeChoice
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
	clearAll    *widget.Button
	totals      *widget.Label
	eligible    *widget.Label // how many can be reminded in all, and their balance
	reason      *widget.Label
	progress    *widget.ProgressBarInfinite
	sendBtn     *widget.Button
	cancelBtn   *widget.Button
	loading     *fyne.Container
	body        *fyne.Container
}

// The reminder type radio's options, by type.
func typeManualText() string { return lang.L("Manual reminder") }
func typeAmiliText() string  { return lang.L("Send reminder via Amili") }

// newRemindDialog builds the dialog and starts loading the candidates; show it with show.
func newRemindDialog(svc *core.Service, win fyne.Window, onSent func()) *remindDialog {
	d := &remindDialog{svc: svc, win: win, key: core.NewIdempotencyKey(), onSent: onSent,
		selected: map[int64]bool{}, typ: core.ReminderManual, query: core.CandidateQuery{Sort: core.CandidatesByDueDate},
		pages: map[int][]core.Candidate{}, fetching: map[int]bool{}}
	d.ctx, d.stop = context.WithCancel(context.Background())
	d.build()
	d.load()
	return d
}

func (d *remindDialog) build() {
	d.buildInfoBar()
	d.typeRadio = newTypeChoice([]string{typeManualText(), typeAmiliText()}, d.onTypeChanged, d.close)
	d.interest = newEscCheck(lang.L("Charge late-payment interest"), func(bool) { d.selectionChanged() }, d.close)
	d.interestBar = newInterestBar(d)
	d.fee = newEscCheck(lang.L("Charge a reminder fee"), func(bool) { d.selectionChanged() }, d.close)
	d.lateComp = newLateCompensationCheck(d)
	d.email = newEscCheck(lang.L("Send by e-mail (customers without an address get a letter)"), func(bool) { d.update() }, d.close)
	d.amiliNote = widget.NewLabelWithStyle(lang.L("Amili handles interest, fees and delivery by the rules in force"),
		fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
	d.amiliNote.Hide()
	d.list = newCandidateTable(d)
	d.search = newEscEntry(d.close)
	d.search.SetPlaceHolder(lang.L("Search invoice no. or customer"))
	d.search.OnChanged = d.onSearch
	d.counter = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	d.notice = widget.NewLabel("")
	d.notice.Importance = widget.WarningImportance
	d.selectAll = widget.NewButtonWithIcon(lang.L("Select all"), theme.CheckButtonCheckedIcon(), d.onSelectAll)
	d.clearAll = widget.NewButtonWithIcon(lang.L("Deselect all"), theme.CheckButtonIcon(), d.onClearAll)
	d.totals = widget.NewLabel("")
	d.eligible = widget.NewLabel("")
	d.eligible.Alignment = fyne.TextAlignTrailing
	d.reason = widget.NewLabel("")
	d.reason.Importance = widget.WarningImportance
	d.progress = widget.NewProgressBarInfinite()
	d.progress.Hide()
	d.progress.Stop()
	d.sendBtn = widget.NewButtonWithIcon(lang.L("Send reminders"), theme.MailSendIcon(), d.onSend)
	d.sendBtn.Importance = widget.HighImportance
	d.sendBtn.Disable()
	d.cancelBtn = widget.NewButton(lang.L("Cancel"), d.close)
	d.layout()
}

func (d *remindDialog) buildInfoBar() {
	d.activateBtn = widget.NewButtonWithIcon(lang.L("Activate Amili"), theme.LoginIcon(), d.onActivate)
	d.activateBtn.Importance = widget.HighImportance
	text := widget.NewLabel(lang.L("Amili is not activated yet. Activate it once to hand reminders to Visma Amili; you carry on right here afterwards."))
	text.Wrapping = fyne.TextWrapWord
	bg := canvas.NewRectangle(withAlpha(theme.Color(theme.ColorNameWarning), 0x40))
	bg.CornerRadius = theme.InputRadiusSize()
	row := container.NewBorder(nil, nil, widget.NewIcon(theme.InfoIcon()), container.NewCenter(d.activateBtn), text)
	d.infoBar = container.NewStack(bg, container.NewPadded(row))
	d.infoBar.Hide()
}

// withAlpha returns c with its opacity replaced, for tinted backgrounds that suit
// both the light and the dark theme.
func withAlpha(c color.Color, a uint8) color.Color {
	r, g, b, _ := c.RGBA()
	return color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: a}
}

func (d *remindDialog) layout() {
	options := container.NewVBox(
		container.NewHBox(widget.NewLabelWithStyle(lang.L("Reminder type"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), d.typeRadio),
		container.NewHBox(d.interest, d.fee), d.interestBar.box, d.lateComp, d.email, d.amiliNote)
	selection := container.NewBorder(nil, nil, container.NewHBox(d.selectAll, d.clearAll, d.counter, d.notice), nil,
		container.NewGridWithColumns(2, d.search, d.eligible))
	top := container.NewVBox(d.infoBar, options, widget.NewSeparator(), selection)
	buttons := container.NewHBox(d.progress, d.cancelBtn, d.sendBtn)
	bottom := container.NewVBox(widget.NewSeparator(), d.totals,
		container.NewBorder(nil, nil, nil, buttons, d.reason))
	d.body = container.NewBorder(top, bottom, nil, nil, d.list)
	d.body.Hide()
	bar := widget.NewProgressBarInfinite()
	d.loading = container.NewCenter(container.NewVBox(widget.NewLabel(lang.L("Fetching overdue invoices…")), bar))
	content := container.NewStack(d.loading, d.body)
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
	d.win.Canvas().SetOnTypedKey(func(e *fyne.KeyEvent) {
		if e.Name == fyne.KeyEscape {
			d.close()
		}
	})
}

func (d *remindDialog) close() {
	if d.sending {
		return // the batch is being written; it finishes in a moment
	}
	d.dlg.Hide()
}

func (d *remindDialog) onClosed() {
	d.closed = true
	d.stop()
	d.interestBar.stop()
	d.win.Canvas().SetOnTypedKey(nil)
}

// load fetches the candidates and everything the options show, off the UI thread.
func (d *remindDialog) load() {
	background(func(ctx context.Context) (remindSetup, error) {
		var s remindSetup
		var err error
		if s.first, err = d.svc.CandidatePage(ctx, d.pageQuery(0)); err != nil {
			return s, err
		}
		if s.count, err = d.svc.CountCandidates(ctx, core.CandidateQuery{}); err != nil {
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
		s.fee = set.ReminderFee
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
	d.interestBar.apply(s.offer)
	d.fee.SetText(lang.L("Charge a reminder fee ({{.Fee}}, where the customer has agreed to a fee)", map[string]any{"Fee": formatAmount(s.fee)}))
	d.loading.Hide()
	d.body.Show()
	d.updateEligible()
	choice := typeManualText()
	if s.typ == core.ReminderAmili {
		choice = typeAmiliText()
	}
	if d.typeRadio.Selected != choice {
		d.typeRadio.SetSelected(choice) // which refreshes the list and asks for the totals
	} else {
		d.list.Refresh()
		d.selectionChanged()
	}
	d.win.Canvas().Focus(d.list)
}

func (d *remindDialog) onTypeChanged(choice string) {
	d.typ = core.ReminderManual
	if choice == typeAmiliText() {
		d.typ = core.ReminderAmili
	}
	d.say("", widget.MediumImportance)
	d.list.Refresh()
	d.selectionChanged() // under Amili its answer names what Amili cannot take
}

// dropAmiliProblems unticks the invoices ids, which Amili cannot take, and says so.
func (d *remindDialog) dropAmiliProblems(ids []int64) {
	for _, id := range ids {
		d.unselect(id)
	}
	d.list.Refresh()
	d.say(lang.L("{{.Count}} invoices Amili cannot take were unticked", map[string]any{"Count": len(ids)}), widget.WarningImportance)
}

// say shows a short message next to the counter, in a colour that fits it.
func (d *remindDialog) say(text string, importance widget.Importance) {
	d.notice.Importance = importance
	d.notice.SetText(text)
}

// tickable says whether candidate c may be ticked under the chosen type.
func (d *remindDialog) tickable(c core.Candidate) bool {
	return d.typ != core.ReminderAmili || c.AmiliOK
}

// toggle ticks or unticks the candidate on row i, refusing the 201st and what Amili
// cannot take. A row not read yet cannot be ticked.
func (d *remindDialog) toggle(i int, on bool) {
	c, ok := d.candidateAt(i)
	if !ok {
		return
	}
	id := c.Invoice.ID
	d.say("", widget.MediumImportance)
	switch {
	case !on:
		d.unselect(id)
	case !d.tickable(c):
		d.say(tr(c.AmiliProblem, map[string]any{"Number": c.Invoice.Number}), widget.WarningImportance)
	case len(d.selected) >= core.MaxBatch && !d.selected[id]:
		d.say(lang.L("You can select up to {{.Max}} invoices at a time", map[string]any{"Max": core.MaxBatch}), widget.WarningImportance)
	case !d.selected[id]:
		d.selected[id] = true
		d.order = append(d.order, id)
	}
	d.list.RefreshItem(widget.TableCellID{Row: i, Col: 0})
	d.selectionChanged()
}

// unselect unticks invoice id.
func (d *remindDialog) unselect(id int64) {
	if !d.selected[id] {
		return
	}
	delete(d.selected, id)
	if i := slices.Index(d.order, id); i >= 0 {
		d.order = slices.Delete(d.order, i, i+1)
	}
}

// onSelectAll ticks the first MaxBatch tickable invoices in the order shown, which
// the service finds in one query, off the UI thread.
func (d *remindDialog) onSelectAll() {
	q, typ := d.query, d.typ
	background(func(ctx context.Context) (selectedIDs, error) {
		ids, more, err := d.svc.SelectCandidates(ctx, q, typ)
		return selectedIDs{ids, more}, err
	}, d.onSelectedAll)
}

// selectedIDs is what Select all ticks, and whether there were more to tick.
type selectedIDs struct {
	ids  []int64
	more bool
}

func (d *remindDialog) onSelectedAll(s selectedIDs, err error) {
	if err != nil {
		showError(err, d.win)
		return
	}
	if d.sending || d.sent {
		return
	}
	d.selected, d.order = make(map[int64]bool, len(s.ids)), s.ids
	for _, id := range s.ids {
		d.selected[id] = true
	}
	d.say("", widget.MediumImportance)
	if s.more {
		d.say(lang.L("The first {{.Max}} are selected", map[string]any{"Max": core.MaxBatch}), widget.MediumImportance)
	}
	d.list.Refresh()
	d.selectionChanged()
}

func (d *remindDialog) onClearAll() {
	d.selected, d.order = map[int64]bool{}, nil
	d.say("", widget.MediumImportance)
	d.list.Refresh()
	d.selectionChanged()
}

// selectionChanged brings the dialog in line with a new selection, type or option,
// and asks the service for the selection's totals.
func (d *remindDialog) selectionChanged() {
	d.update()
	d.sumsGen++
	gen, req := d.sumsGen, d.request()
	if len(req.InvoiceIDs) == 0 {
		d.onSums(gen, core.SelectionTotals{})
		return
	}
	background(func(ctx context.Context) (core.SelectionTotals, error) {
		return d.svc.SelectionTotals(ctx, req)
	}, func(t core.SelectionTotals, err error) {
		if err != nil {
			if gen == d.sumsGen {
				showError(err, d.win)
			}
			return
		}
		d.onSums(gen, t)
	})
}

// onSums shows the selection's totals, unless a newer selection has asked already.
// Under Amili, what Amili cannot take is unticked, and the totals asked for again.
func (d *remindDialog) onSums(gen int, t core.SelectionTotals) {
	if gen != d.sumsGen {
		return
	}
	if d.typ == core.ReminderAmili && len(t.NotForAmili) > 0 {
		d.dropAmiliProblems(t.NotForAmili)
		d.selectionChanged()
		return
	}
	d.sums, d.sumsShown = t, gen
	d.totals.SetText(d.totalsText())
}

// update brings the options, counter, totals and Send button in line with the state.
func (d *remindDialog) update() {
	manual := d.typ == core.ReminderManual
	for _, c := range []*escCheck{d.interest, d.fee, d.lateComp, d.email} {
		if manual && !d.sending {
			c.Enable()
		} else {
			c.Disable()
		}
	}
	if !d.interestAvailable() {
		d.interest.Disable()
	}
	d.amiliNote.Hidden = manual
	d.infoBar.Hidden = manual || d.setup.amili.Activated || !d.loaded
	d.amiliNote.Refresh()
	d.infoBar.Refresh()
	d.counter.SetText(lang.L("{{.Count}} of {{.Max}} selected", map[string]any{"Count": len(d.selected), "Max": core.MaxBatch}))
	d.updateSend()
}

// updateSend enables Send only when it can work, and otherwise says why next to it.
func (d *remindDialog) updateSend() {
	reason := ""
	switch {
	case !d.loaded:
		reason = lang.L("Fetching overdue invoices…")
	case d.sending:
		reason = lang.L("Sending…")
	case d.sent:
		reason = lang.X("batch.sent", "The reminders are sent")
	case d.typ == core.ReminderAmili && !d.setup.amili.Activated:
		reason = lang.L("Activate Amili first (the button at the top)")
	case len(d.selected) == 0:
		reason = lang.L("Tick at least one invoice to send")
	}
	d.reason.SetText(reason)
	if reason != "" {
		d.sendBtn.Disable()
	} else {
		d.sendBtn.Enable()
	}
}

// totalsText is the selection's totals as the service added them up, following the
// chosen type and checks: Amili charges its own interest and fees.
func (d *remindDialog) totalsText() string {
	t := d.sums
	zero := decimal.Zero
	if d.typ == core.ReminderManual && d.lateComp.Checked {
		return totalsWithCompensation(t.Balance.Add(zero), t.Interest.Add(zero), t.Fees.Add(zero), t.LateCompensation.Add(zero))
	}
	return lang.L("Balance {{.Balance}} · Interest {{.Interest}} · Fees {{.Fees}} · To be reminded {{.Total}}",
		map[string]any{"Balance": formatAmount(t.Balance.Add(zero)), "Interest": formatAmount(t.Interest.Add(zero)),
			"Fees": formatAmount(t.Fees.Add(zero)), "Total": formatAmount(t.AmountDue.Add(zero))})
}

// updateEligible says how many candidates the list holds, and their balance.
func (d *remindDialog) updateEligible() {
	d.eligible.SetText(lang.L("{{.Count}} overdue invoices · {{.Balance}}",
		map[string]any{"Count": formatInt(d.count.Count), "Balance": formatAmount(d.count.Balance)}))
}

// request is what the dialog asks the service to send, in the order ticked.
func (d *remindDialog) request() core.ReminderRequest {
	req := core.ReminderRequest{Type: d.typ, IdempotencyKey: d.key, InvoiceIDs: slices.Clone(d.order)}
	if d.typ == core.ReminderManual {
		req.ChargeInterest, req.ChargeFee, req.SendByEmail = d.interest.Checked, d.fee.Checked, d.email.Checked
		req.ChargeInterest = req.ChargeInterest && d.interestAvailable()
		req.ChargeLateCompensation = d.lateComp.Checked
	}
	return req
}

// onSend writes the batch off the UI thread. The button goes grey at once and the
// key is the dialog's own, so a double click makes one batch.
func (d *remindDialog) onSend() {
	if d.sending || d.sent {
		return
	}
	req := d.request()
	d.sending = true
	d.progress.Show()
	d.progress.Start()
	d.update()
	background(func(ctx context.Context) (core.BatchResult, error) {
		return d.svc.SendReminders(ctx, req)
	}, d.onSentResult)
}

func (d *remindDialog) onSentResult(res core.BatchResult, err error) {
	d.sending = false
	d.progress.Stop()
	d.progress.Hide()
	if err != nil {
		d.update()
		showError(err, d.win)
		return
	}
	d.sent = true
	d.update()
	d.dlg.Hide()
	if d.onSent != nil {
		d.onSent()
	}
	d.showSummary(res)
}

// showSummary tells what the batch did; with letters among it, it offers to open
// the letters folder.
func (d *remindDialog) showSummary(res core.BatchResult) {
	text := widget.NewLabel(summaryText(res))
	text.Wrapping = fyne.TextWrapWord
	content := container.NewVBox(text)
	if res.Totals.ByLetter > 0 {
		content.Add(widget.NewButtonWithIcon(lang.L("Open the letters folder"), theme.FolderOpenIcon(), d.openLettersFolder))
	}
	dlg := dialog.NewCustom(lang.L("Reminders created"), lang.L("OK"), content, d.win)
	dlg.Resize(fyne.NewSize(520, 0))
	dlg.Show()
}

// openLettersFolder opens the folder the letters are written to in the file manager.
func (d *remindDialog) openLettersFolder() {
	background(func(ctx context.Context) (string, error) {
		return d.svc.LettersFolder(ctx)
	}, func(dir string, err error) {
		if err != nil {
			showError(err, d.win)
			return
		}
		u, err := url.Parse(storage.NewFileURI(dir).String())
		if err == nil {
			err = fyne.CurrentApp().OpenURL(u)
		}
		if err != nil {
			showError(err, d.win)
		}
	})
}

// summaryText tells what a batch did, by channel.
func summaryText(res core.BatchResult) string {
	t := res.Totals
	text := lang.L("{{.Count}} reminders were created.", map[string]any{"Count": len(res.Reminders)})
	if t.ByAmili > 0 {
		text += "\n" + lang.L("{{.Count}} are handed to Amili.", map[string]any{"Count": t.ByAmili})
	}
	if t.ByEmail > 0 {
		text += "\n" + lang.L("{{.Count}} go out by e-mail.", map[string]any{"Count": t.ByEmail})
	}
	if t.ByLetter > 0 {
		text += "\n" + lang.L("{{.Count}} are written as PDF letters.", map[string]any{"Count": t.ByLetter})
		if res.Batch.SendByEmail {
			text += "\n" + lang.L("Customers without an e-mail address get a letter instead.")
		}
	}
	if res.Replayed {
		text += "\n" + lang.L("(This batch had already been sent; nothing new was created.)")
	}
	return text + "\n\n" + lang.L("Delivery goes on in the background; the Reminders tab shows how it goes and any that fail.")
}

// onActivate shows the activation form, prefilled from the current Amili settings.
func (d *remindDialog) onActivate() {
	d.activation = newActivationForm(d.svc, d.win, d.setup.amili, d.onActivated)
	d.activation.show()
}

// onActivated hides the information bar; the selection and options stay as they are.
func (d *remindDialog) onActivated() {
	background(func(ctx context.Context) (core.AmiliStatus, error) {
		return d.svc.AmiliStatus(ctx)
	}, func(s core.AmiliStatus, err error) {
		if err != nil {
			showError(err, d.win)
			return
		}
		d.setup.amili = s
		d.say(lang.L("Amili is activated"), widget.SuccessImportance)
		d.update()
	})
}

// candidateTable is the dialog's list of invoices: a table that takes the keyboard
// (arrows move, Space ticks the row, Esc closes the dialog).
type candidateTable struct {
	widget.Table
	d *remindDialog
}

// The candidate table's columns, and the order a tap on a header sorts by ("" for
// none).
var candidateColumns = []struct {
	title    string
	width    float32
	trailing bool
	sort     core.CandidateSort
	truncate bool // the text can be longer than the column
}{
	{"", 36, false, "", false}, {"Invoice no.", 90, false, "", true},
	{"Customer", 200, false, core.CandidatesByCustomer, true}, {"Due date", 100, false, core.CandidatesByDueDate, false},
	{"Days overdue", 80, true, core.CandidatesByDaysOverdue, false}, {"Balance", 120, true, core.CandidatesByBalance, false},
	{"Earlier reminders", 80, true, core.CandidatesByReminders, false}, {"Note", 250, false, "", true},
}

func newCandidateTable(d *remindDialog) *candidateTable {
	t := &candidateTable{d: d}
	t.Length = func() (int, int) { return d.count.Count, len(candidateColumns) }
	t.CreateCell = newCandidateCell
	t.UpdateCell = t.updateCell
	t.OnSelected = t.onSelected
	t.ShowHeaderRow = true
	t.CreateHeader = func() fyne.CanvasObject { return newHeaderButton() }
	t.UpdateHeader = t.updateHeader
	t.ExtendBaseWidget(t)
	for i, c := range candidateColumns {
		t.SetColumnWidth(i, columnWidth(c.title, c.width, c.sort != ""))
	}
	return t
}

// candidateAt returns the candidate on row, asking for its page if it is not here yet.
func (d *remindDialog) candidateAt(row int) (core.Candidate, bool) {
	p, i := row/core.DefaultPageSize, row%core.DefaultPageSize
	page, ok := d.pages[p]
	if !ok {
		d.fetchPage(p)
		return core.Candidate{}, false
	}
	if row < 0 || i >= len(page) {
		return core.Candidate{}, false
	}
	return page[i], true
}

// pageQuery asks for page p of the current query.
func (d *remindDialog) pageQuery(p int) core.CandidateQuery {
	q := d.query
	q.Offset, q.Limit = p*core.DefaultPageSize, core.DefaultPageSize
	return q
}

// fetchPage loads page p of the current query off the UI thread, once; the first
// page of a new query brings its count too.
func (d *remindDialog) fetchPage(p int) {
	if d.fetching[p] || !d.loaded {
		return
	}
	d.fetching[p] = true
	q, gen := d.pageQuery(p), d.gen
	backgroundIn(d.ctx, func(ctx context.Context) (candidatePage, error) {
		var page candidatePage
		var err error
		if page.rows, err = d.svc.CandidatePage(ctx, q); err != nil || p > 0 {
			return page, err
		}
		page.count, err = d.svc.CountCandidates(ctx, q)
		return page, err
	}, func(page candidatePage, err error) {
		if gen != d.gen {
			return // an older query's answer
		}
		delete(d.fetching, p)
		if err != nil {
			d.pages[p] = nil // shown empty; the next query tries again
			if p == 0 && !d.closed {
				showError(err, d.win)
			}
			return
		}
		d.pages[p] = page.rows
		if p == 0 {
			d.count = page.count
			d.updateEligible()
		}
		d.list.Refresh()
	})
}

// candidatePage is one page of candidates, with the query's count on its first.
type candidatePage struct {
	rows  []core.Candidate
	count core.CandidateCount
}

// newQuery shows the candidates of a new sort or search from the top; the rows on
// screen stay until the new first page arrives. The selection stays as it is.
func (d *remindDialog) newQuery() {
	d.query.Search = d.search.Text
	d.gen++
	d.stop()
	d.ctx, d.stop = context.WithCancel(context.Background())
	d.pages, d.fetching = map[int][]core.Candidate{}, map[int]bool{}
	d.fetchPage(0)
	d.list.ScrollToTop()
}

// onSearch searches once typing pauses, as the invoice list's search does.
func (d *remindDialog) onSearch(string) {
	d.edits++
	edit := d.edits
	time.AfterFunc(searchDelay, func() {
		runOnUI(func() {
			if edit == d.edits && d.search.Text != d.query.Search && !d.closed {
				d.newQuery()
			}
		})
	})
}

// sortBy sorts by key, or flips the direction when it already sorts by key.
func (d *remindDialog) sortBy(key core.CandidateSort) {
	if d.query.Sort == key {
		d.query.Desc = !d.query.Desc
	} else {
		d.query.Sort, d.query.Desc = key, false
	}
	d.list.Refresh() // the headers' arrows
	d.newQuery()
}

// escCheck is a check box that closes the dialog on Esc when it has the keyboard.
type escCheck struct {
	widget.Check
	onEsc func()
}

func newEscCheck(text string, changed func(bool), onEsc func()) *escCheck {
	c := &escCheck{onEsc: onEsc}
	c.Text, c.OnChanged = text, changed
	c.ExtendBaseWidget(c)
	return c
}

// TypedKey closes the dialog on Esc.
func (c *escCheck) TypedKey(e *fyne.KeyEvent) {
	if e.Name == fyne.KeyEscape {
		c.onEsc()
		return
	}
	c.Check.TypedKey(e)
}

// escEntry is an entry that closes the dialog on Esc when it has the keyboard.
type escEntry struct {
	widget.Entry
	onEsc func()
}

func newEscEntry(onEsc func()) *escEntry {
	e := &escEntry{onEsc: onEsc}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey closes the dialog on Esc.
func (e *escEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape {
		e.onEsc()
		return
	}
	e.Entry.TypedKey(k)
}

// TypedKey closes the dialog on Esc and otherwise moves and ticks like a table.
func (t *candidateTable) TypedKey(e *fyne.KeyEvent) {
	if e.Name == fyne.KeyEscape {
		t.d.close()
		return
	}
	t.Table.TypedKey(e)
}

func newCandidateCell() fyne.CanvasObject {
	check := widget.NewCheck("", nil)
	label := widget.NewLabel("")
	return container.NewStack(check, label)
}

func (t *candidateTable) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	b := o.(*widget.Button)
	b.SetText("")
	b.SetIcon(nil)
	b.OnTapped = nil
	if id.Col < 0 || id.Col >= len(candidateColumns) {
		return
	}
	c := candidateColumns[id.Col]
	if c.title != "" {
		b.SetText(lang.L(c.title))
	}
	if c.sort == "" {
		return
	}
	if c.sort == t.d.query.Sort {
		b.SetIcon(theme.MenuDropUpIcon())
		if t.d.query.Desc {
			b.SetIcon(theme.MenuDropDownIcon())
		}
	}
	b.OnTapped = func() { t.d.sortBy(c.sort) }
}

func (t *candidateTable) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	box := o.(*fyne.Container)
	check, label := box.Objects[0].(*widget.Check), box.Objects[1].(*widget.Label)
	c, ok := t.d.candidateAt(id.Row)
	if !ok {
		check.Hide()
		label.Show()
		label.SetText("")
		return
	}
	if id.Col == 0 {
		label.Hide()
		check.Show()
		// A check box redraws its icon on every change, so only what differs changes.
		check.OnChanged = nil
		if on := t.d.selected[c.Invoice.ID]; check.Checked != on {
			check.SetChecked(on)
		}
		if enable := t.d.tickable(c) && !t.d.sending; enable && check.Disabled() {
			check.Enable()
		} else if !enable && !check.Disabled() {
			check.Disable()
		}
		row := id.Row
		check.OnChanged = func(on bool) {
			t.d.toggle(row, on)
			// Keep the keyboard on the list, so Space, the arrows and Esc go on working.
			t.d.win.Canvas().Focus(t)
		}
		return
	}
	check.Hide()
	label.Show()
	align := fyne.TextAlignLeading
	if candidateColumns[id.Col].trailing {
		align = fyne.TextAlignTrailing
	}
	text, importance := t.d.cellText(c, id.Col)
	// Only the names and notes can be too long for their column; a truncated label
	// measures its text again at every layout, the bulk of filling the table.
	truncation := fyne.TextTruncateOff
	if candidateColumns[id.Col].truncate {
		truncation = fyne.TextTruncateEllipsis
	}
	// A cell that shows the same as before is left be (Select all refreshes them all).
	if label.Text == text && label.Importance == importance && label.Alignment == align && label.Truncation == truncation {
		return
	}
	label.Alignment, label.Importance, label.Truncation = align, importance, truncation
	label.SetText(text)
}

// cellText is what column col shows for candidate c.
func (d *remindDialog) cellText(c core.Candidate, col int) (string, widget.Importance) {
	switch col {
	case 1:
		return c.Invoice.Number, widget.MediumImportance
	case 2:
		return c.Customer.Name, widget.MediumImportance
	case 3:
		return formatDate(c.Invoice.DueDate), widget.MediumImportance
	case 4:
		return strconv.Itoa(c.DaysOverdue), widget.MediumImportance
	case 5:
		return formatAmount(c.Invoice.Balance()), widget.MediumImportance
	case 6:
		return formatCount(c.PreviousReminders), widget.MediumImportance
	}
	return d.noteText(c)
}

// noteText flags what the user should know about a candidate before ticking it.
func (d *remindDialog) noteText(c core.Candidate) (string, widget.Importance) {
	switch {
	case d.typ == core.ReminderAmili && !c.AmiliOK:
		if short, ok := shortAmiliProblems[c.AmiliProblem]; ok {
			return lang.L(short), widget.DangerImportance
		}
		return tr(c.AmiliProblem, map[string]any{"Number": c.Invoice.Number}), widget.DangerImportance
	case c.RecentlyReminded:
		return lang.L("Reminded recently ({{.Date}})", map[string]any{"Date": formatDate(c.Invoice.LastReminded)}), widget.WarningImportance
	}
	return "", widget.MediumImportance
}

// shortAmiliProblems are brief forms of core's reasons why Amili cannot take an
// invoice, for the narrow note column; the full reason shows when a tick is refused.
var shortAmiliProblems = map[string]string{
	"Invoice {{.Number}}: the customer has no organisation or personal number, which Amili needs": "No org./personal number, which Amili needs",
	"Invoice {{.Number}} is not in SEK; Amili only takes SEK":                                     "Not in SEK; Amili only takes SEK",
}

// onSelected ticks or unticks a row tapped outside its check box, or the focused
// row on Space.
func (t *candidateTable) onSelected(id widget.TableCellID) {
	t.Unselect(id)
	c, ok := t.d.candidateAt(id.Row)
	if !ok || t.d.sending {
		return
	}
	t.d.toggle(id.Row, !t.d.selected[c.Invoice.ID])
	t.RefreshItem(widget.TableCellID{Row: id.Row, Col: 0})
}
