package gui

import (
	"context"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/shopspring/decimal"

	"paminn/core"
)

// interestDialogSize is the size Skapa räntefakturor opens at, less where the
// window is smaller (a 1024×768 screen).
var interestDialogSize = fyne.NewSize(900, 600)

// interestInvoices is Skapa räntefakturor: the invoices paid late with the interest
// a räntefaktura would charge each (core/RULES.md, "Räntefakturor"), a tick for
// each, Create, and what was made.
type interestInvoices struct {
	svc *core.Service
	win fyne.Window

	cands    core.InterestCandidates
	selected map[int64]bool
	loaded   bool
	creating bool
	closed   bool

	dlg       *dialog.CustomDialog
	list      *interestTable
	intro     *widget.Label // what the list is, the minimum and the due date
	note      *widget.Label // what was left out, and why
	totals    *widget.Label // the ticked, and their interest
	result    *widget.Label // what the last Create made
	selectAll *widget.Button
	clearAll  *widget.Button
	createBtn *widget.Button
	closeBtn  *widget.Button
	progress  *widget.ProgressBarInfinite
	loading   *fyne.Container
	body      *fyne.Container
}

// interestColumns are the list's columns: a tick, the invoice, the days its
// interest runs and the interest.
func (d *interestInvoices) interestColumns() []column[core.InterestCandidate, unsorted] {
	return []column[core.InterestCandidate, unsorted]{
		{width: 36, show: func(c core.InterestCandidate) cellLook { return tick(d.selected[c.Invoice.ID], !d.creating) }},
		{title: "Invoice no.", width: 90, show: func(c core.InterestCandidate) cellLook { return plain(c.Invoice.Number) }},
		{title: "Customer", width: 190, show: func(c core.InterestCandidate) cellLook { return plain(c.Invoice.CustomerName) }},
		{title: "Due date", width: 100, show: func(c core.InterestCandidate) cellLook { return plain(formatDate(c.Invoice.DueDate)) }},
		{title: "Interest from", width: 100, show: func(c core.InterestCandidate) cellLook { return plain(formatDate(c.From)) }},
		{title: "Paid on", width: 100, show: func(c core.InterestCandidate) cellLook { return plain(formatDate(c.To)) }},
		{title: "Days", width: 50, trailing: true, show: func(c core.InterestCandidate) cellLook { return plain(strconv.Itoa(c.Interest.Days)) }},
		{title: "Interest", width: 110, trailing: true, show: func(c core.InterestCandidate) cellLook { return plain(formatAmount(c.Interest.Amount)) }},
	}
}

// interestTable is the dialog's list: a table that takes the keyboard (arrows move,
// Space ticks the row, Esc closes the dialog).
type interestTable struct {
	widget.Table
	d *interestInvoices
}

func newInterestTable(d *interestInvoices) *interestTable {
	t := &interestTable{d: d}
	cols := columnTable[core.InterestCandidate, unsorted]{
		cols: d.interestColumns(),
		rows: func() int { return len(d.cands.Candidates) },
		row: func(i int) (core.InterestCandidate, bool) {
			if i < 0 || i >= len(d.cands.Candidates) {
				return core.InterestCandidate{}, false
			}
			return d.cands.Candidates[i], true
		},
	}
	t.OnSelected = t.onSelected
	t.ExtendBaseWidget(t)
	cols.fill(&t.Table, t)
	return t
}

// TypedKey closes the dialog on Esc and otherwise moves and ticks like a table.
func (t *interestTable) TypedKey(e *fyne.KeyEvent) {
	if e.Name == fyne.KeyEscape {
		t.d.close()
		return
	}
	t.Table.TypedKey(e)
}

// onSelected ticks or unticks the row tapped, or the focused row on Space.
func (t *interestTable) onSelected(id widget.TableCellID) {
	t.Unselect(id)
	if id.Row < 0 || id.Row >= len(t.d.cands.Candidates) || t.d.creating {
		return
	}
	inv := t.d.cands.Candidates[id.Row].Invoice.ID
	t.d.selected[inv] = !t.d.selected[inv]
	t.RefreshItem(widget.TableCellID{Row: id.Row, Col: 0})
	t.d.update()
}

// newInterestInvoices builds the dialog and starts loading the candidates; show it
// with show.
func newInterestInvoices(svc *core.Service, win fyne.Window) *interestInvoices {
	d := &interestInvoices{svc: svc, win: win, selected: map[int64]bool{}}
	d.build()
	d.load()
	return d
}

func (d *interestInvoices) build() {
	d.list = newInterestTable(d)
	d.intro = widget.NewLabel("")
	d.intro.Wrapping = fyne.TextWrapWord
	d.note = widget.NewLabel("")
	d.note.Importance = widget.WarningImportance
	d.note.Wrapping = fyne.TextWrapWord
	d.note.Hide()
	d.totals = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	d.result = widget.NewLabel("")
	d.result.Importance = widget.SuccessImportance
	d.result.Wrapping = fyne.TextWrapWord
	d.result.Hide()
	d.selectAll = widget.NewButtonWithIcon(lang.L("Select all"), theme.CheckButtonCheckedIcon(), func() { d.selectEvery(true) })
	d.clearAll = widget.NewButtonWithIcon(lang.L("Deselect all"), theme.CheckButtonIcon(), func() { d.selectEvery(false) })
	d.progress = widget.NewProgressBarInfinite()
	d.progress.Hide()
	d.progress.Stop()
	d.createBtn = widget.NewButtonWithIcon(lang.L("Create räntefakturor"), theme.DocumentCreateIcon(), d.onCreate)
	d.createBtn.Importance = widget.HighImportance
	d.createBtn.Disable()
	d.closeBtn = widget.NewButton(lang.L("Close"), d.close)
	top := container.NewVBox(d.intro, d.note, container.NewHBox(d.selectAll, d.clearAll))
	buttons := container.NewHBox(d.progress, d.closeBtn, d.createBtn)
	bottom := container.NewVBox(widget.NewSeparator(), d.result, container.NewBorder(nil, nil, nil, buttons, d.totals))
	d.body = container.NewBorder(top, bottom, nil, nil, d.list)
	d.body.Hide()
	d.loading = container.NewCenter(container.NewVBox(widget.NewLabel(lang.L("Fetching invoices paid late…")), widget.NewProgressBarInfinite()))
	d.dlg = dialog.NewCustomWithoutButtons(lang.L("Create räntefakturor"), container.NewStack(d.loading, d.body), d.win)
	d.dlg.SetOnClosed(d.onClosed)
}

// show opens the dialog, no larger than the window, and makes Esc close it when
// nothing in it has the keyboard.
func (d *interestInvoices) show() {
	d.dlg.Show()
	room := d.win.Canvas().Size()
	pad := 2 * theme.Padding() * 4
	d.dlg.Resize(fyne.NewSize(min(interestDialogSize.Width, room.Width-pad), min(interestDialogSize.Height, room.Height-pad)))
	d.win.Canvas().SetOnTypedKey(func(e *fyne.KeyEvent) {
		if e.Name == fyne.KeyEscape {
			d.close()
		}
	})
}

func (d *interestInvoices) close() {
	if d.creating {
		return // the räntefakturor are being written; it finishes in a moment
	}
	d.dlg.Hide()
}

func (d *interestInvoices) onClosed() {
	d.closed = true
	d.win.Canvas().SetOnTypedKey(nil)
}

// load fetches the candidates off the UI thread.
func (d *interestInvoices) load() {
	background(d.svc.InterestInvoiceCandidates, d.onLoaded)
}

func (d *interestInvoices) onLoaded(c core.InterestCandidates, err error) {
	if d.closed {
		return
	}
	if err != nil {
		d.dlg.Hide()
		showError(err, d.win)
		return
	}
	d.cands, d.loaded = c, true
	for id := range d.selected {
		if !d.listed(id) {
			delete(d.selected, id) // made, or no longer owing
		}
	}
	d.intro.SetText(introText(c))
	d.showNote(noteText(c))
	d.loading.Hide()
	d.body.Show()
	d.list.Refresh()
	d.update()
	d.win.Canvas().Focus(d.list)
}

// listed reports whether the invoice id is among the candidates.
func (d *interestInvoices) listed(id int64) bool {
	for _, c := range d.cands.Candidates {
		if c.Invoice.ID == id {
			return true
		}
	}
	return false
}

func (d *interestInvoices) showNote(text string) {
	d.note.SetText(text)
	d.note.Hidden = text == ""
	d.note.Refresh()
}

// selectEvery ticks or unticks every invoice listed.
func (d *interestInvoices) selectEvery(on bool) {
	if d.creating {
		return
	}
	for _, c := range d.cands.Candidates {
		if on {
			d.selected[c.Invoice.ID] = true
		} else {
			delete(d.selected, c.Invoice.ID)
		}
	}
	d.list.Refresh()
	d.update()
}

// chosen returns the ticked invoices' IDs, in the list's order, and their interest.
func (d *interestInvoices) chosen() ([]int64, decimal.Decimal) {
	var ids []int64
	sum := decimal.Zero
	for _, c := range d.cands.Candidates {
		if d.selected[c.Invoice.ID] {
			ids = append(ids, c.Invoice.ID)
			sum = sum.Add(c.Interest.Amount)
		}
	}
	return ids, sum
}

// update shows the selection's totals and enables what it allows.
func (d *interestInvoices) update() {
	ids, sum := d.chosen()
	d.totals.SetText(lang.L("{{.Count}} of {{.All}} selected: {{.Amount}} in interest",
		map[string]any{"Count": len(ids), "All": len(d.cands.Candidates), "Amount": formatAmount(sum)}))
	enableIf(d.createBtn, len(ids) > 0 && !d.creating)
	enableIf(d.selectAll, len(d.cands.Candidates) > 0 && !d.creating)
	enableIf(d.clearAll, len(ids) > 0 && !d.creating)
}

// enableIf enables b when on holds and disables it otherwise.
func enableIf(b *widget.Button, on bool) {
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}

// onCreate makes the ticked räntefakturor off the UI thread; a second press while
// they are written does nothing, and the service never makes two for one invoice.
func (d *interestInvoices) onCreate() {
	ids, _ := d.chosen()
	if len(ids) == 0 || d.creating {
		return
	}
	d.creating = true
	d.progress.Show()
	d.progress.Start()
	d.list.Refresh()
	d.update()
	background(func(ctx context.Context) (core.InterestInvoiceResult, error) {
		return d.svc.CreateInterestInvoices(ctx, ids)
	}, d.onCreated)
}

func (d *interestInvoices) onCreated(res core.InterestInvoiceResult, err error) {
	d.creating = false
	d.progress.Stop()
	d.progress.Hide()
	d.update()
	if err != nil {
		showError(err, d.win)
		return
	}
	d.result.SetText(resultText(res))
	d.result.Show()
	d.load() // what is left to charge
}

// openInterestInvoices opens Skapa räntefakturor (Arkiv), unless it is open.
func (m *MainWindow) openInterestInvoices() {
	if m.interest != nil && !m.interest.closed {
		return
	}
	m.interest = newInterestInvoices(m.svc, m.Window)
	m.interest.show()
}
