package amili

import (
	"bytes"
	"crypto"
	"io"
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
	// FailUnreadable does the request, then answers its status with a body that is
	// not JSON.
	FailUnreadable
	// FailUnfiltered answers a list query as Eve answers a filter it does not
	// understand: the unfiltered first page.
	FailUnfiltered
	// FailMalformed answers 200 with JSON that is not an Eve answer.
	FailMalformed
	// FailRefused answers 422 as Eve refuses a document, without doing anything.
	FailRefused
)

// Sandbox is a local stand-in for Amili's Creditor API that implements the contract
// Amili documents (CONTRACT.md), on loopback: api_code JWTs, access tokens in
// X-API-Key, Eve's answers, errors and `where` filters, and Eve's strictness about
// the schema. Tests serve it with httptest.NewServer (it is an http.Handler) or Start;
// the --demo mode Starts it so a new user can try the whole flow without an agreement.
// Create it with NewSandbox; set the exported fields before it serves. Safe for
// concurrent use.
type Sandbox struct {
	// Now is the sandbox's clock: JWT checks, token expiry, case dates and states.
	Now func() time.Time
	// ReminderAfter is how long after registration a case moves from "initializing"
	// to "reminder" by itself, and CollectionAfter to "debt_collection"; 0 means
	// never (SetCaseState moves it).
	ReminderAfter, CollectionAfter time.Duration
	// StallFor is how long FailTimeout holds a request when the client does not hang
	// up first; by default longer than DefaultTimeout.
	StallFor time.Duration
	// TokenLife is how long an access token is valid.
	TokenLife time.Duration

	mux  *http.ServeMux
	done chan struct{} // closed by Close: releases stalled requests

	mu            sync.Mutex
	keys          map[string]apiKey  // API code → creditor and public key
	tokens        map[string]session // access token → whose and until when
	st            sandboxState       // what Persist keeps
	failures      []FailMode         // consumed one per request
	requests      []Request          // every request, for tests
	statePath     string             // set by Persist
	server        *http.Server
	closeDoneOnce sync.Once
}

// apiKey is a creditor's registered public key.
type apiKey struct {
	creditor string
	pub      crypto.PublicKey
}

// session is what an access token stands for.
type session struct {
	creditor string
	expires  time.Time
}

// Request is one request the sandbox received, as a test checks it.
type Request struct {
	Method, Path, RawQuery string
	Header                 http.Header
	Body                   []byte
}

// NewSandbox returns a sandbox with no creditors, no cases and no failures queued;
// cases move to "reminder" a minute after registration and to "debt_collection" ten
// minutes after.
func NewSandbox() *Sandbox {
	s := &Sandbox{
		Now:             time.Now,
		ReminderAfter:   time.Minute,
		CollectionAfter: 10 * time.Minute,
		StallFor:        DefaultTimeout + 5*time.Second,
		TokenLife:       time.Hour,
		done:            make(chan struct{}),
		keys:            make(map[string]apiKey),
		tokens:          make(map[string]session),
	}
	s.mux = http.NewServeMux()
	s.mux.HandleFunc("GET "+authPath, s.authenticate)
	s.mux.HandleFunc("POST "+registrationsPath, s.register)
	s.mux.HandleFunc("GET "+registrationsPath+"/{id}", s.getRegistration)
	s.mux.HandleFunc("GET /cases", s.listCases)
	s.mux.HandleFunc("GET /cases/{id}", s.getCase)
	s.mux.HandleFunc("POST "+paymentsPath, s.pay)
	s.mux.HandleFunc("GET "+paymentsPath, s.listPayments)
	s.mux.HandleFunc("POST "+creditingsPath, s.credit)
	s.mux.HandleFunc("GET "+creditingsPath, s.listCreditings)
	s.mux.HandleFunc("POST "+cancellationsPath, s.cancel)
	s.mux.HandleFunc("GET "+cancellationsPath, s.listCancellations)
	s.mux.HandleFunc("POST /media--upload/{case}", s.upload)
	return s
}

// RegisterCreditor registers pub (an *ecdsa.PublicKey or *rsa.PublicKey; a private
// key's public half is used) as creditorID's key and gives it apiCode, as Amili does
// when a creditor sends its public key.
func (s *Sandbox) RegisterCreditor(apiCode, creditorID string, pub crypto.PublicKey) {
	if k, ok := pub.(crypto.Signer); ok {
		pub = k.Public()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.keys[apiCode] = apiKey{creditor: creditorID, pub: pub}
}

// SetCaseState sets a case's state and status (any strings, so tests can send unknown
// ones); from then on it no longer moves by itself. An unknown case id is ignored.
func (s *Sandbox) SetCaseState(caseID, state, status string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c := s.caseByID(caseID); c != nil {
		c.State, c.Status, c.Pinned = state, status, true
		s.save()
	}
}

// FailNext makes the next n API requests (not authentication) fail in mode; calls
// add up in order. Authentication is never failed, so a test's failure hits the call
// it is aimed at whether or not the client holds a token yet.
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
	return len(s.st.Cases)
}

// Cases returns copies of all cases, in registration order, as GET /cases/{id}
// would answer now.
func (s *Sandbox) Cases() []Case {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Case, 0, len(s.st.Cases))
	for _, c := range s.st.Cases {
		out = append(out, s.current(c))
	}
	return out
}

// Payments returns the creditor payments reported so far.
func (s *Sandbox) Payments() []SandboxPayment {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]SandboxPayment(nil), s.st.Payments...)
}

// Creditings returns the creditings reported so far.
func (s *Sandbox) Creditings() []SandboxCrediting {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]SandboxCrediting(nil), s.st.Creditings...)
}

// Cancellations returns the withdrawals received so far.
func (s *Sandbox) Cancellations() []SandboxCancellation {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]SandboxCancellation(nil), s.st.Cancellations...)
}

// Uploads returns the files uploaded so far.
func (s *Sandbox) Uploads() []SandboxUpload {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]SandboxUpload(nil), s.st.Uploads...)
}

// Requests returns every request received so far, authentication included.
func (s *Sandbox) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
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

// ServeHTTP records and answers one API request, or fails it as FailNext asked.
func (s *Sandbox) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	r.Body = io.NopCloser(bytes.NewReader(body))
	s.mu.Lock()
	s.requests = append(s.requests, Request{Method: r.Method, Path: r.URL.Path, RawQuery: r.URL.RawQuery,
		Header: r.Header.Clone(), Body: body})
	s.mu.Unlock()
	mode := FailMode(0)
	if r.URL.Path != authPath {
		mode = s.nextFailure()
	}
	switch mode {
	case FailServerError:
		writeEve(w, http.StatusInternalServerError, "Internal server error", nil)
	case FailTimeout:
		s.stall(w, r)
	case FailAfterCommit:
		s.serveThenHangUp(w, r)
	case FailUnreadable:
		rec := &discardWriter{header: http.Header{}}
		s.mux.ServeHTTP(rec, r)
		w.WriteHeader(max(rec.status, http.StatusOK))
		_, _ = io.WriteString(w, "<html>502 Bad Gateway</html>")
	case FailUnfiltered:
		q := r.URL.Query()
		q.Del("where")
		r.URL.RawQuery = q.Encode()
		s.mux.ServeHTTP(w, r)
	case FailMalformed:
		writeJSON(w, http.StatusOK, map[string]any{"cases": []any{}, "count": 0})
	case FailRefused:
		refuse(w, issues{"amount": "refused by the test"})
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
		writeEve(w, http.StatusGatewayTimeout, "Gateway timeout", nil)
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

// discardWriter is a ResponseWriter that forgets what it is given but the status.
type discardWriter struct {
	header http.Header
	status int
}

func (d *discardWriter) Header() http.Header         { return d.header }
func (d *discardWriter) Write(p []byte) (int, error) { return len(p), nil }
func (d *discardWriter) WriteHeader(status int)      { d.status = status }

func (s *Sandbox) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}
