package amili

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"paminn/core"
)

// The contract tests hold the client to CONTRACT.md: the files in testdata are the
// documented examples, copied verbatim. The client's requests are checked against
// them field by field; the documented answers are fed to the client as they stand.

// contractHandover is the invoice of CONTRACT.md's registration example, as Påminn
// holds it: Anna Andersson's invoice 1001 of 16 June 2025, 2 050 kr, 30 days, with a
// 60 kr reminder fee charged on 11 August 2025.
func contractHandover() core.AmiliHandover {
	return core.AmiliHandover{
		Customer: core.Customer{Name: "Anna Andersson", IDNumber: "20250101-2385", Email: "anna@example.se",
			Mobile: "070-123 45 67", Address: core.Address{Line1: "Storgatan 1", ZipCode: "123 45", City: "Stockholm", Country: "SE"}},
		Invoice: core.Invoice{Number: "1001", InvoiceDate: core.MustDate("2025-06-16"), DueDate: core.MustDate("2025-07-16"),
			Total: decimal.NewFromInt(2050), Currency: "SEK"},
		ReminderFee: decimal.NewFromInt(60), ReminderFeeDate: core.MustDate("2025-08-11"),
	}
}

// goldenServer answers authentication with a token and every other request with the
// status and testdata file that answer(r) names; it keeps the requests' bodies.
func goldenServer(t *testing.T, answer func(r *http.Request) (int, string)) (core.AmiliSettings, *[][]byte) {
	t.Helper()
	var bodies [][]byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == authPath {
			_, _ = io.WriteString(w, `{"token":"T"}`)
			return
		}
		if r.Header.Get("X-API-Key") != "T" {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		b, _ := io.ReadAll(r.Body)
		bodies = append(bodies, b)
		status, file := answer(r)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = w.Write(golden(t, file))
	}))
	t.Cleanup(srv.Close)
	keyFile, _ := writeKey(t, "ecdsa")
	return core.AmiliSettings{CreditorID: "674dbeb208847b9501cc9138", AccountID: "674dbeaf08847b9501cc9132",
		APICode: testAPICode, BaseURL: srv.URL, KeyFile: keyFile}, &bodies
}

func TestTheRegistrationIsTheDocumentedOneFieldByField(t *testing.T) {
	s, bodies := goldenServer(t, func(*http.Request) (int, string) { return http.StatusCreated, "registration_answer.json" })
	if _, err := NewClient().RegisterCase(context.Background(), s, contractHandover()); err != nil {
		t.Fatal(err)
	}
	var got, want map[string]any
	decodeExact(t, (*bodies)[0], &got)
	decodeExact(t, golden(t, "registration_request.json"), &want)
	// Påminn's invoices have no invoice fee inside the amount, so that documented
	// field has nothing to say and is left out.
	delete(want["debts"].([]any)[0].(map[string]any), "fees_included_in_capital_to_claim")
	compareJSON(t, "", got, want)
}

// decodeExact decodes JSON keeping numbers as their literal text.
func decodeExact(t *testing.T, b []byte, v any) {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		t.Fatalf("%v in %s", err, b)
	}
}

// compareJSON reports every field where got and want differ: numbers compare as
// exact decimals (2050.00 is 2050.0), everything else as it stands.
func compareJSON(t *testing.T, path string, got, want any) {
	t.Helper()
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			t.Errorf("%s: got %v, want an object", path, got)
			return
		}
		for k := range w {
			if _, ok := g[k]; !ok {
				t.Errorf("%s.%s: missing", path, k)
			}
		}
		for k := range g {
			if _, ok := w[k]; !ok {
				t.Errorf("%s.%s: sent, but not in the documented example", path, k)
				continue
			}
			compareJSON(t, path+"."+k, g[k], w[k])
		}
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			t.Errorf("%s: got %v, want %v", path, got, want)
			return
		}
		for i := range w {
			compareJSON(t, path+"["+string(rune('0'+i))+"]", g[i], w[i])
		}
	case json.Number:
		g, ok := got.(json.Number)
		if !ok || !decimal.RequireFromString(g.String()).Equal(decimal.RequireFromString(w.String())) {
			t.Errorf("%s: got %v (%T), want the number %s", path, got, got, w)
		}
	default:
		if got != want {
			t.Errorf("%s: got %#v, want %#v", path, got, want)
		}
	}
}

func TestTheDocumentedRegistrationAnswerGivesTheCaseAndItsOCR(t *testing.T) {
	s, _ := goldenServer(t, func(*http.Request) (int, string) { return http.StatusCreated, "registration_answer.json" })
	got, err := NewClient().RegisterCase(context.Background(), s, contractHandover())
	if err != nil {
		t.Fatal(err)
	}
	want := core.AmiliCase{CaseID: "6867da7788b9226bb78d716c", InvoiceNumber: "1001", OCR: "20251852687013699044",
		State: core.AmiliRegistered}
	if got != want {
		t.Errorf("case %+v, want %+v", got, want)
	}
}

func TestTheDocumentedCaseReads(t *testing.T) {
	s, _ := goldenServer(t, func(r *http.Request) (int, string) { return http.StatusOK, "case.json" })
	got, err := NewClient().ReadCase(context.Background(), s, "6867da7788b9226bb78d716c")
	if err != nil {
		t.Fatal(err)
	}
	if got.State != core.AmiliDebtCollection || got.InvoiceNumber != "1001" || got.Raw != "" {
		t.Errorf("case %+v, want invoice 1001 in debt collection", got)
	}
}

func TestTheDocumentedErrorNamesTheFieldInOneMessage(t *testing.T) {
	s, _ := goldenServer(t, func(*http.Request) (int, string) { return http.StatusUnprocessableEntity, "error_422.json" })
	_, err := NewClient().RegisterCase(context.Background(), s, contractHandover())
	wantCode(t, err, core.EINVALID, "Amili refused invoice 1001: the invoice date — …")
	if e := core.AsError(err); e.Message != "Amili refused invoice {{.Invoice}}: the invoice date — {{.Reason}}" {
		t.Errorf("message template %q: the GUI translates it by this key", e.Message)
	}
}

// CONTRACT.md, Errors: 400/422 invalid, 401/403 credentials, 404, 408/429/5xx
// unavailable; anything else is unexpected.
func TestHTTPStatusesMapToErrorCodes(t *testing.T) {
	tests := []struct {
		status int
		code   core.ErrorCode
		text   string
	}{
		{http.StatusBadRequest, core.EINVALID, "Amili refused invoice 1001: the invoice date"},
		{http.StatusUnprocessableEntity, core.EINVALID, "Amili refused invoice 1001: the invoice date"},
		{http.StatusForbidden, core.EINVALID, "did not accept the credentials"},
		{http.StatusNotFound, core.EINVALID, "Amili's API was not found"},
		{http.StatusRequestTimeout, core.EUNAVAILABLE, "could not be reached"},
		{http.StatusTooManyRequests, core.EUNAVAILABLE, "could not be reached"},
		{http.StatusInternalServerError, core.EUNAVAILABLE, "could not be reached"},
		{http.StatusServiceUnavailable, core.EUNAVAILABLE, "could not be reached"},
		{http.StatusTeapot, core.EINTERNAL, "unexpected answer (418)"},
	}
	for _, tt := range tests {
		t.Run(http.StatusText(tt.status), func(t *testing.T) {
			s, _ := goldenServer(t, func(*http.Request) (int, string) { return tt.status, "error_422.json" })
			_, err := NewClient().RegisterCase(context.Background(), s, contractHandover())
			wantCode(t, err, tt.code, tt.text)
		})
	}
}
