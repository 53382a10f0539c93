package bankfile

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
	"golang.org/x/text/encoding/charmap"

	"paminn/core"
)

// The camt.054 elements read, by the names of the ISO 20022 message definition
// BankToCustomerDebitCreditNotificationV02…V08 (Document/BkToCstmrDbtCdtNtfctn/Ntfctn).
// Namespaces are ignored, so every version of the message reads the same; where a
// later version moved an element (Sts/Cd, TxDtls/Amt, Dbtr/Pty/Nm) both places are read.
type camtEntry struct {
	NtryRef     string     `xml:"NtryRef"`
	Amt         camtAmount `xml:"Amt"`
	CdtDbtInd   string     `xml:"CdtDbtInd"`
	RvslInd     bool       `xml:"RvslInd"`
	Sts         camtStatus `xml:"Sts"`
	BookgDt     camtDate   `xml:"BookgDt"`
	ValDt       camtDate   `xml:"ValDt"`
	AcctSvcrRef string     `xml:"AcctSvcrRef"`
	TxDtls      []camtTx   `xml:"NtryDtls>TxDtls"`
}

type camtAmount struct {
	Value string `xml:",chardata"`
	Ccy   string `xml:"Ccy,attr"`
}

// camtStatus is Sts: text in V02–V07 ("BOOK"), a code element in V08 (<Cd>BOOK</Cd>).
type camtStatus struct {
	Text string `xml:",chardata"`
	Cd   string `xml:"Cd"`
}

func (s camtStatus) booked() bool {
	v := strings.TrimSpace(s.Text)
	if s.Cd != "" {
		v = strings.TrimSpace(s.Cd)
	}
	return v == "BOOK"
}

type camtDate struct {
	Dt   string `xml:"Dt"`
	DtTm string `xml:"DtTm"`
}

func (d camtDate) date() (core.Date, bool) {
	s := strings.TrimSpace(d.Dt)
	if s == "" && len(strings.TrimSpace(d.DtTm)) >= 10 {
		s = strings.TrimSpace(d.DtTm)[:10]
	}
	if s == "" {
		return core.Date{}, false
	}
	date, err := core.ParseDate(s)
	return date, err == nil
}

type camtTx struct {
	AcctSvcrRef string     `xml:"Refs>AcctSvcrRef"`
	EndToEndID  string     `xml:"Refs>EndToEndId"`
	Amt         camtAmount `xml:"Amt"`               // V04 onwards
	TxAmt       camtAmount `xml:"AmtDtls>TxAmt>Amt"` // V02, V03
	DbtrNm      string     `xml:"RltdPties>Dbtr>Nm"`
	DbtrPtyNm   string     `xml:"RltdPties>Dbtr>Pty>Nm"`
	Ustrd       []string   `xml:"RmtInf>Ustrd"`
	Refs        []string   `xml:"RmtInf>Strd>CdtrRefInf>Ref"`
}

func (t camtTx) amount() camtAmount {
	if strings.TrimSpace(t.Amt.Value) != "" {
		return t.Amt
	}
	return t.TxAmt
}

type camtAccount struct {
	IBAN   string `xml:"Id>IBAN"`
	Othr   string `xml:"Id>Othr>Id"`
	Scheme string `xml:"Id>Othr>SchmeNm>Prtry"`
}

type camtSummary struct {
	Count string `xml:"TtlCdtNtries>NbOfNtries"`
	Sum   string `xml:"TtlCdtNtries>Sum"`
}

// camtParser reads a camt.054 document element by element, so each entry's line is known.
type camtParser struct {
	file core.BankFile
	dec  *xml.Decoder
	keys map[string]bool

	credits    int             // every credit entry, booked or not, for the summary
	creditSum  decimal.Decimal // their sum
	summary    *camtSummary
	summaryErr error
}

// ReadCamt054 parses an ISO 20022 camt.054 notification: every booked (Sts BOOK)
// credit (CdtDbtInd CRDT) entry of every Ntfctn, one payment per transaction
// (NtryDtls/TxDtls; an entry without details is one payment), with the structured
// creditor reference (RmtInf/Strd/CdtrRefInf/Ref), the unstructured remittance text
// (RmtInf/Ustrd), the debtor's name and the booking date (else the value date).
// Debit entries, reversals and entries not yet booked are not payments received and
// are left out. An entry's amount must equal its transactions' sum, and the
// notification's summary (TxsSummry/TtlCdtNtries), when present, its credit entries.
func ReadCamt054(name string, content []byte) (core.BankFile, error) {
	p := &camtParser{file: core.BankFile{Name: name, Format: core.FormatCamt054}, keys: map[string]bool{}}
	p.dec = xml.NewDecoder(bytes.NewReader(content))
	p.dec.CharsetReader = p.charsetReader
	if err := p.parse(); err != nil {
		return core.BankFile{}, err
	}
	return p.file, nil
}

func (p *camtParser) charsetReader(label string, r io.Reader) (io.Reader, error) {
	switch strings.ToLower(label) {
	case "iso-8859-1", "iso8859-1", "latin1", "latin-1":
		return charmap.ISO8859_1.NewDecoder().Reader(r), nil
	case "utf-8", "utf8":
		return r, nil
	}
	return nil, core.Errorf(core.EINVALID, msgEncoding, map[string]any{"File": p.file.Name, "Encoding": label})
}

func (p *camtParser) fail(line int, msg string, data map[string]any) error {
	d := map[string]any{"File": p.file.Name, "Line": line}
	for k, v := range data {
		d[k] = v
	}
	return core.Errorf(core.EINVALID, msg, d)
}

func (p *camtParser) xmlError(err error) error {
	var e *core.Error
	if errors.As(err, &e) {
		return e
	}
	line, _ := p.dec.InputPos()
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
		switch start.Name.Local {
		case "BkToCstmrDbtCdtNtfctn":
			seenRoot = true
		case "Ntfctn":
			// Each notification's summary covers its own entries.
			if err := p.checkSummary(); err != nil {
				return err
			}
			p.summary, p.credits, p.creditSum = nil, 0, decimal.Zero
		case "Acct":
			if err := p.account(start, p.at()); err != nil {
				return err
			}
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
			startLine := p.at()
			var e camtEntry
			if err := p.dec.DecodeElement(&e, &start); err != nil {
				return p.xmlError(err)
			}
			if err := p.entry(e, startLine); err != nil {
				return err
			}
		}
	}
	if !seenRoot {
		return core.Errorf(core.EINVALID, msgNotCamt054, map[string]any{"File": p.file.Name})
	}
	return p.checkSummary()
}

// at is the line of the start tag just read (InputPos after Token is its end).
func (p *camtParser) at() int {
	line, _ := p.dec.InputPos()
	return line
}

func (p *camtParser) account(start xml.StartElement, line int) error {
	var a camtAccount
	if err := p.dec.DecodeElement(&a, &start); err != nil {
		return p.xmlError(err)
	}
	acc := core.BankAccount{IBAN: strings.TrimSpace(a.IBAN), Line: line}
	if strings.EqualFold(strings.TrimSpace(a.Scheme), "BGNR") {
		acc.Bankgiro = onlyDigits(a.Othr)
	}
	p.file.Accounts = append(p.file.Accounts, acc)
	return nil
}

func onlyDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

// entry turns one Ntry into payments.
func (p *camtParser) entry(e camtEntry, line int) error {
	if strings.TrimSpace(e.CdtDbtInd) != "CRDT" {
		return nil
	}
	amount, err := p.amount(e.Amt, line)
	if err != nil {
		return err
	}
	p.credits++
	p.creditSum = p.creditSum.Add(amount)
	if !e.Sts.booked() || e.RvslInd {
		return nil
	}
	date, ok := e.BookgDt.date()
	if !ok {
		if date, ok = e.ValDt.date(); !ok {
			return p.fail(line, msgNoDate, nil)
		}
	}
	ref := strings.TrimSpace(e.NtryRef)
	if ref == "" {
		ref = strings.TrimSpace(e.AcctSvcrRef)
	}
	if ref == "" {
		return p.fail(line, msgNoEntryRef, nil)
	}
	txs := e.TxDtls
	if len(txs) == 0 {
		txs = []camtTx{{}}
	}
	sum := decimal.Zero
	for i, tx := range txs {
		pay, err := p.transaction(tx, ref, i, len(txs), amount, date, line)
		if err != nil {
			return err
		}
		sum = sum.Add(pay.Amount)
		p.file.Payments = append(p.file.Payments, pay)
	}
	if !sum.Equal(amount) {
		return p.fail(line, msgEntrySum, map[string]any{"Want": core.FormatSEK(amount), "Got": core.FormatSEK(sum)})
	}
	p.file.Total = p.file.Total.Add(amount)
	return nil
}

// transaction is one TxDtls of an entry as a payment; a lone transaction without an
// amount of its own takes the entry's.
func (p *camtParser) transaction(tx camtTx, entryRef string, i, n int, entryAmount decimal.Decimal, date core.Date, line int) (core.BankPayment, error) {
	amount := entryAmount
	if a := tx.amount(); strings.TrimSpace(a.Value) != "" || n > 1 {
		var err error
		if amount, err = p.amount(a, line); err != nil {
			return core.BankPayment{}, err
		}
	}
	txRef := strings.TrimSpace(tx.AcctSvcrRef)
	if txRef == "" {
		txRef = "#" + strconv.Itoa(i+1)
	}
	key := "camt054:" + entryRef + ":" + txRef
	if p.keys[key] {
		return core.BankPayment{}, p.fail(line, msgDuplicateKey, map[string]any{"Key": key})
	}
	p.keys[key] = true
	pay := core.BankPayment{Key: key, Line: line, Date: date, Amount: amount,
		Message: strings.TrimSpace(strings.Join(tx.Ustrd, " ")), PayerName: strings.TrimSpace(tx.DbtrNm)}
	if pay.PayerName == "" {
		pay.PayerName = strings.TrimSpace(tx.DbtrPtyNm)
	}
	for _, r := range tx.Refs {
		if r = strings.TrimSpace(r); r == "" {
			continue
		}
		if pay.Reference == "" {
			pay.Reference = r
		} else {
			pay.Extra = append(pay.Extra, r)
		}
	}
	return pay, nil
}

// amount reads an amount in SEK, not negative (the sign is CdtDbtInd's).
func (p *camtParser) amount(a camtAmount, line int) (decimal.Decimal, error) {
	v := strings.TrimSpace(a.Value)
	if v == "" {
		return decimal.Zero, p.fail(line, msgNoAmount, nil)
	}
	d, err := decimal.NewFromString(v)
	if err != nil || d.IsNegative() || d.Exponent() < -2 || strings.ContainsAny(v, "eE") {
		return decimal.Zero, p.fail(line, msgBadAmount, map[string]any{"Value": v})
	}
	if cur := strings.TrimSpace(a.Ccy); cur != core.Currency {
		return decimal.Zero, p.fail(line, msgCurrency, map[string]any{"Currency": cur})
	}
	return d, nil
}

func (p *camtParser) checkSummary() error {
	if p.summary == nil {
		return nil
	}
	if c := strings.TrimSpace(p.summary.Count); c != "" && c != strconv.Itoa(p.credits) {
		return core.Errorf(core.EINVALID, msgSummaryCount, map[string]any{"File": p.file.Name, "Want": c, "Got": p.credits})
	}
	if s := strings.TrimSpace(p.summary.Sum); s != "" {
		want, err := decimal.NewFromString(s)
		if err != nil || !want.Equal(p.creditSum) {
			return core.Errorf(core.EINVALID, msgSummarySum, map[string]any{"File": p.file.Name, "Want": s, "Got": core.FormatSEK(p.creditSum)})
		}
	}
	return nil
}
