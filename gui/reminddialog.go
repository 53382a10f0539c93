package gui

import (
	"context"
	"image/color"
	"net/url"
	"strconv"

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
	candidates []core.Candidate
	amili      core.AmiliStatus
	typ        core.ReminderType
	offer      core.InterestOffer // whether interest can be charged, at what rate
	fee        decimal.Decimal
}

// remindDialog is Skapa flera påminnelser: the overdue invoices to tick, how to
// remind them, what it adds up to, and Send.
type remindDialog struct {
	svc    *core.Service
	win    fyne.Window
	key    string // one idempotency key per opening: a second Send replays the first
	onSent func()

	setup    remindSetup
	selected map[int64]bool
	position map[int64]int // each candidate's index in setup.candidates, by invoice ID
	typ      core.ReminderType
	loaded   bool
	sending  bool
	sent     bool
	closed   bool

	dlg         *dialog.CustomDialog
	infoBar     *fyne.Container
	activateBtn *widget.Button
	activation  *formDialog
	typeRadio   *widget.RadioGroup
	interest    *widget.Check
	interestBar *interestBar
	fee         *widget.Check
	lateComp    *widget.Check
	email       *widget.Check
	amiliNote   *widget.Label
	list        *candidateTable
	counter     *widget.Label
	notice      *widget.Label
	selectAll   *widget.Button
	clearAll    *widget.Button
	totals      *widget.Label
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
		selected: map[int64]bool{}, typ: core.ReminderManual}
	d.build()
	d.load()
	return d
}

func (d *remindDialog) build() {
	d.buildInfoBar()
	d.typeRadio = widget.NewRadioGroup([]string{typeManualText(), typeAmiliText()}, d.onTypeChanged)
	d.typeRadio.Horizontal = true
	d.typeRadio.Required = true
	d.interest = widget.NewCheck(lang.L("Charge late-payment interest"), func(bool) { d.update() })
	d.interestBar = newInterestBar(d)
	d.fee = widget.NewCheck(lang.L("Charge a reminder fee"), func(bool) { d.update() })
	d.lateComp = newLateCompensationCheck(d)
	d.email = widget.NewCheck(lang.L("Send by e-mail (customers without an address get a letter)"), func(bool) { d.update() })
	d.amiliNote = widget.NewLabelWithStyle(lang.L("Amili handles interest, fees and delivery by the rules in force"),
		fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
	d.amiliNote.Hide()
	d.list = newCandidateTable(d)
	d.counter = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	d.notice = widget.NewLabel("")
	d.notice.Importance = widget.WarningImportance
	d.selectAll = widget.NewButtonWithIcon(lang.L("Select all"), theme.CheckButtonCheckedIcon(), d.onSelectAll)
	d.clearAll = widget.NewButtonWithIcon(lang.L("Deselect all"), theme.CheckButtonIcon(), d.onClearAll)
	d.totals = widget.NewLabel("")
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
	selection := container.NewHBox(d.selectAll, d.clearAll, d.counter, d.notice)
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

// show opens the dialog nearly as large as the window, and makes Esc close it.
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
	d.interestBar.stop()
	d.win.Canvas().SetOnTypedKey(nil)
}

// load fetches the candidates and everything the options show, off the UI thread.
func (d *remindDialog) load() {
	background(func(ctx context.Context) (remindSetup, error) {
		var s remindSetup
		var err error
		if s.candidates, err = d.svc.ReminderCandidates(ctx); err != nil {
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
	d.position = make(map[int64]int, len(s.candidates))
	for i, c := range s.candidates {
		d.position[c.Invoice.ID] = i
	}
	d.interestBar.apply(s.offer)
	d.fee.SetText(lang.L("Charge a reminder fee ({{.Fee}}, where the customer has agreed to a fee)", map[string]any{"Fee": formatAmount(s.fee)}))
	d.loading.Hide()
	d.body.Show()
	if s.typ == core.ReminderAmili {
		d.typeRadio.SetSelected(typeAmiliText())
	} else {
		d.typeRadio.SetSelected(typeManualText())
	}
	d.list.Refresh()
	d.update()
	d.win.Canvas().Focus(d.list)
}

func (d *remindDialog) onTypeChanged(choice string) {
	d.typ = core.ReminderManual
	if choice == typeAmiliText() {
		d.typ = core.ReminderAmili
	}
	d.say("", widget.MediumImportance)
	if d.typ == core.ReminderAmili {
		d.dropAmiliProblems()
	}
	d.list.Refresh()
	d.update()
}

// dropAmiliProblems unticks the invoices Amili cannot take, and says so.
func (d *remindDialog) dropAmiliProblems() {
	dropped := 0
	for _, c := range d.setup.candidates {
		if d.selected[c.Invoice.ID] && !c.AmiliOK {
			delete(d.selected, c.Invoice.ID)
			dropped++
		}
	}
	if dropped > 0 {
		d.say(lang.L("{{.Count}} invoices Amili cannot take were unticked", map[string]any{"Count": dropped}), widget.WarningImportance)
	}
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

// toggle ticks or unticks candidate i, refusing the 201st and what Amili cannot take.
func (d *remindDialog) toggle(i int, on bool) {
	c := d.setup.candidates[i]
	id := c.Invoice.ID
	d.say("", widget.MediumImportance)
	switch {
	case !on:
		delete(d.selected, id)
	case !d.tickable(c):
		d.say(tr(c.AmiliProblem, map[string]any{"Number": c.Invoice.Number}), widget.WarningImportance)
	case len(d.selected) >= core.MaxBatch && !d.selected[id]:
		d.say(lang.L("You can select up to {{.Max}} invoices at a time", map[string]any{"Max": core.MaxBatch}), widget.WarningImportance)
	default:
		d.selected[id] = true
	}
	d.list.RefreshItem(widget.TableCellID{Row: i, Col: 0})
	d.update()
}

// onSelectAll ticks the first MaxBatch tickable invoices in the order shown.
func (d *remindDialog) onSelectAll() {
	d.selected = map[int64]bool{}
	tickable := 0
	for _, c := range d.setup.candidates {
		if !d.tickable(c) {
			continue
		}
		tickable++
		if len(d.selected) < core.MaxBatch {
			d.selected[c.Invoice.ID] = true
		}
	}
	d.say("", widget.MediumImportance)
	if tickable > core.MaxBatch {
		d.say(lang.L("The first {{.Max}} are selected", map[string]any{"Max": core.MaxBatch}), widget.MediumImportance)
	}
	d.list.Refresh()
	d.update()
}

func (d *remindDialog) onClearAll() {
	d.selected = map[int64]bool{}
	d.say("", widget.MediumImportance)
	d.list.Refresh()
	d.update()
}

// update brings the options, counter, totals and Send button in line with the state.
func (d *remindDialog) update() {
	manual := d.typ == core.ReminderManual
	for _, c := range []*widget.Check{d.interest, d.fee, d.lateComp, d.email} {
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
	d.totals.SetText(d.totalsText())
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

// totalsText sums the selection from the candidates' preview figures, following the
// chosen type and checks: Amili charges its own interest and fees. It visits the
// selected candidates only (at most 200 of tens of thousands), so a tick stays quick.
func (d *remindDialog) totalsText() string {
	balance, interest, fees, compensation := decimal.Zero, decimal.Zero, decimal.Zero, decimal.Zero
	manual := d.typ == core.ReminderManual
	for id := range d.selected {
		c := d.setup.candidates[d.position[id]]
		balance = balance.Add(c.Invoice.Balance())
		if manual && d.interest.Checked && d.interestAvailable() {
			interest = interest.Add(c.Interest)
		}
		fee, comp := d.chargesOf(c)
		fees, compensation = fees.Add(fee), compensation.Add(comp)
	}
	if manual && d.lateComp.Checked {
		return totalsWithCompensation(balance, interest, fees, compensation)
	}
	return lang.L("Balance {{.Balance}} · Interest {{.Interest}} · Fees {{.Fees}} · To be reminded {{.Total}}",
		map[string]any{"Balance": formatAmount(balance), "Interest": formatAmount(interest), "Fees": formatAmount(fees),
			"Total": formatAmount(balance.Add(interest).Add(fees))})
}

// request is what the dialog asks the service to send, in the order shown.
func (d *remindDialog) request() core.ReminderRequest {
	req := core.ReminderRequest{Type: d.typ, IdempotencyKey: d.key}
	if d.typ == core.ReminderManual {
		req.ChargeInterest, req.ChargeFee, req.SendByEmail = d.interest.Checked, d.fee.Checked, d.email.Checked
		req.ChargeLateCompensation = d.lateComp.Checked
	}
	for _, c := range d.setup.candidates {
		if d.selected[c.Invoice.ID] {
			req.InvoiceIDs = append(req.InvoiceIDs, c.Invoice.ID)
		}
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

// The candidate table's columns.
var candidateColumns = []struct {
	title    string
	width    float32
	trailing bool
}{
	{"", 36, false}, {"Invoice no.", 90, false}, {"Customer", 200, false}, {"Due date", 100, false},
	{"Days overdue", 80, true}, {"Balance", 120, true}, {"Earlier reminders", 80, true}, {"Note", 250, false},
}

func newCandidateTable(d *remindDialog) *candidateTable {
	t := &candidateTable{d: d}
	t.Length = func() (int, int) { return len(d.setup.candidates), len(candidateColumns) }
	t.CreateCell = newCandidateCell
	t.UpdateCell = t.updateCell
	t.OnSelected = t.onSelected
	t.ShowHeaderRow = true
	t.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	t.UpdateHeader = t.updateHeader
	t.ExtendBaseWidget(t)
	for i, c := range candidateColumns {
		t.SetColumnWidth(i, columnWidth(c.title, c.width, false))
	}
	return t
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
	label.Truncation = fyne.TextTruncateEllipsis
	return container.NewStack(check, label)
}

func (t *candidateTable) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	if id.Col >= 0 && id.Col < len(candidateColumns) && candidateColumns[id.Col].title != "" {
		o.(*widget.Label).SetText(lang.L(candidateColumns[id.Col].title))
		return
	}
	o.(*widget.Label).SetText("")
}

func (t *candidateTable) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	box := o.(*fyne.Container)
	check, label := box.Objects[0].(*widget.Check), box.Objects[1].(*widget.Label)
	c := t.d.setup.candidates[id.Row]
	if id.Col == 0 {
		label.Hide()
		check.Show()
		check.OnChanged = nil
		check.SetChecked(t.d.selected[c.Invoice.ID])
		if t.d.tickable(c) && !t.d.sending {
			check.Enable()
		} else {
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
	// Laying out a truncated label measures its text, the bulk of refreshing the
	// table (as Select all does): a cell that shows the same as before is left be.
	if label.Text == text && label.Importance == importance && label.Alignment == align {
		return
	}
	label.Alignment, label.Importance = align, importance
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
	if id.Row < 0 || id.Row >= len(t.d.setup.candidates) || t.d.sending {
		return
	}
	c := t.d.setup.candidates[id.Row]
	t.d.toggle(id.Row, !t.d.selected[c.Invoice.ID])
	t.RefreshItem(widget.TableCellID{Row: id.Row, Col: 0})
}
