package core_test

import (
	"fmt"
	"strings"
	"testing"

	"paminn/core"
)

// The BgMax records below are written from the layouts of Bankgirot's "Bankgiro
// Inbetalningar — Technical Manual" (section 3.2, "The file's records"): opening
// record TK01 (layout name "BGMAX" 3–22, version 23–24, written 25–44, test mark 45),
// section start TK05 (receiving bankgiro 3–12, currency 23–25), payment TK20 (sender's
// bankgiro 3–12, reference 13–37, amount in öre 38–55, reference code 56 — 2 is an
// OCR reference —, payment channel 57, BGC serial number 58–69, image mark 70),
// deposit TK15 (account 3–37, payment date 38–45, deposit serial 46–50, amount 51–68,
// currency 69–71, payment count 72–79) and end TK70 (counts of TK20, TK21, TK22 and
// TK15 at 3, 11, 19 and 27, eight digits each). Each record is 80 characters.

// bgRecord lays fields out by their first position (1-based) in an 80-character record.
func bgRecord(fields map[int]string) string {
	r := []rune(strings.Repeat(" ", 80))
	for pos, f := range fields {
		copy(r[pos-1:], []rune(f))
	}
	return string(r)
}

// bgmaxPaying is a BgMax file into bankgiro 5050-1055 of one deposit, paid on
// 2026-11-24, of one OCR payment per reference, each of ore öre.
func bgmaxPaying(ore int64, refs ...string) []byte {
	recs := []string{
		bgRecord(map[int]string{1: "01", 3: "BGMAX", 23: "01", 25: "20261125083000123456", 45: "P"}),
		bgRecord(map[int]string{1: "05", 3: "0050501055", 23: "SEK"}),
	}
	for i, ref := range refs {
		recs = append(recs, bgRecord(map[int]string{1: "20", 3: "0009912346", 13: fmt.Sprintf("%25s", ref),
			38: fmt.Sprintf("%018d", ore), 56: "2", 57: "1", 58: fmt.Sprintf("%012d", 101+i), 70: "0"}))
	}
	recs = append(recs,
		bgRecord(map[int]string{1: "15", 3: "00000000000000000005841000001009823", 38: "20261124", 46: "00042",
			51: fmt.Sprintf("%018d", ore*int64(len(refs))), 69: "SEK", 72: fmt.Sprintf("%08d", len(refs))}),
		bgRecord(map[int]string{1: "70", 3: fmt.Sprintf("%08d", len(refs)), 11: "00000000", 19: "00000000", 27: "00000001"}))
	return []byte(strings.Join(recs, "\r\n") + "\r\n")
}

// paymentsOf returns an invoice's payments.
func (b *payBook) paymentsOf(number string) []core.PaymentRecord {
	b.t.Helper()
	ps, err := b.svc.InvoicePayments(b.ctx, b.inv[number].ID)
	if err != nil {
		b.t.Fatal(err)
	}
	return ps
}

// invoiceNow reads an invoice as the book has it now.
func (b *payBook) invoiceNow(number string) core.Invoice {
	b.t.Helper()
	inv, err := b.svc.Invoice(b.ctx, b.inv[number].ID)
	if err != nil {
		b.t.Fatal(err)
	}
	return inv
}

// historyOf returns an invoice's history lines in English.
func (b *payBook) historyOf(id int64) []string {
	b.t.Helper()
	h, err := b.svc.InvoiceHistory(b.ctx, id)
	if err != nil {
		b.t.Fatal(err)
	}
	var out []string
	for _, e := range h {
		out = append(out, plainText(e.Message.Text()))
	}
	return out
}

// ledgerOf is what an invoice's money and status are, to compare before and after.
func ledgerOf(inv core.Invoice) string {
	return fmt.Sprintf("%s %s total %s paid %s %s", inv.Number, inv.DueDate, inv.Total, inv.Paid, inv.Status(core.Today(core.FixedClock(testNow))))
}

// plainText is s with no-break spaces (in amounts) as plain ones, to compare with.
func plainText(s string) string { return strings.ReplaceAll(s, "\u00a0", " ") }

// pay registers a payment typed in on an invoice and returns its record.
func (b *payBook) pay(number, amount string) core.PaymentRecord {
	b.t.Helper()
	if _, err := b.svc.RegisterPayment(b.ctx, core.Payment{InvoiceID: b.inv[number].ID, Amount: kr(amount), Date: payDate}); err != nil {
		b.t.Fatal(err)
	}
	ps := b.paymentsOf(number)
	return ps[len(ps)-1]
}

func TestUndoingAPaymentWritesAReversalAndReopensTheInvoice(t *testing.T) {
	b := newPayBook(t)
	p := b.pay("1001", "1000")
	if inv := b.invoiceNow("1001"); inv.Status(b.svc.Today()) != core.StatusPaid {
		t.Fatalf("paid in full: status %s", inv.Status(b.svc.Today()))
	}
	inv, err := b.svc.ReversePayment(b.ctx, p.ID, "  Fel faktura: betalningen avsåg 1002  ")
	if err != nil {
		t.Fatal(err)
	}
	if !inv.Balance().Equal(kr("1000")) || inv.Status(b.svc.Today()) != core.StatusOverdue {
		t.Errorf("after the undo: balance %s, status %s; want 1 000 and overdue again", inv.Balance(), inv.Status(b.svc.Today()))
	}
	ps := b.paymentsOf("1001")
	if len(ps) != 2 {
		t.Fatalf("payments %+v, want the payment kept and its reversal", ps)
	}
	orig, rev := ps[0], ps[1]
	if orig.ID != p.ID || orig.ReversedBy != rev.ID || orig.Kind != core.PaymentMoney {
		t.Errorf("the payment %+v is kept and names its reversal %d", orig, rev.ID)
	}
	if rev.Kind != core.PaymentReversal || rev.Reverses != p.ID || !rev.Amount.Equal(kr("-1000")) ||
		!rev.Parts.Principal.Equal(kr("-1000")) || !rev.Parts.Sum().Equal(rev.Amount) ||
		rev.Reason != "Fel faktura: betalningen avsåg 1002" || rev.Date != b.svc.Today() {
		t.Errorf("reversal %+v: every part negated, dated today, the reason trimmed", rev)
	}
	h := b.historyOf(inv.ID)
	if len(h) != 1 || h[0] != "Payment of 1 000,00 kr on 2026-11-24 undone: Fel faktura: betalningen avsåg 1002" {
		t.Errorf("history %q", h)
	}
}

// Refusals change nothing: the invoice, its payments and its history stay as they were.
func TestAPaymentThatCannotBeUndoneIsRefusedWithTheReasonAndNothingChanges(t *testing.T) {
	cases := []struct {
		name    string
		payment func(b *payBook) int64
		reason  string
		code    core.ErrorCode
		says    string
	}{
		{"an unknown payment", func(b *payBook) int64 { return 9999 }, "fel", core.ENOTFOUND, "There is no payment 9999"},
		{"a payment undone before", func(b *payBook) int64 {
			p := b.pay("1001", "400")
			if _, err := b.svc.ReversePayment(b.ctx, p.ID, "första gången"); err != nil {
				b.t.Fatal(err)
			}
			return p.ID
		}, "igen", core.ECONFLICT, "The payment of 400,00 kr on 2026-11-24 on invoice 1001 was undone before"},
		{"a reversal itself", func(b *payBook) int64 {
			p := b.pay("1001", "400")
			if _, err := b.svc.ReversePayment(b.ctx, p.ID, "första gången"); err != nil {
				b.t.Fatal(err)
			}
			return b.paymentsOf("1001")[1].ID
		}, "ångra ångringen", core.ECONFLICT, "This entry undoes a payment; it cannot be undone itself"},
		{"a payment reported to Amili", func(b *payBook) int64 { return b.pay("1006", "100").ID }, "fel",
			core.ECONFLICT, "is reported to Amili with the case of invoice 1006. Amili keeps the case's account itself"},
		{"an empty reason", func(b *payBook) int64 { return b.pay("1001", "400").ID }, "   ", core.EINVALID,
			"Give a reason: it is kept with the correction"},
		{"a reason of a whole page", func(b *payBook) int64 { return b.pay("1001", "400").ID }, strings.Repeat("lång ", 101),
			core.EINVALID, "The reason is too long: at most 500 characters"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := newPayBook(t)
			id := c.payment(b)
			before := map[string][]core.PaymentRecord{"1001": b.paymentsOf("1001"), "1006": b.paymentsOf("1006")}
			invBefore := map[string]string{"1001": ledgerOf(b.invoiceNow("1001")), "1006": ledgerOf(b.invoiceNow("1006"))}
			histBefore := len(b.historyOf(b.inv["1001"].ID))
			_, err := b.svc.ReversePayment(b.ctx, id, c.reason)
			wantCode(t, err, c.code)
			if got := plainText(core.AsError(err).Text()); !strings.Contains(got, c.says) {
				t.Errorf("message %q does not say %q", got, c.says)
			}
			for _, n := range []string{"1001", "1006"} {
				if got := b.paymentsOf(n); len(got) != len(before[n]) {
					t.Errorf("%s has %d payments after the refusal, %d before", n, len(got), len(before[n]))
				}
				if got := ledgerOf(b.invoiceNow(n)); got != invBefore[n] {
					t.Errorf("%s changed: %+v, was %+v", n, got, invBefore[n])
				}
			}
			if got := len(b.historyOf(b.inv["1001"].ID)); got != histBefore {
				t.Errorf("history grew from %d to %d lines", histBefore, got)
			}
		})
	}
}

// The bank file's payment keeps its key when it is undone, so the same file read
// again finds it registered before and registers nothing twice; the invoice stays
// open for the money to be registered where it belongs.
func TestABankFileReadAgainAfterAnUndoRegistersNothingTwice(t *testing.T) {
	b := newPayBook(t)
	file := bgmaxPaying(100000, b.ocr("1001"))
	imp := b.preview("bgmax.txt", file)
	if got := outcomes(imp); got != "full" {
		t.Fatalf("outcomes %s, want one full payment", got)
	}
	if _, err := b.svc.RegisterPayments(b.ctx, imp); err != nil {
		t.Fatal(err)
	}
	ps := b.paymentsOf("1001")
	if len(ps) != 1 || ps[0].Source != "bgmax.txt" || !ps[0].Amount.Equal(kr("1000")) {
		t.Fatalf("registered %+v", ps)
	}
	if _, err := b.svc.ReversePayment(b.ctx, ps[0].ID, "Betalningen var till fel faktura"); err != nil {
		t.Fatal(err)
	}
	again := b.preview("bgmax.txt", file)
	if got := outcomes(again); got != "imported" {
		t.Errorf("the file read again: outcomes %s, want imported (registered before)", got)
	}
	_, err := b.svc.RegisterPayments(b.ctx, again)
	wantCode(t, err, core.ECONFLICT)
	if inv := b.invoiceNow("1001"); !inv.Balance().Equal(kr("1000")) {
		t.Errorf("balance %s after the file came again, want 1 000 (nothing registered twice)", inv.Balance())
	}
	if got := len(b.paymentsOf("1001")); got != 2 {
		t.Errorf("%d payments rows, want the payment and its reversal", got)
	}
}
