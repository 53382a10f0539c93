package data

import (
	"fmt"
	"testing"

	"paminn/core"
)

// claimEntry is one claim_entries row as a test reads it.
type claimEntry struct {
	invoiceID, reminderID       int64
	kind, date                  string
	fee, compensation, interest int64
	principal                   int64
}

// chargesOf reads the claim entries of an invoice, oldest first.
func chargesOf(t *testing.T, s *Store, invoiceID int64) []claimEntry {
	t.Helper()
	rows, err := s.db.Query(`SELECT invoice_id, coalesce(reminder_id, 0), kind, date, fee_ore, compensation_ore,
		interest_ore, principal_ore FROM claim_entries WHERE invoice_id = ? ORDER BY id`, invoiceID)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []claimEntry
	for rows.Next() {
		var e claimEntry
		if err := rows.Scan(&e.invoiceID, &e.reminderID, &e.kind, &e.date, &e.fee, &e.compensation, &e.interest,
			&e.principal); err != nil {
			t.Fatal(err)
		}
		out = append(out, e)
	}
	return out
}

// A manual reminder's batch writes, in its transaction, one 'charge' entry of what
// the reminder charges anew (core.Reminder.NewCharges: its fee, its
// förseningsersättning, the interest it states beyond what earlier reminders
// stated) and raises the invoice's open charges by it; an Amili hand-over charges
// nothing; a replayed key writes nothing again (core/RULES.md, rule 12).
func TestABatchChargesWhatEachReminderChargesAnew(t *testing.T) {
	s := mustOpen(t)
	c := mustCustomer(t, s, "K1", "Anna AB")
	a := mustInvoice(t, s, c, invoiceSpec{number: "A", dueIn: -20, total: "1000"})
	b := mustInvoice(t, s, c, invoiceSpec{number: "B", dueIn: -20, total: "500"})
	manual := func(inv core.Invoice, fee, comp, interest, before string) core.Reminder {
		r := plannedReminder(inv, core.ChannelLetter)
		r.Fee, r.LateCompensation, r.Interest, r.InterestBefore = kr(fee), kr(comp), kr(interest), kr(before)
		r.EarlierCharges = inv.Charges
		r.AmountDue = r.ClaimDue()
		return r
	}
	steps := []struct {
		name        string
		reminder    core.Reminder
		typ         core.ReminderType
		wantEntry   *claimEntry // fee, compensation, interest
		wantCharges int64       // the invoice's open charges after, öre
	}{
		{"a first reminder charges its fee and the interest it states", manual(a, "60", "0", "12.34", "0"),
			core.ReminderManual, &claimEntry{fee: 6000, interest: 1234}, 7234},
		{"a second charges its förseningsersättning and only the interest stated beyond the first",
			manual(a, "0", "390", "20.00", "12.34"), core.ReminderManual, &claimEntry{compensation: 39000, interest: 766}, 47000},
		{"a reminder that charges nothing writes no entry", manual(a, "0", "0", "0", "0"), core.ReminderManual, nil, 47000},
		{"an Amili hand-over charges nothing here", plannedReminder(b, core.ChannelAmili), core.ReminderAmili, nil, 0},
	}
	for i, st := range steps {
		key := fmt.Sprint("step-", i)
		res, err := s.CreateBatch(ctx, newBatch(key, st.typ), []core.Reminder{st.reminder})
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		// The same key again creates nothing, charges included.
		if _, err := s.CreateBatch(ctx, newBatch(key, st.typ), []core.Reminder{st.reminder}); err != nil {
			t.Fatalf("%s, replayed: %v", st.name, err)
		}
		var entries []claimEntry
		for _, e := range chargesOf(t, s, st.reminder.InvoiceID) {
			if e.reminderID == res.Reminders[0].ID {
				entries = append(entries, e)
			}
		}
		switch {
		case st.wantEntry == nil && len(entries) != 0:
			t.Errorf("%s: entries %+v, want none", st.name, entries)
		case st.wantEntry != nil && (len(entries) != 1 || entries[0].kind != "charge" || entries[0].date != dateText(today) ||
			entries[0].fee != st.wantEntry.fee || entries[0].compensation != st.wantEntry.compensation ||
			entries[0].interest != st.wantEntry.interest || entries[0].principal != 0):
			t.Errorf("%s: entries %+v, want one charge of %+v", st.name, entries, *st.wantEntry)
		}
		inv, err := s.Invoice(ctx, st.reminder.InvoiceID)
		if err != nil {
			t.Fatal(err)
		}
		if core.ToOre(inv.Charges) != st.wantCharges {
			t.Errorf("%s: the invoice's open charges are %s, want %d öre", st.name, inv.Charges, st.wantCharges)
		}
		stored, err := s.BatchReminders(ctx, res.Batch.ID)
		if err != nil || !stored[0].EarlierCharges.Equal(st.reminder.EarlierCharges) ||
			!stored[0].InterestBefore.Equal(st.reminder.InterestBefore) {
			t.Errorf("%s: stored reminder %+v (%v)", st.name, stored, err)
		}
		if a, err = s.Invoice(ctx, a.ID); err != nil {
			t.Fatal(err)
		}
	}
	// The entries are what 015_claim_ledger.sql turned earlier reminders into: the
	// interest each states beyond the most an earlier reminder stated.
	var differ int
	if err := s.db.QueryRow(`SELECT count(*) FROM reminders r JOIN claim_entries e ON e.reminder_id = r.id
		WHERE e.interest_ore != max(0, r.interest_ore - coalesce((SELECT max(x.interest_ore) FROM reminders x
			WHERE x.invoice_id = r.invoice_id AND x.type = 'manual' AND x.id < r.id), 0))`).Scan(&differ); err != nil {
		t.Fatal(err)
	}
	if differ != 0 {
		t.Errorf("%d charges differ from the migration's rule for the interest", differ)
	}
	stored, err := s.InterestStated(ctx, []int64{a.ID, b.ID})
	if err != nil || len(stored) != 1 || !stored[a.ID].Equal(kr("20")) {
		t.Errorf("InterestStated = %v, %v; want A's 20 kr alone", stored, err)
	}
}
