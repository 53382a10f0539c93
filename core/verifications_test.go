package core_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"

	"paminn/core"
)

// lines renders a verification's lines as "account amount" pairs, for comparing.
func lines(v core.Verification) string {
	var parts []string
	for _, l := range v.Lines {
		parts = append(parts, l.Account+" "+l.Amount.StringFixed(2))
	}
	return strings.Join(parts, ", ")
}

func parts(principal, fee, comp, interest string) core.Parts {
	return core.Parts{Principal: kr(principal), Fee: kr(fee), Compensation: kr(comp), Interest: kr(interest)}
}

// The worked example is the invoice 10049: 2 210 kr reminded with a 450 kr
// förseningsersättning and 319,27 kr interest (lag 1981:739 4 a §, räntelagen 6 §),
// then paid. The accounts are the BAS defaults (core/RULES.md, "Bookkeeping export").
// Faktureringsmetoden books the charge when charged: 1510 Kundfordringar against the
// revenue accounts; kontantmetoden (bokföringslagen 5 kap. 2 §) books it when paid.
func TestVerificationsBookEachEventAsTheMethodSays(t *testing.T) {
	day := core.MustDate("2026-03-02")
	charge := core.BookEvent{Kind: core.BookCharge, ID: 1, Date: day, InvoiceNumber: "10049",
		Parts: parts("0", "0", "450", "319.27")}
	paidAll := core.BookEvent{Kind: core.BookPayment, ID: 2, Date: day, InvoiceNumber: "10049",
		Parts: parts("2210", "0", "450", "319.27")}
	tests := []struct {
		name   string
		event  core.BookEvent
		method core.BookingMethod
		want   string // "" for no verification
	}{
		{"a charge is a receivable against the revenue accounts when charged", charge, core.BookWhenCharged,
			"1510 769.27, 3590 -450.00, 8313 -319.27"},
		{"a charge books nothing under kontantmetoden", charge, core.BookWhenPaid, ""},
		{"a payment settles the receivable under faktureringsmetoden", paidAll, core.BookWhenCharged,
			"1930 2979.27, 1510 -2979.27"},
		{"a payment books the charges it paid as revenue under kontantmetoden", paidAll, core.BookWhenPaid,
			"1930 2979.27, 1510 -2210.00, 3590 -450.00, 8313 -319.27"},
		{"a reversal books the payment's lines negated",
			core.BookEvent{Kind: core.BookReversal, Date: day, Parts: paidAll.Parts.Neg(), Reversed: core.PaymentMoney},
			core.BookWhenCharged, "1930 -2979.27, 1510 2979.27"},
		{"a reversal of applied credit gives the credit back",
			core.BookEvent{Kind: core.BookReversal, Date: day, Parts: parts("-100", "0", "0", "0"), Reversed: core.PaymentFromCredit},
			core.BookWhenCharged, "2420 -100.00, 1510 100.00"},
		{"a waiver takes the revenue back from the receivable",
			core.BookEvent{Kind: core.BookWaiver, Date: day, Parts: parts("0", "-60", "0", "-12.50")},
			core.BookWhenCharged, "1510 -72.50, 3590 60.00, 8313 12.50"},
		{"a waiver books nothing under kontantmetoden",
			core.BookEvent{Kind: core.BookWaiver, Date: day, Parts: parts("0", "-60", "0", "0")}, core.BookWhenPaid, ""},
		{"a credit note lowers the receivable against the credit-note account",
			core.BookEvent{Kind: core.BookCreditNote, Date: day, Parts: parts("-500", "0", "0", "0")},
			core.BookWhenCharged, "1510 -500.00, 3710 500.00"},
		{"credit applied settles the receivable from the customer's credit",
			core.BookEvent{Kind: core.BookCreditApplied, Date: day, Parts: parts("100", "0", "0", "0")},
			core.BookWhenCharged, "2420 100.00, 1510 -100.00"},
		{"money beyond the claim becomes the customer's credit",
			core.BookEvent{Kind: core.BookCreditArose, Date: day, Parts: parts("35", "0", "0", "0")},
			core.BookWhenPaid, "1930 35.00, 2420 -35.00"},
		{"a refund pays the credit back from the bank",
			core.BookEvent{Kind: core.BookCreditRefunded, Date: day, Parts: parts("35", "0", "0", "0")},
			core.BookWhenCharged, "2420 35.00, 1930 -35.00"},
		{"a räntefaktura is a receivable against interest income",
			core.BookEvent{Kind: core.BookInterestInvoice, Date: day, Parts: parts("0", "0", "0", "41.10")},
			core.BookWhenCharged, "1510 41.10, 8313 -41.10"},
		{"a räntefaktura's payment is interest income under kontantmetoden",
			core.BookEvent{Kind: core.BookPayment, Date: day, Parts: parts("41.10", "0", "0", "0"), OnInterestInvoice: true},
			core.BookWhenPaid, "1930 41.10, 8313 -41.10"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vers, err := core.Verifications([]core.BookEvent{tt.event}, core.BookkeepingSettings{Method: tt.method})
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			if len(vers) == 1 {
				got = lines(vers[0])
			} else if len(vers) > 1 {
				t.Fatalf("%d verifications, want at most 1", len(vers))
			}
			if got != tt.want {
				t.Errorf("lines = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestVerificationsUseTheAccountsSet(t *testing.T) {
	set := core.BookkeepingSettings{Accounts: core.Accounts{Bank: "1940", Fees: "3930"}}
	e := core.BookEvent{Kind: core.BookPayment, Date: core.MustDate("2026-01-05"), Parts: parts("100", "60", "0", "0")}
	vers, err := core.Verifications([]core.BookEvent{e}, core.BookkeepingSettings{Method: core.BookWhenPaid, Accounts: set.Accounts})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := lines(vers[0]), "1940 160.00, 1510 -100.00, 3930 -60.00"; got != want {
		t.Errorf("lines = %q, want %q", got, want)
	}
}

func TestCheckAccountsRefusesWhatIsNotABASAccount(t *testing.T) {
	for _, bad := range []string{"151", "15100", "0510", "9100", "15a0", " 151"} {
		if err := core.CheckAccounts(core.Accounts{Bank: bad}); core.ErrorCodeOf(err) != core.EINVALID {
			t.Errorf("CheckAccounts(Bank %q) = %v, want EINVALID", bad, err)
		}
	}
	if err := core.CheckAccounts(core.Accounts{}); err != nil {
		t.Errorf("the BAS defaults: %v", err)
	}
}

// Every verification balances to 0,00, whatever the event's parts, kind and method,
// and no line is zero.
func TestVerificationsAlwaysBalance(t *testing.T) {
	kinds := []core.BookEventKind{core.BookCharge, core.BookWaiver, core.BookCreditNote, core.BookInterestInvoice,
		core.BookPayment, core.BookCreditApplied, core.BookReversal, core.BookCreditArose, core.BookCreditRefunded}
	ore := func(t *rapid.T, label string) decimal.Decimal {
		return decimal.New(rapid.Int64Range(-10_000_000_00, 10_000_000_00).Draw(t, label), -2)
	}
	rapid.Check(t, func(t *rapid.T) {
		e := core.BookEvent{Kind: rapid.SampledFrom(kinds).Draw(t, "kind"), Date: core.MustDate("2026-06-30"),
			Parts:             core.Parts{Principal: ore(t, "principal"), Fee: ore(t, "fee"), Compensation: ore(t, "comp"), Interest: ore(t, "interest")},
			OnInterestInvoice: rapid.Bool().Draw(t, "interest invoice"),
			Reversed:          rapid.SampledFrom([]core.PaymentKind{core.PaymentMoney, core.PaymentFromCredit}).Draw(t, "reversed")}
		method := rapid.SampledFrom([]core.BookingMethod{core.BookWhenCharged, core.BookWhenPaid}).Draw(t, "method")
		fees := rapid.SampledFrom([]string{"", "1510", "3590", "8313"}).Draw(t, "fee account")
		vers, err := core.Verifications([]core.BookEvent{e}, core.BookkeepingSettings{Method: method,
			Accounts: core.Accounts{Fees: fees}})
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range vers {
			if !v.Balance().IsZero() {
				t.Fatalf("%s does not balance: %s", v.Text, lines(v))
			}
			for _, l := range v.Lines {
				if l.Amount.IsZero() {
					t.Fatalf("%s has a zero line: %s", v.Text, lines(v))
				}
			}
		}
	})
}

func TestVerificationTextsNameTheInvoiceOrCustomer(t *testing.T) {
	events := []core.BookEvent{
		{Kind: core.BookPayment, Date: core.MustDate("2026-01-02"), InvoiceNumber: "10049", Parts: parts("1", "0", "0", "0")},
		{Kind: core.BookCreditArose, Date: core.MustDate("2026-01-02"), CustomerNumber: "K7", Parts: parts("1", "0", "0", "0")},
	}
	vers, err := core.Verifications(events, core.BookkeepingSettings{})
	if err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprint(vers[0].Text, " | ", vers[1].Text)
	if want := "Inbetalning, faktura 10049 | Inbetalning till tillgodo, kund K7"; got != want {
		t.Errorf("texts = %q, want %q", got, want)
	}
}
