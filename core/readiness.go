package core

import (
	"context"
	"slices"
)

// Readiness is what the book's settings lack, channel by channel, before each
// channel can deliver reminders (ChannelReadiness); a ready channel has no entry.
type Readiness map[Channel][]Problem

// Ready says whether channel ch lacks nothing.
func (r Readiness) Ready(ch Channel) bool { return len(r[ch]) == 0 }

// Blocking is what keeps any reminder of type t from going out: what the type's
// default channel lacks, which every reminder of t may fall back to (for a manual
// reminder, the letter, which an e-mail also carries).
func (r Readiness) Blocking(t ReminderType) []Problem {
	chs := t.Channels()
	if len(chs) == 0 {
		return nil
	}
	return r[chs[0]]
}

// ReadinessOf applies ChannelReadiness to every channel.
func ReadinessOf(set *Settings) Readiness {
	r := Readiness{}
	for _, ch := range AllChannels() {
		if ps := ChannelReadiness(ch, set); len(ps) > 0 {
			r[ch] = ps
		}
	}
	return r
}

// Readiness says what the settings lack before each channel can deliver: the
// first run's greeting and the reminder dialog show it, and SendReminders refuses
// a batch with a reminder by a channel that is not ready.
func (s *Service) Readiness(ctx context.Context) (Readiness, error) {
	set, err := s.store.Settings(ctx)
	if err != nil {
		return nil, err
	}
	return ReadinessOf(&set), nil
}

// Lacks says whether channel ch lacks what problem code names.
func (r Readiness) Lacks(ch Channel, code ProblemCode) bool {
	return slices.ContainsFunc(r[ch], func(p Problem) bool { return p.Code == code })
}
