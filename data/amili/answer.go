package amili

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"paminn/core"
)

// registrationFor builds the case registration for one invoice, as CONTRACT.md shows
// it: RFC 1123 dates, amounts as exact numbers, digits-only id and postcode, empty
// fields left out.
func registrationFor(s core.AmiliSettings, h core.AmiliHandover) (Registration, error) {
	inv, cust := h.Invoice, h.Customer
	if inv.Currency != "" && inv.Currency != core.Currency {
		return Registration{}, core.Errorf(core.EINVALID,
			"Amili only takes invoices in SEK; invoice {{.Invoice}} is in {{.Currency}}",
			map[string]any{"Invoice": inv.Number, "Currency": inv.Currency})
	}
	debt := Debt{
		InvoiceNumber:   inv.Number,
		DebtDescription: "Faktura " + inv.Number,
		CapitalToClaim:  amountOf(core.RoundOre(inv.Balance())),
	}
	if !inv.InvoiceDate.IsZero() {
		debt.InvoiceDate = httpDate(inv.InvoiceDate.Time())
		if !inv.DueDate.IsZero() {
			debt.DueDays = inv.DueDate.DaysSince(inv.InvoiceDate)
		}
	}
	if h.ReminderFee.IsPositive() {
		fee := &ClaimedFee{Amount: amountOf(core.RoundOre(h.ReminderFee))}
		if !h.ReminderFeeDate.IsZero() {
			fee.RegistrationDate = httpDate(h.ReminderFeeDate.Time())
		}
		debt.FeesClaimed = &FeesClaimed{Reminder: fee}
	}
	return Registration{
		Account:     s.AccountID,
		Creditor:    s.CreditorID,
		FirstAction: "reminder",
		Currency:    core.Currency,
		Customer:    customerFor(cust),
		Debts:       []Debt{debt},
	}, nil
}

// customerFor is the debtor as Amili takes it. No second address line is documented,
// so it is joined to the first.
func customerFor(c core.Customer) Customer {
	a := c.Address
	line := strings.TrimSpace(a.Line1)
	if l2 := strings.TrimSpace(a.Line2); l2 != "" {
		line = strings.TrimSpace(strings.TrimSuffix(line, ",") + ", " + l2)
		line = strings.TrimPrefix(line, ", ")
	}
	country := strings.ToUpper(strings.TrimSpace(a.Country))
	if country == "" {
		country = "SE"
	}
	out := Customer{
		Name:         strings.TrimSpace(c.Name),
		IDNumber:     digitsOnly(c.IDNumber),
		IsCompany:    c.IsCompany,
		Email:        strings.TrimSpace(c.Email),
		MobileNumber: mobileNumber(c.Mobile),
	}
	addr := Address{AddressLine1: line, ZipCode: digitsOnly(a.ZipCode), City: strings.TrimSpace(a.City), Country: country}
	if addr.AddressLine1 != "" || addr.ZipCode != "" || addr.City != "" {
		out.Address = &addr
	}
	return out
}

// digitsOnly keeps the ASCII digits of s: "556677-8899" → "5566778899".
func digitsOnly(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

// mobileNumber writes a Swedish mobile number as +46…: "070-123 45 67" →
// "+46701234567"; a number already in international form keeps its country code.
func mobileNumber(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	plus := strings.HasPrefix(s, "+") || strings.HasPrefix(s, "00")
	d := digitsOnly(s)
	switch {
	case d == "":
		return ""
	case strings.HasPrefix(s, "00"):
		return "+" + strings.TrimPrefix(d, "00")
	case plus:
		return "+" + d
	case strings.HasPrefix(d, "0"):
		return "+46" + d[1:]
	}
	return "+" + d
}

// uncertain is the error for a request whose outcome is unknown: it may or may not
// have reached Amili, so the caller looks before it tries again.
func uncertain(err error) error {
	return core.Wrap(err, core.EUNAVAILABLE, "Amili could not be reached; try again later", nil)
}

// issue is one field Amili refused and why.
type issue struct {
	Field  string // dotted path as Eve writes it, e.g. "debts.0.invoice_date"
	Reason string
}

// eveIssues flattens Eve's nested `_issues` into dotted paths, sorted.
func eveIssues(m map[string]any) []issue {
	var out []issue
	var walk func(prefix string, v any)
	walk = func(prefix string, v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, sub := range x {
				walk(joinPath(prefix, k), sub)
			}
		case []any:
			for i, sub := range x {
				if s, ok := sub.(string); ok {
					out = append(out, issue{prefix, s})
					continue
				}
				walk(joinPath(prefix, strconv.Itoa(i)), sub)
			}
		default:
			out = append(out, issue{prefix, strings.TrimSpace(fmt.Sprint(x))})
		}
	}
	walk("", m)
	sort.Slice(out, func(i, j int) bool { return out[i].Field < out[j].Field })
	return out
}

func joinPath(prefix, k string) string {
	if prefix == "" {
		return k
	}
	return prefix + "." + k
}

// fieldMessages say, per documented field (dotted path, list positions left out),
// that Amili refused it, naming the field as the user knows it; each is a message
// template the GUI translates.
var fieldMessages = map[string]string{
	"account":                                    "Amili refused invoice {{.Invoice}}: the Amili account — {{.Reason}}",
	"creditor":                                   "Amili refused invoice {{.Invoice}}: the Amili creditor — {{.Reason}}",
	"currency":                                   "Amili refused invoice {{.Invoice}}: the currency — {{.Reason}}",
	"first_action":                               "Amili refused invoice {{.Invoice}}: the first action — {{.Reason}}",
	"customer":                                   "Amili refused invoice {{.Invoice}}: the customer — {{.Reason}}",
	"customer.name":                              "Amili refused invoice {{.Invoice}}: the customer's name — {{.Reason}}",
	"customer.id_number":                         "Amili refused invoice {{.Invoice}}: the customer's organisation or personal number — {{.Reason}}",
	"customer.is_company":                        "Amili refused invoice {{.Invoice}}: whether the customer is a company — {{.Reason}}",
	"customer.email":                             "Amili refused invoice {{.Invoice}}: the customer's e-mail — {{.Reason}}",
	"customer.mobile_number":                     "Amili refused invoice {{.Invoice}}: the customer's mobile number — {{.Reason}}",
	"customer.address":                           "Amili refused invoice {{.Invoice}}: the customer's address — {{.Reason}}",
	"customer.address.address_line_1":            "Amili refused invoice {{.Invoice}}: the customer's street address — {{.Reason}}",
	"customer.address.zip_code":                  "Amili refused invoice {{.Invoice}}: the customer's postcode — {{.Reason}}",
	"customer.address.city":                      "Amili refused invoice {{.Invoice}}: the customer's city — {{.Reason}}",
	"customer.address.country":                   "Amili refused invoice {{.Invoice}}: the customer's country — {{.Reason}}",
	"debts":                                      "Amili refused invoice {{.Invoice}}: the invoice — {{.Reason}}",
	"debts.invoice_number":                       "Amili refused invoice {{.Invoice}}: the invoice number — {{.Reason}}",
	"debts.debt_description":                     "Amili refused invoice {{.Invoice}}: the invoice's description — {{.Reason}}",
	"debts.invoice_date":                         "Amili refused invoice {{.Invoice}}: the invoice date — {{.Reason}}",
	"debts.capital_to_claim":                     "Amili refused invoice {{.Invoice}}: the amount to claim — {{.Reason}}",
	"debts.invoice_due_days_after_invoice_date":  "Amili refused invoice {{.Invoice}}: the invoice's payment terms — {{.Reason}}",
	"debts.fees_already_claimed":                 "Amili refused invoice {{.Invoice}}: the reminder fee already charged — {{.Reason}}",
	"debts.fees_already_claimed.reminder.amount": "Amili refused invoice {{.Invoice}}: the reminder fee already charged — {{.Reason}}",
	"debts.fees_already_claimed.reminder.fee_registration_date": "Amili refused invoice {{.Invoice}}: the date of the reminder fee — {{.Reason}}",
}

// unknownFieldMessage names a field fieldMessages does not list by its path.
const unknownFieldMessage = "Amili refused invoice {{.Invoice}}: the field {{.Field}} — {{.Reason}}"

// fieldMessage is the message for a refused field's dotted path ("debts.0.invoice_date").
func fieldMessage(path string) string {
	parts := strings.Split(path, ".")
	kept := parts[:0]
	for _, p := range parts {
		if p != "" && strings.IndexFunc(p, func(r rune) bool { return !unicode.IsDigit(r) }) >= 0 {
			kept = append(kept, p)
		}
	}
	if m, ok := fieldMessages[strings.Join(kept, ".")]; ok {
		return m
	}
	return unknownFieldMessage
}

// refused is the error for a request Amili turned down (400 or 422) with an Eve
// error body: one message naming the first field refused (the user's name for it,
// translated by the GUI) and Amili's reason; Data["Issues"] holds every field and
// Data["More"] how many besides the first.
func refused(number string, body []byte) error {
	var e EveError
	_ = json.Unmarshal(body, &e) // an unreadable body still gives its text below
	issues := eveIssues(e.Issues)
	data := map[string]any{"Invoice": number, "Issues": issues, "More": max(len(issues)-1, 0)}
	if len(issues) == 0 {
		reason := snippet(body)
		if e.Error != nil && e.Error.Message != "" {
			reason = e.Error.Message
		}
		data["Reason"] = reason
		return core.Errorf(core.EINVALID, "Amili refused invoice {{.Invoice}}: {{.Reason}}", data)
	}
	first := issues[0]
	data["Field"], data["Reason"] = first.Field, first.Reason
	return core.Errorf(core.EINVALID, fieldMessage(first.Field), data)
}

// statusError classifies any other answer: refused credentials are EINVALID, a
// missing API is EINVALID (wrong address), server trouble is EUNAVAILABLE and
// anything else EINTERNAL.
func statusError(s core.AmiliSettings, status int, body []byte) error {
	cause := fmt.Errorf("HTTP %d: %s", status, snippet(body))
	switch {
	case status == http.StatusUnauthorized || status == http.StatusForbidden:
		return core.Wrap(cause, core.EINVALID, "Amili did not accept the credentials for creditor {{.Creditor}}",
			map[string]any{"Creditor": s.CreditorID})
	case status == http.StatusNotFound:
		return core.Wrap(cause, core.EINVALID, "Amili's API was not found at {{.URL}}",
			map[string]any{"URL": s.BaseURL})
	case status >= 500, status == http.StatusTooManyRequests, status == http.StatusRequestTimeout:
		return uncertain(cause)
	}
	return core.Wrap(cause, core.EINTERNAL, "Amili gave an unexpected answer ({{.Status}})",
		map[string]any{"Status": status})
}

// snippet is the start of an answer's body, for messages and logs.
func snippet(body []byte) string {
	const most = 300
	s := strings.TrimSpace(string(body))
	if len(s) > most {
		s = s[:most]
		for !utf8.ValidString(s) {
			s = s[:len(s)-1]
		}
		s += "…"
	}
	return s
}
