package data

import (
	"reflect"
	"testing"

	"paminn/core"
)

// TestAFailedDeliveryKeepsItsMessageToBeTranslated: why a delivery failed is kept as
// the message template and its data (issue 21: no English on a Swedish screen), and a
// reminder that failed under an earlier version, which kept only English text, still
// reads as that text.
func TestAFailedDeliveryKeepsItsMessageToBeTranslated(t *testing.T) {
	s, rs := queueBook(t)
	claimIDs(t, s, at("10:01"), at("09:00"), 10)
	failure := core.Message{Template: "The mail server refused the address {{.Address}}",
		Data: map[string]string{"Address": "anna@example.se"}}
	o := core.DeliveryOutcome{ReminderID: rs[0].ID, State: core.DeliveryFailed,
		Error: "The mail server refused the address anna@example.se", Failure: failure, At: at("10:02")}
	if err := s.FinishDelivery(ctx, o); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.ExecContext(ctx, `UPDATE reminders SET state = 'failed', error = 'Disk full' WHERE id = ?`, rs[1].ID); err != nil {
		t.Fatal(err)
	}
	got, err := s.BatchReminders(ctx, rs[0].BatchID)
	if err != nil {
		t.Fatal(err)
	}
	if m := got[0].FailureMessage(); !reflect.DeepEqual(m, failure) {
		t.Errorf("the failure reads back as %+v, want %+v", m, failure)
	}
	if m := got[1].FailureMessage(); m.Template != "Disk full" || m.Data != nil {
		t.Errorf("an old row's failure reads as %+v, want its text", m)
	}
	if m := got[2].FailureMessage(); !m.IsZero() {
		t.Errorf("a reminder that has not failed has the failure %+v", m)
	}
}
