package gui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"paminn/core"
)

// The dialog mirrors core's set-up rule (core.ChannelReadiness): while the
// settings lack what a letter needs, a bar at the top says what is missing and
// opens the settings there, and Send waits; while no mail server is set, "Send by
// e-mail" is off with its reason beside it.

// buildReadiness builds the bar and the e-mail option's reason.
func (d *remindDialog) buildReadiness() {
	d.readyText = widget.NewLabel("")
	d.readyText.Wrapping = fyne.TextWrapWord
	d.readyBtn = newPrimaryButton(lang.L("Open the settings"), theme.SettingsIcon(), func() {
		d.openSettingsFor(d.setup.ready.Blocking(d.typ))
	})
	bg := canvas.NewRectangle(withAlpha(theme.Color(theme.ColorNameWarning), 0x40))
	bg.CornerRadius = theme.InputRadiusSize()
	row := container.NewBorder(nil, nil, widget.NewIcon(theme.WarningIcon()), container.NewCenter(d.readyBtn), d.readyText)
	d.readyBar = container.NewStack(bg, container.NewPadded(row))
	d.readyBar.Hide()
	d.emailReason = widget.NewLabel(lang.L("No mail server is set up"))
	d.emailReason.Importance = widget.WarningImportance
	d.emailSetUp = widget.NewButtonWithIcon(lang.L("Set up e-mail"), theme.SettingsIcon(), func() {
		d.openSettingsFor([]core.Problem{{Channel: core.ChannelEmail, Code: core.ProblemNoMailServer}})
	})
	d.emailRow = container.NewHBox(d.email, d.emailReason, d.emailSetUp)
}

// openSettingsFor closes the dialog and opens the settings at the first of ps.
func (d *remindDialog) openSettingsFor(ps []core.Problem) {
	if d.openSettings == nil || len(ps) == 0 {
		return
	}
	d.win.Canvas().Unfocus() // the list keeps no keyboard focus from a closed dialog
	d.close()
	d.openSettings(ps[0].Code)
}

// applyReadiness shows what the settings lack for the chosen type, and keeps the
// e-mail option off while no mail server is set. update calls it at every tick, so
// it redraws only what changed.
func (d *remindDialog) applyReadiness() {
	missing := d.readinessMissing()
	if len(missing) > 0 {
		names := make([]string, len(missing))
		for i, p := range missing {
			names[i] = problemShortText(p)
		}
		text := lang.L("Letters cannot go out yet. Missing in the settings: {{.Missing}}",
			map[string]any{"Missing": strings.Join(names, " · ")})
		if d.readyText.Text != text {
			d.readyText.SetText(text)
		}
	}
	showIf(d.readyBar, len(missing) > 0)
	noMail := d.loaded && d.typ.TakesOptions() && !d.mailReady()
	if noMail {
		if d.email.Checked {
			d.email.SetChecked(false)
		}
		d.email.Disable()
	}
	showIf(d.emailReason, noMail)
	showIf(d.emailSetUp, noMail)
}

// showIf shows o when show holds, else hides it, unless it is so already.
func showIf(o fyne.CanvasObject, show bool) {
	switch {
	case show && !o.Visible():
		o.Show()
	case !show && o.Visible():
		o.Hide()
	}
}

// readinessMissing is what keeps reminders of the chosen type from going out.
func (d *remindDialog) readinessMissing() []core.Problem {
	if !d.loaded {
		return nil
	}
	return d.setup.ready.Blocking(d.typ)
}

// mailReady says whether a mail server is set.
func (d *remindDialog) mailReady() bool {
	return !d.setup.ready.Lacks(core.ChannelEmail, core.ProblemNoMailServer)
}
