package data

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"paminn/core"
)

// mustOpen opens a new book in a temporary folder with the real migrations and closes
// it when the test ends. The book is a copy of one that Open migrated once in this
// test process (freshBook): migrating each test's book took most of the property
// tests' time.
func mustOpen(tb testing.TB) *Store {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "book.db")
	if err := os.WriteFile(path, freshBook(tb), 0o600); err != nil {
		tb.Fatal(err)
	}
	s, err := Open(path)
	if err != nil {
		tb.Fatalf("Open: %v", err)
	}
	tb.Cleanup(func() {
		if err := s.Close(); err != nil {
			tb.Errorf("Close: %v", err)
		}
	})
	return s
}

// fresh holds the bytes of a new book as Open's migrations leave it, made once.
var fresh struct {
	once  sync.Once
	bytes []byte
	err   error
}

// freshBook is the file of a new book that Open migrated and Close folded its
// write-ahead log into.
func freshBook(tb testing.TB) []byte {
	fresh.once.Do(func() {
		dir, err := os.MkdirTemp("", "paminn-template-")
		if err != nil {
			fresh.err = err
			return
		}
		defer os.RemoveAll(dir)
		path := filepath.Join(dir, "book.db")
		s, err := Open(path)
		if err == nil {
			err = s.Close()
		}
		if err == nil {
			fresh.bytes, err = os.ReadFile(path)
		}
		fresh.err = err
	})
	if fresh.err != nil {
		tb.Fatalf("make the template book: %v", fresh.err)
	}
	return fresh.bytes
}

var ctx = context.Background()

// today is the date the tests treat as today.
var today = core.MustDate("2025-03-15")

func kr(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// mustCustomer creates a customer with the given number and name.
func mustCustomer(tb testing.TB, s core.Store, number, name string) core.Customer {
	tb.Helper()
	c, err := s.CreateCustomer(ctx, core.Customer{Number: number, Name: name, IDNumber: "556677-8899",
		IsCompany: true, Email: number + "@example.se", FeeAgreed: true,
		Address: core.Address{Line1: "Storgatan 1", ZipCode: "111 22", City: "Stockholm", Country: "SE"}})
	if err != nil {
		tb.Fatalf("CreateCustomer %s: %v", number, err)
	}
	return c
}

// invoiceSpec describes an invoice for mustInvoice: due is relative to today.
type invoiceSpec struct {
	number    string
	dueIn     int    // days from today; negative is overdue
	total     string // kronor
	paid      string // kronor, "" for nothing
	reminders int
	amili     core.AmiliState
	caseRef   string
}

// mustInvoice creates the invoice spec describes for customer c.
func mustInvoice(tb testing.TB, s core.Store, c core.Customer, spec invoiceSpec) core.Invoice {
	tb.Helper()
	inv := core.Invoice{Number: spec.number, CustomerID: c.ID, InvoiceDate: today.AddDays(spec.dueIn - 30),
		DueDate: today.AddDays(spec.dueIn), Total: kr(spec.total), Currency: "SEK", OCR: "12345",
		ReminderCount: spec.reminders, AmiliState: spec.amili, AmiliCaseRef: spec.caseRef}
	if spec.paid != "" {
		inv.Paid = kr(spec.paid)
	}
	if spec.reminders > 0 {
		inv.LastReminded = today.AddDays(-3)
	}
	inv, err := s.CreateInvoice(ctx, inv)
	if err != nil {
		tb.Fatalf("CreateInvoice %s: %v", spec.number, err)
	}
	return inv
}

// wantCode fails unless err is a *core.Error with code.
func wantCode(tb testing.TB, err error, code core.ErrorCode) {
	tb.Helper()
	if got := core.ErrorCodeOf(err); got != code {
		tb.Fatalf("error code = %q (%v), want %q", got, err, code)
	}
}

// at is a fixed instant for delivery tests.
func at(hhmm string) time.Time {
	t, err := time.Parse("2006-01-02 15:04", "2025-03-15 "+hhmm)
	if err != nil {
		panic(err)
	}
	return t
}

// onPrincipal is p allocated to the principal alone, as the Service allocates a
// payment on an invoice without costs or interest.
func onPrincipal(p core.Payment) core.Payment {
	p.Parts = core.Parts{Principal: p.Amount}
	return p
}
