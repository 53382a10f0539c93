package gui

import (
	"context"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"paminn/core"
)

func (d *remindDialog) buildInfoBar() {
	d.activateBtn = newPrimaryButton(lang.L("Activate Amili"), theme.LoginIcon(), d.onActivate)
	text := widget.NewLabel(lang.L("Amili is not activated yet. Activate it once to hand reminders to Visma Amili; you carry on right here afterwards."))
	text.Wrapping = fyne.TextWrapWord
	bg := canvas.NewRectangle(withAlpha(theme.Color(theme.ColorNameWarning), 0x40))
	bg.CornerRadius = theme.InputRadiusSize()
	row := container.NewBorder(nil, nil, widget.NewIcon(theme.InfoIcon()), container.NewCenter(d.activateBtn), text)
	d.infoBar = container.NewStack(bg, container.NewPadded(row))
	d.infoBar.Hide()
}

// withAlpha returns c with its opacity replaced, for tinted backgrounds that suit
// both the light and the dark theme.
func withAlpha(c color.Color, a uint8) color.Color {
	r, g, b, _ := c.RGBA()
	return color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: a}
}

// dropAmiliProblems unticks the invoices ids, which Amili cannot take, and says so.
func (d *remindDialog) dropAmiliProblems(ids []int64) {
	for _, id := range ids {
		d.unselect(id)
	}
	d.list.Refresh()
	d.say(lang.L("{{.Count}} invoices Amili cannot take were unticked", map[string]any{"Count": len(ids)}), widget.WarningImportance)
}

// onActivate shows the activation form, prefilled from the current Amili settings.
func (d *remindDialog) onActivate() {
	d.activation = newActivationForm(d.svc, d.win, d.setup.amili, d.onActivated)
	d.activation.show()
}

// onActivated hides the information bar; the selection and options stay as they are.
func (d *remindDialog) onActivated() {
	background(func(ctx context.Context) (core.AmiliStatus, error) {
		return d.svc.AmiliStatus(ctx)
	}, func(s core.AmiliStatus, err error) {
		if err != nil {
			showError(err, d.win)
			return
		}
		d.setup.amili = s
		d.say(lang.L("Amili is activated"), widget.SuccessImportance)
		d.update()
	})
}
