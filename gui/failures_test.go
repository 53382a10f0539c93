package gui

import (
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"paminn/assets"
	"paminn/core"
	"paminn/data/testbook"
)

// failEmails sends e-mail reminders for the book's first count overdue invoices of
// customers with an e-mail address and works the queue: the test book's service has
// no mail channel, so each delivery fails (EUNAVAILABLE). It returns the invoices.
func failEmails(t *testing.T, book testbook.Book, count int) []core.Invoice {
	t.Helper()
	ctx := context.Background()
	page, err := book.Service.ListInvoices(ctx, core.InvoiceQuery{Filter: core.FilterOverdue})
	if err != nil {
		t.Fatal(err)
	}
	var invs []core.Invoice
	var ids []int64
	for _, inv := range page.Invoices {
		if len(ids) < count && inv.CustomerName != "Anna Andersson" {
			invs, ids = append(invs, inv), append(ids, inv.ID)
		}
	}
	_, err = book.Service.SendReminders(ctx, core.ReminderRequest{Type: core.ReminderManual, InvoiceIDs: ids,
		Prefer: core.ChannelEmail, IdempotencyKey: t.Name()})
	if err != nil {
		t.Fatal(err)
	}
	if rep, err := book.Service.DeliverPending(ctx); err != nil || rep.Failed != len(ids) {
		t.Fatalf("delivery %+v (%v), want %d failed", rep, err, len(ids))
	}
	return invs
}

// untranslated returns the texts among shown that are an English message of sv.json
// with a Swedish translation of its own, with or without its fields filled in.
func untranslated(t *testing.T, shown []string) []string {
	t.Helper()
	b, err := assets.Translations.ReadFile("translations/sv.json")
	if err != nil {
		t.Fatal(err)
	}
	var sv map[string]string
	if err := json.Unmarshal(b, &sv); err != nil {
		t.Fatal(err)
	}
	field := regexp.MustCompile(`\{\{[^}]*\}\}`)
	var english []*regexp.Regexp
	for key, text := range sv {
		literal := field.ReplaceAllString(key, "")
		if text == key || len(strings.Fields(literal)) < 2 {
			continue // the same in both languages, or too little text to tell
		}
		parts := field.Split(key, -1)
		for i, p := range parts {
			parts[i] = regexp.QuoteMeta(p)
		}
		english = append(english, regexp.MustCompile(`^`+strings.Join(parts, `.*`)+`$`))
	}
	var out []string
	for _, s := range shown {
		for _, re := range english {
			if re.MatchString(s) {
				out = append(out, s)
				break
			}
		}
	}
	return out
}

// issue 21, "Failures in plain sight": under Swedish, the Påminnelser tab shows why a
// delivery failed in Swedish, as every other text on it.
func TestThePaminnelserTabShowsNoEnglishUnderSwedish(t *testing.T) {
	m, book := newTestWindow(t, testbook.Options{})
	failEmails(t, book, 2)
	m.tabs.Select(m.tabs.Items[1])
	m.reminders.reload()
	waitFor(t, "the batch", func() bool { return len(m.reminders.batches) == 1 })
	m.reminders.showBatch(m.reminders.batches[0].ID)
	waitFor(t, "its reminders", func() bool { return len(m.reminders.reminders) == 2 })
	m.reminders.remTable.Resize(fyne.NewSize(1600, 400)) // every column in view
	settle()
	shown := labelTexts(m.reminders.content)
	want := tr("E-mail cannot be sent from this program", nil)
	if want == "E-mail cannot be sent from this program" || !contains(shown, want) {
		t.Errorf("the failure is not shown in Swedish (%q) among %q", want, shown)
	}
	if bad := untranslated(t, shown); len(bad) > 0 {
		t.Errorf("shown in English under Swedish: %q", bad)
	}
}
