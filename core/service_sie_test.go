package core_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"paminn/core"
	"paminn/data"
	"paminn/data/sie"
)

// sieBook is a book of 2026 with the invoice 10049 (2 210 kr, reminded with
// 450 kr förseningsersättning and 319,27 kr interest) paid in two parts, and a
// payment of another invoice in the second half-year, with a service that writes SIE.
type sieBook struct {
	*book
	dir string
}

func newSIEBook(t *testing.T) *sieBook {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "book.db")
	store, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	setUpCompany(t, store)
	svc := core.NewService(store, core.Options{Clock: core.FixedClock(testNow), LettersDir: t.TempDir(), SIE: sie.Writer{}})
	b := &sieBook{book: &book{t: t, svc: svc, store: store, ctx: t.Context()}, dir: t.TempDir()}
	c := b.customer("K1", true, "")
	inv := b.invoice("10049", c, "2026-02-01", 2210)
	other := b.invoice("10050", c, "2026-06-01", 1000)
	b.pay(inv, "2026-03-10", "2210")
	b.pay(other, "2026-08-14", "1000")
	db := openRaw(t, path)
	for _, q := range []string{
		`INSERT INTO claim_entries (invoice_id, kind, date, compensation_ore, interest_ore, created_at)
			SELECT id, 'charge', '2026-03-02', 45000, 31927, 'x' FROM invoices WHERE number = '10049'`,
		`INSERT INTO payments (invoice_id, date, amount_ore, compensation_ore, interest_ore, kind)
			SELECT id, '2026-07-01', 76927, 45000, 31927, 'payment' FROM invoices WHERE number = '10049'`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	return b
}

func (b *sieBook) pay(inv core.Invoice, date, amount string) {
	b.t.Helper()
	if _, err := b.svc.RegisterPayment(b.ctx, core.Payment{InvoiceID: inv.ID, Date: core.MustDate(date), Amount: kr(amount)}); err != nil {
		b.t.Fatal(err)
	}
}

// export exports from–to to a new file and returns its content.
func (b *sieBook) export(from, to string) []byte {
	b.t.Helper()
	path := filepath.Join(b.dir, from+"_"+to+".si")
	if _, err := b.svc.ExportSIE(b.ctx, core.MustDate(from), core.MustDate(to), path); err != nil {
		b.t.Fatal(err)
	}
	content, err := os.ReadFile(path)
	if err != nil {
		b.t.Fatal(err)
	}
	return content
}

// verificationBlocks are the file's #VER records with their #TRANS, as text.
func verificationBlocks(t *testing.T, file []byte) []string {
	t.Helper()
	text, err := charmap.CodePage437.NewDecoder().Bytes(file)
	if err != nil {
		t.Fatal(err)
	}
	return regexp.MustCompile(`(?s)#VER [^\r]*\r\n\{\r\n.*?\}\r\n`).FindAllString(string(text), -1)
}

func TestExportSIEBooksThePeriodsEvents(t *testing.T) {
	b := newSIEBook(t)
	got := strings.Join(verificationBlocks(t, b.export("2026-01-01", "2026-12-31")), "")
	want := "#VER \"\" \"\" 20260302 \"Påminnelse, faktura 10049\"\r\n{\r\n" +
		"#TRANS 1510 {} 769.27\r\n#TRANS 3590 {} -450.00\r\n#TRANS 8313 {} -319.27\r\n}\r\n" +
		"#VER \"\" \"\" 20260310 \"Inbetalning, faktura 10049\"\r\n{\r\n" +
		"#TRANS 1930 {} 2210.00\r\n#TRANS 1510 {} -2210.00\r\n}\r\n" +
		"#VER \"\" \"\" 20260701 \"Inbetalning, faktura 10049\"\r\n{\r\n" +
		"#TRANS 1930 {} 769.27\r\n#TRANS 1510 {} -769.27\r\n}\r\n" +
		"#VER \"\" \"\" 20260814 \"Inbetalning, faktura 10050\"\r\n{\r\n" +
		"#TRANS 1930 {} 1000.00\r\n#TRANS 1510 {} -1000.00\r\n}\r\n"
	if got != want {
		t.Errorf("verifications =\n%s\nwant\n%s", got, want)
	}
}

func TestExportSIEOfTheSamePeriodTwiceIsTheSameFile(t *testing.T) {
	b := newSIEBook(t)
	first := b.export("2026-01-01", "2026-12-31")
	b.dir = t.TempDir()
	if second := b.export("2026-01-01", "2026-12-31"); !bytes.Equal(first, second) {
		t.Errorf("two exports differ:\n%q\n%q", first, second)
	}
}

// An event is never in two periods: the half-years' files hold the year's
// verifications, each once.
func TestExportSIENeverPutsAnEventInTwoPeriods(t *testing.T) {
	b := newSIEBook(t)
	year := verificationBlocks(t, b.export("2026-01-01", "2026-12-31"))
	halves := append(verificationBlocks(t, b.export("2026-01-01", "2026-06-30")),
		verificationBlocks(t, b.export("2026-07-01", "2026-12-31"))...)
	if strings.Join(halves, "") != strings.Join(year, "") || len(year) != 4 {
		t.Errorf("half-years:\n%s\nyear:\n%s", strings.Join(halves, ""), strings.Join(year, ""))
	}
}

func TestExportSIERefusesBadInputAndWritesNothing(t *testing.T) {
	b := newSIEBook(t)
	existing := filepath.Join(b.dir, "existing.si")
	if err := os.WriteFile(existing, []byte("before"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		from, to string
		path     string
		account  string
		code     core.ErrorCode
	}{
		{"a period with no events", "2025-01-01", "2025-12-31", existing, "", core.EINVALID},
		{"a period ending before it starts", "2026-12-31", "2026-01-01", existing, "", core.EINVALID},
		{"a file in a folder that does not exist", "2026-01-01", "2026-12-31",
			filepath.Join(b.dir, "missing", "x.si"), "", core.EUNAVAILABLE},
		{"a file that is a folder", "2026-01-01", "2026-12-31", b.dir, "", core.EUNAVAILABLE},
		{"an account that is not a BAS account", "2026-01-01", "2026-12-31", existing, "19300", core.EINVALID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			set, err := b.svc.Settings(b.ctx)
			if err != nil {
				t.Fatal(err)
			}
			set.Bookkeeping.Accounts.Bank = tt.account
			if err := b.store.SaveSettings(b.ctx, set); err != nil {
				t.Fatal(err)
			}
			_, err = b.svc.ExportSIE(b.ctx, core.MustDate(tt.from), core.MustDate(tt.to), tt.path)
			wantCode(t, err, tt.code)
			if content, _ := os.ReadFile(existing); string(content) != "before" {
				t.Errorf("the file was changed: %q", content)
			}
			if entries, _ := os.ReadDir(b.dir); len(entries) != 1 {
				t.Errorf("the folder holds %d entries, want only the existing file", len(entries))
			}
		})
	}
}

func TestExportSIEUnderKontantmetodenBooksChargesWhenPaid(t *testing.T) {
	b := newSIEBook(t)
	set, err := b.svc.Settings(b.ctx)
	if err != nil {
		t.Fatal(err)
	}
	set.Bookkeeping.Method = core.BookWhenPaid
	if err := b.store.SaveSettings(b.ctx, set); err != nil {
		t.Fatal(err)
	}
	blocks := verificationBlocks(t, b.export("2026-07-01", "2026-07-31"))
	want := "#VER \"\" \"\" 20260701 \"Inbetalning, faktura 10049\"\r\n{\r\n" +
		"#TRANS 1930 {} 769.27\r\n#TRANS 3590 {} -450.00\r\n#TRANS 8313 {} -319.27\r\n}\r\n"
	if got := strings.Join(blocks, ""); got != want {
		t.Errorf("July =\n%s\nwant\n%s", got, want)
	}
	// March's charge is not booked when charged: that period has nothing to book.
	march := filepath.Join(b.dir, "march.si")
	_, err = b.svc.ExportSIE(b.ctx, core.MustDate("2026-03-01"), core.MustDate("2026-03-05"), march)
	wantCode(t, err, core.EINVALID)
	if entries, _ := os.ReadDir(b.dir); len(entries) != 1 { // July's file alone
		t.Errorf("the folder holds %d entries after the refused export, want 1", len(entries))
	}
}

func TestSaveBookkeepingKeepsTheMethodAndAccounts(t *testing.T) {
	b := newSIEBook(t)
	want := core.BookkeepingSettings{Method: core.BookWhenPaid, Accounts: core.Accounts{Bank: "1940", Fees: "3930"}}
	if err := b.svc.SaveBookkeeping(b.ctx, want); err != nil {
		t.Fatal(err)
	}
	set, err := b.svc.Settings(b.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if set.Bookkeeping != want {
		t.Errorf("stored %+v, want %+v", set.Bookkeeping, want)
	}
	wantCode(t, b.svc.SaveBookkeeping(b.ctx, core.BookkeepingSettings{Method: "accrual"}), core.EINVALID)
	if set, _ := b.svc.Settings(b.ctx); set.Bookkeeping != want {
		t.Errorf("a refused method changed the settings to %+v", set.Bookkeeping)
	}
}

// #PROGRAM names the version FyneApp.toml gives the program.
func TestSIEProgramVersionIsTheProgramsVersion(t *testing.T) {
	toml, err := os.ReadFile("../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^\s*Version = "([^"]+)"`).FindSubmatch(toml)
	if m == nil || string(m[1]) != core.SIEProgramVersion {
		t.Errorf("FyneApp.toml's version is %q, SIEProgramVersion %q", m, core.SIEProgramVersion)
	}
}

// sieHeadLines are the file's records before its first verification, as text.
func sieHeadLines(t *testing.T, file []byte) []string {
	t.Helper()
	text, err := charmap.CodePage437.NewDecoder().Bytes(file)
	if err != nil {
		t.Fatal(err)
	}
	head, _, _ := strings.Cut(string(text), "#VER ")
	return strings.Split(strings.TrimSuffix(head, "\r\n"), "\r\n")
}

// The head of the file as SIE-Gruppen's "SIE filformat, utgåva 4B" lays it out,
// written by hand from its text: 5.12 (flag record, identification records, the
// chart of accounts, then verifications), 10.4 (#KSUMMA right after #FLAGGA 0), 11
// #ORGNR ("Organisationsnumret ska innehålla ett bindestreck efter den sjätte
// siffran", whatever form it was entered in) and 11 #KONTO (an importing program
// warns of "ett namn som ej överensstämmer med motsvarande konto i
// redovisningsprogrammets kontoplan": the BAS accounts carry BAS's own names, from
// "Kontoplan – BAS 2022", bas.se).
func TestExportSIEWritesTheHeadAsTheSpecificationLaysItOut(t *testing.T) {
	kontos := []string{
		`#KONTO 1510 "Kundfordringar"`,
		`#KONTO 1930 "Företagskonto/checkkonto/affärskonto"`,
		`#KONTO 2420 "Förskott från kunder"`,
		`#KONTO 3590 "Övriga fakturerade kostnader"`,
		`#KONTO 8313 "Ränteintäkter från kortfristiga fordringar"`,
		`#KONTO 3710 "Ofördelade intäktsreduktioner"`,
	}
	tests := []struct {
		name, entered, orgnr string
	}{
		{"a number written with its hyphen", "556677-8899", "#ORGNR 556677-8899"},
		{"a number written without the hyphen", "5566778899", "#ORGNR 556677-8899"},
		{"a number written with a space", "556677 8899", "#ORGNR 556677-8899"},
		{"a sole trader's personal number with the century", "19800101-1234", "#ORGNR 800101-1234"},
		{"a number that is none leaves the optional record out", "SE556677889901", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := newSIEBook(t)
			set, err := b.svc.Settings(b.ctx)
			if err != nil {
				t.Fatal(err)
			}
			set.Company.OrgNumber = tt.entered
			if err := b.store.SaveSettings(b.ctx, set); err != nil {
				t.Fatal(err)
			}
			want := []string{"#FLAGGA 0", "#KSUMMA", `#PROGRAM "Påminn" ` + core.SIEProgramVersion, "#FORMAT PC8",
				"#GEN 20260814", "#SIETYP 4", `#FNAMN "` + set.Company.Name + `"`}
			if tt.orgnr != "" {
				want = append(want, tt.orgnr)
			}
			want = append(want, kontos...)
			got := sieHeadLines(t, b.export("2026-01-01", "2026-12-31"))
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("head\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

// 11 #FNAMN: the company's name is an obligatory record with an obligatory field
// (section 6; 5.15: "Om en post … skrivs i SIE-filen måste alltså [fältet] finnas
// angiven"), so a book without it exports nothing and says what to enter.
func TestExportSIEWithoutTheCompanysNameWritesNothing(t *testing.T) {
	b := newSIEBook(t)
	set, err := b.svc.Settings(b.ctx)
	if err != nil {
		t.Fatal(err)
	}
	set.Company.Name = "  "
	if err := b.store.SaveSettings(b.ctx, set); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(b.dir, "x.si")
	_, err = b.svc.ExportSIE(b.ctx, core.MustDate("2026-01-01"), core.MustDate("2026-12-31"), path)
	wantCode(t, err, core.EINVALID)
	if _, statErr := os.Stat(path); !os.IsNotExist(statErr) {
		t.Errorf("a file was written: %v", statErr)
	}
}
