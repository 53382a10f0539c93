package gui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"paminn/core"
	"paminn/data/testbook"
)

// pressShortcut types Ctrl+key on the window as Fyne's desktop driver
// (internal/driver/glfw, window.triggersShortcut) does: the main menu's shortcuts
// first, then the focused widget, then the canvas. The test driver has no menu.
func pressShortcut(w fyne.Window, key fyne.KeyName) {
	sc := &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}
	if menu := w.MainMenu(); menu != nil {
		for _, m := range menu.Items {
			for _, item := range m.Items {
				if item.Shortcut != nil && item.Shortcut.ShortcutName() == sc.ShortcutName() && item.Action != nil {
					item.Action()
					return
				}
			}
		}
	}
	if f, ok := w.Canvas().Focused().(fyne.Shortcutable); ok {
		f.TypedShortcut(sc)
		return
	}
	w.Canvas().(fyne.Shortcutable).TypedShortcut(sc)
}

func TestCtrlAndANumberShowsThatTab(t *testing.T) {
	m, _ := newTestWindow(t, testbook.Options{})
	for _, c := range []struct {
		key  fyne.KeyName
		want string
	}{{fyne.Key2, "Påminnelser"}, {fyne.Key3, "Kunder"}, {fyne.Key4, "Inställningar"}, {fyne.Key1, "Kundfakturor"}} {
		t.Run("Ctrl+"+string(c.key)+" shows "+c.want, func(t *testing.T) {
			pressShortcut(m.Window, c.key)
			settle()
			if got := m.tabs.Selected().Text; got != c.want {
				t.Errorf("Ctrl+%s showed %q", c.key, got)
			}
		})
	}
}

func TestCtrlROpensTheReminderDialogFromTheSearchField(t *testing.T) {
	m, _ := newTestWindow(t, testbook.Options{})
	pressShortcut(m.Window, fyne.KeyF)
	if m.Window.Canvas().Focused() != m.invoices.search {
		t.Fatalf("Ctrl+F left the keyboard on %T", m.Window.Canvas().Focused())
	}
	test.Type(m.invoices.search, "10")
	pressShortcut(m.Window, fyne.KeyR)
	if m.remind == nil || m.remind.closed {
		t.Fatal("Ctrl+R in the search field did not open Skapa flera påminnelser")
	}
	waitFor(t, "the candidates", func() bool { return m.remind.loaded })
}

func TestCtrlANumberLeavesTheTabWhileADialogIsOpen(t *testing.T) {
	m, _ := newTestWindow(t, testbook.Options{})
	openRemind(t, m)
	pressShortcut(m.Window, fyne.Key3)
	if got := m.tabs.SelectedIndex(); got != 0 {
		t.Errorf("Ctrl+3 under the reminder dialog switched to tab %d", got)
	}
}

func TestEveryFormPutsTheKeyboardInItsFirstField(t *testing.T) {
	m, book := newTestWindow(t, testbook.Options{})
	t.Run("Ny faktura starts at the customer", func(t *testing.T) {
		f, _, _, _ := openInvoiceForm(t, m, book)
		t.Cleanup(f.dlg.Hide)
		if got := m.Window.Canvas().Focused(); got != f.form.Items[0].Widget.(fyne.Focusable) {
			t.Errorf("the keyboard is on %T, not the customer", got)
		}
	})
	t.Run("Ny kund starts at the customer number", func(t *testing.T) {
		m.tabs.SelectIndex(2)
		waitFor(t, "the customers", func() bool { return len(m.customers.customers) > 0 })
		f := newCustomerForm(book.Service, m.Window, core.Customer{}, nil)
		f.show()
		t.Cleanup(f.dlg.Hide)
		if got := m.Window.Canvas().Focused(); got == nil || got != f.form.Items[0].Widget.(fyne.Focusable) {
			t.Errorf("the keyboard is on %T, not the first field", got)
		}
	})
}

func TestTabReachesTheSearchAndTheButtonsBeforeTheTable(t *testing.T) {
	m, _ := newTestWindow(t, testbook.Options{})
	c := m.Window.Canvas()
	c.Unfocus()
	test.FocusNext(c)
	if c.Focused() != m.invoices.search {
		t.Fatalf("the first Tab went to %T, not the search field", c.Focused())
	}
	test.FocusNext(c)
	if c.Focused() != m.invoices.filter {
		t.Errorf("the second Tab went to %T, not the filter", c.Focused())
	}
	test.FocusNext(c)
	if c.Focused() != m.invoices.addBtn {
		t.Errorf("the third Tab went to %T, not Ny faktura", c.Focused())
	}
}

func TestEscInAFormFieldClosesTheForm(t *testing.T) {
	m, book := newTestWindow(t, testbook.Options{})
	for _, c := range []struct {
		name string
		open func() *formDialog
	}{
		{"Ny kund", func() *formDialog { return newCustomerForm(book.Service, m.Window, core.Customer{}, nil) }},
		{"Kreditera", func() *formDialog {
			inv := m.invoices.pages[0][0]
			return newCreditForm(book.Service, m.Window, inv, nil)
		}},
	} {
		t.Run("Esc closes "+c.name, func(t *testing.T) {
			f := c.open()
			f.show()
			settle()
			test.FocusNext(m.Window.Canvas())
			focused, ok := m.Window.Canvas().Focused().(*escEntry)
			if !ok {
				t.Fatalf("the keyboard is on %T, not an entry", m.Window.Canvas().Focused())
			}
			test.Type(focused, "x")
			focused.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
			if m.Window.Canvas().Overlays().Top() != nil {
				f.dlg.Hide()
				t.Error("Esc left the form open")
			}
		})
	}
}

// F10 opens the menu bar as Alt does (Fyne's desktop driver opens it on Alt by
// itself; F10 it leaves to the program). The test canvas has no menu bar, so the
// test sees that F10 reaches toggleMenu, from the window and from the search field.
func TestF10OpensTheMenuFromTheWindowAndTheSearchField(t *testing.T) {
	m, _ := newTestWindow(t, testbook.Options{})
	toggled := 0
	was := toggleMenu
	toggleMenu = func(fyne.Canvas) bool { toggled++; return true }
	t.Cleanup(func() { toggleMenu = was })
	c := m.Window.Canvas()
	c.Unfocus()
	c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyF10})
	if toggled != 1 {
		t.Fatalf("F10 with nothing focused opened the menu %d times", toggled)
	}
	c.Focus(m.invoices.search)
	m.invoices.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF10})
	if toggled != 2 {
		t.Errorf("F10 in the search field did not open the menu")
	}
}

func TestF10LeavesTheMenuShutWhileADialogIsOpen(t *testing.T) {
	m, _ := newTestWindow(t, testbook.Options{})
	c := &menuCanvas{Canvas: m.Window.Canvas()}
	if !toggleMenu(c) || c.toggled != 1 {
		t.Fatalf("with no dialog open, the menu was not toggled")
	}
	showInfo("Info", "Sparat.", m.Window)
	if toggleMenu(c) || c.toggled != 1 {
		t.Errorf("with a dialog open, F10 toggled the menu")
	}
}

// menuCanvas is a canvas with a menu bar, as the desktop driver's has.
type menuCanvas struct {
	fyne.Canvas
	toggled int
}

func (c *menuCanvas) ToggleMenu() { c.toggled++ }
