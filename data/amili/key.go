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
	fail := func(err error) error {
		return core.Wrap(err, core.EINVALID, "The Amili key file {{.Path}} could not be read",
			map[string]any{"Path": path})
	}
	if path == "" {
		return nil, nil, fail(errors.New("no key file is set"))
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fail(err)
	}
	defer f.Close()
	pemBytes, err := io.ReadAll(io.LimitReader(f, maxKeyFile+1))
	switch {
	case err != nil:
		return nil, nil, fail(err)
	case len(pemBytes) > maxKeyFile:
		return nil, nil, fail(errors.New("the file is too large to be a key"))
	}
	key, block, err := parsePrivateKey(pemBytes)
	if err != nil {
		return nil, nil, fail(err)
	}
	return key, block, nil
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
	key, _, err := parsePrivateKey(keyPEM)
	if err != nil {
		return nil, core.Wrap(err, core.EINVALID, "The Amili key file {{.Path}} could not be read",
			map[string]any{"Path": s.KeyFile})
	}
	return key, nil
}

// parsePrivateKey finds the first private key block in PEM data and returns the key
// with its block.
func parsePrivateKey(data []byte) (crypto.Signer, *pem.Block, error) {
	for {
		var block *pem.Block
		block, data = pem.Decode(data)
		if block == nil {
			return nil, nil, errors.New("no PEM private key found")
		}
		var (
			key any
			err error
		)
		switch block.Type {
		case "PRIVATE KEY":
			key, err = x509.ParsePKCS8PrivateKey(block.Bytes)
		case "RSA PRIVATE KEY":
			key, err = x509.ParsePKCS1PrivateKey(block.Bytes)
		case "EC PRIVATE KEY":
			key, err = x509.ParseECPrivateKey(block.Bytes)
		case "ENCRYPTED PRIVATE KEY":
			return nil, nil, errors.New("encrypted private keys are not supported")
		default:
			continue // a certificate or public key next to it: look further
		}
		if err != nil {
			return nil, nil, err
		}
		if _, err := signingMethodFor(key); err != nil {
			return nil, nil, err
		}
		return key.(crypto.Signer), block, nil
	}
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
