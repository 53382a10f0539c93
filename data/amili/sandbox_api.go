package amili

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/shopspring/decimal"

	"paminn/core"
)

// The request handlers of the sandbox. Callers hold no lock; each handler takes
// s.mu for the state it touches.

// apiKeyMethods are the JWT algorithms the sandbox accepts: asymmetric only, so a
// public key can never be used as an HMAC secret.
var apiKeyMethods = []string{"EdDSA", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"}

// authenticate exchanges a signed JWT (X-API-Key) for an access token.
func (s *Sandbox) authenticate(w http.ResponseWriter, r *http.Request) {
	creditor, err := s.verifyAPIKey(r.Header.Get("X-API-Key"))
	if err != nil {
		writeJSON(w, http.StatusUnauthorized, problem{Message: "Invalid API key: " + err.Error()})
		return
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		writeJSON(w, http.StatusInternalServerError, problem{Message: "Internal server error"})
		return
	}
	token := base64.RawURLEncoding.EncodeToString(raw)
	s.mu.Lock()
	s.tokens[token] = session{creditor: creditor, expires: s.now().Add(s.TokenLife)}
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, tokenAnswer{
		AccessToken: token, TokenType: "Bearer", ExpiresIn: int(s.TokenLife / time.Second),
	})
}

// verifyAPIKey checks a JWT's signature against its issuer's registered key, and
// its iat and exp, and returns the issuer.
func (s *Sandbox) verifyAPIKey(raw string) (creditor string, err error) {
	if raw == "" {
		return "", errors.New("the X-API-Key header is missing")
	}
	var claims jwt.RegisteredClaims
	_, err = jwt.ParseWithClaims(raw, &claims, func(t *jwt.Token) (any, error) {
		iss, err := t.Claims.GetIssuer()
		if err != nil {
			return nil, err
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		key, ok := s.keys[iss]
		if !ok {
			return nil, fmt.Errorf("unknown creditor %q", iss)
		}
		return key, nil
	},
		jwt.WithValidMethods(apiKeyMethods),
		jwt.WithIssuedAt(),
		jwt.WithExpirationRequired(),
		jwt.WithTimeFunc(s.now),
		jwt.WithLeeway(time.Minute))
	if err != nil {
		return "", err
	}
	return claims.Issuer, nil
}

// creditorOf returns the creditor behind the request's bearer token, or answers 401.
func (s *Sandbox) creditorOf(w http.ResponseWriter, r *http.Request) (string, bool) {
	token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	s.mu.Lock()
	sess, known := s.tokens[token]
	s.mu.Unlock()
	if !ok || !known || !s.now().Before(sess.expires) {
		writeJSON(w, http.StatusUnauthorized, problem{Message: "Missing, unknown or expired access token"})
		return "", false
	}
	return sess.creditor, true
}

// register creates a case from a valid registration: 201 with the case, 422 with the
// field errors, 409 if an invoice already has a case for the creditor.
func (s *Sandbox) register(w http.ResponseWriter, r *http.Request) {
	creditor, ok := s.creditorOf(w, r)
	if !ok {
		return
	}
	var reg Registration
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxAnswer)).Decode(&reg); err != nil {
		writeJSON(w, http.StatusBadRequest, problem{Message: "The request body is not valid JSON: " + err.Error()})
		return
	}
	if errs := validateRegistration(reg, creditor); len(errs) > 0 {
		writeJSON(w, http.StatusUnprocessableEntity, problem{Message: "Validation failed", Errors: errs})
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, d := range reg.Debts {
		if c := s.caseFor(creditor, d.InvoiceNumber); c != nil {
			writeJSON(w, http.StatusConflict, problem{
				Message: fmt.Sprintf("Invoice %s is already registered in case %s", d.InvoiceNumber, c.ID),
				CaseID:  c.ID,
			})
			return
		}
	}
	c, err := s.newCase(reg)
	if err == nil {
		err = s.saveState()
	}
	if err != nil {
		writeJSON(w, http.StatusInternalServerError, problem{Message: err.Error()})
		return
	}
	writeJSON(w, http.StatusCreated, registrationAnswer{
		ID: c.RegistrationID, Status: StatusRegistered, Cases: []Case{s.current(c)},
	})
}

// newCase records a registration as a case; the caller holds s.mu.
func (s *Sandbox) newCase(reg Registration) (*sandboxCase, error) {
	s.caseSeq++
	now := s.now()
	ocr, err := core.MakeOCR(fmt.Sprintf("%02d%06d", now.Year()%100, s.caseSeq), false)
	if err != nil {
		return nil, err
	}
	c := &sandboxCase{Case: Case{
		ID:             fmt.Sprintf("C-%d-%06d", now.Year(), s.caseSeq),
		RegistrationID: fmt.Sprintf("R-%d-%06d", now.Year(), s.caseSeq),
		Creditor:       reg.Creditor,
		Account:        reg.Account,
		Status:         StatusRegistered,
		OCR:            ocr,
		Currency:       reg.Currency,
		Customer:       reg.Customer,
		Debts:          append([]Debt(nil), reg.Debts...),
		CreatedAt:      now.UTC(),
	}}
	s.cases = append(s.cases, c)
	return c, nil
}

// listCases answers GET /cases, optionally filtered by ?invoice_number=.
func (s *Sandbox) listCases(w http.ResponseWriter, r *http.Request) {
	creditor, ok := s.creditorOf(w, r)
	if !ok {
		return
	}
	number := r.URL.Query().Get("invoice_number")
	s.mu.Lock()
	list := caseList{Cases: []Case{}}
	for _, c := range s.cases {
		if c.Creditor == creditor && (number == "" || c.hasInvoice(number)) {
			list.Cases = append(list.Cases, s.current(c))
		}
	}
	s.mu.Unlock()
	list.Count = len(list.Cases)
	writeJSON(w, http.StatusOK, list)
}

// getCase answers GET /cases/{id}; another creditor's case is not found.
func (s *Sandbox) getCase(w http.ResponseWriter, r *http.Request) {
	creditor, ok := s.creditorOf(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	c := s.caseByID(r.PathValue("id"))
	var found Case
	if c != nil && c.Creditor == creditor {
		found = s.current(c)
	}
	s.mu.Unlock()
	if found.ID == "" {
		writeJSON(w, http.StatusNotFound, problem{Message: "Case not found"})
		return
	}
	writeJSON(w, http.StatusOK, found)
}

// current returns a copy of the case with its status moved on by time; the caller
// holds s.mu.
func (s *Sandbox) current(c *sandboxCase) Case {
	if !c.pinned && c.Status == StatusRegistered && s.ReminderAfter > 0 &&
		s.now().Sub(c.CreatedAt) >= s.ReminderAfter {
		c.Status = StatusReminderSent
	}
	out := c.Case
	out.Debts = append([]Debt(nil), c.Debts...)
	return out
}

// caseByID finds a case by id; the caller holds s.mu.
func (s *Sandbox) caseByID(id string) *sandboxCase {
	for _, c := range s.cases {
		if c.ID == id {
			return c
		}
	}
	return nil
}

// caseFor finds the creditor's case holding an invoice; the caller holds s.mu.
func (s *Sandbox) caseFor(creditor, invoiceNumber string) *sandboxCase {
	for _, c := range s.cases {
		if c.Creditor == creditor && c.hasInvoice(invoiceNumber) {
			return c
		}
	}
	return nil
}

// validateRegistration lists what is wrong with a registration by creditor.
func validateRegistration(reg Registration, creditor string) []FieldError {
	var errs []FieldError
	add := func(field, msg string) { errs = append(errs, FieldError{Field: field, Message: msg}) }
	if reg.Creditor != creditor {
		add("creditor", "does not match the authenticated creditor")
	}
	if strings.TrimSpace(reg.Account) == "" {
		add("account", "is required")
	}
	if reg.Currency != "SEK" {
		add("currency", "must be SEK")
	}
	if reg.FirstAction != "reminder" {
		add("first_action", `must be "reminder"`)
	}
	if strings.TrimSpace(reg.Customer.Name) == "" {
		add("customer.name", "is required")
	}
	if strings.TrimSpace(reg.Customer.IDNumber) == "" {
		add("customer.id_number", "is required")
	}
	if len(reg.Debts) == 0 {
		add("debts", "must hold at least one debt")
	}
	seen := make(map[string]bool)
	for i, d := range reg.Debts {
		field := func(name string) string { return fmt.Sprintf("debts[%d].%s", i, name) }
		switch {
		case strings.TrimSpace(d.InvoiceNumber) == "":
			add(field("invoice_number"), "is required")
		case seen[d.InvoiceNumber]:
			add(field("invoice_number"), "appears twice")
		}
		seen[d.InvoiceNumber] = true
		if _, err := time.Parse(time.DateOnly, d.InvoiceDate); err != nil {
			add(field("invoice_date"), "must be a date in the form YYYY-MM-DD")
		}
		if amount, err := decimal.NewFromString(d.CapitalToClaim); err != nil || !amount.IsPositive() {
			add(field("capital_to_claim"), "must be an amount greater than 0")
		}
		if d.DueDays < 0 {
			add(field("invoice_due_days_after_invoice_date"), "must not be negative")
		}
	}
	return errs
}

// writeJSON answers with v as JSON.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v) // the client may have gone; nothing to do then
}
