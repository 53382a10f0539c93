package gui

import (
	"context"
	"slices"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"paminn/core"
)

// tickable says whether candidate c may be ticked under the chosen type.
func (d *remindDialog) tickable(c core.Candidate) bool {
	_, blocked := c.ProblemFor(d.typ)
	return !blocked
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
		p, _ := c.ProblemFor(d.typ)
		d.say(problemText(p, c.Invoice.Number), widget.WarningImportance)
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
// the service finds in one query, off the UI thread; those reminded in the last
// RecentDays days only when "include recently reminded" is ticked.
func (d *remindDialog) onSelectAll() {
	q, typ, recent, view := d.query, d.typ, d.withRecent.Checked, d.view
	background(func(ctx context.Context) (core.Selection, error) {
		if view == viewByPlan {
			return d.selectDueByPlan(ctx, typ)
		}
		return d.svc.SelectCandidates(ctx, q, typ, recent)
	}, d.onSelectedAll)
}

func (d *remindDialog) onSelectedAll(s core.Selection, err error) {
	if err != nil {
		showError(err, d.win)
		return
	}
	if d.sending || d.sent {
		return
	}
	d.selected, d.order = make(map[int64]bool, len(s.IDs)), s.IDs
	for _, id := range s.IDs {
		d.selected[id] = true
	}
	d.skipped = s
	d.say(selectAllText(s))
	d.list.Refresh()
	d.selectionChanged()
}

func (d *remindDialog) onClearAll() {
	d.selected, d.order, d.skipped = map[int64]bool{}, nil, core.Selection{}
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
		d.onSums(gen, core.SelectionTotals{LateCompensationCharged: req.ChargesLateCompensation()})
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
// What the type cannot take (under Amili: what Amili cannot) is unticked, and the
// totals asked for again.
func (d *remindDialog) onSums(gen int, t core.SelectionTotals) {
	if gen != d.sumsGen {
		return
	}
	if len(t.Blocked) > 0 {
		d.dropAmiliProblems(t.Blocked)
		d.selectionChanged()
		return
	}
	d.sums, d.sumsShown = t, gen
	d.totals.SetText(d.totalsText())
}
