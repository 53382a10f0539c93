package gui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"paminn/core"
	"paminn/data/testbook"
)

// On 5 January 2027 the shipped table has no rate for 2027 H1 (the Riksbank sets it
// for each calendar half-year, räntelagen 9 §, and publishes it at the turn of the
// year). Rule 5: the dialog opens, interest alone is off with the reason and a way to
// enter the rate, and once entered, interest is offered in the same dialog.
func TestAMissingRateTurnsOffInterestUntilItIsEntered(t *testing.T) {
	m, _ := newTestWindow(t, testbook.Options{Today: core.MustDate("2027-01-05")})
	d := openRemind(t, m)
	bar := d.interestBar

	if !d.interest.Disabled() || !bar.box.Visible() {
		t.Fatalf("interest check disabled=%v, reason shown=%v; want off with a reason", d.interest.Disabled(), bar.box.Visible())
	}
	if want := "Referensräntan för första halvåret 2027 saknas — Riksbanken publicerar den i slutet av december"; bar.reason.Text != want {
		t.Errorf("reason = %q, want %q", bar.reason.Text, want)
	}
	if d.fee.Disabled() || d.email.Disabled() {
		t.Error("the fee and e-mail checks are off too")
	}
	d.toggle(0, true)
	if d.sendBtn.Disabled() {
		t.Errorf("Send is disabled without the rate: %q", d.reason.Text)
	}

	test.Tap(bar.enterBtn)
	if bar.rates == nil {
		t.Fatal("the button opened no rate table")
	}
	e := bar.rates.editor
	waitFor(t, "the rate table", func() bool { return len(e.rows) > 0 })
	last := e.rows[0] // the latest half-year first
	if last.year.Text != "2027" || last.half.SelectedIndex() != 0 || last.rate.Text != "" {
		t.Fatalf("first row = %s H%d %q, want 2027 H1 to fill in", last.year.Text, last.half.SelectedIndex()+1, last.rate.Text)
	}
	if m.Window.Canvas().Focused() != last.rate {
		t.Error("the new row's rate is not focused")
	}

	test.Type(last.rate, "2,00")
	test.Tap(e.saveBtn)
	waitFor(t, "interest to be offered", func() bool { return !d.interest.Disabled() })
	if bar.box.Visible() {
		t.Error("the reason stays after the rate was entered")
	}
	if !strings.Contains(d.interest.Text, "10,00") {
		t.Errorf("interest label = %q, want the new rate 2 + 8 %%", d.interest.Text)
	}
	if !d.pages[0][0].Interest.IsPositive() {
		t.Error("the shown page's preview interest was not fetched again")
	}
	d.interest.SetChecked(true)
	settle()
	if !d.sums.Interest.IsPositive() || !d.sums.Interest.Equal(d.pages[0][0].Interest) {
		t.Errorf("the selection's interest is %s, want the ticked row's %s", d.sums.Interest, d.pages[0][0].Interest)
	}
	if len(d.selected) != 1 {
		t.Errorf("%d selected after the rate was entered; the tick was lost", len(d.selected))
	}
}

// The 2026 H2 rate ships as preliminary (the series was not yet published when the
// table was made): the dialog's interest line says so.
func TestAPreliminaryRateIsSaidOnTheInterestLine(t *testing.T) {
	m, _ := newTestWindow(t, testbook.Options{Today: core.MustDate("2026-08-03")})
	d := openRemind(t, m)
	if want := "Debitera dröjsmålsränta (10,00\u00a0%; referensräntan är preliminär)"; d.interest.Text != want {
		t.Errorf("interest label = %q, want %q", d.interest.Text, want)
	}
	if d.interest.Disabled() || d.interestBar.box.Visible() {
		t.Error("a preliminary rate turns interest off")
	}
}
