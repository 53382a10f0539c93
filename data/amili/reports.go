package amili

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"net/url"
	"os"
	"path/filepath"

	"paminn/core"
)

// ReadCase reads one case (GET /cases/{id}): ENOTFOUND if Amili has no such case.
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
	return core.AmiliCase{CaseID: cs.ID, InvoiceNumber: cs.Debt.InvoiceNumber, State: state, Raw: raw}, nil
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

// FindPayment looks up a payment reported under reference (see paymentsPath in
// unknowns.go). It fails closed as FindCase does: found is false only on a
// well-formed `_items` answer whose every item provably matches the filter.
func (c *Client) FindPayment(ctx context.Context, s core.AmiliSettings, caseID, reference string) (bool, error) {
	where := map[string]any{"creditor": s.CreditorID, "creditor_payment_reference": reference}
	q, err := whereQuery(where, 1, maxPageSize)
	if err != nil {
		return false, core.Wrap(err, core.EINTERNAL, "An unexpected error occurred", nil)
	}
	fail := func(err error) error {
		return core.Wrap(err, core.EUNAVAILABLE,
			"Påminn could not check with Amili whether payment {{.Reference}} was already reported; it waits and is not reported twice",
			map[string]any{"Reference": reference})
	}
	status, body, err := c.do(ctx, s, http.MethodGet, paymentsPath+"?"+q, nil)
	if err != nil {
		return false, fail(err)
	}
	if status != http.StatusOK {
		return false, fail(statusError(s, status, body))
	}
	var list List[PaymentAnswer]
	if err := json.Unmarshal(body, &list); err != nil || list.Items == nil || list.Meta == nil {
		return false, fail(errors.New("the answer is not an _items list with _meta"))
	}
	for _, p := range list.Items {
		if p.Reference != reference {
			return false, fail(errors.New("the answer is not filtered by creditor_payment_reference"))
		}
	}
	return len(list.Items) > 0, nil
}

// ReportCrediting tells Amili (POST /creditor--creditings) that the creditor credited
// part of the invoice. A refusal because the reference is already there means an
// earlier attempt got through: that is success, so a crediting never counts twice.
func (c *Client) ReportCrediting(ctx context.Context, s core.AmiliSettings, r core.AmiliReport) (string, error) {
	body := Crediting{Creditor: s.CreditorID, Account: s.AccountID, Case: r.CaseRef, Currency: core.Currency,
		Amount: amountOf(core.RoundOre(r.Amount)), CreditingDate: httpDate(r.Date.Time()),
		CreditInvoiceNumber: r.CreditNumber, Reference: r.Reference, Origin: originCreditorSystem}
	status, answer, err := c.do(ctx, s, http.MethodPost, creditingsPath, body)
	if err != nil {
		return "", err
	}
	switch status {
	case http.StatusCreated, http.StatusOK:
		var a PaymentAnswer
		if err := json.Unmarshal(answer, &a); err != nil {
			return "", uncertain(err)
		}
		return a.ID, nil
	case http.StatusBadRequest, http.StatusUnprocessableEntity:
		var e EveError
		if json.Unmarshal(answer, &e) == nil {
			for _, is := range eveIssues(e.Issues) {
				if is.Field == "creditor_crediting_reference" && notUnique(is.Reason) {
					return r.Reference, nil
				}
			}
		}
		return "", refused(r.InvoiceNumber, answer)
	}
	return "", statusError(s, status, answer)
}

// CancelCase withdraws a case (POST /creditor--cancellations).
func (c *Client) CancelCase(ctx context.Context, s core.AmiliSettings, caseID string) (string, error) {
	var a CancellationAnswer
	body := Cancellation{Creditor: s.CreditorID, Case: caseID, Origin: originCreditorSystem}
	if err := c.post(ctx, s, "/creditor--cancellations", caseID, body, &a); err != nil {
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
