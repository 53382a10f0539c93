package core

// This file is the bookkeeping side of the claim (issue "The money after a reminder",
// "What goes to the books"): which accounts Påminn books its events on and when. The
// sources are in core/RULES.md, "Bookkeeping export (SIE 4i)".

// BookingMethod is when what Påminn charges reaches the books (Settings.Bookkeeping).
type BookingMethod string

// The booking methods of bokföringslagen (1999:1078) 5 kap. 2 § (core/RULES.md).
const (
	// BookWhenCharged is faktureringsmetoden: a charge (fee, förseningsersättning,
	// interest, a räntefaktura) is booked as a receivable and revenue on the day it
	// is charged; a payment then settles the receivable. The zero value, so a book
	// from before the setting existed books this way.
	BookWhenCharged BookingMethod = ""
	// BookWhenPaid is kontantmetoden: a charge reaches the books only when it is paid,
	// as revenue beside the money; waivers and credit notes of what was never booked
	// book nothing.
	BookWhenPaid BookingMethod = "cash"
)

// Accounts are the accounts the export books on, each a BAS account number. An empty
// field means the BAS default (BASAccounts), so a book that never set them exports.
type Accounts struct {
	Receivables    string // kundfordringar
	Bank           string // where customers' money arrives and refunds leave
	CustomerCredit string // customers' credit (tillgodo): förskott från kunder
	Fees           string // revenue: reminder fees (påminnelseavgifter)
	Compensation   string // revenue: förseningsersättning
	Interest       string // revenue: late-payment interest, räntefakturor included
	CreditNotes    string // revenue correction: credit notes of the invoice amount
}

// BASAccounts are the defaults of Accounts, from the BAS chart of accounts
// (core/RULES.md names each with its source).
var BASAccounts = Accounts{
	Receivables:    "1510",
	Bank:           "1930",
	CustomerCredit: "2420",
	Fees:           "3590",
	Compensation:   "3590",
	Interest:       "8313",
	CreditNotes:    "3710",
}

// BookkeepingSettings are how Påminn's events are booked. The zero value books by
// faktureringsmetoden on the BAS accounts.
type BookkeepingSettings struct {
	Method   BookingMethod
	Accounts Accounts
}

// Effective is a with every empty account replaced by its BAS default.
func (a Accounts) Effective() Accounts {
	pick := func(set, def string) string {
		if set == "" {
			return def
		}
		return set
	}
	d := BASAccounts
	return Accounts{pick(a.Receivables, d.Receivables), pick(a.Bank, d.Bank),
		pick(a.CustomerCredit, d.CustomerCredit), pick(a.Fees, d.Fees),
		pick(a.Compensation, d.Compensation), pick(a.Interest, d.Interest),
		pick(a.CreditNotes, d.CreditNotes)}
}

// list is the accounts in a fixed order, with the name the export gives each: BAS's
// own name for a BAS account Påminn knows (basNames), so an importing program finds
// the name it has (SIE filformat 4B, 11 "#KONTO": it warns of a name that differs),
// else the account's role.
func (a Accounts) list() []SIEAccount {
	named := func(number, role string) SIEAccount {
		if name, ok := basNames[number]; ok {
			return SIEAccount{number, name}
		}
		return SIEAccount{number, role}
	}
	return []SIEAccount{named(a.Receivables, "Kundfordringar"), named(a.Bank, "Bank"),
		named(a.CustomerCredit, "Förskott från kunder"), named(a.Fees, "Påminnelseavgifter"),
		named(a.Compensation, "Förseningsersättning"), named(a.Interest, "Dröjsmålsränta"),
		named(a.CreditNotes, "Krediterade fakturabelopp")}
}

// basNames are the names of the BAS accounts BASAccounts uses, as "Kontoplan – BAS
// 2022" (BAS-kontogruppen, bas.se) names them.
var basNames = map[string]string{
	"1510": "Kundfordringar",
	"1930": "Företagskonto/checkkonto/affärskonto",
	"2420": "Förskott från kunder",
	"3590": "Övriga fakturerade kostnader",
	"3710": "Ofördelade intäktsreduktioner",
	"8313": "Ränteintäkter från kortfristiga fordringar",
}

// CheckAccounts refuses an account that is not a BAS account number: four digits,
// the first 1 to 8 (BAS's account classes).
func CheckAccounts(a Accounts) error {
	for _, acc := range a.Effective().list() {
		n := acc.Number
		ok := len(n) == 4 && n[0] >= '1' && n[0] <= '8'
		for i := 1; ok && i < 4; i++ {
			ok = n[i] >= '0' && n[i] <= '9'
		}
		if !ok {
			return Errorf(EINVALID, "{{.Account}} is not an account number: BAS accounts have four digits, the first 1 to 8",
				map[string]any{"Account": Excerpt(n)})
		}
	}
	return nil
}
