package core

import (
	"strings"

	"github.com/shopspring/decimal"
)

// checkEligible applies rule 1 (EligibleTerms, a message for each): a reminder needs a
// positive balance, a due date before the reminder date and an invoice not with Amili
// (a closed case is not); Amili also needs SEK and a customer organisation or
// personal number and postal address.
func checkEligible(c Candidate, typ ReminderType, today Date) error {
	inv := c.Invoice
	data := map[string]any{"Number": inv.Number}
	switch {
	case !inv.Has(FactOpen, today):
		return Errorf(EINVALID, "Invoice {{.Number}} is already paid", data)
	case !inv.Has(FactDue, today):
		return Errorf(EINVALID, "Invoice {{.Number}} is not overdue yet", data)
	case inv.Has(FactWithAmili, today):
		return Errorf(EINVALID, "Invoice {{.Number}} has already been handed to Amili", data)
	case inv.Has(FactPaused, today) && typ.ViaAmili():
		return Errorf(EINVALID, Problem{Code: ProblemPaused}.Message(), data)
	case inv.Has(FactPaused, today):
		return Errorf(EINVALID, "Invoice {{.Number}} is paused or disputed; unpause it to remind it", data)
	}
	c.Problems = problemsOf(&c)
	if p, blocked := c.ProblemFor(typ); blocked {
		return Errorf(EINVALID, p.Message(), data)
	}
	return nil
}

// feeFor applies rule 6: the fee from settings, only where the customer agreed to it.
func feeFor(c *Customer, set *Settings) decimal.Decimal {
	if !c.FeeAgreed {
		return decimal.Zero
	}
	return set.ReminderFee
}

// isRecentlyReminded applies rule 11: reminded within the last RecentDays days.
func isRecentlyReminded(inv *Invoice, today Date) bool {
	return !inv.LastReminded.IsZero() && today.DaysSince(inv.LastReminded) <= RecentDays
}

// fillCandidate completes what the store left zero: days overdue, flags and the
// preview interest and fee of a manual reminder today.
func fillCandidate(c *Candidate, payments []Payment, before earlierCharges, today Date, set *Settings, interest *interestBook) error {
	fillCandidateFlags(c, before, today, set)
	var err error
	c.Interest, c.InterestRate, err = interest.forInvoice(&c.Invoice, payments)
	if h, missing := MissingRateOf(err); missing {
		// Rule 5: a missing rate blocks interest only, never the candidate.
		c.Interest, c.InterestRate, c.InterestMissing = decimal.Zero, decimal.Zero, h
		return nil
	}
	return err
}

// fillCandidateFlags is fillCandidate without the preview interest; before is what
// earlier reminders charged the invoice.
func fillCandidateFlags(c *Candidate, before earlierCharges, today Date, set *Settings) {
	inv := &c.Invoice // a candidate is large: copying it costs when there are thousands
	c.DaysOverdue = today.DaysSince(inv.DueDate)
	c.PreviousReminders = inv.ReminderCount
	c.RecentlyReminded = isRecentlyReminded(inv, today)
	c.Fee = feeFor(c.Customer, set)
	c.LateCompensation = lateCompensationFor(c.Customer, before)
	if before.compensated {
		c.Fee = decimal.Zero // rule 6: never a fee on an invoice charged förseningsersättning
	}
	c.Problems = problemsOf(c)
}

// planReminder computes the reminder one invoice gets under req (rules 4–7);
// payments are the invoice's dated payments, and before is what earlier reminders
// charged it (its fees needed only when req charges förseningsersättning).
func planReminder(c Candidate, payments []Payment, before earlierCharges, req ReminderRequest, today Date, set Settings, rates RateTable) (Reminder, error) {
	inv := c.Invoice
	r := Reminder{
		InvoiceID:        inv.ID,
		InvoiceNumber:    inv.Number,
		CustomerName:     c.Customer.Name,
		Type:             req.Type,
		Date:             today,
		Level:            inv.ReminderCount + 1,
		Balance:          inv.Balance(),
		Interest:         decimal.Zero,
		InterestRate:     decimal.Zero,
		Fee:              decimal.Zero,
		LateCompensation: decimal.Zero,
		NewDueDate:       today.AddDays(set.PaymentTermDays),
		State:            DeliveryPending,
		Action:           actionOf(req.Type),
	}
	c.Problems = problemsOf(&c)
	ch, ok := c.channelFor(req.Type, req.Prefer)
	if !ok {
		p, _ := c.ProblemFor(req.Type)
		return Reminder{}, Errorf(EINVALID, p.Message(), map[string]any{"Number": inv.Number})
	}
	r.Channel = ch
	if !req.Type.TakesOptions() {
		// Rule 4: Amili charges its own interest and fees and delivers itself; the
		// hand-over carries what Amili's contract takes (the unpaid principal and a
		// reminder fee already charged), so Påminn's own charges are not restated.
		r.EarlierCharges, r.InterestBefore = decimal.Zero, decimal.Zero
		r.AmountDue = r.Balance
		return r, nil
	}
	r.EarlierCharges, r.InterestBefore = inv.Charges, decimal.Zero
	if req.ChargeInterest {
		in, err := LateInterestWithPayments(r.Balance, payments, inv.DueDate, today, set.InterestMargin, rates)
		if err != nil {
			return Reminder{}, err
		}
		r.Interest, r.InterestRate, r.InterestFrom, r.InterestDays = in.Amount, in.Rate, in.From, in.Days
		r.InterestLines = in.Lines()
		r.InterestBefore = decimal.Min(before.interest, r.Interest)
	}
	if req.ChargeLateCompensation {
		r.LateCompensation = lateCompensationFor(c.Customer, before)
	}
	// Rule 6: förseningsersättning, now or before, leaves no room for a fee.
	if req.ChargeFee && !before.compensated && r.LateCompensation.IsZero() {
		r.Fee = feeFor(c.Customer, &set)
	}
	r.AmountDue = r.ClaimDue()
	return r, nil
}

// sumReminders totals a set of reminders, counts them by channel, and counts those
// that could not go by the channel preferred ("" for none).
func sumReminders(rs []Reminder, prefer Channel) ReminderTotals {
	t := ReminderTotals{Balance: decimal.Zero, Interest: decimal.Zero, Fees: decimal.Zero, LateCompensation: decimal.Zero,
		EarlierCharges: decimal.Zero, InterestBefore: decimal.Zero, AmountDue: decimal.Zero, ByChannel: map[Channel]int{}}
	for _, r := range rs {
		t.Balance = t.Balance.Add(r.Balance)
		t.EarlierCharges = t.EarlierCharges.Add(r.EarlierCharges)
		t.InterestBefore = t.InterestBefore.Add(r.InterestBefore)
		t.Interest = t.Interest.Add(r.Interest)
		t.Fees = t.Fees.Add(r.Fee)
		t.LateCompensation = t.LateCompensation.Add(r.LateCompensation)
		t.AmountDue = t.AmountDue.Add(r.AmountDue)
		t.ByChannel[r.Channel]++
		if prefer != "" && r.Channel != prefer {
			t.Fallback++
		}
	}
	return t
}

// ChannelReadiness applies the set-up rule: what the book's settings lack before
// channel ch can deliver any reminder, in the order the settings show the fields. A
// letter names the company as its sender, states its address and says where to pay,
// so letters wait for the company's name, address and a bankgiro or plusgiro number;
// an e-mail carries that letter and needs a mail server and a sender address besides;
// Amili delivers itself (its activation is rule 3).
func ChannelReadiness(ch Channel, set *Settings) []Problem {
	switch ch {
	case ChannelLetter:
		return companyProblems(nil, ch, &set.Company)
	case ChannelEmail:
		ps := companyProblems(nil, ch, &set.Company)
		if strings.TrimSpace(set.SMTP.Host) == "" || strings.TrimSpace(set.SMTP.From) == "" {
			ps = append(ps, Problem{Channel: ch, Code: ProblemNoMailServer})
		}
		return ps
	case ChannelAmili:
	}
	return nil
}

// companyProblems appends to ps what company c lacks for a reminder by channel ch
// to name its sender and where to pay.
func companyProblems(ps []Problem, ch Channel, c *Company) []Problem {
	blank := func(s string) bool { return strings.TrimSpace(s) == "" }
	if blank(c.Name) {
		ps = append(ps, Problem{Channel: ch, Code: ProblemNoCompanyName})
	}
	if blank(c.Address.Line1) || blank(c.Address.ZipCode) || blank(c.Address.City) {
		ps = append(ps, Problem{Channel: ch, Code: ProblemNoCompanyAddress})
	}
	if blank(c.Bankgiro) && blank(c.Plusgiro) {
		ps = append(ps, Problem{Channel: ch, Code: ProblemNoGiro})
	}
	return ps
}

// checkReady applies the set-up rule to a planned batch: every channel one of its
// reminders goes by must be ready (ChannelReadiness); the first thing missing is
// the error.
func checkReady(rs []Reminder, set *Settings) error {
	seen := make(map[Channel]bool, len(AllChannels()))
	for i := range rs {
		ch := rs[i].Channel
		if seen[ch] {
			continue
		}
		seen[ch] = true
		if ps := ChannelReadiness(ch, set); len(ps) > 0 {
			return Errorf(ECONFLICT, ps[0].Message(), nil)
		}
	}
	return nil
}
