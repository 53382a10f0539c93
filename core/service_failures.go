package core

import (
	"cmp"
	"context"
)

// FailedReminders counts the reminders whose delivery failed and that wait for a
// retry, by hand or on their own.
func (s *Service) FailedReminders(ctx context.Context) (int, error) {
	ids, err := s.store.FailedReminderIDs(ctx)
	return len(ids), err
}

// RetryFailedReminders puts every failed reminder back in the queue and wakes
// delivery; it returns how many went back. A hand-over that cannot be sent again
// (RetryReminder's ECONFLICT) is left failed and the others still go; the first
// such error is returned with the count.
func (s *Service) RetryFailedReminders(ctx context.Context) (int, error) {
	ids, err := s.store.FailedReminderIDs(ctx)
	if err != nil {
		return 0, err
	}
	var n int
	defer func() {
		if n > 0 { // told even when a later one ends the loop: these were written
			s.changed("failed reminders retried")
			s.WakeDelivery()
		}
	}()
	var conflict error
	now := s.clock.Now()
	for _, id := range ids {
		err := s.store.RetryReminder(ctx, id, now)
		if ErrorCodeOf(err) == ECONFLICT {
			conflict = cmp.Or(conflict, err)
			continue
		}
		if err != nil {
			return n, err
		}
		n++
	}
	return n, conflict
}
