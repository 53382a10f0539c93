package core

import (
	"context"
	"strings"
	"time"
)

// AmiliSyncInterval is how often, at most, Påminn asks Amili about its cases by
// itself; the user can ask at any time.
const AmiliSyncInterval = 15 * time.Minute

// AmiliSyncReport counts what one sync found.
type AmiliSyncReport struct {
	Cases   int // cases of this book in the environment in use
	Changed int // whose state changed
	Unknown int // in a state Påminn does not know (shown as Amili's text)
}

// PollAmili syncs the cases' states with Amili when the last sync is at least
// AmiliSyncInterval ago; the delivery loop calls it.
func (s *Service) PollAmili(ctx context.Context) (AmiliSyncReport, error) {
	s.amiliSyncMu.Lock()
	due := s.amiliSynced.IsZero() || s.clock.Now().Sub(s.amiliSynced) >= AmiliSyncInterval
	s.amiliSyncMu.Unlock()
	if !due {
		return AmiliSyncReport{}, nil
	}
	return s.SyncAmili(ctx)
}

// SyncAmili asks Amili now for the state of every open case of the environment in use
// — the open ones by paged list queries, a case no longer among them by itself — and
// records the changes. A case in a state Påminn does not know keeps Amili's text and
// is logged; a case Amili cannot tell about is logged and skipped; neither stops the
// others. Cases of another environment are left alone.
func (s *Service) SyncAmili(ctx context.Context) (AmiliSyncReport, error) {
	var rep AmiliSyncReport
	set, err := s.store.Settings(ctx)
	if err != nil || !set.Amili.Activated || s.channels.Amili == nil {
		return rep, err
	}
	s.amiliSyncMu.Lock()
	s.amiliSynced = s.clock.Now()
	s.amiliSyncMu.Unlock()
	am := amiliSettings(set.Amili)
	invs, err := s.store.AmiliCases(ctx, am.Environment)
	if err != nil || len(invs) == 0 {
		return rep, err
	}
	open, err := s.channels.Amili.OpenCases(ctx, am)
	if err != nil {
		return rep, err
	}
	byID := make(map[string]AmiliCase, len(open))
	for _, c := range open {
		byID[c.CaseID] = c
	}
	defer func() {
		if rep.Changed > 0 { // told even when a later case fails: these were written
			s.changed("amili cases")
		}
	}()
	var firstErr error
	for _, inv := range invs {
		rep.Cases++
		c, ok := byID[inv.AmiliCaseRef]
		if !ok {
			if c, err = s.channels.Amili.ReadCase(ctx, am, inv.AmiliCaseRef); err != nil {
				s.log.Warn("amili case could not be read", "invoice", inv.Number, "case", inv.AmiliCaseRef, "err", err)
				if firstErr == nil && ErrorCodeOf(err) != ENOTFOUND {
					firstErr = err
				}
				continue
			}
		}
		if c.Raw != "" {
			rep.Unknown++
			s.log.Warn("amili case in a state Påminn does not know", "invoice", inv.Number, "case", c.CaseID, "state", c.Raw)
		}
		if c.State == inv.AmiliState && c.Raw == inv.AmiliRaw {
			continue
		}
		if err := s.store.SetAmiliCase(ctx, inv.ID, c); err != nil {
			return rep, err
		}
		rep.Changed++
	}
	return rep, firstErr
}

// WithdrawFromAmili queues the withdrawal of the invoice's case ("Återkalla från
// Amili"); the GUI asks the user to confirm first. It goes out with the deliveries.
func (s *Service) WithdrawFromAmili(ctx context.Context, invoiceID int64) error {
	if _, err := s.store.QueueCancellation(ctx, invoiceID, s.clock.Now()); err != nil {
		return err
	}
	s.changed("amili withdrawal queued")
	s.WakeDelivery()
	return nil
}

// AmiliReports lists the reports to Amili (payments, withdrawals, uploads), newest
// first, with their delivery state.
func (s *Service) AmiliReports(ctx context.Context) ([]AmiliReport, error) {
	return s.store.AmiliReports(ctx)
}

// RetryAmiliReport puts a failed report back in the queue and wakes delivery.
func (s *Service) RetryAmiliReport(ctx context.Context, id int64) error {
	if err := s.store.RetryAmiliReport(ctx, id, s.clock.Now()); err != nil {
		return err
	}
	s.changed("amili report retried")
	s.WakeDelivery()
	return nil
}

// deliverAmiliReports sends every report to Amili that is due, as DeliverPending
// does for reminders.
func (s *Service) deliverAmiliReports(ctx context.Context, set Settings, rep *DeliveryReport) error {
	for ctx.Err() == nil {
		now := s.clock.Now()
		rs, err := s.store.ClaimAmiliReports(ctx, now, now, deliveryBatchSize)
		if err != nil || len(rs) == 0 {
			return err
		}
		for _, r := range rs {
			o := s.sendReport(ctx, set, r)
			if err := s.store.FinishAmiliReport(context.WithoutCancel(ctx), o); err != nil {
				return err
			}
			if o.State == DeliverySent {
				rep.Sent++
			} else {
				rep.Failed++
			}
		}
	}
	return ctx.Err()
}

// sendReport makes one attempt at a report and says how it ended.
func (s *Service) sendReport(ctx context.Context, set Settings, r AmiliReport) AmiliReportOutcome {
	o := AmiliReportOutcome{ReportID: r.ID}
	var err error
	if o.ExternalRef, err = s.report(ctx, set, r); err == nil {
		o.State, o.At, o.CloseCase = DeliverySent, s.clock.Now(), r.Kind == AmiliReportCancellation
		return o
	}
	o.State, o.At, o.Error = DeliveryFailed, s.clock.Now(), AsError(err).Text()
	if code := ErrorCodeOf(err); code != EINVALID && code != ECONFLICT && r.Attempts <= len(retryBackoff) {
		o.NextAttempt = o.At.Add(retryBackoff[max(r.Attempts, 1)-1])
	}
	s.log.Warn("amili report failed", "report", r.ID, "kind", r.Kind, "invoice", r.InvoiceNumber, "err", err)
	return o
}

// report sends one report. A payment whose earlier attempt had an unknown outcome is
// looked up first and reported again only when the lookup provably found nothing.
func (s *Service) report(ctx context.Context, set Settings, r AmiliReport) (string, error) {
	am := amiliSettings(set.Amili)
	switch {
	case s.channels.Amili == nil:
		return "", Errorf(EUNAVAILABLE, "Amili cannot be reached from this program", nil)
	case !am.Activated:
		return "", Errorf(EUNAVAILABLE, "Amili is not activated", nil)
	case r.Environment != am.Environment:
		return "", Errorf(ECONFLICT,
			"The case of invoice {{.Invoice}} is in Amili's {{.Env}} environment, not the one in use; it waits until you switch back",
			map[string]any{"Invoice": r.InvoiceNumber, "Env": string(r.Environment)})
	}
	switch r.Kind {
	case AmiliReportPayment:
		if r.Uncertain || r.Attempts > 1 {
			found, err := s.channels.Amili.FindPayment(ctx, am, r.CaseRef, r.Reference)
			if err != nil {
				return "", err
			}
			if found {
				return r.Reference, nil
			}
		}
		return s.channels.Amili.ReportPayment(ctx, am, r)
	case AmiliReportCrediting:
		return s.channels.Amili.ReportCrediting(ctx, am, r)
	case AmiliReportCancellation:
		return s.channels.Amili.CancelCase(ctx, am, r.CaseRef)
	case AmiliReportUpload:
		return s.channels.Amili.UploadInvoice(ctx, am, r.CaseRef, r.File)
	}
	return "", Errorf(EINTERNAL, "Unknown report kind {{.Kind}}", map[string]any{"Kind": string(r.Kind)})
}

// AttachInvoicePDF attaches the original invoice (a PDF file the user chose) to an
// invoice; it is uploaded to Amili with the case, now if there is one already.
func (s *Service) AttachInvoicePDF(ctx context.Context, invoiceID int64, path string) (Invoice, error) {
	inv, err := s.store.AttachInvoicePDF(ctx, invoiceID, path, s.clock.Now())
	if err != nil {
		return Invoice{}, err
	}
	s.changed("invoice pdf attached")
	s.WakeDelivery()
	return inv, nil
}

// CreditInvoice records a credit note on an invoice (at most its balance): the
// invoice's amount goes down and, when it is with Amili, the crediting is reported to
// Amili so its claim goes down too.
func (s *Service) CreditInvoice(ctx context.Context, c Credit) (Invoice, error) {
	inv, err := s.store.Invoice(ctx, c.InvoiceID)
	if err != nil {
		return Invoice{}, err
	}
	data := map[string]any{"Number": inv.Number}
	switch {
	case !c.Amount.IsPositive():
		return Invoice{}, Errorf(EINVALID, "The credit must be more than 0 kr", data)
	case c.Amount.GreaterThan(inv.Balance()):
		return Invoice{}, Errorf(EINVALID, "The credit is larger than what remains of invoice {{.Number}}", data)
	}
	if c.Date.IsZero() {
		c.Date = s.Today()
	}
	c.Amount, c.Number = RoundOre(c.Amount), strings.TrimSpace(c.Number)
	if inv, err = s.store.CreditInvoice(ctx, c, s.clock.Now()); err != nil {
		return Invoice{}, err
	}
	s.changed("invoice credited")
	s.WakeDelivery()
	return inv, nil
}
