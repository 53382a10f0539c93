package bankfile

import (
	"encoding/xml"
	"strings"

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
	BkTxCd      camtTxCode `xml:"BkTxCd"`
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

// date reads the date, or the date part of the date and time. ok is false when no
// date is written; bad holds what was written when it is not a date (2026-02-30), so
// the reader can say so instead of calling the date missing.
func (d camtDate) date() (date core.Date, ok bool, bad string) {
	s := strings.TrimSpace(d.Dt)
	if s == "" && len(strings.TrimSpace(d.DtTm)) >= 10 {
		s = strings.TrimSpace(d.DtTm)[:10]
	}
	if s == "" {
		return core.Date{}, false, ""
	}
	if len(s) > 10 {
		return core.Date{}, false, s
	}
	date, err := core.ParseDate(s)
	if err != nil {
		return core.Date{}, false, s
	}
	return date, true, ""
}

// camtTxCode is BkTxCd, the ISO 20022 External Bank Transaction Code: domain
// (PMNT: payments), family (RCDT received credit transfers, ICDT issued credit
// transfers, …) and sub-family (DMCT, RRTN reversal due to a payment return, …).
type camtTxCode struct {
	Domain    string `xml:"Domn>Cd"`
	Family    string `xml:"Domn>Fmly>Cd"`
	SubFamily string `xml:"Domn>Fmly>SubFmlyCd"`
}

// returned reports whether money in with this code is a payment of the company's own
// coming back: a family of payments the account holder issued (credit transfers,
// direct debits, cheques), or a sub-family of returns and reversals.
func (c camtTxCode) returned() bool {
	switch strings.TrimSpace(c.Family) {
	case "ICDT", "IDDT", "ICHQ":
		return true
	}
	switch strings.TrimSpace(c.SubFamily) {
	case "RRTN", "ARET", "RPCR", "UPCT", "CQRV":
		return true
	}
	return false
}

type camtTx struct {
	AcctSvcrRef string       `xml:"Refs>AcctSvcrRef"`
	EndToEndID  string       `xml:"Refs>EndToEndId"`
	Amt         camtAmount   `xml:"Amt"`               // V04 onwards
	TxAmt       camtAmount   `xml:"AmtDtls>TxAmt>Amt"` // V02, V03
	CdtDbtInd   string       `xml:"CdtDbtInd"`         // V04 onwards, mandatory
	BkTxCd      camtTxCode   `xml:"BkTxCd"`
	DbtrNm      string       `xml:"RltdPties>Dbtr>Nm"`
	DbtrPtyNm   string       `xml:"RltdPties>Dbtr>Pty>Nm"`
	CdtrAcct    *camtAccount `xml:"RltdPties>CdtrAcct"`
	Ustrd       cappedTexts  `xml:"RmtInf>Ustrd"`
	Refs        cappedTexts  `xml:"RmtInf>Strd>CdtrRefInf>Ref"`
	RtrInf      present      `xml:"RtrInf"`
}

func (t camtTx) amount() camtAmount {
	if strings.TrimSpace(t.Amt.Value) != "" {
		return t.Amt
	}
	return t.TxAmt
}

// returned reports whether the transaction is a payment of the company's own that
// came back (it carries return information, or a bank transaction code of one).
func (t camtTx) returned() bool { return bool(t.RtrInf) || t.BkTxCd.returned() }

// check refuses a transaction whose texts are far longer than the schema allows.
func (t camtTx) check(p *camtParser, line int) error {
	fs := []field{{"AcctSvcrRef", t.AcctSvcrRef, 35}, {"EndToEndId", t.EndToEndID, 35},
		{"Dbtr/Nm", t.DbtrNm, 140}, {"Dbtr/Pty/Nm", t.DbtrPtyNm, 140}}
	for _, u := range t.Ustrd {
		fs = append(fs, field{"Ustrd", u, 140})
	}
	for _, r := range t.Refs {
		fs = append(fs, field{"CdtrRefInf/Ref", r, 35})
	}
	return p.checkLengths(line, fs...)
}

// maxTexts bounds how many of one repeated text element (Ustrd, Ref) a transaction
// keeps; the rest are passed over.
const maxTexts = 16

// cappedTexts is a repeated text element of which at most maxTexts are kept.
type cappedTexts []string

// UnmarshalXML keeps the element's text while there is room, else skips it.
func (c *cappedTexts) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	if len(*c) >= maxTexts {
		return d.Skip()
	}
	var s string
	if err := d.DecodeElement(&s, &start); err != nil {
		return err
	}
	*c = append(*c, s)
	return nil
}

// present is an element whose presence alone is read.
type present bool

// UnmarshalXML marks the element present and passes over its content.
func (p *present) UnmarshalXML(d *xml.Decoder, _ xml.StartElement) error {
	*p = true
	return d.Skip()
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
