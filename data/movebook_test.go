package data

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"paminn/core"
)

// everyKindBook fills s, a new SQLite book, with a book drawn from seed that holds every
// kind of row: customers (companies and persons, names with quotes, ÅÄÖ and other
// scripts), invoices, payments and a reversal, manual and Amili batches with their
// reminders, charges and deliveries (sent, failed, pending), Amili cases and their
// reports, pauses current and ended, credit notes, customer credits applied and
// refunded, waivers, the invoice history (an edit, a deleted invoice), settings and
// reference rates. Every row is written by the store's own operations.
func everyKindBook(t *testing.T, s *Store, seed uint64) {
	t.Helper()
	r := rand.New(rand.NewPCG(seed, 24))
	b := &bookFiller{t: t, s: s, r: r, now: at("10:00")}
	b.settings()
	customers := b.customers(5 + r.IntN(5))
	var invoices []core.Invoice
	for _, c := range customers {
		for range 3 + r.IntN(5) {
			invoices = append(invoices, b.invoice(c, len(invoices)))
		}
	}
	b.payments(invoices)
	manual := b.batch("manual", invoices[:len(invoices)/2], core.ReminderManual)
	b.deliver(manual)
	amili := b.batch("amili", invoices[len(invoices)/2:], core.ReminderAmili)
	b.deliver(amili)
	b.corrections(invoices, customers)
	b.keptOriginal(invoices[r.IntN(len(invoices))])
}

// keptOriginal keeps an original PDF in the book, as a book moved back from a server
// holds one (pgattachpdf.go; SQLite's own AttachInvoicePDF keeps its originals beside
// the file): bytes of every value, so a move shows it copies them whole.
func (b *bookFiller) keptOriginal(inv core.Invoice) {
	pdf := []byte("%PDF-1.4\n")
	for i := range 256 {
		pdf = append(pdf, byte(i), byte(b.r.IntN(256)))
	}
	name := attachmentName(inv, pdf)
	_, err := b.s.db.ExecContext(ctx, `INSERT INTO invoice_pdfs (name, invoice_id, content, attached_at) VALUES (?, ?, ?, ?)`,
		name, inv.ID, pdf, instantText(b.now))
	b.must(err, "keep an original")
	_, err = b.s.db.ExecContext(ctx, `UPDATE invoices SET pdf = ? WHERE id = ?`, name, inv.ID)
	b.must(err, "record the original")
}

// bookFiller writes a random book through the store's operations.
type bookFiller struct {
	t   *testing.T
	s   *Store
	r   *rand.Rand
	now time.Time
	n   int // a counter for unique keys
}

func (b *bookFiller) must(err error, what string) {
	b.t.Helper()
	if err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
}

// money is a random amount from lo to hi kronor, in öre.
func (b *bookFiller) money(lo, hi int) decimal.Decimal {
	return decimal.New(int64(lo*100+b.r.IntN((hi-lo)*100+1)), -2)
}

// text is a random name with characters that need care: quotes, ÅÄÖ, other scripts.
func (b *bookFiller) text(prefix string) string {
	parts := []string{"Åkeri", "Ölands", "O'Brien", `"Citat"`, "Łukasz", "Ольга", "Nguyễn", "100%", "a_b", "Back\\slash", "Tab\tbar"}
	b.n++
	return fmt.Sprintf("%s %s %s %d", prefix, parts[b.r.IntN(len(parts))], parts[b.r.IntN(len(parts))], b.n)
}

func (b *bookFiller) settings() {
	set, err := b.s.Settings(ctx)
	b.must(err, "Settings")
	set.Company = core.Company{Name: b.text("Firma"), OrgNumber: "556677-8899", Bankgiro: "5050-1055",
		Address: core.Address{Line1: b.text("Gatan"), ZipCode: "111 22", City: "Malmö"}}
	b.must(b.s.SaveSettings(ctx, set), "SaveSettings")
	rates, err := b.s.ReferenceRates(ctx)
	b.must(err, "ReferenceRates")
	rates = append(rates, core.ReferenceRate{Year: 2099, Half: 1 + b.r.IntN(2), Rate: b.money(0, 5), Preliminary: true})
	b.must(b.s.SaveReferenceRates(ctx, rates), "SaveReferenceRates")
}

func (b *bookFiller) customers(n int) []core.Customer {
	var out []core.Customer
	for i := range n {
		c := core.Customer{Number: fmt.Sprintf("K%d", 100+i), Name: b.text("Kund"), IDNumber: "556677-8899",
			IsCompany: b.r.IntN(2) == 0, FeeAgreed: b.r.IntN(2) == 0, Mobile: "070-1234567",
			Address: core.Address{Line1: b.text("Väg"), ZipCode: "123 45", City: "Luleå", Country: "SE"}}
		if b.r.IntN(3) > 0 {
			c.Email = fmt.Sprintf("k%d@example.se", i)
		}
		c, err := b.s.CreateCustomer(ctx, c)
		b.must(err, "CreateCustomer")
		out = append(out, c)
	}
	return out
}

func (b *bookFiller) invoice(c core.Customer, i int) core.Invoice {
	due := today.AddDays(-120 + b.r.IntN(150))
	inv, err := b.s.CreateInvoice(ctx, core.Invoice{Number: fmt.Sprintf("F%04d", 1000+i), CustomerID: c.ID,
		InvoiceDate: due.AddDays(-30), DueDate: due, Total: b.money(100, 20000), Currency: "SEK",
		OCR: fmt.Sprintf("%d", 10000+i)})
	b.must(err, "CreateInvoice")
	return inv
}

// payments pays some invoices in part or whole, by hand and from a bank file, and
// reverses one payment.
func (b *bookFiller) payments(invoices []core.Invoice) {
	var reversible core.PaymentRecord
	for i, inv := range invoices {
		if b.r.IntN(5) >= 2 {
			continue
		}
		amount := inv.Total
		if b.r.IntN(2) == 0 {
			amount = inv.Total.Div(decimal.NewFromInt(3)).Round(2)
		}
		p := core.Payment{InvoiceID: inv.ID, Date: today.AddDays(-b.r.IntN(30)), Amount: amount}
		if b.r.IntN(2) == 0 {
			p.Source, p.ExternalKey = "bgmax.txt", fmt.Sprintf("bg-%d-%d", i, b.r.IntN(1000))
		}
		_, err := b.s.RegisterPayment(ctx, onPrincipal(p), b.now)
		b.must(err, "RegisterPayment")
		if reversible.ID == 0 {
			ps, err := b.s.InvoicePayments(ctx, inv.ID)
			b.must(err, "InvoicePayments")
			reversible = ps[0]
		}
	}
	if reversible.ID != 0 {
		_, err := b.s.ReversePayment(ctx, core.PaymentReversalRequest{PaymentID: reversible.ID,
			InvoiceID: reversible.InvoiceID, Date: today, Reason: b.text("Fel kund"),
			History: core.Message{Template: "Payment reversed"}}, b.now)
		b.must(err, "ReversePayment")
	}
}

// batch sends a reminder batch of typ for up to four of invoices that may have one.
func (b *bookFiller) batch(key string, invoices []core.Invoice, typ core.ReminderType) core.BatchResult {
	ch := core.ChannelAmili
	if typ == core.ReminderManual {
		ch = core.ChannelLetter
	}
	var rs []core.Reminder
	for _, inv := range invoices {
		inv, err := b.s.Invoice(ctx, inv.ID)
		b.must(err, "Invoice")
		if len(rs) < 4 && inv.Balance().IsPositive() && inv.DueDate.Before(today) && inv.AmiliState == core.AmiliNone {
			r := plannedReminder(inv, ch)
			if ch == core.ChannelLetter && len(rs)%2 == 1 {
				r.Channel = core.ChannelEmail
			}
			rs = append(rs, r)
		}
	}
	if len(rs) == 0 {
		b.t.Fatalf("the random book has no invoice to remind in %s", key)
	}
	res, err := b.s.CreateBatch(ctx, newBatch(key, typ), rs)
	b.must(err, "CreateBatch")
	return res
}

// deliver delivers a batch's reminders: one sent, one failed and waiting for a
// retry, the rest left pending. An Amili reminder sent opens a case.
func (b *bookFiller) deliver(res core.BatchResult) {
	ds, err := b.s.ClaimDeliveries(ctx, at("10:05"), at("09:00"), 100, nil)
	b.must(err, "ClaimDeliveries")
	for i, d := range ds {
		o := core.DeliveryOutcome{ReminderID: d.Reminder.ID, State: core.DeliverySent, At: at("10:06"),
			ExternalRef: fmt.Sprintf("ref-%d", d.Reminder.ID)}
		if d.Reminder.Channel == core.ChannelAmili {
			o.AmiliState, o.AmiliCaseRef, o.AmiliOCR, o.AmiliEnv = core.AmiliRegistered,
				fmt.Sprintf("case-%d", d.Reminder.ID), "998877", core.AmiliSandbox
		}
		switch i % 3 {
		case 1:
			o = core.DeliveryOutcome{ReminderID: d.Reminder.ID, State: core.DeliveryFailed, At: at("10:06"),
				Error: "connection refused", NextAttempt: at("11:00")}
		case 2:
			continue // left claimed (sending), as a desktop that stopped leaves it
		}
		b.must(b.s.FinishDelivery(ctx, o), "FinishDelivery")
	}
}

// corrections writes what follows a batch: a payment to Amili and a cancellation,
// pauses, a credit note, customer credits applied and refunded, a waiver, an edit
// and a deleted invoice.
func (b *bookFiller) corrections(invoices []core.Invoice, customers []core.Customer) {
	for _, inv := range invoices {
		inv, err := b.s.Invoice(ctx, inv.ID)
		b.must(err, "Invoice")
		if inv.AmiliState == core.AmiliRegistered {
			_, err := b.s.RegisterPayment(ctx, onPrincipal(core.Payment{InvoiceID: inv.ID, Date: today,
				Amount: b.money(1, 50)}), b.now)
			b.must(err, "RegisterPayment to Amili")
			_, err = b.s.QueueCancellation(ctx, inv.ID, b.now)
			b.must(err, "QueueCancellation")
			break
		}
	}
	open := b.openInvoices(invoices)
	b.pauses(open, customers)
	credited := open[len(open)-1]
	_, err := b.s.CreditInvoice(ctx, core.Credit{InvoiceID: credited.ID, Date: today, Amount: b.money(1, 50),
		Number: "K-1", Reason: b.text("Rabatt"), History: core.Message{Template: "Credited"}}, b.now)
	b.must(err, "CreditInvoice")
	c := customers[b.r.IntN(len(customers))]
	b.must(b.s.RegisterBankPayments(ctx, []core.BankRegistration{{CustomerID: c.ID, Credit: b.money(200, 400),
		BankRef: "bank-1", Payment: core.Payment{Source: "camt.xml", ExternalKey: "camt-1"}}}, b.now), "RegisterBankPayments")
	b.must(b.s.RefundCredit(ctx, core.CreditUse{Kind: core.CreditRefunded, CustomerID: c.ID, Date: today,
		Amount: b.money(1, 50), Reason: "Åter"}, b.now), "RefundCredit")
	for _, inv := range open {
		if inv.CustomerID == c.ID {
			amount := decimal.NewFromInt(10)
			_, err := b.s.ApplyCredit(ctx, core.CreditUse{Kind: core.CreditApplied, CustomerID: c.ID, InvoiceID: inv.ID,
				Date: today, Amount: amount, Parts: core.Parts{Principal: amount},
				History: core.Message{Template: "Credit applied"}}, b.now)
			b.must(err, "ApplyCredit")
			break
		}
	}
	b.waiveAndEdit(invoices)
}

// openInvoices are the invoices with a balance, not with Amili.
func (b *bookFiller) openInvoices(invoices []core.Invoice) []core.Invoice {
	var open []core.Invoice
	for _, inv := range invoices {
		inv, err := b.s.Invoice(ctx, inv.ID)
		b.must(err, "Invoice")
		if inv.Balance().IsPositive() && inv.AmiliState == core.AmiliNone {
			open = append(open, inv)
		}
	}
	if len(open) < 3 {
		b.t.Fatalf("the random book has %d open invoices, want 3", len(open))
	}
	return open
}

// pauses pauses an invoice (ended again), another for good, and a customer.
func (b *bookFiller) pauses(open []core.Invoice, customers []core.Customer) {
	for i, inv := range open[:2] {
		_, err := b.s.StartPause(ctx, core.Pause{InvoiceID: inv.ID, Reason: core.PauseDispute,
			Note: b.text("Bestrider"), Started: b.now})
		b.must(err, "StartPause")
		if i == 0 {
			b.must(b.s.EndPause(ctx, inv.ID, 0, b.now.Add(time.Hour)), "EndPause")
		}
	}
	c := customers[b.r.IntN(len(customers))]
	_, err := b.s.StartPause(ctx, core.Pause{CustomerID: c.ID, Reason: core.PausePlan, Until: today.AddDays(30),
		Note: b.text("Avbetalning"), Started: b.now})
	b.must(err, "StartPause customer")
}

// waiveAndEdit waives a reminded invoice's fee, edits an invoice and deletes one.
func (b *bookFiller) waiveAndEdit(invoices []core.Invoice) {
	for _, inv := range invoices {
		fees, err := b.s.FeesCharged(ctx, []int64{inv.ID})
		b.must(err, "FeesCharged")
		if fees[inv.ID].IsPositive() {
			b.must(b.s.WaiveCharges(ctx, []core.ClaimEntry{{InvoiceID: inv.ID, Kind: core.EntryWaiver, Date: today,
				Parts: core.Parts{Fee: fees[inv.ID].Neg()}, Reason: b.text("Avskrivet")}}, b.now), "WaiveCharges")
			break
		}
	}
	last := invoices[len(invoices)-1]
	edited, err := b.s.CreateInvoice(ctx, core.Invoice{Number: "EDIT-1", CustomerID: last.CustomerID,
		InvoiceDate: today, DueDate: today.AddDays(30), Total: b.money(10, 20), Currency: "SEK"})
	b.must(err, "CreateInvoice")
	edited.DueDate = edited.DueDate.AddDays(3)
	_, err = b.s.UpdateInvoice(ctx, edited, []core.Message{{Template: "Due date changed"}}, b.now)
	b.must(err, "UpdateInvoice")
	fresh, err := b.s.CreateInvoice(ctx, core.Invoice{Number: "DEL-1", CustomerID: last.CustomerID,
		InvoiceDate: today, DueDate: today.AddDays(30), Total: b.money(10, 20), Currency: "SEK"})
	b.must(err, "CreateInvoice")
	b.must(b.s.DeleteInvoice(ctx, fresh.ID, core.Message{Template: "Deleted"}, b.now), "DeleteInvoice")
}
