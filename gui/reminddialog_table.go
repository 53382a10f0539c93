package gui

import (
	"context"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"paminn/core"
)

// candidateTable is the dialog's list of invoices: a table that takes the keyboard
// (arrows move, Space ticks the row, Esc closes the dialog).
type candidateTable struct {
	widget.Table
	d       *remindDialog
	columns columnTable[core.Candidate, core.CandidateSort]
}

func newCandidateTable(d *remindDialog) *candidateTable {
	t := &candidateTable{d: d}
	t.columns = columnTable[core.Candidate, core.CandidateSort]{
		cols: d.candidateColumns(),
		rows: func() int { return d.count.Count },
		row:  d.candidateAt,
		order: &tableSort[core.CandidateSort]{
			current: d.sortOrder,
			by:      d.sortBy,
		},
	}
	t.OnSelected = t.onSelected
	t.ExtendBaseWidget(t)
	t.columns.fill(&t.Table, t)
	return t
}

// candidateColumns are the candidate table's columns: a tick, the invoice, and a
// note on what the user should know before ticking it.
func (d *remindDialog) candidateColumns() []column[core.Candidate, core.CandidateSort] {
	return []column[core.Candidate, core.CandidateSort]{
		{width: 36, show: func(c core.Candidate) cellLook {
			return tick(d.selected[c.Invoice.ID], d.tickable(c) && !d.sending)
		}},
		{title: "Invoice no.", width: 90, show: func(c core.Candidate) cellLook { return plain(c.Invoice.Number) }},
		{title: "Customer", width: 200, cut: true, sort: core.CandidatesByCustomer, show: func(c core.Candidate) cellLook { return plain(c.Customer.Name) }},
		{title: "Due date", width: 100, sort: core.CandidatesByDueDate, show: func(c core.Candidate) cellLook { return plain(formatDate(c.Invoice.DueDate)) }},
		{title: "Days overdue", width: 80, trailing: true, sort: core.CandidatesByDaysOverdue, show: func(c core.Candidate) cellLook { return plain(strconv.Itoa(c.DaysOverdue)) }},
		{title: "Balance", width: 120, trailing: true, sort: core.CandidatesByBalance, show: func(c core.Candidate) cellLook { return plain(formatAmount(c.Invoice.Balance())) }},
		{title: "Earlier reminders", width: 80, trailing: true, sort: core.CandidatesByReminders, show: func(c core.Candidate) cellLook { return plain(formatCount(c.PreviousReminders)) }},
		{title: "Step", width: 220, cut: true, show: func(c core.Candidate) cellLook { return styled(stepText(c)) }},
		{title: "Note", width: 250, cut: true, show: func(c core.Candidate) cellLook { return styled(d.noteText(c)) }},
	}
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
	q, gen, view := d.pageQuery(p), d.gen, d.view
	backgroundIn(d.ctx, func(ctx context.Context) (candidatePage, error) {
		return d.readPage(ctx, view, q, p)
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
	if d.view == viewByPlan {
		return // the plan's view keeps its order: earliest due date first
	}
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

// onSelected ticks or unticks a row tapped (on its check box or anywhere else), or
// the focused row on Space: the check boxes are drawn, not widgets of their own.
func (t *candidateTable) onSelected(id widget.TableCellID) {
	t.Unselect(id)
	c, ok := t.d.candidateAt(id.Row)
	if !ok || t.d.sending {
		return
	}
	t.d.toggle(id.Row, !t.d.selected[c.Invoice.ID])
	t.RefreshItem(widget.TableCellID{Row: id.Row, Col: 0})
}
