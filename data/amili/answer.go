package amili

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"unicode/utf8"

	"paminn/core"
)

// registrationFor builds the case registration for one reminder letter. The amount
// claimed is the invoice's unpaid balance, rounded to öre, as a decimal string.
func registrationFor(s core.AmiliSettings, l core.Letter) (Registration, error) {
	inv, cust := l.Invoice, l.Customer
	if inv.Currency != "" && inv.Currency != core.Currency {
		return Registration{}, core.Errorf(core.EINVALID,
			"Amili only takes invoices in SEK; invoice {{.Invoice}} is in {{.Currency}}",
			map[string]any{"Invoice": inv.Number, "Currency": inv.Currency})
	}
	country := cust.Address.Country
	if country == "" {
		country = "SE"
	}
	dueDays := 0
	if !inv.InvoiceDate.IsZero() && !inv.DueDate.IsZero() {
		dueDays = inv.DueDate.DaysSince(inv.InvoiceDate)
	}
	return Registration{
		Creditor:    s.CreditorID,
		Account:     s.AccountID,
		Currency:    core.Currency,
		FirstAction: "reminder",
		Customer: Customer{
			Name:      cust.Name,
			IDNumber:  cust.IDNumber,
			IsCompany: cust.IsCompany,
			Email:     cust.Email,
			Address: Address{
				AddressLine1: cust.Address.Line1,
				AddressLine2: cust.Address.Line2,
				ZipCode:      cust.Address.ZipCode,
				City:         cust.Address.City,
				Country:      country,
			},
		},
		Debts: []Debt{{
			InvoiceNumber:  inv.Number,
			InvoiceDate:    inv.InvoiceDate.String(),
			CapitalToClaim: core.RoundOre(inv.Balance()).StringFixed(2),
			DueDays:        dueDays,
		}},
	}, nil
}

// pickCase finds the case that holds the invoice, or the only case there is.
func pickCase(cases []Case, number string) (Case, bool) {
	for _, cs := range cases {
		if cs.hasInvoice(number) {
			return cs, true
		}
	}
	if len(cases) == 1 {
		return cases[0], true
	}
	return Case{}, false
}

// amiliCase converts Amili's case to core's; an unknown status counts as registered.
func amiliCase(cs Case, number string) core.AmiliCase {
	state, ok := stateOf(cs.Status)
	if !ok {
		state = core.AmiliRegistered
	}
	return core.AmiliCase{CaseID: cs.ID, InvoiceNumber: number, OCR: cs.OCR, State: state}
}

// states maps Amili's case statuses, and the synonyms it has been seen to use, to
// core's hand-over states.
var states = map[string]core.AmiliState{
	StatusRegistered:     core.AmiliRegistered,
	"created":            core.AmiliRegistered,
	"received":           core.AmiliRegistered,
	StatusReminderSent:   core.AmiliReminderSent,
	"reminder":           core.AmiliReminderSent,
	StatusDebtCollection: core.AmiliDebtCollection,
	"collection":         core.AmiliDebtCollection,
	"surveillance":       core.AmiliDebtCollection,
	StatusPaid:           core.AmiliPaid,
	"fully_paid":         core.AmiliPaid,
	"settled":            core.AmiliPaid,
	StatusClosed:         core.AmiliClosed,
	"withdrawn":          core.AmiliClosed,
	"cancelled":          core.AmiliClosed,
	"canceled":           core.AmiliClosed,
}

// stateOf maps an Amili case status to core's state; ok is false for an unknown one.
func stateOf(status string) (core.AmiliState, bool) {
	state, ok := states[strings.ToLower(strings.TrimSpace(status))]
	return state, ok
}

// uncertain is the error for a request whose outcome is unknown: it may or may not
// have reached Amili, so the caller checks with FindCase before it tries again.
func uncertain(err error) error {
	return core.Wrap(err, core.EUNAVAILABLE, "Amili could not be reached; try again later", nil)
}

// refused is the error for a registration Amili turned down (400 or 422): not worth
// retrying as it stands. Data carries Amili's reason and field errors.
func refused(number string, body []byte) error {
	var p problem
	reason := snippet(body)
	if json.Unmarshal(body, &p) == nil && (p.Message != "" || len(p.Errors) > 0) {
		parts := make([]string, 0, len(p.Errors))
		for _, fe := range p.Errors {
			parts = append(parts, fe.Field+" "+fe.Message)
		}
		reason = strings.TrimSpace(p.Message)
		if len(parts) > 0 {
			reason = strings.TrimSuffix(reason, ".")
			if reason != "" {
				reason += ": "
			}
			reason += strings.Join(parts, "; ")
		}
	}
	return core.Errorf(core.EINVALID, "Amili refused invoice {{.Invoice}}: {{.Reason}}",
		map[string]any{"Invoice": number, "Reason": reason, "Fields": p.Errors})
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
