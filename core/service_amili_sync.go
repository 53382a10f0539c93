package core

import (
	"context"
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
// — the open ones by paged list queries, a case no longer among them, or whose OCR is
// not yet known, by itself — and records the changes. A case in a state Påminn does
// not know keeps Amili's text and is logged; a case Amili cannot tell about is logged
// and skipped; neither stops the others. Cases of another environment are left alone.
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
		if !ok || inv.AmiliOCR == "" { // read by itself: gone from the open ones, or its OCR not yet known
			read, err := s.channels.Amili.ReadCase(ctx, am, inv.AmiliCaseRef)
			switch {
			case err == nil:
				c = read
			case !ok:
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
		if c.State == inv.AmiliState && c.Raw == inv.AmiliRaw && (c.OCR == "" || c.OCR == inv.AmiliOCR) {
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

// InvoiceAmiliReports lists what Påminn told, or is still to tell, Amili about one
// invoice, newest first: the invoice shows which reports Amili has not confirmed.
func (s *Service) InvoiceAmiliReports(ctx context.Context, invoiceID int64) ([]AmiliReport, error) {
	return s.store.InvoiceAmiliReports(ctx, invoiceID)
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

// sendReport makes one attempt at a report and says how it ended. An upload that
// may have arrived is not sent again on its own: no lookup can tell, so it waits,
// marked uncertain, for the user to send it again.
func (s *Service) sendReport(ctx context.Context, set Settings, r AmiliReport) AmiliReportOutcome {
	o := AmiliReportOutcome{ReportID: r.ID}
	am := amiliSettings(set.Amili)
	err := s.reportBlocked(am, r)
	switch {
	case err != nil: // nothing was sent
	case r.Kind == AmiliReportUpload && r.Uncertain:
		err = uncertainUpload(r)
		o.Uncertain = true
	default:
		if o.ExternalRef, err = s.report(ctx, am, r); err == nil {
			o.State, o.At, o.CloseCase = DeliverySent, s.clock.Now(), r.Kind == AmiliReportCancellation
			return o
		}
		if code := ErrorCodeOf(err); r.Kind == AmiliReportUpload && code != EINVALID && code != ECONFLICT {
			s.log.Warn("amili upload may not have arrived", "report", r.ID, "invoice", r.InvoiceNumber, "err", err)
			err, o.Uncertain = uncertainUpload(r), true
		}
	}
	o.State, o.At, o.Error, o.Failure = DeliveryFailed, s.clock.Now(), AsError(err).Text(), MessageOf(err)
	if code := ErrorCodeOf(err); !o.Uncertain && code != EINVALID && code != ECONFLICT && r.Attempts <= len(retryBackoff) {
		o.NextAttempt = o.At.Add(retryBackoff[max(r.Attempts, 1)-1])
	}
	s.log.Warn("amili report failed", "report", r.ID, "kind", r.Kind, "invoice", r.InvoiceNumber, "err", err)
	return o
}

// uncertainUpload says that an upload may not have arrived and what to do.
func uncertainUpload(r AmiliReport) error {
	return Errorf(EUNAVAILABLE,
		"The original invoice of {{.Invoice}} may not have arrived at Amili; check the case in Amili and send it again if it is missing",
		map[string]any{"Invoice": r.InvoiceNumber})
}

// reportBlocked says why no report can be sent now (nil when one can).
func (s *Service) reportBlocked(am AmiliSettings, r AmiliReport) error {
	switch {
	case s.channels.Amili == nil:
		return Errorf(EUNAVAILABLE, "Amili cannot be reached from this program", nil)
	case !am.Activated:
		return Errorf(EUNAVAILABLE, "Amili is not activated", nil)
	case r.Environment != am.Environment:
		return Errorf(ECONFLICT,
			"The case of invoice {{.Invoice}} is in Amili's {{.Env}} environment, not the one in use; it waits until you switch back",
			map[string]any{"Invoice": r.InvoiceNumber, "Env": string(r.Environment)})
	}
	return nil
}

// report sends one report. One whose earlier attempt had an unknown outcome, or
// failed, is looked up first when its kind can be (AmiliReportKind.LookedUp) and sent
// again only when the lookup provably found nothing.
func (s *Service) report(ctx context.Context, am AmiliSettings, r AmiliReport) (string, error) {
	if r.Kind.LookedUp() && (r.Uncertain || r.Attempts > 1) {
		found, ref, err := s.channels.Amili.FindReport(ctx, am, r)
		if err != nil {
			return "", err
		}
		if found {
			return ref, nil
		}
	}
	switch r.Kind {
	case AmiliReportPayment:
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
