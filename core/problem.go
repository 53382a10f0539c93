package core

import "slices"

// ProblemCode names a reason a channel cannot take an invoice.
type ProblemCode string

// The problem codes; AllProblemCodes lists them.
const (
	// ProblemNoEmail: the customer has no e-mail address (a letter goes instead).
	ProblemNoEmail ProblemCode = "no_email"
	// ProblemNotSEK: the invoice is not in SEK, and Amili only takes SEK.
	ProblemNotSEK ProblemCode = "not_sek"
	// ProblemNoIDNumber: the customer has no organisation or personal number, which
	// Amili needs.
	ProblemNoIDNumber ProblemCode = "no_id_number"
	// ProblemNoAddress: the customer has no postal address (street, postcode and
	// city), which Amili needs: every documented registration carries one, and a
	// hand-over without it is refused.
	ProblemNoAddress ProblemCode = "no_address"
	// ProblemClosedAmiliCase: the invoice had a case at Amili, now closed. Whether
	// Amili takes a second case for one invoice number is unknown (CONTRACT.md), and
	// the sandbox refuses it, so it is reminded manually.
	ProblemClosedAmiliCase ProblemCode = "closed_amili_case"
	// ProblemPaused: the invoice or its customer is paused or disputed (core/pause.go):
	// a disputed claim must not go to collection. Rule 1 already keeps a paused
	// invoice from the candidates; this refuses it at the channel too.
	ProblemPaused ProblemCode = "paused"

	// The problems of the book's set-up rather than of one invoice: what a channel
	// needs in the settings before it can deliver any reminder (ChannelReadiness).

	// ProblemNoCompanyName: the company's name, the letter's sender, is not set.
	ProblemNoCompanyName ProblemCode = "no_company_name"
	// ProblemNoCompanyAddress: the company's postal address (street, postcode and
	// city) is not set.
	ProblemNoCompanyAddress ProblemCode = "no_company_address"
	// ProblemNoGiro: neither a bankgiro nor a plusgiro number is set, so the letter
	// cannot say where to pay.
	ProblemNoGiro ProblemCode = "no_giro"
	// ProblemNoMailServer: no mail server (SMTP host and sender address) is set.
	ProblemNoMailServer ProblemCode = "no_mail_server"
)

// AllProblemCodes lists every problem code. A switch over ProblemCode names each
// of them (core's exhaustive_test.go checks).
func AllProblemCodes() []ProblemCode {
	return []ProblemCode{ProblemNoEmail, ProblemNotSEK, ProblemNoIDNumber, ProblemNoAddress, ProblemClosedAmiliCase, ProblemPaused,
		ProblemNoCompanyName, ProblemNoCompanyAddress, ProblemNoGiro, ProblemNoMailServer}
}

// Problem is why one channel cannot take one invoice.
type Problem struct {
	Channel Channel
	Code    ProblemCode
}

// Message is the problem said in full, as an English message template with the
// invoice's {{.Number}} (a problem of the set-up names no invoice), for an error
// and, translated, for the user.
func (p Problem) Message() string {
	switch p.Code {
	case ProblemNoEmail:
		return "Invoice {{.Number}}: the customer has no e-mail address, so a letter goes instead"
	case ProblemNotSEK:
		return "Invoice {{.Number}} is not in SEK; Amili only takes SEK"
	case ProblemNoIDNumber:
		return "Invoice {{.Number}}: the customer has no organisation or personal number, which Amili needs"
	case ProblemNoAddress:
		return "Invoice {{.Number}}: the customer has no postal address (street, postcode and city), which Amili needs"
	case ProblemClosedAmiliCase:
		return "Invoice {{.Number}} already had a case at Amili, now closed; remind it manually"
	case ProblemPaused:
		return "Invoice {{.Number}} is paused or disputed; a disputed claim must not go to collection. Unpause it first"
	case ProblemNoCompanyName:
		return "Enter the company's name under Settings: it is the sender of every reminder"
	case ProblemNoCompanyAddress:
		return "Enter the company's address (street, postcode and city) under Settings: every reminder states it"
	case ProblemNoGiro:
		return "Enter the company's bankgiro or plusgiro number under Settings: every reminder says where to pay"
	case ProblemNoMailServer:
		return "Enter a mail server and a sender address under Settings, E-mail (SMTP), to send reminders by e-mail"
	}
	return "Invoice {{.Number}} cannot be reminded this way"
}

// ProblemFor returns the problem that keeps a reminder of type t from going out for
// c, when none of t's channels can take it (the first problem of t's first channel);
// ok is false when one can. It reads c.Problems, which the service fills.
func (c *Candidate) ProblemFor(t ReminderType) (p Problem, ok bool) {
	if _, can := c.channelFor(t, ""); can {
		return Problem{}, false
	}
	for _, ch := range t.Channels() {
		for _, p := range c.Problems {
			if p.Channel == ch {
				return p, true
			}
		}
	}
	return Problem{}, true // t is no known type
}

// channelFor picks the channel a reminder of type t goes by for c: prefer when it is
// one of t's channels and can take c, else the first of t's channels that can; ok is
// false when none can.
func (c *Candidate) channelFor(t ReminderType, prefer Channel) (ch Channel, ok bool) {
	chs := t.Channels()
	if c.takes(prefer) && slices.Contains(chs, prefer) {
		return prefer, true
	}
	for _, ch := range chs {
		if c.takes(ch) {
			return ch, true
		}
	}
	return "", false
}

// takes says whether channel ch has no problem with c.
func (c *Candidate) takes(ch Channel) bool {
	for _, p := range c.Problems {
		if p.Channel == ch {
			return false
		}
	}
	return true
}
