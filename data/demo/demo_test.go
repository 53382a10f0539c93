package demo_test

import (
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"paminn/core"
	"paminn/data"
	"paminn/data/demo"
)

var today = core.MustDate("2026-03-15")

// figures counts what the tests judge in a generated book.
type figures struct {
	overdue, reminded, recentlyReminded, amili int
	noEmail, noIDNumber, companies, partlyPaid int
}

func count(t *testing.T, cs []core.Customer, invs []core.ImportInvoice) figures {
	t.Helper()
	var f figures
	byNumber := make(map[string]core.Customer, len(cs))
	for _, c := range cs {
		byNumber[c.Number] = c
		if c.Email == "" {
			f.noEmail++
		}
		if c.IDNumber == "" {
			f.noIDNumber++
		}
		if c.IsCompany {
			f.companies++
		}
	}
	for _, inv := range invs {
		if _, ok := byNumber[inv.CustomerNumber]; !ok {
			t.Fatalf("invoice %s names unknown customer %q", inv.Number, inv.CustomerNumber)
		}
		if inv.IsOverdue(today) {
			f.overdue++
		}
		if inv.Paid.IsPositive() && inv.Balance().IsPositive() {
			f.partlyPaid++
		}
		if inv.ReminderCount > 0 && inv.IsOverdue(today) {
			f.reminded++
			if today.DaysSince(inv.LastReminded) <= 7 {
				f.recentlyReminded++
			}
		}
		if inv.AmiliState != core.AmiliNone {
			f.amili++
			if byNumber[inv.CustomerNumber].IDNumber == "" {
				t.Errorf("invoice %s is with Amili but its customer has no ID number", inv.Number)
			}
		}
	}
	return f
}

func within(t *testing.T, what string, got, want int, tolerance float64) {
	t.Helper()
	if d := float64(got - want); d > tolerance*float64(want) || -d > tolerance*float64(want) {
		t.Errorf("%s = %d, want %d ± %.0f%%", what, got, want, tolerance*100)
	}
}

func TestGenerateIsDeterministic(t *testing.T) {
	spec := demo.DemoSpec(today)
	cs1, invs1 := demo.Generate(spec)
	cs2, invs2 := demo.Generate(spec)
	if !reflect.DeepEqual(cs1, cs2) || !reflect.DeepEqual(invs1, invs2) {
		t.Fatal("the same spec gave two different books")
	}
	spec.Seed++
	cs3, invs3 := demo.Generate(spec)
	if reflect.DeepEqual(cs1, cs3) || reflect.DeepEqual(invs1, invs3) {
		t.Fatal("a different seed gave the same book")
	}
}

func TestDemoSpec(t *testing.T) {
	cs, invs := demo.Generate(demo.DemoSpec(today))
	within(t, "customers", len(cs), 60, 0.1)
	within(t, "invoices", len(invs), 1500, 0.1)
	f := count(t, cs, invs)
	within(t, "overdue", f.overdue, 150, 0.1)
	within(t, "reminded overdue", f.reminded, 50, 0.2)
	if f.noEmail == 0 || f.noIDNumber == 0 || f.recentlyReminded == 0 || f.partlyPaid == 0 {
		t.Errorf("want some of each: %+v", f)
	}
	if f.amili < 3 || f.amili > 8 {
		t.Errorf("%d invoices with Amili, want about 5", f.amili)
	}
	if f.companies < len(cs)/2 || f.companies == len(cs) {
		t.Errorf("%d companies of %d customers, want a mix mostly of companies", f.companies, len(cs))
	}
}

func TestLargeSpec(t *testing.T) {
	if testing.Short() {
		t.Skip("large book")
	}
	cs, invs := demo.Generate(demo.LargeSpec(today))
	if len(cs) != 5000 || len(invs) != 100000 {
		t.Fatalf("%d customers and %d invoices, want 5000 and 100000", len(cs), len(invs))
	}
	within(t, "overdue", count(t, cs, invs).overdue, 30000, 0.02)
}

func TestCustomersAreWellFormed(t *testing.T) {
	spec := demo.LargeSpec(today)
	spec.Invoices = 10
	cs, _ := demo.Generate(spec)
	numbers := map[string]bool{}
	for _, c := range cs {
		if numbers[c.Number] || !strings.HasPrefix(c.Number, "K") {
			t.Errorf("customer number %q is repeated or malformed", c.Number)
		}
		numbers[c.Number] = true
		if c.IDNumber != "" && !core.ValidIDNumber(c.IDNumber) {
			t.Errorf("%s: %s fails the Luhn check", c.Name, c.IDNumber)
		}
		if len(c.IDNumber) != 0 && len(c.IDNumber) != 11 && len(c.IDNumber) != 13 {
			t.Errorf("%s: %q is neither NNNNNN-NNNN nor YYYYMMDD-NNNN", c.Name, c.IDNumber)
		}
		if err := core.CheckEmail(c.Email); err != nil || strings.ContainsAny(c.Email, "åäöÅÄÖé") {
			t.Errorf("%s: bad e-mail %q", c.Name, c.Email)
		}
		a := c.Address
		if a.Line1 == "" || a.City == "" || a.Country != "SE" || len(a.ZipCode) != 6 || a.ZipCode[3] != ' ' {
			t.Errorf("%s: bad address %+v", c.Name, a)
		}
	}
}

func TestInvoicesAreWellFormed(t *testing.T) {
	spec := demo.DemoSpec(today)
	_, invs := demo.Generate(spec)
	earliest := core.DateOf(today.Time().AddDate(0, -spec.Months, 0))
	for i, inv := range invs {
		if !core.ValidOCR(inv.OCR) || !strings.HasPrefix(inv.OCR, inv.Number) {
			t.Errorf("invoice %s: bad OCR %q", inv.Number, inv.OCR)
		}
		if i > 0 && inv.InvoiceDate.Before(invs[i-1].InvoiceDate) {
			t.Errorf("invoice %s is dated before the one numbered before it", inv.Number)
		}
		if inv.InvoiceDate.Before(earliest) || inv.InvoiceDate.After(today) || !inv.DueDate.After(inv.InvoiceDate) {
			t.Errorf("invoice %s: dates %s, due %s", inv.Number, inv.InvoiceDate, inv.DueDate)
		}
		if !inv.Total.IsPositive() || inv.Paid.IsNegative() || inv.Paid.GreaterThan(inv.Total) ||
			!core.RoundOre(inv.Total).Equal(inv.Total) || inv.Currency != "SEK" {
			t.Errorf("invoice %s: total %s, paid %s %s", inv.Number, inv.Total, inv.Paid, inv.Currency)
		}
		if !inv.DueDate.Before(today) && inv.Balance().IsPositive() && inv.ReminderCount > 0 {
			t.Errorf("invoice %s is reminded before it is due", inv.Number)
		}
		if inv.ReminderCount > 0 && (!inv.LastReminded.After(inv.DueDate) || !inv.LastReminded.Before(today)) {
			t.Errorf("invoice %s due %s last reminded %s", inv.Number, inv.DueDate, inv.LastReminded)
		}
		if inv.AmiliState != core.AmiliNone && !strings.HasPrefix(inv.AmiliCaseRef, "C-20") {
			t.Errorf("invoice %s: Amili case ref %q", inv.Number, inv.AmiliCaseRef)
		}
	}
}

func TestPopulate(t *testing.T) {
	ctx := context.Background()
	store, err := data.Open(filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := store.Close(); err != nil {
			t.Error(err)
		}
	})
	spec := demo.DemoSpec(today)
	if err := demo.Populate(ctx, store, spec); err != nil {
		t.Fatal(err)
	}
	cs, invs := demo.Generate(spec)
	stored, err := store.Customers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(stored) != len(cs) {
		t.Errorf("%d customers stored, want %d", len(stored), len(cs))
	}
	page, err := store.ListInvoices(ctx, core.InvoiceQuery{Filter: core.FilterOverdue}, today)
	if err != nil {
		t.Fatal(err)
	}
	if want := count(t, cs, invs).overdue; page.Totals.OverdueCount != want || page.Totals.Count != want {
		t.Errorf("store lists %d overdue (count %d), want %d", page.Totals.OverdueCount, page.Totals.Count, want)
	}
	all, err := store.ListInvoices(ctx, core.InvoiceQuery{}, today)
	if err != nil {
		t.Fatal(err)
	}
	if all.Totals.Count != len(invs) {
		t.Errorf("store lists %d invoices, want %d", all.Totals.Count, len(invs))
	}
	amili, err := store.ListInvoices(ctx, core.InvoiceQuery{Filter: core.FilterAmili}, today)
	if err != nil {
		t.Fatal(err)
	}
	for _, inv := range amili.Invoices {
		if inv.AmiliCaseRef == "" || inv.ReminderCount == 0 || inv.CustomerName == "" {
			t.Errorf("stored Amili invoice %s lost its case ref, reminders or customer: %+v", inv.Number, inv)
		}
	}
	if len(amili.Invoices) == 0 {
		t.Error("no invoices with Amili in the store")
	}
}

func BenchmarkGenerateLarge(b *testing.B) {
	spec := demo.LargeSpec(today)
	b.ReportAllocs()
	for b.Loop() {
		demo.Generate(spec)
	}
}
