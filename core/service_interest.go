package core

import "context"

// InterestOffer is whether the reminder dialog can offer late-payment interest today
// (rule 5), and at what rate. A missing reference rate blocks interest only: the
// dialog still opens and reminders without interest and Amili hand-overs still go.
type InterestOffer struct {
	// Rate is today's reference rate plus the margin, with its half-year and whether
	// the reference rate is preliminary; zero when today's rate is missing.
	Rate ReferenceRate
	// Missing are the half-years, from the table's first through today's, that have no
	// rate, oldest first. Interest can be offered only when it is empty.
	Missing []HalfYear
}

// Available reports whether interest can be charged: no half-year is missing.
func (o InterestOffer) Available() bool { return len(o.Missing) == 0 }

// InterestOffer tells the dialog whether interest can be charged today and at what
// rate, and otherwise which half-years' reference rates the user must enter.
func (s *Service) InterestOffer(ctx context.Context) (InterestOffer, error) {
	set, rates, err := s.rules(ctx)
	if err != nil {
		return InterestOffer{}, err
	}
	today := s.Today()
	o := InterestOffer{Missing: rates.Missing(today)}
	if r, err := rates.RateFor(today); err == nil {
		r.Rate = r.Rate.Add(set.InterestMargin)
		o.Rate = r
	}
	return o, nil
}
