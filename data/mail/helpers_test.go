package mail

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"io"
	"math/big"
	"mime"
	"mime/multipart"
	"net"
	netmail "net/mail"
	"strings"
	"testing"
	"time"

	"paminn/core"
)

// parsedMail is a received message taken apart: headers, text body, attachments.
type parsedMail struct {
	header      netmail.Header
	subject     string
	body        string
	attachments map[string][]byte // by file name
}

// parseMail reads a MIME message the way a mail program would.
func parseMail(t *testing.T, data []byte) parsedMail {
	t.Helper()
	msg, err := netmail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("the message does not parse: %v", err)
	}
	p := parsedMail{header: msg.Header, attachments: map[string][]byte{}}
	if p.subject, err = new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject")); err != nil {
		t.Fatalf("subject: %v", err)
	}
	mediaType, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil || !strings.HasPrefix(mediaType, "multipart/") {
		t.Fatalf("want a multipart message, Content-Type is %q", msg.Header.Get("Content-Type"))
	}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	for {
		part, err := mr.NextPart() // decodes quoted-printable; base64 is decoded below
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		content := readPart(t, part)
		if name := part.FileName(); name != "" {
			p.attachments[name] = content
		} else if strings.HasPrefix(part.Header.Get("Content-Type"), "text/plain") {
			p.body = string(content)
		}
	}
	return p
}

func readPart(t *testing.T, part *multipart.Part) []byte {
	t.Helper()
	var r io.Reader = part
	if strings.EqualFold(part.Header.Get("Content-Transfer-Encoding"), "base64") {
		r = base64.NewDecoder(base64.StdEncoding, part)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// selfSignedTLS makes a certificate for 127.0.0.1 and returns the server's TLS
// configuration and a client configuration that trusts it.
func selfSignedTLS(t *testing.T) (server, client *tls.Config) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "Påminn test SMTP"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Hour),
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1)},
		DNSNames:              []string{"localhost"},
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}},
		&tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
}

// fakeSecrets stands in for the OS keyring: it holds values, or fails every call with err.
type fakeSecrets struct {
	values map[string]string
	err    error
}

func (f fakeSecrets) Get(name string) (string, error) {
	if f.err != nil {
		return "", f.err
	}
	v, ok := f.values[name]
	if !ok {
		return "", core.Errorf(core.ENOTFOUND, "No secret named {{.Name}}", map[string]any{"Name": name})
	}
	return v, nil
}

func (f fakeSecrets) Set(name, value string) error {
	if f.err != nil {
		return f.err
	}
	f.values[name] = value
	return nil
}
