package amili

import (
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/x509/pkix"
	"encoding/asn1"
	"fmt"
)

// What a key file that Amili cannot use gets told: each message names the file,
// says what is wrong with it in the user's words and which keys work. They all begin
// like msgKeyUnreadable, the message of a file that cannot be opened at all.
const (
	msgKeyUnreadable  = "The Amili key file {{.Path}} could not be read"
	msgKeyNotAFile    = "The Amili key file {{.Path}} could not be read: it is not an ordinary file but a folder, a pipe or a device; choose the file that holds your private key"
	msgKeyTooLarge    = "The Amili key file {{.Path}} could not be read: it is too large to be a key file (a key file is a few kilobytes)"
	msgKeyNoPEM       = "The Amili key file {{.Path}} could not be read: it holds no private key in PEM form (text that begins -----BEGIN PRIVATE KEY-----); Amili takes ECDSA (P-256, P-384, P-521) or RSA keys"
	msgKeyPublic      = "The Amili key file {{.Path}} could not be read: it holds a public key, not the private key; choose the private key that goes with it (ECDSA P-256, P-384, P-521 or RSA)"
	msgKeyCertificate = "The Amili key file {{.Path}} could not be read: it holds a certificate but no private key; choose the file with the private key (ECDSA P-256, P-384, P-521 or RSA)"
	msgKeyEncrypted   = "The Amili key file {{.Path}} could not be read: its private key is protected by a password; save the key without a password and choose that file"
	msgKeyOpenSSH     = "The Amili key file {{.Path}} could not be read: it holds a key in OpenSSH's own format; Amili takes ECDSA (P-256, P-384, P-521) or RSA keys in PEM form (PKCS #8)"
	msgKeyKind        = "The Amili key file {{.Path}} could not be read: the key in it is {{.Kind}}, which Amili does not take; Amili takes ECDSA (P-256, P-384, P-521) or RSA keys"
	msgKeyDamaged     = "The Amili key file {{.Path}} could not be read: its private key is damaged"
)

// The algorithms and curves a private key may be made for, by their object identifiers
// (RFC 8410 for the Edwards and Montgomery curves, RFC 3279 for DSA, SEC 2 and RFC
// 5639 for the curves), so that a key Go cannot parse is still named.
var (
	oidDSA       = asn1.ObjectIdentifier{1, 2, 840, 10040, 4, 1}
	oidECKey     = asn1.ObjectIdentifier{1, 2, 840, 10045, 2, 1}
	oidRSAKey    = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 1}
	algorithmOID = map[string]string{
		oidDSA.String():     "DSA",
		"1.3.101.110":       "X25519",
		"1.3.101.111":       "X448",
		"1.3.101.112":       "Ed25519",
		"1.3.101.113":       "Ed448",
		"1.2.643.7.1.1.1.1": "GOST R 34.10-2012",
	}
	// takenCurves are the curves Amili takes: a key on one that Go cannot parse
	// is damaged, not of another kind.
	takenCurves = map[string]bool{"1.2.840.10045.3.1.7": true, "1.3.132.0.34": true, "1.3.132.0.35": true}
	curveOID    = map[string]string{
		"1.3.132.0.10":          "secp256k1",
		"1.3.132.0.33":          "P-224",
		"1.2.840.10045.3.1.1":   "P-192",
		"1.3.36.3.3.2.8.1.1.7":  "brainpoolP256r1",
		"1.3.36.3.3.2.8.1.1.11": "brainpoolP384r1",
		"1.3.36.3.3.2.8.1.1.13": "brainpoolP512r1",
		"1.2.156.10197.1.301":   "SM2",
	}
)

// keyKind says whether Amili takes key (ok), and otherwise what kind of key it is, in
// words for msgKeyKind that need no translation. Amili's documentation allows ES256,
// ES384, ES512 (ECDSA on P-256, P-384, P-521) and RS256, RS384, RS512 (RSA), "nothing
// else (no EdDSA, no PS*)" (shared/amili/CONTRACT.md, the API JWT).
func keyKind(key any) (kind string, ok bool) {
	switch k := key.(type) {
	case *rsa.PrivateKey:
		return "RSA", true
	case *ecdsa.PrivateKey:
		switch k.Curve {
		case elliptic.P256(), elliptic.P384(), elliptic.P521():
			return "ECDSA " + k.Curve.Params().Name, true
		}
		return ecdsaKind(k.Curve.Params().Name), false
	case ed25519.PrivateKey:
		return "Ed25519", false
	case *ecdh.PrivateKey:
		return fmt.Sprint(k.Curve()), false
	}
	return fmt.Sprintf("%T", key), false
}

// ecdsaKind names an elliptic-curve key on curve, in words that need no translation.
func ecdsaKind(curve string) string { return "ECDSA " + curve }

// pkcs8Info is PKCS #8's PrivateKeyInfo (RFC 5208) as far as the kind of key goes.
type pkcs8Info struct {
	Version    int
	Algorithm  pkix.AlgorithmIdentifier
	PrivateKey []byte
}

// sec1Key is SEC 1's ECPrivateKey (RFC 5915) as far as its curve goes.
type sec1Key struct {
	Version    int
	PrivateKey []byte
	Curve      asn1.ObjectIdentifier `asn1:"optional,explicit,tag:0"`
}

// pkcs8Kind names the kind of a PKCS #8 key that Go could not parse, from its
// algorithm (and, for an elliptic-curve key, its curve); ok is false when der is not
// PKCS #8 at all or is of a kind Amili takes (then it is damaged).
func pkcs8Kind(der []byte) (kind string, ok bool) {
	var info pkcs8Info
	if _, err := asn1.Unmarshal(der, &info); err != nil {
		return "", false
	}
	oid := info.Algorithm.Algorithm
	switch {
	case oid.Equal(oidRSAKey):
		return "", false
	case oid.Equal(oidECKey):
		var curve asn1.ObjectIdentifier
		if _, err := asn1.Unmarshal(info.Algorithm.Parameters.FullBytes, &curve); err != nil {
			return sec1Kind(info.PrivateKey) // the curve may be named in the key itself
		}
		return curveKind(curve)
	}
	if name, known := algorithmOID[oid.String()]; known {
		return name, true
	}
	return oid.String(), true // the algorithm's identifier is all there is to name it by
}

// sec1Kind names the kind of a SEC 1 key that Go could not parse, by its curve; ok
// is false when der is not SEC 1, names no curve or one Amili takes.
func sec1Kind(der []byte) (kind string, ok bool) {
	var key sec1Key
	if _, err := asn1.Unmarshal(der, &key); err != nil || len(key.Curve) == 0 {
		return "", false
	}
	return curveKind(key.Curve)
}

// curveKind names an elliptic-curve key by its curve's identifier; ok is false for a
// curve Amili takes.
func curveKind(curve asn1.ObjectIdentifier) (kind string, ok bool) {
	if takenCurves[curve.String()] {
		return "", false
	}
	if name, known := curveOID[curve.String()]; known {
		return ecdsaKind(name), true
	}
	return ecdsaKind(curve.String()), true
}
