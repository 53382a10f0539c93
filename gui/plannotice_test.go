package gui

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"paminn/data/testbook"
)

func TestTheListSaysHowManyInvoicesAreReadyForTheirNextStepAndOpensTheDialogOnThem(t *testing.T) {
	m, _ := newTestWindow(t, testbook.Options{Overdue: 9}) // four are due by the plan
	n := m.invoices.plan
	waitFor(t, "the notice", func() bool { return n.bar.Visible() })
	if want := "4 fakturor är redo för nästa steg"; n.text.Text != want {
		t.Errorf("the notice says %q, want %q", n.text.Text, want)
	}
	test.Tap(n.open)
	d := m.remind
	if d == nil {
		t.Fatal("the notice's button opened no dialog")
	}
	waitFor(t, "the dialog", func() bool { return d.loaded })
	if d.view != viewByPlan || d.count.Count != 4 {
		t.Errorf("the dialog opened on view %d with %d rows, want the plan's 4", d.view, d.count.Count)
	}
}

func TestTheListHasNoNoticeWhenNothingIsDueByThePlan(t *testing.T) {
	m, _ := newTestWindow(t, testbook.Options{Overdue: 5})
	settle()
	if n := m.invoices.plan; n.bar.Visible() || n.count != 0 {
		t.Errorf("the notice shows %q with nothing due", n.text.Text)
	}
}

func TestTheNoticeSaysOneInvoiceInTheSingular(t *testing.T) {
	if got, want := readyForNextStepText(1), "1 faktura är redo för nästa steg"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
