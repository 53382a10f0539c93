package data

import (
	"reflect"
	"testing"
	"time"

	"paminn/core"
)

func TestANewBookHasTheDefaultSettingsAndRates(t *testing.T) {
	s := mustOpen(t)
	got, err := s.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !sameSettings(got, core.DefaultSettings()) {
		t.Errorf("Settings = %+v, want the defaults %+v", got, core.DefaultSettings())
	}
	rates, err := s.ReferenceRates(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := core.DefaultReferenceRates(); !sameRates(rates, want) {
		t.Errorf("ReferenceRates = %v, want the published %v", rates, want)
	}
}

func TestSettingsRoundTripEveryField(t *testing.T) {
	s := mustOpen(t)
	want := core.Settings{
		Company: core.Company{Name: "Påminn Test AB", OrgNumber: "556000-0000", Bankgiro: "123-4567",
			Address: core.Address{Line1: "Kungsgatan 1", Line2: "Box 2", ZipCode: "111 43", City: "Stockholm", Country: "SE"},
			Email:   "faktura@example.se", Phone: "08-123 45 67"},
		ReminderFee: kr("59.50"), PaymentTermDays: 14, InterestMargin: kr("8.25"), DefaultType: core.ReminderAmili,
		Amili: core.AmiliSettings{Activated: true, ActivatedAt: time.Date(2025, 3, 1, 12, 30, 45, 123456789, time.FixedZone("CET", 3600)),
			CreditorID: "cred-1", AccountID: "acc-2", BaseURL: "http://127.0.0.1:9999", KeyFile: "/home/u/amili.pem"},
		SMTP:                   core.SMTPSettings{Host: "smtp.example.se", Port: 465, User: "faktura", From: "Påminn <faktura@example.se>", Security: "tls"},
		LettersDir:             "/home/u/Påminnelser",
		ImportMappings:         map[string]core.ColumnMapping{"invoices:abc": {"number": 2, "total": 0}},
		InterestInvoiceMinimum: kr("25.50"),
		PaymentOrder:           core.PayPrincipalFirst,
		Plan:                   core.Plans{Consumers: ownPlan()},
	}
	if err := s.SaveSettings(ctx, want); err != nil {
		t.Fatal(err)
	}
	got, err := s.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !sameSettings(got, want) {
		t.Errorf("Settings = %+v\nwant       %+v", got, want)
	}
	want.SMTP.Port = 587
	if err := s.SaveSettings(ctx, want); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Settings(ctx); got.SMTP.Port != 587 {
		t.Errorf("saving again did not replace: port %d", got.SMTP.Port)
	}
}

// sameSettings compares settings with decimal- and instant-aware fields.
func sameSettings(a, b core.Settings) bool {
	ok := a.ReminderFee.Equal(b.ReminderFee) && a.InterestMargin.Equal(b.InterestMargin) &&
		a.Amili.ActivatedAt.Equal(b.Amili.ActivatedAt) && a.InterestInvoiceMinimum.Equal(b.InterestInvoiceMinimum)
	a.ReminderFee, a.InterestMargin, a.Amili.ActivatedAt = b.ReminderFee, b.InterestMargin, b.Amili.ActivatedAt
	a.InterestInvoiceMinimum = b.InterestInvoiceMinimum
	return ok && samePlan(a.Plan.Companies, b.Plan.Companies) && samePlan(a.Plan.Consumers, b.Plan.Consumers) &&
		reflect.DeepEqual(withoutPlans(a), withoutPlans(b))
}

func withoutPlans(s core.Settings) core.Settings {
	s.Plan = core.Plans{}
	return s
}

// samePlan compares plans step by step, fees by value.
func samePlan(a, b core.Plan) bool {
	if len(a.Steps) != len(b.Steps) {
		return false
	}
	for i := range a.Steps {
		x, y := a.Steps[i], b.Steps[i]
		if !x.Fee.Equal(y.Fee) {
			return false
		}
		x.Fee = y.Fee
		if x != y {
			return false
		}
	}
	return true
}

func sameRates(a, b []core.ReferenceRate) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		if x.Year != y.Year || x.Half != y.Half || !x.Rate.Equal(y.Rate) || x.Preliminary != y.Preliminary {
			return false
		}
	}
	return true
}

func TestABookSavedBeforeRäntefakturorOffersEveryAmount(t *testing.T) {
	s := mustOpen(t)
	// The settings document as a version before räntefakturor wrote it: no minimum.
	if _, err := s.db.ExecContext(ctx, `INSERT INTO settings (id, json) VALUES (1, '{"payment_term_days": 20}')`); err != nil {
		t.Fatal(err)
	}
	got, err := s.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !got.InterestInvoiceMinimum.IsZero() || got.PaymentTermDays != 20 {
		t.Errorf("minimum %s, term %d: want 0 and 20", got.InterestInvoiceMinimum, got.PaymentTermDays)
	}
}

func TestSaveReferenceRatesReplacesTheTable(t *testing.T) {
	s := mustOpen(t)
	want := []core.ReferenceRate{{Year: 2027, Half: 1, Rate: kr("1.75"), Preliminary: true}, {Year: 2026, Half: 2, Rate: kr("2.25")}}
	if err := s.SaveReferenceRates(ctx, want); err != nil {
		t.Fatal(err)
	}
	got, err := s.ReferenceRates(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !sameRates(got, []core.ReferenceRate{want[1], want[0]}) {
		t.Errorf("ReferenceRates = %v, want %v ordered by year and half", got, want)
	}
	tests := []struct {
		name  string
		rates []core.ReferenceRate
	}{
		{"a half-year given twice is refused", []core.ReferenceRate{{Year: 2027, Half: 1, Rate: kr("1")}, {Year: 2027, Half: 1, Rate: kr("2")}}},
		{"a third half is refused", []core.ReferenceRate{{Year: 2027, Half: 3, Rate: kr("1")}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantCode(t, s.SaveReferenceRates(ctx, tt.rates), core.EINVALID)
			if got, _ := s.ReferenceRates(ctx); len(got) != 2 {
				t.Errorf("a refused save changed the table to %v", got)
			}
		})
	}
}
