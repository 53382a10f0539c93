package gui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"paminn/core"
	"paminn/data/testbook"
)

// shownText is what a cell shows: its text as cut or shortened to fit.
func shownText(c *tableCell) string {
	return test.WidgetRenderer(c).(*tableCellRenderer).text.Text
}

// headerTitles are the titles of the columns the invoice list shows.
func headerTitles(l *invoiceList) []string {
	var out []string
	for i := range l.columns.width() {
		c, _ := l.columns.col(i)
		out = append(out, lang.L(c.title))
	}
	return out
}

// Issue 22: at 1024×768 (a 1000 px window) the list shows each invoice's step taken
// and when its next falls due without the mouse, and the columns a user chases money
// by (number, customer, due date, amount, balance, status) whole; the number of
// reminders, the invoice date and the day of the last give way (planstanding.go).
// At 1280×800 only the number of reminders does. Every header shows whole.
func TestTheListShowsEachInvoicesStepAndWhenTheNextIsDueAt1024And1280(t *testing.T) {
	m, book := newTestWindow(t, testbook.Options{Overdue: 20})
	ctx := context.Background()
	inv := invoiceNumbered(t, book, "10020")
	if _, err := book.Service.SendReminders(ctx, core.ReminderRequest{Type: core.ReminderManual, InvoiceIDs: []int64{inv.ID},
		ByPlan: true, IdempotencyKey: "p1"}); err != nil {
		t.Fatal(err)
	}
	l := m.invoices
	next := formatDate(testbook.Today.AddDays(14))
	whole := "Påminnelse 1 → Påminnelse 2 den " + next
	waitFor(t, "the list's new standing", func() bool {
		row := rowOf(l, "10020")
		return row >= 0 && l.rowTexts(row)[columnOf(l.columns.cols, "Step")] == whole
	})
	tests := []struct {
		name    string
		size    fyne.Size
		step    string   // what 10020's step cell shows
		columns []string // the columns shown
	}{
		{"at 1024×768 the step taken and the next's day show, and three columns give way", fyne.NewSize(1000, 704),
			"Påminnelse 1 → " + next, []string{"Fakturanr", "Kund", "Förfallodatum", "Belopp", "Saldo", "Status", "Steg"}},
		{"at 1280×800 only the number of reminders gives way, and every header shows whole", fyne.NewSize(1280, 800),
			"Påminnelse 1 → " + next, []string{"Fakturanr", "Kund", "Fakturadatum", "Förfallodatum", "Belopp", "Saldo", "Status",
				"Senast påmind", "Steg"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m.Window.Resize(tt.size)
			settle()
			if got := strings.Join(headerTitles(l), ", "); got != strings.Join(tt.columns, ", ") {
				t.Errorf("the list shows the columns %s, want %s", got, strings.Join(tt.columns, ", "))
			}
			walkObjects(l.table, func(o fyne.CanvasObject) {
				if h, ok := o.(*sortHeader); ok && h.button.Visible() && h.button.Text != h.title {
					t.Errorf("the header %q is cut to %q", h.title, h.button.Text)
				}
			})
			if over := sidewaysOverflow(t, l.table); over > 0 {
				t.Errorf("the list's columns are %v px wider than the list", over)
			}
			l.table.ScrollTo(widget.TableCellID{Row: rowOf(l, "10020"), Col: 0})
			settle()
			step := shownCell(t, l.table, func(c *tableCell) bool { return c.look.text == whole })
			if got := shownText(step); got != tt.step && got != whole {
				t.Errorf("10020's step shows %q, want %q or the whole %q", got, tt.step, whole)
			}
			if step.cutShort {
				test.MoveMouse(m.Window.Canvas(), fyne.CurrentApp().Driver().AbsolutePositionForObject(step).AddXY(5, 5))
				tips := tipLayers[m.Window.Canvas()][len(tipLayers[m.Window.Canvas()])-1]
				if got := tips.shown(); got != whole {
					t.Errorf("the tip over the step shows %q, want %q", got, whole)
				}
				test.MoveMouse(m.Window.Canvas(), fyne.NewPos(500, 20))
			}
			// The other cells a user chases money by show whole: none is cut.
			row := l.rowTexts(rowOf(l, "10020"))
			for _, title := range []string{"Invoice no.", "Customer", "Due date", "Amount", "Balance", "Status"} {
				text := row[columnOf(l.columns.cols, title)]
				cell := shownCell(t, l.table, func(c *tableCell) bool { return c.look.text == text })
				if got := shownText(cell); got != text {
					t.Errorf("%s shows %q, want %q whole", title, got, text)
				}
			}
			l.table.ScrollTo(widget.TableCellID{Row: rowOf(l, "10019"), Col: 0})
			settle()
			due := shownCell(t, l.table, func(c *tableCell) bool { return c.look.text == "Påminnelse 1, dags nu" })
			if got := shownText(due); got != "Påminnelse 1, dags nu" {
				t.Errorf("an invoice due its first step shows %q, want it whole", got)
			}
		})
	}
}
