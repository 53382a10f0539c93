package core

import "context"

// MailTest is how a test e-mail went: where it went and what the mail server
// answered, in its own words ("" when it said nothing).
type MailTest struct {
	To    string
	Reply string
}

// TestMail sends a test e-mail through the mail server of smtp — the settings as
// the user entered them, saved or not — to its own sender address, so the user
// sees at once whether e-mail reminders can go. password, when not "", is tried
// instead of the saved one. The error says in plain words what went wrong; the
// MailTest holds the server's reply either way.
func (s *Service) TestMail(ctx context.Context, smtp SMTPSettings, password string) (MailTest, error) {
	t := MailTest{To: smtp.From}
	if s.channels.Mail == nil {
		return t, Errorf(EUNAVAILABLE, "E-mail cannot be sent from this program", nil)
	}
	if err := validateSMTP(smtp); err != nil {
		return t, err
	}
	set, err := s.store.Settings(ctx)
	if err != nil {
		return t, err
	}
	t.Reply, err = s.channels.Mail.SendTest(ctx, smtp, password, set.Company.Name)
	return t, err
}
