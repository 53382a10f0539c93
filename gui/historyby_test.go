package gui

import (
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"paminn/core"
	"paminn/data/testbook"
)

// Issue 24: an invoice's history shows who made each change, where the book
// recorded it (a book on a server), and when.
func TestAnInvoicesHistoryShowsWhoMadeEachChange(t *testing.T) {
	at := time.Date(2026, 12, 7, 9, 15, 0, 0, time.Local)
	v := core.InvoiceDetails{History: []core.HistoryEntry{
		{At: at, By: "anna", Message: core.Message{Template: "Credited {{.Amount}}: {{.Reason}}", Data: map[string]string{"Amount": "100,00 kr", "Reason": "fel pris"}}},
		{At: at.Add(time.Hour), Message: core.Message{Template: "Credited {{.Amount}}: {{.Reason}}", Data: map[string]string{"Amount": "100,00 kr", "Reason": "fel pris"}}},
	}}
	var rows []historyRow // the changes' rows, without the claim's
	for _, r := range historyRowsOf(v) {
		if strings.Contains(r.text, "fel pris") {
			rows = append(rows, r)
		}
	}
	if len(rows) != 2 {
		t.Fatalf("%d rows of changes: %+v", len(rows), rows)
	}
	if rows[0].when != "2026-12-07 09:15" || rows[0].by != "anna" {
		t.Errorf("the first change: %+v, want when and anna", rows[0])
	}
	if rows[1].by != "" {
		t.Errorf("a change nobody was recorded for names %q", rows[1].by)
	}
	var titles []string
	for _, c := range historyColumns {
		titles = append(titles, c.title)
	}
	if titles[len(titles)-1] != "Who" || historyColumns[len(historyColumns)-1].show(rows[0]).text != "anna" {
		t.Errorf("the history's columns %v do not show who", titles)
	}
}

// Issue 24: the Historik tab names, in its Vem column, the user who sent each
// reminder, registered each payment and wrote each waiver, as a book on a server
// records them (025); what no one was recorded for names no one.
func TestTheHistoryTabNamesWhoSentPaidAndWaived(t *testing.T) {
	m, book := newTestWindow(t, testbook.Options{Letters: true})
	inv := remindedAndPartPaid(t, book, core.ChannelLetter)
	id := strconv.FormatInt(inv.ID, 10)
	book.Ledger(t, `UPDATE reminders SET by_user = 'anna' WHERE invoice_id = `+id,
		`UPDATE payments SET by_user = 'bertil' WHERE invoice_id = `+id,
		`UPDATE claim_entries SET by_user = 'cecilia' WHERE kind = 'waiver' AND invoice_id = `+id)
	d := openInvoiceRow(t, m, "10001")
	d.tabs.Select(d.tabs.Items[3])

	by := map[string]string{}
	for _, r := range d.histRows {
		for _, what := range []string{"Påminnelse 1", "Debiterat av påminnelse 1", "Betalning", "Avskrivet"} {
			if strings.HasPrefix(r.text, what) {
				by[what] = r.by
			}
		}
	}
	want := map[string]string{"Påminnelse 1": "anna", "Debiterat av påminnelse 1": "", "Betalning": "bertil", "Avskrivet": "cecilia"}
	if !maps.Equal(by, want) {
		t.Errorf("the history names %v, want %v", by, want)
	}
	shown := labelTexts(d.history)
	for _, name := range []string{"Vem", "anna", "bertil", "cecilia"} {
		if !slices.Contains(shown, name) {
			t.Errorf("the Historik tab does not show %q: %q", name, shown)
		}
	}
}

// Issue 24: a report to Amili in the history names who queued it.
func TestAReportToAmiliInTheHistoryNamesWhoQueuedIt(t *testing.T) {
	v := core.InvoiceDetails{AmiliReports: []core.AmiliReport{{Kind: core.AmiliReportPayment, State: core.DeliveryPending,
		UpdatedAt: time.Date(2026, 12, 7, 9, 15, 0, 0, time.UTC), By: "bertil"}}}
	for _, r := range historyRowsOf(v) {
		if strings.HasPrefix(r.text, "Rapport till Amili") || strings.HasPrefix(r.text, "Report to Amili") {
			if r.by != "bertil" {
				t.Errorf("the report's row names %q, want bertil", r.by)
			}
			return
		}
	}
	t.Errorf("no report's row in %+v", historyRowsOf(v))
}
