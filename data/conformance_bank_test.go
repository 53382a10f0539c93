package data

import (
	"slices"
	"testing"
	"time"

	"paminn/core"
	"paminn/data/bankfile"
)

// A bank file on both engines (engines_test.go): matching it against the book,
// registering it once, the payments read back and undone, and the customer's credit
// it leaves, applied, refunded and given back.

// payNow is when the bank-file tests' desktops register: the day after the file's
// payments.
var payNow = time.Date(2025, 3, 16, 9, 0, 0, 0, time.UTC)

// ocrInvoice creates invoice number of customer c, total kronor, due 10 days ago, with
// an OCR reference made from its number.
func ocrInvoice(t *testing.T, s core.Store, c core.Customer, number, total string) core.Invoice {
	t.Helper()
	ocr, err := core.MakeOCR(number, true)
	if err != nil {
		t.Fatal(err)
	}
	inv, err := s.CreateInvoice(ctx, core.Invoice{Number: number, CustomerID: c.ID, InvoiceDate: today.AddDays(-40),
		DueDate: today.AddDays(-10), Total: kr(total), Currency: core.Currency, OCR: ocr})
	if err != nil {
		t.Fatal(err)
	}
	return inv
}

// bankDesk is a desktop on the book s that reads bank files: a Service whose company
// has bankgiro 5050-1055.
func bankDesk(t *testing.T, s core.Store) *core.Service {
	t.Helper()
	set, err := s.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	set.Company.Bankgiro = "5050-1055"
	if err := s.SaveSettings(ctx, set); err != nil {
		t.Fatal(err)
	}
	return core.NewService(s, core.Options{Clock: core.FixedClock(payNow), LettersDir: t.TempDir(), BankFiles: bankfile.Reader{}})
}

// bgmaxFile is a BGMax file into bankgiro 5050-1055 of pays, made today.
func bgmaxFile(serial int, pays ...core.BankPayment) []byte {
	return bankfile.WriteBGMax(payNow, "5050-1055", []bankfile.Deposit{{Date: today, Serial: serial, Payments: pays}})
}

// outcomesOf lists imp's outcomes in the file's order.
func outcomesOf(imp core.PaymentImport) []core.PaymentOutcome {
	var out []core.PaymentOutcome
	for _, r := range imp.Rows {
		out = append(out, r.Outcome)
	}
	return out
}

func TestEnginesABankFileIsMatchedRegisteredOnceAndItsSurplusKeptAsCredit(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		k1, k2 := mustCustomer(t, s, "K1", "Kund Ett"), mustCustomer(t, s, "K2", "Kund Två")
		a, b := ocrInvoice(t, s, k1, "1001", "1000"), ocrInvoice(t, s, k1, "1002", "1000")
		c := ocrInvoice(t, s, k2, "1003", "500")
		ocrInvoice(t, s, k2, "1004", "800")
		desk := bankDesk(t, s)
		file := bgmaxFile(1,
			core.BankPayment{Reference: a.OCR, Amount: kr("1000")},
			core.BankPayment{Reference: b.OCR, Amount: kr("400")},
			core.BankPayment{Message: "Avser faktura 1003", Amount: kr("600")},
			core.BankPayment{PayerName: "KUND  TVÅ", Amount: kr("800")}, // suggested: K2's open 800 kr
		)
		imp, err := desk.PreviewPaymentFile(ctx, "bg.txt", file)
		if err != nil {
			t.Fatal(err)
		}
		want := []core.PaymentOutcome{core.OutcomeFull, core.OutcomePartly, core.OutcomeOver, core.OutcomeSuggested}
		if got := outcomesOf(imp); !slices.Equal(got, want) {
			t.Fatalf("outcomes %v, want %v", got, want)
		}
		if got := imp.Rows[3].Invoice.Number; got != "1004" {
			t.Errorf("suggested invoice %q, want 1004 (K2's open invoice of the amount)", got)
		}
		res, err := desk.RegisterPayments(ctx, imp)
		if err != nil || res.Payments != 3 || !res.Amount.Equal(kr("1900")) || !res.Credits.Equal(kr("100")) {
			t.Fatalf("RegisterPayments = %+v, %v; want 3 payments of 1 900 kr and 100 kr credit", res, err)
		}
		for inv, balance := range map[core.Invoice]string{a: "0", b: "600", c: "0"} {
			if got, err := s.Invoice(ctx, inv.ID); err != nil || !got.Balance().Equal(kr(balance)) {
				t.Errorf("%s: balance %s (%v), want %s", inv.Number, got.Balance(), err, balance)
			}
		}
		credits, err := s.CustomerCredits(ctx)
		if err != nil || len(credits) != 1 || !credits[k2.ID].Equal(kr("100")) {
			t.Errorf("CustomerCredits = %v (%v), want K2's 100 kr", credits, err)
		}
		if credit, err := s.CustomerCredit(ctx, k1.ID); err != nil || !credit.IsZero() {
			t.Errorf("K1's credit %s (%v), want none", credit, err)
		}
		// The same file again registers nothing: every payment is known by its key.
		again, err := desk.PreviewPaymentFile(ctx, "bg-igen.txt", file)
		if err != nil {
			t.Fatal(err)
		}
		_, err = desk.RegisterPayments(ctx, again)
		wantCode(t, err, core.ECONFLICT)
		if ps, err := s.InvoicePayments(ctx, a.ID); err != nil || len(ps) != 1 {
			t.Errorf("1001's payments %+v (%v), want the first file's one", ps, err)
		}
	})
}

func TestEnginesPaymentLookupsFindInvoicesKeysAndTheSameMoneyInAnotherFile(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		k1, k2 := mustCustomer(t, s, "K1", "Kund Ett"), mustCustomer(t, s, "K2", "Kund Två")
		a, b := ocrInvoice(t, s, k1, "1001", "1000"), ocrInvoice(t, s, k1, "1002", "1000")
		paid := ocrInvoice(t, s, k1, "1000", "300")
		ocrInvoice(t, s, k2, "2001", "700")
		regs := []core.BankRegistration{
			{Payment: onPrincipal(core.Payment{InvoiceID: a.ID, Date: today, Amount: kr("250"), Source: "bg.txt", ExternalKey: "bg-1"}),
				BankRef: "ref-1"},
			{Payment: onPrincipal(core.Payment{InvoiceID: paid.ID, Date: today, Amount: kr("300"), Source: "bg.txt", ExternalKey: "bg-2"})},
			{Payment: core.Payment{Date: today, Source: "bg.txt", ExternalKey: "bg-3"}, CustomerID: k2.ID, Credit: kr("40"),
				BankRef: "ref-3"},
		}
		if err := s.RegisterBankPayments(ctx, regs, at("10:00")); err != nil {
			t.Fatal(err)
		}
		l, err := s.PaymentLookups(ctx, core.PaymentQuery{OCRs: []string{a.OCR, "", "999"}, Numbers: []string{"1002", "1001", "x"},
			Keys: []string{"bg-1", "bg-3", "bg-9"}, BankRefs: []string{"ref-1", "ref-3", "ref-9"}})
		if err != nil {
			t.Fatal(err)
		}
		var numbers []string
		for _, inv := range l.Invoices {
			numbers = append(numbers, inv.Number)
		}
		slices.Sort(numbers)
		if !slices.Equal(numbers, []string{a.Number, b.Number}) {
			t.Errorf("invoices %v, want 1001 (by OCR and number, once) and 1002", numbers)
		}
		if len(l.Registered) != 2 || !l.Registered["bg-1"] || !l.Registered["bg-3"] || len(l.Elsewhere) != 0 {
			t.Errorf("registered %v, elsewhere %v; want bg-1 and bg-3, nothing elsewhere", l.Registered, l.Elsewhere)
		}
		// Another file showing the same money under keys of its own.
		l, err = s.PaymentLookups(ctx, core.PaymentQuery{Keys: []string{"camt-1"}, BankRefs: []string{"ref-1", "ref-3", "ref-9"}})
		if err != nil || len(l.Registered) != 0 || len(l.Elsewhere) != 2 || l.Elsewhere["ref-1"] != 1 || l.Elsewhere["ref-3"] != 1 {
			t.Errorf("another file: registered %v, elsewhere %v (%v); want ref-1 and ref-3 once each", l.Registered, l.Elsewhere, err)
		}
		// Registering the file again writes nothing.
		wantCode(t, s.RegisterBankPayments(ctx, regs[1:], at("11:00")), core.ECONFLICT)
		if credit, err := s.CustomerCredit(ctx, k2.ID); err != nil || !credit.Equal(kr("40")) {
			t.Errorf("K2's credit %s (%v), want 40 once", credit, err)
		}
		open, err := s.OpenInvoicesOf(ctx, []int64{k1.ID, 999})
		if err != nil || len(open) != 2 || open[0].Number != "1001" || open[1].Number != "1002" {
			t.Errorf("OpenInvoicesOf K1 = %+v (%v), want 1001 and 1002, not the paid 1000", open, err)
		}
		ps, err := s.InvoicePayments(ctx, a.ID)
		if err != nil || len(ps) != 1 {
			t.Fatalf("1001's payments %+v (%v)", ps, err)
		}
		p, err := s.Payment(ctx, ps[0].ID)
		if err != nil || p.InvoiceID != a.ID || !p.Amount.Equal(kr("250")) || p.Source != "bg.txt" || p.Kind != core.PaymentMoney ||
			!p.Parts.Principal.Equal(kr("250")) || p.ReversedBy != 0 {
			t.Errorf("Payment = %+v (%v)", p, err)
		}
		_, err = s.Payment(ctx, 999)
		wantCode(t, err, core.ENOTFOUND)
	})
}

func TestEnginesACustomersCreditIsAppliedRefundedAndGivenBackByAnUndo(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		k := mustCustomer(t, s, "K1", "Kund Ett")
		inv := ocrInvoice(t, s, k, "1001", "1000")
		if err := s.RegisterBankPayments(ctx, []core.BankRegistration{{Payment: core.Payment{Date: today, Source: "bg.txt",
			ExternalKey: "bg-1"}, CustomerID: k.ID, Credit: kr("100")}}, at("09:00")); err != nil {
			t.Fatal(err)
		}
		wantCredit := func(want string) {
			t.Helper()
			if got, err := s.CustomerCredit(ctx, k.ID); err != nil || !got.Equal(kr(want)) {
				t.Fatalf("credit %s (%v), want %s", got, err, want)
			}
		}
		got, err := s.ApplyCredit(ctx, core.CreditUse{Kind: core.CreditApplied, CustomerID: k.ID, InvoiceID: inv.ID, Date: today,
			Amount: kr("40"), Parts: core.Parts{Principal: kr("40")}, History: core.Message{Template: "credit applied"}}, at("10:00"))
		if err != nil || !got.Balance().Equal(kr("960")) {
			t.Fatalf("ApplyCredit = balance %s, %v", got.Balance(), err)
		}
		wantCredit("60")
		if err := s.RefundCredit(ctx, core.CreditUse{Kind: core.CreditRefunded, CustomerID: k.ID, Date: today, Amount: kr("20"),
			Reason: "till kontot"}, at("11:00")); err != nil {
			t.Fatal(err)
		}
		wantCredit("40")
		ps, err := s.InvoicePayments(ctx, inv.ID)
		if err != nil || len(ps) != 1 || ps[0].Kind != core.PaymentFromCredit {
			t.Fatalf("payments %+v (%v), want the credit applied", ps, err)
		}
		// Undoing the payment from credit gives the credit back and the balance.
		got, err = s.ReversePayment(ctx, core.PaymentReversalRequest{PaymentID: ps[0].ID, Date: today, Reason: "fel faktura",
			History: core.Message{Template: "undone"}}, at("12:00"))
		if err != nil || !got.Balance().Equal(kr("1000")) {
			t.Fatalf("ReversePayment = balance %s, %v", got.Balance(), err)
		}
		wantCredit("80")
		if p, err := s.Payment(ctx, ps[0].ID); err != nil || p.ReversedBy == 0 {
			t.Errorf("the undone payment %+v (%v) does not name its reversal", p, err)
		}
		wantCode(t, s.RefundCredit(ctx, core.CreditUse{Kind: core.CreditRefunded, CustomerID: 999, Date: today, Amount: kr("1"),
			Reason: "x"}, at("12:00")), core.ENOTFOUND)
		wantHistory(t, s, inv.ID, "credit applied", "undone")
	})
}

func TestEnginesACreditNoteOnACaseWithAmiliIsQueuedForAmili(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		c := mustCustomer(t, s, "K1", "Anna AB")
		inv := mustInvoice(t, s, c, invoiceSpec{number: "1", dueIn: -60, total: "1000", amili: core.AmiliRegistered, caseRef: "case-1"})
		got, err := s.CreditInvoice(ctx, core.Credit{InvoiceID: inv.ID, Date: today, Amount: kr("150"), Number: "K-1",
			Reason: "rabatt", History: core.Message{Template: "credited"}}, at("10:00"))
		if err != nil || !got.Balance().Equal(kr("850")) {
			t.Fatalf("CreditInvoice = balance %s, %v", got.Balance(), err)
		}
		var kind, ref, uid, number string
		var amount, creditID int64
		err = dbOf(t, s).QueryRow(`SELECT a.kind, a.reference, a.amount_ore, a.credit_id, a.credit_number,
			(SELECT uid FROM book_identity) FROM amili_reports a WHERE a.invoice_id = ?`, inv.ID).Scan(&kind, &ref, &amount,
			&creditID, &number, &uid)
		if err != nil || kind != "crediting" || amount != 15000 || number != "K-1" || ref != "paminn-"+uid+"-credit-"+itoa(creditID) {
			t.Fatalf("report %s %q %d %q (%v), want the crediting of 15000 öre named by the book and the credit", kind, ref, amount, number, err)
		}
		wantHistory(t, s, inv.ID, "credited")
		_, err = s.CreditInvoice(ctx, core.Credit{InvoiceID: 999, Date: today, Amount: kr("1"), Number: "K-2"}, at("10:00"))
		wantCode(t, err, core.ENOTFOUND)
	})
}
