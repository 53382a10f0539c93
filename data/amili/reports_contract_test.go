package amili

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"paminn/core"
)

// creditingFields are the fields of POST /creditor--creditings, as CONTRACT.md lists
// them: docs.amili.se's required ones and docs-alpha's optional ones, by name.
var creditingFields = []string{"creditor", "case", "invoice_number", "currency", "amount", "origin",
	"credit_invoice", "client_registration_date", "creditor_reference"}

// CONTRACT.md, "A credit note": the client sends the documented example's fields with
// the documented values, and besides them only docs-alpha's optional fields; never
// account (read-only there) nor any field the docs do not list.
func TestTheCreditingIsTheDocumentedOneFieldByField(t *testing.T) {
	s, bodies := goldenServer(t, func(*http.Request) (int, string) { return http.StatusCreated, "crediting_answer.json" })
	r := core.AmiliReport{Kind: core.AmiliReportCrediting, CaseRef: "6867da7788b9226bb78d716c", InvoiceNumber: "1001",
		Amount: decimal.NewFromInt(100), Date: core.MustDate("2025-08-20"), Reference: "paminn-b00k-credit-1", CreditNumber: "K-7"}
	id, err := NewClient().ReportCrediting(context.Background(), s, r)
	if err != nil || id != "6867da77eaa52b3ff595b5b0" {
		t.Fatalf("ReportCrediting = %q, %v", id, err)
	}
	var got, want map[string]any
	decodeExact(t, (*bodies)[0], &got)
	decodeExact(t, golden(t, "crediting_request.json"), &want)
	for k := range got {
		if !contains(creditingFields, k) {
			t.Errorf("%s: sent, but CONTRACT.md lists no such crediting field", k)
		}
	}
	required := map[string]any{}
	for k := range want {
		required[k] = got[k]
	}
	compareJSON(t, "", required, want)
	if got["creditor_reference"] != r.Reference || got["client_registration_date"] != "Wed, 20 Aug 2025 00:00:00 GMT" {
		t.Errorf("optional fields %v, want the report's reference and the credit's date", got)
	}
}

// post sends a JSON body with the sandbox's access token and returns the status and
// the fields named in Eve's `_issues` (an answer other than an Eve error names none).
func (r *rawSandbox) post(t *testing.T, path, tok string, body map[string]any) (int, []string) {
	t.Helper()
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest(http.MethodPost, r.url+path, bytes.NewReader(b))
	req.Header.Set("X-API-Key", tok)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	answer, _ := io.ReadAll(resp.Body)
	var e EveError
	if json.Unmarshal(answer, &e) != nil || resp.StatusCode >= 400 && e.Status != "ERR" {
		t.Fatalf("status %d, not an Eve answer: %s", resp.StatusCode, answer)
	}
	var fields []string
	for _, is := range eveIssues(e.Issues) {
		fields = append(fields, is.Field)
	}
	return resp.StatusCode, fields
}

// registered registers CONTRACT.md's example registration and returns its case id.
func (r *rawSandbox) registered(t *testing.T, tok string) string {
	t.Helper()
	var reg map[string]any
	if err := json.Unmarshal(golden(t, "registration_request.json"), &reg); err != nil {
		t.Fatal(err)
	}
	if status, issues := r.post(t, registrationsPath, tok, reg); status != http.StatusCreated {
		t.Fatalf("the documented registration: %d %v", status, issues)
	}
	return r.sb.Cases()[0].ID
}

// The sandbox takes a crediting exactly as CONTRACT.md documents it, and refuses,
// as Eve does, every field the docs do not list (the three the client used to send
// among them), the read-only account, and case and invoice_number together.
func TestTheSandboxTakesTheDocumentedCreditingAndRefusesAnyOtherField(t *testing.T) {
	r := newRawSandbox(t)
	tok := r.token(t)
	caseID := r.registered(t, tok)
	tests := []struct {
		name   string
		edit   func(c map[string]any)
		status int
		issue  string
	}{
		{"the documented example is accepted", func(map[string]any) {}, http.StatusCreated, ""},
		{"docs-alpha's optional fields are accepted", func(c map[string]any) {
			c["credit_invoice"], c["creditor_reference"] = "K-7", "ref-1"
			c["client_registration_date"] = "Wed, 20 Aug 2025 00:00:00 GMT"
		}, http.StatusCreated, ""},
		{"the invoice number instead of the case is accepted", func(c map[string]any) {
			delete(c, "case")
			c["invoice_number"] = "1001"
		}, http.StatusCreated, ""},
		{"crediting_date is refused", func(c map[string]any) { c["crediting_date"] = "Wed, 20 Aug 2025 00:00:00 GMT" },
			http.StatusUnprocessableEntity, "crediting_date"},
		{"credit_invoice_number is refused", func(c map[string]any) { c["credit_invoice_number"] = "K-7" },
			http.StatusUnprocessableEntity, "credit_invoice_number"},
		{"creditor_crediting_reference is refused", func(c map[string]any) { c["creditor_crediting_reference"] = "r" },
			http.StatusUnprocessableEntity, "creditor_crediting_reference"},
		{"the read-only account is refused", func(c map[string]any) { c["account"] = testAccount },
			http.StatusUnprocessableEntity, "account"},
		{"case and invoice number together are refused", func(c map[string]any) { c["invoice_number"] = "1001" },
			http.StatusUnprocessableEntity, "invoice_number"},
		{"a crediting without a case is refused", func(c map[string]any) { delete(c, "case") },
			http.StatusUnprocessableEntity, "case"},
		{"a crediting without origin is refused", func(c map[string]any) { delete(c, "origin") },
			http.StatusUnprocessableEntity, "origin"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var c map[string]any
			if err := json.Unmarshal(golden(t, "crediting_request.json"), &c); err != nil {
				t.Fatal(err)
			}
			c["case"] = caseID // the document's id is an example; the sandbox made its own
			tt.edit(c)
			status, issues := r.post(t, creditingsPath, tok, c)
			if status != tt.status || tt.issue != "" && !contains(issues, tt.issue) {
				t.Errorf("status %d issues %v, want %d naming %q", status, issues, tt.status, tt.issue)
			}
		})
	}
}

// The documented case names its registration, and the registration read back lists
// the OCR it issued for the debt: the client reads the OCR there, finding the debt by
// its invoice number (the read-back need not repeat the POST answer's `_cases`).
// registration_read.json is CONTRACT.md's registration request with its answer's
// meta fields, without `_cases`.
func TestTheOCRIsReadFromTheCasesRegistration(t *testing.T) {
	s, _ := goldenServer(t, func(r *http.Request) (int, string) {
		if strings.HasPrefix(r.URL.Path, registrationsPath+"/") {
			return http.StatusOK, "registration_read.json"
		}
		return http.StatusOK, "case.json"
	})
	got, err := NewClient().ReadCase(context.Background(), s, "6867da7788b9226bb78d716c")
	if err != nil || got.OCR != "20251852687013699044" {
		t.Errorf("case %+v (%v), want the OCR 20251852687013699044", got, err)
	}
}

// A withdrawal and a crediting can be looked up by their case, as a payment can,
// and a list that is not filtered by the case is no answer.
func TestCreditingsAndWithdrawalsAreLookedUpByTheirCase(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	made, err := f.client.RegisterCase(ctx, f.settings, testLetter("1001"))
	if err != nil {
		t.Fatal(err)
	}
	other, err := f.client.RegisterCase(ctx, f.settings, testLetter("1002"))
	if err != nil {
		t.Fatal(err)
	}
	credit := core.AmiliReport{Kind: core.AmiliReportCrediting, CaseRef: made.CaseID, InvoiceNumber: "1001",
		Amount: decimal.NewFromInt(10), Date: core.MustDate("2026-11-20"), Reference: "paminn-b00k-credit-1"}
	cancel := core.AmiliReport{Kind: core.AmiliReportCancellation, CaseRef: made.CaseID, InvoiceNumber: "1001"}
	for _, r := range []core.AmiliReport{credit, cancel} {
		if found, _, err := f.client.FindReport(ctx, f.settings, r); err != nil || found {
			t.Fatalf("%s before: found %v, %v", r.Kind, found, err)
		}
	}
	if _, err := f.client.ReportCrediting(ctx, f.settings, credit); err != nil {
		t.Fatal(err)
	}
	if _, err := f.client.CancelCase(ctx, f.settings, other.CaseID); err != nil {
		t.Fatal(err)
	}
	if found, _, err := f.client.FindReport(ctx, f.settings, cancel); err != nil || found {
		t.Fatalf("another case's withdrawal counted as this one's: %v, %v", found, err)
	}
	id, err := f.client.CancelCase(ctx, f.settings, made.CaseID)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []core.AmiliReport{credit, cancel} {
		if found, ref, err := f.client.FindReport(ctx, f.settings, r); err != nil || !found || r == cancel && ref != id {
			t.Errorf("%s after: found %v %q, %v", r.Kind, found, ref, err)
		}
	}
	cancel.CaseRef = other.CaseID
	f.sandbox.FailNext(1, FailUnfiltered)
	_, _, err = f.client.FindReport(ctx, f.settings, cancel)
	wantCode(t, err, core.EUNAVAILABLE, "not sent twice")
	f.sandbox.FailNext(1, FailMalformed)
	_, _, err = f.client.FindReport(ctx, f.settings, credit)
	wantCode(t, err, core.EUNAVAILABLE, "not sent twice")
}
