package core

// This file is the rule that holds back a queued letter or e-mail (issue 22, "Stop
// when paid"): what waits in the queue goes out only while the customer still owes
// what it asks for and the invoice is not paused.

// HeldBack says whether the queued delivery d must not go out, and why. A letter or
// an e-mail is held back when its invoice is paused (Delivery.Paused), or when
// nothing the customer owed before this reminder remains: the claim less what this
// reminder itself charges (its fee, förseningsersättning and new interest, written
// when its batch was committed, rule 12) is zero or less — paid, or credited when
// the invoice has a credit note. A hand-over to Amili is not held back here: the
// hand-over reports payments to Amili its own way (rule 4).
func HeldBack(d Delivery) (Message, bool) {
	switch d.Reminder.Channel {
	case ChannelLetter, ChannelEmail:
	case ChannelAmili:
		return Message{}, false
	default:
		return Message{}, false
	}
	number := Excerpt(d.Invoice.Number)
	if d.Paused {
		return MessageOf(Errorf(ECONFLICT, "Held back: invoice {{.Number}} is paused ({{.Reason}})",
			map[string]any{"Number": number, "Reason": d.PauseReason.Word()})), true
	}
	owedBefore := d.Invoice.Claim().Sub(d.Reminder.NewCharges().Charges())
	if owedBefore.IsPositive() {
		return Message{}, false
	}
	if d.Credited {
		return MessageOf(Errorf(ECONFLICT, "Held back: invoice {{.Number}} was credited before the reminder went out",
			map[string]any{"Number": number})), true
	}
	return MessageOf(Errorf(ECONFLICT, "Held back: invoice {{.Number}} was paid before the reminder went out",
		map[string]any{"Number": number})), true
}
