package data

import (
	"fmt"
	"reflect"
	"testing"

	"paminn/core"
)

func TestThePaymentsAfterDueAreReadBackByInvoiceOldestFirst(t *testing.T) {
	s := mustOpen(t)
	c := mustCustomer(t, s, "K1", "Anna AB")
	a := mustInvoice(t, s, c, invoiceSpec{number: "A", dueIn: -40, total: "1000"})
	b := mustInvoice(t, s, c, invoiceSpec{number: "B", dueIn: -40, total: "1000"})
	none := mustInvoice(t, s, c, invoiceSpec{number: "C", dueIn: -40, total: "1000"})
	for _, p := range []core.Payment{
		{InvoiceID: a.ID, Date: today.AddDays(-5), Amount: kr("100")},
		{InvoiceID: a.ID, Date: today.AddDays(-20), Amount: kr("250.50")},
		{InvoiceID: b.ID, Date: today.AddDays(-1), Amount: kr("1")},
		{InvoiceID: b.ID, Date: today.AddDays(-40), Amount: kr("2")}, // on the due date: bore no interest
	} {
		if _, err := s.RegisterPayment(ctx, onPrincipal(p), at("12:00")); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.PaymentsAfterDue(ctx, []int64{a.ID, b.ID, none.ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || len(got[a.ID]) != 2 || len(got[b.ID]) != 1 {
		t.Fatalf("payments = %+v", got)
	}
	if p := got[a.ID]; p[0].Date != today.AddDays(-20) || !p[0].Amount.Equal(kr("250.50")) || p[1].Date != today.AddDays(-5) {
		t.Errorf("invoice A's payments = %+v, want oldest first", p)
	}
}

func TestInterestLinesAreStoredWithTheReminder(t *testing.T) {
	s := mustOpen(t)
	c := mustCustomer(t, s, "K1", "Anna AB")
	a := mustInvoice(t, s, c, invoiceSpec{number: "A", dueIn: -60, total: "1000"})
	r := plannedReminder(a, core.ChannelLetter)
	r.InterestLines = []core.InterestLine{
		{From: today.AddDays(-59), To: today.AddDays(-30), Days: 30, Rate: kr("12"), Base: kr("1500"), Amount: kr("1.48")},
		{From: today.AddDays(-29), To: today, Days: 30, Rate: kr("10.5"), Base: kr("1000"), Amount: kr("1.97")},
	}
	res, err := s.CreateBatch(ctx, newBatch("lines", core.ReminderManual), []core.Reminder{r})
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.BatchReminders(ctx, res.Batch.ID)
	if err != nil || len(got) != 1 {
		t.Fatalf("BatchReminders = %v, %v", got, err)
	}
	if len(got[0].InterestLines) != 2 {
		t.Fatalf("lines = %+v", got[0].InterestLines)
	}
	for i, l := range got[0].InterestLines {
		w := r.InterestLines[i]
		if l.From != w.From || l.To != w.To || l.Days != w.Days || !l.Rate.Equal(w.Rate) || !l.Base.Equal(w.Base) || !l.Amount.Equal(w.Amount) {
			t.Errorf("line %d = %+v, want %+v", i, l, w)
		}
	}
	// A reminder without lines stores none and reads back none.
	b := mustInvoice(t, s, c, invoiceSpec{number: "B", dueIn: -60, total: "1000"})
	res, err = s.CreateBatch(ctx, newBatch("no-lines", core.ReminderManual), []core.Reminder{plannedReminder(b, core.ChannelLetter)})
	if err != nil {
		t.Fatal(err)
	}
	if got, err := s.BatchReminders(ctx, res.Batch.ID); err != nil || !reflect.DeepEqual(got[0].InterestLines, []core.InterestLine(nil)) {
		t.Errorf("lines = %+v, %v; want none", got[0].InterestLines, err)
	}
}

// Asked about many invoices, LateCompensated reads the charged ones and keeps those
// asked for, as it does for few.
func TestLateCompensatedAnswersForFewAndForMany(t *testing.T) {
	s := mustOpen(t)
	c := mustCustomer(t, s, "K1", "Anna AB")
	a := mustInvoice(t, s, c, invoiceSpec{number: "A", dueIn: -60, total: "1000"})
	b := mustInvoice(t, s, c, invoiceSpec{number: "B", dueIn: -60, total: "1000"})
	r := plannedReminder(a, core.ChannelLetter)
	r.Fee, r.LateCompensation = kr("0"), core.LateCompensationAmount
	if _, err := s.CreateBatch(ctx, newBatch("comp", core.ReminderManual), []core.Reminder{r, plannedReminder(b, core.ChannelLetter)}); err != nil {
		t.Fatal(err)
	}
	many := []int64{b.ID, a.ID}
	for i := int64(1); len(many) <= paymentChunk; i++ {
		many = append(many, 100000+i) // invoices that do not exist are never charged
	}
	for name, ids := range map[string][]int64{"few": {a.ID, b.ID}, "many": many} {
		got, err := s.LateCompensated(ctx, ids)
		if err != nil || len(got) != 1 || !got[a.ID] {
			t.Errorf("%s: %v, %v; want invoice A alone", name, got, err)
		}
	}
}

// FeesCharged adds up the fees of every earlier reminder of each invoice (rule 6:
// förseningsersättning asks 450 kr less them), whether asked about few invoices or
// many.
func TestFeesChargedAddsUpTheFeesOfEveryEarlierReminder(t *testing.T) {
	s := mustOpen(t)
	c := mustCustomer(t, s, "K1", "Anna AB")
	a := mustInvoice(t, s, c, invoiceSpec{number: "A", dueIn: -60, total: "1000"})
	b := mustInvoice(t, s, c, invoiceSpec{number: "B", dueIn: -60, total: "1000"})
	withFee := func(inv core.Invoice, fee string) core.Reminder {
		r := plannedReminder(inv, core.ChannelLetter)
		r.Fee = kr(fee)
		return r
	}
	for i, rs := range [][]core.Reminder{{withFee(a, "60"), withFee(b, "0")}, {withFee(a, "50")}} {
		if _, err := s.CreateBatch(ctx, newBatch(fmt.Sprint("fees ", i), core.ReminderManual), rs); err != nil {
			t.Fatal(err)
		}
	}
	many := []int64{b.ID, a.ID}
	for i := int64(1); len(many) <= 2*paymentChunk; i++ {
		many = append(many, 100000+i) // invoices that do not exist were never charged
	}
	for name, ids := range map[string][]int64{"few": {a.ID, b.ID}, "many": many} {
		got, err := s.FeesCharged(ctx, ids)
		if err != nil || len(got) != 1 || !got[a.ID].Equal(kr("110")) {
			t.Errorf("%s: %v, %v; want 110 kr on invoice A alone", name, got, err)
		}
	}
}
