package amili

import (
	"encoding/json"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/shopspring/decimal"

	"paminn/core"
)

// sandboxState is what a sandbox keeps between runs: its cases, registrations and
// reports, and their numbering, so the demo's invoices keep pointing at cases that
// still exist.
type sandboxState struct {
	Version       int                      `json:"version"`
	Seq           int                      `json:"seq"`
	Cases         []*sandboxCase           `json:"cases"`
	Registrations []sandboxRegistration    `json:"registrations"`
	Payments      []SandboxPayment         `json:"payments"`
	Creditings    []SandboxCrediting       `json:"creditings"`
	Cancellations []SandboxCancellation    `json:"cancellations"`
	Uploads       []SandboxUpload          `json:"uploads"`
	Customers     map[string]sandboxDebtor `json:"customers"` // by id number
}

// stateVersion marks the file's shape; a file of another shape is started afresh.
const stateVersion = 2

// sandboxCase is a case as the sandbox keeps it.
type sandboxCase struct {
	ID           string          `json:"id"`
	Registration string          `json:"registration"`
	Creditor     string          `json:"creditor"`
	Customer     string          `json:"customer"`
	Debt         CaseDebt        `json:"debt"`
	Capital      decimal.Decimal `json:"capital"`
	Paid         decimal.Decimal `json:"paid"`
	Created      time.Time       `json:"created"`
	State        string          `json:"state"`
	Status       string          `json:"status"`
	Closed       bool            `json:"closed"`
	Pinned       bool            `json:"pinned"` // state set by hand: it no longer moves
}

// sandboxDebtor is a debtor the sandbox has seen.
type sandboxDebtor struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// SandboxPayment is a creditor payment the sandbox received.
type SandboxPayment struct {
	ID        string          `json:"_id"`
	Creditor  string          `json:"creditor"`
	Case      string          `json:"case"`
	Amount    decimal.Decimal `json:"amount"`
	Date      string          `json:"bank_transaction_date"`
	Reference string          `json:"creditor_payment_reference"`
}

// sandboxRegistration is a registration: the answer the POST gave and the document
// posted (absent in a file kept before the sandbox kept it).
type sandboxRegistration struct {
	RegistrationAnswer
	Document *Registration `json:"document,omitempty"`
}

// SandboxCrediting is a crediting the sandbox received, as its list shows it.
type SandboxCrediting struct {
	ID                     string          `json:"_id"`
	Creditor               string          `json:"creditor"`
	Case                   string          `json:"case"`
	InvoiceNumber          string          `json:"invoice_number,omitempty"`
	Currency               string          `json:"currency"`
	Amount                 decimal.Decimal `json:"amount"`
	Origin                 string          `json:"origin"`
	CreditInvoice          string          `json:"credit_invoice,omitempty"`
	ClientRegistrationDate string          `json:"client_registration_date,omitempty"`
	CreditorReference      string          `json:"creditor_reference,omitempty"`
	PaymentStatus          string          `json:"_payment_status"`
}

// SandboxCancellation is a withdrawal the sandbox received, as its list shows it.
type SandboxCancellation struct {
	ID                 string `json:"_id"`
	Creditor           string `json:"creditor"`
	Case               string `json:"case"`
	Origin             string `json:"origin,omitempty"`
	CancellationStatus string `json:"_cancellation_status"`
}

// UnmarshalJSON reads a cancellation, or the bare case id an older file kept.
func (c *SandboxCancellation) UnmarshalJSON(b []byte) error {
	var id string
	if json.Unmarshal(b, &id) == nil {
		*c = SandboxCancellation{Case: id, CancellationStatus: "completed"}
		return nil
	}
	type plain SandboxCancellation
	return json.Unmarshal(b, (*plain)(c))
}

// SandboxUpload is a file uploaded to a case; SHA256 is the hex digest of its bytes,
// so a test can tell which file a case received.
type SandboxUpload struct {
	Case, Name, ContentType, DottedPath string
	Size                                int
	SHA256                              string
}

// Persist makes the sandbox keep its state in the JSON file at path: it loads it now,
// if the file exists and is of this version, and writes it after every change. For
// the demo; tests of restarts use it too.
func (s *Sandbox) Persist(path string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.statePath = path
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return core.Wrap(err, core.EUNAVAILABLE, "The Amili sandbox could not read {{.Path}}", map[string]any{"Path": path})
	}
	var st sandboxState
	if err := json.Unmarshal(b, &st); err != nil {
		return core.Wrap(err, core.EINVALID, "The Amili sandbox file {{.Path}} is damaged", map[string]any{"Path": path})
	}
	if st.Version != stateVersion {
		slog.Warn("amili sandbox: starting afresh; the file is of an older shape", "path", path)
		return nil
	}
	s.st = st
	return nil
}

// save writes the state to the Persist file, if any; the caller holds s.mu. A failure
// is logged: the sandbox goes on in memory.
func (s *Sandbox) save() {
	if err := s.saveState(); err != nil {
		slog.Warn("amili sandbox: saving its state", "err", err)
	}
}

// saveState replaces the Persist file atomically, so a crash never leaves half of it.
func (s *Sandbox) saveState() error {
	if s.statePath == "" {
		return nil
	}
	s.st.Version = stateVersion
	b, err := json.Marshal(s.st)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(s.statePath), ".sandbox-*.json")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), s.statePath)
}
