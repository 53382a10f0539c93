package amili

import (
	"context"
	"crypto"
	"net/http"
	"time"

	"paminn/core"
)

// tokenKey identifies whose access token a cached one is: the settings may change
// between calls, and a token must never outlive the credentials that earned it.
type tokenKey struct {
	baseURL, creditorID, apiCode, keyFile string
}

func keyOf(s core.AmiliSettings) tokenKey {
	return tokenKey{s.BaseURL, s.CreditorID, s.APICode, s.KeyFile}
}

// accessToken is a cached access token and when to stop using it.
type accessToken struct {
	value     string
	refreshAt time.Time
}

// token returns a cached access token, or fetches a new one when there is none or it
// is about to expire.
func (c *Client) token(ctx context.Context, s core.AmiliSettings) (string, error) {
	c.mu.Lock()
	t, ok := c.tokens[keyOf(s)]
	c.mu.Unlock()
	if ok && c.now().Before(t.refreshAt) {
		return t.value, nil
	}
	return c.fetchToken(ctx, s)
}

// forgetToken drops the cached token for s, after Amili refused it.
func (c *Client) forgetToken(s core.AmiliSettings) {
	c.mu.Lock()
	delete(c.tokens, keyOf(s))
	c.mu.Unlock()
}

// fetchToken exchanges a JWT signed with the saved key for an access token and
// caches it.
func (c *Client) fetchToken(ctx context.Context, s core.AmiliSettings) (string, error) {
	key, err := c.signingKey(s, nil)
	if err != nil {
		return "", err
	}
	return c.fetchTokenWith(ctx, s, key)
}

// fetchTokenWith exchanges a JWT freshly signed with key for an access token and
// caches it.
func (c *Client) fetchTokenWith(ctx context.Context, s core.AmiliSettings, key crypto.Signer) (string, error) {
	issued := c.now()
	apiKey, err := signAPIKey(key, s.APICode, issued)
	if err != nil {
		return "", core.Wrap(err, core.EINVALID, "The Amili key cannot sign: {{.Reason}}",
			map[string]any{"Reason": err.Error()})
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, endpoint(s, authPath), nil)
	if err != nil {
		return "", core.Wrap(err, core.EINVALID, "The Amili address {{.URL}} is not a valid https address",
			map[string]any{"URL": s.BaseURL})
	}
	req.Header.Set("X-API-Key", apiKey)
	req.Header.Set("Accept", "application/json")
	status, body, err := c.send(req)
	if err != nil {
		return "", err
	}
	if status != http.StatusOK {
		return "", statusError(s, status, body)
	}
	token, life, err := parseTokenAnswer(body)
	if err != nil {
		return "", uncertain(err)
	}
	c.remember(s, token, life, issued)
	return token, nil
}

// remember caches a token until a little before it expires: a tenth of its life or
// a minute early, whichever is sooner, so a request never starts with a dying token.
func (c *Client) remember(s core.AmiliSettings, token string, life time.Duration, issued time.Time) {
	if life <= 0 {
		life = defaultTokenLife
	}
	margin := min(life/10, time.Minute)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.tokens == nil {
		c.tokens = make(map[tokenKey]accessToken)
	}
	c.tokens[keyOf(s)] = accessToken{value: token, refreshAt: issued.Add(life - margin)}
}
