package data

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"

	"paminn/core"
)

// Several desktops on one book (issue 24): each write transaction, as it takes the
// book's write lock, asks the server to notify the channel pgChangeChannel when it
// commits (pg_notify is delivered at commit, and never for a transaction rolled
// back), with the writing store's own mark as the payload. Every desktop listens on
// a connection of its own (FollowChanges) and passes on the notifications of the
// others: its own changes reach its views through its service already.

// pgChangeChannel is the channel the book's changes are notified on. Notifications
// belong to one database, so each book on a server has its own.
const pgChangeChannel = "paminn_change"

// pgCoalesce is how long the listener gathers notifications before it passes them on
// as one: a batch's deliveries commit one by one, and the views need one refresh for
// them, not one each. It is well under the second a change may take to show.
const pgCoalesce = 100 * time.Millisecond

// pgRelisten is how long the listener waits before connecting again after losing
// its connection (a variable for the test that cuts it).
var pgRelisten = 2 * time.Second

// newStoreMark is a random mark for a store's notifications.
func newStoreMark() string {
	b := make([]byte, 8)
	rand.Read(b) // crypto/rand.Read never fails (Go 1.24)
	return hex.EncodeToString(b)
}

var _ core.ChangeFeed = (*PGStore)(nil)

// FollowChanges calls changed soon after another desktop commits a change to the
// book (core.ChangeFeed): a burst of changes within pgCoalesce is passed on once.
func (s *PGStore) FollowChanges(ctx context.Context, changed func()) error {
	heard := make(chan struct{}, 1)
	done := make(chan struct{})
	go func() {
		defer close(done)
		s.passOn(ctx, heard, changed)
	}()
	defer func() { <-done }()
	for {
		err := s.listen(ctx, heard)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		s.logListen(err)
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(pgRelisten):
		}
	}
}

// listen connects, listens on the book's channel and signals heard for each other
// desktop's change (and once on starting to listen), until the connection fails or
// ctx ends.
func (s *PGStore) listen(ctx context.Context, heard chan<- struct{}) error {
	conn, err := pgx.ConnectConfig(ctx, s.cfg)
	if err != nil {
		return err
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(ctx, "LISTEN "+pgChangeChannel); err != nil {
		return err
	}
	signal(heard) // changes made while this desktop was not listening
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			return err
		}
		if n.Payload != s.mark {
			signal(heard)
		}
	}
}

// passOn calls changed once for every burst signalled on heard, pgCoalesce after
// its first signal, until ctx ends.
func (s *PGStore) passOn(ctx context.Context, heard <-chan struct{}, changed func()) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-heard:
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(pgCoalesce):
		}
		select { // what came during the wait is in this call
		case <-heard:
		default:
		}
		changed()
	}
}

// signal marks heard without waiting: one mark stands for any number.
func signal(heard chan<- struct{}) {
	select {
	case heard <- struct{}{}:
	default:
	}
}

// logListen says in the log that listening failed and is tried again.
func (s *PGStore) logListen(err error) {
	slog.Warn("listening for the other desktops' changes failed; trying again", "book", s.Address(), "err", err)
}
