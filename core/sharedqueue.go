package core

import "context"

// Several desktops on one book (issue 24). On a book on a server any desktop runs the
// queue, but the SMTP password and the Amili key live in each desktop's own password
// store (Secrets), never in the book. A desktop that lacks one leaves what needs it —
// e-mail reminders, or hand-overs and reports to Amili — for a desktop that has it,
// rather than claim it and fail it, and says so (LeftForOthers). On a book of one
// desktop (a SQLite file) nothing is left: an item that cannot be sent fails and says
// why, as before.

// LeftForOthers says which of the queue's items this desktop leaves for another
// desktop on a shared book, for want of a secret in its own password store.
type LeftForOthers struct {
	Email bool // e-mail reminders: the SMTP password is not saved here
	Amili bool // hand-overs and reports to Amili: the Amili key is not saved here
}

// Any says whether anything is left for others.
func (l LeftForOthers) Any() bool { return l.Email || l.Amili }

// LeftForOthers says what this desktop leaves for another on a shared book (nothing
// on a book of its own), for the GUI to say.
func (s *Service) LeftForOthers(ctx context.Context) (LeftForOthers, error) {
	if !s.shared {
		return LeftForOthers{}, nil
	}
	set, err := s.store.Settings(ctx)
	if err != nil {
		return LeftForOthers{}, err
	}
	return s.leftForOthers(set), nil
}

// leftForOthers is LeftForOthers with the settings read; nothing on a book of one
// desktop.
func (s *Service) leftForOthers(set Settings) LeftForOthers {
	if !s.shared {
		return LeftForOthers{}
	}
	return LeftForOthers{
		Email: set.SMTP.User != "" && !s.hasSecret(SMTPPasswordKey),
		Amili: set.Amili.Activated && !s.hasSecret(AmiliKeySecret),
	}
}

// hasSecret says whether the secret called name is saved on this desktop.
func (s *Service) hasSecret(name string) bool {
	if s.secrets == nil {
		return false
	}
	v, err := s.secrets.Get(name)
	return err == nil && v != ""
}

// claimable lists the channels whose reminders this desktop claims: nil for all.
func (l LeftForOthers) claimable() []Channel {
	if !l.Any() {
		return nil
	}
	out := []Channel{}
	for _, ch := range AllChannels() {
		switch ch {
		case ChannelEmail:
			if l.Email {
				continue
			}
		case ChannelAmili:
			if l.Amili {
				continue
			}
		case ChannelLetter:
		}
		out = append(out, ch)
	}
	return out
}
