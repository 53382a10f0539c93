// Package amili hands overdue invoices to Visma Amili through its Creditor API, and
// holds a sandbox server that implements the subset Påminn uses, on loopback, for the
// tests and for the --demo mode.
package amili

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
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
	Now  func() time.Time // signs the JWT's iat/exp and ages cached tokens; nil means time.Now
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

// RegisterCase registers a case with first action "reminder" for l's invoice. When
// Amili answers 409 (the invoice is already registered) the existing case is looked up
// and returned: the invoice is with Amili, which is what the caller wanted.
func (c *Client) RegisterCase(ctx context.Context, s core.AmiliSettings, l core.Letter) (core.AmiliCase, error) {
	reg, err := registrationFor(s, l)
	if err != nil {
		return core.AmiliCase{}, err
	}
	number := l.Invoice.Number
	status, body, err := c.do(ctx, s, http.MethodPost, "/case--registrations", reg)
	if err != nil {
		return core.AmiliCase{}, err
	}
	switch status {
	case http.StatusCreated, http.StatusOK:
		var answer registrationAnswer
		if err := json.Unmarshal(body, &answer); err != nil {
			return core.AmiliCase{}, uncertain(err)
		}
		cs, ok := pickCase(answer.Cases, number)
		if !ok {
			return core.AmiliCase{}, uncertain(fmt.Errorf("the answer names no case for invoice %s", number))
		}
		found := amiliCase(cs, number)
		found.State = core.AmiliRegistered
		return found, nil
	case http.StatusConflict:
		return c.existingCase(ctx, s, number)
	case http.StatusBadRequest, http.StatusUnprocessableEntity:
		return core.AmiliCase{}, refused(number, body)
	}
	return core.AmiliCase{}, statusError(s, status, body)
}

// existingCase looks up the case that made Amili answer 409.
func (c *Client) existingCase(ctx context.Context, s core.AmiliSettings, number string) (core.AmiliCase, error) {
	found, ok, err := c.FindCase(ctx, s, number)
	if err != nil {
		return core.AmiliCase{}, err
	}
	if !ok {
		return core.AmiliCase{}, core.Errorf(core.ECONFLICT,
			"Amili says invoice {{.Invoice}} is already registered, but has no case for it",
			map[string]any{"Invoice": number})
	}
	return found, nil
}

// FindCase looks for a case holding the invoice number. A case whose status the
// client does not know is still reported, as registered: that it exists is what
// matters before a retry.
func (c *Client) FindCase(ctx context.Context, s core.AmiliSettings, invoiceNumber string) (core.AmiliCase, bool, error) {
	path := "/cases?" + url.Values{"invoice_number": {invoiceNumber}}.Encode()
	status, body, err := c.do(ctx, s, http.MethodGet, path, nil)
	if err != nil {
		return core.AmiliCase{}, false, err
	}
	if status != http.StatusOK {
		return core.AmiliCase{}, false, statusError(s, status, body)
	}
	var list caseList
	if err := json.Unmarshal(body, &list); err != nil {
		return core.AmiliCase{}, false, uncertain(err)
	}
	for _, cs := range list.Cases {
		if cs.hasInvoice(invoiceNumber) {
			return amiliCase(cs, invoiceNumber), true, nil
		}
	}
	return core.AmiliCase{}, false, nil
}

// CaseStatus returns the state of a case: ENOTFOUND if Amili has no such case,
// EINTERNAL if Amili reports a status the client does not know.
func (c *Client) CaseStatus(ctx context.Context, s core.AmiliSettings, caseID string) (core.AmiliState, error) {
	status, body, err := c.do(ctx, s, http.MethodGet, "/cases/"+url.PathEscape(caseID), nil)
	if err != nil {
		return core.AmiliNone, err
	}
	switch status {
	case http.StatusOK:
	case http.StatusNotFound:
		return core.AmiliNone, core.Errorf(core.ENOTFOUND, "Amili has no case {{.CaseID}}",
			map[string]any{"CaseID": caseID})
	default:
		return core.AmiliNone, statusError(s, status, body)
	}
	var cs Case
	if err := json.Unmarshal(body, &cs); err != nil {
		return core.AmiliNone, uncertain(err)
	}
	state, ok := stateOf(cs.Status)
	if !ok {
		return core.AmiliNone, core.Errorf(core.EINTERNAL,
			"Amili reports case {{.CaseID}} in a status Påminn does not know: {{.Status}}",
			map[string]any{"CaseID": caseID, "Status": cs.Status})
	}
	return state, nil
}

// do sends one authenticated request and returns the answer's status and body. An
// answer 401 means the token was not accepted and nothing was done, so the token is
// renewed and the request sent once more.
func (c *Client) do(ctx context.Context, s core.AmiliSettings, method, path string, payload any) (int, []byte, error) {
	if err := checkSettings(s); err != nil {
		return 0, nil, err
	}
	var body []byte
	if payload != nil {
		var err error
		if body, err = json.Marshal(payload); err != nil {
			return 0, nil, core.Wrap(err, core.EINTERNAL, "An unexpected error occurred", nil)
		}
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
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Accept", "application/json")
		if payload != nil {
			req.Header.Set("Content-Type", "application/json")
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
