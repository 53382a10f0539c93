package core_test

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"paminn/core"
	"paminn/data/amili"
	"paminn/data/bankfile"
	"paminn/data/testbook"
)

// changeBook is a delivery book (Amili activated, letters, a keyring) with an invoice
// due a month ago and a second service on the same book without a keyring or
// channels, to fail on. It counts the OnChange calls of both services.
type changeBook struct {
	*deliveryBook
	bare    *core.Service
	inv     core.Invoice
	calls   int
	counted bool
}

func newChangeBook(t *testing.T) *changeBook {
	t.Helper()
	b := &changeBook{deliveryBook: newDeliveryBook(t)}
	b.bare = core.NewService(b.store, core.Options{Clock: core.FixedClock(testNow)})
	b.inv = b.invoice("1001", b.customer("K1", true, ""), "2026-10-26", 1000)
	return b
}

// count starts counting the OnChange calls, after the setup's own changes.
func (b *changeBook) count() {
	b.counted = true
	for _, svc := range []*core.Service{b.svc, b.bare} {
		stop := svc.OnChange(func() { b.calls++ })
		b.t.Cleanup(stop)
	}
}

// handedOver hands the invoice over to Amili and delivers it: it has a case.
func (b *changeBook) handedOver() core.Invoice {
	b.t.Helper()
	b.send(core.ReminderAmili, b.inv)
	if _, err := b.svc.DeliverPending(b.ctx); err != nil {
		b.t.Fatal(err)
	}
	inv, err := b.svc.Invoice(b.ctx, b.inv.ID)
	if err != nil || inv.AmiliCaseRef == "" {
		b.t.Fatalf("no case for %s (%v)", inv.Number, err)
	}
	return inv
}

// failedReminder is the ID of a reminder whose delivery failed.
func (b *changeBook) failedReminder() int64 {
	b.t.Helper()
	res := b.send(core.ReminderAmili, b.inv)
	b.sandbox.FailNext(1, amili.FailServerError)
	if rep, err := b.svc.DeliverPending(b.ctx); err != nil || rep.Failed != 1 {
		b.t.Fatalf("delivery %+v (%v), want one failure", rep, err)
	}
	return b.reminders(res.Batch.ID)[0].ID
}

// failedReport is the ID of a report to Amili that failed: the upload of the
// original invoice, attached once the invoice had its case, when Amili answered 500.
func (b *changeBook) failedReport() int64 {
	b.t.Helper()
	b.handedOver()
	if _, err := b.svc.AttachInvoicePDF(b.ctx, b.inv.ID, b.pdf()); err != nil {
		b.t.Fatal(err)
	}
	b.sandbox.FailNext(1, amili.FailServerError)
	if rep, err := b.svc.DeliverPending(b.ctx); err != nil || rep.Failed != 1 {
		b.t.Fatalf("delivery %+v (%v), want the upload failed", rep, err)
	}
	rs, err := b.svc.AmiliReports(b.ctx)
	if err != nil {
		b.t.Fatal(err)
	}
	for _, r := range rs {
		if r.State == core.DeliveryFailed {
			return r.ID
		}
	}
	b.t.Fatalf("no failed report among %+v", rs)
	return 0
}

func (b *changeBook) pdf() string {
	b.t.Helper()
	path := filepath.Join(b.t.TempDir(), "1001.pdf")
	if err := os.WriteFile(path, []byte("%PDF-1.4\n"), 0o600); err != nil {
		b.t.Fatal(err)
	}
	return path
}

func (b *changeBook) settings() core.Settings {
	b.t.Helper()
	set, err := b.svc.Settings(b.ctx)
	if err != nil {
		b.t.Fatal(err)
	}
	return set
}

// bankFile is a BGMax file paying 100 kr of the invoice, into the company's bankgiro.
func (b *changeBook) bankFile() core.PaymentImport {
	b.t.Helper()
	set := b.settings()
	set.Company.Bankgiro = "5050-1055"
	if err := b.svc.SaveSettings(b.ctx, set); err != nil {
		b.t.Fatal(err)
	}
	file := bankfile.WriteBGMax(testNow, "5050-1055", []bankfile.Deposit{{Date: b.svc.Today(), Serial: 1,
		Payments: []core.BankPayment{{Reference: b.inv.Number, Message: "Faktura " + b.inv.Number, Amount: kr("100")}}}})
	imp, err := b.svc.PreviewPaymentFile(b.ctx, "bg.txt", file)
	if err != nil {
		b.t.Fatal(err)
	}
	return imp
}

func ignore[T any](_ T, err error) error { return err }

// A change is one of the Service's methods that changes something: ok calls it so it
// succeeds (after whatever setup it needs), fail so it fails and changes nothing.
type change struct {
	method   string
	ok, fail func(b *changeBook) error
}

// changes lists every method of the Service that changes something. A method that
// changes nothing is in readOnly instead.
var changes = []change{
	{"SaveCustomer", func(b *changeBook) error {
		b.count()
		return ignore(b.svc.SaveCustomer(b.ctx, core.Customer{Number: "K9", Name: "Ny Kund AB"}))
	}, func(b *changeBook) error {
		b.count()
		return ignore(b.svc.SaveCustomer(b.ctx, core.Customer{Name: "Utan nummer"}))
	}},
	{"SaveCustomer", func(b *changeBook) error { // an update
		cs, err := b.svc.Customers(b.ctx)
		if err != nil {
			return err
		}
		cs[0].Name = "Nytt Namn AB"
		b.count()
		return ignore(b.svc.SaveCustomer(b.ctx, cs[0]))
	}, func(b *changeBook) error {
		b.count()
		return ignore(b.svc.SaveCustomer(b.ctx, core.Customer{ID: 999, Number: "K8", Name: "Finns inte"}))
	}},
	{"CreateInvoice", func(b *changeBook) error {
		inv := b.inv
		inv.ID, inv.Number, inv.OCR = 0, "1002", ""
		b.count()
		return ignore(b.svc.CreateInvoice(b.ctx, inv))
	}, func(b *changeBook) error {
		inv := b.inv
		inv.ID, inv.OCR = 0, "" // its number is taken
		b.count()
		return ignore(b.svc.CreateInvoice(b.ctx, inv))
	}},
	{"ImportCustomersCSV", func(b *changeBook) error {
		b.count()
		return ignore(b.svc.ImportCustomersCSV(b.ctx, strings.NewReader("number;name\nK7;Sju AB\n")))
	}, func(b *changeBook) error {
		b.count()
		return ignore(b.svc.ImportCustomersCSV(b.ctx, strings.NewReader("number;name\n;Utan nummer\n")))
	}},
	{"ImportInvoicesCSV", func(b *changeBook) error {
		b.count()
		return ignore(b.svc.ImportInvoicesCSV(b.ctx, strings.NewReader(
			"number;customer_number;invoice_date;due_date;total\n2001;K1;2026-10-01;2026-10-31;500\n")))
	}, func(b *changeBook) error {
		b.count()
		return ignore(b.svc.ImportInvoicesCSV(b.ctx, strings.NewReader(
			"number;customer_number;invoice_date;due_date;total\n2001;K404;2026-10-01;2026-10-31;500\n")))
	}},
	{"ImportFile", func(b *changeBook) error {
		b.count()
		return ignore(b.svc.ImportFile(b.ctx, core.ImportCustomers, []byte("Nr;Firma\nK8;Åtta AB\n"),
			core.ColumnMapping{"number": 0, "name": 1}))
	}, func(b *changeBook) error {
		b.count()
		return ignore(b.svc.ImportFile(b.ctx, core.ImportCustomers, []byte("Nr;Firma\n;Utan nummer\n"),
			core.ColumnMapping{"number": 0, "name": 1}))
	}},
	{"CreateInterestInvoices", func(b *changeBook) error {
		if _, err := b.svc.RegisterPayment(b.ctx, core.Payment{InvoiceID: b.inv.ID, Amount: b.inv.Total}); err != nil {
			return err // paid in full today, a month late
		}
		b.count()
		return ignore(b.svc.CreateInterestInvoices(b.ctx, []int64{b.inv.ID}))
	}, func(b *changeBook) error {
		b.count()
		return ignore(b.svc.CreateInterestInvoices(b.ctx, []int64{b.inv.ID, b.inv.ID}))
	}},
	{"RegisterPayment", func(b *changeBook) error {
		b.count()
		return ignore(b.svc.RegisterPayment(b.ctx, core.Payment{InvoiceID: b.inv.ID, Amount: kr("100")}))
	}, func(b *changeBook) error {
		b.count()
		return ignore(b.svc.RegisterPayment(b.ctx, core.Payment{InvoiceID: b.inv.ID, Amount: kr("5000")}))
	}},
	{"WaiveCharges", func(b *changeBook) error {
		testbook.Charge(b.t, b.store, b.inv.ID, core.MustDate("2026-11-10"), core.Parts{Fee: kr("60")})
		b.count()
		return ignore(b.svc.WaiveCharges(b.ctx, []int64{b.inv.ID}, "Goodwill"))
	}, func(b *changeBook) error {
		b.count()
		return ignore(b.svc.WaiveCharges(b.ctx, []int64{b.inv.ID}, " "))
	}},
	{"PauseInvoice", func(b *changeBook) error {
		b.count()
		return ignore(b.svc.PauseInvoice(b.ctx, core.Pause{InvoiceID: b.inv.ID, Reason: core.PauseDispute}))
	}, func(b *changeBook) error {
		b.count()
		return ignore(b.svc.PauseInvoice(b.ctx, core.Pause{InvoiceID: b.inv.ID}))
	}},
	{"Unpause", func(b *changeBook) error {
		if _, err := b.svc.PauseInvoice(b.ctx, core.Pause{InvoiceID: b.inv.ID, Reason: core.PausePlan}); err != nil {
			return err
		}
		b.count()
		return b.svc.Unpause(b.ctx, b.inv.ID, 0)
	}, func(b *changeBook) error {
		b.count()
		return b.svc.Unpause(b.ctx, b.inv.ID, 0)
	}},
	{"EndExpiredPauses", func(b *changeBook) error {
		// A pause whose end date passed yesterday, written past the service's check.
		if _, err := b.store.StartPause(b.ctx, core.Pause{InvoiceID: b.inv.ID, Reason: core.PausePlan,
			Until: core.MustDate("2026-11-25"), Started: testNow}); err != nil {
			return err
		}
		b.count()
		return ignore(b.svc.EndExpiredPauses(b.ctx))
	}, func(b *changeBook) error { // no pause has passed its end date: nothing changes
		b.count()
		n, err := b.svc.EndExpiredPauses(b.ctx)
		if err == nil && n == 0 {
			err = errNothing
		}
		return err
	}},
	{"RegisterPayments", func(b *changeBook) error {
		imp := b.bankFile()
		b.count()
		return ignore(b.svc.RegisterPayments(b.ctx, imp))
	}, func(b *changeBook) error {
		b.count()
		return ignore(b.svc.RegisterPayments(b.ctx, core.PaymentImport{}))
	}},
	{"CreditInvoice", func(b *changeBook) error {
		b.count()
		return ignore(b.svc.CreditInvoice(b.ctx, core.Credit{InvoiceID: b.inv.ID, Amount: kr("100"), Reason: "Rabatt"}))
	}, func(b *changeBook) error {
		b.count()
		return ignore(b.svc.CreditInvoice(b.ctx, core.Credit{InvoiceID: b.inv.ID, Amount: kr("5000"), Reason: "Rabatt"}))
	}},
	{"ReversePayment", func(b *changeBook) error {
		id := b.paymentOf(b.inv)
		b.count()
		return ignore(b.svc.ReversePayment(b.ctx, id, "Fel faktura"))
	}, func(b *changeBook) error {
		id := b.paymentOf(b.inv)
		b.count()
		return ignore(b.svc.ReversePayment(b.ctx, id, ""))
	}},
	{"ApplyCredit", func(b *changeBook) error {
		b.creditOf(b.inv)
		b.count()
		return ignore(b.svc.ApplyCredit(b.ctx, b.inv.CustomerID, b.inv.ID, kr("10")))
	}, func(b *changeBook) error {
		b.creditOf(b.inv)
		b.count()
		return ignore(b.svc.ApplyCredit(b.ctx, b.inv.CustomerID, b.inv.ID, kr("60")))
	}},
	{"RefundCredit", func(b *changeBook) error {
		b.creditOf(b.inv)
		b.count()
		return b.svc.RefundCredit(b.ctx, b.inv.CustomerID, kr("10"), "Återbetalt")
	}, func(b *changeBook) error {
		b.creditOf(b.inv)
		b.count()
		return b.svc.RefundCredit(b.ctx, b.inv.CustomerID, kr("10"), "")
	}},
	{"UpdateInvoice", func(b *changeBook) error {
		edit := b.inv
		edit.Total = kr("1100")
		b.count()
		return ignore(b.svc.UpdateInvoice(b.ctx, edit))
	}, func(b *changeBook) error {
		edit := b.inv
		edit.Total = kr("0")
		b.count()
		return ignore(b.svc.UpdateInvoice(b.ctx, edit))
	}},
	{"DeleteInvoice", func(b *changeBook) error {
		b.count()
		return b.svc.DeleteInvoice(b.ctx, b.inv.ID)
	}, func(b *changeBook) error {
		b.paymentOf(b.inv)
		b.count()
		return b.svc.DeleteInvoice(b.ctx, b.inv.ID)
	}},
	{"AttachInvoicePDF", func(b *changeBook) error {
		pdf := b.pdf()
		b.count()
		return ignore(b.svc.AttachInvoicePDF(b.ctx, b.inv.ID, pdf))
	}, func(b *changeBook) error {
		pdf := b.pdf()
		b.count()
		return ignore(b.svc.AttachInvoicePDF(b.ctx, 999, pdf))
	}},
	{"SendReminders", func(b *changeBook) error {
		b.count()
		return ignore(b.svc.SendReminders(b.ctx, core.ReminderRequest{Type: core.ReminderManual,
			InvoiceIDs: []int64{b.inv.ID}, IdempotencyKey: core.NewIdempotencyKey()}))
	}, func(b *changeBook) error {
		b.count()
		return ignore(b.svc.SendReminders(b.ctx, core.ReminderRequest{Type: core.ReminderManual,
			InvoiceIDs: []int64{999}, IdempotencyKey: core.NewIdempotencyKey()}))
	}},
	{"DeliverPending", func(b *changeBook) error {
		b.send(core.ReminderManual, b.inv)
		b.count()
		return ignore(b.svc.DeliverPending(b.ctx))
	}, func(b *changeBook) error { // the queue is empty: nothing to deliver, nothing changes
		b.count()
		_, err := b.svc.DeliverPending(b.ctx)
		if err == nil {
			err = errNothing
		}
		return err
	}},
	{"RetryReminder", func(b *changeBook) error {
		id := b.failedReminder()
		b.count()
		return b.svc.RetryReminder(b.ctx, id)
	},
		func(b *changeBook) error {
			b.count()
			return b.svc.RetryReminder(b.ctx, 999)
		}},
	{"RetryFailedReminders", func(b *changeBook) error {
		b.failedReminder()
		b.count()
		_, err := b.svc.RetryFailedReminders(b.ctx)
		return err
	},
		func(b *changeBook) error {
			b.failedReminder()
			ctx, cancel := context.WithCancel(b.ctx)
			cancel()
			b.count()
			_, err := b.svc.RetryFailedReminders(ctx)
			return err
		}},
	{"RetryAmiliReport", func(b *changeBook) error {
		id := b.failedReport()
		b.count()
		return b.svc.RetryAmiliReport(b.ctx, id)
	},
		func(b *changeBook) error {
			b.count()
			return b.svc.RetryAmiliReport(b.ctx, 999)
		}},
	{"WithdrawFromAmili", func(b *changeBook) error {
		inv := b.handedOver()
		b.count()
		return b.svc.WithdrawFromAmili(b.ctx, inv.ID)
	},
		func(b *changeBook) error {
			b.count()
			return b.svc.WithdrawFromAmili(b.ctx, b.inv.ID)
		}}, // it has no case
	{"SyncAmili", func(b *changeBook) error {
		inv := b.handedOver()
		b.sandbox.SetCaseState(inv.AmiliCaseRef, "debt_collection", "debt_collection_active")
		b.count()
		return ignore(b.svc.SyncAmili(b.ctx))
	}, func(b *changeBook) error {
		b.handedOver()
		b.sandbox.FailNext(1, amili.FailServerError)
		b.count()
		return ignore(b.svc.SyncAmili(b.ctx))
	}},
	{"PollAmili", func(b *changeBook) error {
		inv := b.handedOver()
		b.sandbox.SetCaseState(inv.AmiliCaseRef, "debt_collection", "debt_collection_active")
		b.count()
		return ignore(b.svc.PollAmili(b.ctx))
	}, func(b *changeBook) error {
		b.handedOver()
		b.sandbox.FailNext(1, amili.FailServerError)
		b.count()
		return ignore(b.svc.PollAmili(b.ctx))
	}},
	{"GenerateAmiliKey", func(b *changeBook) error {
		b.count()
		return ignore(b.svc.GenerateAmiliKey(b.ctx))
	},
		func(b *changeBook) error {
			b.count()
			return ignore(b.bare.GenerateAmiliKey(b.ctx))
		}},
	{"ActivateAmili", func(b *changeBook) error {
		st, err := b.svc.AmiliStatus(b.ctx)
		if err != nil {
			return err
		}
		b.count()
		return b.svc.ActivateAmili(b.ctx, core.Activation{CreditorID: st.CreditorID, AccountID: st.AccountID,
			APICode: st.APICode, BaseURL: st.BaseURL})
	}, func(b *changeBook) error {
		b.count()
		return b.svc.ActivateAmili(b.ctx, core.Activation{})
	}},
	{"SaveSettings", func(b *changeBook) error {
		set := b.settings()
		set.Company.Name = "Nytt Bolag AB"
		b.count()
		return b.svc.SaveSettings(b.ctx, set)
	}, func(b *changeBook) error {
		set := b.settings()
		set.ReminderFee = kr("61")
		b.count()
		return b.svc.SaveSettings(b.ctx, set)
	}},
	// sie: the export's method and accounts.
	{"SaveBookkeeping", func(b *changeBook) error {
		b.count()
		return b.svc.SaveBookkeeping(b.ctx, core.BookkeepingSettings{Method: core.BookWhenPaid})
	}, func(b *changeBook) error {
		b.count()
		return b.svc.SaveBookkeeping(b.ctx, core.BookkeepingSettings{Accounts: core.Accounts{Bank: "193"}})
	}},
	{"SaveReferenceRates", func(b *changeBook) error {
		rates, err := b.svc.ReferenceRates(b.ctx)
		if err != nil {
			return err
		}
		rates[0].Rate = kr("0.75")
		b.count()
		return b.svc.SaveReferenceRates(b.ctx, rates)
	}, func(b *changeBook) error {
		rates, err := b.svc.ReferenceRates(b.ctx)
		if err != nil {
			return err
		}
		b.count()
		return b.svc.SaveReferenceRates(b.ctx, append(rates, rates[0])) // a half-year twice
	}},
	{"SetSMTPPassword", func(b *changeBook) error {
		b.count()
		return b.svc.SetSMTPPassword("hemligt")
	},
		func(b *changeBook) error {
			b.count()
			return b.bare.SetSMTPPassword("hemligt")
		}},
}

// paymentOf registers a payment of 100 kr on inv and returns its ID.
func (b *changeBook) paymentOf(inv core.Invoice) int64 {
	b.t.Helper()
	if _, err := b.svc.RegisterPayment(b.ctx, core.Payment{InvoiceID: inv.ID, Amount: kr("100")}); err != nil {
		b.t.Fatal(err)
	}
	ps, err := b.svc.InvoicePayments(b.ctx, inv.ID)
	if err != nil || len(ps) == 0 {
		b.t.Fatalf("payments %+v (%v)", ps, err)
	}
	return ps[len(ps)-1].ID
}

// creditOf gives inv's customer 50 kr of credit, as a bank payment beyond a balance does.
func (b *changeBook) creditOf(inv core.Invoice) {
	b.t.Helper()
	if err := b.store.RegisterBankPayments(b.ctx, []core.BankRegistration{{Payment: core.Payment{Date: b.svc.Today(),
		Source: "bgmax.txt", ExternalKey: "credit-1"}, CustomerID: inv.CustomerID, Credit: kr("50")}}, testNow); err != nil {
		b.t.Fatal(err)
	}
}

// errNothing marks a failing call that returned no error but changed nothing.
var errNothing = core.Errorf(core.ECONFLICT, "nothing changed", nil)

// readOnly lists the Service's methods that change nothing in the book, its secrets
// or its settings, and so tell OnChange nothing. (RunDelivery runs DeliverPending,
// which holds the rule; LettersFolder creates a folder outside the book, and
// BatchLettersFile and ReminderLetterFile write PDFs there; TestMail
// sends an e-mail and writes nothing.)
var readOnly = []string{"Pauses", "AmiliReports", "AmiliStatus", "BatchReminders", "BatchLettersFile", "Batches", "CandidatePage", "ClaimEntries", "InvoiceClaim",
	"CountCandidates", "CountDueByPlan", "DueByPlanPage", "PlanStandings", "CustomerCredits", "CustomerDetails", "InvoiceActivity", "InvoiceHistory", "Payment", "FailedReminders", "Customers", "DefaultLettersFolder", "DefaultReminderType",
	"InterestInvoiceCandidates", "InterestOffer", "InterestRateToday", "Invoice", "InvoiceAmiliReports", "InvoiceDetails", "InvoicePayments", "LeftForOthers", "LettersFolder", "ListInvoices",
	"NextCustomerNumber", "NextInvoiceNumber", "OnChange", "OverdueWithAmili", "PlanPayments", "PreviewImport", "PreviewImportWith",
	"PreviewCollectionDemand", "PreviewPaymentFile", "PreviewPaymentReader", "PreviewReminders",
	"Readiness", "ReferenceRates", "ReminderCandidates", "ReminderEmail", "ReminderLetterFile", "ReminderLetterPDF", "RunDelivery", "SelectCandidates", "SelectionTotals", "Settings", "TestMail",
	"Today", "UnprintableInLetters", "WakeDelivery",
	"ExportSIE",           // sie: writes a file, changes nothing in the book
	"FollowOtherDesktops", // passes on what others changed; changes nothing itself
}

// Every change through the Service tells OnChange's listeners once when it succeeds
// and not at all when it fails, so the GUI refreshes on OnChange alone. The test
// walks every method of the Service: each is either a change, tried here both ways,
// or read-only, so a new method cannot slip past the rule.
func TestEveryChangeNotifiesOnce(t *testing.T) {
	svc := reflect.TypeOf(&core.Service{})
	for i := range svc.NumMethod() {
		name := svc.Method(i).Name
		isChange := slices.ContainsFunc(changes, func(c change) bool { return c.method == name })
		if isChange == slices.Contains(readOnly, name) {
			t.Errorf("Service.%s must be in exactly one of changes and readOnly", name)
		}
	}
	for _, c := range changes {
		if _, ok := svc.MethodByName(c.method); !ok {
			t.Errorf("changes names %s, which the Service does not have", c.method)
		}
	}
	for _, c := range changes {
		t.Run(c.method, func(t *testing.T) {
			b := newChangeBook(t)
			if err := c.fail(b); err == nil {
				t.Fatal("the failing call succeeded")
			}
			if !b.counted {
				t.Fatal("the failing call never started counting")
			}
			if b.calls != 0 {
				t.Errorf("a failed %s notified %d times, want none", c.method, b.calls)
			}
			b = newChangeBook(t)
			if err := c.ok(b); err != nil {
				t.Fatal(err)
			}
			if !b.counted {
				t.Fatal("the call never started counting")
			}
			if b.calls != 1 {
				t.Errorf("a successful %s notified %d times, want once", c.method, b.calls)
			}
		})
	}
}
