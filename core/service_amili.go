package core

import (
	"context"
	"strings"
)

// AmiliStatus reports whether Amili is activated, and the details to prefill the
// activation form with.
func (s *Service) AmiliStatus(ctx context.Context) (AmiliStatus, error) {
	set, err := s.store.Settings(ctx)
	if err != nil {
		return AmiliStatus{}, err
	}
	a := set.Amili
	return AmiliStatus{Activated: a.Activated, ActivatedAt: a.ActivatedAt, CreditorID: a.CreditorID,
		AccountID: a.AccountID, KeyFile: a.KeyFile, BaseURL: amiliBaseURL(a)}, nil
}

// ActivateAmili verifies the credentials against Amili's API and, only if they
// work, marks Amili activated and makes it the default reminder type (rule 10).
func (s *Service) ActivateAmili(ctx context.Context, a Activation) error {
	a.CreditorID, a.AccountID = strings.TrimSpace(a.CreditorID), strings.TrimSpace(a.AccountID)
	a.KeyFile, a.BaseURL = strings.TrimSpace(a.KeyFile), strings.TrimSpace(a.BaseURL)
	switch {
	case a.CreditorID == "":
		return Errorf(EINVALID, "Enter your Amili creditor ID", nil)
	case a.AccountID == "":
		return Errorf(EINVALID, "Enter your Amili account ID", nil)
	case a.KeyFile == "":
		return Errorf(EINVALID, "Choose the key file you received from Amili", nil)
	case s.channels.Amili == nil:
		return Errorf(EUNAVAILABLE, "Amili cannot be reached from this program", nil)
	}
	set, err := s.store.Settings(ctx)
	if err != nil {
		return err
	}
	am := set.Amili
	am.CreditorID, am.AccountID, am.KeyFile = a.CreditorID, a.AccountID, a.KeyFile
	if a.BaseURL != "" {
		am.BaseURL = a.BaseURL
	}
	am.BaseURL = amiliBaseURL(am)
	if err := s.channels.Amili.Verify(ctx, am); err != nil {
		return err
	}
	am.Activated, am.ActivatedAt = true, s.clock.Now()
	set.Amili = am
	set.DefaultType = ReminderAmili
	if err := s.store.SaveSettings(ctx, set); err != nil {
		return err
	}
	s.log.Info("amili activated", "creditor", am.CreditorID)
	s.notify()
	return nil
}

// DefaultReminderType is the type the dialog preselects: Amili once activated.
func (s *Service) DefaultReminderType(ctx context.Context) (ReminderType, error) {
	set, err := s.store.Settings(ctx)
	if err != nil {
		return "", err
	}
	if set.Amili.Activated && set.DefaultType != ReminderManual {
		return ReminderAmili, nil
	}
	return ReminderManual, nil
}

func amiliBaseURL(a AmiliSettings) string {
	if a.BaseURL == "" {
		return DefaultAmiliBaseURL
	}
	return a.BaseURL
}
