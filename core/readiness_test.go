package core_test

import (
	"context"
	"slices"
	"testing"

	"paminn/core"
	"paminn/data/testbook"
)

// setUpCompany enters testbook.Company, which has everything a letter needs, in the book's settings, as a new user does before
// the first reminder; the other settings stay as they are.
func setUpCompany(tb testing.TB, store core.Store) {
	tb.Helper()
	ctx := context.Background()
	set, err := store.Settings(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	set.Company = testbook.Company
	if err := store.SaveSettings(ctx, set); err != nil {
		tb.Fatal(err)
	}
}

// setUpMail enters a mail server and a sender address in the book's settings.
func setUpMail(tb testing.TB, store core.Store) {
	tb.Helper()
	ctx := context.Background()
	set, err := store.Settings(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	set.SMTP.Host, set.SMTP.From = "smtp.example.se", "faktura@snickeriek.se"
	if err := store.SaveSettings(ctx, set); err != nil {
		tb.Fatal(err)
	}
}

// The set-up rule (core.ChannelReadiness), through the Service on a real book: a
// letter names its sender, states the sender's address and says where to pay, so a
// batch with a letter waits for the company's name, address and a bankgiro or
// plusgiro number; an e-mail carries the letter and waits for a mail server too.
// Nothing is created while anything is missing.
func TestRemindersWaitForWhatTheirChannelNeedsInTheSettings(t *testing.T) {
	full := testbook.Company
	without := func(change func(c *core.Company)) core.Company {
		c := full
		change(&c)
		return c
	}
	cases := []struct {
		name    string
		company core.Company
		mail    bool
		prefer  core.Channel
		missing []core.ProblemCode // what Readiness lists for the batch's channel; the first is the error
	}{
		{"a new book sends no letter and lists all three", core.Company{}, false, "",
			[]core.ProblemCode{core.ProblemNoCompanyName, core.ProblemNoCompanyAddress, core.ProblemNoGiro}},
		{"a letter needs the company's name", without(func(c *core.Company) { c.Name = "  " }), false, "",
			[]core.ProblemCode{core.ProblemNoCompanyName}},
		{"a letter needs the street, postcode and city", without(func(c *core.Company) { c.Address.City = "" }), false, "",
			[]core.ProblemCode{core.ProblemNoCompanyAddress}},
		{"a letter needs a giro number", without(func(c *core.Company) { c.Bankgiro = "" }), false, "",
			[]core.ProblemCode{core.ProblemNoGiro}},
		{"a plusgiro number does instead of a bankgiro", without(func(c *core.Company) { c.Bankgiro, c.Plusgiro = "", "4405-7" }), false, "", nil},
		{"a company with all three sends letters", full, false, "", nil},
		{"an e-mail needs a mail server", full, false, core.ChannelEmail, []core.ProblemCode{core.ProblemNoMailServer}},
		{"an e-mail also carries the letter", core.Company{}, true, core.ChannelEmail,
			[]core.ProblemCode{core.ProblemNoCompanyName, core.ProblemNoCompanyAddress, core.ProblemNoGiro}},
		{"with a mail server e-mails go", full, true, core.ChannelEmail, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b := newBook(t, core.Channels{})
			set, err := b.svc.Settings(b.ctx)
			if err != nil {
				t.Fatal(err)
			}
			set.Company = tc.company
			if err := b.svc.SaveSettings(b.ctx, set); err != nil {
				t.Fatal(err)
			}
			if tc.mail {
				setUpMail(t, b.store)
			}
			inv := b.invoice("1001", b.customer("K1", false, "kund@example.se"), "2026-10-27", 1000)
			ch := core.ChannelLetter
			if tc.prefer != "" {
				ch = tc.prefer
			}
			r, err := b.svc.Readiness(b.ctx)
			if err != nil {
				t.Fatal(err)
			}
			if got := problemCodes(r[ch]); !slices.Equal(got, tc.missing) || r.Ready(ch) != (len(tc.missing) == 0) {
				t.Errorf("Readiness of %s = %v, want %v", ch, got, tc.missing)
			}
			res, err := b.svc.SendReminders(b.ctx, core.ReminderRequest{Type: core.ReminderManual, InvoiceIDs: []int64{inv.ID},
				Prefer: tc.prefer, IdempotencyKey: "k"})
			if len(tc.missing) == 0 {
				if err != nil || len(res.Reminders) != 1 || res.Reminders[0].Channel != ch {
					t.Fatalf("sent %+v (%v), want one reminder by %s", res.Reminders, err, ch)
				}
				return
			}
			want := core.Problem{Code: tc.missing[0]}.Message()
			if e := core.AsError(err); e.Code != core.ECONFLICT || e.Message != want {
				t.Errorf("error = %v, want %q", err, want)
			}
			if bs, err := b.svc.Batches(b.ctx); err != nil || len(bs) != 0 {
				t.Errorf("a refused send left %d batches (%v)", len(bs), err)
			}
		})
	}
}

// A manual batch preferring e-mail whose customers have no address goes by letter
// only, so it needs no mail server; and Amili, which delivers itself, needs none of
// the company's details.
func TestOnlyTheChannelsABatchUsesMustBeReady(t *testing.T) {
	b := newBook(t, core.Channels{})
	inv := b.invoice("1001", b.customer("K1", false, ""), "2026-10-27", 1000)
	res, err := b.svc.SendReminders(b.ctx, core.ReminderRequest{Type: core.ReminderManual, InvoiceIDs: []int64{inv.ID},
		Prefer: core.ChannelEmail, IdempotencyKey: "k"})
	if err != nil || res.Reminders[0].Channel != core.ChannelLetter {
		t.Fatalf("a letter-only batch without a mail server: %+v (%v)", res.Reminders, err)
	}

	book := testbook.New(t, testbook.Options{NoCompany: true, Amili: true})
	svc, ctx := book.Service, context.Background()
	st, err := svc.AmiliStatus(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.ActivateAmili(ctx, core.Activation{CreditorID: st.CreditorID, AccountID: st.AccountID, APICode: st.APICode,
		KeyFile: st.KeyFile, BaseURL: st.BaseURL}); err != nil {
		t.Fatal(err)
	}
	r, err := svc.Readiness(ctx)
	if err != nil || !r.Ready(core.ChannelAmili) || len(r.Blocking(core.ReminderAmili)) != 0 || len(r.Blocking(core.ReminderManual)) != 3 {
		t.Fatalf("readiness of a book without a company = %v (%v)", r, err)
	}
	cs, err := svc.CandidatePage(ctx, core.CandidateQuery{})
	if err != nil {
		t.Fatal(err)
	}
	res, err = svc.SendReminders(ctx, core.ReminderRequest{Type: core.ReminderAmili, InvoiceIDs: []int64{cs[0].Invoice.ID}, IdempotencyKey: "a"})
	if err != nil || len(res.Reminders) != 1 {
		t.Fatalf("Amili without the company's details: %+v (%v)", res.Reminders, err)
	}
}

func problemCodes(ps []core.Problem) []core.ProblemCode {
	var out []core.ProblemCode
	for _, p := range ps {
		out = append(out, p.Code)
	}
	return out
}
