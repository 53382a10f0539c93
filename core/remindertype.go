package core

import "slices"

// ReminderType is how a batch of reminders is sent.
type ReminderType string

// The reminder types; AllReminderTypes lists them.
const (
	ReminderManual ReminderType = "manual" // Påminn writes letters or e-mails itself
	ReminderAmili  ReminderType = "amili"  // handed to Visma Amili
)

// AllReminderTypes lists every reminder type, in the order the dialog offers them.
// A switch over ReminderType names each of them (core's exhaustive_test.go checks).
func AllReminderTypes() []ReminderType { return []ReminderType{ReminderManual, ReminderAmili} }

// Channels are the channels a reminder of type t can go by, its default first: a
// reminder goes by the one preferred where the customer can take it, else by the
// first that can (rule 9).
func (t ReminderType) Channels() []Channel {
	switch t {
	case ReminderManual:
		return []Channel{ChannelLetter, ChannelEmail}
	case ReminderAmili:
		return []Channel{ChannelAmili}
	}
	return nil
}

// TakesOptions says whether a request's interest, fee, förseningsersättning and
// channel preference apply to type t; under Amili they do not (rule 4): Amili
// charges its own and delivers itself.
func (t ReminderType) TakesOptions() bool {
	switch t {
	case ReminderManual:
		return true
	case ReminderAmili:
		return false
	}
	return false
}

// ViaAmili says whether type t hands invoices to Amili, which must be activated
// first (rule 3).
func (t ReminderType) ViaAmili() bool {
	switch t {
	case ReminderManual:
		return false
	case ReminderAmili:
		return true
	}
	return false
}

// known says whether t is one of AllReminderTypes.
func (t ReminderType) known() bool { return t.Channels() != nil }

// preference is the channel preference p as it applies to type t: p when it is one
// of t's channels other than its default, else "" (the default, or no choice).
func (t ReminderType) preference(p Channel) Channel {
	chs := t.Channels()
	if !t.TakesOptions() || len(chs) == 0 || p == chs[0] || !slices.Contains(chs, p) {
		return ""
	}
	return p
}
