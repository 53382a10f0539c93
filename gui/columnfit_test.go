package gui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"github.com/shopspring/decimal"

	"paminn/core"
	"paminn/data/testbook"
)

func TestShareWidths(t *testing.T) {
	steps := [][]float32{{100, 200, 100}, {80, 200, 100}, {80, 150, 100}}
	grow := []bool{false, true, false}
	tests := []struct {
		name string
		room float32
		want []float32
	}{
		{"room to spare goes to the columns that grow", 500, []float32{100, 300, 100}},
		{"exactly enough room leaves every column at its widest", 400, []float32{100, 200, 100}},
		{"a little short, the first step gives up only what is needed", 390, []float32{90, 200, 100}},
		{"shorter, the first step is taken whole and the next in part", 355, []float32{80, 175, 100}},
		{"short of even the narrowest step, the columns have it and the table scrolls", 200, []float32{80, 150, 100}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := shareWidths(steps, grow, tt.room)
			for i := range got {
				if d := got[i] - tt.want[i]; d > 0.01 || d < -0.01 {
					t.Fatalf("widths = %v, want %v", got, tt.want)
				}
			}
		})
	}
}

// sidewaysOverflow is how much wider than the table its columns are: above 0, the
// table scrolls sideways.
func sidewaysOverflow(t *testing.T, table fyne.Widget) float32 {
	t.Helper()
	for _, o := range test.WidgetRenderer(table).Objects() {
		if s, ok := o.(*container.Scroll); ok {
			return s.Content.MinSize().Width - s.Size().Width
		}
	}
	t.Fatal("the table has no scroller")
	return 0
}

func TestAt1024x768TheInvoiceListAndTheReminderDialogNeedNoSidewaysScrolling(t *testing.T) {
	m, _ := newTestWindow(t, testbook.Options{Overdue: 20})
	m.Window.Resize(fyne.NewSize(1000, 704)) // what the window opens to on a 1024×768 screen
	settle()
	if over := sidewaysOverflow(t, m.invoices.table); over > 0 {
		t.Errorf("the invoice list's columns are %v px wider than the list", over)
	}
	d := openRemind(t, m)
	settle()
	if over := sidewaysOverflow(t, d.list); over > 0 {
		t.Errorf("the reminder dialog's columns are %v px wider than its list", over)
	}
	for _, b := range []fyne.CanvasObject{d.selectAll, d.clearAll, d.cancelBtn, d.sendBtn} {
		assertInside(t, m.Window.Canvas(), b)
	}
	for _, b := range []fyne.CanvasObject{m.invoices.addBtn, m.invoices.payBtn, m.invoices.amiliBtn, m.invoices.importBtn, m.invoices.remindBtn} {
		assertInside(t, m.Window.Canvas(), b)
	}
}

// assertInside fails unless all of o lies on the canvas.
func assertInside(t *testing.T, c fyne.Canvas, o fyne.CanvasObject) {
	t.Helper()
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
	end := at.Add(o.Size())
	if at.X < 0 || at.Y < 0 || end.X > c.Size().Width || end.Y > c.Size().Height || o.Size().Width < o.MinSize().Width {
		t.Errorf("%T %v at %v size %v (least %v) is not all on the %v canvas", o, o, at, o.Size(), o.MinSize(), c.Size())
	}
}

// longName is a customer's name too long for the list at 1024×768.
const longName = "Åström & Lindgren Flyttjänst och Magasinering Handelsbolag"

// withLongName adds an invoice of a customer named longName to the book, and
// shows the list again.
func withLongName(t *testing.T, m *MainWindow, book testbook.Book) {
	t.Helper()
	ctx := context.Background()
	c, err := book.Service.SaveCustomer(ctx, core.Customer{Number: "K99", Name: longName, IsCompany: true})
	if err != nil {
		t.Fatal(err)
	}
	today := book.Service.Today()
	inv := core.Invoice{Number: "30001", CustomerID: c.ID, Currency: core.Currency, InvoiceDate: today.AddDays(-40),
		DueDate: today.AddDays(-10), Total: decimal.NewFromInt(1000)}
	if _, err := book.Service.CreateInvoice(ctx, inv); err != nil {
		t.Fatal(err)
	}
	test.Type(m.invoices.search, "Åström")
	waitFor(t, "the long name's invoice", func() bool { return m.invoices.loaded && rowOf(m.invoices, "30001") == 0 })
	settle()
}

func TestTheMouseOnACutNameShowsItWholeAndLeavingTakesItAway(t *testing.T) {
	m, book := newTestWindow(t, testbook.Options{})
	m.Window.Resize(fyne.NewSize(1240, 720)) // what the window opens to on a 1280×800 screen
	withLongName(t, m, book)
	cell := shownCell(t, m.invoices.table, func(c *tableCell) bool { return c.look.text == longName })
	if !cell.cutShort {
		t.Fatalf("the long name is not cut at 1000 px; the test needs it cut")
	}
	c := m.Window.Canvas()
	test.MoveMouse(c, fyne.CurrentApp().Driver().AbsolutePositionForObject(cell).AddXY(5, 5))
	tips := tipLayers[c][len(tipLayers[c])-1]
	if got := tips.shown(); got != longName {
		t.Fatalf("the tip over the cut name shows %q, want %q", got, longName)
	}
	if !tips.box.Visible() || tips.box.Size().Width < fyne.MeasureText(longName, tips.text.TextSize, tips.text.TextStyle).Width {
		t.Errorf("the tip's box is shown %v, %v wide: too narrow for the name", tips.box.Visible(), tips.box.Size().Width)
	}
	test.MoveMouse(c, fyne.NewPos(500, 20)) // onto the tabs
	if got := tips.shown(); got != "" || tips.box.Visible() {
		t.Errorf("after the mouse left, the tip still shows %q", got)
	}
	// A whole text shows no tip.
	whole := shownCell(t, m.invoices.table, func(c *tableCell) bool { return c.look.text == "30001" })
	test.MoveMouse(c, fyne.CurrentApp().Driver().AbsolutePositionForObject(whole).AddXY(5, 5))
	if got := tips.shown(); got != "" {
		t.Errorf("the whole invoice number shows the tip %q", got)
	}
}

func TestTheMouseOnACutNameInTheReminderDialogShowsItWhole(t *testing.T) {
	m, book := newTestWindow(t, testbook.Options{})
	m.Window.Resize(fyne.NewSize(1240, 720)) // what the window opens to on a 1280×800 screen
	withLongName(t, m, book)
	d := openRemind(t, m)
	settle()
	cell := shownCell(t, d.list, func(c *tableCell) bool { return c.look.text == longName })
	c := m.Window.Canvas()
	test.MoveMouse(c, fyne.CurrentApp().Driver().AbsolutePositionForObject(cell).AddXY(5, 5))
	if got := topTips(cell).shown(); !cell.cutShort || got != longName {
		t.Errorf("the name, cut %v, shows the tip %q in the dialog", cell.cutShort, got)
	}
	d.dlg.Hide()
	settle()
	if n := len(tipLayers[c]); n != 1 {
		t.Errorf("after the dialog closed the window has %d tip layers, want its own one", n)
	}
}

func TestACutHeaderShowsItsWholeTitleOnHover(t *testing.T) {
	m, _ := newTestWindow(t, testbook.Options{})
	// At 1000 px the list's columns that give way make room for every header whole;
	// narrower still, headers are cut.
	m.Window.Resize(fyne.NewSize(880, 704))
	settle()
	var cut *sortHeader
	walkObjects(m.invoices.table, func(o fyne.CanvasObject) {
		if h, ok := o.(*sortHeader); ok && cut == nil && h.button.Visible() && h.button.Text != h.title {
			cut = h
		}
	})
	if cut == nil {
		t.Fatal("no header is cut at 880 px; the test needs one")
	}
	c := m.Window.Canvas()
	test.MoveMouse(c, fyne.CurrentApp().Driver().AbsolutePositionForObject(cut.button).AddXY(5, 5))
	if got := tipLayers[c][0].shown(); got != cut.title {
		t.Errorf("the header cut to %q shows %q on hover, want %q", cut.button.Text, got, cut.title)
	}
}

// shownCell is a cell that the table shows and that ok accepts.
func shownCell(t *testing.T, table fyne.Widget, ok func(*tableCell) bool) *tableCell {
	t.Helper()
	var found *tableCell
	walkObjects(table, func(o fyne.CanvasObject) {
		if c, is := o.(*tableCell); is && found == nil && c.Visible() && ok(c) {
			found = c
		}
	})
	if found == nil {
		t.Fatal("the table shows no such cell")
	}
	return found
}

// walkObjects calls visit on o and everything under it, widgets' insides too.
func walkObjects(o fyne.CanvasObject, visit func(fyne.CanvasObject)) {
	visit(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			walkObjects(c, visit)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			walkObjects(c, visit)
		}
	}
}

// Kunder's columns share the width as the invoice list's do: at 1024×768 and at
// 1280×800 nothing hides to the right (Tillgodo was off the screen at both), and a
// name too long for its column shows whole on hover.
func TestKunderNeedsNoSidewaysScrollingAt1024x768Or1280x800(t *testing.T) {
	m, book := newTestWindow(t, testbook.Options{})
	fyne.CurrentApp().Settings().SetTheme(theme.DefaultTheme()) // whose text is wider than the test theme's
	if _, err := book.Service.SaveCustomer(context.Background(), core.Customer{Number: "K99", Name: longName, IsCompany: true,
		Email: "reskontra.och.fakturafragor@astrom-lindgren-flyttjanst.se"}); err != nil {
		t.Fatal(err)
	}
	m.selectTab(2)
	waitFor(t, "the customers", func() bool { return len(m.customers.customers) > 0 })
	for _, size := range []fyne.Size{fyne.NewSize(1000, 704), fyne.NewSize(1240, 720)} {
		m.Window.Resize(size)
		settle()
		if over := sidewaysOverflow(t, m.customers.table); over > 0 {
			t.Errorf("in a window of %v Kunder's columns are %v px wider than the list", size, over)
		}
	}
}

func TestColumnsGiveWayOneAtATimeWhileTheOthersLackRoomForTheirHeaders(t *testing.T) {
	test.NewTempApp(t)
	cols := []column[int, unsorted]{
		{width: 100, show: func(int) cellLook { return plain("a") }},
		{width: 100, givesWay: 2, show: func(int) cellLook { return plain("b") }},
		{width: 100, givesWay: 1, show: func(int) cellLook { return plain("c") }},
		{width: 100, cut: true, show: func(int) cellLook { return plain("d") }},
	}
	rows, row := listRows(func() []int { return []int{1} })
	ct := columnTable[int, unsorted]{cols: cols, rows: rows, row: row, shown: &shownColumns{}}
	table := newTable(ct)
	fit := ct.fitted(table, table)
	around := func(n int) float32 { return -room(0, n) } // the paddings and scroll bar of n columns
	tests := []struct {
		name  string
		width float32
		want  string
	}{
		{"with room for every column, all show", 400 + around(4), "abcd"},
		{"a pixel short, the first to give way goes", 399 + around(4), "abd"},
		{"with room for the three, they stay", 300 + around(3), "abd"},
		{"short of that, the second goes too", 299 + around(3), "ad"},
		{"short even of the last two, they show and narrow", 150, "ad"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fit.Resize(fyne.NewSize(tt.width, 200))
			got := ""
			for i := range ct.width() {
				c, _ := ct.col(i)
				got += c.show(0).text
			}
			if got != tt.want {
				t.Errorf("at %v px the table shows the columns %q, want %q", tt.width, got, tt.want)
			}
			if _, n := table.Length(); n != len(tt.want) {
				t.Errorf("the table counts %d columns, want %d", n, len(tt.want))
			}
		})
	}
}

// Påminnelser's two tables share their halves' widths as the invoice list shares
// its own: at 1280×800 neither the batches nor the chosen batch's reminders scroll
// sideways, and a failure's text too long for its column shows whole on hover.
func TestPaminnelserNeedsNoSidewaysScrollingAt1280x800(t *testing.T) {
	m, book := newTestWindow(t, testbook.Options{})
	fyne.CurrentApp().Settings().SetTheme(theme.DefaultTheme()) // whose text is wider than the test theme's
	failEmails(t, book, 2)
	m.tabs.Select(m.tabs.Items[1])
	m.reminders.reload()
	waitFor(t, "the batch", func() bool { return len(m.reminders.batches) == 1 })
	m.reminders.showBatch(m.reminders.batches[0].ID)
	waitFor(t, "its reminders", func() bool { return len(m.reminders.reminders) == 2 })
	m.Window.Resize(fyne.NewSize(1240, 720)) // what the window opens to on a 1280×800 screen
	settle()
	for name, table := range map[string]fyne.Widget{"batches": m.reminders.batchTable, "reminders": m.reminders.remTable} {
		if over := sidewaysOverflow(t, table); over > 0 {
			t.Errorf("the %s' columns are %v px wider than their table", name, over)
		}
	}
}
