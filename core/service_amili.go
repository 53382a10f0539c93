package core

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"strings"
)

// AmiliStatus reports whether Amili is activated, the details to prefill the
// activation form with, and the public key to register with Amili.
func (s *Service) AmiliStatus(ctx context.Context) (AmiliStatus, error) {
	set, err := s.store.Settings(ctx)
	if err != nil {
		return AmiliStatus{}, err
	}
	a := set.Amili
	st := AmiliStatus{Activated: a.Activated, ActivatedAt: a.ActivatedAt, CreditorID: a.CreditorID,
		AccountID: a.AccountID, APICode: a.APICode, Environment: a.EnvironmentOf(), KeyFile: a.KeyFile,
		BaseURL: amiliBaseURL(a), SandboxURL: a.BaseURL, ProductionURL: a.ProductionURL}
	if st.SandboxURL == "" {
		st.SandboxURL = DefaultAmiliBaseURL
	}
	if s.secrets == nil {
		return st, nil
	}
	for _, name := range []string{AmiliNewKeySecret, AmiliKeySecret} {
		key, err := s.savedSecret(name)
		if err != nil || key == "" {
			continue
		}
		if pub, err := PublicKeyPEM([]byte(key)); err == nil {
			st.PublicKey, st.NewKey = pub, name == AmiliNewKeySecret
			break
		}
	}
	return st, nil
}

// GenerateAmiliKey makes a new ES256 (P-256) key pair, as Amili's documentation
// shows, keeps the private key in Secrets until activation, and returns the public key
// (PEM) for the user to send to Amili. The key in use, if any, stays until Amili is
// activated with the new one.
func (s *Service) GenerateAmiliKey(ctx context.Context) (string, error) {
	if s.secrets == nil {
		return "", Errorf(EUNAVAILABLE, "No password store (keyring) is available on this computer", nil)
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return "", Wrap(err, EINTERNAL, "An unexpected error occurred", nil)
	}
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return "", Wrap(err, EINTERNAL, "An unexpected error occurred", nil)
	}
	privPEM := pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
	if err := s.secrets.Set(AmiliNewKeySecret, string(privPEM)); err != nil {
		return "", err
	}
	s.log.Info("amili key pair generated")
	s.changed("amili key generated")
	return PublicKeyPEM(privPEM)
}

// PublicKeyPEM returns the public half of a PEM private key (PKCS#8, PKCS#1 or SEC 1)
// as a PEM "PUBLIC KEY" block, which is what Amili registers.
func PublicKeyPEM(privPEM []byte) (string, error) {
	for data := privPEM; ; {
		var block *pem.Block
		if block, data = pem.Decode(data); block == nil {
			return "", Errorf(EINVALID, "The Amili key is not a PEM private key", nil)
		}
		var key any
		var err error
		switch block.Type {
		case "PRIVATE KEY":
			key, err = x509.ParsePKCS8PrivateKey(block.Bytes)
		case "RSA PRIVATE KEY":
			key, err = x509.ParsePKCS1PrivateKey(block.Bytes)
		case "EC PRIVATE KEY":
			key, err = x509.ParseECPrivateKey(block.Bytes)
		default:
			continue
		}
		signer, ok := key.(crypto.Signer)
		if err != nil || !ok {
			return "", Wrap(err, EINVALID, "The Amili key is not a PEM private key", nil)
		}
		der, err := x509.MarshalPKIXPublicKey(signer.Public())
		if err != nil {
			return "", Wrap(err, EINVALID, "The Amili key is not a PEM private key", nil)
		}
		return string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})), nil
	}
}

// ActivateAmili verifies the credentials against Amili's API and, only if they
// work, saves the private key in Secrets (never in the book), marks Amili activated
// and makes it the default reminder type (rule 10). The key is the file the user
// brings (read and parsed once, by the Amili channel's ReadKeyFile) or, without one,
// the key Påminn generated. On any failure nothing changes.
func (s *Service) ActivateAmili(ctx context.Context, a Activation) error {
	a.CreditorID, a.AccountID = strings.TrimSpace(a.CreditorID), strings.TrimSpace(a.AccountID)
	a.APICode, a.KeyFile = strings.TrimSpace(a.APICode), strings.TrimSpace(a.KeyFile)
	a.BaseURL, a.ProductionURL = strings.TrimSpace(a.BaseURL), strings.TrimSpace(a.ProductionURL)
	switch {
	case a.CreditorID == "":
		return Errorf(EINVALID, "Enter your Amili creditor ID", nil)
	case a.AccountID == "":
		return Errorf(EINVALID, "Enter your Amili account ID", nil)
	case a.APICode == "":
		return Errorf(EINVALID, "Enter the API code Amili gave you for your public key", nil)
	case a.Environment == AmiliProduction && a.ProductionURL == "":
		return Errorf(EINVALID, "Enter the production address from your Amili agreement", nil)
	case s.channels.Amili == nil:
		return Errorf(EUNAVAILABLE, "Amili cannot be reached from this program", nil)
	}
	oldKey, err := s.savedSecret(AmiliKeySecret) // first: without a keyring, stop before anything
	if err != nil {
		return err
	}
	keyPEM, fromNew, err := s.activationKey(a.KeyFile, oldKey)
	if err != nil {
		return err
	}
	set, err := s.store.Settings(ctx)
	if err != nil {
		return err
	}
	am := set.Amili
	am.CreditorID, am.AccountID, am.APICode, am.KeyFile = a.CreditorID, a.AccountID, a.APICode, a.KeyFile
	if a.Environment != "" {
		am.Environment = a.Environment
	}
	if a.BaseURL != "" {
		am.BaseURL = a.BaseURL
	}
	if a.ProductionURL != "" {
		am.ProductionURL = a.ProductionURL
	}
	am.Environment = am.EnvironmentOf()
	if err := s.channels.Amili.Verify(ctx, amiliSettings(am), keyPEM); err != nil {
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
	if fromNew {
		_ = s.secrets.Set(AmiliNewKeySecret, "") // activated: no longer new
	}
	s.log.Info("amili activated", "creditor", am.CreditorID, "environment", am.Environment)
	s.changed("amili activated")
	return nil
}

// activationKey is the private key to activate: the file the user chose (read by the
// Amili channel, which knows the key formats), else the key Påminn generated, else the
// key in use. fromNew says it was the generated one.
func (s *Service) activationKey(keyFile, current string) (keyPEM []byte, fromNew bool, err error) {
	if keyFile != "" {
		keyPEM, err = s.channels.Amili.ReadKeyFile(keyFile)
		return keyPEM, false, err
	}
	generated, err := s.savedSecret(AmiliNewKeySecret)
	if err != nil {
		return nil, false, err
	}
	if generated != "" {
		return []byte(generated), true, nil
	}
	if current != "" {
		return []byte(current), false, nil
	}
	return nil, false, Errorf(EINVALID, "Generate a key pair or choose your key file first", nil)
}

// DefaultReminderType is the type the dialog preselects: Amili once activated.
func (s *Service) DefaultReminderType(ctx context.Context) (ReminderType, error) {
	set, err := s.store.Settings(ctx)
	if err != nil {
		return "", err
	}
	typ := set.DefaultType
	if !typ.known() {
		typ = ReminderAmili // none kept (or an unknown one): Amili once activated
	}
	if typ.ViaAmili() && !set.Amili.Activated {
		typ = ReminderManual
	}
	return typ, nil
}

// amiliBaseURL is the address of the settings' environment: production's from the
// agreement, or the sandbox's (its public address unless the demo or a test set one).
func amiliBaseURL(a AmiliSettings) string {
	if a.EnvironmentOf() == AmiliProduction {
		return a.ProductionURL
	}
	if a.BaseURL == "" {
		return DefaultAmiliBaseURL
	}
	return a.BaseURL
}

// amiliSettings are the settings as the channel takes them: BaseURL is the address of
// the environment in use.
func amiliSettings(a AmiliSettings) AmiliSettings {
	a.BaseURL = amiliBaseURL(a)
	a.Environment = a.EnvironmentOf()
	return a
}
