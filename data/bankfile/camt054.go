package bankfile

import (
	"bufio"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"strings"

	"github.com/shopspring/decimal"
	"golang.org/x/text/encoding/charmap"

	"paminn/core"
)

// ReadCamt054 parses a camt.054 notification held in memory; see ReadCamt054From.
func ReadCamt054(name string, content []byte) (core.BankFile, error) {
	return ReadCamt054From(context.Background(), name, bytes.NewReader(content))
}

// ReadCamt054From parses an ISO 20022 camt.054 notification: every booked (Sts BOOK)
// credit (CdtDbtInd CRDT) entry of every Ntfctn, one payment per transaction
// (NtryDtls/TxDtls; an entry without details is one payment, and so is an entry whose
// transactions do not all state their amount, which .02 and .03 allow), with the
// structured creditor reference (RmtInf/Strd/CdtrRefInf/Ref), the unstructured
// remittance text (RmtInf/Ustrd), the debtor's name, the creditor's account
// (RltdPties/CdtrAcct, else the notification's Acct) and the booking date (else the
// value date). A transaction's own CdtDbtInd (mandatory from .04) says whether it
// is money in or out. Debit entries, reversals, entries not yet booked and returned
// payments of the company's own (RtrInf, or a bank transaction code BkTxCd of an
// issued payment or a return) are not payments received and are left out, and the
// file's Notes say so; a file of debit entries only is refused. An entry's amount
// must equal its transactions' sum, and the notification's summary
// (TxsSummry/TtlCdtNtries), when present, its credit entries. The XML is read as a
// stream within the bounds of xmlGuard; cancelling ctx stops the reading.
func ReadCamt054From(ctx context.Context, name string, r io.Reader) (core.BankFile, error) {
	br := bufio.NewReader(r)
	if head, _ := br.Peek(len(utf8BOM)); bytes.Equal(head, utf8BOM) {
		_, _ = br.Discard(len(utf8BOM))
	}
	p := &camtParser{file: core.BankFile{Name: name, Format: core.FormatCamt054}, keys: map[string]int{},
		accounts: map[string]bool{}}
	p.dec = xml.NewDecoder(newXMLGuard(ctx, br))
	p.dec.CharsetReader = p.charsetReader
	if err := p.parse(); err != nil {
		return core.BankFile{}, err
	}
	p.file.Notes = append(p.file.Notes, p.notes.list()...)
	return p.file, nil
}

// camtParser reads a camt.054 document element by element, so each entry's line is known.
type camtParser struct {
	file     core.BankFile
	dec      *xml.Decoder
	keys     map[string]int // transaction keys, by the line they are on
	accounts map[string]bool
	account  string // the current notification's account: bankgiro digits, else IBAN
	notes    noteList

	credits    int             // every credit entry, booked or not, for the summary
	creditSum  decimal.Decimal // their sum
	debits     int             // debit entries
	allCredits int             // credit entries in every notification
	summary    *camtSummary
}

func (p *camtParser) charsetReader(label string, r io.Reader) (io.Reader, error) {
	switch strings.ToLower(label) {
	case "iso-8859-1", "iso8859-1", "latin1", "latin-1":
		return charmap.ISO8859_1.NewDecoder().Reader(r), nil
	case "utf-8", "utf8":
		return r, nil
	}
	return nil, core.Errorf(core.EINVALID, msgEncoding, map[string]any{"File": p.file.Name, "Encoding": core.Excerpt(label)})
}

func (p *camtParser) fail(line int, msg string, data map[string]any) error {
	d := map[string]any{"File": p.file.Name, "Line": line}
	for k, v := range data {
		d[k] = v
	}
	return core.Errorf(core.EINVALID, msg, d)
}

// xmlError turns what the decoder returned into an *Error: a bound the guard set, a
// cancelled reading, a failed read, or XML that cannot be read.
func (p *camtParser) xmlError(err error) error {
	var e *core.Error
	if errors.As(err, &e) {
		return e
	}
	var g *guardError
	if errors.As(err, &g) {
		return p.fail(g.line, g.msg, map[string]any{"Max": g.max})
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return cancelled(p.file.Name, err)
	}
	line, _ := p.dec.InputPos()
	var syntax *xml.SyntaxError
	if !errors.As(err, &syntax) && !errors.Is(err, io.ErrUnexpectedEOF) {
		return core.Wrap(err, core.EUNAVAILABLE, msgCannotRead, map[string]any{"File": p.file.Name})
	}
	return core.Wrap(err, core.EINVALID, msgXML, map[string]any{"File": p.file.Name, "Line": line})
}

func (p *camtParser) parse() error {
	seenRoot := false
	for {
		tok, err := p.dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return p.xmlError(err)
		}
		start, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if start.Name.Local == "BkToCstmrDbtCdtNtfctn" {
			seenRoot = true
		}
		if err := p.element(start, seenRoot); err != nil {
			return err
		}
	}
	if !seenRoot {
		return core.Errorf(core.EINVALID, msgNotCamt054, map[string]any{"File": p.file.Name})
	}
	if err := p.checkSummary(); err != nil {
		return err
	}
	switch {
	case p.debits > 0 && p.allCredits == 0:
		return core.Errorf(core.EINVALID, msgOnlyDebits, map[string]any{"File": p.file.Name})
	case p.debits == 0 && p.allCredits == 0:
		return core.Errorf(core.EINVALID, msgNoEntries, map[string]any{"File": p.file.Name})
	}
	return nil
}

// element reads the elements of a notification that matter: Ntfctn (each has its
// own summary), Acct, TxsSummry and Ntry.
func (p *camtParser) element(start xml.StartElement, seenRoot bool) error {
	switch start.Name.Local {
	case "Ntfctn":
		if err := p.checkSummary(); err != nil {
			return err
		}
		p.summary, p.credits, p.creditSum, p.account = nil, 0, decimal.Zero, ""
	case "Acct":
		return p.readAccount(start, p.at())
	case "TxsSummry":
		var s camtSummary
		if err := p.dec.DecodeElement(&s, &start); err != nil {
			return p.xmlError(err)
		}
		p.summary = &s
	case "Ntry":
		if !seenRoot {
			return core.Errorf(core.EINVALID, msgNotCamt054, map[string]any{"File": p.file.Name})
		}
		line := p.at()
		var e camtEntry
		if err := p.dec.DecodeElement(&e, &start); err != nil {
			return p.xmlError(err)
		}
		return p.entry(e, line)
	}
	return nil
}

// at is the line of the start tag just read (InputPos after Token is its end).
func (p *camtParser) at() int {
	line, _ := p.dec.InputPos()
	return line
}

func (p *camtParser) readAccount(start xml.StartElement, line int) error {
	var a camtAccount
	if err := p.dec.DecodeElement(&a, &start); err != nil {
		return p.xmlError(err)
	}
	acc, err := p.bankAccount(a, line)
	if err != nil {
		return err
	}
	p.account = acc.id()
	p.addAccount(acc)
	return nil
}

// bankAccount is a CdtrAcct or Acct as a core.BankAccount.
func (p *camtParser) bankAccount(a camtAccount, line int) (accountAt, error) {
	if err := p.checkLengths(line, field{"IBAN", a.IBAN, 34}, field{"Othr/Id", a.Othr, 34}); err != nil {
		return accountAt{}, err
	}
	acc := core.BankAccount{IBAN: strings.TrimSpace(a.IBAN), Line: line}
	if strings.EqualFold(strings.TrimSpace(a.Scheme), "BGNR") {
		acc.Bankgiro = onlyDigits(a.Othr)
	}
	return accountAt{acc}, nil
}

// accountAt is a receiving account; id is how a payment names it.
type accountAt struct{ core.BankAccount }

func (a accountAt) id() string {
	if a.Bankgiro != "" {
		return a.Bankgiro
	}
	return a.IBAN
}

// addAccount lists an account the file names, once.
func (p *camtParser) addAccount(a accountAt) {
	if id := a.id(); id != "" && !p.accounts[id] {
		p.accounts[id] = true
		p.file.Accounts = append(p.file.Accounts, a.BankAccount)
	}
}

func onlyDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}
