package amili

import (
	"context"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// rawSandbox is a sandbox served over HTTP with creditors registered for each kind of
// key, for requests written by hand.
type rawSandbox struct {
	sb  *Sandbox
	url string
	ec  *ecdsa.PrivateKey
	rsa *rsa.PrivateKey
	ed  ed25519.PrivateKey
}

func newRawSandbox(t *testing.T) *rawSandbox {
	t.Helper()
	sb := NewSandbox()
	srv := httptest.NewServer(sb)
	t.Cleanup(srv.Close)
	t.Cleanup(func() { sb.Close() })
	ec, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	rk, _ := rsa.GenerateKey(rand.Reader, 2048)
	_, ed, _ := ed25519.GenerateKey(rand.Reader)
	sb.RegisterCreditor("EC", testCreditor, ec.Public())
	sb.RegisterCreditor("RSA", testCreditor, rk.Public())
	sb.RegisterCreditor("ED", testCreditor, ed.Public())
	return &rawSandbox{sb: sb, url: srv.URL, ec: ec, rsa: rk, ed: ed}
}

// jwtFor signs claims with method and key.
func jwtFor(t *testing.T, method jwt.SigningMethod, key any, claims jwt.MapClaims) string {
	t.Helper()
	s, err := jwt.NewWithClaims(method, claims).SignedString(key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func (r *rawSandbox) get(t *testing.T, path string, header map[string]string) (int, []byte) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, r.url+path, nil)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

// token gets an access token with a good ES256 JWT.
func (r *rawSandbox) token(t *testing.T) string {
	t.Helper()
	exp := time.Now().Add(5 * time.Minute).Unix()
	status, body := r.get(t, authPath, map[string]string{"X-API-Key": jwtFor(t, jwt.SigningMethodES256, r.ec,
		jwt.MapClaims{"api_code": "EC", "exp": exp})})
	tok, _, err := parseTokenAnswer(body)
	if status != http.StatusOK || err != nil {
		t.Fatalf("authentication %d %s", status, body)
	}
	return tok
}

func TestTheSandboxRefusesJWTsAmiliWouldRefuse(t *testing.T) {
	r := newRawSandbox(t)
	exp := time.Now().Add(5 * time.Minute).Unix()
	tests := []struct {
		name string
		jwt  string
		ok   bool
	}{
		{"an ES256 JWT with api_code and exp is accepted",
			jwtFor(t, jwt.SigningMethodES256, r.ec, jwt.MapClaims{"api_code": "EC", "exp": exp}), true},
		{"an RS256 JWT is accepted",
			jwtFor(t, jwt.SigningMethodRS256, r.rsa, jwt.MapClaims{"api_code": "RSA", "exp": exp}), true},
		{"an RS512 JWT is accepted",
			jwtFor(t, jwt.SigningMethodRS512, r.rsa, jwt.MapClaims{"api_code": "RSA", "exp": exp}), true},
		{"a JWT without api_code is refused",
			jwtFor(t, jwt.SigningMethodES256, r.ec, jwt.MapClaims{"iss": testCreditor, "exp": exp}), false},
		{"a JWT with claims besides api_code and exp is refused",
			jwtFor(t, jwt.SigningMethodES256, r.ec, jwt.MapClaims{"api_code": "EC", "exp": exp, "iss": "x"}), false},
		{"a JWT valid for more than 10 minutes is refused",
			jwtFor(t, jwt.SigningMethodES256, r.ec, jwt.MapClaims{"api_code": "EC", "exp": time.Now().Add(time.Hour).Unix()}), false},
		{"a JWT without exp is refused",
			jwtFor(t, jwt.SigningMethodES256, r.ec, jwt.MapClaims{"api_code": "EC"}), false},
		{"an EdDSA JWT is refused",
			jwtFor(t, jwt.SigningMethodEdDSA, r.ed, jwt.MapClaims{"api_code": "ED", "exp": exp}), false},
		{"a PS256 JWT is refused",
			jwtFor(t, jwt.SigningMethodPS256, r.rsa, jwt.MapClaims{"api_code": "RSA", "exp": exp}), false},
		{"an HS256 JWT is refused",
			jwtFor(t, jwt.SigningMethodHS256, []byte("secret"), jwt.MapClaims{"api_code": "EC", "exp": exp}), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := r.get(t, authPath, map[string]string{"X-API-Key": tt.jwt})
			if got := status == http.StatusOK; got != tt.ok {
				t.Errorf("status %d %s", status, body)
			}
		})
	}
}

func TestTheSandboxTakesTheAccessTokenOnlyInXAPIKey(t *testing.T) {
	r := newRawSandbox(t)
	tok := r.token(t)
	if status, _ := r.get(t, "/cases", map[string]string{"Authorization": "Bearer " + tok}); status != http.StatusUnauthorized {
		t.Errorf("a bearer token: %d, want 401", status)
	}
	if status, body := r.get(t, "/cases", map[string]string{"X-API-Key": tok}); status != http.StatusOK {
		t.Errorf("X-API-Key: %d %s", status, body)
	}
}

// golden reads a file of testdata, copied verbatim from CONTRACT.md.
func golden(t *testing.T, name string) []byte {
	t.Helper()
	b, err := readFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestTheSandboxRefusesRegistrationsAmiliWouldRefuse(t *testing.T) {
	r := newRawSandbox(t)
	tok := r.token(t)
	tests := []struct {
		name   string
		edit   func(reg map[string]any)
		status int
		issue  string // a dotted path in _issues
	}{
		{"the documented example is accepted", func(map[string]any) {}, http.StatusCreated, ""},
		{"a date that is not RFC 1123 is refused", func(reg map[string]any) { debt(reg)["invoice_date"] = "2025-06-16" },
			http.StatusUnprocessableEntity, "debts.0.invoice_date"},
		{"a date in UTC rather than GMT is refused", func(reg map[string]any) { debt(reg)["invoice_date"] = "Mon, 16 Jun 2025 00:00:00 UTC" },
			http.StatusUnprocessableEntity, "debts.0.invoice_date"},
		{"an amount as a string is refused", func(reg map[string]any) { debt(reg)["capital_to_claim"] = "2050.00" },
			http.StatusUnprocessableEntity, "debts.0.capital_to_claim"},
		{"an unknown field is refused", func(reg map[string]any) { reg["customer"].(map[string]any)["address_line_2"] = "Box 1" },
			http.StatusUnprocessableEntity, "customer.address_line_2"},
		{"a null is refused", func(reg map[string]any) { reg["customer"].(map[string]any)["email"] = nil },
			http.StatusUnprocessableEntity, "customer.email"},
		{"an empty string is refused", func(reg map[string]any) { reg["customer"].(map[string]any)["email"] = "" },
			http.StatusUnprocessableEntity, "customer.email"},
		{"a missing invoice number is refused", func(reg map[string]any) { delete(debt(reg), "invoice_number") },
			http.StatusUnprocessableEntity, "debts.0.invoice_number"},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var reg map[string]any
			if err := json.Unmarshal(golden(t, "registration_request.json"), &reg); err != nil {
				t.Fatal(err)
			}
			debt(reg)["invoice_number"] = "G" + string(rune('A'+i))
			tt.edit(reg)
			status, issues := r.post(t, registrationsPath, tok, reg)
			if status != tt.status {
				t.Fatalf("status %d %v, want %d", status, issues, tt.status)
			}
			if tt.issue != "" && !contains(issues, tt.issue) {
				t.Errorf("_issues %v do not name %s", issues, tt.issue)
			}
		})
	}
}

func debt(reg map[string]any) map[string]any {
	return reg["debts"].([]any)[0].(map[string]any)
}

// Eve ignores a query parameter it does not know: a filter spelled wrongly returns the
// unfiltered first page, so the client's lookup must check what it got.
func TestTheSandboxIgnoresUnknownQueryParametersAsEveDoes(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	for _, n := range []string{"1001", "1002"} {
		if _, err := f.client.RegisterCase(ctx, f.settings, testLetter(n)); err != nil {
			t.Fatal(err)
		}
	}
	tok, err := f.client.token(ctx, f.settings)
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest(http.MethodGet, f.settings.BaseURL+"/cases?invoice_number=1002", nil)
	req.Header.Set("X-API-Key", tok)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var list List[Case]
	if err := json.NewDecoder(resp.Body).Decode(&list); err != nil || len(list.Items) != 2 || list.Meta.Total != 2 {
		t.Errorf("list %+v (%v), want both cases, unfiltered", list, err)
	}
	if !strings.Contains(resp.Header.Get("Content-Type"), "json") {
		t.Error("not JSON")
	}
}
