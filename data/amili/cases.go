package amili

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"paminn/core"
)

// RegisterCase registers a case with first action "reminder" for the invoice and
// returns its case id and the OCR Amili issued (_cases[0], _ocr_numbers_ocr[0]). An
// answer that cannot be read leaves the outcome unknown (EUNAVAILABLE): the caller
// looks the invoice up before it tries again.
func (c *Client) RegisterCase(ctx context.Context, s core.AmiliSettings, h core.AmiliHandover) (core.AmiliCase, error) {
	reg, err := registrationFor(s, h)
	if err != nil {
		return core.AmiliCase{}, err
	}
	number := h.Invoice.Number
	status, body, err := c.do(ctx, s, http.MethodPost, registrationsPath, reg)
	if err != nil {
		return core.AmiliCase{}, err
	}
	switch status {
	case http.StatusCreated, http.StatusOK:
		cases, err := casesOf(body, len(reg.Debts))
		if err != nil {
			return core.AmiliCase{}, uncertain(err)
		}
		found := cases[0]
		found.InvoiceNumber, found.State = number, core.AmiliRegistered
		return found, nil
	case http.StatusBadRequest, http.StatusUnprocessableEntity:
		var e EveError
		if json.Unmarshal(body, &e) == nil && duplicate(e) {
			return c.existingCase(ctx, s, number)
		}
		return core.AmiliCase{}, refused(number, body)
	}
	return core.AmiliCase{}, statusError(s, status, body)
}

// casesOf reads a registration's answer: n case ids and n OCR numbers, one per debt.
func casesOf(body []byte, n int) ([]core.AmiliCase, error) {
	var a RegistrationAnswer
	if err := json.Unmarshal(body, &a); err != nil {
		return nil, err
	}
	if a.Status != "" && a.Status != "OK" {
		return nil, fmt.Errorf("the registration's _status is %q", a.Status)
	}
	if len(a.Cases) != n {
		return nil, fmt.Errorf("the answer names %d cases for %d debts", len(a.Cases), n)
	}
	out := make([]core.AmiliCase, n)
	for i, id := range a.Cases {
		if id == "" {
			return nil, errors.New("the answer names an empty case id")
		}
		out[i].CaseID = id
		if i < len(a.OCRNumbersOCR) {
			out[i].OCR = a.OCRNumbersOCR[i]
		}
	}
	return out, nil
}

// duplicate reports whether Amili refused a registration because the invoice already
// has a case (see notUnique).
func duplicate(e EveError) bool {
	for _, is := range eveIssues(e.Issues) {
		if notUnique(is.Reason) {
			return true
		}
	}
	return false
}

// existingCase looks up the case Amili says the invoice already has.
func (c *Client) existingCase(ctx context.Context, s core.AmiliSettings, number string) (core.AmiliCase, error) {
	found, ok, err := c.FindCase(ctx, s, number)
	if err != nil {
		return core.AmiliCase{}, err
	}
	if !ok {
		return core.AmiliCase{}, core.Errorf(core.ECONFLICT,
			"Amili says invoice {{.Invoice}} is already registered, but has no case for it",
			map[string]any{"Invoice": number})
	}
	return found, nil
}

// whereQuery is a list query: the `where` filter as URL-encoded JSON, page and size.
func whereQuery(where map[string]any, page, size int) (string, error) {
	w, err := json.Marshal(where)
	if err != nil {
		return "", err
	}
	v := url.Values{"where": {string(w)}, "max_results": {strconv.Itoa(size)}}
	if page > 1 {
		v.Set("page", strconv.Itoa(page))
	}
	return v.Encode(), nil
}

// FindCase looks the creditor's case for the invoice number up with a `where`
// filter. It fails closed: found is false only when the answer was a well-formed
// `_items` list in which every case provably matches the filter (the creditor and the
// invoice number) and none was there. A list holding any other case means the filter
// was ignored (Eve ignores what it does not understand), and that is an error, never
// "absent".
func (c *Client) FindCase(ctx context.Context, s core.AmiliSettings, number string) (core.AmiliCase, bool, error) {
	where := map[string]any{"creditor": s.CreditorID, "debt.invoice_number": number}
	q, err := whereQuery(where, 1, maxPageSize)
	if err != nil {
		return core.AmiliCase{}, false, core.Wrap(err, core.EINTERNAL, "An unexpected error occurred", nil)
	}
	status, body, err := c.do(ctx, s, http.MethodGet, "/cases?"+q, nil)
	if err != nil {
		return core.AmiliCase{}, false, lookupFailed(number, err)
	}
	if status != http.StatusOK {
		return core.AmiliCase{}, false, lookupFailed(number, statusError(s, status, body))
	}
	var list List[Case]
	if err := json.Unmarshal(body, &list); err != nil || list.Items == nil || list.Meta == nil {
		if err == nil {
			err = errors.New("the answer is not an _items list with _meta")
		}
		return core.AmiliCase{}, false, lookupUnreadable(number, err)
	}
	for _, cs := range list.Items {
		if cs.ID == "" || cs.Creditor != s.CreditorID || cs.Debt.InvoiceNumber != number {
			return core.AmiliCase{}, false, core.Errorf(core.EUNAVAILABLE,
				"Amili's lookup of invoice {{.Invoice}} came back unfiltered, so Påminn cannot tell whether it is registered; the reminder waits and is not sent twice",
				map[string]any{"Invoice": number, "Case": cs.ID})
		}
	}
	if len(list.Items) == 0 {
		if list.Meta.Total != 0 {
			return core.AmiliCase{}, false, lookupUnreadable(number,
				fmt.Errorf("_meta.total is %d but _items is empty", list.Meta.Total))
		}
		return core.AmiliCase{}, false, nil
	}
	cs := list.Items[0]
	state, raw := stateOfCase(cs)
	found := core.AmiliCase{CaseID: cs.ID, InvoiceNumber: number, State: state, Raw: raw}
	return c.withOCR(ctx, s, cs, found), true, nil
}

// lookupFailed says that the never-twice lookup failed, and why.
func lookupFailed(number string, err error) error {
	return core.Wrap(err, core.EUNAVAILABLE,
		"Påminn could not check with Amili whether invoice {{.Invoice}} is already registered; the reminder waits and is not sent twice",
		map[string]any{"Invoice": number})
}

// lookupUnreadable says that the lookup's answer was not a list the client can trust.
func lookupUnreadable(number string, err error) error {
	return core.Wrap(err, core.EUNAVAILABLE,
		"Amili's answer to the lookup of invoice {{.Invoice}} could not be read; the reminder waits and is not sent twice",
		map[string]any{"Invoice": number})
}

// registrationOCR reads the OCR of case cs, for the invoice number, where the docs
// show it: the case names its registration (`case_registration`), and the
// registration read back (GET /case--registrations/{id}) lists the OCRs it issued,
// `_ocr_numbers_ocr[i]` for `debts[i]`. The debt is found by its invoice number (or
// by `_cases`, when the answer repeats them). An error says why the OCR cannot be had.
func (c *Client) registrationOCR(ctx context.Context, s core.AmiliSettings, cs Case, number string) (string, error) {
	if cs.CaseRegistration == "" {
		return "", errors.New("the case names no case_registration")
	}
	status, body, err := c.do(ctx, s, http.MethodGet, registrationsPath+"/"+url.PathEscape(cs.CaseRegistration), nil)
	if err != nil {
		return "", err
	}
	if status != http.StatusOK {
		return "", statusError(s, status, body)
	}
	var a RegistrationRead
	if err := json.Unmarshal(body, &a); err != nil {
		return "", err
	}
	i := debtIndex(a, cs.ID, number)
	if i < 0 || i >= len(a.OCRNumbersOCR) || a.OCRNumbersOCR[i] == "" {
		return "", fmt.Errorf("registration %s names no OCR for case %s", cs.CaseRegistration, cs.ID)
	}
	return a.OCRNumbersOCR[i], nil
}

// debtIndex is the position of the case's debt in a registration read back: by
// `_cases` when given, else by the one debt with the invoice number, else 0 when the
// registration holds a single debt; -1 when it cannot be told.
func debtIndex(a RegistrationRead, caseID, number string) int {
	if len(a.Cases) > 0 {
		return slices.Index(a.Cases, caseID)
	}
	at := -1
	for i, d := range a.Debts {
		if d.InvoiceNumber == number {
			if at >= 0 {
				return -1
			}
			at = i
		}
	}
	if at < 0 && len(a.Debts) <= 1 && len(a.OCRNumbersOCR) == 1 {
		return 0
	}
	return at
}

// withOCR adds the OCR of a case found or read to found, when Amili gives it; when
// it cannot be had, found keeps no OCR (the invoice says so) and the reason is logged.
func (c *Client) withOCR(ctx context.Context, s core.AmiliSettings, cs Case, found core.AmiliCase) core.AmiliCase {
	ocr, err := c.registrationOCR(ctx, s, cs, cs.Debt.InvoiceNumber)
	if err != nil {
		slog.Warn("amili: the OCR of a case could not be read from its registration", "case", cs.ID, "err", err)
		return found
	}
	found.OCR = ocr
	return found
}

// OpenCases lists the creditor's cases that are not closed, following `_meta` page
// by page, max_results 100. A case in a state the client does not know is returned
// with its raw text (and logged); it never stops the others.
func (c *Client) OpenCases(ctx context.Context, s core.AmiliSettings) ([]core.AmiliCase, error) {
	where := map[string]any{"creditor": s.CreditorID, "closed": false}
	var out []core.AmiliCase
	for page := 1; ; page++ {
		q, err := whereQuery(where, page, maxPageSize)
		if err != nil {
			return nil, core.Wrap(err, core.EINTERNAL, "An unexpected error occurred", nil)
		}
		status, body, err := c.do(ctx, s, http.MethodGet, "/cases?"+q, nil)
		if err != nil {
			return nil, err
		}
		if status != http.StatusOK {
			return nil, statusError(s, status, body)
		}
		var list List[Case]
		if err := json.Unmarshal(body, &list); err != nil || list.Items == nil || list.Meta == nil {
			if err == nil {
				err = errors.New("the answer is not an _items list with _meta")
			}
			return nil, core.Wrap(err, core.EUNAVAILABLE, "Amili's list of cases could not be read", nil)
		}
		for _, cs := range list.Items {
			if cs.Creditor != s.CreditorID {
				continue // not filtered: not this creditor's to judge
			}
			state, raw := stateOfCase(cs)
			if raw != "" {
				slog.Warn("amili reports a case state Påminn does not know", "case", cs.ID, "state", cs.State, "status", cs.Status)
			}
			out = append(out, core.AmiliCase{CaseID: cs.ID, InvoiceNumber: cs.Debt.InvoiceNumber, State: state, Raw: raw})
		}
		size := list.Meta.MaxResults
		if size <= 0 {
			size = maxPageSize
		}
		if len(list.Items) == 0 || page*size >= list.Meta.Total || page >= 10000 {
			return out, nil
		}
	}
}
