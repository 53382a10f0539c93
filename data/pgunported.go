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

// CandidateIDs is not ported to PostgreSQL yet: it refuses.
func (s *PGStore) CandidateIDs(_ context.Context, _ core.CandidateQuery, _ core.Date) (_ []int64, err error) {
	err = s.unported("CandidateIDs")
	return
}

// CandidatePage is not ported to PostgreSQL yet: it refuses.
func (s *PGStore) CandidatePage(_ context.Context, _ core.CandidateQuery, _ core.Date) (_ []core.Candidate, err error) {
	err = s.unported("CandidatePage")
	return
}

// CountCandidates is not ported to PostgreSQL yet: it refuses.
func (s *PGStore) CountCandidates(_ context.Context, _ core.CandidateQuery, _ core.Date) (_ core.CandidateCount, err error) {
	err = s.unported("CountCandidates")
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

// WalkCandidates is not ported to PostgreSQL yet: it refuses.
func (s *PGStore) WalkCandidates(_ context.Context, _ core.CandidateQuery, _ core.Date, _ func(*core.Candidate) bool) (err error) {
	err = s.unported("WalkCandidates")
	return
}
