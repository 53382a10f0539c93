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
// 2026-12-21"). At 1024×768 the list has room for one more column only, and that
// narrowed (columnfit_test.go): the whole text shows on hover and in a wider window.

// standingColumns are the list's columns of the plan; standing is the invoice's
// standing as its page brought it.
func standingColumns(standing func(core.Invoice) core.PlanStanding) []column[core.Invoice, core.SortKey] {
	return []column[core.Invoice, core.SortKey]{
		{title: "Step", width: 108, cut: true, show: func(inv core.Invoice) cellLook { return styled(standingText(standing(inv))) }},
	}
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
