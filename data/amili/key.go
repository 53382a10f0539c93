package amili

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"paminn/core"
)

// jwtLifetime is how long a signed API JWT is valid: Amili takes at most 10 minutes.
const jwtLifetime = 5 * time.Minute

// maxKeyFile caps how much of a key file is read: a PEM private key is a few KiB.
const maxKeyFile = 64 << 10

// ReadKeyFile reads the private key file the user chose, checks that it holds a key
// Amili takes, and returns that key alone, PEM-encoded (a certificate beside it is
// left out), for core to verify and save. Any failure is EINVALID naming the file.
func (c *Client) ReadKeyFile(path string) ([]byte, error) {
	_, block, err := readKeyFile(path)
	if err != nil {
		return nil, err
	}
	return pem.EncodeToMemory(block), nil
}

// readPrivateKey reads the creditor's private key from a PEM file: PKCS#8 ("PRIVATE
// KEY") holding RSA or ECDSA (P-256, P-384, P-521), and for convenience PKCS#1 ("RSA PRIVATE KEY")
// and SEC 1 ("EC PRIVATE KEY"). Any failure is EINVALID naming the file.
func readPrivateKey(path string) (crypto.Signer, error) {
	key, _, err := readKeyFile(path)
	return key, err
}

// readKeyFile is readPrivateKey that also returns the key's PEM block.
func readKeyFile(path string) (crypto.Signer, *pem.Block, error) {
	if path == "" {
		return nil, nil, keyError(msgKeyUnreadable, path, errors.New("no key file is set"))
	}
	pemBytes, err := readKeyBytes(path)
	if err != nil {
		return nil, nil, err
	}
	return parsePrivateKey(pemBytes, path)
}

// readKeyBytes reads the key file at path, of at most maxKeyFile bytes. It looks
// before it opens: a named pipe opened for reading waits for a writer, for ever, and
// a device may never end; so anything but a regular file is refused unopened. It
// opens without waiting (openNoWait), in case such a thing took the file's place
// since, and looks again at what it opened.
func readKeyBytes(path string) ([]byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, keyError(msgKeyUnreadable, path, err)
	}
	if err := checkKeyFileInfo(info, path); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_RDONLY|openNoWait, 0)
	if err != nil {
		return nil, keyError(msgKeyUnreadable, path, err)
	}
	defer f.Close()
	if info, err = f.Stat(); err != nil {
		return nil, keyError(msgKeyUnreadable, path, err)
	}
	if err := checkKeyFileInfo(info, path); err != nil {
		return nil, err
	}
	pemBytes, err := io.ReadAll(io.LimitReader(f, maxKeyFile+1))
	switch {
	case err != nil:
		return nil, keyError(msgKeyUnreadable, path, err)
	case len(pemBytes) > maxKeyFile:
		return nil, keyError(msgKeyTooLarge, path, nil)
	}
	return pemBytes, nil
}

// checkKeyFileInfo refuses what is not a regular file, or is too large to be a key.
func checkKeyFileInfo(info os.FileInfo, path string) error {
	switch {
	case !info.Mode().IsRegular():
		return keyError(msgKeyNotAFile, path, fmt.Errorf("the file's mode is %v", info.Mode()))
	case info.Size() > maxKeyFile:
		return keyError(msgKeyTooLarge, path, nil)
	}
	return nil
}

// keyError is the EINVALID error message gives for the key file at path.
func keyError(message, path string, cause error) error {
	return core.Wrap(cause, core.EINVALID, message, map[string]any{"Path": core.Excerpt(path)})
}

// signingKey is the private key that signs the API JWT: keyPEM when given (a key being
// activated), else the one saved in c.Secrets, else, with no Secrets, the settings'
// key file. Any failure names the key file the user chose.
func (c *Client) signingKey(s core.AmiliSettings, keyPEM []byte) (crypto.Signer, error) {
	if keyPEM == nil && c.Secrets == nil {
		return readPrivateKey(s.KeyFile)
	}
	if keyPEM == nil {
		saved, err := c.Secrets.Get(core.AmiliKeySecret)
		switch core.ErrorCodeOf(err) {
		case "":
			keyPEM = []byte(saved)
		case core.ENOTFOUND:
			return nil, core.Wrap(err, core.EINVALID,
				"The Amili key is not saved on this computer; activate Amili again under Settings", nil)
		default:
			return nil, err
		}
	}
	key, _, err := parsePrivateKey(keyPEM, s.KeyFile)
	return key, err
}

// parsePrivateKey finds the first private key block in PEM data and returns the key
// with its block: PKCS #8 ("PRIVATE KEY") holding RSA or ECDSA (P-256, P-384,
// P-521), PKCS #1 ("RSA PRIVATE KEY") or SEC 1 ("EC PRIVATE KEY"). A certificate or
// public key beside it is passed over. Anything else is an EINVALID error naming the
// key file (path) and saying what the data holds instead and which keys work.
func parsePrivateKey(data []byte, path string) (crypto.Signer, *pem.Block, error) {
	missing := msgKeyNoPEM // what to say when no private key turns up
	for {
		var block *pem.Block
		block, data = pem.Decode(data)
		if block == nil {
			return nil, nil, keyError(missing, path, nil)
		}
		switch block.Type {
		case "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY":
			key, err := parseKeyBlock(block, path)
			return key, block, err
		case "ENCRYPTED PRIVATE KEY":
			return nil, nil, keyError(msgKeyEncrypted, path, nil)
		case "DSA PRIVATE KEY":
			return nil, nil, keyKindError("DSA", path)
		case "OPENSSH PRIVATE KEY":
			return nil, nil, keyError(msgKeyOpenSSH, path, nil)
		case "PUBLIC KEY", "RSA PUBLIC KEY", "EC PUBLIC KEY", "SSH2 PUBLIC KEY":
			missing = msgKeyPublic
		case "CERTIFICATE", "TRUSTED CERTIFICATE", "X509 CERTIFICATE":
			if missing == msgKeyNoPEM {
				missing = msgKeyCertificate
			}
		}
	}
}

// parseKeyBlock parses a block of an unencrypted private key and checks that Amili
// takes its kind.
func parseKeyBlock(block *pem.Block, path string) (crypto.Signer, error) {
	if _, legacy := block.Headers["DEK-Info"]; legacy { // OpenSSL's own encryption
		return nil, keyError(msgKeyEncrypted, path, nil)
	}
	var (
		key any
		err error
	)
	switch block.Type {
	case "PRIVATE KEY":
		if key, err = x509.ParsePKCS8PrivateKey(block.Bytes); err != nil {
			if kind, ok := pkcs8Kind(block.Bytes); ok {
				return nil, keyKindError(kind, path)
			}
		}
	case "RSA PRIVATE KEY":
		key, err = x509.ParsePKCS1PrivateKey(block.Bytes)
	case "EC PRIVATE KEY":
		if key, err = x509.ParseECPrivateKey(block.Bytes); err != nil {
			if kind, ok := sec1Kind(block.Bytes); ok {
				return nil, keyKindError(kind, path)
			}
		}
	}
	if err != nil {
		return nil, keyError(msgKeyDamaged, path, err)
	}
	if kind, ok := keyKind(key); !ok {
		return nil, keyKindError(kind, path)
	}
	return key.(crypto.Signer), nil
}

// keyKindError says the key file at path holds a key of a kind Amili does not take.
func keyKindError(kind, path string) error {
	return core.Errorf(core.EINVALID, msgKeyKind, map[string]any{"Path": core.Excerpt(path), "Kind": kind})
}

// signingMethodFor picks the JWT algorithm that fits the key, among the ones Amili
// accepts: ES256, ES384, ES512 and RS256 (RS384 and RS512 would do as well). An
// Ed25519 key is refused: Amili takes no EdDSA.
func signingMethodFor(key any) (jwt.SigningMethod, error) {
	switch k := key.(type) {
	case ed25519.PrivateKey:
		return nil, errors.New("Amili does not accept Ed25519 keys; use an EC (P-256) or RSA key")
	case *rsa.PrivateKey:
		return jwt.SigningMethodRS256, nil
	case *ecdsa.PrivateKey:
		switch k.Curve {
		case elliptic.P256():
			return jwt.SigningMethodES256, nil
		case elliptic.P384():
			return jwt.SigningMethodES384, nil
		case elliptic.P521():
			return jwt.SigningMethodES512, nil
		}
		return nil, fmt.Errorf("unsupported ECDSA curve %s", k.Curve.Params().Name)
	}
	return nil, fmt.Errorf("unsupported private key type %T", key)
}

// signAPIKey builds the JWT that goes in the X-API-Key header to get an access token:
// exactly {"api_code", "exp"}, valid for jwtLifetime from now.
func signAPIKey(key crypto.Signer, apiCode string, now time.Time) (string, error) {
	method, err := signingMethodFor(key)
	if err != nil {
		return "", err
	}
	if apiCode == "" {
		return "", errors.New("no API code is set")
	}
	claims := jwt.MapClaims{"api_code": apiCode, "exp": now.Add(jwtLifetime).Unix()}
	return jwt.NewWithClaims(method, claims).SignedString(key)
}
