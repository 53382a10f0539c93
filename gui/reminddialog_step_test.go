package gui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"paminn/core"
	"paminn/data/testbook"
)

func TestTheBatchsStepIsByThePlanInThePlansViewAndOutsideItInAllOverdue(t *testing.T) {
	m, _ := newTestWindow(t, testbook.Options{Overdue: 9})
	d := openRemindAsIs(t, m)
	if d.stepSelect.Selected != "Enligt planen" {
		t.Fatalf("the plan's view opens with the step %q", d.stepSelect.Selected)
	}
	if req := d.request(); !req.ByPlan || req.Step != 0 || !d.interest.Disabled() || !d.fee.Disabled() {
		t.Errorf("by the plan: request %+v, interest disabled %v, fee disabled %v", req, d.interest.Disabled(), d.fee.Disabled())
	}
	showAllOverdue(t, d)
	if d.stepSelect.Selected != "Utanför planen (valen nedan)" || d.request().ByPlan || d.interest.Disabled() {
		t.Errorf("all overdue: step %q, request by plan %v", d.stepSelect.Selected, d.request().ByPlan)
	}
}

func TestAStepChosenIsTheBatchsOverrideInEitherView(t *testing.T) {
	m, _ := newTestWindow(t, testbook.Options{Overdue: 9})
	d := openRemindAsIs(t, m)
	want := []string{"Enligt planen", "1. Påminnelse 1", "2. Påminnelse 2", "3. Inkassokrav", "Utanför planen (valen nedan)"}
	if got := d.stepSelect.Options; len(got) != len(want) || got[1] != want[1] || got[3] != want[3] || got[4] != want[4] {
		t.Errorf("the steps offered: %q, want %q (no Amili while it is not activated)", got, want)
	}
	d.stepSelect.SetSelectedIndex(2)
	showAllOverdue(t, d)
	if req := d.request(); !req.ByPlan || req.Step != 2 || d.stepSelect.Selected != "2. Påminnelse 2" {
		t.Errorf("the step chosen was dropped by the view: %+v, %q", req, d.stepSelect.Selected)
	}
}

func TestSendingByThePlanGivesEachInvoiceItsStepAndTheListShowsIt(t *testing.T) {
	m, book := newTestWindow(t, testbook.Options{Overdue: 9})
	l := m.invoices
	waitFor(t, "the list's standings", func() bool { row := rowOf(l, "10009"); return row >= 0 && l.standingOf(l.pages[0][row]).Next != "" })
	cols := l.columns.cols
	text := func(number string) string {
		r := l.rowTexts(rowOf(l, number))
		if r == nil {
			return "(not read)"
		}
		return r[columnOf(cols, "Step")]
	}
	if got := text("10009"); got != "Påminnelse 1, dags nu" {
		t.Errorf("10009, 13 days overdue, shows %q", got)
	}
	if got, want := text("10001"), "Påminnelse 1 den "+formatDate(testbook.Today.AddDays(5)); got != want {
		t.Errorf("10001, 5 days overdue, shows %q, want %q", got, want)
	}
	d := openRemindAsIs(t, m)
	row := firstCandidate(t, d, func(c core.Candidate) bool { return c.Invoice.Number == "10009" })
	d.toggle(row, true)
	sendConfirmed(t, d)
	waitFor(t, "the send", func() bool { return d.sent })
	bs, err := book.Service.Batches(context.Background())
	if err != nil || len(bs) != 1 {
		t.Fatalf("batches %+v, %v", bs, err)
	}
	rs, err := book.Service.BatchReminders(context.Background(), bs[0].ID)
	if err != nil || len(rs) != 1 || rs[0].Step != 1 || rs[0].StepName != "Påminnelse 1" {
		t.Fatalf("the reminder sent: %+v, %v", rs, err)
	}
	want := "Påminnelse 1 → Påminnelse 2 den " + formatDate(testbook.Today.AddDays(14))
	waitFor(t, "the list's new standing", func() bool { return text("10009") == want })
	test.Tap(l.plan.open) // three remain due
	waitFor(t, "the dialog again", func() bool { return m.remind.loaded && m.remind.count.Count == 3 })
}

// The step's drop-down is as wide as its longest choice, so "Utanför planen (valen
// nedan)" is not cut to "Utanför pla…" (a drop-down asks only for its placeholder's
// width), and the dialog still fits a 1024×768 screen.
func TestTheStepsDropDownShowsEveryChoiceWholeAt1024x768(t *testing.T) {
	m, _ := newTestWindow(t, testbook.Options{Overdue: 9})
	fyne.CurrentApp().Settings().SetTheme(theme.DefaultTheme()) // whose text is wider than the test theme's
	m.Window.Resize(fyne.NewSize(1000, 704))
	d := openRemindAsIs(t, m)
	showAllOverdue(t, d)
	settle()
	for _, option := range d.stepSelect.Options {
		probe := widget.NewSelect(nil, nil)
		probe.PlaceHolder = option // a drop-down's least width shows its placeholder whole
		if need := probe.MinSize().Width; d.stepSelect.Size().Width < need {
			t.Errorf("the drop-down is %.0f px wide; %q needs %.0f", d.stepSelect.Size().Width, option, need)
		}
	}
	if w, room := d.dlg.MinSize().Width, m.Window.Canvas().Size().Width; w > room {
		t.Errorf("the dialog needs %.0f px, wider than the window's %.0f", w, room)
	}
}

// Issue 22: under the plan the totals line states what each invoice's step charges,
// as the confirmation lists it and the batch charges it, for each step and view.
func TestTheTotalsLineByThePlanStatesWhatEachStepCharges(t *testing.T) {
	m, book := newTestWindow(t, testbook.Options{Overdue: 9})
	d := openRemindAsIs(t, m)
	for _, number := range []string{"10009", "10008"} {
		row := firstCandidate(t, d, func(c core.Candidate) bool { return c.Invoice.Number == number })
		d.toggle(row, true)
	}
	// By the plan, then Påminnelse 1 and 2 as the batch's step; the inkassokrav is
	// refused before a reminder went out: the line has its balance only.
	for _, step := range []int{0, 1, 2, 3} {
		d.stepSelect.SetSelectedIndex(step)
		waitFor(t, "the totals", func() bool { return d.sumsShown == d.sumsGen })
		p, err := book.Service.PreviewReminders(context.Background(), d.request())
		if step == 3 {
			if core.ErrorCodeOf(err) != core.ECONFLICT || !strings.Contains(d.totals.Text, "Avgifter 0,00") {
				t.Errorf("the inkassokrav before a reminder: preview %v, totals line %q", err, d.totals.Text)
			}
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		want := p.Totals
		if !want.Fees.IsPositive() && !want.Interest.IsPositive() {
			t.Fatalf("step %d charges nothing; the test needs a step that charges", step)
		}
		text := d.totals.Text
		for _, part := range []string{"Saldo " + formatAmount(want.Balance), "Ränta " + formatAmount(want.Interest.Sub(want.InterestBefore)),
			"Avgifter " + formatAmount(want.Fees), "Att påminna om " + formatAmount(want.AmountDue)} {
			if !strings.Contains(text, part) {
				t.Errorf("step %d: the totals line %q lacks %q (the confirmation's figures)", step, text, part)
			}
		}
		if lc := want.LateCompensation; lc.IsPositive() && !strings.Contains(text, "Förseningsersättning "+formatAmount(lc)) {
			t.Errorf("step %d: the totals line %q lacks the förseningsersättning %s", step, text, formatAmount(lc))
		}
		if strings.Contains(text, "listade") {
			t.Errorf("step %d: the totals line still defers to the confirmation: %q", step, text)
		}
	}
}
