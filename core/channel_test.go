package core

import (
	"slices"
	"testing"
)

func TestAReminderGoesByThePreferredChannelWhereItCanElseByTheTypesDefault(t *testing.T) {
	withAll := Customer{Email: "kund@example.se", IDNumber: "556036-0793",
		Address: Address{Line1: "Storgatan 1", ZipCode: "111 22", City: "Stockholm"}}
	noAddress := withAll
	noAddress.Address = Address{Line1: "Storgatan 1"}
	cases := []struct {
		name     string
		customer Customer
		currency string
		typ      ReminderType
		prefer   Channel
		want     Channel
		problem  ProblemCode // what keeps typ from taking it, if anything
	}{
		{"manual without a preference writes a letter", withAll, "SEK", ReminderManual, "", ChannelLetter, ""},
		{"manual preferring e-mail sends one", withAll, "SEK", ReminderManual, ChannelEmail, ChannelEmail, ""},
		{"a customer without an address gets a letter", Customer{IDNumber: "1"}, "SEK", ReminderManual, ChannelEmail, ChannelLetter, ""},
		{"a preference for a channel of another type is no preference", withAll, "SEK", ReminderManual, ChannelAmili, ChannelLetter, ""},
		{"Amili goes through Amili whatever is preferred", withAll, "SEK", ReminderAmili, ChannelEmail, ChannelAmili, ""},
		{"Amili cannot take another currency", withAll, "EUR", ReminderAmili, "", "", ProblemNotSEK},
		{"nor a customer without a number", Customer{Email: "a@b.se"}, "", ReminderAmili, "", "", ProblemNoIDNumber},
		{"nor one without a postal address", noAddress, "", ReminderAmili, "", "", ProblemNoAddress},
		{"the currency is told first", Customer{}, "EUR", ReminderAmili, "", "", ProblemNotSEK},
		{"a letter can be written in any currency", Customer{}, "EUR", ReminderManual, ChannelEmail, ChannelLetter, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := Candidate{Invoice: Invoice{Number: "1", Currency: tc.currency}, Customer: &tc.customer}
			c.Problems = problemsOf(&c)
			got, ok := c.channelFor(tc.typ, tc.prefer)
			p, blocked := c.ProblemFor(tc.typ)
			if got != tc.want || ok != (tc.want != "") || blocked != (tc.problem != "") || p.Code != tc.problem {
				t.Errorf("channel %q (%v), problem %+v (%v); want %q, %q", got, ok, p, blocked, tc.want, tc.problem)
			}
		})
	}
}

func TestEveryTypeGoesByChannelsOfTheListAndEveryChannelServesAType(t *testing.T) {
	served := map[Channel]bool{}
	for _, typ := range AllReminderTypes() {
		if !typ.known() {
			t.Errorf("type %s goes by no channel", typ)
		}
		for _, ch := range typ.Channels() {
			if !slices.Contains(AllChannels(), ch) {
				t.Errorf("type %s goes by %s, which is not in AllChannels", typ, ch)
			}
			served[ch] = true
		}
		if typ.preference(typ.Channels()[0]) != "" {
			t.Errorf("type %s keeps its default channel as a preference", typ)
		}
	}
	for _, ch := range AllChannels() {
		if !served[ch] {
			t.Errorf("no reminder type goes by %s", ch)
		}
	}
	if ReminderType("fax").known() || len(AllProblemCodes()) == 0 {
		t.Error("an unknown type is taken for a known one, or there are no problem codes")
	}
}

func TestTheTotalsCountEachChannelAndTheRemindersThatMissedThePreferredOne(t *testing.T) {
	rs := []Reminder{{Channel: ChannelEmail}, {Channel: ChannelLetter}, {Channel: ChannelEmail}}
	got := sumReminders(rs, ChannelEmail)
	if got.ByChannel[ChannelEmail] != 2 || got.ByChannel[ChannelLetter] != 1 || got.ByChannel[ChannelAmili] != 0 || got.Fallback != 1 {
		t.Errorf("by channel %v, fallback %d", got.ByChannel, got.Fallback)
	}
	if got := sumReminders(rs, ""); got.Fallback != 0 {
		t.Errorf("without a preference %d fell back", got.Fallback)
	}
}
