package core

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// PauseReason is why an invoice or a customer is paused (issue 22): while paused, an
// invoice is never a reminder candidate and never handed over to Amili (a disputed
// claim must not go to collection).
type PauseReason string

// The pause reasons; PauseNone is no pause.
const (
	PauseNone    PauseReason = ""
	PauseDispute PauseReason = "dispute" // Bestriden: the customer disputes the claim
	PausePlan    PauseReason = "plan"    // a payment plan is agreed
	PauseOther   PauseReason = "other"   // another reason, in the note
)

// PauseReasons are the reasons a pause may give, in the order the GUI offers them.
var PauseReasons = []PauseReason{PauseDispute, PausePlan, PauseOther}

// Valid reports whether r is one of PauseReasons.
func (r PauseReason) Valid() bool {
	for _, ok := range PauseReasons {
		if r == ok {
			return true
		}
	}
	return false
}

// Word names the reason as the list's status does, for a message's data: Disputed,
// Paused: payment plan, or Paused.
func (r PauseReason) Word() Word {
	switch r {
	case PauseDispute:
		return "Disputed"
	case PausePlan:
		return "Paused: payment plan"
	case PauseOther, PauseNone:
	}
	return "Paused"
}

// Pause is one pause of an invoice (InvoiceID) or of a whole customer (CustomerID),
// exactly one of the two set. The store keeps every pause as history; the current
// ones are those not ended.
type Pause struct {
	ID         int64
	InvoiceID  int64
	CustomerID int64
	Reason     PauseReason
	Note       string    // the user's words, at most maxReasonRunes
	Until      Date      // the pause ends after this day; zero: until unpaused
	Started    time.Time // when the pause was made
	Ended      time.Time // when it was unpaused (or its end date passed); zero while current
}

// Expired reports whether the pause's end date has passed on today.
func (p Pause) Expired(today Date) bool { return !p.Until.IsZero() && p.Until.Before(today) }

// checkPause checks a new pause given on today.
func checkPause(p Pause, today Date) error {
	switch {
	case !p.Reason.Valid():
		return Errorf(EINVALID, "Choose why the invoice or customer is paused", nil)
	case p.Reason == PauseOther && p.Note == "":
		return Errorf(EINVALID, "Say why the invoice or customer is paused", nil)
	case utf8.RuneCountInString(p.Note) > maxReasonRunes:
		return Errorf(EINVALID, "The reason is too long: at most {{.Max}} characters", map[string]any{"Max": maxReasonRunes})
	case !p.Until.IsZero() && p.Until.Before(today):
		return Errorf(EINVALID, "The pause's end date {{.Date}} has already passed", map[string]any{"Date": p.Until.String()})
	}
	return nil
}

// PauseInvoice pauses an invoice (p.InvoiceID) or a whole customer (p.CustomerID)
// with a reason, a note and an optional end date, ending any pause it had: from now
// on none of its invoices is offered a reminder or handed over to Amili, and the list
// shows them as Pausad or Bestriden.
func (s *Service) PauseInvoice(ctx context.Context, p Pause) (Pause, error) {
	p.Note = strings.TrimSpace(p.Note)
	if (p.InvoiceID == 0) == (p.CustomerID == 0) {
		return Pause{}, Errorf(EINVALID, "Pause either an invoice or a customer", nil)
	}
	if err := checkPause(p, s.Today()); err != nil {
		return Pause{}, err
	}
	p.ID, p.Started, p.Ended = 0, s.clock.Now(), time.Time{}
	saved, err := s.store.StartPause(ctx, p)
	if err != nil {
		return Pause{}, err
	}
	s.changed("paused")
	return saved, nil
}

// Unpause ends the current pause of an invoice (invoiceID) or a customer
// (customerID), one of them 0: its invoices are offered again as the rules allow.
// ENOTFOUND when there is no current pause.
func (s *Service) Unpause(ctx context.Context, invoiceID, customerID int64) error {
	if err := s.store.EndPause(ctx, invoiceID, customerID, s.clock.Now()); err != nil {
		return err
	}
	s.changed("unpaused")
	return nil
}

// EndExpiredPauses ends the pauses whose end date passed before today, so their
// invoices are offered again; the program calls it when the book opens and before a
// reminder dialog. It returns how many ended.
func (s *Service) EndExpiredPauses(ctx context.Context) (int, error) {
	n, err := s.store.EndPausesBefore(ctx, s.Today(), s.clock.Now())
	if err != nil || n == 0 {
		return n, err
	}
	s.changed("pauses ended")
	return n, nil
}

// Pauses returns the pauses of an invoice (invoiceID) or a customer (customerID),
// current and past, newest first.
func (s *Service) Pauses(ctx context.Context, invoiceID, customerID int64) ([]Pause, error) {
	return s.store.Pauses(ctx, invoiceID, customerID)
}
