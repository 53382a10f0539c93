package amili

import (
	"crypto"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"paminn/core"
)

// FailMode is how the sandbox fails a request on purpose, for tests.
type FailMode int

// The failure modes of Sandbox.FailNext.
const (
	// FailServerError answers 500 without doing anything.
	FailServerError FailMode = iota + 1
	// FailTimeout holds the request for Sandbox.StallFor without doing anything, so
	// the client's timeout fires first.
	FailTimeout
	// FailAfterCommit does the request (a registration creates its case), then cuts
	// the connection without answering: the client cannot know what happened.
	FailAfterCommit
)

// Sandbox is a local stand-in for Amili's Creditor API: the subset the Client uses,
// with the same answers, on loopback. Tests serve it with httptest.NewServer (it is an
// http.Handler) or Start; the --demo mode Starts it so a new user can try the whole
// flow without an agreement. Create it with NewSandbox; set the exported fields before
// it serves. Safe for concurrent use.
type Sandbox struct {
	// Now is the sandbox's clock: JWT checks, token expiry, case dates and ids.
	Now func() time.Time
	// ReminderAfter is how long after registration a case moves on from "registered"
	// to "reminder_sent" by itself; 0 means only SetCaseStatus moves it.
	ReminderAfter time.Duration
	// StallFor is how long FailTimeout holds a request when the client does not hang
	// up first; by default longer than DefaultTimeout.
	StallFor time.Duration
	// TokenLife is how long an access token is valid.
	TokenLife time.Duration

	mux  *http.ServeMux
	done chan struct{} // closed by Close: releases stalled requests

	mu            sync.Mutex
	keys          map[string]crypto.PublicKey // creditor id → public key of its JWTs
	tokens        map[string]session          // access token → whose and until when
	cases         []*sandboxCase              // in registration order
	failures      []FailMode                  // consumed one per request
	caseSeq       int
	statePath     string // set by Persist
	server        *http.Server
	closeDoneOnce sync.Once
}

// session is what an access token stands for.
type session struct {
	creditor string
	expires  time.Time
}

// sandboxCase is a case and whether its status was set by hand (then it stays).
type sandboxCase struct {
	Case
	pinned bool
}

// NewSandbox returns a sandbox with no creditors, no cases and no failures queued;
// cases move to reminder_sent a minute after registration.
func NewSandbox() *Sandbox {
	s := &Sandbox{
		Now:           time.Now,
		ReminderAfter: time.Minute,
		StallFor:      DefaultTimeout + 5*time.Second,
		TokenLife:     time.Hour,
		done:          make(chan struct{}),
		keys:          make(map[string]crypto.PublicKey),
		tokens:        make(map[string]session),
	}
	s.mux = http.NewServeMux()
	s.mux.HandleFunc("GET "+authPath, s.authenticate)
	s.mux.HandleFunc("POST /case--registrations", s.register)
	s.mux.HandleFunc("GET /cases", s.listCases)
	s.mux.HandleFunc("GET /cases/{id}", s.getCase)
	return s
}

// RegisterCreditor lets creditorID authenticate with JWTs signed by the private half
// of pub (an ed25519.PublicKey, *rsa.PublicKey or *ecdsa.PublicKey). A private key is
// accepted too; its public half is used.
func (s *Sandbox) RegisterCreditor(creditorID string, pub crypto.PublicKey) {
	if k, ok := pub.(crypto.Signer); ok {
		pub = k.Public()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.keys[creditorID] = pub
}

// SetCaseStatus sets a case's status (any string, so tests can send unknown ones);
// from then on it no longer moves by itself. An unknown case id is ignored.
func (s *Sandbox) SetCaseStatus(caseID, status string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c := s.caseByID(caseID); c != nil {
		c.Status, c.pinned = status, true
		if err := s.saveState(); err != nil {
			slog.Warn("amili sandbox: saving its cases", "err", err)
		}
	}
}

// FailNext makes the next n case requests (registrations and look-ups) fail in mode;
// calls add up in order. Authentication is never failed, so a test's failure hits the
// call it is aimed at whether or not the client holds a token yet.
func (s *Sandbox) FailNext(n int, mode FailMode) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for range n {
		s.failures = append(s.failures, mode)
	}
}

// Registrations is the number of cases created so far.
func (s *Sandbox) Registrations() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.cases)
}

// Cases returns copies of all cases, in registration order, with current statuses.
func (s *Sandbox) Cases() []Case {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Case, 0, len(s.cases))
	for _, c := range s.cases {
		out = append(out, s.current(c))
	}
	return out
}

// Start serves the sandbox on addr, which must be a loopback address ("127.0.0.1:0"
// picks a free port), and returns its base URL, e.g. "http://127.0.0.1:53117".
func (s *Sandbox) Start(addr string) (baseURL string, err error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil || !isLoopbackHost(host) {
		return "", core.Wrap(err, core.EINVALID, "The Amili sandbox listens on loopback only, not on {{.Addr}}",
			map[string]any{"Addr": addr})
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.server != nil {
		return "", core.Errorf(core.ECONFLICT, "The Amili sandbox is already running", nil)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return "", core.Wrap(err, core.EUNAVAILABLE, "The Amili sandbox could not listen on {{.Addr}}",
			map[string]any{"Addr": addr})
	}
	s.server = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go s.server.Serve(ln) //nolint:errcheck // returns ErrServerClosed after Close
	return "http://" + ln.Addr().String(), nil
}

// Close stops a started sandbox and releases requests held by FailTimeout. Closing a
// sandbox served by httptest releases them too; the httptest server closes itself.
func (s *Sandbox) Close() error {
	s.closeDoneOnce.Do(func() { close(s.done) })
	s.mu.Lock()
	srv := s.server
	s.mu.Unlock()
	if srv == nil {
		return nil
	}
	return srv.Close()
}

// ServeHTTP answers one API request, or fails it as FailNext asked.
func (s *Sandbox) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	mode := FailMode(0)
	if r.URL.Path != authPath {
		mode = s.nextFailure()
	}
	switch mode {
	case FailServerError:
		writeJSON(w, http.StatusInternalServerError, problem{Message: "Internal server error"})
	case FailTimeout:
		s.stall(w, r)
	case FailAfterCommit:
		s.serveThenHangUp(w, r)
	default:
		s.mux.ServeHTTP(w, r)
	}
}

func (s *Sandbox) nextFailure() FailMode {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.failures) == 0 {
		return 0
	}
	mode := s.failures[0]
	s.failures = s.failures[1:]
	return mode
}

// stall holds the request until the client hangs up, the sandbox closes or StallFor
// passes; only in the last case does the client get an answer (504).
func (s *Sandbox) stall(w http.ResponseWriter, r *http.Request) {
	timer := time.NewTimer(s.StallFor)
	defer timer.Stop()
	select {
	case <-r.Context().Done():
	case <-s.done:
	case <-timer.C:
		writeJSON(w, http.StatusGatewayTimeout, problem{Message: "Gateway timeout"})
	}
}

// serveThenHangUp does the request, throws the answer away and cuts the connection.
func (s *Sandbox) serveThenHangUp(w http.ResponseWriter, r *http.Request) {
	s.mux.ServeHTTP(&discardWriter{header: http.Header{}}, r)
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			conn.Close()
			return
		}
	}
	panic(http.ErrAbortHandler) // no hijacking (HTTP/2): abort the stream instead
}

// discardWriter is a ResponseWriter that forgets what it is given.
type discardWriter struct{ header http.Header }

func (d *discardWriter) Header() http.Header         { return d.header }
func (d *discardWriter) Write(p []byte) (int, error) { return len(p), nil }
func (d *discardWriter) WriteHeader(int)             {}

func (s *Sandbox) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}
