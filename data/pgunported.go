package data

import (
	"context"
	"time"

	"paminn/core"
)

// The operations of core.Store not yet written for PostgreSQL (engine.go). Each one
// refuses with EUNAVAILABLE and a message naming it, so that a book on a server never
// does something other than what was asked; porting one moves it from this file to a
// pg*.go file that calls the shared code, with its test run on both engines
// (engines_test.go). TestUnportedOperationsRefuse checks every one of them.

// AttachInvoicePDF is not ported to PostgreSQL yet: it refuses.
func (s *PGStore) AttachInvoicePDF(_ context.Context, _ int64, _ string, _ time.Time) (_ core.Invoice, err error) {
	err = s.unported("AttachInvoicePDF")
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

// QueueCancellation is not ported to PostgreSQL yet: it refuses.
func (s *PGStore) QueueCancellation(_ context.Context, _ int64, _ time.Time) (_ core.AmiliReport, err error) {
	err = s.unported("QueueCancellation")
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
