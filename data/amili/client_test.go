package amili

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
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
		{name: "a registered ES256 key is accepted", arrange: func(t *testing.T, f *fixture) {}},
		{name: "a registered RSA key is accepted (RS256)", arrange: useKey("rsa")},
		{name: "a registered P-384 key is accepted (ES384)", arrange: useKey("p384")},
		{name: "a registered P-521 key is accepted (ES512)", arrange: useKey("p521")},
		{
			name:    "an Ed25519 key is refused before anything is sent: Amili takes no EdDSA",
			arrange: useKey("ed25519"),
			code:    core.EINVALID,
			message: "could not be read",
		},
		{
			name: "a key Amili does not know is refused as invalid credentials",
			arrange: func(t *testing.T, f *fixture) {
				f.settings.KeyFile, _ = writeKey(t, "ecdsa")
			},
			code:    core.EINVALID,
			message: "Amili did not accept the credentials for creditor " + testCreditor,
		},
		{
			name:    "an API code Amili did not give is refused as invalid credentials",
			arrange: func(t *testing.T, f *fixture) { f.settings.APICode = "WRONG" },
			code:    core.EINVALID,
			message: "did not accept the credentials",
		},
		{
			name:    "no API code is refused before anything is sent",
			arrange: func(t *testing.T, f *fixture) { f.settings.APICode = "" },
			code:    core.EINVALID,
			message: "The Amili API code is missing",
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
			name:    "a plain-http address off loopback is refused before anything is sent",
			arrange: func(t *testing.T, f *fixture) { f.settings.BaseURL = "http://api.amili.example" },
			code:    core.EINVALID,
			message: "is not a valid https address",
		},
		{
			name:    "a server that is down leaves Amili unavailable",
			arrange: func(t *testing.T, f *fixture) { f.settings.BaseURL = closedServerURL(t) },
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
		f.sandbox.RegisterCreditor(testAPICode, testCreditor, pub)
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

// CONTRACT.md, Authentication 2–4: the JWT is {api_code, exp ≤ 10 min}, signed ES256
// for a P-256 key, and every later request carries the access token in X-API-Key.
func TestTheJWTCarriesOnlyTheAPICodeAndTheTokenTravelsInXAPIKey(t *testing.T) {
	f := newFixture(t)
	if _, err := f.client.RegisterCase(context.Background(), f.settings, testLetter("1001")); err != nil {
		t.Fatal(err)
	}
	reqs := f.sandbox.Requests()
	if len(reqs) != 2 || reqs[0].Path != authPath || reqs[1].Path != registrationsPath {
		t.Fatalf("requests %+v, want authentication then registration", reqs)
	}
	claims := jwt.MapClaims{}
	tok, _, err := jwt.NewParser().ParseUnverified(reqs[0].Header.Get("X-API-Key"), claims)
	if err != nil {
		t.Fatal(err)
	}
	if alg := tok.Method.Alg(); alg != "ES256" {
		t.Errorf("alg = %s, want ES256", alg)
	}
	if len(claims) != 2 || claims["api_code"] != testAPICode {
		t.Errorf("claims = %v, want exactly api_code and exp", claims)
	}
	exp, err := claims.GetExpirationTime()
	if err != nil || time.Until(exp.Time) > 10*time.Minute || time.Until(exp.Time) <= 0 {
		t.Errorf("exp = %v (%v), want within 10 minutes", exp, err)
	}
	reg := reqs[1]
	if reg.Header.Get("Authorization") != "" || reg.Header.Get("X-API-Key") == "" || reg.Header.Get("X-API-Key") == reqs[0].Header.Get("X-API-Key") {
		t.Errorf("the registration's headers %v: want the access token in X-API-Key and no Authorization", reg.Header)
	}
	if ct := reg.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q", ct)
	}
}

func TestRegisterCaseStoresTheCaseAndTheOCRAmiliIssued(t *testing.T) {
	f := newFixture(t)
	got, err := f.client.RegisterCase(context.Background(), f.settings, testLetter("1001"))
	if err != nil {
		t.Fatal(err)
	}
	cases := f.sandbox.Cases()
	if len(cases) != 1 || got.CaseID != cases[0].ID || got.InvoiceNumber != "1001" || got.State != core.AmiliRegistered {
		t.Fatalf("case %+v; sandbox holds %+v", got, cases)
	}
	if !core.ValidOCR(got.OCR) {
		t.Errorf("OCR %q has no valid check digit", got.OCR)
	}
	c := cases[0]
	if c.Debt.InvoiceNumber != "1001" || c.Debt.CapitalToClaim.String() != "1250.5" || c.Debt.InvoiceDate != "Tue, 01 Sep 2026 00:00:00 GMT" {
		t.Errorf("sandbox's case debt %+v", c.Debt)
	}
}

func TestRegisterCaseFailures(t *testing.T) {
	tests := []struct {
		name          string
		arrange       func(f *fixture, h *core.AmiliHandover)
		code          core.ErrorCode
		message       string
		registrations int
	}{
		{
			name:    "a customer without an id number is refused, naming the field",
			arrange: func(f *fixture, h *core.AmiliHandover) { h.Customer.IDNumber = "" },
			code:    core.EINVALID,
			message: "Amili refused invoice 1001: the customer's organisation or personal number — required field",
		},
		{
			name:    "a fully paid invoice is refused because there is nothing to claim",
			arrange: func(f *fixture, h *core.AmiliHandover) { h.Invoice.Paid = h.Invoice.Total },
			code:    core.EINVALID,
			message: "Amili refused invoice 1001: the amount to claim — min value is 0.01",
		},
		{
			name:    "an invoice without a date is refused",
			arrange: func(f *fixture, h *core.AmiliHandover) { h.Invoice.InvoiceDate = core.Date{} },
			code:    core.EINVALID,
			message: "the invoice date — required field",
		},
		{
			name:    "an invoice in euro is refused before anything is sent",
			arrange: func(f *fixture, h *core.AmiliHandover) { h.Invoice.Currency = "EUR" },
			code:    core.EINVALID,
			message: "Amili only takes invoices in SEK; invoice 1001 is in EUR",
		},
		{
			name:    "a server error leaves the outcome unavailable",
			arrange: func(f *fixture, h *core.AmiliHandover) { f.sandbox.FailNext(1, FailServerError) },
			code:    core.EUNAVAILABLE,
			message: "Amili could not be reached",
		},
		{
			name: "a timeout leaves the outcome unavailable",
			arrange: func(f *fixture, h *core.AmiliHandover) {
				f.client.HTTP.Timeout = testTimeout
				f.sandbox.FailNext(1, FailTimeout)
			},
			code:    core.EUNAVAILABLE,
			message: "Amili could not be reached",
		},
		{
			name:          "a connection cut after the case was made leaves the outcome unavailable",
			arrange:       func(f *fixture, h *core.AmiliHandover) { f.sandbox.FailNext(1, FailAfterCommit) },
			code:          core.EUNAVAILABLE,
			message:       "Amili could not be reached",
			registrations: 1,
		},
		{
			name:          "a 201 with an unreadable body leaves the outcome unavailable",
			arrange:       func(f *fixture, h *core.AmiliHandover) { f.sandbox.FailNext(1, FailUnreadable) },
			code:          core.EUNAVAILABLE,
			message:       "Amili could not be reached",
			registrations: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			h := testLetter("1001")
			tt.arrange(f, &h)
			_, err := f.client.RegisterCase(context.Background(), f.settings, h)
			wantCode(t, err, tt.code, tt.message)
			if got := f.sandbox.Registrations(); got != tt.registrations {
				t.Errorf("sandbox registered %d cases, want %d", got, tt.registrations)
			}
		})
	}
}

func TestRegisteringAnInvoiceAgainReturnsTheExistingCase(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	first, err := f.client.RegisterCase(ctx, f.settings, testLetter("1001"))
	if err != nil {
		t.Fatal(err)
	}
	again, err := f.client.RegisterCase(ctx, f.settings, testLetter("1001"))
	if err != nil || again.CaseID != first.CaseID || again.OCR != first.OCR {
		t.Errorf("second registration = %+v, %v; want %+v", again, err, first)
	}
	if got := f.sandbox.Registrations(); got != 1 {
		t.Errorf("sandbox registered %d cases, want 1", got)
	}
}

func TestFindCaseFailsClosed(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	made, err := f.client.RegisterCase(ctx, f.settings, testLetter("1001"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.client.RegisterCase(ctx, f.settings, testLetter("1003")); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		fail    FailMode
		invoice string
		found   bool
		message string // "" for no error
	}{
		{name: "a registered invoice is found with its OCR", invoice: "1001", found: true},
		{name: "an invoice never registered is provably absent", invoice: "1002"},
		{name: "an unfiltered answer is an error, never absent", fail: FailUnfiltered, invoice: "1002",
			message: "came back unfiltered"},
		{name: "a malformed answer is an error, never absent", fail: FailMalformed, invoice: "1002",
			message: "could not be read"},
		{name: "a failed lookup is an error, never absent", fail: FailServerError, invoice: "1002",
			message: "could not check with Amili whether invoice 1002 is already registered"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.fail != 0 {
				f.sandbox.FailNext(1, tt.fail)
			}
			got, found, err := f.client.FindCase(ctx, f.settings, tt.invoice)
			if tt.message != "" {
				wantCode(t, err, core.EUNAVAILABLE, tt.message)
				return
			}
			if err != nil || found != tt.found {
				t.Fatalf("FindCase = %+v, %v, %v; want found %v", got, found, err, tt.found)
			}
			if found && (got.CaseID != made.CaseID || got.OCR != made.OCR) {
				t.Errorf("found %+v, want %+v", got, made)
			}
		})
	}
	// The lookup is a `where` filter on creditor and invoice number, URL-encoded JSON.
	var last Request
	for _, r := range f.sandbox.Requests() {
		if r.Path == "/cases" {
			last = r
		}
	}
	q, _ := urlQuery(last.RawQuery)
	var where map[string]any
	if err := json.Unmarshal([]byte(q.Get("where")), &where); err != nil || where["creditor"] != testCreditor ||
		where["debt.invoice_number"] != "1002" || len(where) != 2 {
		t.Errorf("where = %v (%v)", where, err)
	}
}

func TestOpenCasesPagesThroughEveryOpenCaseAndMapsTheirStates(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	var ids []string
	for i := range 205 {
		c, err := f.client.RegisterCase(ctx, f.settings, testLetter(decimal.NewFromInt(int64(2000+i)).String()))
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, c.CaseID)
	}
	f.sandbox.SetCaseState(ids[0], "debt_collection", "debt_collection_active")
	f.sandbox.SetCaseState(ids[1], "on_the_moon", "weird")
	f.sandbox.SetCaseState(ids[2], "reminder", "")
	got, err := f.client.OpenCases(ctx, f.settings)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 205 {
		t.Fatalf("%d open cases, want 205", len(got))
	}
	want := map[string]core.AmiliCase{
		ids[0]: {State: core.AmiliDebtCollection},
		ids[1]: {State: core.AmiliRegistered, Raw: "on_the_moon/weird"},
		ids[2]: {State: core.AmiliReminderSent},
		ids[3]: {State: core.AmiliRegistered},
	}
	for _, c := range got {
		if w, ok := want[c.CaseID]; ok && (c.State != w.State || c.Raw != w.Raw) {
			t.Errorf("case %s: %q %q, want %q %q", c.CaseID, c.State, c.Raw, w.State, w.Raw)
		}
	}
	pages := 0
	for _, r := range f.sandbox.Requests() {
		if r.Path == "/cases" {
			pages++
			q, _ := urlQuery(r.RawQuery)
			if q.Get("max_results") != "100" || q.Get("where") != `{"closed":false,"creditor":"`+testCreditor+`"}` {
				t.Errorf("list query %q", r.RawQuery)
			}
		}
	}
	if pages != 3 {
		t.Errorf("%d pages read, want 3 for 205 cases", pages)
	}
}

func TestAccessTokens(t *testing.T) {
	t.Run("a token Amili no longer accepts is renewed once and the call goes through", func(t *testing.T) {
		f := newFixture(t)
		ctx := context.Background()
		if err := f.client.Verify(ctx, f.settings, nil); err != nil {
			t.Fatal(err)
		}
		f.client.remember(f.settings, "revoked", time.Hour, time.Now())
		if _, err := f.client.RegisterCase(ctx, f.settings, testLetter("1001")); err != nil {
			t.Fatal(err)
		}
		if got := f.sandbox.Registrations(); got != 1 {
			t.Errorf("sandbox registered %d cases, want 1", got)
		}
	})
	t.Run("a second 401 is not retried again", func(t *testing.T) {
		f := newFixture(t)
		ctx := context.Background()
		f.client.remember(f.settings, "revoked", time.Hour, time.Now())
		f.sandbox.RegisterCreditor(testAPICode, testCreditor, mustPublic(t))
		_, err := f.client.RegisterCase(ctx, f.settings, testLetter("1001"))
		wantCode(t, err, core.EINVALID, "did not accept the credentials")
	})
}

func mustPublic(t *testing.T) any {
	_, pub := writeKey(t, "ecdsa")
	return pub
}

func TestParseTokenAnswerReadsTheDocumentedCandidates(t *testing.T) {
	for _, body := range []string{`{"access_token":"T"}`, `{"token":"T","expires_in":600}`, `"T"`, "T\n"} {
		tok, _, err := parseTokenAnswer([]byte(body))
		if err != nil || tok != "T" {
			t.Errorf("parseTokenAnswer(%q) = %q, %v", body, tok, err)
		}
	}
	for _, body := range []string{`{}`, `{"token":""}`, `<html>oops</html>`, ``} {
		if tok, _, err := parseTokenAnswer([]byte(body)); err == nil {
			t.Errorf("parseTokenAnswer(%q) = %q, want an error", body, tok)
		}
	}
}

func TestPaymentsCancellationsAndUploads(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	made, err := f.client.RegisterCase(ctx, f.settings, testLetter("1001"))
	if err != nil {
		t.Fatal(err)
	}
	r := core.AmiliReport{Kind: core.AmiliReportPayment, CaseRef: made.CaseID, InvoiceNumber: "1001",
		Amount: decimal.RequireFromString("500"), Date: core.MustDate("2026-11-20"), Reference: "paminn-b00k-payment-7"}
	if found, _, err := f.client.FindReport(ctx, f.settings, r); err != nil || found {
		t.Fatalf("before: FindReport = %v, %v", found, err)
	}
	id, err := f.client.ReportPayment(ctx, f.settings, r)
	if err != nil {
		t.Fatal(err)
	}
	if found, ref, err := f.client.FindReport(ctx, f.settings, r); err != nil || !found || ref != id {
		t.Fatalf("after: FindReport = %v %q, %v; want found %q", found, ref, err, id)
	}
	_, err = f.client.ReportPayment(ctx, f.settings, r)
	wantCode(t, err, core.EINVALID, "is not unique")
	// Another case's payment: a list that ignored the filter shows it, and is no answer.
	other, err := f.client.RegisterCase(ctx, f.settings, testLetter("1002"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.client.ReportPayment(ctx, f.settings, core.AmiliReport{CaseRef: other.CaseID, InvoiceNumber: "1002",
		Amount: decimal.RequireFromString("5"), Date: core.MustDate("2026-11-20"), Reference: "paminn-b00k-payment-8"}); err != nil {
		t.Fatal(err)
	}
	r.Reference = "other"
	f.sandbox.FailNext(1, FailUnfiltered)
	_, _, err = f.client.FindReport(ctx, f.settings, r)
	wantCode(t, err, core.EUNAVAILABLE, "not sent twice")
	ps := f.sandbox.Payments()
	if len(ps) != 2 || ps[0].Amount.String() != "500" || ps[0].Date != "Fri, 20 Nov 2026 00:00:00 GMT" {
		t.Errorf("payments %+v", ps)
	}

	pdf := filepath.Join(t.TempDir(), "1001.pdf")
	if err := os.WriteFile(pdf, []byte("%PDF-1.4 test"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := f.client.UploadInvoice(ctx, f.settings, made.CaseID, pdf); err != nil {
		t.Fatal(err)
	}
	_, err = f.client.UploadInvoice(ctx, f.settings, made.CaseID, filepath.Join(t.TempDir(), "saknas.pdf"))
	wantCode(t, err, core.EINVALID, "saknas.pdf could not be read")
	if up := f.sandbox.Uploads(); len(up) != 1 || up[0].ContentType != "application/pdf" || up[0].DottedPath != "original_invoice" {
		t.Errorf("uploads %+v", up)
	}
	if _, err := f.client.CancelCase(ctx, f.settings, made.CaseID); err != nil {
		t.Fatal(err)
	}
	c, err := f.client.ReadCase(ctx, f.settings, made.CaseID)
	if err != nil || c.State != core.AmiliClosed {
		t.Errorf("after the cancellation: %+v, %v; want closed", c, err)
	}
	_, err = f.client.ReadCase(ctx, f.settings, "000000000000000000000000")
	wantCode(t, err, core.ENOTFOUND, "Amili has no case")
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
			h := testLetter("1001")
			h.Invoice.Total = decimal.RequireFromString(tt.total)
			h.Invoice.Paid = decimal.RequireFromString(tt.paid)
			reg, err := registrationFor(core.AmiliSettings{CreditorID: testCreditor}, h)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := json.Marshal(reg.Debts[0])
			var raw map[string]json.RawMessage
			_ = json.Unmarshal(b, &raw)
			if got := string(raw["capital_to_claim"]); got != tt.want {
				t.Errorf("capital_to_claim = %s, want the number %s", got, tt.want)
			}
		})
	}
}

func TestAmountRefusesAString(t *testing.T) {
	var a Amount
	if err := json.Unmarshal([]byte(`"12.50"`), &a); err == nil {
		t.Error("a string amount was read")
	}
	if err := json.Unmarshal([]byte(`2050.0`), &a); err != nil || a.String() != "2050" {
		t.Errorf("2050.0 read as %s (%v)", a, err)
	}
}

var _ = os.ReadFile
var _ = http.StatusOK
