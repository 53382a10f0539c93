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
