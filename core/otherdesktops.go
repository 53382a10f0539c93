package core

import (
	"context"
	"errors"
)

// ChangeFeed is a store that several desktops share (a book on a server, issue 24):
// it hears the changes the other desktops commit, so each desktop's views follow
// them as they follow its own. A store of one desktop (a file) is not one.
type ChangeFeed interface {
	// FollowChanges calls changed, from a goroutine of its own, soon after another
	// desktop commits a change to the book (within a second), and once whenever it
	// has started or resumed listening, as changes may have been missed before. It
	// listens again after a lost connection on its own, and returns ctx's error
	// once ctx ends.
	FollowChanges(ctx context.Context, changed func()) error
}

// FollowOtherDesktops hands the changes the other desktops make to a shared book to
// OnChange's listeners, as the service's own changes are, until ctx ends. On a book
// only this desktop uses it returns at once. main runs it beside RunDelivery.
func (s *Service) FollowOtherDesktops(ctx context.Context) {
	feed, ok := s.store.(ChangeFeed)
	if !ok {
		return
	}
	err := feed.FollowChanges(ctx, func() { s.changed("on another desktop") })
	if err != nil && !errors.Is(err, context.Canceled) {
		s.log.Warn("following the other desktops' changes stopped", "err", err)
	}
}
