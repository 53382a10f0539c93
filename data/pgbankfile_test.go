package data

import (
	"fmt"
	"os"
	"sync"
	"testing"

	"paminn/core"
)

// Issue 24: the same bank file imported from two desktops at once registers once.
// Each desktop is a Service on its own PGStore (its own connections) on one book on
// the test server; both preview the file, then both register it at the same moment.

// pgHeavyEnv, when set, runs the concurrency tests' heavy form (more rounds).
const pgHeavyEnv = "PAMINN_TEST_PG_HEAVY"

// rounds is how many times a concurrency test repeats its race: a few in every run,
// many under pgHeavyEnv.
func rounds(light, heavy int) int {
	if os.Getenv(pgHeavyEnv) != "" {
		return heavy
	}
	return light
}

// openDesktops opens n PGStores on the book at address, closed when the test ends.
func openDesktops(t *testing.T, address string, n int) []*PGStore {
	t.Helper()
	stores := make([]*PGStore, n)
	for i := range stores {
		s, err := OpenPostgres(ctx, address)
		if err != nil {
			t.Fatalf("desktop %d: %v", i, err)
		}
		t.Cleanup(func() { s.Close() })
		stores[i] = s
	}
	return stores
}

// atOnce runs each f in its own goroutine, released together, and returns their errors.
func atOnce(fs ...func() error) []error {
	errs := make([]error, len(fs))
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i, f := range fs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			errs[i] = f()
		}()
	}
	close(start)
	wg.Wait()
	return errs
}

// onceOf checks that exactly one of errs is nil and every other a conflict (the
// file registered before, or the book changed since the preview).
func onceOf(t *testing.T, errs []error) {
	t.Helper()
	won := 0
	for i, err := range errs {
		switch {
		case err == nil:
			won++
		case core.ErrorCodeOf(err) != core.ECONFLICT:
			t.Errorf("desktop %d: %v, want it registered or refused as registered before", i, err)
		}
	}
	if won != 1 {
		t.Errorf("%d desktops registered the file, want exactly one (errors %v)", won, errs)
	}
}

func TestTwoDesktopsImportingTheSameBankFileAtOnceRegisterItOnce(t *testing.T) {
	desktops := openDesktops(t, newPGBook(t), 2)
	k1, k2 := mustCustomer(t, desktops[0], "K1", "Kund Ett"), mustCustomer(t, desktops[0], "K2", "Kund Två")
	services := []*core.Service{bankDesk(t, desktops[0]), bankDesk(t, desktops[1])}
	n := rounds(3, 60)
	for round := 1; round <= n; round++ {
		full := ocrInvoice(t, desktops[0], k1, fmt.Sprintf("%d01", round), "1000")
		part := ocrInvoice(t, desktops[1], k1, fmt.Sprintf("%d02", round), "1000")
		over := ocrInvoice(t, desktops[0], k2, fmt.Sprintf("%d03", round), "500")
		file := bgmaxFile(round,
			core.BankPayment{Reference: full.OCR, Amount: kr("1000")},
			core.BankPayment{Reference: part.OCR, Amount: kr("400")},
			core.BankPayment{Reference: over.OCR, Amount: kr("600")},
		)
		imps := make([]core.PaymentImport, len(services))
		for i, svc := range services {
			imp, err := svc.PreviewPaymentFile(ctx, fmt.Sprintf("bg-%d.txt", round), file)
			if err != nil || imp.ToRegister() != 3 {
				t.Fatalf("round %d, desktop %d: preview of %d to register (%v), want 3", round, i, imp.ToRegister(), err)
			}
			imps[i] = imp
		}
		onceOf(t, atOnce(
			func() error { _, err := services[0].RegisterPayments(ctx, imps[0]); return err },
			func() error { _, err := services[1].RegisterPayments(ctx, imps[1]); return err },
		))
		for inv, balance := range map[core.Invoice]string{full: "0", part: "600", over: "0"} {
			got, err := desktops[round%2].Invoice(ctx, inv.ID)
			if err != nil || !got.Balance().Equal(kr(balance)) {
				t.Fatalf("round %d: %s's balance %s (%v), want %s", round, inv.Number, got.Balance(), err, balance)
			}
		}
	}
	var payments, credits int64
	if err := desktops[1].db.QueryRow(`SELECT (SELECT count(*) FROM payments), (SELECT coalesce(sum(amount_ore), 0)::bigint
		FROM customer_credits)`).Scan(&payments, &credits); err != nil {
		t.Fatal(err)
	}
	if payments != int64(3*n) || credits != int64(10000*n) {
		t.Errorf("%d payments and %d öre credit after %d files, want %d and %d", payments, credits, n, 3*n, 10000*n)
	}
}

// The store holds the line by itself: two desktops writing the same registrations at
// the same moment, past any check of the service's, register them once.
func TestTwoDesktopsWritingTheSameBankRegistrationsAtOnceWriteThemOnce(t *testing.T) {
	desktops := openDesktops(t, newPGBook(t), 2)
	k := mustCustomer(t, desktops[0], "K1", "Kund Ett")
	n := rounds(5, 200)
	for round := 1; round <= n; round++ {
		inv := ocrInvoice(t, desktops[0], k, fmt.Sprintf("%d", 1000+round), "1000")
		key := fmt.Sprintf("bg-%d", round)
		regs := []core.BankRegistration{
			{Payment: onPrincipal(core.Payment{InvoiceID: inv.ID, Date: today, Amount: kr("300"), Source: "bg.txt", ExternalKey: key}),
				BankRef: "ref-" + key},
			{Payment: core.Payment{Date: today, Source: "bg.txt", ExternalKey: key + "/kredit"}, CustomerID: k.ID, Credit: kr("5")},
		}
		onceOf(t, atOnce(
			func() error { return desktops[0].RegisterBankPayments(ctx, regs, at("10:00")) },
			func() error { return desktops[1].RegisterBankPayments(ctx, regs, at("10:00")) },
		))
		if got, err := desktops[1].Invoice(ctx, inv.ID); err != nil || !got.Balance().Equal(kr("700")) {
			t.Fatalf("round %d: balance %s (%v), want 700", round, got.Balance(), err)
		}
	}
	if credit, err := desktops[0].CustomerCredit(ctx, k.ID); err != nil || !credit.Equal(kr("5").Mul(kr(fmt.Sprint(n)))) {
		t.Errorf("credit %s (%v), want 5 kr from each of %d files", credit, err, n)
	}
}
