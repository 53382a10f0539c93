package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
)

// mainMenu is the window's menu, which also holds its keyboard shortcuts: the
// desktop driver tries the menu's shortcuts before the focused widget, so Ctrl+R
// opens the reminder dialog from the search field too, where a shortcut added only
// to the canvas went to the entry and was lost.
func (m *MainWindow) mainMenu() *fyne.MainMenu {
	file := fyne.NewMenu(lang.X("menu.file", "File"),
		fyne.NewMenuItem(lang.L("Import payments…"), m.openPaymentImport),
		fyne.NewMenuItem(lang.L("Export to the books…"), m.openSIEExport),
		withShortcut(fyne.NewMenuItem(lang.L("Create multiple reminders…"), m.openRemindDialog), fyne.KeyR),
		fyne.NewMenuItem(lang.L("Create räntefakturor…"), m.openInterestInvoices),
		withShortcut(fyne.NewMenuItem(lang.L("Search invoices"), m.searchInvoices), fyne.KeyF),
	)
	if m.opts.CheckServerBook != nil {
		file.Items = append(file.Items, fyne.NewMenuItemSeparator(), fyne.NewMenuItem(lang.L("Shared book on a server…"), m.openServerChoice))
	}
	view := fyne.NewMenu(lang.X("menu.view", "View"))
	keys := []fyne.KeyName{fyne.Key1, fyne.Key2, fyne.Key3, fyne.Key4, fyne.Key5, fyne.Key6, fyne.Key7, fyne.Key8, fyne.Key9}
	for i, item := range m.tabs.Items[:min(len(m.tabs.Items), len(keys))] {
		view.Items = append(view.Items, withShortcut(fyne.NewMenuItem(item.Text, func() { m.selectTab(i) }), keys[i]))
	}
	menu := fyne.NewMainMenu(file, m.invoiceMenu(), view)
	m.addShortcuts(menu)
	return menu
}

// addShortcuts adds the menu's shortcuts to the canvas as well, for when the
// driver's menu does not take them and nothing has the keyboard.
func (m *MainWindow) addShortcuts(menu *fyne.MainMenu) {
	for _, list := range menu.Items {
		for _, item := range list.Items {
			if item.Shortcut != nil {
				do := item.Action
				m.Window.Canvas().AddShortcut(item.Shortcut, func(fyne.Shortcut) { do() })
			}
		}
	}
}

// withShortcut gives item the shortcut Ctrl+key (Cmd+key on macOS).
func withShortcut(item *fyne.MenuItem, key fyne.KeyName) *fyne.MenuItem {
	item.Shortcut = &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}
	return item
}

// searchInvoices shows the invoice list with the keyboard in its search field.
func (m *MainWindow) searchInvoices() {
	if m.selectTab(0) {
		m.invoices.focusSearch()
	}
}

// selectTab shows tab i and says so, unless a dialog is open over the window.
func (m *MainWindow) selectTab(i int) bool {
	if m.Window.Canvas().Overlays().Top() != nil || i < 0 || i >= len(m.tabs.Items) {
		return false
	}
	m.tabs.SelectIndex(i)
	return true
}

// borderTopFirst is container.NewBorder(top, bottom, nil, nil, center) with its
// objects in reading order, top first. Tab follows the order of a container's
// objects, and NewBorder puts the centre first, so Tab reached a table's headers
// before the search field and the buttons above it.
func borderTopFirst(top, bottom, center fyne.CanvasObject) *fyne.Container {
	objects := []fyne.CanvasObject{top, center}
	if bottom != nil {
		objects = append(objects, bottom)
	}
	return container.New(layout.NewBorderLayout(top, bottom, nil, nil), objects...)
}

// menuToggler is a canvas that draws its own menu bar: the desktop driver's, on
// every platform without a native menu. Alt opens it there by itself.
type menuToggler interface{ ToggleMenu() }

// toggleMenu opens or closes c's menu bar from the keyboard, as Alt does, unless a
// dialog is open; it tells whether it did. A variable so that tests, whose canvas
// has no menu bar, see that F10 reaches it.
var toggleMenu = func(c fyne.Canvas) bool {
	m, ok := c.(menuToggler)
	if !ok || c.Overlays().Top() != nil {
		return false
	}
	m.ToggleMenu()
	return true
}

// onTypedKey takes the keys that reach the window when no widget has the keyboard:
// Esc closes the top dialog, F10 opens the menu.
func (m *MainWindow) onTypedKey(e *fyne.KeyEvent) {
	escKey(m.tabs, e, nil)
}
