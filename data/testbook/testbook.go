// Package testbook builds small, real books for other packages' tests: a temporary
// SQLite file through data.Open, a core.Service with a fixed clock, a few customers and
// overdue invoices, and, on request, the Amili sandbox on loopback ready to activate.
package testbook

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"paminn/core"
	"paminn/data"
	"paminn/data/amili"
	"paminn/data/bankfile"
	"paminn/data/letter"
	"paminn/data/mail"
	"paminn/data/secret"
	"paminn/data/sie"
	"paminn/data/xlsx"
)

// Today is the date every test book is "as of".
var Today = core.MustDate("2026-03-16")

// Options say what a test book holds.
type Options struct {
	// Overdue is how many overdue invoices to create (default 5), numbered from
	// 10001; the higher the number, the older the due date. Every third belongs to
	// K3, whom Amili cannot take.
	Overdue int
	// Amili starts the Amili sandbox and fills the book's Amili settings with the
	// demo credentials, so one ActivateAmili with AmiliStatus's details works.
	Amili bool
	// Today moves the service's clock to another day (default Today); the invoices
	// stay where they are, so a later day finds them further overdue.
	Today core.Date
	// Letters gives the service a letter writer (Helvetica alone, as letter.New),
	// writing into a temporary folder.
	Letters bool
	// NoCompany leaves the company's settings and the mail server empty, as in a new
	// book: no letter can go out until they are entered (core.ChannelReadiness). By
	// default the book has Company's details and MailServer.
	NoCompany bool
	// NoMail leaves the mail server empty: letters can go, e-mails cannot.
	NoMail bool
	// Empty leaves the book without customers and invoices, as at the first run.
	Empty bool
	// Mail gives the service a real mail channel (data/mail), for the settings'
	// test e-mail; deliveries by e-mail then go to the book's mail server.
	Mail bool
	// Shared makes the service treat the book as one other desktops share
	// (core.Options.SharedBook), as a book on a server is.
	Shared bool
}

// Company is the company of every test book unless Options.NoCompany: what a letter
// needs (core.ChannelReadiness).
var Company = core.Company{Name: "Snickeri Ek AB", OrgNumber: "556677-8899", Bankgiro: "5050-1055",
	Address: core.Address{Line1: "Verkstadsgatan 4", ZipCode: "411 01", City: "Göteborg", Country: "SE"}}

// MailServer is the mail server of every test book unless Options.NoCompany or
// NoMail. The book's service has no mail channel, so nothing is sent to it: e-mail
// reminders stay queued.
var MailServer = core.SMTPSettings{Host: "smtp.example.se", Port: 587, From: "faktura@snickeriek.se", Security: "starttls"}

// Book is a test book and its service.
type Book struct {
	Service *core.Service
	Store   *data.Store
	Sandbox *amili.Sandbox // nil unless Options.Amili
}

// Customers of every test book: K1 and K2 can go to Amili; K3 has no organisation
// or personal number, so Amili cannot take its invoices.
var customers = []core.Customer{
	{Number: "K1", Name: "Bygg & Fog AB", IDNumber: "556036-0793", IsCompany: true, Email: "ekonomi@byggfog.se",
		Address: core.Address{Line1: "Storgatan 1", ZipCode: "411 38", City: "Göteborg", Country: "SE"}, FeeAgreed: true},
	{Number: "K2", Name: "Anna Andersson", IDNumber: "19811218-9876",
		Address: core.Address{Line1: "Lillgatan 2", ZipCode: "753 20", City: "Uppsala", Country: "SE"}},
	{Number: "K3", Name: "Utan Nummer HB", IsCompany: true, Email: "info@utannummer.se",
		Address: core.Address{Line1: "Torget 3", ZipCode: "211 22", City: "Malmö", Country: "SE"}},
}

// New opens a temporary book holding o's invoices and returns it with its service.
func New(tb testing.TB, o Options) Book {
	tb.Helper()
	if o.Overdue == 0 {
		o.Overdue = 5
	}
	store := Fresh(tb)
	ctx := context.Background()
	if !o.Empty {
		if _, err := store.Import(ctx, customers, invoices(o.Overdue)); err != nil {
			tb.Fatalf("fill test book: %v", err)
		}
	}
	b := Book{Store: store}
	if !o.NoCompany {
		setCompany(tb, store, !o.NoMail)
	}
	today := Today
	if !o.Today.IsZero() {
		today = o.Today
	}
	opt := core.Options{Clock: core.FixedClock(today.Time().Add(10 * time.Hour)), LettersDir: tb.TempDir(),
		Secrets: &secret.Memory{}, BankFiles: bankfile.Reader{}, Spreadsheets: xlsx.Reader{}, SIE: sie.Writer{},
		SharedBook: o.Shared}
	if o.Mail {
		opt.Channels.Mail = mail.NewSender(opt.Secrets)
	}
	if o.Amili {
		b.Sandbox = startSandbox(tb, store)
		client := amili.NewClient()
		client.Secrets = opt.Secrets
		opt.Channels.Amili = client
	}
	if o.Letters {
		opt.Channels.Letter = letter.New()
	}
	b.Service = core.NewService(store, opt)
	return b
}

// invoices returns n overdue invoices spread over the customers, plus one not yet due
// and one paid.
func invoices(n int) []core.ImportInvoice {
	var out []core.ImportInvoice
	for i := 0; i < n; i++ {
		due := Today.AddDays(-5 - i)
		out = append(out, invoice(10001+i, customers[i%len(customers)].Number, due, 1000+int64(i)*10, 0))
	}
	out = append(out, invoice(20001, "K1", Today.AddDays(10), 5000, 0))
	out = append(out, invoice(20002, "K2", Today.AddDays(-40), 750, 750))
	return out
}

func invoice(number int, customer string, due core.Date, total, paid int64) core.ImportInvoice {
	return core.ImportInvoice{CustomerNumber: customer, Invoice: core.Invoice{
		Number: fmt.Sprint(number), InvoiceDate: due.AddDays(-30), DueDate: due, Currency: core.Currency,
		Total: decimal.NewFromInt(total), Paid: decimal.NewFromInt(paid)}}
}

// setCompany enters Company in the book's settings, and MailServer when mail is set.
func setCompany(tb testing.TB, store *data.Store, mail bool) {
	tb.Helper()
	ctx := context.Background()
	set, err := store.Settings(ctx)
	if err != nil {
		tb.Fatalf("settings: %v", err)
	}
	set.Company = Company
	if mail {
		set.SMTP = MailServer
	}
	if err := store.SaveSettings(ctx, set); err != nil {
		tb.Fatalf("save settings: %v", err)
	}
}

// startSandbox serves the Amili sandbox on loopback with the demo creditor and points
// the book's Amili settings at it, not yet activated.
func startSandbox(tb testing.TB, store *data.Store) *amili.Sandbox {
	tb.Helper()
	sb, am, err := amili.StartDemo(tb.TempDir(), "")
	if err != nil {
		tb.Fatalf("start amili sandbox: %v", err)
	}
	tb.Cleanup(func() { sb.Close() })
	ctx := context.Background()
	set, err := store.Settings(ctx)
	if err != nil {
		tb.Fatalf("settings: %v", err)
	}
	set.Amili.BaseURL, set.Amili.CreditorID, set.Amili.AccountID, set.Amili.KeyFile = am.BaseURL, am.CreditorID, am.AccountID, am.KeyFile
	set.Amili.APICode, set.Amili.Environment = am.APICode, core.AmiliSandbox
	if err := store.SaveSettings(ctx, set); err != nil {
		tb.Fatalf("save settings: %v", err)
	}
	return sb
}

// OpenError tries to open path as a book, as the program does at start, and returns
// why it cannot; nil when it could (the book is closed again).
func OpenError(path string) error {
	store, err := data.Open(path)
	if err != nil {
		return err
	}
	return store.Close()
}
