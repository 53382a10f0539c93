package data

import (
	"context"
	"time"

	"github.com/shopspring/decimal"

	"paminn/core"
)

// The operations of core.Store not yet written for PostgreSQL (engine.go). Each one
// refuses with EUNAVAILABLE and a message naming it, so that a book on a server never
// does something other than what was asked; porting one moves it from this file to a
// pg*.go file that calls the shared code, with its test run on both engines
// (engines_test.go). TestUnportedOperationsRefuse checks every one of them.

// AmiliCases is not ported to PostgreSQL yet: it refuses.
func (s *PGStore) AmiliCases(_ context.Context, _ core.AmiliEnvironment) (_ []core.Invoice, err error) {
	err = s.unported("AmiliCases")
	return
}

// ApplyCredit is not ported to PostgreSQL yet: it refuses.
func (s *PGStore) ApplyCredit(_ context.Context, _ core.CreditUse, _ time.Time) (_ core.Invoice, err error) {
	err = s.unported("ApplyCredit")
	return
}

// AttachInvoicePDF is not ported to PostgreSQL yet: it refuses.
func (s *PGStore) AttachInvoicePDF(_ context.Context, _ int64, _ string, _ time.Time) (_ core.Invoice, err error) {
	err = s.unported("AttachInvoicePDF")
	return
}

// BookEvents is not ported to PostgreSQL yet: it refuses.
func (s *PGStore) BookEvents(_ context.Context, _ core.Date, _ core.Date, _ func(core.BookEvent) error) (err error) {
	err = s.unported("BookEvents")
	return
}

// ClaimAmiliReports is not ported to PostgreSQL yet: it refuses.
func (s *PGStore) ClaimAmiliReports(_ context.Context, _ time.Time, _ time.Time, _ int) (_ []core.AmiliReport, err error) {
	err = s.unported("ClaimAmiliReports")
	return
}

// ClaimDeliveries is not ported to PostgreSQL yet: it refuses.
func (s *PGStore) ClaimDeliveries(_ context.Context, _ time.Time, _ time.Time, _ int) (_ []core.Delivery, err error) {
	err = s.unported("ClaimDeliveries")
	return
}

// CreateInterestInvoices is not ported to PostgreSQL yet: it refuses.
func (s *PGStore) CreateInterestInvoices(_ context.Context, _ []core.NewInterestInvoice, _ time.Time) (_ []core.Invoice, _ []core.Invoice, err error) {
	err = s.unported("CreateInterestInvoices")
	return
}

// CreditInvoice is not ported to PostgreSQL yet: it refuses.
func (s *PGStore) CreditInvoice(_ context.Context, _ core.Credit, _ time.Time) (_ core.Invoice, err error) {
	err = s.unported("CreditInvoice")
	return
}

// CustomerCredit is not ported to PostgreSQL yet: it refuses.
func (s *PGStore) CustomerCredit(_ context.Context, _ int64) (_ decimal.Decimal, err error) {
	err = s.unported("CustomerCredit")
	return
}

// CustomerCredits is not ported to PostgreSQL yet: it refuses.
func (s *PGStore) CustomerCredits(_ context.Context) (_ map[int64]decimal.Decimal, err error) {
	err = s.unported("CustomerCredits")
	return
}

// CustomerDetails is not ported to PostgreSQL yet: it refuses.
func (s *PGStore) CustomerDetails(_ context.Context, _ int64) (_ core.CustomerDetails, err error) {
	err = s.unported("CustomerDetails")
	return
}

// DeleteInvoice is not ported to PostgreSQL yet: it refuses.
func (s *PGStore) DeleteInvoice(_ context.Context, _ int64, _ core.Message, _ time.Time) (err error) {
	err = s.unported("DeleteInvoice")
	return
}

// FinishAmiliReport is not ported to PostgreSQL yet: it refuses.
func (s *PGStore) FinishAmiliReport(_ context.Context, _ core.AmiliReportOutcome) (err error) {
	err = s.unported("FinishAmiliReport")
	return
}

// FinishDeliveries is not ported to PostgreSQL yet: it refuses.
func (s *PGStore) FinishDeliveries(_ context.Context, _ []core.DeliveryOutcome) (err error) {
	err = s.unported("FinishDeliveries")
	return
}

// FinishDelivery is not ported to PostgreSQL yet: it refuses.
func (s *PGStore) FinishDelivery(_ context.Context, _ core.DeliveryOutcome) (err error) {
	err = s.unported("FinishDelivery")
	return
}

// InterestInvoicesFor is not ported to PostgreSQL yet: it refuses.
func (s *PGStore) InterestInvoicesFor(_ context.Context, _ []int64) (_ map[int64]core.Invoice, err error) {
	err = s.unported("InterestInvoicesFor")
	return
}

// InvoiceActivity is not ported to PostgreSQL yet: it refuses.
func (s *PGStore) InvoiceActivity(_ context.Context, _ int64) (_ core.InvoiceActivity, err error) {
	err = s.unported("InvoiceActivity")
	return
}

// InvoiceDetails is not ported to PostgreSQL yet: it refuses.
func (s *PGStore) InvoiceDetails(_ context.Context, _ int64) (_ core.InvoiceDetails, err error) {
	err = s.unported("InvoiceDetails")
	return
}

// LastBookEventDate is not ported to PostgreSQL yet: it refuses.
func (s *PGStore) LastBookEventDate(_ context.Context, _ core.Date, _ core.Date) (_ core.Date, err error) {
	err = s.unported("LastBookEventDate")
	return
}

// LatePaidInvoices is not ported to PostgreSQL yet: it refuses.
func (s *PGStore) LatePaidInvoices(_ context.Context, _ []int64) (_ []core.LatePaid, err error) {
	err = s.unported("LatePaidInvoices")
	return
}

// OpenInvoicesOf is not ported to PostgreSQL yet: it refuses.
func (s *PGStore) OpenInvoicesOf(_ context.Context, _ []int64) (_ []core.Invoice, err error) {
	err = s.unported("OpenInvoicesOf")
	return
}

// Payment is not ported to PostgreSQL yet: it refuses.
func (s *PGStore) Payment(_ context.Context, _ int64) (_ core.PaymentRecord, err error) {
	err = s.unported("Payment")
	return
}

// PaymentLookups is not ported to PostgreSQL yet: it refuses.
func (s *PGStore) PaymentLookups(_ context.Context, _ core.PaymentQuery) (_ core.PaymentLookups, err error) {
	err = s.unported("PaymentLookups")
	return
}

// QueueCancellation is not ported to PostgreSQL yet: it refuses.
func (s *PGStore) QueueCancellation(_ context.Context, _ int64, _ time.Time) (_ core.AmiliReport, err error) {
	err = s.unported("QueueCancellation")
	return
}

// RefundCredit is not ported to PostgreSQL yet: it refuses.
func (s *PGStore) RefundCredit(_ context.Context, _ core.CreditUse, _ time.Time) (err error) {
	err = s.unported("RefundCredit")
	return
}

// RegisterBankPayments is not ported to PostgreSQL yet: it refuses.
func (s *PGStore) RegisterBankPayments(_ context.Context, _ []core.BankRegistration, _ time.Time) (err error) {
	err = s.unported("RegisterBankPayments")
	return
}

// RetryAmiliReport is not ported to PostgreSQL yet: it refuses.
func (s *PGStore) RetryAmiliReport(_ context.Context, _ int64, _ time.Time) (err error) {
	err = s.unported("RetryAmiliReport")
	return
}

// RetryReminder is not ported to PostgreSQL yet: it refuses.
func (s *PGStore) RetryReminder(_ context.Context, _ int64, _ time.Time) (err error) {
	err = s.unported("RetryReminder")
	return
}

// ReversePayment is not ported to PostgreSQL yet: it refuses.
func (s *PGStore) ReversePayment(_ context.Context, _ core.PaymentReversalRequest, _ time.Time) (_ core.Invoice, err error) {
	err = s.unported("ReversePayment")
	return
}

// SetAmiliCase is not ported to PostgreSQL yet: it refuses.
func (s *PGStore) SetAmiliCase(_ context.Context, _ int64, _ core.AmiliCase) (err error) {
	err = s.unported("SetAmiliCase")
	return
}

// UpdateInvoice is not ported to PostgreSQL yet: it refuses.
func (s *PGStore) UpdateInvoice(_ context.Context, _ core.Invoice, _ []core.Message, _ time.Time) (_ core.Invoice, err error) {
	err = s.unported("UpdateInvoice")
	return
}
