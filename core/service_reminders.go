package core

import (
	"context"
	"crypto/rand"
)

// ReminderCandidates returns the invoices eligible for a reminder today, oldest due
// date first, each with days overdue, earlier reminders and preview interest and fee.
func (s *Service) ReminderCandidates(ctx context.Context) ([]Candidate, error) {
	set, rates, err := s.rules(ctx)
	if err != nil {
		return nil, err
	}
	today := s.Today()
	cs, err := s.store.EligibleInvoices(ctx, today)
	if err != nil {
		return nil, err
	}
	payments, err := s.paymentsOf(ctx, cs)
	if err != nil {
		return nil, err
	}
	before, err := s.earlierChargesOf(ctx, cs, true)
	if err != nil {
		return nil, err
	}
	interest := newInterestBook(today, set.InterestMargin, rates)
	for i := range cs {
		id := cs[i].Invoice.ID
		if err := fillCandidate(&cs[i], payments[id], before[id], today, &set, interest); err != nil {
			return nil, err
		}
	}
	return cs, nil
}

// InterestRateToday is the late-payment interest rate in force today (reference rate
// of this half-year plus the margin), for the dialog's label.
func (s *Service) InterestRateToday(ctx context.Context) (ReferenceRate, error) {
	set, rates, err := s.rules(ctx)
	if err != nil {
		return ReferenceRate{}, err
	}
	r, err := rates.RateFor(s.Today())
	if err != nil {
		return ReferenceRate{}, err
	}
	r.Rate = r.Rate.Add(set.InterestMargin)
	return r, nil
}

// PreviewReminders computes what SendReminders would create, writing nothing.
func (s *Service) PreviewReminders(ctx context.Context, req ReminderRequest) (Preview, error) {
	rs, cs, err := s.planBatch(ctx, req)
	if err != nil {
		return Preview{}, err
	}
	p := Preview{Reminders: rs, Totals: sumReminders(rs, req.Type.preference(req.Prefer))}
	today := s.Today()
	for i := range cs {
		if isRecentlyReminded(&cs[i].Invoice, today) {
			p.Recent = append(p.Recent, cs[i].Invoice.Number)
		}
	}
	return p, nil
}

// SendReminders creates a reminder batch atomically and queues its deliveries, which
// start at once in the background. The same IdempotencyKey returns the first result.
// A batch with a reminder by a channel the settings do not yet make ready (a letter
// without the company's name, address and giro number; an e-mail without a mail
// server) is refused: ChannelReadiness.
func (s *Service) SendReminders(ctx context.Context, req ReminderRequest) (BatchResult, error) {
	if req.IdempotencyKey == "" {
		return BatchResult{}, Errorf(EINVALID, "A reminder batch needs an idempotency key", nil)
	}
	if res, err := s.store.BatchByKey(ctx, req.IdempotencyKey); err == nil {
		res.Totals = sumReminders(res.Reminders, res.Batch.Prefer)
		return res, nil
	} else if ErrorCodeOf(err) != ENOTFOUND {
		return BatchResult{}, err
	}
	rs, _, err := s.planBatch(ctx, req)
	if err != nil {
		return BatchResult{}, err
	}
	set, err := s.store.Settings(ctx)
	if err != nil {
		return BatchResult{}, err
	}
	if err := checkReady(rs, &set); err != nil {
		return BatchResult{}, err
	}
	if req.ByPlan { // each step chose its own charges (service_planrun.go): the batch's were not used
		req.ChargeInterest, req.ChargeFee, req.ChargeLateCompensation = false, false, false
	}
	b := Batch{
		IdempotencyKey:         req.IdempotencyKey,
		CreatedAt:              s.clock.Now(),
		Type:                   req.Type,
		ChargeInterest:         req.ChargeInterest && req.Type.TakesOptions(),
		ChargeFee:              req.ChargeFee && req.Type.TakesOptions(),
		ChargeLateCompensation: req.ChargeLateCompensation && req.Type.TakesOptions(),
		Prefer:                 req.Type.preference(req.Prefer),
	}
	res, err := s.store.CreateBatch(ctx, b, rs)
	if err != nil {
		return BatchResult{}, err
	}
	res.Totals = sumReminders(res.Reminders, res.Batch.Prefer)
	s.log.Info("reminder batch created", "batch", res.Batch.ID, "type", req.Type, "count", len(rs), "replayed", res.Replayed)
	s.WakeDelivery()
	if !res.Replayed { // a replayed key created nothing
		s.changed("reminders sent")
	}
	return res, nil
}

// planBatch validates a request against rules 1–4 and plans each reminder; it
// returns the invoices too, in the request's order, whole.
func (s *Service) planBatch(ctx context.Context, req ReminderRequest) ([]Reminder, []Candidate, error) {
	if err := validateRequest(req); err != nil {
		return nil, nil, err
	}
	set, rates, err := s.rules(ctx)
	if err != nil {
		return nil, nil, err
	}
	if req.Type.ViaAmili() && !set.Amili.Activated {
		return nil, nil, Errorf(ECONFLICT, "Activate Amili before sending reminders through Amili", nil)
	}
	cs, err := s.store.InvoicesForReminder(ctx, req.InvoiceIDs)
	if err != nil {
		return nil, nil, err
	}
	var rs []Reminder
	if req.ByPlan { // each invoice its plan's step (service_planrun.go)
		rs, err = s.planByPlan(ctx, req, cs, set, rates)
	} else {
		rs, err = s.planByOptions(ctx, req, cs, set, rates)
	}
	if err != nil {
		return nil, nil, err
	}
	if req.PerCustomer && req.Type.TakesOptions() {
		groupLetters(rs, cs) // issue 22: one letter per customer and step, one fee per letter
	}
	return rs, cs, nil
}

// planByOptions plans each reminder of a batch by the request's own options (not by
// the plan): rules 1–6 on each invoice, in the request's order.
func (s *Service) planByOptions(ctx context.Context, req ReminderRequest, cs []Candidate, set Settings, rates RateTable) ([]Reminder, error) {
	var err error
	var payments map[int64][]Payment
	var before map[int64]earlierCharges
	if req.Type.TakesOptions() {
		if req.ChargeFee || req.ChargeLateCompensation {
			if before, err = s.earlierChargesOf(ctx, cs, req.ChargeLateCompensation); err != nil {
				return nil, err
			}
		}
		if req.ChargeInterest {
			if payments, err = s.paymentsOf(ctx, cs); err != nil {
				return nil, err
			}
			if before, err = s.interestStatedOf(ctx, cs, before); err != nil {
				return nil, err
			}
		}
	}
	today := s.Today()
	rs := make([]Reminder, 0, len(cs))
	for _, c := range cs {
		if err := checkEligible(c, req.Type, today); err != nil {
			return nil, err
		}
		r, err := planReminder(c, payments[c.Invoice.ID], before[c.Invoice.ID], req, today, set, rates)
		if err != nil {
			return nil, err
		}
		rs = append(rs, r)
	}
	return rs, nil
}

// paymentsOf returns the payments after the due date of the candidates that have
// any paid, which the interest of each day follows (rule 5); one made by the due
// date never bore interest.
func (s *Service) paymentsOf(ctx context.Context, cs []Candidate) (map[int64][]Payment, error) {
	var ids []int64
	for i := range cs {
		if !cs[i].Invoice.Paid.IsZero() {
			ids = append(ids, cs[i].Invoice.ID)
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	return s.store.PaymentsAfterDue(ctx, ids)
}

// validateRequest checks the request's shape: a known type, 1 to MaxBatch invoices
// (rule 2: more is an error, never a cut), no invoice twice.
func validateRequest(req ReminderRequest) error {
	if !req.Type.known() {
		return Errorf(EINVALID, "Choose a reminder type", nil)
	}
	n := len(req.InvoiceIDs)
	if n == 0 {
		return Errorf(EINVALID, "Select at least one invoice", nil)
	}
	if n > MaxBatch {
		return Errorf(EINVALID, "You can select up to {{.Max}} invoices at a time ({{.Count}} selected)",
			map[string]any{"Max": MaxBatch, "Count": n})
	}
	seen := make(map[int64]bool, n)
	for _, id := range req.InvoiceIDs {
		if seen[id] {
			return Errorf(EINVALID, "An invoice was selected twice", map[string]any{"ID": id})
		}
		seen[id] = true
	}
	return nil
}

// rules loads what the rules need: settings and the reference-rate table.
func (s *Service) rules(ctx context.Context) (Settings, RateTable, error) {
	set, err := s.store.Settings(ctx)
	if err != nil {
		return Settings{}, nil, err
	}
	rates, err := s.store.ReferenceRates(ctx)
	if err != nil {
		return Settings{}, nil, err
	}
	return set, RateTable(rates), nil
}

// Batches returns all reminder batches, newest first, with delivery counts.
func (s *Service) Batches(ctx context.Context) ([]Batch, error) { return s.store.Batches(ctx) }

// BatchReminders returns a batch's reminders with their delivery state.
func (s *Service) BatchReminders(ctx context.Context, batchID int64) ([]Reminder, error) {
	return s.store.BatchReminders(ctx, batchID)
}

// NewIdempotencyKey returns a fresh key for one press of Send.
func NewIdempotencyKey() string { return rand.Text() }
