package data

import (
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"paminn/core"
)

// Store tests that run on both engines (engines_test.go): settings, reference rates,
// customers and invoices.

func TestEnginesANewBookHasTheDefaultSettingsAndRates(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		set, err := s.Settings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !set.ReminderFee.Equal(core.DefaultSettings().ReminderFee) || set.PaymentTermDays != core.DefaultSettings().PaymentTermDays {
			t.Fatalf("Settings = %+v, want the defaults", set)
		}
		rates, err := s.ReferenceRates(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := core.DefaultReferenceRates()
		if len(rates) != len(want) {
			t.Fatalf("%d reference rates, want the %d published", len(rates), len(want))
		}
		for i := range want {
			if rates[i].Year != want[i].Year || rates[i].Half != want[i].Half || !rates[i].Rate.Equal(want[i].Rate) {
				t.Fatalf("rate %d = %+v, want %+v", i, rates[i], want[i])
			}
		}
	})
}

// dbOf is the connection pool under an engine's store, for checks of what it wrote.
func dbOf(t *testing.T, s core.Store) *sql.DB {
	t.Helper()
	switch s := s.(type) {
	case *Store:
		return s.db
	case *PGStore:
		return s.db
	}
	t.Fatalf("no database under %T", s)
	return nil
}

func TestEnginesSettingsRoundTripEveryField(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		want := core.Settings{
			Company: core.Company{Name: "Påminn Test AB", OrgNumber: "556000-0000", Bankgiro: "123-4567",
				Address: core.Address{Line1: "Kungsgatan 1", Line2: "Box 2", ZipCode: "111 43", City: "Stockholm", Country: "SE"},
				Email:   "faktura@example.se", Phone: "08-123 45 67"},
			ReminderFee: kr("59.50"), PaymentTermDays: 14, InterestMargin: kr("8.25"), DefaultType: core.ReminderAmili,
			Amili: core.AmiliSettings{Activated: true, ActivatedAt: time.Date(2025, 3, 1, 12, 30, 45, 123456789, time.UTC),
				CreditorID: "cred-1", AccountID: "acc-2", BaseURL: "http://127.0.0.1:9999", KeyFile: "/home/u/amili.pem"},
			SMTP:                   core.SMTPSettings{Host: "smtp.example.se", Port: 465, User: "faktura", From: "Påminn <faktura@example.se>", Security: "tls"},
			LettersDir:             "/home/u/Påminnelser",
			ImportMappings:         map[string]core.ColumnMapping{"invoices:abc": {"number": 2, "total": 0}},
			InterestInvoiceMinimum: kr("25.50"),
			PaymentOrder:           core.PayPrincipalFirst,
			Plan:                   core.Plans{Consumers: ownPlan()},
		}
		for _, port := range []int{465, 587} { // the second save replaces the first
			want.SMTP.Port = port
			if err := s.SaveSettings(ctx, want); err != nil {
				t.Fatal(err)
			}
			got, err := s.Settings(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if !sameSettings(got, want) {
				t.Fatalf("Settings = %+v\nwant       %+v", got, want)
			}
		}
	})
}

func TestEnginesSaveReferenceRatesReplacesTheTableOrRefuses(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		want := []core.ReferenceRate{{Year: 2027, Half: 1, Rate: kr("1.75"), Preliminary: true}, {Year: 2026, Half: 2, Rate: kr("2.25")}}
		if err := s.SaveReferenceRates(ctx, want); err != nil {
			t.Fatal(err)
		}
		if got, err := s.ReferenceRates(ctx); err != nil || !sameRates(got, []core.ReferenceRate{want[1], want[0]}) {
			t.Fatalf("ReferenceRates = %v (%v), want %v ordered by year and half", got, err, want)
		}
		tests := []struct {
			name  string
			rates []core.ReferenceRate
			text  string
		}{
			{"a half-year given twice is refused", []core.ReferenceRate{{Year: 2027, Half: 1, Rate: kr("1")}, {Year: 2027, Half: 1, Rate: kr("2")}},
				"The reference rate for 2027 half 1 is given twice"},
			{"a third half is refused", []core.ReferenceRate{{Year: 2027, Half: 3, Rate: kr("1")}}, "Half-year 3 of 2027 must be 1 or 2"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				err := s.SaveReferenceRates(ctx, tt.rates)
				wantCode(t, err, core.EINVALID)
				if text := core.AsError(err).Text(); text != tt.text {
					t.Errorf("message = %q, want %q", text, tt.text)
				}
				if got, _ := s.ReferenceRates(ctx); len(got) != 2 {
					t.Errorf("a refused save changed the table to %v", got)
				}
			})
		}
	})
}

func TestEnginesCustomersRoundTripEveryFieldAndSortByteByByte(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		want := core.Customer{Number: "K7", Name: "Åsa Öberg", IDNumber: "19800101-1234", Email: "asa@example.se",
			FeeAgreed: true, Mobile: "070-123 45 67",
			Address: core.Address{Line1: "Ängsvägen 3", Line2: "c/o Berg", ZipCode: "752 36", City: "Uppsala", Country: "SE"}}
		created, err := s.CreateCustomer(ctx, want)
		if err != nil || created.ID == 0 {
			t.Fatalf("CreateCustomer = %+v, %v", created, err)
		}
		want.ID = created.ID
		if got, err := s.Customer(ctx, want.ID); err != nil || got != want {
			t.Fatalf("Customer = %+v, %v; want %+v", got, err, want)
		}
		want.Name, want.IsCompany, want.FeeAgreed, want.Address.City = "Åsa Öberg AB", true, false, "Gävle"
		if err := s.UpdateCustomer(ctx, want); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.Customer(ctx, want.ID); got != want {
			t.Fatalf("after update = %+v, want %+v", got, want)
		}
		// SQLite sorts text byte by byte; so must the server, whatever its collation.
		for i, name := range []string{"anna", "Örjan", "Zeta", "Anna"} {
			mustCustomer(t, s, fmt.Sprintf("K%d", i+10), name)
		}
		cs, err := s.Customers(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, c := range cs {
			got = append(got, c.Name)
		}
		if want := []string{"Anna", "Zeta", "anna", "Åsa Öberg AB", "Örjan"}; !slices.Equal(got, want) {
			t.Fatalf("Customers = %q, want %q", got, want)
		}
	})
}

func TestEnginesCustomerErrors(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		anna := mustCustomer(t, s, "K1", "Anna AB")
		mustCustomer(t, s, "K2", "Bertil AB")
		tests := []struct {
			name string
			do   func() error
			code core.ErrorCode
			text string
		}{
			{"a duplicate number is a conflict", func() error {
				_, err := s.CreateCustomer(ctx, core.Customer{Number: "K1", Name: "Annan"})
				return err
			}, core.ECONFLICT, "Customer number K1 already exists"},
			{"taking another customer's number is a conflict", func() error {
				c := anna
				c.Number = "K2"
				return s.UpdateCustomer(ctx, c)
			}, core.ECONFLICT, "Customer number K2 already exists"},
			{"updating an unknown customer is not found", func() error {
				return s.UpdateCustomer(ctx, core.Customer{ID: 999, Number: "K9", Name: "Ingen"})
			}, core.ENOTFOUND, "Customer 999 does not exist"},
			{"reading an unknown customer is not found", func() error {
				_, err := s.Customer(ctx, 999)
				return err
			}, core.ENOTFOUND, "Customer 999 does not exist"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				err := tt.do()
				wantCode(t, err, tt.code)
				if text := core.AsError(err).Text(); text != tt.text {
					t.Errorf("message = %q, want %q", text, tt.text)
				}
			})
		}
	})
}

func TestEnginesCreateInvoiceRoundTripsEveryFieldWithItsPaymentAndCharges(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		c := mustCustomer(t, s, "K1", "Anna AB")
		want := core.Invoice{Number: "1001", CustomerID: c.ID, InvoiceDate: core.MustDate("2025-01-31"),
			DueDate: core.MustDate("2025-02-28"), Total: kr("1250.50"), Paid: kr("250.25"), Charges: kr("60"),
			Currency: "SEK", OCR: "100123", ReminderCount: 2, LastReminded: core.MustDate("2025-03-10"),
			AmiliState: core.AmiliRegistered, AmiliCaseRef: "case-9", AmiliEnv: core.AmiliSandbox, PlanStep: 2}
		created, err := s.CreateInvoice(ctx, want)
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.Invoice(ctx, created.ID)
		if err != nil {
			t.Fatal(err)
		}
		want.ID, want.CustomerName = created.ID, "Anna AB"
		if !sameInvoice(got, want) || !sameInvoice(created, want) {
			t.Fatalf("Invoice = %+v\nwant      %+v", got, want)
		}
		var payments, paid, charges int64
		err = dbOf(t, s).QueryRow(`SELECT (SELECT count(*) FROM payments WHERE invoice_id = ?1),
			(SELECT coalesce(sum(principal_ore), 0) FROM payments WHERE invoice_id = ?1),
			(SELECT coalesce(sum(fee_ore), 0) FROM claim_entries WHERE invoice_id = ?1 AND kind = 'charge')`,
			got.ID).Scan(&payments, &paid, &charges)
		if err != nil || payments != 1 || paid != 25025 || charges != 6000 {
			t.Fatalf("%d payments of %d öre, charges %d öre (%v); want one of 25025, 6000", payments, paid, charges, err)
		}
	})
}

func TestEnginesInvoiceErrors(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		c := mustCustomer(t, s, "K1", "Anna AB")
		mustInvoice(t, s, c, invoiceSpec{number: "1001", dueIn: -5, total: "100"})
		tests := []struct {
			name string
			do   func() error
			code core.ErrorCode
			text string
		}{
			{"a duplicate invoice number is a conflict", func() error {
				_, err := s.CreateInvoice(ctx, core.Invoice{Number: "1001", CustomerID: c.ID, Total: kr("1")})
				return err
			}, core.ECONFLICT, "Invoice number 1001 already exists"},
			{"an invoice for an unknown customer is not found", func() error {
				_, err := s.CreateInvoice(ctx, core.Invoice{Number: "1002", CustomerID: 999, Total: kr("1")})
				return err
			}, core.ENOTFOUND, "Customer 999 does not exist"},
			{"reading an unknown invoice is not found", func() error {
				_, err := s.Invoice(ctx, 999)
				return err
			}, core.ENOTFOUND, "Invoice 999 does not exist"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				err := tt.do()
				wantCode(t, err, tt.code)
				if text := core.AsError(err).Text(); text != tt.text {
					t.Errorf("message = %q, want %q", text, tt.text)
				}
			})
		}
	})
}

// The list's totals come from invoice_sums, which the invoices' triggers keep: the
// same rows on both engines after the same writes.
func TestEnginesInvoiceSumsFollowNewInvoices(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		c := mustCustomer(t, s, "K1", "Anna AB")
		mustInvoice(t, s, c, invoiceSpec{number: "1", dueIn: -5, total: "100"})
		mustInvoice(t, s, c, invoiceSpec{number: "2", dueIn: -5, total: "200", paid: "50"})
		mustInvoice(t, s, c, invoiceSpec{number: "3", dueIn: -5, total: "300", paid: "300"})
		mustInvoice(t, s, c, invoiceSpec{number: "4", dueIn: 10, total: "400", reminders: 1})
		got := queryStrings(t, dbOf(t, s), `SELECT due_date || ' open=' || open || ' reminded=' || reminded ||
			' amili=' || amili || ' charged=' || charged || ' paused=' || paused || ' n=' || n ||
			' balance=' || balance_ore || ' charges=' || charges_ore FROM invoice_sums WHERE n != 0
			ORDER BY due_date, open, reminded`)
		due, later := today.AddDays(-5).String(), today.AddDays(10).String()
		want := []string{
			due + " open=0 reminded=0 amili=0 charged=0 paused=0 n=1 balance=0 charges=0",
			due + " open=1 reminded=0 amili=0 charged=0 paused=0 n=2 balance=25000 charges=0",
			later + " open=1 reminded=1 amili=0 charged=0 paused=0 n=1 balance=40000 charges=0",
		}
		if !slices.Equal(got, want) {
			t.Fatalf("invoice_sums:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	})
}
