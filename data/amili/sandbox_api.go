package amili

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/shopspring/decimal"

	"paminn/core"
)

// The request handlers of the sandbox. Callers hold no lock; each handler takes s.mu
// for the state it touches.

// apiKeyMethods are the JWT algorithms Amili accepts: no EdDSA, no PS*, no HS*.
var apiKeyMethods = []string{"ES256", "ES384", "ES512", "RS256", "RS384", "RS512"}

// maxJWTLife is the longest a JWT may be valid: Amili takes at most 10 minutes.
const maxJWTLife = 10 * time.Minute

// authenticate exchanges a signed JWT (X-API-Key) for an access token.
func (s *Sandbox) authenticate(w http.ResponseWriter, r *http.Request) {
	creditor, err := s.verifyAPIKey(r.Header.Get("X-API-Key"))
	if err != nil {
		writeEve(w, http.StatusUnauthorized, "Invalid API key: "+err.Error(), nil)
		return
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		writeEve(w, http.StatusInternalServerError, "Internal server error", nil)
		return
	}
	token := base64.RawURLEncoding.EncodeToString(raw)
	s.mu.Lock()
	s.tokens[token] = session{creditor: creditor, expires: s.now().Add(s.TokenLife)}
	s.mu.Unlock()
	// The token answer's shape is unknown (unknowns.go); the sandbox uses one of the
	// candidates the client reads.
	writeJSON(w, http.StatusOK, map[string]any{"token": token})
}

// verifyAPIKey checks a JWT: exactly the claims api_code and exp, exp at most 10
// minutes ahead, an allowed algorithm, signed by the key registered for the API code.
// It returns the creditor.
func (s *Sandbox) verifyAPIKey(raw string) (creditor string, err error) {
	if raw == "" {
		return "", errors.New("the X-API-Key header is missing")
	}
	claims := jwt.MapClaims{}
	_, err = jwt.ParseWithClaims(raw, claims, func(t *jwt.Token) (any, error) {
		code, _ := t.Claims.(jwt.MapClaims)["api_code"].(string)
		if code == "" {
			return nil, errors.New("the JWT has no api_code")
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		key, ok := s.keys[code]
		if !ok {
			return nil, fmt.Errorf("unknown API code %q", code)
		}
		creditor = key.creditor
		return key.pub, nil
	},
		jwt.WithValidMethods(apiKeyMethods),
		jwt.WithExpirationRequired(),
		jwt.WithTimeFunc(s.now),
		jwt.WithLeeway(time.Minute))
	if err != nil {
		return "", err
	}
	for name := range claims {
		if name != "api_code" && name != "exp" {
			return "", fmt.Errorf("the JWT has a claim %q besides api_code and exp", name)
		}
	}
	exp, err := claims.GetExpirationTime()
	if err != nil || exp.Sub(s.now()) > maxJWTLife+time.Minute {
		return "", errors.New("the JWT's exp is more than 10 minutes ahead")
	}
	return creditor, nil
}

// creditorOf returns the creditor behind the access token in X-API-Key, or answers
// 401: a token anywhere else (Authorization: Bearer) is not looked at.
func (s *Sandbox) creditorOf(w http.ResponseWriter, r *http.Request) (string, bool) {
	token := r.Header.Get("X-API-Key")
	s.mu.Lock()
	sess, known := s.tokens[token]
	s.mu.Unlock()
	if token == "" || !known || !s.now().Before(sess.expires) {
		writeEve(w, http.StatusUnauthorized, "Please provide proper credentials (an access token in X-API-Key)", nil)
		return "", false
	}
	return sess.creditor, true
}

// register creates one case per debt of a valid registration: 201 with `_cases` and
// `_ocr_numbers_ocr`, or 422 with Eve's `_issues`.
func (s *Sandbox) register(w http.ResponseWriter, r *http.Request) {
	creditor, ok := s.creditorOf(w, r)
	if !ok {
		return
	}
	var reg Registration
	body, is, ok := decodeDocument(w, r, registrationSchema, requiredRegistrationFields, &reg, "debts")
	if !ok {
		return
	}
	if c, _ := body["creditor"].(string); c != "" && c != creditor {
		is.add("creditor", "value '"+c+"' is not the authenticated creditor")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(is) == 0 {
		for i, d := range reg.Debts {
			if s.caseFor(creditor, d.InvoiceNumber) != nil {
				is.add(fmt.Sprintf("debts.%d.invoice_number", i), fmt.Sprintf("value '%s' is not unique", d.InvoiceNumber))
			}
			if !d.CapitalToClaim.IsPositive() {
				is.add(fmt.Sprintf("debts.%d.capital_to_claim", i), "min value is 0.01")
			}
		}
	}
	if len(is) > 0 {
		refuse(w, is)
		return
	}
	writeJSON(w, http.StatusCreated, s.newRegistration(creditor, reg))
}

// newRegistration records the cases of a valid registration; the caller holds s.mu.
func (s *Sandbox) newRegistration(creditor string, reg Registration) RegistrationAnswer {
	now := s.now().UTC()
	s.st.Seq++
	ans := RegistrationAnswer{ID: s.objectID(now, 0), Status: "OK", Created: httpDate(now), Updated: httpDate(now),
		ETag: strconv.Itoa(s.st.Seq)}
	debtor := s.debtor(now, reg.Customer)
	for i, d := range reg.Debts {
		id := s.objectID(now, i+1)
		ocr, err := core.MakeOCR(fmt.Sprintf("%d%08d%02d", now.Year(), s.st.Seq, i), false)
		if err != nil {
			ocr = ""
		}
		s.st.Cases = append(s.st.Cases, &sandboxCase{ID: id, Registration: ans.ID, Creditor: creditor,
			Customer: debtor, Capital: d.CapitalToClaim.Decimal, Created: now, State: "initializing", Status: "initialized",
			Debt: CaseDebt{InvoiceNumber: d.InvoiceNumber, InvoiceDate: d.InvoiceDate, DebtDescription: d.DebtDescription}})
		ans.Cases = append(ans.Cases, id)
		ans.OCRNumbers = append(ans.OCRNumbers, s.objectID(now, 50+i))
		ans.OCRNumbersOCR = append(ans.OCRNumbersOCR, ocr)
	}
	s.st.Registrations = append(s.st.Registrations, sandboxRegistration{RegistrationAnswer: ans, Document: &reg})
	s.save()
	return ans
}

// debtor returns the id of the registration's customer, known by id number.
func (s *Sandbox) debtor(now time.Time, c Customer) string {
	if s.st.Customers == nil {
		s.st.Customers = make(map[string]sandboxDebtor)
	}
	if d, ok := s.st.Customers[c.IDNumber]; ok {
		return d.ID
	}
	d := sandboxDebtor{ID: s.objectID(now, 99), Name: c.Name}
	s.st.Customers[c.IDNumber] = d
	return d.ID
}

// objectID makes a 24-hex-digit id like MongoDB's, from the time and the sequence.
func (s *Sandbox) objectID(now time.Time, n int) string {
	return fmt.Sprintf("%08x%08x%08x", uint32(now.Unix()), uint32(s.st.Seq), uint32(n))
}

// getRegistration answers GET /case--registrations/{id}: the document registered
// with Eve's meta fields and the OCRs it issued (`_ocr_numbers_ocr`), as CONTRACT.md
// shows them. Whether Amili repeats the POST answer's `_cases` here is unknown, so the
// sandbox does not: a client must find its debt by what is documented.
func (s *Sandbox) getRegistration(w http.ResponseWriter, r *http.Request) {
	creditor, ok := s.creditorOf(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, reg := range s.st.Registrations {
		if reg.ID == r.PathValue("id") && len(reg.Cases) > 0 {
			if c := s.caseByID(reg.Cases[0]); c != nil && c.Creditor == creditor {
				writeJSON(w, http.StatusOK, registrationRead(reg))
				return
			}
		}
	}
	writeEve(w, http.StatusNotFound, "The requested URL was not found on the server.", nil)
}

// registrationRead is a registration as GET shows it: its document and meta fields.
func registrationRead(reg sandboxRegistration) map[string]any {
	doc := map[string]any{}
	if reg.Document != nil {
		if b, err := json.Marshal(reg.Document); err == nil {
			_ = json.Unmarshal(b, &doc) // a Registration always marshals to an object
		}
	}
	doc["_id"], doc["_created"], doc["_updated"], doc["_etag"] = reg.ID, reg.Created, reg.Updated, reg.ETag
	doc["_ocr_numbers"], doc["_ocr_numbers_ocr"] = reg.OCRNumbers, reg.OCRNumbersOCR
	return doc
}

// listQuery is a list request as Eve reads it: `where`, page and max_results; any
// other parameter is ignored.
type listQuery struct {
	where      map[string]any
	page, size int
}

// parseList reads a list query, or answers 400.
func parseList(w http.ResponseWriter, r *http.Request) (listQuery, bool) {
	q := r.URL.Query()
	lq := listQuery{page: 1, size: 25}
	if raw := q.Get("where"); raw != "" {
		if err := json.Unmarshal([]byte(raw), &lq.where); err != nil {
			writeEve(w, http.StatusBadRequest, "Unable to parse `where` clause", nil)
			return lq, false
		}
	}
	if n, err := strconv.Atoi(q.Get("page")); err == nil && n > 0 {
		lq.page = n
	}
	if n, err := strconv.Atoi(q.Get("max_results")); err == nil && n > 0 {
		lq.size = min(n, maxPageSize)
	}
	return lq, true
}

// matches reports whether the JSON form of item has every field of where, by dotted
// path, equal to its value (MongoDB's equality match).
func matches(item any, where map[string]any) bool {
	b, _ := json.Marshal(item)
	var doc map[string]any
	if json.Unmarshal(b, &doc) != nil {
		return false
	}
	for path, want := range where {
		var v any = doc
		for _, p := range strings.Split(path, ".") {
			m, ok := v.(map[string]any)
			if !ok {
				return false
			}
			v = m[p]
		}
		if fmt.Sprint(v) != fmt.Sprint(want) {
			return false
		}
	}
	return true
}

// writePage answers one page of items with Eve's `_meta`.
func writePage[T any](w http.ResponseWriter, all []T, q listQuery) {
	from := min((q.page-1)*q.size, len(all))
	to := min(from+q.size, len(all))
	writeJSON(w, http.StatusOK, List[T]{Items: append([]T{}, all[from:to]...),
		Meta: &Meta{Total: len(all), MaxResults: q.size, Page: q.page}})
}

// listCases answers GET /cases: the creditor's cases matching `where`, one page.
func (s *Sandbox) listCases(w http.ResponseWriter, r *http.Request) {
	listOf(s, w, r, func() []Case {
		all := make([]Case, 0, len(s.st.Cases))
		for _, c := range s.st.Cases {
			all = append(all, s.current(c))
		}
		return all
	}, func(c Case) string { return c.Creditor })
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
		writeEve(w, http.StatusNotFound, "The requested URL was not found on the server.", nil)
		return
	}
	writeJSON(w, http.StatusOK, found)
}

// pay records a creditor payment: the case's remaining capital goes down, and a case
// paid in full is closed. The reference must be unique.
func (s *Sandbox) pay(w http.ResponseWriter, r *http.Request) {
	creditor, ok := s.creditorOf(w, r)
	if !ok {
		return
	}
	var p CreditorPayment
	_, is, ok := decodeDocument(w, r, paymentSchema, paymentRequired, &p, "amount")
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.caseByID(p.Case)
	if len(is) == 0 {
		switch {
		case p.Creditor != creditor:
			is.add("creditor", "value '"+p.Creditor+"' is not the authenticated creditor")
		case c == nil || c.Creditor != creditor:
			is.add("case", "value '"+p.Case+"' must exist in resource 'cases', field '_id'")
		case !p.Amount.IsPositive():
			is.add("amount", "min value is 0.01")
		}
		for _, old := range s.st.Payments {
			if old.Creditor == creditor && old.Reference == p.Reference {
				is.add("creditor_payment_reference", "value '"+p.Reference+"' is not unique")
			}
		}
	}
	if len(is) > 0 {
		refuse(w, is)
		return
	}
	now := s.now().UTC()
	s.st.Seq++
	sp := SandboxPayment{ID: s.objectID(now, 0), Creditor: creditor, Case: p.Case, Amount: p.Amount.Decimal,
		Date: p.BankTransactionDate, Reference: p.Reference}
	s.st.Payments = append(s.st.Payments, sp)
	c.Paid = c.Paid.Add(p.Amount.Decimal)
	if !c.Capital.GreaterThan(c.Paid) {
		c.Closed = true
	}
	s.save()
	writeJSON(w, http.StatusCreated, PaymentAnswer{ID: sp.ID, Status: "OK", PaymentStatus: "completed"})
}

// listPayments answers GET /creditor--payments with `where` as for cases.
func (s *Sandbox) listPayments(w http.ResponseWriter, r *http.Request) {
	listOf(s, w, r, func() []SandboxPayment { return s.st.Payments },
		func(p SandboxPayment) string { return p.Creditor })
}

// credit records a crediting, its case named by case or by invoice_number: the
// case's capital goes down. Only the documented fields are taken (creditingSchema);
// whether a creditor reference must be unique is unknown, so it is not checked.
func (s *Sandbox) credit(w http.ResponseWriter, r *http.Request) {
	creditor, ok := s.creditorOf(w, r)
	if !ok {
		return
	}
	var cr Crediting
	body, is, ok := decodeDocument(w, r, creditingSchema, creditingRequired, &cr, "amount")
	if !ok {
		return
	}
	for k, v := range creditingIssues(body) {
		is[k] = v
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.caseByID(cr.Case)
	if cr.InvoiceNumber != "" {
		c = s.caseFor(creditor, cr.InvoiceNumber)
	}
	if len(is) == 0 {
		switch {
		case cr.Creditor != creditor:
			is.add("creditor", "value '"+cr.Creditor+"' is not the authenticated creditor")
		case c == nil || c.Creditor != creditor:
			is.add("case", "value '"+cr.Case+cr.InvoiceNumber+"' must exist in resource 'cases', field '_id'")
		case !cr.Amount.IsPositive():
			is.add("amount", "min value is 0.01")
		}
	}
	if len(is) > 0 {
		refuse(w, is)
		return
	}
	now := s.now().UTC()
	s.st.Seq++
	sc := SandboxCrediting{ID: s.objectID(now, 0), Creditor: creditor, Case: c.ID, InvoiceNumber: cr.InvoiceNumber,
		Currency: cr.Currency, Amount: cr.Amount.Decimal, Origin: cr.Origin, CreditInvoice: cr.CreditInvoice,
		ClientRegistrationDate: cr.ClientRegistrationDate, CreditorReference: cr.CreditorReference, PaymentStatus: "completed"}
	s.st.Creditings = append(s.st.Creditings, sc)
	c.Capital = decimal.Max(c.Capital.Sub(cr.Amount.Decimal), decimal.Zero)
	if !c.Capital.GreaterThan(c.Paid) {
		c.Closed = true
	}
	s.save()
	writeJSON(w, http.StatusCreated, PaymentAnswer{ID: sc.ID, Status: "OK", PaymentStatus: sc.PaymentStatus})
}

// listCreditings answers GET /creditor--creditings with `where` as for cases.
func (s *Sandbox) listCreditings(w http.ResponseWriter, r *http.Request) {
	listOf(s, w, r, func() []SandboxCrediting { return s.st.Creditings },
		func(c SandboxCrediting) string { return c.Creditor })
}

// listCancellations answers GET /creditor--cancellations with `where` as for cases.
func (s *Sandbox) listCancellations(w http.ResponseWriter, r *http.Request) {
	listOf(s, w, r, func() []SandboxCancellation { return s.st.Cancellations },
		func(c SandboxCancellation) string { return c.Creditor })
}

// listOf answers a list request: the authenticated creditor's items of all() (read
// under s.mu) that match `where`, one page.
func listOf[T any](s *Sandbox, w http.ResponseWriter, r *http.Request, all func() []T, creditorOf func(T) string) {
	creditor, ok := s.creditorOf(w, r)
	if !ok {
		return
	}
	q, ok := parseList(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	var out []T
	for _, it := range all() {
		if creditorOf(it) == creditor && matches(it, q.where) {
			out = append(out, it)
		}
	}
	s.mu.Unlock()
	writePage(w, out, q)
}

// cancel withdraws a case: it is closed.
func (s *Sandbox) cancel(w http.ResponseWriter, r *http.Request) {
	creditor, ok := s.creditorOf(w, r)
	if !ok {
		return
	}
	body, is, ok := decodeDocument(w, r, cancellationSchema, cancellationRequired, nil, "")
	if !ok {
		return
	}
	id, _ := body["case"].(string)
	origin, _ := body["origin"].(string)
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.caseByID(id)
	if len(is) == 0 && (c == nil || c.Creditor != creditor) {
		is.add("case", "value '"+id+"' must exist in resource 'cases', field '_id'")
	}
	if len(is) > 0 {
		refuse(w, is)
		return
	}
	c.Closed = true
	now := s.now().UTC()
	s.st.Seq++
	sc := SandboxCancellation{ID: s.objectID(now, 0), Creditor: creditor, Case: id, Origin: origin, CancellationStatus: "completed"}
	s.st.Cancellations = append(s.st.Cancellations, sc)
	s.save()
	writeJSON(w, http.StatusCreated, CancellationAnswer{ID: sc.ID, Status: "OK", CancellationStatus: sc.CancellationStatus})
}

// uploadTypes are the file types Amili takes (docs-alpha).
var uploadTypes = []string{"application/pdf", "image/jpeg", "image/png", "image/gif", "image/bmp"}

// upload takes a file for a case: multipart, a typed `file` part, domain=cases.
func (s *Sandbox) upload(w http.ResponseWriter, r *http.Request) {
	creditor, ok := s.creditorOf(w, r)
	if !ok {
		return
	}
	is := issues{}
	if err := r.ParseMultipartForm(8 << 20); err != nil {
		writeEve(w, http.StatusBadRequest, "The request is not multipart/form-data", nil)
		return
	}
	if r.FormValue("domain") != "cases" {
		is.add("domain", "unallowed value "+r.FormValue("domain"))
	}
	if r.FormValue("dotted_path") == "" {
		is.add("dotted_path", "required field")
	}
	files := r.MultipartForm.File["file"]
	if len(files) != 1 {
		is.add("file", "required field")
	} else if ct := files[0].Header.Get("Content-Type"); !contains(uploadTypes, ct) {
		is.add("file", "unallowed file type "+ct)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.caseByID(r.PathValue("case"))
	if c == nil || c.Creditor != creditor {
		writeEve(w, http.StatusNotFound, "The requested URL was not found on the server.", nil)
		return
	}
	if len(is) > 0 {
		refuse(w, is)
		return
	}
	f := files[0]
	s.st.Uploads = append(s.st.Uploads, SandboxUpload{Case: c.ID, Name: f.Filename,
		ContentType: f.Header.Get("Content-Type"), DottedPath: r.FormValue("dotted_path"), Size: int(f.Size),
		SHA256: digest(f)})
	s.save()
	writeJSON(w, http.StatusCreated, UploadAnswer{URL: "https://media.sandbox.invalid/cases/" + c.ID + "/" + f.Filename})
}

// current returns the case as Amili would show it now, its state moved on by time
// unless pinned; the caller holds s.mu.
func (s *Sandbox) current(c *sandboxCase) Case {
	if !c.Pinned && !c.Closed {
		age := s.now().Sub(c.Created)
		switch {
		case s.CollectionAfter > 0 && age >= s.CollectionAfter:
			c.State, c.Status = "debt_collection", "debt_collection_active"
		case s.ReminderAfter > 0 && age >= s.ReminderAfter:
			c.State = "reminder"
		}
	}
	remaining := amountOf(decimal.Max(c.Capital.Sub(c.Paid), decimal.Zero))
	initial := amountOf(c.Capital)
	debt := c.Debt
	debt.InitialCapital, debt.CapitalToClaim = &initial, &remaining
	return Case{ID: c.ID, Created: httpDate(c.Created), Creditor: c.Creditor, Customer: c.Customer,
		CaseRegistration: c.Registration, Debt: debt, State: c.State, Status: c.Status, Closed: c.Closed,
		StateHistory: json.RawMessage("[]"), StatusHistory: json.RawMessage("[]"), RemainingCapital: &remaining}
}

// caseByID finds a case by id; the caller holds s.mu.
func (s *Sandbox) caseByID(id string) *sandboxCase {
	for _, c := range s.st.Cases {
		if c.ID == id {
			return c
		}
	}
	return nil
}

// caseFor finds the creditor's case for an invoice; the caller holds s.mu.
func (s *Sandbox) caseFor(creditor, invoiceNumber string) *sandboxCase {
	for _, c := range s.st.Cases {
		if c.Creditor == creditor && c.Debt.InvoiceNumber == invoiceNumber {
			return c
		}
	}
	return nil
}

// writeJSON answers with v as JSON.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v) // the client may have gone; nothing to do then
}

// digest is the hex SHA-256 of an uploaded file, "" when it cannot be read.
func digest(f *multipart.FileHeader) string {
	r, err := f.Open()
	if err != nil {
		return ""
	}
	defer r.Close()
	h := sha256.New()
	if _, err := io.Copy(h, r); err != nil {
		return ""
	}
	return hex.EncodeToString(h.Sum(nil))
}
