package core

import (
	"context"
	"io"
	"strconv"
	"strings"
	"unicode"

	"github.com/shopspring/decimal"
)

// BankFormat names the layout of a file of incoming payments.
type BankFormat string

// The bank-file formats Påminn reads.
const (
	// FormatBGMax is Bankgirot's "Bankgiro Inbetalningar" file (BgMax): 80-character
	// fixed-width records in ISO-8859-1, as its Technical Manual describes.
	FormatBGMax BankFormat = "bgmax"
	// FormatCamt054 is an ISO 20022 camt.054 "BankToCustomerDebitCreditNotification".
	FormatCamt054 BankFormat = "camt054"
)

// BankFile is a parsed file of incoming payments, as its bank wrote it: nothing in it
// has been matched to an invoice yet.
type BankFile struct {
	Name   string // the file's base name, shown with each registered payment
	Format BankFormat
	// Accounts are the receiving accounts the file names, each with the line that
	// names it, so a file for another bankgiro number is refused at that line.
	Accounts []BankAccount
	Payments []BankPayment
	// Total is the file's own total of what it pays in (for BGMax the sum of the
	// deposit records, for camt.054 the sum of the booked credit entries); the
	// parser has checked it against the payments, and the preview checks its
	// outcomes against it.
	Total decimal.Decimal
	// Notes are what was odd in the file but did not make its money uncertain, so it
	// was read anyway (a record type skipped, a payment without a serial number, debit
	// entries left out …), each with the line where it first occurs; the preview
	// shows them.
	Notes []RowError
}

// BankAccount is a receiving account named in a bank file.
type BankAccount struct {
	Bankgiro string // digits only; "" when the file names the account otherwise
	IBAN     string
	Line     int
}

// BankPayment is one payment (or, with a negative Amount, one deduction) in a bank file.
type BankPayment struct {
	// Key identifies the payment across files, from the file's own identifiers
	// (BGMax: bankgiro, payment date, deposit and BGC serial numbers; camt.054:
	// the entry's and the transaction's references), so an overlapping file is
	// recognised.
	Key  string
	Line int // where the payment starts in the file
	Date Date
	// Amount is positive for a payment; a BGMax deduction (record 21) is negative.
	Amount decimal.Decimal
	// Reference is the payer's reference (an OCR number when the payer used one);
	// Extra holds the further references of invoices paid with it (BGMax record 22)
	// or further structured references of camt.054.
	Reference string
	Extra     []string
	// ExtraAmounts[i] is what the file says Extra[i] pays (a BGMax record 22's
	// amount), zero where it says nothing; nil when no extra reference has one.
	ExtraAmounts []decimal.Decimal
	// Deducted are the credit notes the payer took off the payment (BGMax record
	// 23): no invoice paid, but the reason the payment is less than the invoices.
	Deducted []DeductedCredit
	// Account is the receiving account the money went to: a bankgiro number's
	// digits, else an IBAN; with Date, Amount and Reference it recognises one payment
	// in two files of different formats.
	Account   string
	Message   string // BGMax information records (25) or camt.054 unstructured remittance text
	PayerName string
	PayerID   string // organisation number (BGMax record 29), when given
}

// DeductedCredit is a credit note a payer deducted from a payment (BGMax record 23).
type DeductedCredit struct {
	Reference string
	Amount    decimal.Decimal // what was deducted, as the file states it (zero when it does not)
	Line      int
}

// BankRef is the payment as any file of it shows it, whatever the format: the
// receiving account, the date, the amount and the reference (else the message), so
// a payment registered from a BGMax file is known again in a camt.054 file. "" when
// the payment has neither reference nor message: then nothing tells two apart.
func (p BankPayment) BankRef() string {
	ref := strings.ToUpper(ocrForm(p.Reference))
	if ref == "" {
		ref = "msg:" + strings.ToUpper(strings.Join(strings.FieldsFunc(p.Message, func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r)
		}), " "))
	}
	if ref == "msg:" {
		return ""
	}
	return p.Account + "|" + p.Date.String() + "|" + strconv.FormatInt(ToOre(p.Amount), 10) + "|" + ref
}

// IsDeduction reports whether the row takes money off the deposit instead of paying.
func (p BankPayment) IsDeduction() bool { return p.Amount.IsNegative() }

// BankFileReader parses bank files; data/bankfile implements it. It decides the
// format from the content, reads r as a stream in bounded memory, stops when ctx is
// cancelled and returns an *Error naming the line for bad input.
type BankFileReader interface {
	ReadBankFile(ctx context.Context, name string, r io.Reader) (BankFile, error)
}
