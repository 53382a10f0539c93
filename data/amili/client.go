// Package amili hands overdue invoices to Visma Amili through its Creditor API as
// Amili documents it (../shared/amili/CONTRACT.md), and holds a sandbox server that
// implements the same documented contract on loopback, for the tests and the --demo
// mode. What the documentation leaves open is answered in one place, unknowns.go.
package amili

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"paminn/core"
)

// DefaultTimeout bounds one HTTP request to Amili, from dial to the last byte read.
const DefaultTimeout = 15 * time.Second

// maxAnswer caps how much of an answer is read; Amili's answers are small.
const maxAnswer = 1 << 20

// Client implements core.AmiliChannel over HTTP. The zero Client works (with
// DefaultTimeout and the system clock); NewClient spells the defaults out. A Client is
// safe for concurrent use and caches access tokens per creditor until shortly before
// they expire.
type Client struct {
	HTTP *http.Client     // nil means a client with DefaultTimeout
	Now  func() time.Time // signs the JWT's exp and ages cached tokens; nil means time.Now
	// Secrets holds the private key that signs the JWT, under core.AmiliKeySecret, as
	// ActivateAmili saved it. nil means the key is read from the settings' KeyFile
	// instead (this package's own tests).
	Secrets core.Secrets

	mu     sync.Mutex
	tokens map[tokenKey]accessToken
}

var _ core.AmiliChannel = (*Client)(nil)

// NewClient returns a Client with a DefaultTimeout per request and the system clock.
func NewClient() *Client {
	return &Client{HTTP: &http.Client{Timeout: DefaultTimeout}, Now: time.Now}
}

// Verify checks the settings and the credentials by fetching a fresh access token,
// signed with keyPEM (the key being activated) or, when keyPEM is nil, the saved key.
func (c *Client) Verify(ctx context.Context, s core.AmiliSettings, keyPEM []byte) error {
	if err := checkSettings(s); err != nil {
		return err
	}
	key, err := c.signingKey(s, keyPEM)
	if err != nil {
		return err
	}
	_, err = c.fetchTokenWith(ctx, s, key)
	return err
}

// do sends one authenticated JSON request and returns the answer's status and body.
func (c *Client) do(ctx context.Context, s core.AmiliSettings, method, path string, payload any) (int, []byte, error) {
	var body []byte
	contentType := ""
	if payload != nil {
		var err error
		if body, err = json.Marshal(payload); err != nil {
			return 0, nil, core.Wrap(err, core.EINTERNAL, "An unexpected error occurred", nil)
		}
		contentType = "application/json"
	}
	return c.doRaw(ctx, s, method, path, contentType, body)
}

// doRaw sends one authenticated request with the access token in X-API-Key. An answer
// 401 means the token was not accepted and nothing was done, so the token is renewed
// and the request sent once more.
func (c *Client) doRaw(ctx context.Context, s core.AmiliSettings, method, path, contentType string, body []byte) (int, []byte, error) {
	if err := checkSettings(s); err != nil {
		return 0, nil, err
	}
	for attempt := 0; ; attempt++ {
		token, err := c.token(ctx, s)
		if err != nil {
			return 0, nil, err
		}
		req, err := http.NewRequestWithContext(ctx, method, endpoint(s, path), bytes.NewReader(body))
		if err != nil {
			return 0, nil, core.Wrap(err, core.EINTERNAL, "An unexpected error occurred", nil)
		}
		req.Header.Set("X-API-Key", token)
		req.Header.Set("Accept", "application/json")
		if contentType != "" {
			req.Header.Set("Content-Type", contentType)
		}
		status, answer, err := c.send(req)
		if err != nil {
			return 0, nil, err
		}
		if status == http.StatusUnauthorized && attempt == 0 {
			c.forgetToken(s)
			continue
		}
		return status, answer, nil
	}
}

// send performs the request and reads the whole answer; any failure on the way is
// EUNAVAILABLE, since the request may or may not have reached Amili.
func (c *Client) send(req *http.Request) (int, []byte, error) {
	resp, err := c.httpClient().Do(req)
	if err != nil {
		return 0, nil, uncertain(err)
	}
	defer resp.Body.Close()
	answer, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswer))
	if err != nil {
		return 0, nil, uncertain(err)
	}
	return resp.StatusCode, answer, nil
}

func (c *Client) httpClient() *http.Client {
	if c.HTTP != nil {
		return c.HTTP
	}
	return &http.Client{Timeout: DefaultTimeout}
}

func (c *Client) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

// endpoint joins the base URL and a path that starts with "/".
func endpoint(s core.AmiliSettings, path string) string {
	return strings.TrimRight(s.BaseURL, "/") + path
}

// checkSettings refuses settings no request could succeed with. The base URL must be
// https, except on loopback (the sandbox), so the signed JWT never travels in clear.
func checkSettings(s core.AmiliSettings) error {
	u, err := url.Parse(s.BaseURL)
	secure := err == nil && (u.Scheme == "https" || u.Scheme == "http" && isLoopbackHost(u.Hostname()))
	if !secure || u.Host == "" {
		return core.Wrap(err, core.EINVALID, "The Amili address {{.URL}} is not a valid https address",
			map[string]any{"URL": s.BaseURL})
	}
	if strings.TrimSpace(s.CreditorID) == "" {
		return core.Errorf(core.EINVALID, "The Amili creditor id is missing", nil)
	}
	if strings.TrimSpace(s.APICode) == "" {
		return core.Errorf(core.EINVALID, "The Amili API code is missing", nil)
	}
	return nil
}

// isLoopbackHost reports whether host is "localhost" or a loopback IP address.
func isLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
