package demo

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"paminn/core"
	"paminn/data"
	"paminn/data/amili"
	"paminn/data/mail"
	"paminn/data/secret"
)

// Book is an open demo book and the Amili sandbox that stands in for Amili while it
// is open.
type Book struct {
	Store      *data.Store
	LettersDir string // where the demo's letters go, beside the book
	// Secrets stands in for the OS keyring in demo mode: in memory, gone at exit. When
	// the demo's Amili was activated in an earlier run it already holds the demo key,
	// as a real keyring would.
	Secrets *secret.Memory
	// InboxDir is where the demo's mail server files the e-mails it "sends".
	InboxDir string
	// Dir is the demo's folder, where its bank files are (BGMaxFileName, Camt054FileName).
	Dir     string
	sandbox *amili.Sandbox
	inbox   *mail.DemoInbox
}

// OpenBook opens the demo book in dir, creating and filling it on first run (size 0:
// DemoSpec; otherwise a LargeSpec book of that many invoices), starts the Amili
// sandbox on loopback and points the book's Amili settings at it, ready to be
// activated with one click.
func OpenBook(ctx context.Context, dir string, size int) (*Book, error) {
	name := "demo.db"
	if size > 0 {
		name = fmt.Sprintf("demo-%d.db", size)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	path := filepath.Join(dir, name)
	_, statErr := os.Stat(path)
	fresh := os.IsNotExist(statErr)
	store, err := data.Open(path)
	if err != nil {
		return nil, err
	}
	d := &Book{Store: store, Dir: dir, LettersDir: filepath.Join(dir, "letters"), Secrets: &secret.Memory{}}
	if err := d.prepare(ctx, dir, size, fresh); err != nil {
		d.Close()
		if fresh {
			_ = os.Remove(path) // a half-filled demo book is rebuilt next time
		}
		return nil, err
	}
	return d, nil
}

func (d *Book) prepare(ctx context.Context, dir string, size int, fresh bool) error {
	today := core.Today(core.SystemClock{})
	if fresh {
		spec := DemoSpec(today)
		if size > 0 {
			spec = SizedSpec(today, size)
		}
		if err := Populate(ctx, d.Store, spec); err != nil {
			return err
		}
		// A reversed payment and a late payment after a reminder (issue 20).
		if err := d.Store.WriteDemoLedger(ctx, today, time.Now()); err != nil {
			return err
		}
		// An invoice disputed and one on a payment plan (issue 22, plan.go).
		if err := pauseSome(ctx, d.Store, today, time.Now()); err != nil {
			return err
		}
		// A BGMax and a camt.054 file that pay some of this book's overdue invoices,
		// for trying Importera betalningar.
		if err := writeBankFiles(dir, spec, demoCompany().Bankgiro); err != nil {
			return err
		}
	}
	var (
		am  core.AmiliSettings
		err error
	)
	d.sandbox, am, err = amili.StartDemo(dir, filepath.Join(dir, "amili-sandbox.json"))
	if err != nil {
		return err
	}
	set, err := d.Store.Settings(ctx)
	if err != nil {
		return err
	}
	if fresh {
		set.Company = demoCompany()
		set.Plan = demoPlans()
	}
	d.inbox, err = mail.StartDemoInbox(filepath.Join(dir, "inbox"))
	if err != nil {
		return err
	}
	d.InboxDir = d.inbox.Dir
	set.SMTP = d.inbox.Settings(set.Company.Email)
	// The sandbox gets a new port each run; the demo's Amili always points at it.
	set.Amili.BaseURL, set.Amili.CreditorID, set.Amili.AccountID, set.Amili.KeyFile = am.BaseURL, am.CreditorID, am.AccountID, am.KeyFile
	set.Amili.APICode, set.Amili.Environment = am.APICode, core.AmiliSandbox
	if set.Amili.Activated {
		if err := d.rememberKey(am.KeyFile); err != nil {
			return err
		}
	}
	return d.Store.SaveSettings(ctx, set)
}

// rememberKey puts the demo key into the demo's Secrets, where activation put it in
// the run that activated Amili.
func (d *Book) rememberKey(keyFile string) error {
	key, err := os.ReadFile(keyFile)
	if err != nil {
		return err
	}
	return d.Secrets.Set(core.AmiliKeySecret, string(key))
}

func demoCompany() core.Company {
	return core.Company{
		Name: "Demo Bygg & Service AB", OrgNumber: "556123-4567", Bankgiro: "5050-1055",
		Address: core.Address{Line1: "Storgatan 12", ZipCode: "411 38", City: "Göteborg", Country: "SE"},
		Email:   "faktura@demobygg.se", Phone: "031-12 34 56",
	}
}

// Close stops the sandbox and the mail server and closes the book.
func (d *Book) Close() {
	if d.inbox != nil {
		if err := d.inbox.Close(); err != nil {
			slog.Warn("stopping the demo mail server", "err", err)
		}
	}
	if d.sandbox != nil {
		if err := d.sandbox.Close(); err != nil {
			slog.Warn("stopping the Amili sandbox", "err", err)
		}
	}
	if err := d.Store.Close(); err != nil {
		slog.Warn("closing the demo book", "err", err)
	}
}
