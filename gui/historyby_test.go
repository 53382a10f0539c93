package gui

import (
	"strings"
	"testing"
	"time"

	"paminn/core"
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
