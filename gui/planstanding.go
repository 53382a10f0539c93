package gui

import (
	"context"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"paminn/core"
)

// The invoice list shows where each invoice stands in its reminder plan, as core's
// Service.PlanStandings reads them for each page: the step it took last and its
// next with the day it falls due, in one column ("Påminnelse 1 → Påminnelse 2 den
// 2026-12-21").
//
// At 1024×768 (a 1000 px window) that whole text cut to "Påm…" said nothing. The
// design: what a user chasing money needs there is who owes what, since when, where
// the chase stands and when it goes on. So when the list lacks room for whole
// headers (columnfit.go) the columns that say least of that give way, one at a time:
// the number of reminders (the step taken says how far the chase went; at 1280×800
// only it goes), the invoice date (the due date is what counts), the day of the last
// reminder (at 1024×768 all three). The step column, given their room, shows a
// compact form when the whole does not fit: the step taken and the day the next
// falls due ("Påminnelse 1 → 2026-12-21", "Påminnelse 1 → nu"), the next step being
// the plan's following one; the whole shows on hover and in a wider window. A
// separate column for the next step's day found no room, and sharing the status
// column would cut both. The invoice's details show what gave way.

// standingColumns are the list's columns of the plan; standing is the invoice's
// standing as its page brought it.
func standingColumns(standing func(core.Invoice) core.PlanStanding) []column[core.Invoice, core.SortKey] {
	return []column[core.Invoice, core.SortKey]{
		{title: "Step", width: 215, cut: true, show: func(inv core.Invoice) cellLook { return standingLook(standing(inv)) }},
	}
}

// standingLook is a standing as its cell shows it: whole, and compact for a
// narrow column.
func standingLook(st core.PlanStanding) cellLook {
	text, importance := standingText(st)
	return cellLook{text: text, short: standingShort(st), importance: importance}
}

// standingShort is the compact form of a standing with a step taken and a next:
// the step taken and when the next falls due; "" for the others, whose whole text
// is short already.
func standingShort(st core.PlanStanding) string {
	switch {
	case st.Taken == "" || st.Next == "":
		return ""
	case st.Due:
		return lang.L("{{.Taken}} → now", map[string]any{"Taken": st.Taken})
	}
	return lang.L("{{.Taken}} → {{.Date}}", map[string]any{"Taken": st.Taken, "Date": formatDate(st.NextOn)})
}

// standingText is the step taken and the next, with when it falls due ("due now"
// when it is); "" outside the plan.
func standingText(st core.PlanStanding) (string, widget.Importance) {
	next, importance := nextStepText(st)
	if st.Next != "" && st.Due {
		next, importance = lang.L("{{.Step}}, due now", map[string]any{"Step": st.Next}), widget.WarningImportance
	}
	switch {
	case st.Taken == "":
		return next, importance
	case next == "":
		return st.Taken, widget.MediumImportance
	}
	return st.Taken + " → " + next, importance
}

// nextStepText is a standing's next step, with the day it falls due when that is
// not today; "" when the plan has nothing more.
func nextStepText(st core.PlanStanding) (string, widget.Importance) {
	switch {
	case st.Next == "":
		return "", widget.MediumImportance
	case st.Due:
		return st.Next, widget.MediumImportance
	}
	return lang.L("{{.Step}} on {{.Date}}", map[string]any{"Step": st.Next, "Date": formatDate(st.NextOn)}), widget.LowImportance
}

// listPage is one page of the list with its invoices' standings in the plan.
type listPage struct {
	core.InvoicePage
	standings []core.PlanStanding
}

// readListPage reads a page of the list and where its invoices stand in the plan.
func (l *invoiceList) readListPage(ctx context.Context, q core.InvoiceQuery) (listPage, error) {
	page, err := l.svc.ListInvoices(ctx, q)
	if err != nil {
		return listPage{}, err
	}
	st, err := l.svc.PlanStandings(ctx, page.Invoices)
	return listPage{InvoicePage: page, standings: st}, err
}

// keepStandings notes the standings of a page's invoices.
func (l *invoiceList) keepStandings(p listPage) {
	for i, inv := range p.Invoices {
		if i < len(p.standings) {
			l.standings[inv.ID] = p.standings[i]
		}
	}
}

// standingOf is the standing of inv as its page brought it.
func (l *invoiceList) standingOf(inv core.Invoice) core.PlanStanding { return l.standings[inv.ID] }
