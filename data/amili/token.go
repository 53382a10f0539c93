package amili

import (
	"context"
	"crypto"
	"encoding/json"
	"errors"
	"net/http"
	"time"

	"paminn/core"
)

// tokenKey identifies whose access token a cached one is: the settings may change
// between calls, and a token must never outlive the credentials that earned it.
type tokenKey struct {
	baseURL, creditorID, keyFile string
}

func keyOf(s core.AmiliSettings) tokenKey {
	return tokenKey{s.BaseURL, s.CreditorID, s.KeyFile}
}

// accessToken is a cached bearer token and when to stop using it.
type accessToken struct {
	value     string
	refreshAt time.Time
}

// defaultTokenLife is assumed when Amili's answer does not say how long a token lives.
const defaultTokenLife = 5 * time.Minute

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
	apiKey, err := signAPIKey(key, s.CreditorID, issued)
	if err != nil {
		return "", core.Wrap(err, core.EINVALID, "The Amili key file {{.Path}} could not be read",
			map[string]any{"Path": s.KeyFile})
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
	var answer tokenAnswer
	if err := json.Unmarshal(body, &answer); err != nil || answer.AccessToken == "" {
		if err == nil {
			err = errors.New("the answer holds no access_token")
		}
		return "", uncertain(err)
	}
	c.remember(s, answer, issued)
	return answer.AccessToken, nil
}

// remember caches a token until a little before it expires: a tenth of its life or
// a minute early, whichever is sooner, so a request never starts with a dying token.
func (c *Client) remember(s core.AmiliSettings, answer tokenAnswer, issued time.Time) {
	life := time.Duration(answer.ExpiresIn) * time.Second
	if life <= 0 {
		life = defaultTokenLife
	}
	margin := min(life/10, time.Minute)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.tokens == nil {
		c.tokens = make(map[tokenKey]accessToken)
	}
	c.tokens[keyOf(s)] = accessToken{value: answer.AccessToken, refreshAt: issued.Add(life - margin)}
}
