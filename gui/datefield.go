package gui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"paminn/core"
)

// dateField is a date, typed as YYYY-MM-DD (as Påminn shows every date, whatever
// the system's locale) or picked from a calendar that the button at its end opens
// on the month of the date typed.
type dateField struct {
	widget.Entry
	pick     *widget.Button
	calendar *widget.Calendar // the one shown last, for tests
	popUp    *widget.PopUp
	onEsc    func() // nil: the top dialog's Esc
}

func newDateField(d core.Date) *dateField {
	f := &dateField{}
	f.pick = widget.NewButtonWithIcon("", theme.CalendarIcon(), f.showCalendar)
	f.pick.Importance = widget.LowImportance
	// The button before anything that draws the entry: its renderer takes it once.
	f.ActionItem = f.pick
	f.Text, f.PlaceHolder = d.String(), "YYYY-MM-DD"
	f.ExtendBaseWidget(f)
	return f
}

// TypedKey closes the dialog on Esc and opens the menu on F10.
func (f *dateField) TypedKey(e *fyne.KeyEvent) {
	if !escKey(f, e, f.onEsc) {
		f.Entry.TypedKey(e)
	}
}

// date is the date in the field.
func (f *dateField) date() (core.Date, error) { return parseDateField(&f.Entry) }

// showCalendar opens the calendar under the field, on the month of its date (this
// month if the field holds none).
func (f *dateField) showCalendar() {
	shown := time.Now()
	if d, err := f.date(); err == nil {
		shown = d.Time()
	}
	f.calendar = widget.NewCalendar(shown, f.onPicked)
	c := fyne.CurrentApp().Driver().CanvasForObject(f)
	if c == nil {
		return
	}
	f.popUp = widget.NewPopUp(f.calendar, c)
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(f)
	f.popUp.ShowAtPosition(pos.Add(fyne.NewPos(0, f.Size().Height)))
	f.popUp.Resize(fyne.NewSize(max(f.Size().Width, f.popUp.MinSize().Width), f.popUp.MinSize().Height))
}

// onPicked puts the picked day in the field and closes the calendar.
func (f *dateField) onPicked(t time.Time) {
	f.SetText(core.NewDate(t.Year(), t.Month(), t.Day()).String())
	if f.popUp != nil {
		f.popUp.Hide()
	}
}
