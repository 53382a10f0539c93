package amili

import (
	"bytes"
	"crypto"
	"crypto/dsa"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/pem"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"paminn/core"
)

// Each kind of file that is not a key Amili takes is refused with a message that
// says what the file holds and which keys work (ES256/384/512 and RS256 in Amili's
// documentation: ECDSA on P-256, P-384, P-521, or RSA); the keys that work are read.
// Every key is generated here, with crypto/* or, where Go has no writer for the
// format, with encoding/asn1 after the RFC that defines it.
func TestAKeyFileAmiliCannotUseSaysWhatItHoldsAndWhichKeysWork(t *testing.T) {
	const takes = "Amili takes ECDSA (P-256, P-384, P-521) or RSA keys"
	for _, tc := range []struct {
		name    string
		content func(t *testing.T) []byte
		says    []string // nil: the key is read
	}{
		{"an Ed25519 key says it is Ed25519", func(t *testing.T) []byte {
			_, k, _ := ed25519.GenerateKey(rand.Reader)
			return pkcs8PEM(t, k)
		}, []string{"the key in it is Ed25519, which Amili does not take", takes}},
		{"an X25519 key says it is X25519", func(t *testing.T) []byte {
			k, err := ecdh.X25519().GenerateKey(rand.Reader)
			if err != nil {
				t.Fatal(err)
			}
			return pkcs8PEM(t, k)
		}, []string{"the key in it is X25519", takes}},
		{"an ECDSA key on P-224 names its curve", func(t *testing.T) []byte {
			k, _ := ecdsa.GenerateKey(elliptic.P224(), rand.Reader)
			return pkcs8PEM(t, k)
		}, []string{"the key in it is ECDSA P-224", takes}},
		{"a secp256k1 key in SEC 1 names its curve", func(t *testing.T) []byte {
			return pemOf("EC PRIVATE KEY", secp256k1SEC1(t))
		}, []string{"the key in it is ECDSA secp256k1", takes}},
		{"a secp256k1 key in PKCS #8 names its curve", func(t *testing.T) []byte {
			return pemOf("PRIVATE KEY", derOf(t, pkcs8Info{Algorithm: pkix.AlgorithmIdentifier{
				Algorithm: oidECKey, Parameters: asn1RawOf(t, asn1.ObjectIdentifier{1, 3, 132, 0, 10})},
				PrivateKey: secp256k1SEC1(t)}))
		}, []string{"the key in it is ECDSA secp256k1", takes}},
		{"a DSA key in PKCS #8 says it is DSA", func(t *testing.T) []byte {
			k := dsaKey(t)
			return pemOf("PRIVATE KEY", derOf(t, pkcs8Info{Algorithm: pkix.AlgorithmIdentifier{
				Algorithm: oidDSA, Parameters: asn1RawOf(t, struct{ P, Q, G *big.Int }{k.P, k.Q, k.G})},
				PrivateKey: derOf(t, k.X)}))
		}, []string{"the key in it is DSA", takes}},
		{"a DSA key in OpenSSL's own form says it is DSA", func(t *testing.T) []byte {
			k := dsaKey(t)
			return pemOf("DSA PRIVATE KEY", derOf(t, struct {
				Version       int
				P, Q, G, Y, X *big.Int
			}{0, k.P, k.Q, k.G, k.Y, k.X}))
		}, []string{"the key in it is DSA", takes}},
		{"a public key says it is not the private key", func(t *testing.T) []byte {
			k, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
			der, err := x509.MarshalPKIXPublicKey(k.Public())
			if err != nil {
				t.Fatal(err)
			}
			return pemOf("PUBLIC KEY", der)
		}, []string{"it holds a public key, not the private key", "ECDSA P-256, P-384, P-521 or RSA"}},
		{"an RSA public key in PKCS #1 says it is not the private key", func(t *testing.T) []byte {
			k := rsaKey(t)
			return pemOf("RSA PUBLIC KEY", x509.MarshalPKCS1PublicKey(&k.PublicKey))
		}, []string{"it holds a public key, not the private key"}},
		{"a certificate alone says its private key is missing", func(t *testing.T) []byte {
			return pemOf("CERTIFICATE", certificate(t))
		}, []string{"it holds a certificate but no private key", "ECDSA P-256, P-384, P-521 or RSA"}},
		{"an encrypted PKCS #8 key says it has a password", func(t *testing.T) []byte {
			// EncryptedPrivateKeyInfo (RFC 5208 §6) under PBES2 (RFC 8018); its
			// contents are never decrypted, so random bytes stand for them.
			return pemOf("ENCRYPTED PRIVATE KEY", derOf(t, struct {
				Algorithm pkix.AlgorithmIdentifier
				Data      []byte
			}{pkix.AlgorithmIdentifier{Algorithm: asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 5, 13}}, randomBytes(t, 64)}))
		}, []string{"its private key is protected by a password"}},
		{"a key encrypted by OpenSSL's PEM headers says it has a password", func(t *testing.T) []byte {
			k, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
			der, err := x509.MarshalECPrivateKey(k)
			if err != nil {
				t.Fatal(err)
			}
			//lint:ignore SA1019 the legacy encryption is what such a file holds
			block, err := x509.EncryptPEMBlock(rand.Reader, "EC PRIVATE KEY", der, []byte("lösen"), x509.PEMCipherAES256)
			if err != nil {
				t.Fatal(err)
			}
			return pem.EncodeToMemory(block)
		}, []string{"its private key is protected by a password"}},
		{"an OpenSSH private key says it is in OpenSSH's format", func(t *testing.T) []byte {
			return pemOf("OPENSSH PRIVATE KEY", append([]byte("openssh-key-v1\x00"), randomBytes(t, 64)...))
		}, []string{"it holds a key in OpenSSH's own format", "ECDSA (P-256, P-384, P-521) or RSA keys in PEM"}},
		{"a damaged private key says it is damaged", func(t *testing.T) []byte {
			return pemOf("PRIVATE KEY", randomBytes(t, 100))
		}, []string{"its private key is damaged"}},
		{"random bytes say there is no private key", func(t *testing.T) []byte {
			return randomBytes(t, 500)
		}, []string{"it holds no private key in PEM form", takes}},
		{"a text that is not a key says there is no private key", func(*testing.T) []byte {
			return []byte("my notes")
		}, []string{"it holds no private key in PEM form", takes}},
		{"an empty file says there is no private key", func(*testing.T) []byte {
			return nil
		}, []string{"it holds no private key in PEM form"}},
		{"an ECDSA P-256 key in PKCS #8 is read", func(t *testing.T) []byte {
			k, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
			return pkcs8PEM(t, k)
		}, nil},
		{"an ECDSA P-384 key in SEC 1 is read", func(t *testing.T) []byte {
			k, _ := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
			der, err := x509.MarshalECPrivateKey(k)
			if err != nil {
				t.Fatal(err)
			}
			return pemOf("EC PRIVATE KEY", der)
		}, nil},
		{"an ECDSA P-521 key after its certificate is read", func(t *testing.T) []byte {
			k, _ := ecdsa.GenerateKey(elliptic.P521(), rand.Reader)
			return append(pemOf("CERTIFICATE", certificate(t)), pkcs8PEM(t, k)...)
		}, nil},
		{"an RSA key in PKCS #1 is read", func(t *testing.T) []byte {
			return pemOf("RSA PRIVATE KEY", x509.MarshalPKCS1PrivateKey(rsaKey(t)))
		}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "amili-nyckel.pem")
			if err := os.WriteFile(path, tc.content(t), 0o600); err != nil {
				t.Fatal(err)
			}
			got, err := NewClient().ReadKeyFile(path)
			if tc.says == nil {
				if err != nil {
					t.Fatal(err)
				}
				if _, _, err := parsePrivateKey(got, path); err != nil {
					t.Errorf("the key read back does not parse: %v", err)
				}
				return
			}
			wantKeyMessage(t, err, tc.says)
			// The same words when the key comes from the password store.
			_, err = NewClient().signingKey(core.AmiliSettings{KeyFile: path}, tc.content(t))
			wantKeyMessage(t, err, tc.says)
		})
	}
}

// A folder, or a file larger than a key can be, is refused before it is read.
func TestAKeyFileThatIsNoOrdinaryFileOrTooLargeIsRefusedUnread(t *testing.T) {
	large := filepath.Join(t.TempDir(), "stor.pem")
	if err := os.WriteFile(large, bytes.Repeat([]byte("A"), maxKeyFile+1), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, path, says string
	}{
		{"a folder is not an ordinary file", t.TempDir(), "it is not an ordinary file but a folder, a pipe or a device"},
		{"a file one byte larger than a key can be is too large", large, "it is too large to be a key file"},
		{"a file that is not there could not be read", filepath.Join(t.TempDir(), "saknas.pem"), "saknas.pem could not be read"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := NewClient().ReadKeyFile(tc.path)
			wantKeyMessage(t, err, []string{tc.says})
		})
	}
}

// wantKeyMessage fails unless err is EINVALID naming the key file and saying each of says.
func wantKeyMessage(t *testing.T, err error, says []string) {
	t.Helper()
	if core.ErrorCodeOf(err) != core.EINVALID {
		t.Fatalf("err = %v, want EINVALID", err)
	}
	text := core.AsError(err).Text()
	if !strings.HasPrefix(text, "The Amili key file ") {
		t.Errorf("%q does not name the key file", text)
	}
	for _, s := range says {
		if !strings.Contains(text, s) {
			t.Errorf("%q does not say %q", text, s)
		}
	}
}

func pemOf(typ string, der []byte) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der})
}

func pkcs8PEM(t testing.TB, key any) []byte {
	t.Helper()
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	return pemOf("PRIVATE KEY", der)
}

func derOf(t testing.TB, v any) []byte {
	t.Helper()
	der, err := asn1.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return der
}

func asn1RawOf(t testing.TB, v any) asn1.RawValue {
	return asn1.RawValue{FullBytes: derOf(t, v)}
}

func randomBytes(t testing.TB, n int) []byte {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return b
}

// secp256k1SEC1 is an ECPrivateKey (RFC 5915) on secp256k1 (SEC 2, 1.3.132.0.10),
// which Go has no curve for: a random scalar is as good as a real one to name it.
func secp256k1SEC1(t testing.TB) []byte {
	return derOf(t, sec1Key{Version: 1, PrivateKey: randomBytes(t, 32), Curve: asn1.ObjectIdentifier{1, 3, 132, 0, 10}})
}

func dsaKey(t *testing.T) *dsa.PrivateKey {
	t.Helper()
	k := new(dsa.PrivateKey)
	//lint:ignore SA1019 DSA is what the file holds
	if err := dsa.GenerateParameters(&k.Parameters, rand.Reader, dsa.L1024N160); err != nil {
		t.Fatal(err)
	}
	//lint:ignore SA1019 DSA is what the file holds
	if err := dsa.GenerateKey(k, rand.Reader); err != nil {
		t.Fatal(err)
	}
	return k
}

func rsaKey(t *testing.T) *rsa.PrivateKey {
	t.Helper()
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// certificate is a self-signed certificate for a new P-256 key.
func certificate(t *testing.T) []byte {
	t.Helper()
	k, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "Påminn test"},
		NotBefore: time.Now(), NotAfter: time.Now().Add(time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, k.Public(), crypto.Signer(k))
	if err != nil {
		t.Fatal(err)
	}
	return der
}

// Whatever a key file holds, reading it either gives a key Amili takes or says, as
// EINVALID naming the file, why not; it never panics.
func FuzzParsePrivateKey(f *testing.F) {
	k, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	_, ed, _ := ed25519.GenerateKey(rand.Reader)
	for _, seed := range [][]byte{pkcs8PEM(f, k), pkcs8PEM(f, ed), pemOf("EC PRIVATE KEY", secp256k1SEC1(f)),
		pemOf("PUBLIC KEY", []byte{0x30, 0x00}), pemOf("ENCRYPTED PRIVATE KEY", nil), []byte("not a key"), nil} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		key, block, err := parsePrivateKey(data, "nyckel.pem")
		if err != nil {
			if core.ErrorCodeOf(err) != core.EINVALID || !strings.HasPrefix(core.AsError(err).Text(), "The Amili key file nyckel.pem could not be read") {
				t.Fatalf("err = %v, want EINVALID naming the file", err)
			}
			return
		}
		if _, ok := keyKind(key); !ok || block == nil {
			t.Fatalf("a key Amili does not take was read: %T", key)
		}
	})
}
