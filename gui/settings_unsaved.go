package gui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// entries are the tab's text fields in a fixed order, for the snapshot.
func (t *settingsTab) entries() []*widget.Entry {
	return []*widget.Entry{t.name, t.orgNumber, t.bankgiro, t.line1, t.line2, t.zip, t.city, t.email, t.phone,
		t.fee, t.term, t.margin, t.lettersDir, t.smtpHost, t.smtpPort, t.smtpUser, t.smtpFrom,
		t.payment.plusgiro, t.payment.lengths, t.interestMin}
}

// snapshot is the page's fields as typed (but the rates and the password), to
// compare with saved.
func (t *settingsTab) snapshot() string {
	var b strings.Builder
	for _, e := range t.entries() {
		b.WriteString(e.Text)
		b.WriteByte(0)
	}
	fmt.Fprintf(&b, "%d|%d|%d", t.smtpSecurity.SelectedIndex(), t.payment.ocrCheck.SelectedIndex(),
		t.payment.order.SelectedIndex())
	b.WriteString(t.plan.snapshot())
	return b.String()
}

// unsavedChanges says whether anything on the page differs from what was last
// loaded or saved: a field, the rate table, or a password typed.
func (t *settingsTab) unsavedChanges() bool {
	if t.saved == "" {
		return false // not loaded yet: nothing typed can be told from the defaults
	}
	return t.snapshot() != t.saved || t.rates.changed() || t.smtpPassword.Text != ""
}

// watchChanges keeps the "Unsaved changes" note beside Save up to date as the user
// types.
func (t *settingsTab) watchChanges() {
	changed := func(string) { t.showUnsaved() }
	for _, e := range append(t.entries(), t.smtpPassword) {
		e.OnChanged = changed
	}
	t.smtpSecurity.OnChanged = changed
	t.payment.order.OnChanged = changed
	onCheck := t.payment.ocrCheck.OnChanged
	t.payment.ocrCheck.OnChanged = func(s string) {
		onCheck(s)
		t.showUnsaved()
	}
	t.rates.onEdited = t.showUnsaved
	t.plan.onEdited = t.showUnsaved
}

// showUnsaved shows or clears the note beside Save.
func (t *settingsTab) showUnsaved() {
	if t.unsavedChanges() {
		t.unsaved.SetText(lang.L("Unsaved changes"))
	} else {
		t.unsaved.SetText("")
	}
}

// revert puts back what was last loaded or saved, dropping what was typed since.
func (t *settingsTab) revert() {
	t.show(t.set)
	t.smtpPassword.SetText("")
	t.rates.load()
}

// confirmLeave runs leave at once when nothing is unsaved; otherwise it asks
// first: Save (then leave), Discard (revert, then leave) or Stay (run stay).
func (t *settingsTab) confirmLeave(leave, stay func()) {
	if !t.unsavedChanges() {
		leave()
		return
	}
	var d *dialog.CustomDialog
	text := widget.NewLabel(lang.L("The settings have changes that are not saved. Save them before you go on?"))
	text.Wrapping = fyne.TextWrapWord
	saveBtn := newPrimaryButton(lang.L("Save"), theme.DocumentSaveIcon(), func() {
		d.Hide()
		t.save(leave)
	})
	discardBtn := widget.NewButtonWithIcon(lang.L("Discard changes"), theme.DeleteIcon(), func() {
		d.Hide()
		t.revert()
		leave()
	})
	stayBtn := widget.NewButton(lang.L("Back to the settings"), func() {
		d.Hide()
		stay()
	})
	buttons := container.NewHBox(layout.NewSpacer(), stayBtn, discardBtn, saveBtn)
	d = dialog.NewCustomWithoutButtons(lang.L("Unsaved changes"), container.NewVBox(text, buttons), t.win)
	d.Resize(fyne.NewSize(520, 0))
	t.leaving = d
	d.Show()
	escapable(t.win, stayBtn.OnTapped)
}
