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

// amiliReportColumns are the columns of the reports to Amili.
var amiliReportColumns = []column[core.AmiliReport, unsorted]{
	{title: "Invoice no.", width: 80, show: func(r core.AmiliReport) cellLook { return plain(r.InvoiceNumber) }},
	{title: "Report to Amili", width: 150, show: func(r core.AmiliReport) cellLook { return plain(lang.L(amiliReportKinds[r.Kind])) }},
	{title: "Amount", width: 100, trailing: true, show: func(r core.AmiliReport) cellLook {
		if r.Kind != core.AmiliReportPayment && r.Kind != core.AmiliReportCrediting {
			return plain("")
		}
		return plain(formatAmount(r.Amount))
	}},
	{title: "Delivery", width: 90, show: func(r core.AmiliReport) cellLook {
		if r.State == core.DeliveryFailed && r.Uncertain { // an upload: may have arrived, never re-sent on its own
			return styled(lang.L("May not have arrived"), widget.WarningImportance)
		}
		return styled(deliveryLook(r.State))
	}},
	{title: "Attempts", width: 60, trailing: true, show: func(r core.AmiliReport) cellLook { return plain(strconv.Itoa(r.Attempts)) }},
	{title: "Reference", width: 200, show: func(r core.AmiliReport) cellLook { return plain(r.Reference) }},
	{title: "Error", width: 260, show: func(r core.AmiliReport) cellLook {
		return styled(messageText(r.FailureMessage()), widget.DangerImportance)
	}},
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
	rows, row := listRows(func() []core.AmiliReport { return v.reports })
	v.table = newTable(columnTable[core.AmiliReport, unsorted]{cols: amiliReportColumns, rows: rows, row: row})
	v.table.OnSelected = func(id widget.TableCellID) { v.row = id.Row; v.updateButtons() }
	v.table.OnUnselected = func(widget.TableCellID) { v.row = -1; v.updateButtons() }
	v.retryBtn = widget.NewButtonWithIcon(lang.L("Retry the selected report"), theme.ViewRefreshIcon(), v.onRetry)
	v.updateButtons()
	v.content = container.NewBorder(
		widget.NewLabelWithStyle(lang.L("Reports to Amili"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewHBox(v.retryBtn), nil, nil, v.table)
	return v
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
