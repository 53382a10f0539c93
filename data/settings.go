package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"github.com/shopspring/decimal"

	"paminn/core"
)

// settingsDoc is the stored form of core.Settings: a JSON document whose keys are
// fixed here, so renaming a Go field never loses a stored value. It holds no secrets.
type settingsDoc struct {
	Company struct {
		Name      string     `json:"name"`
		OrgNumber string     `json:"org_number"`
		Bankgiro  string     `json:"bankgiro"`
		Plusgiro  string     `json:"plusgiro"`
		Address   addressDoc `json:"address"`
		Email     string     `json:"email"`
		Phone     string     `json:"phone"`
	} `json:"company"`
	ReminderFee     decimal.Decimal `json:"reminder_fee"`
	PaymentTermDays int             `json:"payment_term_days"`
	InterestMargin  decimal.Decimal `json:"interest_margin"`
	DefaultType     string          `json:"default_type"`
	Amili           struct {
		Activated   bool      `json:"activated"`
		ActivatedAt time.Time `json:"activated_at"`
		CreditorID  string    `json:"creditor_id"`
		AccountID   string    `json:"account_id"`
		BaseURL     string    `json:"base_url"`
		KeyFile     string    `json:"key_file"`
		APICode     string    `json:"api_code"`
		Environment string    `json:"environment"`
		Production  string    `json:"production_url"`
	} `json:"amili"`
	SMTP struct {
		Host     string `json:"host"`
		Port     int    `json:"port"`
		User     string `json:"user"`
		From     string `json:"from"`
		Security string `json:"security"`
	} `json:"smtp"`
	LettersDir string `json:"letters_dir"`
	OCR        struct {
		Check   string `json:"check"`
		Lengths []int  `json:"lengths"`
	} `json:"ocr"`
	// ImportMappings: header-set key → field → column index.
	ImportMappings map[string]map[string]int `json:"import_mappings,omitempty"`
	// InterestInvoiceMinimum: absent in a book from before räntefakturor, so zero.
	InterestInvoiceMinimum decimal.Decimal `json:"interest_invoice_minimum"`
	// PaymentOrder: "" costs first (the default), "principal_first".
	PaymentOrder string `json:"payment_order,omitempty"`
	// Bookkeeping: the SIE export's method and accounts ("" is the default).
	Bookkeeping bookkeepingDoc `json:"bookkeeping"`
	// Plan: the reminder plans (data/settingsplan.go); absent in a book from before
	// the plan, which then follows the default.
	Plan plansDoc `json:"plan"`
}

type bookkeepingDoc struct {
	Method         string `json:"method"`
	Receivables    string `json:"receivables"`
	Bank           string `json:"bank"`
	CustomerCredit string `json:"customer_credit"`
	Fees           string `json:"fees"`
	Compensation   string `json:"compensation"`
	Interest       string `json:"interest"`
	CreditNotes    string `json:"credit_notes"`
}

type addressDoc struct {
	Line1   string `json:"line1"`
	Line2   string `json:"line2"`
	ZipCode string `json:"zip_code"`
	City    string `json:"city"`
	Country string `json:"country"`
}

func toSettingsDoc(s core.Settings) settingsDoc {
	var d settingsDoc
	c := s.Company
	d.Company.Name, d.Company.OrgNumber, d.Company.Bankgiro = c.Name, c.OrgNumber, c.Bankgiro
	d.Company.Plusgiro = c.Plusgiro
	d.Company.Address = addressDoc(c.Address)
	d.Company.Email, d.Company.Phone = c.Email, c.Phone
	d.ReminderFee, d.PaymentTermDays, d.InterestMargin = s.ReminderFee, s.PaymentTermDays, s.InterestMargin
	d.DefaultType = string(s.DefaultType)
	d.Amili.Activated, d.Amili.ActivatedAt = s.Amili.Activated, s.Amili.ActivatedAt
	d.Amili.CreditorID, d.Amili.AccountID = s.Amili.CreditorID, s.Amili.AccountID
	d.Amili.BaseURL, d.Amili.KeyFile = s.Amili.BaseURL, s.Amili.KeyFile
	d.Amili.APICode, d.Amili.Environment = s.Amili.APICode, string(s.Amili.Environment)
	d.Amili.Production = s.Amili.ProductionURL
	d.SMTP.Host, d.SMTP.Port, d.SMTP.User = s.SMTP.Host, s.SMTP.Port, s.SMTP.User
	d.SMTP.From, d.SMTP.Security = s.SMTP.From, s.SMTP.Security
	d.LettersDir = s.LettersDir
	d.InterestInvoiceMinimum = s.InterestInvoiceMinimum
	d.PaymentOrder = string(s.PaymentOrder)
	d.Plan = toPlansDoc(s.Plan)
	d.OCR.Check, d.OCR.Lengths = string(s.OCR.Check), s.OCR.FixedLengths()
	a := s.Bookkeeping.Accounts
	d.Bookkeeping = bookkeepingDoc{string(s.Bookkeeping.Method), a.Receivables, a.Bank, a.CustomerCredit,
		a.Fees, a.Compensation, a.Interest, a.CreditNotes}
	for key, m := range s.ImportMappings {
		if d.ImportMappings == nil {
			d.ImportMappings = map[string]map[string]int{}
		}
		d.ImportMappings[key] = m
	}
	return d
}

func (d settingsDoc) settings() core.Settings {
	var s core.Settings
	c := &s.Company
	c.Name, c.OrgNumber, c.Bankgiro = d.Company.Name, d.Company.OrgNumber, d.Company.Bankgiro
	c.Plusgiro = d.Company.Plusgiro
	c.Address = core.Address(d.Company.Address)
	c.Email, c.Phone = d.Company.Email, d.Company.Phone
	s.ReminderFee, s.PaymentTermDays, s.InterestMargin = d.ReminderFee, d.PaymentTermDays, d.InterestMargin
	s.DefaultType = core.ReminderType(d.DefaultType)
	s.Amili = core.AmiliSettings{Activated: d.Amili.Activated, ActivatedAt: d.Amili.ActivatedAt,
		CreditorID: d.Amili.CreditorID, AccountID: d.Amili.AccountID, BaseURL: d.Amili.BaseURL,
		KeyFile: d.Amili.KeyFile, APICode: d.Amili.APICode, Environment: core.AmiliEnvironment(d.Amili.Environment),
		ProductionURL: d.Amili.Production}
	s.SMTP = core.SMTPSettings{Host: d.SMTP.Host, Port: d.SMTP.Port, User: d.SMTP.User,
		From: d.SMTP.From, Security: d.SMTP.Security}
	s.LettersDir = d.LettersDir
	s.InterestInvoiceMinimum = d.InterestInvoiceMinimum
	s.PaymentOrder = core.PaymentOrder(d.PaymentOrder)
	s.Plan = d.Plan.plans()
	s.OCR = core.OCRRule{Check: core.OCRCheck(d.OCR.Check)}
	copy(s.OCR.Lengths[:], d.OCR.Lengths)
	b := d.Bookkeeping
	s.Bookkeeping = core.BookkeepingSettings{Method: core.BookingMethod(b.Method), Accounts: core.Accounts{
		Receivables: b.Receivables, Bank: b.Bank, CustomerCredit: b.CustomerCredit, Fees: b.Fees,
		Compensation: b.Compensation, Interest: b.Interest, CreditNotes: b.CreditNotes}}
	for key, m := range d.ImportMappings {
		if s.ImportMappings == nil {
			s.ImportMappings = map[string]core.ColumnMapping{}
		}
		s.ImportMappings[key] = m
	}
	return s
}

// Settings returns the stored settings; a book that never saved any has
// core.DefaultSettings, and a key missing from the stored document keeps its default.
func (s *Store) Settings(ctx context.Context) (core.Settings, error) {
	doc := toSettingsDoc(core.DefaultSettings())
	err := s.read(ctx, "read settings", func(tx *sql.Tx) error { return readSettings(ctx, tx, &doc) })
	if err != nil {
		return core.Settings{}, err
	}
	return doc.settings(), nil
}

// readSettings reads the stored settings over doc (which holds the defaults); a book
// that never saved any leaves doc as it is.
func readSettings(ctx context.Context, tx *sql.Tx, doc *settingsDoc) error {
	var text string
	err := tx.QueryRowContext(ctx, `SELECT json FROM settings WHERE id = 1`).Scan(&text)
	if err == sql.ErrNoRows {
		return nil
	}
	if err != nil {
		return err
	}
	return json.Unmarshal([]byte(text), doc)
}

// SaveSettings stores the settings, replacing the previous ones.
func (s *Store) SaveSettings(ctx context.Context, set core.Settings) error {
	text, err := json.Marshal(toSettingsDoc(set))
	if err != nil {
		return storeError(err, "encode settings")
	}
	return s.write(ctx, "save settings", func(tx *sql.Tx) error { return saveSettings(ctx, tx, text) })
}

// saveSettings stores the settings document text, replacing the previous one.
func saveSettings(ctx context.Context, tx *sql.Tx, text []byte) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO settings (id, json) VALUES (1, ?)
		ON CONFLICT (id) DO UPDATE SET json = excluded.json`, string(text))
	return err
}

// ReferenceRates returns the reference-rate table ordered by year and half.
func (s *Store) ReferenceRates(ctx context.Context) ([]core.ReferenceRate, error) {
	var rates []core.ReferenceRate
	err := s.read(ctx, "read reference rates", func(tx *sql.Tx) (err error) {
		rates, err = readReferenceRates(ctx, tx)
		return err
	})
	return rates, err
}

// readReferenceRates reads the reference-rate table ordered by year and half.
func readReferenceRates(ctx context.Context, tx *sql.Tx) ([]core.ReferenceRate, error) {
	rows, err := tx.QueryContext(ctx, `SELECT year, half, rate, preliminary FROM reference_rates
		ORDER BY year, half`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var rates []core.ReferenceRate
	for rows.Next() {
		var r core.ReferenceRate
		if err := rows.Scan(&r.Year, &r.Half, decimalCol{&r.Rate}, &r.Preliminary); err != nil {
			return nil, err
		}
		rates = append(rates, r)
	}
	return rates, rows.Err()
}

// SaveReferenceRates replaces the whole reference-rate table (EINVALID for a half
// other than 1 or 2, or a half-year given twice).
func (s *Store) SaveReferenceRates(ctx context.Context, rates []core.ReferenceRate) error {
	return s.write(ctx, "save reference rates", func(tx *sql.Tx) error {
		return replaceReferenceRates(ctx, tx, rates)
	})
}

// seedReferenceRates gives a new book the published reference rates.
func seedReferenceRates(ctx context.Context, tx *sql.Tx) error {
	return replaceReferenceRates(ctx, tx, core.DefaultReferenceRates())
}

func replaceReferenceRates(ctx context.Context, tx *sql.Tx, rates []core.ReferenceRate) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM reference_rates`); err != nil {
		return err
	}
	for _, r := range rates {
		data := map[string]any{"Year": r.Year, "Half": r.Half}
		if r.Half != 1 && r.Half != 2 {
			return core.Errorf(core.EINVALID, "Half-year {{.Half}} of {{.Year}} must be 1 or 2", data)
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO reference_rates (year, half, rate, preliminary)
				VALUES (?, ?, ?, ?)`, r.Year, r.Half, r.Rate.String(), boolInt(r.Preliminary))
		if isUnique(err) {
			return core.Wrap(err, core.EINVALID, "The reference rate for {{.Year}} half {{.Half}} is given twice", data)
		}
		if err != nil {
			return err
		}
	}
	return nil
}
