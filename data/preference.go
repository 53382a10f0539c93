package data

import (
	"fmt"

	"paminn/core"
)

// A batch's channel preference is kept in reminder_batches.send_by_email, the column
// from before channels were a list: 1 for e-mail, 0 for the type's default. A new
// channel that can be preferred needs a column of its own (a migration), which the
// switch below makes impossible to forget.

// preferenceInt is channel preference p as send_by_email stores it.
func preferenceInt(p core.Channel) (int, error) {
	switch p {
	case core.ChannelEmail:
		return 1, nil
	case "":
		return 0, nil
	case core.ChannelLetter, core.ChannelAmili:
		// No reminder type prefers its default channel: core leaves that "".
	}
	return 0, fmt.Errorf("channel %q cannot be kept as a batch's preference", p)
}

// preferenceCol scans send_by_email into a batch's channel preference.
type preferenceCol struct{ p *core.Channel }

func (c preferenceCol) Scan(v any) error {
	switch v {
	case int64(1):
		*c.p = core.ChannelEmail
	case int64(0), nil:
		*c.p = ""
	default:
		return fmt.Errorf("stored channel preference %v is neither 0 nor 1", v)
	}
	return nil
}
