package core_test

import (
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"paminn/core"
	"paminn/data/bankfile"
	"paminn/data/testbook"
)

// payBook is a book whose company has bankgiro 5050-1055, with a service that reads
// bank files, and invoices 1001–1006 of customers "Kund K1" and "Kund K2".
type payBook struct {
	*book
	inv map[string]core.Invoice
}

func newPayBook(t *testing.T) *payBook {
	t.Helper()
	store := testbook.Fresh(t)
	setUpCompany(t, store)
	svc := core.NewService(store, core.Options{Clock: core.FixedClock(testNow), LettersDir: t.TempDir(), BankFiles: bankfile.Reader{}})
	b := &payBook{book: &book{t: t, svc: svc, store: store, ctx: t.Context()}, inv: map[string]core.Invoice{}}
	set, err := svc.Settings(b.ctx)
	if err != nil {
		t.Fatal(err)
	}
	set.Company.Bankgiro = "5050-1055"
	if err := svc.SaveSettings(b.ctx, set); err != nil {
		t.Fatal(err)
	}
	k1, k2 := b.customer("K1", false, ""), b.customer("K2", false, "")
	for _, x := range []struct {
		number string
		c      core.Customer
		total  int64
	}{{"1001", k1, 1000}, {"1002", k1, 1000}, {"1003", k1, 1000}, {"1004", k2, 500}, {"1005", k2, 800}} {
		b.inv[x.number] = b.invoice(x.number, x.c, "2026-10-31", x.total)
	}
	if _, err := svc.RegisterPayment(b.ctx, core.Payment{InvoiceID: b.inv["1004"].ID, Amount: kr("500"), Date: core.MustDate("2026-11-01")}); err != nil {
		t.Fatal(err)
	}
	// 1006 came into the book already handed over: it has an open case at Amili.
	ocr, err := core.MakeOCR("1006", true)
	if err != nil {
		t.Fatal(err)
	}
	due := core.MustDate("2026-10-31")
	_, err = store.Import(b.ctx, nil, []core.ImportInvoice{{CustomerNumber: "K2", Invoice: core.Invoice{Number: "1006",
		InvoiceDate: due.AddDays(-30), DueDate: due, Total: kr("300"), Currency: "SEK", OCR: ocr,
		AmiliState: core.AmiliRegistered, AmiliCaseRef: "case-1006", AmiliEnv: core.AmiliSandbox}}})
	if err != nil {
		t.Fatal(err)
	}
	p, err := svc.ListInvoices(b.ctx, core.InvoiceQuery{Search: "1006"})
	if err != nil || len(p.Invoices) != 1 {
		t.Fatalf("1006: %+v (%v)", p, err)
	}
	b.inv["1006"] = p.Invoices[0]
	return b
}

func (b *payBook) ocr(number string) string { return b.inv[number].OCR }

var payDate = core.MustDate("2026-11-24")

// bgmax writes a BGMax file of payments into the company's bankgiro, deposit serial 1.
func (b *payBook) bgmax(pays ...core.BankPayment) []byte {
	return bankfile.WriteBGMax(time.Date(2026, 11, 25, 6, 0, 0, 0, time.UTC), "5050-1055",
		[]bankfile.Deposit{{Date: payDate, Serial: 1, Payments: pays}})
}

func (b *payBook) preview(name string, content []byte) core.PaymentImport {
	b.t.Helper()
	imp, err := b.svc.PreviewPaymentFile(b.ctx, name, content)
	if err != nil {
		b.t.Fatal(err)
	}
	return imp
}

func outcomes(imp core.PaymentImport) string {
	var s []string
	for _, r := range imp.Rows {
		s = append(s, string(r.Outcome))
	}
	return strings.Join(s, " ")
}

// everyKind is a BGMax file with one payment of each outcome.
func (b *payBook) everyKind() []byte {
	return b.bgmax(
		core.BankPayment{Reference: b.ocr("1001"), Amount: kr("1000")},                     // full, by OCR
		core.BankPayment{Reference: b.ocr("1002"), Amount: kr("400")},                      // partly
		core.BankPayment{Reference: "", Message: "Avser faktura 1003", Amount: kr("1250")}, // over, by number in the message
		core.BankPayment{Reference: b.ocr("1004"), Amount: kr("500")},                      // already paid
		core.BankPayment{Reference: "999999999999999997", Amount: kr("75")},                // no match
		core.BankPayment{Reference: b.ocr("1006"), Amount: kr("300")},                      // with Amili
		core.BankPayment{Reference: "KREDIT 5", Amount: kr("-50")},                         // deduction
		core.BankPayment{Reference: "", PayerName: "KUND  k2", Amount: kr("800")},          // suggestion: K2's open 800 kr
	)
}

func TestThePreviewGivesEveryPaymentItsMatchAndOutcomeWithTotalsThatMakeTheFilesTotal(t *testing.T) {
	b := newPayBook(t)
	imp := b.preview("bgmax.txt", b.everyKind())
	if got := outcomes(imp); got != "full partly over already_paid no_match amili deduction suggested" {
		t.Fatalf("outcomes = %s", got)
	}
	if imp.Rows[0].Match != core.MatchOCR || imp.Rows[2].Match != core.MatchNumber || imp.Rows[7].Match != core.MatchSuggestion ||
		imp.Rows[7].Invoice.Number != "1005" {
		t.Errorf("matches = %+v", imp.Rows)
	}
	if over := imp.Rows[2]; !over.Applied.Equal(kr("1000")) || !over.Credit.Equal(kr("250")) {
		t.Errorf("overpayment applies %s and keeps %s as credit", over.Applied, over.Credit)
	}
	if paid := imp.Rows[3]; !paid.Credit.Equal(kr("500")) {
		t.Errorf("a payment of a paid invoice keeps %s as credit, want all 500", paid.Credit)
	}
	sum := decimal.Zero
	for _, tot := range imp.Totals {
		sum = sum.Add(tot.Amount)
	}
	if !sum.Equal(imp.File.Total) || !imp.File.Total.Equal(kr("4275")) {
		t.Errorf("totals add up to %s, the file's total is %s", sum, imp.File.Total)
	}
	if tot := imp.Total(core.OutcomeNoMatch); tot.Count != 1 || !tot.Amount.Equal(kr("75")) {
		t.Errorf("no-match total = %+v", tot)
	}
	if imp.ToRegister() != 5 {
		t.Errorf("%d to register, want 5 (the suggestion waits for confirmation)", imp.ToRegister())
	}
}

func TestRegisteringWritesEveryPaymentAndCreditOnceAndNotifiesOnce(t *testing.T) {
	b := newPayBook(t)
	var notified atomic.Int32
	b.svc.OnChange(func() { notified.Add(1) })
	imp := b.preview("bgmax.txt", b.everyKind())
	imp.Choices = map[string]core.PaymentChoice{imp.Rows[7].Payment.Key: {Confirm: true}}
	imp, err := b.svc.PlanPayments(b.ctx, imp)
	if err != nil {
		t.Fatal(err)
	}
	res, err := b.svc.RegisterPayments(b.ctx, imp)
	if err != nil {
		t.Fatal(err)
	}
	// full 1000 + partly 400 + over 1000 + Amili 300 + confirmed 800; credits 250 + 500.
	if res.Payments != 5 || !res.Amount.Equal(kr("3500")) || !res.Credits.Equal(kr("750")) || res.Amili != 1 {
		t.Errorf("result = %+v", res)
	}
	if n := notified.Load(); n != 1 {
		t.Errorf("the change notification fired %d times, want once", n)
	}
	for number, balance := range map[string]string{"1001": "0", "1002": "600", "1003": "0", "1005": "0", "1006": "0"} {
		inv, err := b.svc.Invoice(b.ctx, b.inv[number].ID)
		if err != nil {
			t.Fatal(err)
		}
		if !inv.Balance().Equal(kr(balance)) {
			t.Errorf("invoice %s balance %s, want %s", number, inv.Balance(), balance)
		}
	}
	pays, err := b.svc.InvoicePayments(b.ctx, b.inv["1002"].ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(pays) != 1 || pays[0].Date != payDate || !pays[0].Amount.Equal(kr("400")) || pays[0].Source != "bgmax.txt" {
		t.Errorf("invoice 1002's payments = %+v", pays)
	}
	credits, err := b.svc.CustomerCredits(b.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if k1, k2 := credits[b.inv["1003"].CustomerID], credits[b.inv["1004"].CustomerID]; !k1.Equal(kr("250")) || !k2.Equal(kr("500")) {
		t.Errorf("customer credits K1 %s, K2 %s; want the 250 kr overpaid and the 500 kr paid again", k1, k2)
	}
	cands, err := b.svc.ReminderCandidates(b.ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cands {
		if n := c.Invoice.Number; n == "1001" || n == "1003" || n == "1005" {
			t.Errorf("paid invoice %s is still a reminder candidate", n)
		}
	}
}

func TestTheSameFileOrAnOverlappingOneRegistersNothingTwice(t *testing.T) {
	b := newPayBook(t)
	first := core.BankPayment{Reference: b.ocr("1001"), Amount: kr("300")}
	file := b.bgmax(first)
	if _, err := b.svc.RegisterPayments(b.ctx, b.preview("a.txt", file)); err != nil {
		t.Fatal(err)
	}
	again := b.preview("a-copy.txt", file)
	if !again.NothingNew() || outcomes(again) != "imported" {
		t.Fatalf("the same file again: %s", outcomes(again))
	}
	if _, err := b.svc.RegisterPayments(b.ctx, again); core.ErrorCodeOf(err) != core.ECONFLICT ||
		!strings.Contains(err.Error(), "registered before") {
		t.Errorf("registering it again: %v", err)
	}
	// The bank's next file repeats the first payment (same date, deposit and serial) and adds one.
	overlap := b.bgmax(first, core.BankPayment{Reference: b.ocr("1001"), Amount: kr("200")})
	imp := b.preview("b.txt", overlap)
	if outcomes(imp) != "imported partly" {
		t.Fatalf("overlapping file: %s", outcomes(imp))
	}
	if _, err := b.svc.RegisterPayments(b.ctx, imp); err != nil {
		t.Fatal(err)
	}
	inv, _ := b.svc.Invoice(b.ctx, b.inv["1001"].ID)
	if !inv.Paid.Equal(kr("500")) {
		t.Errorf("paid %s, want 300 + 200", inv.Paid)
	}
}

func TestAFileForAnotherBankgiroIsRefusedNamingTheLine(t *testing.T) {
	b := newPayBook(t)
	file := bankfile.WriteBGMax(time.Now(), "123-4567", []bankfile.Deposit{{Date: payDate, Serial: 1,
		Payments: []core.BankPayment{{Reference: b.ocr("1001"), Amount: kr("1000")}}}})
	_, err := b.svc.PreviewPaymentFile(b.ctx, "other.txt", file)
	if core.ErrorCodeOf(err) != core.EINVALID || !strings.Contains(err.Error(), "other.txt, line 2: the file is for bankgiro 1234567") {
		t.Errorf("err = %v", err)
	}
}

func TestTheUserCanRematchOrSkipARow(t *testing.T) {
	b := newPayBook(t)
	imp := b.preview("bgmax.txt", b.bgmax(
		core.BankPayment{Reference: "999999999999999997", Amount: kr("1000")},
		core.BankPayment{Reference: b.ocr("1001"), Amount: kr("1000")},
	))
	imp.Choices = map[string]core.PaymentChoice{
		imp.Rows[0].Payment.Key: {InvoiceNumber: "1002"},
		imp.Rows[1].Payment.Key: {Skip: true},
	}
	imp, err := b.svc.PlanPayments(b.ctx, imp)
	if err != nil {
		t.Fatal(err)
	}
	if outcomes(imp) != "full skipped" || imp.Rows[0].Match != core.MatchChosen || imp.Rows[0].Invoice.Number != "1002" {
		t.Fatalf("after re-match and skip: %s %+v", outcomes(imp), imp.Rows[0])
	}
	if _, err := b.svc.RegisterPayments(b.ctx, imp); err != nil {
		t.Fatal(err)
	}
	inv, _ := b.svc.Invoice(b.ctx, b.inv["1001"].ID)
	if !inv.Paid.IsZero() {
		t.Errorf("the skipped payment was registered")
	}
}

func TestACamt054FileIsPreviewedLikeABGMaxFile(t *testing.T) {
	b := newPayBook(t)
	file := bankfile.WriteCamt054(time.Date(2026, 11, 25, 6, 0, 0, 0, time.UTC), "M1", "5050-1055", []core.BankPayment{
		{Key: "E1", Date: payDate, Amount: kr("1000"), Reference: b.ocr("1001")},
		{Key: "E2", Date: payDate, Amount: kr("100"), Message: "Faktura 1002"},
	})
	imp := b.preview("camt.xml", file)
	if outcomes(imp) != "full partly" {
		t.Errorf("outcomes = %s", outcomes(imp))
	}
}

func TestRegisteringIsAllOrNothing(t *testing.T) {
	b := newPayBook(t)
	ok := core.BankRegistration{Payment: core.Payment{InvoiceID: b.inv["1001"].ID, Date: payDate, Amount: kr("100"), Source: "x", ExternalKey: "k1",
		Parts: core.Parts{Principal: kr("100")}}}
	tooMuch := core.BankRegistration{Payment: core.Payment{InvoiceID: b.inv["1002"].ID, Date: payDate, Amount: kr("5000"), Source: "x", ExternalKey: "k2",
		Parts: core.Parts{Principal: kr("5000")}}}
	if err := b.store.RegisterBankPayments(b.ctx, []core.BankRegistration{ok, tooMuch}, testNow); core.ErrorCodeOf(err) != core.ECONFLICT {
		t.Fatalf("err = %v, want ECONFLICT", err)
	}
	inv, _ := b.svc.Invoice(b.ctx, b.inv["1001"].ID)
	if !inv.Paid.IsZero() {
		t.Errorf("the first payment was written although the second failed")
	}
}

func TestAPaymentDatedBeforeAReminderFlagsTheReminder(t *testing.T) {
	b := newPayBook(t)
	res, err := b.svc.SendReminders(b.ctx, core.ReminderRequest{Type: core.ReminderManual,
		InvoiceIDs: []int64{b.inv["1001"].ID, b.inv["1002"].ID, b.inv["1003"].ID}, IdempotencyKey: "k"})
	if err != nil {
		t.Fatal(err)
	}
	// Paid on 24 November, two days before the reminders of 26 November; read from the bank on the 27th.
	imp := b.preview("bgmax.txt", b.bgmax(
		core.BankPayment{Reference: b.ocr("1001"), Amount: kr("1000")},
		core.BankPayment{Reference: b.ocr("1002"), Amount: kr("250")},
	))
	if _, err := b.svc.RegisterPayments(b.ctx, imp); err != nil {
		t.Fatal(err)
	}
	rs, err := b.svc.BatchReminders(b.ctx, res.Batch.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]core.PaidBefore{"1001": core.PaidBeforeFull, "1002": core.PaidBeforePartly, "1003": core.PaidBeforeNone}
	for _, r := range rs {
		if got := r.PaidBeforeReminder(); got != want[r.InvoiceNumber] {
			t.Errorf("reminder of %s: paid before = %q, want %q", r.InvoiceNumber, got, want[r.InvoiceNumber])
		}
	}
}

func TestTheBookRefusesAPaymentKeyTwice(t *testing.T) {
	b := newPayBook(t)
	reg := core.BankRegistration{Payment: core.Payment{InvoiceID: b.inv["1001"].ID, Date: payDate, Amount: kr("100"), Source: "x", ExternalKey: "bgmax:1:2026-11-24:1:1",
		Parts: core.Parts{Principal: kr("100")}}}
	if err := b.store.RegisterBankPayments(b.ctx, []core.BankRegistration{reg}, testNow); err != nil {
		t.Fatal(err)
	}
	if err := b.store.RegisterBankPayments(b.ctx, []core.BankRegistration{reg}, testNow); core.ErrorCodeOf(err) != core.ECONFLICT {
		t.Errorf("the same key again: %v, want ECONFLICT from the UNIQUE index", err)
	}
	credit := core.BankRegistration{Payment: core.Payment{Date: payDate, Source: "x", ExternalKey: "c1"}, CustomerID: b.inv["1001"].CustomerID, Credit: kr("5")}
	if err := b.store.RegisterBankPayments(b.ctx, []core.BankRegistration{credit}, testNow); err != nil {
		t.Fatal(err)
	}
	if err := b.store.RegisterBankPayments(b.ctx, []core.BankRegistration{credit}, testNow); core.ErrorCodeOf(err) != core.ECONFLICT {
		t.Errorf("the same credit again: %v, want ECONFLICT", err)
	}
}

// One BGMax payment may name several invoices: the payment record's reference and
// extra reference records (22) — as in Bankgirot's example file of a payment with
// extra references. It pays them in order, each up to its balance.
func TestAPaymentNamingSeveralInvoicesPaysThemInOrder(t *testing.T) {
	b := newPayBook(t)
	file := b.bgmax(core.BankPayment{Reference: b.ocr("1001"), Extra: []string{b.ocr("1002"), "1003"}, Amount: kr("2500")})
	imp := b.preview("multi.txt", file)
	r := imp.Rows[0]
	if r.Outcome != core.OutcomePartly || strings.Join(r.Numbers(), ",") != "1001,1002,1003" || !r.Applied.Equal(kr("2500")) {
		t.Fatalf("row = %s %v applied %s", r.Outcome, r.Numbers(), r.Applied)
	}
	if _, err := b.svc.RegisterPayments(b.ctx, imp); err != nil {
		t.Fatal(err)
	}
	for number, balance := range map[string]string{"1001": "0", "1002": "0", "1003": "500"} {
		inv, _ := b.svc.Invoice(b.ctx, b.inv[number].ID)
		if !inv.Balance().Equal(kr(balance)) {
			t.Errorf("invoice %s balance %s, want %s", number, inv.Balance(), balance)
		}
	}
	if again := b.preview("multi.txt", file); outcomes(again) != "imported" {
		t.Errorf("the same file again: %s", outcomes(again))
	}
}

func TestNothingIsRegisteredWhenTheBookChangedSinceThePreview(t *testing.T) {
	b := newPayBook(t)
	imp := b.preview("bgmax.txt", b.bgmax(core.BankPayment{Reference: b.ocr("1001"), Amount: kr("1000")}))
	// Typed in by hand while the preview was open.
	if _, err := b.svc.RegisterPayment(b.ctx, core.Payment{InvoiceID: b.inv["1001"].ID, Amount: kr("1000")}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.svc.RegisterPayments(b.ctx, imp); core.ErrorCodeOf(err) != core.ECONFLICT || !strings.Contains(err.Error(), "changed since the preview") {
		t.Fatalf("err = %v", err)
	}
	credits, _ := b.svc.CustomerCredits(b.ctx)
	if len(credits) != 0 {
		t.Errorf("credits %v written from a stale preview", credits)
	}
}

func TestARematchToAnInvoiceThatDoesNotExistIsRefused(t *testing.T) {
	b := newPayBook(t)
	imp := b.preview("bgmax.txt", b.bgmax(core.BankPayment{Reference: b.ocr("1001"), Amount: kr("10")}))
	imp.Choices = map[string]core.PaymentChoice{imp.Rows[0].Payment.Key: {InvoiceNumber: "4711"}}
	if _, err := b.svc.PlanPayments(b.ctx, imp); core.ErrorCodeOf(err) != core.ENOTFOUND || !strings.Contains(err.Error(), "4711") {
		t.Errorf("err = %v", err)
	}
}
