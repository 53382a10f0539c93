package core

import (
	"context"
	"encoding/pem"
	"errors"
	"io"
	"os"
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
// work, saves the private key in Secrets (never in the book), marks Amili activated
// and makes it the default reminder type (rule 10). The key file is read once, here;
// after that the file may be moved or deleted. On any failure nothing changes.
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
	oldKey, err := s.savedSecret(AmiliKeySecret) // first: without a keyring, stop before anything
	if err != nil {
		return err
	}
	keyPEM, err := readAmiliKey(a.KeyFile)
	if err != nil {
		return err
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
	if err := s.channels.Amili.Verify(ctx, am, keyPEM); err != nil {
		return err
	}
	if err := s.secrets.Set(AmiliKeySecret, string(keyPEM)); err != nil {
		return err
	}
	am.Activated, am.ActivatedAt = true, s.clock.Now()
	set.Amili = am
	set.DefaultType = ReminderAmili
	if err := s.store.SaveSettings(ctx, set); err != nil {
		s.restoreSecret(AmiliKeySecret, oldKey)
		return err
	}
	s.log.Info("amili activated", "creditor", am.CreditorID)
	s.notify()
	return nil
}

// maxAmiliKeyFile caps how much of a key file is read: a PEM private key is a few KiB.
const maxAmiliKeyFile = 64 << 10

// readAmiliKey reads the key file the user chose and returns its private key block
// alone, PEM-encoded (a certificate beside it is left out). Whether the key is of a
// kind Amili takes is for Verify to say.
func readAmiliKey(path string) ([]byte, error) {
	fail := func(err error) error {
		return Wrap(err, EINVALID, "The Amili key file {{.Path}} could not be read", map[string]any{"Path": path})
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fail(err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxAmiliKeyFile+1))
	switch {
	case err != nil:
		return nil, fail(err)
	case len(data) > maxAmiliKeyFile:
		return nil, fail(errors.New("the file is too large to be a key"))
	}
	for {
		var block *pem.Block
		if block, data = pem.Decode(data); block == nil {
			return nil, fail(errors.New("no PEM private key found"))
		}
		if strings.HasSuffix(block.Type, "PRIVATE KEY") {
			return pem.EncodeToMemory(block), nil
		}
	}
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
