package data

import (
	"fmt"
	"testing"

	"paminn/core"
)

func TestImportInsertsCustomersAndInvoicesAsGiven(t *testing.T) {
	s := mustOpen(t)
	existing := mustCustomer(t, s, "K1", "Anna AB")
	customers := []core.Customer{{Number: "K2", Name: "Bertil HB", IDNumber: "969999-0000", IsCompany: true}}
	invoices := []core.ImportInvoice{
		{CustomerNumber: "K1", Invoice: core.Invoice{Number: "1", InvoiceDate: today.AddDays(-40),
			DueDate: today.AddDays(-10), Total: kr("1000"), Paid: kr("400"), OCR: "18"}},
		{CustomerNumber: "K2", Invoice: core.Invoice{Number: "2", InvoiceDate: today.AddDays(-60),
			DueDate: today.AddDays(-30), Total: kr("250"), ReminderCount: 2, LastReminded: today.AddDays(-5),
			AmiliState: core.AmiliRegistered, AmiliCaseRef: "case-7"}},
	}
	res, err := s.Import(ctx, customers, invoices)
	if err != nil {
		t.Fatal(err)
	}
	if res != (core.ImportResult{Customers: 1, Invoices: 2}) {
		t.Errorf("result = %+v", res)
	}
	p, err := s.ListInvoices(ctx, core.InvoiceQuery{Sort: core.SortNumber}, today)
	if err != nil || len(p.Invoices) != 2 {
		t.Fatalf("list = %+v, %v", p, err)
	}
	one, two := p.Invoices[0], p.Invoices[1]
	if one.CustomerID != existing.ID || !one.Paid.Equal(kr("400")) || one.Currency != "SEK" || one.OCR != "18" {
		t.Errorf("invoice 1 = %+v", one)
	}
	if two.CustomerName != "Bertil HB" || two.ReminderCount != 2 || two.LastReminded != today.AddDays(-5) ||
		two.AmiliState != core.AmiliRegistered || two.AmiliCaseRef != "case-7" {
		t.Errorf("invoice 2 = %+v", two)
	}
	var payments int
	var date string
	s.db.QueryRow(`SELECT count(*), max(date) FROM payments`).Scan(&payments, &date)
	if payments != 1 || date != one.InvoiceDate.String() {
		t.Errorf("%d payments dated %s, want one on the invoice date", payments, date)
	}
}

func TestImportIsAllOrNothing(t *testing.T) {
	good := func(n int) core.ImportInvoice {
		return core.ImportInvoice{CustomerNumber: "K1", Invoice: core.Invoice{Number: fmt.Sprint(n),
			InvoiceDate: today, DueDate: today.AddDays(30), Total: kr("100")}}
	}
	tests := []struct {
		name      string
		customers []core.Customer
		invoices  []core.ImportInvoice
		code      core.ErrorCode
		text      string
	}{
		{"an invoice for an unknown customer stops the import",
			[]core.Customer{{Number: "K1", Name: "Anna AB"}},
			[]core.ImportInvoice{good(1), {CustomerNumber: "K9", Invoice: core.Invoice{Number: "2", Total: kr("1")}}, good(3)},
			core.EINVALID, "Invoice 2 names customer K9, who does not exist"},
		{"a repeated invoice number stops the import",
			[]core.Customer{{Number: "K1", Name: "Anna AB"}},
			[]core.ImportInvoice{good(1), good(2), good(1)},
			core.ECONFLICT, "Invoice number 1 already exists"},
		{"a repeated customer number stops the import",
			[]core.Customer{{Number: "K1", Name: "Anna AB"}, {Number: "K1", Name: "Anna igen"}},
			[]core.ImportInvoice{good(1)},
			core.ECONFLICT, "Customer number K1 already exists"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := mustOpen(t)
			_, err := s.Import(ctx, tt.customers, tt.invoices)
			wantCode(t, err, tt.code)
			if text := core.AsError(err).Text(); text != tt.text {
				t.Errorf("message = %q, want %q", text, tt.text)
			}
			var customers, invoices, payments int
			s.db.QueryRow(`SELECT (SELECT count(*) FROM customers), (SELECT count(*) FROM invoices),
				(SELECT count(*) FROM payments)`).Scan(&customers, &invoices, &payments)
			if customers+invoices+payments != 0 {
				t.Errorf("a failed import left %d customers, %d invoices, %d payments", customers, invoices, payments)
			}
		})
	}
}
