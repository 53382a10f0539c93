package gui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"paminn/core"
	"paminn/data/testbook"
)

// openRemindAsIs opens the reminder dialog on the view it chooses itself.
func openRemindAsIs(t *testing.T, m *MainWindow) *remindDialog {
	t.Helper()
	m.openRemindDialog()
	d := m.remind
	waitFor(t, "the candidates", func() bool { return d.loaded })
	return d
}

// stepCell is the text of the step column on row.
func stepCell(t *testing.T, d *remindDialog, row int) string {
	t.Helper()
	c, ok := d.candidateAt(row)
	if !ok {
		t.Fatalf("row %d is not read", row)
	}
	text, _ := stepText(c)
	return text
}

// The test book's overdue invoices fall due 5, 6, 7 … days before today; the default
// plan's first step comes ten days after the due date, so with nine overdue the four
// oldest (10006–10009) are due by the plan.
func TestTheDialogOpensOnTheInvoicesDueByThePlanEachShowingItsStep(t *testing.T) {
	m, _ := newTestWindow(t, testbook.Options{Overdue: 9})
	d := openRemindAsIs(t, m)
	if d.view != viewByPlan || d.viewChoice.Selected != "Dags enligt planen" {
		t.Fatalf("the dialog opened on view %d (%q), want the plan's", d.view, d.viewChoice.Selected)
	}
	if want := "4 fakturor har ett steg i planen som är dags i dag"; d.eligible.Text != want {
		t.Errorf("eligible = %q, want %q", d.eligible.Text, want)
	}
	var numbers []string
	for row, c := range shownCandidates(t, d) {
		numbers = append(numbers, c.Invoice.Number)
		if step := stepCell(t, d, row); step != "Påminnelse 1" {
			t.Errorf("invoice %s shows step %q, want Påminnelse 1", c.Invoice.Number, step)
		}
	}
	if got := strings.Join(numbers, " "); got != "10009 10008 10007 10006" {
		t.Errorf("the plan's view lists %s, want the four oldest, earliest due date first", got)
	}
	if !d.search.Disabled() || d.withRecent.Visible() {
		t.Error("the plan's view offers a search or “include recently reminded”, which it does not apply")
	}
}

func TestAllOverdueIsOneClickAwayAndTheStepShowsWhenItFallsDue(t *testing.T) {
	m, _ := newTestWindow(t, testbook.Options{Overdue: 9})
	d := openRemindAsIs(t, m)
	test.Tap(d.viewChoice.options[int(viewAll)])
	waitFor(t, "all overdue", func() bool { return d.view == viewAll && d.count.Count == 9 })
	if !strings.HasPrefix(d.eligible.Text, "9 förfallna fakturor") || d.search.Disabled() {
		t.Errorf("all overdue says %q, search disabled %v", d.eligible.Text, d.search.Disabled())
	}
	newest := firstCandidate(t, d, func(c core.Candidate) bool { return c.Invoice.Number == "10001" })
	due := testbook.Today.AddDays(-5).AddDays(10)
	if want := "Påminnelse 1 den " + formatDate(due); stepCell(t, d, newest) != want {
		t.Errorf("10001, five days overdue, shows step %q, want %q", stepCell(t, d, newest), want)
	}
	test.Tap(d.viewChoice.options[int(viewByPlan)])
	waitFor(t, "the plan's view again", func() bool { _, ok := d.pages[0]; return d.view == viewByPlan && ok && d.count.Count == 4 })
}

func TestTheDialogOpensOnAllOverdueWhenThePlanHasNothingDue(t *testing.T) {
	m, _ := newTestWindow(t, testbook.Options{Overdue: 5}) // 5 to 9 days overdue: none due by the plan
	d := openRemindAsIs(t, m)
	if d.view != viewAll || d.count.Count != 5 || d.viewChoice.Selected != "Alla förfallna" {
		t.Errorf("opened on view %d with %d rows, want all overdue with 5", d.view, d.count.Count)
	}
}

func TestSelectAllInThePlansViewTicksTheFirst200DueAndKeepsTheCap(t *testing.T) {
	m, _ := newTestWindow(t, testbook.Options{Overdue: 250}) // 245 due by the plan
	d := openRemindAsIs(t, m)
	if d.count.Count != 245 {
		t.Fatalf("the plan's view counts %d, want 245", d.count.Count)
	}
	test.Tap(d.selectAll)
	waitFor(t, "Select all", func() bool { return len(d.selected) == core.MaxBatch })
	if d.notice.Text != "De 200 första är markerade" || !strings.HasPrefix(d.counter.Text, "200 ") {
		t.Errorf("notice %q, counter %q", d.notice.Text, d.counter.Text)
	}
	for _, c := range shownCandidates(t, d)[:core.MaxBatch] {
		if !d.selected[c.Invoice.ID] {
			t.Fatalf("%s, among the first 200 shown, is not ticked", c.Invoice.Number)
		}
	}
	last, _ := d.candidateAt(244)
	d.toggle(244, true)
	if d.selected[last.Invoice.ID] || !strings.Contains(d.notice.Text, "200") {
		t.Errorf("the 201st was ticked (notice %q)", d.notice.Text)
	}
	test.Tap(d.viewChoice.options[int(viewAll)])
	waitFor(t, "all overdue", func() bool { return d.view == viewAll && d.count.Count == 250 })
	if len(d.selected) != core.MaxBatch || d.notice.Visible() {
		t.Errorf("switching views changed the selection (%d) or kept the notice %q", len(d.selected), d.notice.Text)
	}
}

func TestTappingAHeaderInThePlansViewKeepsItsOrder(t *testing.T) {
	m, _ := newTestWindow(t, testbook.Options{Overdue: 9})
	d := openRemindAsIs(t, m)
	d.sortBy(core.CandidatesByBalance)
	if d.query.Sort != core.CandidatesByDueDate {
		t.Errorf("the plan's view sorted by %s", d.query.Sort)
	}
	h := newSortHeader()
	d.list.UpdateHeader(widget.TableCellID{Row: -1, Col: columnOf(d.list.columns.cols, "Due date")}, h)
	if h.button.Icon != nil {
		t.Error("the plan's view shows a sort arrow on the due date")
	}
}
