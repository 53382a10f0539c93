package amili

import (
	"encoding/json"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"
)

// The sandbox checks request bodies the way Eve checks them against Amili's schema:
// each field of the documented type, nothing outside the schema, no nulls, no empty
// strings, the required fields present. The schema is written from CONTRACT.md, not
// from the client's structs, so the sandbox refuses what Amili would.

// kind is a field's type in the schema.
type kind int

const (
	kString kind = iota
	kBool
	kInt
	kNumber // a JSON number, never a string
	kDate   // an RFC 1123 GMT string
	kObject
	kList // of objects
)

// field is one schema field.
type field struct {
	kind    kind
	fields  schema   // kObject, kList
	allowed []string // kString: the values allowed, if listed
}

// schema maps field names to their fields.
type schema map[string]field

var addressSchema = schema{
	"address_line_1": {kind: kString}, "zip_code": {kind: kString},
	"city": {kind: kString}, "country": {kind: kString},
}

// registrationSchema is the body of POST /case--registrations.
var registrationSchema = schema{
	"account":      {kind: kString},
	"creditor":     {kind: kString},
	"first_action": {kind: kString, allowed: []string{"reminder", "debt_collection"}},
	"currency":     {kind: kString, allowed: []string{"SEK"}},
	"customer": {kind: kObject, fields: schema{
		"name": {kind: kString}, "id_number": {kind: kString}, "is_company": {kind: kBool},
		"email": {kind: kString}, "mobile_number": {kind: kString},
		"address": {kind: kObject, fields: addressSchema},
	}},
	"debts": {kind: kList, fields: schema{
		"invoice_number":                      {kind: kString},
		"debt_description":                    {kind: kString},
		"invoice_date":                        {kind: kDate},
		"capital_to_claim":                    {kind: kNumber},
		"invoice_due_days_after_invoice_date": {kind: kInt},
		"fees_included_in_capital_to_claim": {kind: kObject, fields: schema{
			"invoice_fee": {kind: kNumber},
		}},
		"fees_already_claimed": {kind: kObject, fields: schema{
			"reminder": {kind: kObject, fields: schema{
				"amount": {kind: kNumber}, "fee_registration_date": {kind: kDate},
			}},
		}},
	}},
}

// paymentSchema is the body of POST /creditor--payments.
var paymentSchema = schema{
	"creditor": {kind: kString}, "account": {kind: kString}, "case": {kind: kString},
	"currency": {kind: kString, allowed: []string{"SEK"}}, "amount": {kind: kNumber},
	"bank_transaction_date": {kind: kDate}, "creditor_payment_reference": {kind: kString},
	"origin": {kind: kString},
}

var paymentRequired = []string{"creditor", "case", "currency", "amount", "bank_transaction_date", "creditor_payment_reference"}

// creditingSchema is the body of POST /creditor--creditings exactly as CONTRACT.md
// lists it: docs.amili.se's required fields and docs-alpha's optional ones. account
// is read-only there; no other field exists.
var creditingSchema = schema{
	"creditor": {kind: kString}, "case": {kind: kString}, "invoice_number": {kind: kString},
	"currency": {kind: kString, allowed: []string{"SEK"}}, "amount": {kind: kNumber},
	"origin": {kind: kString}, "credit_invoice": {kind: kString},
	"client_registration_date": {kind: kDate}, "creditor_reference": {kind: kString},
}

// creditingRequired are the crediting's required fields besides the case, which may
// be named by case or by invoice_number (creditingIssues).
var creditingRequired = []string{"creditor", "currency", "amount", "origin"}

// creditingReadOnly are the crediting's read-only fields, which Eve refuses in a POST.
var creditingReadOnly = []string{"account"}

// creditingIssues checks what the schema cannot say of a crediting: its read-only
// fields are refused, and it names its case by case or by invoice_number, one of them
// and never both.
func creditingIssues(body map[string]any) issues {
	is := issues{}
	for _, name := range creditingReadOnly {
		if _, ok := body[name]; ok {
			is.add(name, "field is read-only")
		}
	}
	_, byCase := body["case"]
	_, byNumber := body["invoice_number"]
	switch {
	case byCase && byNumber:
		is.add("invoice_number", "'invoice_number' must not be present with 'case'")
	case !byCase && !byNumber:
		is.add("case", "required field")
	}
	return is
}

// cancellationSchema is the body of POST /creditor--cancellations.
var cancellationSchema = schema{
	"creditor": {kind: kString}, "case": {kind: kString}, "origin": {kind: kString},
}

var cancellationRequired = []string{"creditor", "case"}

// issues is Eve's `_issues`: a field's message, or nested issues for an object or a
// list position.
type issues map[string]any

// add records msg at the dotted path.
func (is issues) add(path, msg string) {
	parts := strings.Split(path, ".")
	m := is
	for _, p := range parts[:len(parts)-1] {
		sub, ok := m[p].(issues)
		if !ok {
			sub = issues{}
			m[p] = sub
		}
		m = sub
	}
	m[parts[len(parts)-1]] = msg
}

// decodeBody reads a JSON object with numbers kept exact; ok is false (and the
// answer written) when the body is not one.
func decodeBody(w http.ResponseWriter, r *http.Request) (map[string]any, bool) {
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		writeEve(w, http.StatusBadRequest, "The request's Content-Type must be application/json", nil)
		return nil, false
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20))
	dec.UseNumber()
	var body map[string]any
	if err := dec.Decode(&body); err != nil || body == nil {
		writeEve(w, http.StatusBadRequest, "The request body is not a JSON object", nil)
		return nil, false
	}
	return body, true
}

// refuse answers a POST whose document has issues, as Eve does: 422 with its
// insertion-failure message and `_issues`.
func refuse(w http.ResponseWriter, is issues) {
	writeEve(w, http.StatusUnprocessableEntity, "Insertion failure: 1 document(s) contain(s) error(s)", is)
}

// decodeDocument reads a POST's JSON document and checks it against sch and
// required. When it has no issues it is also decoded into dst; a document the schema
// takes but dst cannot hold is an issue on errField. ok is false when the body was
// no JSON object at all (already answered).
func decodeDocument(w http.ResponseWriter, r *http.Request, sch schema, required []string,
	dst any, errField string) (body map[string]any, is issues, ok bool) {
	body, ok = decodeBody(w, r)
	if !ok {
		return nil, nil, false
	}
	is = validate(body, sch, required)
	if len(is) == 0 && dst != nil {
		b, err := json.Marshal(body)
		if err == nil {
			err = json.Unmarshal(b, dst)
		}
		if err != nil {
			is.add(errField, err.Error())
		}
	}
	return body, is, true
}

// validate checks body against sch and the required dotted paths (a path inside a
// list applies to each element) and returns the issues found.
func validate(body map[string]any, sch schema, required []string) issues {
	is := issues{}
	checkObject(is, "", body, sch)
	for _, path := range required {
		checkRequired(is, "", body, strings.Split(path, "."), sch)
	}
	return is
}

func checkObject(is issues, prefix string, obj map[string]any, sch schema) {
	for name, v := range obj {
		path := joinPath(prefix, name)
		f, ok := sch[name]
		if !ok {
			is.add(path, "unknown field")
			continue
		}
		checkValue(is, path, v, f)
	}
}

func checkValue(is issues, path string, v any, f field) {
	if v == nil {
		is.add(path, "null value not allowed")
		return
	}
	switch f.kind {
	case kString, kDate:
		s, ok := v.(string)
		switch {
		case !ok:
			is.add(path, map[kind]string{kString: "must be of string type", kDate: "must be of datetime type"}[f.kind])
		case s == "":
			is.add(path, "empty values not allowed")
		case f.kind == kDate && !isHTTPDate(s):
			is.add(path, "must be of datetime type")
		case len(f.allowed) > 0 && !contains(f.allowed, s):
			is.add(path, "unallowed value "+s)
		}
	case kBool:
		if _, ok := v.(bool); !ok {
			is.add(path, "must be of boolean type")
		}
	case kInt:
		if n, ok := v.(json.Number); !ok || strings.ContainsAny(n.String(), ".eE") {
			is.add(path, "must be of integer type")
		}
	case kNumber:
		if _, ok := v.(json.Number); !ok {
			is.add(path, "must be of number type")
		}
	case kObject:
		obj, ok := v.(map[string]any)
		if !ok {
			is.add(path, "must be of dict type")
			return
		}
		checkObject(is, path, obj, f.fields)
	case kList:
		list, ok := v.([]any)
		if !ok {
			is.add(path, "must be of list type")
			return
		}
		for i, el := range list {
			obj, ok := el.(map[string]any)
			if !ok {
				is.add(joinPath(path, strconv.Itoa(i)), "must be of dict type")
				continue
			}
			checkObject(is, joinPath(path, strconv.Itoa(i)), obj, f.fields)
		}
	}
}

// checkRequired reports a missing field at parts below obj.
func checkRequired(is issues, prefix string, obj map[string]any, parts []string, sch schema) {
	name := parts[0]
	path := joinPath(prefix, name)
	v, ok := obj[name]
	if !ok {
		is.add(path, "required field")
		return
	}
	if len(parts) == 1 {
		return
	}
	f := sch[name]
	switch x := v.(type) {
	case map[string]any:
		checkRequired(is, path, x, parts[1:], f.fields)
	case []any:
		for i, el := range x {
			if o, ok := el.(map[string]any); ok {
				checkRequired(is, joinPath(path, strconv.Itoa(i)), o, parts[1:], f.fields)
			}
		}
	}
}

// isHTTPDate reports whether s is an RFC 1123 date in GMT, as Eve writes and reads.
func isHTTPDate(s string) bool {
	_, err := time.Parse(http.TimeFormat, s)
	return err == nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// writeEve answers with an Eve error: `_status: ERR`, `_error` and any `_issues`.
func writeEve(w http.ResponseWriter, status int, message string, is issues) {
	body := map[string]any{"_status": "ERR", "_error": map[string]any{"code": status, "message": message}}
	if len(is) > 0 {
		body["_issues"] = is
	}
	writeJSON(w, status, body)
}

// sortedKeys lists a map's keys in order, for stable answers.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
