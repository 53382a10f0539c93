package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"paminn/core"
)

// rateDialog is the reference-rate table in a dialog of its own, opened from the
// reminder dialog with the half-years whose rate is missing added and the first of
// them focused.
type rateDialog struct {
	editor  *rateEditor
	scroll  *container.Scroll
	dlg     *dialog.CustomDialog
	missing []core.HalfYear
}

// showRateDialog opens the rate table with a row for each of missing.
func showRateDialog(svc *core.Service, win fyne.Window, missing []core.HalfYear) *rateDialog {
	r := &rateDialog{editor: newRateEditor(svc, win), missing: missing}
	r.scroll = container.NewVScroll(r.editor.content)
	r.dlg = dialog.NewCustom(lang.L("Reference rates (Riksbank)"), lang.L("Close"), r.scroll, win)
	r.dlg.Resize(fyne.NewSize(640, 520))
	r.editor.onLoaded = r.addMissing
	showDialog(r.dlg, win)
	r.editor.load()
	return r
}

// addMissing adds a row for each missing half-year the table does not show yet,
// and puts the cursor in the first one's rate.
func (r *rateDialog) addMissing() {
	var first *rateRow
	for _, h := range r.missing {
		row := r.editor.row(h)
		if row == nil {
			row = r.editor.addRow(core.ReferenceRate{Year: h.Year, Half: h.Half})
			row.rate.SetText("")
		}
		if first == nil {
			first = row
		}
	}
	if first == nil {
		return
	}
	// The rows just added must be laid out before the scroll knows how far down they
	// are; the latest half-years come first, so the row is usually at the top.
	r.scroll.Refresh()
	r.scroll.Offset = fyne.NewPos(0, r.editor.list.Position().Y+r.editor.rowObject(first).Position().Y)
	r.scroll.Refresh()
	r.editor.win.Canvas().Focus(first.rate)
}
