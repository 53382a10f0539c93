// Package bankfile reads the files of incoming payments Swedish businesses get from
// the bank: Bankgirot's BgMax file ("Bankgiro Inbetalningar", written from Bankgirot's
// "Bankgiro Inbetalningar — Technical Manual", the BgMax record layouts 01, 05, 20–29,
// 15 and 70) and ISO 20022 camt.054 ("BankToCustomerDebitCreditNotification",
// message definitions camt.054.001.02 to .08). It reads a stream (never more than a
// bounded piece of it at a time) and does no file I/O and no matching to invoices —
// that is core's.
package bankfile

import (
	"bufio"
	"bytes"
	"context"
	"io"

	"paminn/core"
)

// Reader is the core.BankFileReader over these parsers.
type Reader struct{}

// ReadBankFile parses r as BGMax or camt.054, whichever it is.
func (Reader) ReadBankFile(ctx context.Context, name string, r io.Reader) (core.BankFile, error) {
	return ReadFrom(ctx, name, r)
}

// Read parses content held in memory; see ReadFrom.
func Read(name string, content []byte) (core.BankFile, error) {
	return ReadFrom(context.Background(), name, bytes.NewReader(content))
}

// sniffBytes is how much of a file is looked at to tell its format.
const sniffBytes = 512

// ReadFrom parses r as a BGMax file when it starts with a BGMax opening record, as
// camt.054 when it starts like XML, and refuses anything else. A UTF-8 byte-order
// mark and blank space before the first record are passed over.
func ReadFrom(ctx context.Context, name string, r io.Reader) (core.BankFile, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	head, err := br.Peek(sniffBytes)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull && len(head) == 0 {
		return core.BankFile{}, core.Wrap(err, core.EUNAVAILABLE, msgCannotRead, map[string]any{"File": name})
	}
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(head, utf8BOM), " \t\r\n")
	switch {
	case bytes.HasPrefix(trimmed, []byte("01BGMAX")):
		return ReadBGMaxFrom(ctx, name, br)
	case bytes.HasPrefix(trimmed, []byte("<")):
		return ReadCamt054From(ctx, name, br)
	}
	return core.BankFile{}, core.Errorf(core.EINVALID, msgUnknownFormat, map[string]any{"File": name})
}

// atLine puts the file and line in front of a core error about a value on that line
// (an amount outside core.CheckAmountRange): its message becomes msgAmountRange.
func atLine(file string, line int, err error) error {
	e := core.AsError(err)
	d := map[string]any{"File": file, "Line": line}
	for k, v := range e.Data {
		d[k] = v
	}
	return core.Errorf(e.Code, msgAmountRange, d)
}

// noteList gathers the oddities of a file that did not stop it being read, one note
// per kind (and value) with how often it occurred and where first.
type noteList struct {
	order []noteKey
	seen  map[noteKey]*noteCount
}

type noteKey struct{ msg, value string }

type noteCount struct{ count, line int }

func (n *noteList) add(msg, value string, line int) {
	k := noteKey{msg, value}
	if c := n.seen[k]; c != nil {
		c.count++
		return
	}
	if n.seen == nil {
		n.seen = map[noteKey]*noteCount{}
	}
	n.seen[k] = &noteCount{count: 1, line: line}
	n.order = append(n.order, k)
}

// list returns the notes in the order first seen.
func (n *noteList) list() []core.RowError {
	out := make([]core.RowError, 0, len(n.order))
	for _, k := range n.order {
		c := n.seen[k]
		out = append(out, core.RowError{Line: c.line, Message: k.msg,
			Data: map[string]any{"Line": c.line, "Count": c.count, "Value": k.value}})
	}
	return out
}

// The messages of this package: English text/templates that are also the GUI's
// translation keys. Each names the file and, where there is one, the line.
const (
	msgUnknownFormat   = "{{.File}} is neither a BGMax file from Bankgirot nor an ISO 20022 camt.054 file"
	msgCannotRead      = "{{.File}} cannot be read"
	msgCancelled       = "Reading {{.File}} was cancelled"
	msgEmpty           = "{{.File}} is empty"
	msgNotBGMax        = "{{.File}}, line 1: the file does not start with a BGMax opening record (01 with BGMAX, version 01)"
	msgTestFile        = "{{.File}}, line 1: this is a test file from Bankgirot (marked T); its payments were never made"
	msgLength          = "{{.File}}, line {{.Line}}: the record is {{.Length}} characters long; BGMax records are 80"
	msgLineTooLong     = "{{.File}}, line {{.Line}}: the line is longer than {{.Max}} characters; BGMax records are 80"
	msgOutOfPlace      = "{{.File}}, line {{.Line}}: a record of type {{.Type}} cannot come here"
	msgTruncated       = "{{.File}} ends after line {{.Line}} without its end record (70): the file is incomplete"
	msgAfterEnd        = "{{.File}}, line {{.Line}}: there is more after the end record (70)"
	msgNotNumber       = "{{.File}}, line {{.Line}}, positions {{.From}}–{{.To}}: {{.Value}} is not a number"
	msgNotDate         = "{{.File}}, line {{.Line}}: {{.Value}} is not a date"
	msgCurrency        = "{{.File}}, line {{.Line}}: the currency is {{.Currency}}; Påminn handles SEK only"
	msgDepositCount    = "{{.File}}, line {{.Line}}: the deposit record counts {{.Want}} payments, the section has {{.Got}}"
	msgDepositSum      = "{{.File}}, line {{.Line}}: the deposit record says {{.Want}}, the section's payments add up to {{.Got}}"
	msgEndCount        = "{{.File}}, line {{.Line}}: the end record counts {{.Want}} records of type {{.Type}}, the file has {{.Got}}"
	msgDuplicateSerial = "{{.File}}, line {{.Line}}: Bankgirot's serial number {{.Serial}} is also on line {{.First}}, in the same deposit ({{.Date}}, deposit {{.Deposit}}); the file may list one payment twice"
	msgAmountRange     = "{{.File}}, line {{.Line}}: {{.Value}} is too large an amount; Påminn takes amounts up to {{.Max}} kr"

	// Notes: read, but worth the user's eye.
	msgSkippedType = "Records of type {{.Value}}, which Påminn does not know, were skipped ({{.Count}}, the first on line {{.Line}}); Bankgirot's manual says a reader may skip them"
	msgNoSerial    = "Payments without Bankgirot's serial number: {{.Count}} (the first on line {{.Line}}); each is told apart by its place in its deposit"
	msgOddPayerID  = "The payer's organisation number on line {{.Line}} is written {{.Value}}; only its digits were kept"

	msgXML          = "{{.File}}, line {{.Line}}: the XML cannot be read"
	msgNotCamt054   = "{{.File}} is XML but not an ISO 20022 camt.054 notification (BkToCstmrDbtCdtNtfctn)"
	msgNoAmount     = "{{.File}}, line {{.Line}}: the entry has no amount"
	msgBadAmount    = "{{.File}}, line {{.Line}}: {{.Value}} is not an amount"
	msgNoDate       = "{{.File}}, line {{.Line}}: the entry has neither a booking date nor a value date"
	msgNoEntryRef   = "{{.File}}, line {{.Line}}: the entry has no reference (NtryRef or AcctSvcrRef), so it could be imported twice"
	msgEntrySum     = "{{.File}}, line {{.Line}}: the entry's amount is {{.Want}}, its transactions add up to {{.Got}}"
	msgSummaryCount = "{{.File}}: the summary counts {{.Want}} credit entries, the file has {{.Got}}"
	msgSummarySum   = "{{.File}}: the summary's credit entries add up to {{.Want}}, the file's to {{.Got}}"
	msgEncoding     = "{{.File}}: the character encoding {{.Encoding}} is not supported"
	msgDuplicateTx  = "{{.File}}, line {{.Line}}: the bank's reference {{.Reference}} is on line {{.First}} too; the file may list one payment twice"
	msgBadIndicator = "{{.File}}, line {{.Line}}: {{.Value}} is neither CRDT nor DBIT (CdtDbtInd)"
	msgNoEntries    = "{{.File}} has no entries: it lists no payments received"
	msgOnlyDebits   = "{{.File}} lists payments out of the account, not payments received; there is nothing in it to register"
	msgTooDeep      = "{{.File}}, line {{.Line}}: the XML nests deeper than {{.Max}} elements; no camt.054 file does"
	msgTooManyAttrs = "{{.File}}, line {{.Line}}: an element has more than {{.Max}} attributes; no camt.054 file does"
	msgTooLong      = "{{.File}}, line {{.Line}}: a piece of the XML is longer than {{.Max}} characters; no camt.054 file has one"
	msgFieldTooLong = "{{.File}}, line {{.Line}}: {{.Element}} is longer than {{.Max}} characters; the camt.054 message allows {{.Allowed}}"

	// Notes of camt.054.
	msgSkippedDebits = "Payments out of the account were left out: {{.Count}} (the first on line {{.Line}})"
	msgReturned      = "Returned payments of your own were left out: {{.Count}} (the first on line {{.Line}}); money coming back is not a customer's payment"
	msgEntryAsOne    = "Entries whose transactions carry no amounts of their own were read as one payment each: {{.Count}} (the first on line {{.Line}})"
)
