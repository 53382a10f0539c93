package amili

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"paminn/core"
)

func TestVerify(t *testing.T) {
	tests := []struct {
		name    string
		arrange func(t *testing.T, f *fixture) // changes the fixture before Verify
		code    core.ErrorCode
		message string
	}{
		{
			name:    "a registered Ed25519 key is accepted",
			arrange: func(t *testing.T, f *fixture) {},
		},
		{
			name:    "a registered RSA key is accepted",
			arrange: useKey("rsa"),
		},
		{
			name:    "a registered ECDSA key is accepted",
			arrange: useKey("ecdsa"),
		},
		{
			name: "a key Amili does not know is refused as invalid credentials",
			arrange: func(t *testing.T, f *fixture) {
				f.settings.KeyFile, _ = writeKey(t, "ed25519")
			},
			code:    core.EINVALID,
			message: "Amili did not accept the credentials for creditor CR-4711",
		},
		{
			name:    "an unknown creditor is refused as invalid credentials",
			arrange: func(t *testing.T, f *fixture) { f.settings.CreditorID = "CR-9999" },
			code:    core.EINVALID,
			message: "Amili did not accept the credentials for creditor CR-9999",
		},
		{
			name: "a JWT signed by a clock an hour slow is refused as expired",
			arrange: func(t *testing.T, f *fixture) {
				f.client.Now = func() time.Time { return time.Now().Add(-time.Hour) }
			},
			code:    core.EINVALID,
			message: "did not accept the credentials",
		},
		{
			name: "a missing key file is invalid and named",
			arrange: func(t *testing.T, f *fixture) {
				f.settings.KeyFile = filepath.Join(t.TempDir(), "absent.pem")
			},
			code:    core.EINVALID,
			message: "absent.pem could not be read",
		},
		{
			name: "a key file that is not PEM is invalid",
			arrange: func(t *testing.T, f *fixture) {
				f.settings.KeyFile = filepath.Join(t.TempDir(), "garbage.pem")
				if err := os.WriteFile(f.settings.KeyFile, []byte("not a key"), 0o600); err != nil {
					t.Fatal(err)
				}
			},
			code:    core.EINVALID,
			message: "garbage.pem could not be read",
		},
		{
			name:    "no key file at all is invalid",
			arrange: func(t *testing.T, f *fixture) { f.settings.KeyFile = "" },
			code:    core.EINVALID,
			message: "could not be read",
		},
		{
			name:    "a plain-http address off loopback is refused before anything is sent",
			arrange: func(t *testing.T, f *fixture) { f.settings.BaseURL = "http://api.amili.example" },
			code:    core.EINVALID,
			message: "is not a valid https address",
		},
		{
			name: "a server that is down leaves Amili unavailable",
			arrange: func(t *testing.T, f *fixture) {
				f.settings.BaseURL = closedServerURL(t)
			},
			code:    core.EUNAVAILABLE,
			message: "Amili could not be reached; try again later",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			tt.arrange(t, f)
			err := f.client.Verify(context.Background(), f.settings, nil)
			wantCode(t, err, tt.code, tt.message)
		})
	}
}

// useKey switches the fixture to a fresh key of the kind, registered with the sandbox.
func useKey(kind string) func(t *testing.T, f *fixture) {
	return func(t *testing.T, f *fixture) {
		var pub any
		f.settings.KeyFile, pub = writeKey(t, kind)
		f.sandbox.RegisterCreditor(testCreditor, pub)
	}
}

// closedServerURL is the address of a sandbox that has stopped: nothing listens there.
func closedServerURL(t *testing.T) string {
	sb := NewSandbox()
	url, err := sb.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if err := sb.Close(); err != nil {
		t.Fatal(err)
	}
	return url
}

var caseIDPattern = regexp.MustCompile(`^C-\d{4}-\d{6}$`)

func TestRegisterCaseSendsTheInvoiceAndReturnsTheCase(t *testing.T) {
	f := newFixture(t)
	got, err := f.client.RegisterCase(context.Background(), f.settings, testLetter("1001"))
	if err != nil {
		t.Fatal(err)
	}
	if !caseIDPattern.MatchString(got.CaseID) {
		t.Errorf("case id %q does not look like C-YYYY-NNNNNN", got.CaseID)
	}
	if !core.ValidOCR(got.OCR) {
		t.Errorf("OCR %q has no valid Luhn check digit", got.OCR)
	}
	if got.InvoiceNumber != "1001" || got.State != core.AmiliRegistered {
		t.Errorf("case = %+v, want invoice 1001 registered", got)
	}
	cases := f.sandbox.Cases()
	if len(cases) != 1 {
		t.Fatalf("sandbox holds %d cases, want 1", len(cases))
	}
	c := cases[0]
	wantCase := Case{
		ID: got.CaseID, RegistrationID: c.RegistrationID, Creditor: testCreditor, Account: testAccount,
		Status: StatusRegistered, OCR: got.OCR, Currency: "SEK", CreatedAt: c.CreatedAt,
		Customer: Customer{
			Name: "Bageri Lindqvist AB", IDNumber: "556677-8899", IsCompany: true,
			Email: "ekonomi@lindqvist.example",
			Address: Address{
				AddressLine1: "Storgatan 12", ZipCode: "111 22", City: "Stockholm", Country: "SE",
			},
		},
		Debts: []Debt{{
			InvoiceNumber: "1001", InvoiceDate: "2026-09-01", CapitalToClaim: "1250.50", DueDays: 30,
		}},
	}
	if !equalCase(c, wantCase) {
		t.Errorf("sandbox received\n%+v\nwant\n%+v", c, wantCase)
	}
}

func equalCase(a, b Case) bool {
	if len(a.Debts) != len(b.Debts) {
		return false
	}
	for i := range a.Debts {
		if a.Debts[i] != b.Debts[i] {
			return false
		}
	}
	a.Debts, b.Debts = nil, nil
	return a.ID == b.ID && a.RegistrationID == b.RegistrationID && a.Creditor == b.Creditor &&
		a.Account == b.Account && a.Status == b.Status && a.OCR == b.OCR &&
		a.Currency == b.Currency && a.Customer == b.Customer && a.CreatedAt.Equal(b.CreatedAt)
}

func TestRegisterCaseFailures(t *testing.T) {
	tests := []struct {
		name          string
		arrange       func(f *fixture, l *core.Letter)
		code          core.ErrorCode
		message       string
		registrations int
	}{
		{
			name:    "a customer without an id number is refused with Amili's reason",
			arrange: func(f *fixture, l *core.Letter) { l.Customer.IDNumber = "" },
			code:    core.EINVALID,
			message: "Amili refused invoice 1001: Validation failed: customer.id_number is required",
		},
		{
			name:    "a fully paid invoice is refused because there is nothing to claim",
			arrange: func(f *fixture, l *core.Letter) { l.Invoice.Paid = l.Invoice.Total },
			code:    core.EINVALID,
			message: "debts[0].capital_to_claim must be an amount greater than 0",
		},
		{
			name:    "an invoice without a date is refused",
			arrange: func(f *fixture, l *core.Letter) { l.Invoice.InvoiceDate = core.Date{} },
			code:    core.EINVALID,
			message: "debts[0].invoice_date must be a date",
		},
		{
			name:    "settings without an account are refused",
			arrange: func(f *fixture, l *core.Letter) { f.settings.AccountID = "" },
			code:    core.EINVALID,
			message: "account is required",
		},
		{
			name:    "an invoice in euro is refused before anything is sent",
			arrange: func(f *fixture, l *core.Letter) { l.Invoice.Currency = "EUR" },
			code:    core.EINVALID,
			message: "Amili only takes invoices in SEK; invoice 1001 is in EUR",
		},
		{
			name:    "a plain-http address off loopback is refused before anything is sent",
			arrange: func(f *fixture, l *core.Letter) { f.settings.BaseURL = "http://api.amili.example" },
			code:    core.EINVALID,
			message: "is not a valid https address",
		},
		{
			name:    "a server error leaves the outcome unavailable",
			arrange: func(f *fixture, l *core.Letter) { f.sandbox.FailNext(1, FailServerError) },
			code:    core.EUNAVAILABLE,
			message: "Amili could not be reached",
		},
		{
			name:    "a timeout leaves the outcome unavailable",
			arrange: func(f *fixture, l *core.Letter) { f.sandbox.FailNext(1, FailTimeout) },
			code:    core.EUNAVAILABLE,
			message: "Amili could not be reached",
		},
		{
			name:          "a connection cut after the case was made leaves the outcome unavailable",
			arrange:       func(f *fixture, l *core.Letter) { f.sandbox.FailNext(1, FailAfterCommit) },
			code:          core.EUNAVAILABLE,
			message:       "Amili could not be reached",
			registrations: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			ctx := context.Background()
			l := testLetter("1001")
			tt.arrange(f, &l)
			_, err := f.client.RegisterCase(ctx, f.settings, l)
			wantCode(t, err, tt.code, tt.message)
			if got := f.sandbox.Registrations(); got != tt.registrations {
				t.Errorf("sandbox registered %d cases, want %d", got, tt.registrations)
			}
		})
	}
}

func TestRefusalCarriesAmilisFieldErrorsInData(t *testing.T) {
	f := newFixture(t)
	l := testLetter("1001")
	l.Customer.Name = ""
	_, err := f.client.RegisterCase(context.Background(), f.settings, l)
	e := core.AsError(err)
	fields, _ := e.Data["Fields"].([]FieldError)
	if len(fields) != 1 || fields[0].Field != "customer.name" {
		t.Errorf("Data[Fields] = %#v, want the one error on customer.name", e.Data["Fields"])
	}
	if e.Data["Invoice"] != "1001" {
		t.Errorf("Data[Invoice] = %v, want 1001", e.Data["Invoice"])
	}
}

// A careful caller that saw EUNAVAILABLE asks FindCase before it sends again: the case
// made before the connection was cut is found, and nothing is registered twice.
func TestUncertainSendIsFoundBeforeARetry(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.sandbox.FailNext(1, FailAfterCommit)
	_, err := f.client.RegisterCase(ctx, f.settings, testLetter("1001"))
	wantCode(t, err, core.EUNAVAILABLE, "Amili could not be reached")

	found, ok, err := f.client.FindCase(ctx, f.settings, "1001")
	if err != nil || !ok {
		t.Fatalf("FindCase = %+v, %v, %v; want the case made before the cut", found, ok, err)
	}
	if found.InvoiceNumber != "1001" || !core.ValidOCR(found.OCR) || found.State != core.AmiliRegistered {
		t.Errorf("found %+v, want invoice 1001, registered, with an OCR", found)
	}
	if got := f.sandbox.Registrations(); got != 1 {
		t.Errorf("sandbox registered %d cases, want 1", got)
	}
	if got := f.sandbox.Cases()[0].ID; got != found.CaseID {
		t.Errorf("found case %s, sandbox made %s", found.CaseID, got)
	}

	// Even a careless caller that sends again gets the same case back (409), not a twin.
	again, err := f.client.RegisterCase(ctx, f.settings, testLetter("1001"))
	if err != nil || again != found {
		t.Errorf("sending again = %+v, %v; want %+v", again, err, found)
	}
	if got := f.sandbox.Registrations(); got != 1 {
		t.Errorf("after sending again the sandbox registered %d cases, want 1", got)
	}
}

func TestRegisteringAnInvoiceAgainReturnsTheExistingCase(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	first, err := f.client.RegisterCase(ctx, f.settings, testLetter("1001"))
	if err != nil {
		t.Fatal(err)
	}
	f.sandbox.SetCaseStatus(first.CaseID, StatusReminderSent)
	again, err := f.client.RegisterCase(ctx, f.settings, testLetter("1001"))
	if err != nil {
		t.Fatalf("second registration: %v, want the existing case", err)
	}
	want := first
	want.State = core.AmiliReminderSent
	if again != want {
		t.Errorf("second registration = %+v, want %+v", again, want)
	}
	if got := f.sandbox.Registrations(); got != 1 {
		t.Errorf("sandbox registered %d cases, want 1", got)
	}
}

func TestFindCase(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	made, err := f.client.RegisterCase(ctx, f.settings, testLetter("1001"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		creditor  func(t *testing.T) core.AmiliSettings
		invoice   string
		wantFound bool
	}{
		{"a registered invoice is found", same(f), "1001", true},
		{"an invoice never registered is not found", same(f), "1002", false},
		{"another creditor's invoice is not found", otherCreditor(f), "1001", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, found, err := f.client.FindCase(ctx, tt.creditor(t), tt.invoice)
			if err != nil {
				t.Fatal(err)
			}
			if found != tt.wantFound {
				t.Fatalf("found = %v, want %v", found, tt.wantFound)
			}
			if found && got != made {
				t.Errorf("found %+v, want %+v", got, made)
			}
		})
	}
}

func same(f *fixture) func(t *testing.T) core.AmiliSettings {
	return func(t *testing.T) core.AmiliSettings { return f.settings }
}

// otherCreditor registers a second creditor with the same sandbox.
func otherCreditor(f *fixture) func(t *testing.T) core.AmiliSettings {
	return func(t *testing.T) core.AmiliSettings {
		keyFile, pub := writeKey(t, "ed25519")
		f.sandbox.RegisterCreditor("CR-0002", pub)
		s := f.settings
		s.CreditorID, s.KeyFile = "CR-0002", keyFile
		return s
	}
}

func TestCaseStatus(t *testing.T) {
	tests := []struct {
		amili string
		want  core.AmiliState
	}{
		{StatusRegistered, core.AmiliRegistered},
		{StatusReminderSent, core.AmiliReminderSent},
		{StatusDebtCollection, core.AmiliDebtCollection},
		{StatusPaid, core.AmiliPaid},
		{StatusClosed, core.AmiliClosed},
		{"Withdrawn", core.AmiliClosed},
		{"collection", core.AmiliDebtCollection},
	}
	f := newFixture(t)
	ctx := context.Background()
	made, err := f.client.RegisterCase(ctx, f.settings, testLetter("1001"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run("Amili's status "+tt.amili+" reads as "+string(tt.want), func(t *testing.T) {
			f.sandbox.SetCaseStatus(made.CaseID, tt.amili)
			got, err := f.client.CaseStatus(ctx, f.settings, made.CaseID)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("state = %q, want %q", got, tt.want)
			}
		})
	}
	t.Run("a status Påminn does not know is an internal error naming it", func(t *testing.T) {
		f.sandbox.SetCaseStatus(made.CaseID, "on_the_moon")
		_, err := f.client.CaseStatus(ctx, f.settings, made.CaseID)
		wantCode(t, err, core.EINTERNAL, "on_the_moon")
	})
	t.Run("a case Amili does not have is not found", func(t *testing.T) {
		_, err := f.client.CaseStatus(ctx, f.settings, "C-2026-999999")
		wantCode(t, err, core.ENOTFOUND, "Amili has no case C-2026-999999")
	})
}

func TestCaseMovesToReminderSentByItself(t *testing.T) {
	f := newFixture(t)
	clock := newTestClock(time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC))
	f.sandbox.Now, f.client.Now = clock.Now, clock.Now
	ctx := context.Background()
	made, err := f.client.RegisterCase(ctx, f.settings, testLetter("1001"))
	if err != nil {
		t.Fatal(err)
	}
	if made.CaseID != "C-2026-000001" {
		t.Errorf("first case id = %s, want C-2026-000001", made.CaseID)
	}
	clock.Add(f.sandbox.ReminderAfter)
	got, err := f.client.CaseStatus(ctx, f.settings, made.CaseID)
	if err != nil {
		t.Fatal(err)
	}
	if got != core.AmiliReminderSent {
		t.Errorf("state after %v = %q, want reminder_sent", f.sandbox.ReminderAfter, got)
	}
}

func TestAccessTokens(t *testing.T) {
	t.Run("a cached token is used until shortly before it expires", func(t *testing.T) {
		f := newFixture(t)
		clock := newTestClock(time.Now())
		f.client.Now = clock.Now
		ctx := context.Background()
		if err := f.client.Verify(ctx, f.settings, nil); err != nil {
			t.Fatal(err)
		}
		// The key is replaced at Amili: only a cached token can still get through.
		_, other := writeKey(t, "ed25519")
		f.sandbox.RegisterCreditor(testCreditor, other)
		if _, err := f.client.RegisterCase(ctx, f.settings, testLetter("1001")); err != nil {
			t.Fatalf("with a cached token: %v", err)
		}
		clock.Add(f.sandbox.TokenLife - time.Second)
		_, err := f.client.RegisterCase(ctx, f.settings, testLetter("1002"))
		wantCode(t, err, core.EINVALID, "did not accept the credentials")
	})
	t.Run("a token Amili no longer accepts is renewed once and the call goes through", func(t *testing.T) {
		f := newFixture(t)
		ctx := context.Background()
		if err := f.client.Verify(ctx, f.settings, nil); err != nil {
			t.Fatal(err)
		}
		// As if Amili had revoked the token the client still holds as good.
		f.client.remember(f.settings, tokenAnswer{AccessToken: "revoked", ExpiresIn: 3600}, time.Now())
		if _, err := f.client.RegisterCase(ctx, f.settings, testLetter("1001")); err != nil {
			t.Fatal(err)
		}
		if got := f.sandbox.Registrations(); got != 1 {
			t.Errorf("sandbox registered %d cases, want 1", got)
		}
	})
}

func TestRegistrationAmountIsTheBalanceInKronorWithTwoDecimals(t *testing.T) {
	tests := []struct {
		name        string
		total, paid string
		want        string
	}{
		{"whole kronor get two decimals", "1000", "0", "1000.00"},
		{"a payment is taken off", "1500.50", "250", "1250.50"},
		{"fractions of öre are rounded half away from zero", "99.995", "0", "100.00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := testLetter("1001")
			l.Invoice.Total = decimal.RequireFromString(tt.total)
			l.Invoice.Paid = decimal.RequireFromString(tt.paid)
			reg, err := registrationFor(core.AmiliSettings{CreditorID: testCreditor}, l)
			if err != nil {
				t.Fatal(err)
			}
			if got := reg.Debts[0].CapitalToClaim; got != tt.want {
				t.Errorf("capital_to_claim = %q, want %q", got, tt.want)
			}
		})
	}
}
