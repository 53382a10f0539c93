// Package demo generates realistic, made-up Swedish books — customers and invoices with
// payments, reminders and Amili hand-overs — for the demo mode, screenshots and load
// tests. The same Spec always gives exactly the same book: every random choice comes
// from one PCG source seeded from Spec.Seed, nothing depends on map order or the clock.
//
// The organisation and personal numbers have valid check digits but are invented; any
// likeness to a real company or person is chance.
package demo

import (
	"context"
	"fmt"
	"math/rand/v2"

	"paminn/core"
)

// Spec says how large a book to generate and from which seed.
type Spec struct {
	Customers int       // number of customers, K1001 onwards
	Invoices  int       // number of invoices, 10001 onwards
	Overdue   int       // how many invoices are overdue on Today (balance > 0, due before Today)
	Seed      int64     // the same seed gives the same book
	Today     core.Date // the date the book is "as of"; invoice dates lie before it
	Months    int       // how far back the invoice dates go
}

// DemoSpec is the book the demo mode opens: about 60 customers and 1,500 invoices over
// the 18 months before today, 150 of them overdue.
func DemoSpec(today core.Date) Spec {
	return Spec{Customers: 60, Invoices: 1500, Overdue: 150, Seed: 20260301, Today: today, Months: 18}
}

// LargeSpec is a big book for trying the list and the store under load: 5,000
// customers and 100,000 invoices over 24 months, 30,000 of them overdue.
func LargeSpec(today core.Date) Spec {
	return Spec{Customers: 5000, Invoices: 100000, Overdue: 30000, Seed: 20260302, Today: today, Months: 24}
}

// SizedSpec is LargeSpec scaled to n invoices: 30 % of them overdue and one customer
// per 20 invoices (at least 10). SizedSpec(today, 100000) is LargeSpec(today).
func SizedSpec(today core.Date, n int) Spec {
	spec := LargeSpec(today)
	spec.Invoices, spec.Overdue = n, n*3/10
	spec.Customers = max(n/20, 10)
	return spec
}

// Generate returns the customers and invoices of the book spec describes. Invoices
// name their customer by number (ImportInvoice.CustomerNumber), ready for
// core.Store.Import. A Spec without customers gives no invoices.
func Generate(spec Spec) ([]core.Customer, []core.ImportInvoice) {
	r := rand.New(rand.NewPCG(uint64(spec.Seed), 0x5041_4d49_4e4e)) // "PAMINN"
	customers := generateCustomers(r, spec.Customers)
	if len(customers) == 0 {
		return customers, nil
	}
	return customers, generateInvoices(r, spec, customers)
}

// Populate generates the book spec describes and imports it into store in one
// transaction.
func Populate(ctx context.Context, store core.Store, spec Spec) error {
	customers, invoices := Generate(spec)
	if _, err := store.Import(ctx, customers, invoices); err != nil {
		return fmt.Errorf("fill the demo book: %w", err)
	}
	return nil
}

// pickSet returns n flags of which exactly k (at most n) are set, chosen at random.
func pickSet(r *rand.Rand, n, k int) []bool {
	set := make([]bool, n)
	for _, i := range r.Perm(n)[:min(k, n)] {
		set[i] = true
	}
	return set
}

// share returns the whole part of n·percent/100, rounded half up.
func share(n, percent int) int { return (n*percent + 50) / 100 }
