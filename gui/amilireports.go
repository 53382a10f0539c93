package gui

import (
	"context"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"paminn/core"
)

var amiliReportColumns = []tableColumn{
	{"Invoice no.", 80, false}, {"Report to Amili", 150, false}, {"Amount", 100, true},
	{"Delivery", 90, false}, {"Attempts", 60, true}, {"Reference", 200, false}, {"Error", 260, false},
}

// amiliReportKinds name the kinds of report as the Påminnelser tab shows them.
var amiliReportKinds = map[core.AmiliReportKind]string{
	core.AmiliReportPayment:      "Payment to you",
	core.AmiliReportCrediting:    "Crediting",
	core.AmiliReportCancellation: "Withdrawal",
	core.AmiliReportUpload:       "Original invoice",
}

// amiliReportsView is the part of Påminnelser that lists what Påminn told Amili
// (payments, withdrawals, original invoices), each with its delivery state and a retry.
type amiliReportsView struct {
	svc *core.Service
	win fyne.Window

	reports  []core.AmiliReport
	row      int
	table    *widget.Table
	retryBtn *widget.Button
	content  fyne.CanvasObject
}

func newAmiliReportsView(svc *core.Service, win fyne.Window) *amiliReportsView {
	v := &amiliReportsView{svc: svc, win: win, row: -1}
	v.table = newTextTable(amiliReportColumns, func() int { return len(v.reports) }, v.cell)
	v.table.OnSelected = func(id widget.TableCellID) { v.row = id.Row; v.updateButtons() }
	v.table.OnUnselected = func(widget.TableCellID) { v.row = -1; v.updateButtons() }
	v.retryBtn = widget.NewButtonWithIcon(lang.L("Retry the selected report"), theme.ViewRefreshIcon(), v.onRetry)
	v.updateButtons()
	v.content = container.NewBorder(
		widget.NewLabelWithStyle(lang.L("Reports to Amili"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewHBox(v.retryBtn), nil, nil, v.table)
	return v
}

func (v *amiliReportsView) cell(row, col int) (string, widget.Importance) {
	r := v.reports[row]
	switch col {
	case 0:
		return r.InvoiceNumber, widget.MediumImportance
	case 1:
		return lang.L(amiliReportKinds[r.Kind]), widget.MediumImportance
	case 2:
		if r.Kind != core.AmiliReportPayment && r.Kind != core.AmiliReportCrediting {
			return "", widget.MediumImportance
		}
		return formatAmount(r.Amount), widget.MediumImportance
	case 3:
		return deliveryLook(r.State)
	case 4:
		return strconv.Itoa(r.Attempts), widget.MediumImportance
	case 5:
		return r.Reference, widget.MediumImportance
	}
	return r.Error, widget.DangerImportance
}

// reload fetches the reports off the UI thread.
func (v *amiliReportsView) reload() {
	background(func(ctx context.Context) ([]core.AmiliReport, error) {
		return v.svc.AmiliReports(ctx)
	}, func(rs []core.AmiliReport, err error) {
		if err != nil {
			showError(err, v.win)
			return
		}
		v.reports = rs
		if v.row >= len(rs) {
			v.row = -1
		}
		v.table.Refresh()
		v.updateButtons()
	})
}

func (v *amiliReportsView) updateButtons() {
	if v.row >= 0 && v.row < len(v.reports) && v.reports[v.row].State == core.DeliveryFailed {
		v.retryBtn.Enable()
	} else {
		v.retryBtn.Disable()
	}
}

func (v *amiliReportsView) onRetry() {
	if v.row < 0 || v.row >= len(v.reports) {
		return
	}
	id := v.reports[v.row].ID
	v.retryBtn.Disable()
	backgroundErr(func(ctx context.Context) error {
		return v.svc.RetryAmiliReport(ctx, id)
	}, func(err error) {
		if err != nil { // a retried report reloads on OnChange; the button comes back here
			showError(err, v.win)
			v.reload()
		}
	})
}
