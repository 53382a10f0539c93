package core

import (
	"context"
	"sort"
)

// Settings returns the current settings.
func (s *Service) Settings(ctx context.Context) (Settings, error) { return s.store.Settings(ctx) }

// SaveSettings validates and stores settings. The Amili activation state and the
// remembered import column mappings are kept as they are: only ActivateAmili and
// imports change them.
func (s *Service) SaveSettings(ctx context.Context, set Settings) error {
	if err := ValidateSettings(set); err != nil {
		return err
	}
	old, err := s.store.Settings(ctx)
	if err != nil {
		return err
	}
	set.Amili.Activated, set.Amili.ActivatedAt = old.Amili.Activated, old.Amili.ActivatedAt
	set.ImportMappings = old.ImportMappings
	if err := s.store.SaveSettings(ctx, set); err != nil {
		return err
	}
	s.changed("settings saved")
	return nil
}

// ValidateSettings checks settings against the rules: fee at most 60 kr (rule 6), a
// positive payment term, a non-negative margin, bankgiro and plusgiro numbers with
// their check digits, a known OCR agreement, a valid reminder plan, well-formed
// e-mail addresses.
func ValidateSettings(set Settings) error {
	switch {
	case set.ReminderFee.IsNegative():
		return Errorf(EINVALID, "The reminder fee cannot be negative", nil)
	case set.ReminderFee.GreaterThan(MaxReminderFee):
		return Errorf(EINVALID, "The reminder fee may be at most 60 kr", nil)
	case set.PaymentTermDays < 1 || set.PaymentTermDays > 365:
		return Errorf(EINVALID, "The payment term must be between 1 and 365 days", nil)
	case set.InterestMargin.IsNegative():
		return Errorf(EINVALID, "The interest margin cannot be negative", nil)
	case set.InterestInvoiceMinimum.IsNegative():
		return Errorf(EINVALID, "The least amount of a räntefaktura cannot be negative", nil)
	case !set.PaymentOrder.Valid():
		return Errorf(EINVALID, "Unknown order of allocating payments: {{.Order}}", map[string]any{"Order": Excerpt(string(set.PaymentOrder))})
	}
	for _, err := range []error{CheckAmountRange(set.InterestInvoiceMinimum, set.InterestInvoiceMinimum.String()), validateSMTP(set.SMTP), CheckBankgiro(set.Company.Bankgiro), CheckPlusgiro(set.Company.Plusgiro), set.OCR.Validate(), ValidatePlans(set.Plan)} {
		if err != nil {
			return err
		}
	}
	return CheckEmail(set.Company.Email)
}

// validateSMTP checks the mail settings: a port in range, a known security, a
// well-formed sender address.
func validateSMTP(smtp SMTPSettings) error {
	if smtp.Port < 0 || smtp.Port > 65535 {
		return Errorf(EINVALID, "The mail server port must be between 1 and 65535", nil)
	}
	switch smtp.Security {
	case "", "starttls", "tls", "none":
	default:
		return Errorf(EINVALID, "Unknown mail security {{.Value}}", map[string]any{"Value": smtp.Security})
	}
	return CheckEmail(smtp.From)
}

// SetSMTPPassword keeps the SMTP password in the OS keyring, never in the book. Where
// there is no keyring it fails with EUNAVAILABLE and saves nothing.
func (s *Service) SetSMTPPassword(password string) error {
	if s.secrets == nil {
		return errNoKeyring()
	}
	if err := s.secrets.Set(SMTPPasswordKey, password); err != nil {
		return err
	}
	s.changed("smtp password saved")
	return nil
}

// errNoKeyring is the error for a computer without a password store: secrets cannot
// be saved, and Påminn never falls back to the book.
func errNoKeyring() *Error {
	return Errorf(EUNAVAILABLE, "No password store (keyring) is available on this computer", nil)
}

// savedSecret returns the secret called name, "" when none is saved yet, and
// EUNAVAILABLE when there is no password store to save one in.
func (s *Service) savedSecret(name string) (string, error) {
	if s.secrets == nil {
		return "", errNoKeyring()
	}
	v, err := s.secrets.Get(name)
	if err != nil && ErrorCodeOf(err) != ENOTFOUND {
		return "", err
	}
	return v, nil
}

// restoreSecret puts back the secret a failed change replaced. With none before
// there is nothing to put back: the new value stays, unused.
func (s *Service) restoreSecret(name, old string) {
	if old == "" {
		return
	}
	if err := s.secrets.Set(name, old); err != nil {
		s.log.Warn("restoring a secret after a failed change", "name", name, "err", err)
	}
}

// ReferenceRates returns the reference-rate table, oldest first.
func (s *Service) ReferenceRates(ctx context.Context) ([]ReferenceRate, error) {
	return s.store.ReferenceRates(ctx)
}

// SaveReferenceRates validates and replaces the reference-rate table. A gap (a
// half-year with no rate between the first and the last) is refused.
func (s *Service) SaveReferenceRates(ctx context.Context, rates []ReferenceRate) error {
	rs := append([]ReferenceRate(nil), rates...)
	sort.Slice(rs, func(i, j int) bool { return halfIndex(rs[i]) < halfIndex(rs[j]) })
	if err := RateTable(rs).Validate(); err != nil {
		return err
	}
	for i := 1; i < len(rs); i++ {
		if want := halfIndex(rs[i-1]) + 1; halfIndex(rs[i]) != want {
			return Errorf(EINVALID, "No reference rate for {{.Year}} half-year {{.Half}}; add it under Settings",
				map[string]any{"Year": want / 2, "Half": want%2 + 1})
		}
	}
	if err := s.store.SaveReferenceRates(ctx, rs); err != nil {
		return err
	}
	s.changed("reference rates saved")
	return nil
}

// halfIndex numbers half-years consecutively: year*2 + (half-1).
func halfIndex(r ReferenceRate) int { return r.Year*2 + r.Half - 1 }
