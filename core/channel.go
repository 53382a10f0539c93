package core

// Channel is how one reminder reaches the customer.
type Channel string

// The delivery channels; AllChannels lists them.
const (
	ChannelEmail  Channel = "email"
	ChannelLetter Channel = "letter"
	ChannelAmili  Channel = "amili"
)

// AllChannels lists every delivery channel. A switch over Channel names each of
// them (core's exhaustive_test.go checks), and a reminder type names the ones it
// uses in ReminderType.Channels.
func AllChannels() []Channel { return []Channel{ChannelEmail, ChannelLetter, ChannelAmili} }

// channelProblems appends to ps why channel ch cannot take candidate c, if it cannot.
func channelProblems(ps []Problem, ch Channel, c *Candidate) []Problem {
	switch ch {
	case ChannelEmail:
		if c.Customer.Email == "" {
			ps = append(ps, Problem{Channel: ch, Code: ProblemNoEmail})
		}
	case ChannelLetter: // a letter can always be written
	case ChannelAmili:
		if c.Invoice.Currency != "" && c.Invoice.Currency != Currency {
			ps = append(ps, Problem{Channel: ch, Code: ProblemNotSEK})
		}
		if c.Customer.IDNumber == "" {
			ps = append(ps, Problem{Channel: ch, Code: ProblemNoIDNumber})
		}
		if !c.Customer.Address.Postal() {
			ps = append(ps, Problem{Channel: ch, Code: ProblemNoAddress})
		}
		if c.Invoice.AmiliCaseRef != "" { // its case was closed, else it would be with Amili
			ps = append(ps, Problem{Channel: ch, Code: ProblemClosedAmiliCase})
		}
		if c.Invoice.Pause != PauseNone {
			ps = append(ps, Problem{Channel: ch, Code: ProblemPaused})
		}
	}
	return ps
}

// problemsOf lists why each channel cannot take candidate c, channel by channel.
func problemsOf(c *Candidate) []Problem { return appendProblems(nil, c) }

// appendProblems appends to ps why each channel cannot take candidate c, channel by
// channel: problemsOf into a slice the caller reuses.
func appendProblems(ps []Problem, c *Candidate) []Problem {
	for _, ch := range AllChannels() {
		ps = channelProblems(ps, ch, c)
	}
	return ps
}
