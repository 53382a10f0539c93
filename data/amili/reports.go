package amili

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"net/url"
	"os"
	"path/filepath"

	"paminn/core"
)

// ReadCase reads one case (GET /cases/{id}), with its OCR from its registration when
// Amili gives it: ENOTFOUND if Amili has no such case.
func (c *Client) ReadCase(ctx context.Context, s core.AmiliSettings, caseID string) (core.AmiliCase, error) {
	status, body, err := c.do(ctx, s, http.MethodGet, "/cases/"+url.PathEscape(caseID), nil)
	if err != nil {
		return core.AmiliCase{}, err
	}
	switch status {
	case http.StatusOK:
	case http.StatusNotFound:
		return core.AmiliCase{}, core.Errorf(core.ENOTFOUND, "Amili has no case {{.CaseID}}",
			map[string]any{"CaseID": caseID})
	default:
		return core.AmiliCase{}, statusError(s, status, body)
	}
	var cs Case
	if err := json.Unmarshal(body, &cs); err != nil || cs.ID != caseID {
		if err == nil {
			err = errors.New("the answer is another case")
		}
		return core.AmiliCase{}, core.Wrap(err, core.EUNAVAILABLE, "Amili's answer about case {{.CaseID}} could not be read",
			map[string]any{"CaseID": caseID})
	}
	state, raw := stateOfCase(cs)
	found := core.AmiliCase{CaseID: cs.ID, InvoiceNumber: cs.Debt.InvoiceNumber, State: state, Raw: raw}
	return c.withOCR(ctx, s, cs, found), nil
}

// ReportPayment tells Amili (POST /creditor--payments) that the debtor paid the
// creditor directly, so Amili stops chasing that money. The report's Reference is the
// unique creditor_payment_reference.
func (c *Client) ReportPayment(ctx context.Context, s core.AmiliSettings, r core.AmiliReport) (string, error) {
	p := CreditorPayment{
		Creditor: s.CreditorID, Account: s.AccountID, Case: r.CaseRef, Currency: core.Currency,
		Amount: amountOf(core.RoundOre(r.Amount)), BankTransactionDate: httpDate(r.Date.Time()),
		Reference: r.Reference, Origin: originCreditorSystem,
	}
	var a PaymentAnswer
	if err := c.post(ctx, s, paymentsPath, r.InvoiceNumber, p, &a); err != nil {
		return "", err
	}
	return a.ID, nil
}

// reportLookup is where Amili lists one kind of report and how an item of that list
// is known as the report sent before.
type reportLookup struct {
	path  string
	match func(it ReportItem, r core.AmiliReport) bool
}

// reportLookups are the kinds of report that can be looked up (CONTRACT.md: payments,
// creditings and cancellations each have a list filterable with `where` on `case`).
// An upload has none: it is never looked up, and never re-sent on the client's own.
var reportLookups = map[core.AmiliReportKind]reportLookup{
	core.AmiliReportPayment: {paymentsPath, func(it ReportItem, r core.AmiliReport) bool {
		return it.PaymentReference == r.Reference
	}},
	core.AmiliReportCrediting: {creditingsPath, func(it ReportItem, r core.AmiliReport) bool {
		return it.CreditorReference == r.Reference
	}},
	// A case is withdrawn once: any cancellation of it is this one.
	core.AmiliReportCancellation: {cancellationsPath, func(ReportItem, core.AmiliReport) bool { return true }},
}

// FindReport looks up a report sent before whose answer was lost, in its kind's list
// with a `where` filter on the case, page by page. It fails closed as FindCase does:
// found is false only when every page was a well-formed `_items` list whose every item
// provably matches the filter, and none was the report. ref is Amili's id of the
// report found.
func (c *Client) FindReport(ctx context.Context, s core.AmiliSettings, r core.AmiliReport) (found bool, ref string, err error) {
	lk, ok := reportLookups[r.Kind]
	if !ok {
		return false, "", core.Errorf(core.EINTERNAL, "Amili has no way to look up a report of kind {{.Kind}}",
			map[string]any{"Kind": string(r.Kind)})
	}
	fail := func(err error) error {
		return core.Wrap(err, core.EUNAVAILABLE,
			"Påminn could not check with Amili whether its report about invoice {{.Invoice}} already arrived; it waits and is not sent twice",
			map[string]any{"Invoice": r.InvoiceNumber, "Case": r.CaseRef})
	}
	for page := 1; page <= 10000; page++ {
		q, err := whereQuery(map[string]any{"case": r.CaseRef}, page, maxPageSize)
		if err != nil {
			return false, "", core.Wrap(err, core.EINTERNAL, "An unexpected error occurred", nil)
		}
		status, body, err := c.do(ctx, s, http.MethodGet, lk.path+"?"+q, nil)
		if err != nil {
			return false, "", fail(err)
		}
		if status != http.StatusOK {
			return false, "", fail(statusError(s, status, body))
		}
		found, ref, last, err := reportPage(body, r, lk, page)
		if err != nil {
			return false, "", fail(err)
		}
		if found || last {
			return found, ref, nil
		}
	}
	return false, "", fail(errors.New("the list does not end"))
}

// reportPage reads page (from 1) of a report lookup's answer: found and Amili's id
// when the report is on it, last when no page follows. An answer that is not a
// well-formed `_items` list with `_meta`, or holds an item of another case (the filter
// was ignored), is an error: never "not there".
func reportPage(body []byte, r core.AmiliReport, lk reportLookup, page int) (found bool, ref string, last bool, err error) {
	var list List[ReportItem]
	if err := json.Unmarshal(body, &list); err != nil || list.Items == nil || list.Meta == nil {
		return false, "", false, errors.New("the answer is not an _items list with _meta")
	}
	for _, it := range list.Items {
		if it.Case != r.CaseRef {
			return false, "", false, errors.New("the answer is not filtered by case")
		}
	}
	for _, it := range list.Items {
		if lk.match(it, r) {
			return true, it.ID, true, nil
		}
	}
	size := list.Meta.MaxResults
	if size <= 0 {
		size = maxPageSize
	}
	if len(list.Items) == 0 && list.Meta.Total > (page-1)*size {
		return false, "", false, fmt.Errorf("_meta.total is %d but page %d is empty", list.Meta.Total, page)
	}
	return false, "", len(list.Items) == 0 || page*size >= list.Meta.Total, nil
}

// ReportCrediting tells Amili (POST /creditor--creditings) that the creditor credited
// part of the invoice, with the documented fields only (Crediting): the report's
// Reference as creditor_reference and the credit's date as client_registration_date.
func (c *Client) ReportCrediting(ctx context.Context, s core.AmiliSettings, r core.AmiliReport) (string, error) {
	body := Crediting{Creditor: s.CreditorID, Case: r.CaseRef, Currency: core.Currency,
		Amount: amountOf(core.RoundOre(r.Amount)), Origin: originCreditorSystem, CreditorReference: r.Reference}
	if !r.Date.IsZero() {
		body.ClientRegistrationDate = httpDate(r.Date.Time())
	}
	var a PaymentAnswer
	if err := c.post(ctx, s, creditingsPath, r.InvoiceNumber, body, &a); err != nil {
		return "", err
	}
	return a.ID, nil
}

// CancelCase withdraws a case (POST /creditor--cancellations).
func (c *Client) CancelCase(ctx context.Context, s core.AmiliSettings, caseID string) (string, error) {
	var a CancellationAnswer
	body := Cancellation{Creditor: s.CreditorID, Case: caseID, Origin: originCreditorSystem}
	if err := c.post(ctx, s, cancellationsPath, caseID, body, &a); err != nil {
		return "", err
	}
	return a.ID, nil
}

// UploadInvoice reads the original invoice, the PDF file at path, and uploads it to a
// case (POST /media--upload/{case}): multipart with the file part, named as the file
// is, typed application/pdf, domain=cases and dotted_path=original_invoice. It returns
// the file's URL at Amili. A file that cannot be read is EINVALID naming it.
func (c *Client) UploadInvoice(ctx context.Context, s core.AmiliSettings, caseID, path string) (string, error) {
	pdf, err := os.ReadFile(path)
	if err != nil {
		return "", core.Wrap(err, core.EINVALID, "The invoice PDF {{.Path}} could not be read", map[string]any{"Path": path})
	}
	name := filepath.Base(path)
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, v := range map[string]string{"domain": "cases", "dotted_path": "original_invoice"} {
		if err := w.WriteField(k, v); err != nil {
			return "", core.Wrap(err, core.EINTERNAL, "An unexpected error occurred", nil)
		}
	}
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", multipart.FileContentDisposition("file", name))
	h.Set("Content-Type", "application/pdf")
	part, err := w.CreatePart(h)
	if err == nil {
		_, err = part.Write(pdf)
	}
	if err == nil {
		err = w.Close()
	}
	if err != nil {
		return "", core.Wrap(err, core.EINTERNAL, "An unexpected error occurred", nil)
	}
	status, body, err := c.doRaw(ctx, s, http.MethodPost, "/media--upload/"+url.PathEscape(caseID), w.FormDataContentType(), buf.Bytes())
	if err != nil {
		return "", err
	}
	if status != http.StatusCreated && status != http.StatusOK {
		if status == http.StatusBadRequest || status == http.StatusUnprocessableEntity {
			return "", refused(caseID, body)
		}
		return "", statusError(s, status, body)
	}
	var a UploadAnswer
	if err := json.Unmarshal(body, &a); err != nil {
		return "", uncertain(err)
	}
	return a.URL, nil
}

// post sends a JSON body and reads a 201 answer into answer; what names the invoice or
// case in a refusal.
func (c *Client) post(ctx context.Context, s core.AmiliSettings, path, what string, payload, answer any) error {
	status, body, err := c.do(ctx, s, http.MethodPost, path, payload)
	if err != nil {
		return err
	}
	switch status {
	case http.StatusCreated, http.StatusOK:
		if err := json.Unmarshal(body, answer); err != nil {
			return uncertain(err)
		}
		return nil
	case http.StatusBadRequest, http.StatusUnprocessableEntity:
		return refused(what, body)
	}
	return statusError(s, status, body)
}
