package gui

import (
	"time"

	"fyne.io/fyne/v2"

	"paminn/core"
)

// showSettings brings the Settings tab forward.
func (m *MainWindow) showSettings() {
	for i, item := range m.tabs.Items {
		if item.Content == m.settings.content && m.tabs.SelectedIndex() != i {
			m.tabs.SelectIndex(i)
		}
	}
}

// openSettingsAt brings the Settings tab forward with the field that mends
// problem p in view and the cursor in it.
func (m *MainWindow) openSettingsAt(p core.ProblemCode) {
	m.showSettings()
	m.settings.focusField(p)
}

// fieldFor is the field that mends problem p: the first field of what is missing.
func (t *settingsTab) fieldFor(p core.ProblemCode) fyne.Focusable {
	switch p {
	case core.ProblemNoCompanyName:
		return t.name
	case core.ProblemNoCompanyAddress:
		return t.line1
	case core.ProblemNoGiro:
		return t.bankgiro
	case core.ProblemNoMailServer:
		return t.smtpHost
	case core.ProblemNoEmail, core.ProblemNotSEK, core.ProblemNoIDNumber, core.ProblemNoAddress, core.ProblemClosedAmiliCase,
		core.ProblemPaused:
		// an invoice's or customer's problem, mended outside the settings
	}
	return t.name
}

// focusField puts the cursor in the field that mends p and scrolls the page to it.
// The tab shown a moment ago may not be laid out yet, so the scroll waits for the
// next turn of the UI.
func (t *settingsTab) focusField(p core.ProblemCode) {
	f := t.fieldFor(p)
	time.AfterFunc(50*time.Millisecond, func() { runOnUI(func() { t.scrollTo(f) }) })
}

// scrollTo scrolls the page so that f shows near its top, and focuses f again.
func (t *settingsTab) scrollTo(f fyne.Focusable) {
	if obj, ok := f.(fyne.CanvasObject); ok {
		d := fyne.CurrentApp().Driver()
		y := d.AbsolutePositionForObject(obj).Y - d.AbsolutePositionForObject(t.page.Content).Y
		t.page.Offset = fyne.NewPos(0, max(0, y-2*obj.Size().Height))
		t.page.Refresh()
	}
	t.win.Canvas().Focus(f)
}
