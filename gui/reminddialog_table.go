package gui

import (
	"context"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"paminn/core"
)

// candidateTable is the dialog's list of invoices: a table that takes the keyboard
// (arrows move, Space ticks the row, Esc closes the dialog).
type candidateTable struct {
	widget.Table
	d *remindDialog
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
	case !d.tickable(c):
		p, _ := c.ProblemFor(d.typ)
		return problemShortText(p), widget.DangerImportance
	case c.RecentlyReminded:
		return lang.L("Reminded recently ({{.Date}})", map[string]any{"Date": formatDate(c.Invoice.LastReminded)}), widget.WarningImportance
	}
	return "", widget.MediumImportance
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
