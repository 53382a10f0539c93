package core_test

import (
	"reflect"
	"sync"
	"testing"

	"paminn/core"
)

func TestTwoSendsWithOneKeyAtOnceCreateOneBatch(t *testing.T) {
	b := newBook(t, core.Channels{})
	c := b.customer("K1", true, "")
	ids := make([]int64, 20)
	for i := range ids {
		ids[i] = b.invoice(string(rune('A'+i))+"-1001", c, "2026-10-01", 1000).ID
	}
	req := core.ReminderRequest{Type: core.ReminderManual, InvoiceIDs: ids, ChargeFee: true, IdempotencyKey: "double-click"}

	// Eight presses of Send with one key, as close together as goroutines allow.
	const presses = 8
	results := make([]core.BatchResult, presses)
	errs := make([]error, presses)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range presses {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			results[i], errs[i] = b.svc.SendReminders(b.ctx, req)
		}()
	}
	close(start)
	wg.Wait()

	replayed := 0
	for i, err := range errs {
		if err != nil {
			t.Fatalf("press %d: %v", i, err)
		}
		if results[i].Batch.ID != results[0].Batch.ID || len(results[i].Reminders) != len(ids) {
			t.Errorf("press %d: batch %d with %d reminders, want batch %d with %d", i,
				results[i].Batch.ID, len(results[i].Reminders), results[0].Batch.ID, len(ids))
		}
		if results[i].Replayed {
			replayed++
		}
	}
	if replayed != presses-1 {
		t.Errorf("%d presses were replays, want %d", replayed, presses-1)
	}
	batches, err := b.svc.Batches(b.ctx)
	if err != nil || len(batches) != 1 {
		t.Fatalf("%d batches (%v), want 1", len(batches), err)
	}
	for _, id := range ids {
		inv, err := b.svc.Invoice(b.ctx, id)
		if err != nil || inv.ReminderCount != 1 {
			t.Errorf("invoice %d reminded %d times (%v), want once", id, inv.ReminderCount, err)
		}
	}
}

func TestRefusedSettingsLeaveEveryStoredSettingAsItWas(t *testing.T) {
	b := newBook(t, core.Channels{})
	base, err := b.svc.Settings(b.ctx)
	if err != nil {
		t.Fatal(err)
	}
	base.Company.Email = "faktura@foretaget.se"
	base.SMTP = core.SMTPSettings{Host: "smtp.foretaget.se", Port: 587, From: "faktura@foretaget.se"}
	if err := b.svc.SaveSettings(b.ctx, base); err != nil {
		t.Fatal(err)
	}
	stored, err := b.svc.Settings(b.ctx)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name    string
		change  func(*core.Settings)
		message string
	}{
		{"a fee above 60 kr", func(s *core.Settings) { s.ReminderFee = kr("60.01") },
			"The reminder fee may be at most 60 kr"},
		{"a negative payment term", func(s *core.Settings) { s.PaymentTermDays = -10 },
			"The payment term must be between 1 and 365 days"},
		{"an unknown order of allocating payments", func(s *core.Settings) { s.PaymentOrder = "interest_last" },
			"Unknown order of allocating payments: interest_last"},
		{"a malformed company e-mail", func(s *core.Settings) { s.Company.Email = "faktura@foretaget" },
			"faktura@foretaget is not a valid e-mail address"},
		{"a malformed sender e-mail", func(s *core.Settings) { s.SMTP.From = "faktura foretaget.se" },
			"faktura foretaget.se is not a valid e-mail address"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := stored
			s.ReminderFee, s.PaymentTermDays = kr("45"), 20 // good changes beside the bad one
			tc.change(&s)
			err := b.svc.SaveSettings(b.ctx, s)
			wantCode(t, err, core.EINVALID)
			if got := core.AsError(err).Text(); got != tc.message {
				t.Errorf("message %q, want %q", got, tc.message)
			}
			after, err := b.svc.Settings(b.ctx)
			if err != nil || !reflect.DeepEqual(after, stored) {
				t.Errorf("a refused save changed the settings:\n got %+v\nwant %+v", after, stored)
			}
		})
	}
}

func TestAReferenceRateTableWithAGapIsRefusedAndTheOldOneKept(t *testing.T) {
	b := newBook(t, core.Channels{})
	before, err := b.svc.ReferenceRates(b.ctx)
	if err != nil {
		t.Fatal(err)
	}
	err = b.svc.SaveReferenceRates(b.ctx, []core.ReferenceRate{{Year: 2025, Half: 1, Rate: kr("2.25")},
		{Year: 2026, Half: 1, Rate: kr("1.75")}})
	wantCode(t, err, core.EINVALID)
	if got, want := core.AsError(err).Text(), "No reference rate for 2025 half-year 2; add it under Settings"; got != want {
		t.Errorf("message %q, want %q", got, want)
	}
	after, err := b.svc.ReferenceRates(b.ctx)
	if err != nil || !reflect.DeepEqual(after, before) {
		t.Errorf("the refused table replaced the stored one: %v (%v)", after, err)
	}
}

func TestInterestWithoutThisHalfYearsRateIsRefusedAndSendsNothing(t *testing.T) {
	b := newBook(t, core.Channels{})
	c := b.customer("K1", true, "")
	inv := b.invoice("1001", c, "2026-10-01", 1000)
	// A table that stops a year before today (2026 half-year 2).
	if err := b.svc.SaveReferenceRates(b.ctx, []core.ReferenceRate{{Year: 2025, Half: 1, Rate: kr("2.25")},
		{Year: 2025, Half: 2, Rate: kr("2")}}); err != nil {
		t.Fatal(err)
	}
	_, err := b.svc.SendReminders(b.ctx, core.ReminderRequest{Type: core.ReminderManual,
		InvoiceIDs: []int64{inv.ID}, ChargeInterest: true, IdempotencyKey: "k"})
	wantCode(t, err, core.EINVALID)
	if got, want := core.AsError(err).Text(), "No reference rate for 2026 half-year 2; add it under Settings"; got != want {
		t.Errorf("message %q, want %q", got, want)
	}
	batches, err := b.svc.Batches(b.ctx)
	if err != nil || len(batches) != 0 {
		t.Errorf("%d batches (%v) after a refused send, want none", len(batches), err)
	}
	got, err := b.svc.Invoice(b.ctx, inv.ID)
	if err != nil || got.ReminderCount != 0 {
		t.Errorf("invoice reminded %d times (%v), want 0", got.ReminderCount, err)
	}
}
