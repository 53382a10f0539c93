// Package bankfile reads the files of incoming payments Swedish businesses get from
// the bank: Bankgirot's BgMax file ("Bankgiro Inbetalningar", written from Bankgirot's
// "Bankgiro Inbetalningar — Technical Manual", the BgMax record layouts 01, 05, 20–29,
// 15 and 70) and ISO 20022 camt.054 ("BankToCustomerDebitCreditNotification",
// message definitions camt.054.001.02 to .08). It works on bytes only: no file I/O,
// no matching to invoices — that is core's.
package bankfile

import (
	"bytes"

	"paminn/core"
)

// Reader is the core.BankFileReader over these parsers.
type Reader struct{}

// ReadBankFile parses content as BGMax or camt.054, whichever it is.
func (Reader) ReadBankFile(name string, content []byte) (core.BankFile, error) {
	return Read(name, content)
}

// Read parses content as a BGMax file when it starts with a BGMax opening record, as
// camt.054 when it starts like XML, and refuses anything else.
func Read(name string, content []byte) (core.BankFile, error) {
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(content, []byte("\xef\xbb\xbf")), " \t\r\n")
	switch {
	case bytes.HasPrefix(trimmed, []byte("01BGMAX")):
		return ReadBGMax(name, content)
	case bytes.HasPrefix(trimmed, []byte("<")):
		return ReadCamt054(name, content)
	}
	return core.BankFile{}, core.Errorf(core.EINVALID, msgUnknownFormat, map[string]any{"File": name})
}

// The messages of this package: English text/templates that are also the GUI's
// translation keys. Each names the file and, where there is one, the line.
const (
	msgUnknownFormat = "{{.File}} is neither a BGMax file from Bankgirot nor an ISO 20022 camt.054 file"
	msgEmpty         = "{{.File}} is empty"
	msgNotBGMax      = "{{.File}}, line 1: the file does not start with a BGMax opening record (01 with BGMAX, version 01)"
	msgTestFile      = "{{.File}}, line 1: this is a test file from Bankgirot (marked T); its payments were never made"
	msgLength        = "{{.File}}, line {{.Line}}: the record is {{.Length}} characters long; BGMax records are 80"
	msgUnknownType   = "{{.File}}, line {{.Line}}: {{.Type}} is not a BGMax record type"
	msgOutOfPlace    = "{{.File}}, line {{.Line}}: a record of type {{.Type}} cannot come here"
	msgTruncated     = "{{.File}} ends after line {{.Line}} without its end record (70): the file is incomplete"
	msgAfterEnd      = "{{.File}}, line {{.Line}}: there is more after the end record (70)"
	msgNotNumber     = "{{.File}}, line {{.Line}}, positions {{.From}}–{{.To}}: {{.Value}} is not a number"
	msgNotDate       = "{{.File}}, line {{.Line}}: {{.Value}} is not a date"
	msgCurrency      = "{{.File}}, line {{.Line}}: the currency is {{.Currency}}; Påminn handles SEK only"
	msgDepositCount  = "{{.File}}, line {{.Line}}: the deposit record counts {{.Want}} payments, the section has {{.Got}}"
	msgDepositSum    = "{{.File}}, line {{.Line}}: the deposit record says {{.Want}}, the section's payments add up to {{.Got}}"
	msgEndCount      = "{{.File}}, line {{.Line}}: the end record counts {{.Want}} records of type {{.Type}}, the file has {{.Got}}"
	msgDuplicateKey  = "{{.File}}, line {{.Line}}: the payment's reference {{.Key}} appears twice in the file"

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
)
