package gui

import (
	"errors"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"paminn/core"
	"paminn/data/testbook"
)

// pressEsc presses Esc as the driver does: to the widget with the keyboard, or to
// the window when none has it.
func pressEsc(c fyne.Canvas) {
	esc := &fyne.KeyEvent{Name: fyne.KeyEscape}
	if f := c.Focused(); f != nil {
		f.TypedKey(esc)
		return
	}
	if keys := c.OnTypedKey(); keys != nil {
		keys(esc)
	}
}

func TestEscClosesEveryKindOfDialogWhereverTheKeyboardIs(t *testing.T) {
	m, book := newTestWindow(t, testbook.Options{})
	c := m.Window.Canvas()
	var answers []bool
	cases := []struct {
		name string
		open func() // shows the dialog and puts the keyboard where the case says
	}{
		{"an information, nothing focused", func() { showInfo("Info", "Det här är sparat.", m.Window) }},
		{"an information, its OK button focused", func() {
			showInfo("Info", "Det här är sparat.", m.Window)
			test.FocusNext(c)
		}},
		{"an error, nothing focused", func() { showError(errors.New("boom"), m.Window) }},
		{"a confirmation, nothing focused", func() {
			showConfirm("Fråga", "Säker?", func(yes bool) { answers = append(answers, yes) }, m.Window)
		}},
		{"a confirmation, its Yes button focused", func() {
			showConfirm("Fråga", "Säker?", func(yes bool) { answers = append(answers, yes) }, m.Window)
			test.FocusNext(c)
			test.FocusNext(c)
		}},
		{"Ny faktura, the customer drop-down focused", func() {
			f, _, _, _ := openInvoiceForm(t, m, book)
			c.Focus(f.form.Items[0].Widget.(fyne.Focusable))
		}},
		{"Ny faktura, a date field focused", func() {
			_, _, invDate, _ := openInvoiceForm(t, m, book)
			c.Focus(invDate)
		}},
		{"Ny kund, a check focused", func() {
			f := newCustomerForm(book.Service, m.Window, core.Customer{}, nil)
			f.show()
			c.Focus(f.form.Items[3].Widget.(fyne.Focusable))
		}},
		{"Ny kund, its Spara button focused", func() {
			f := newCustomerForm(book.Service, m.Window, core.Customer{}, nil)
			f.show()
			for i := 0; i < 40 && !isButton(c.Focused()); i++ {
				test.FocusNext(c)
			}
			if !isButton(c.Focused()) {
				t.Fatalf("Tab never reached the form's buttons; it is on %T", c.Focused())
			}
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tc.open()
			settle()
			if c.Overlays().Top() == nil {
				t.Fatal("no dialog opened")
			}
			pressEsc(c)
			if top := c.Overlays().Top(); top != nil {
				top.Hide()
				t.Errorf("Esc with the keyboard on %T left the dialog open", c.Focused())
			}
		})
	}
	if len(answers) != 2 || answers[0] || answers[1] {
		t.Errorf("Esc answered the confirmations %v, want No twice", answers)
	}
}

// isButton tells whether o is one of the program's buttons in a dialog.
func isButton(o fyne.Focusable) bool {
	_, ok := o.(*keyButton)
	return ok
}

func TestEscLeavesTheWindowAloneWhenNoDialogIsOpen(t *testing.T) {
	m, _ := newTestWindow(t, testbook.Options{})
	c := m.Window.Canvas()
	c.Focus(m.invoices.search)
	pressEsc(c)
	c.Unfocus()
	pressEsc(c)
	if m.tabs.SelectedIndex() != 0 || c.Overlays().Top() != nil {
		t.Errorf("Esc without a dialog changed the window")
	}
}

func TestAfterTheReminderDialogClosesEscStillClosesDialogs(t *testing.T) {
	m, _ := newTestWindow(t, testbook.Options{})
	d := openRemind(t, m)
	pressEsc(m.Window.Canvas())
	if !d.closed {
		t.Fatal("Esc left the reminder dialog open")
	}
	showInfo("Info", "Sparat.", m.Window)
	pressEsc(m.Window.Canvas())
	if m.Window.Canvas().Overlays().Top() != nil {
		t.Error("after the reminder dialog, Esc no longer closes a dialog")
	}
}

func TestEscClosesTheFormsOfDialogHelpersAndTheirChoices(t *testing.T) {
	m, _ := newTestWindow(t, testbook.Options{})
	c := m.Window.Canvas()
	t.Run("Spara mall, its choice of language focused", func(t *testing.T) {
		tc := newTemplateChoice()
		answered := []bool{}
		showForm("Spara mall", "Spara…", "Avbryt", []*widget.FormItem{widget.NewFormItem("Rubriker", tc.language)},
			func(ok bool) { answered = append(answered, ok) }, m.Window)
		c.Focus(tc.language.options[1])
		pressEsc(c)
		if c.Overlays().Top() != nil || len(answered) != 1 || answered[0] {
			t.Errorf("Esc on the language left the form open %v, answered %v", c.Overlays().Top() != nil, answered)
		}
	})
	t.Run("a form's Spara button focused", func(t *testing.T) {
		answered := []bool{}
		showForm("Välj faktura", "Använd", "Avbryt", []*widget.FormItem{widget.NewFormItem("Fakturanr", widget.NewEntry())},
			func(ok bool) { answered = append(answered, ok) }, m.Window)
		for i := 0; i < 10 && !isButton(c.Focused()); i++ {
			test.FocusNext(c)
		}
		pressEsc(c)
		if c.Overlays().Top() != nil || len(answered) != 1 || answered[0] {
			t.Errorf("Esc on a button left the form open %v, answered %v", c.Overlays().Top() != nil, answered)
		}
	})
}

// An information and an error open with the keyboard on their OK, so Enter closes
// them as Esc does: after Spara inställningar, "Inställningarna är sparade" stood
// over the window until it was clicked, and the keys typed next went nowhere.
func TestEnterClosesAnInformationAndAnError(t *testing.T) {
	m, _ := newTestWindow(t, testbook.Options{})
	c := m.Window.Canvas()
	for _, d := range []struct {
		name string
		show func()
	}{
		{"an information", func() { showInfo("Inställningar", "Inställningarna är sparade.", m.Window) }},
		{"an error", func() { showError(errors.New("boom"), m.Window) }},
	} {
		t.Run(d.name, func(t *testing.T) {
			d.show()
			b, ok := c.Focused().(*keyButton)
			if !ok || !b.focused {
				t.Fatalf("the keyboard is on %T, want the dialog's OK", c.Focused())
			}
			b.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
			if c.Overlays().Top() != nil {
				t.Error("Enter left the dialog open")
			}
		})
	}
}
