package gui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"paminn/core"
)

// The dialog lists one of two views: the invoices whose next step of the reminder
// plan is due today ("Dags enligt planen", core's Service.DueByPlanPage), which it
// opens on when there are any, or every overdue invoice ("Alla förfallna"), one
// click away. The plan's order is fixed (earliest due date first) and has no search.

// remindView is which invoices the dialog lists.
type remindView int

// The dialog's views, in the order the choice offers them.
const (
	viewByPlan remindView = iota // the invoices the plan has a step due for today
	viewAll                      // every overdue invoice
)

// allRemindViews lists every view, in the choice's order.
func allRemindViews() []remindView { return []remindView{viewByPlan, viewAll} }

// viewText is a view as the choice offers it.
func viewText(v remindView) string {
	switch v {
	case viewByPlan:
		return lang.L("Due by the plan")
	case viewAll:
		return lang.L("All overdue")
	}
	return ""
}

// newViewChoice is the choice between the views, above the list.
func (d *remindDialog) newViewChoice() *fyne.Container {
	views := allRemindViews()
	options := make([]string, len(views))
	for i, v := range views {
		options[i] = viewText(v)
	}
	d.viewChoice = newTypeChoice(options, func(i int) { d.onViewChanged(views[i]) }, d.close)
	return container.NewHBox(widget.NewLabelWithStyle(lang.L("Show"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), d.viewChoice)
}

// loadFirstView reads, for the dialog's opening, how many invoices the plan has a
// step due for today, and the first page and count of the view it opens on: the
// plan's when it has any, else all overdue.
func (d *remindDialog) loadFirstView(ctx context.Context, s *remindSetup) error {
	var err error
	if s.planCount, err = d.svc.CountDueByPlan(ctx); err != nil {
		return err
	}
	if s.planCount > 0 { // counted already: the page alone
		s.view, s.count.Count = viewByPlan, s.planCount
		q := d.pageQuery(0)
		s.first, err = d.svc.DueByPlanPage(ctx, q.Offset, q.Limit)
		return err
	}
	s.view = viewAll
	page, err := d.readPage(ctx, s.view, d.pageQuery(0), 0)
	s.first, s.count = page.rows, page.count
	return err
}

// showView shows the view v chosen at the opening or by the user: the choice, the
// search (all overdue only) and Select all's "include recently reminded" (all
// overdue only: the plan's days decide when an invoice is due again).
func (d *remindDialog) showView(v remindView) {
	d.view = v
	if i := int(v); d.viewChoice.SelectedIndex() != i {
		d.viewChoice.SetSelected(d.viewChoice.options[i].Text)
	}
	if v == viewByPlan {
		d.search.Disable()
		d.withRecent.Hide()
	} else {
		d.search.Enable()
		d.withRecent.Show()
	}
}

// onViewChanged lists the view the user chose, from the top; the selection stays.
func (d *remindDialog) onViewChanged(v remindView) {
	if !d.loaded || v == d.view {
		return
	}
	d.showView(v)
	d.defaultStep()
	d.say("", widget.MediumImportance)
	d.skipped = core.Selection{}
	d.list.Refresh() // the headers' arrows: the plan's order has none
	d.newQuery()
}

// sortOrder is the order the headers show: none in the plan's view.
func (d *remindDialog) sortOrder() (core.CandidateSort, bool) {
	if d.view == viewByPlan {
		return "", false
	}
	return d.query.Sort, d.query.Desc
}

// readPage reads page p of the view shown, with the view's count on the first.
func (d *remindDialog) readPage(ctx context.Context, v remindView, q core.CandidateQuery, p int) (candidatePage, error) {
	var page candidatePage
	var err error
	if v == viewByPlan {
		if page.rows, err = d.svc.DueByPlanPage(ctx, q.Offset, q.Limit); err != nil || p > 0 {
			return page, err
		}
		page.count.Count, err = d.svc.CountDueByPlan(ctx)
		return page, err
	}
	if page.rows, err = d.svc.CandidatePage(ctx, q); err != nil || p > 0 {
		return page, err
	}
	page.count, err = d.svc.CountCandidates(ctx, q)
	return page, err
}

// selectDueByPlan is Select all in the plan's view: the first MaxBatch invoices due
// by the plan, in the order shown, that the type can take.
func (d *remindDialog) selectDueByPlan(ctx context.Context, typ core.ReminderType) (core.Selection, error) {
	cs, err := d.svc.DueByPlanPage(ctx, 0, core.MaxBatch+1)
	if err != nil {
		return core.Selection{}, err
	}
	sel := core.Selection{Blocked: map[core.ProblemCode]int{}}
	for _, c := range cs {
		if p, blocked := c.ProblemFor(typ); blocked {
			sel.Blocked[p.Code]++
			continue
		}
		if len(sel.IDs) == core.MaxBatch {
			sel.More = true
			break
		}
		sel.IDs = append(sel.IDs, c.Invoice.ID)
	}
	return sel, nil
}

// eligibleByPlanText says how many invoices the plan has a step due for today.
func eligibleByPlanText(n int) string {
	return counted(n, "1 invoice has a step of the plan due today", "{{.Count}} invoices have a step of the plan due today", nil)
}

// stepText is the step of the plan the candidate is at next (core's
// Candidate.Standing), with the day it falls due when that is not today; "" when
// the plan has nothing more for it.
func stepText(c core.Candidate) (string, widget.Importance) {
	return nextStepText(c.Standing)
}
