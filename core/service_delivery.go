package core

import (
	"context"
	"time"
)

// deliveryBatchSize is how many queue rows one claim takes.
const deliveryBatchSize = 20

// retryBackoff is the wait after the n-th failed attempt (index n-1); after the last,
// a reminder waits for the user's retry.
var retryBackoff = []time.Duration{time.Minute, 5 * time.Minute, 30 * time.Minute, 2 * time.Hour}

// WakeDelivery nudges the background delivery loop to work the queue now.
func (s *Service) WakeDelivery() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// RunDelivery works off the delivery queue until ctx ends: at once (catching up on
// anything left from an earlier run), whenever WakeDelivery is called, and every
// interval (retries, a network that came back, Amili status); each pass also ends the
// pauses whose end date passed (EndExpiredPauses), so a book left open over night
// offers their invoices again.
func (s *Service) RunDelivery(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if _, err := s.DeliverPending(ctx); err != nil && ctx.Err() == nil {
			s.log.Warn("delivery pass failed", "err", err)
		}
		if _, err := s.PollAmili(ctx); err != nil && ctx.Err() == nil {
			s.log.Warn("amili status poll failed", "err", err)
		}
		if _, err := s.EndExpiredPauses(ctx); err != nil && ctx.Err() == nil { // issue 22
			s.log.Warn("ending expired pauses failed", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-s.wake:
		case <-t.C:
		}
	}
}

// DeliverPending delivers every queue row that is due now and records each outcome.
// A row is marked sent only after its channel confirmed it.
func (s *Service) DeliverPending(ctx context.Context) (DeliveryReport, error) {
	s.deliverMu.Lock()
	defer s.deliverMu.Unlock()
	var rep DeliveryReport
	set, err := s.store.Settings(ctx)
	if err != nil {
		return rep, err
	}
	defer func() {
		if rep.Sent+rep.Failed+rep.Stopped > 0 { // told even when the pass ends early: these were written
			s.log.Info("delivery pass", "sent", rep.Sent, "failed", rep.Failed, "stopped", rep.Stopped)
			s.changed("deliveries")
		}
	}()
	left := s.leftForOthers(set)
	for ctx.Err() == nil {
		// Rows left "sending" when this pass starts belong to an attempt that never
		// finished (the program stopped): the pass lock rules out one in progress here,
		// and another desktop's lease one there (Store.ClaimDeliveries).
		now := s.clock.Now()
		ds, err := s.store.ClaimDeliveries(ctx, now, now, deliveryBatchSize, left.claimable())
		if err != nil {
			return rep, err
		}
		if len(ds) == 0 {
			break
		}
		for _, unit := range lettersOf(ds) {
			outcomes := s.deliverLetter(ctx, set, unit)
			if err := s.finish(context.WithoutCancel(ctx), outcomes); err != nil {
				return rep, err
			}
			for _, o := range outcomes {
				switch o.State {
				case DeliverySent:
					rep.Sent++
				case DeliveryStopped:
					rep.Stopped++
				default:
					rep.Failed++
				}
			}
		}
	}
	if left.Amili {
		return rep, ctx.Err() // the reports to Amili wait for a desktop with the key
	}
	if err := s.deliverAmiliReports(ctx, set, &rep); err != nil {
		return rep, err
	}
	return rep, ctx.Err()
}

// deliver makes one delivery attempt and says how it ended; others are the rest of
// the letter d shares with them (issue 22), already judged not held back.
func (s *Service) deliver(ctx context.Context, set Settings, d Delivery, others []Delivery) DeliveryOutcome {
	l := Letter{Company: set.Company, Customer: d.Customer, Invoice: d.Invoice, Reminder: d.Reminder}
	for _, o := range others {
		l.Others = append(l.Others, Letter{Company: set.Company, Customer: o.Customer, Invoice: o.Invoice, Reminder: o.Reminder})
	}
	o := DeliveryOutcome{ReminderID: d.Reminder.ID}
	if why, stop := HeldBack(d); stop {
		return s.heldBack(d, why)
	}
	var err error
	switch d.Reminder.Channel {
	case ChannelLetter:
		o.ExternalRef, err = s.sendLetter(ctx, set, l)
	case ChannelEmail:
		o.ExternalRef, err = s.sendEmail(ctx, set, l)
	case ChannelAmili:
		var c AmiliCase
		c, err = s.sendAmili(ctx, set, d)
		// Refused data made no case: the invoice is no longer counted as with Amili.
		o.AmiliRefused = err != nil && ErrorCodeOf(err) == EINVALID
		o.ExternalRef, o.AmiliCaseRef, o.AmiliState, o.AmiliOCR = c.CaseID, c.CaseID, c.State, c.OCR
		o.AmiliEnv = set.Amili.EnvironmentOf()
	default:
		err = Errorf(EINTERNAL, "Unknown delivery channel {{.Channel}}", map[string]any{"Channel": d.Reminder.Channel})
	}
	o.At = s.clock.Now()
	if err == nil {
		o.State = DeliverySent
		return o
	}
	o.State, o.Error, o.Failure = DeliveryFailed, AsError(err).Text(), MessageOf(err)
	o.AmiliState, o.AmiliCaseRef, o.AmiliOCR, o.AmiliEnv = "", "", "", ""
	// Refused data will be refused again: wait for the user to fix it and retry.
	if ErrorCodeOf(err) != EINVALID && d.Reminder.Attempts <= len(retryBackoff) {
		o.NextAttempt = o.At.Add(retryBackoff[max(d.Reminder.Attempts, 1)-1])
	}
	s.log.Warn("delivery failed", "reminder", d.Reminder.ID, "channel", d.Reminder.Channel, "err", err)
	return o
}

func (s *Service) sendLetter(ctx context.Context, set Settings, l Letter) (string, error) {
	if s.channels.Letter == nil {
		return "", Errorf(EUNAVAILABLE, "Letters cannot be written from this program", nil)
	}
	return s.channels.Letter.WriteLetter(ctx, s.lettersDir(set), l)
}

// sendEmail renders the letter and sends it. An uncertain earlier attempt is sent
// again: the mail server had not accepted it unless the program stopped in the
// instant between the server's acceptance and the queue's update.
func (s *Service) sendEmail(ctx context.Context, set Settings, l Letter) (string, error) {
	if s.channels.Mail == nil || s.channels.Letter == nil {
		return "", Errorf(EUNAVAILABLE, "E-mail cannot be sent from this program", nil)
	}
	pdf, err := s.channels.Letter.RenderLetter(l)
	if err != nil {
		return "", err
	}
	return s.channels.Mail.SendReminder(ctx, set.SMTP, l, pdf)
}

// sendAmili registers the case. After an attempt whose outcome is unknown it first
// asks Amili whether the case exists, and registers again only when the lookup
// provably says it does not: a failed or doubtful lookup is an error, and the reminder
// waits, so a case is never registered twice.
func (s *Service) sendAmili(ctx context.Context, set Settings, d Delivery) (AmiliCase, error) {
	if s.channels.Amili == nil {
		return AmiliCase{}, Errorf(EUNAVAILABLE, "Amili cannot be reached from this program", nil)
	}
	am := amiliSettings(set.Amili)
	if d.Uncertain || d.Reminder.Attempts > 1 {
		c, found, err := s.channels.Amili.FindCase(ctx, am, d.Invoice.Number)
		if err != nil {
			return AmiliCase{}, err
		}
		if found {
			return c, nil
		}
	}
	h := AmiliHandover{Invoice: d.Invoice, Customer: d.Customer, ReminderFee: d.ReminderFee, ReminderFeeDate: d.ReminderFeeDate}
	return s.channels.Amili.RegisterCase(ctx, am, h)
}

func (s *Service) lettersDir(set Settings) string {
	if set.LettersDir != "" {
		return set.LettersDir
	}
	return s.defaultLettersDir
}

// RetryReminder puts a failed reminder back in the queue and wakes delivery; a
// refused hand-over to Amili makes its invoice pending with Amili again (ECONFLICT
// when the invoice has gone to Amili since).
func (s *Service) RetryReminder(ctx context.Context, reminderID int64) error {
	if err := s.store.RetryReminder(ctx, reminderID, s.clock.Now()); err != nil {
		return err
	}
	s.changed("reminder retried")
	s.WakeDelivery()
	return nil
}

// DefaultLettersFolder is where letters go while the settings name no folder.
func (s *Service) DefaultLettersFolder() string { return s.defaultLettersDir }

// LettersFolder is the folder PDF letters are written to, created if missing, so
// the user can open it.
func (s *Service) LettersFolder(ctx context.Context) (string, error) {
	set, err := s.store.Settings(ctx)
	if err != nil {
		return "", err
	}
	if s.channels.Letter == nil {
		return "", Errorf(EUNAVAILABLE, "Letters cannot be written from this program", nil)
	}
	dir := s.lettersDir(set)
	if err := s.channels.Letter.MakeFolder(dir); err != nil {
		return "", err
	}
	return dir, nil
}
