package bankfile

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strings"
	"time"

	"github.com/shopspring/decimal"
	"golang.org/x/text/encoding/charmap"

	"paminn/core"
)

// Deposit is one section of a BGMax file to write: the payments Bankgirot deposited
// on one date.
type Deposit struct {
	Date     core.Date
	Serial   int // the deposit's serial number (1–99999)
	Payments []core.BankPayment
}

// WriteBGMax writes a BgMax file in the layout ReadBGMax reads (the demo's and the
// tests' files): one section per deposit into bankgiro. Each payment's BGC serial
// number is its place in the file; extra references are records 22 (with
// ExtraAmounts) and deducted credit notes records 23. Text the ISO-8859-1 character
// set lacks becomes "?".
func WriteBGMax(created time.Time, bankgiro string, deposits []Deposit) []byte {
	var b bytes.Buffer
	rec := func(parts ...string) {
		line := strings.Join(parts, "")
		enc, err := charmap.ISO8859_1.NewEncoder().String(line)
		if err != nil {
			enc = strings.Map(func(r rune) rune {
				if r > 0xff {
					return '?'
				}
				return r
			}, line)
			enc, _ = charmap.ISO8859_1.NewEncoder().String(enc)
		}
		b.WriteString(enc + strings.Repeat(" ", recordLength-len([]rune(line))) + "\r\n")
	}
	rec("01", left("BGMAX", 20), "01", created.UTC().Format("20060102150405"), fmt.Sprintf("%06d", created.Nanosecond()/1000), "P")
	var n20, n21, n22 int
	serial := 0
	for _, d := range deposits {
		rec("05", zeros(bankgiro, 10), left("", 10), core.Currency)
		sum := decimal.Zero
		for _, p := range d.Payments {
			serial++
			typ, ore := "20", core.ToOre(p.Amount)
			if ore < 0 {
				typ, ore = "21", -ore
				n21++
			} else {
				n20++
			}
			sum = sum.Add(p.Amount)
			code := "2" // reference code 2: the reference is a correct OCR number
			if p.Reference == "" {
				code = "1"
			}
			rec(typ, zeros("", 10), right(p.Reference, 25), fmt.Sprintf("%018d", ore), code, "1", fmt.Sprintf("%012d", serial), "0", deductionCode(typ))
			n22 += writeExtraReferences(rec, p, serial)
			for msg := []rune(p.Message); len(msg) > 0; {
				k := min(len(msg), 50)
				rec("25", string(msg[:k]))
				msg = msg[k:]
			}
			if p.PayerName != "" {
				rec("26", left(p.PayerName, 35))
			}
			if p.PayerID != "" {
				rec("29", zeros(p.PayerID, 12))
			}
		}
		rec("15", zeros("1", 35), d.Date.Time().Format("20060102"), fmt.Sprintf("%05d", d.Serial),
			fmt.Sprintf("%018d", core.ToOre(sum)), core.Currency, fmt.Sprintf("%08d", len(d.Payments)))
	}
	rec("70", fmt.Sprintf("%08d%08d%08d%08d", n20, n21, n22, len(deposits)))
	return b.Bytes()
}

// writeExtraReferences writes a payment's records 22 (extra references, with their
// amounts) and 23 (credit notes deducted) and returns how many it wrote.
func writeExtraReferences(rec func(...string), p core.BankPayment, serial int) int {
	for i, x := range p.Extra {
		var ore int64
		if i < len(p.ExtraAmounts) {
			ore = core.ToOre(p.ExtraAmounts[i])
		}
		rec("22", zeros("", 10), right(x, 25), fmt.Sprintf("%018d", ore), "2", "1", fmt.Sprintf("%012d", serial), "0")
	}
	for _, d := range p.Deducted {
		rec("23", zeros("", 10), right(d.Reference, 25), fmt.Sprintf("%018d", core.ToOre(d.Amount)), "4", "1", fmt.Sprintf("%012d", serial), "0")
	}
	return len(p.Extra) + len(p.Deducted)
}

func deductionCode(typ string) string {
	if typ == "21" {
		return "0"
	}
	return ""
}

func left(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		r = r[:n]
	}
	return string(r) + strings.Repeat(" ", n-len(r))
}

func right(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		r = r[len(r)-n:]
	}
	return strings.Repeat(" ", n-len(r)) + string(r)
}

func zeros(digits string, n int) string {
	digits = onlyDigits(digits)
	if len(digits) > n {
		digits = digits[len(digits)-n:]
	}
	return strings.Repeat("0", n-len(digits)) + digits
}

// WriteCamt054 writes a camt.054.001.02 notification in the layout ReadCamt054 reads
// (the demo's and the tests' files): one booked credit entry per payment into
// bankgiro, its NtryRef and AcctSvcrRef the payment's Key, with one transaction
// carrying the reference as a structured creditor reference and the message as
// unstructured text.
func WriteCamt054(created time.Time, msgID, bankgiro string, payments []core.BankPayment) []byte {
	var b bytes.Buffer
	esc := func(s string) string {
		var e bytes.Buffer
		_ = xml.EscapeText(&e, []byte(s))
		return e.String()
	}
	sum := decimal.Zero
	for _, p := range payments {
		sum = sum.Add(p.Amount)
	}
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.02">
  <BkToCstmrDbtCdtNtfctn>
    <GrpHdr><MsgId>%s</MsgId><CreDtTm>%s</CreDtTm></GrpHdr>
    <Ntfctn>
      <Id>%s-1</Id>
      <CreDtTm>%s</CreDtTm>
      <Acct><Id><Othr><Id>%s</Id><SchmeNm><Prtry>BGNR</Prtry></SchmeNm></Othr></Id><Ccy>SEK</Ccy></Acct>
      <TxsSummry><TtlCdtNtries><NbOfNtries>%d</NbOfNtries><Sum>%s</Sum></TtlCdtNtries></TxsSummry>
`, esc(msgID), created.UTC().Format(time.RFC3339), esc(msgID), created.UTC().Format(time.RFC3339),
		onlyDigits(bankgiro), len(payments), sum.StringFixed(2))
	for _, p := range payments {
		fmt.Fprintf(&b, `      <Ntry>
        <NtryRef>%s</NtryRef>
        <Amt Ccy="SEK">%s</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd>
        <Sts>BOOK</Sts>
        <BookgDt><Dt>%s</Dt></BookgDt>
        <ValDt><Dt>%s</Dt></ValDt>
        <AcctSvcrRef>%s</AcctSvcrRef>
        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>DMCT</SubFmlyCd></Fmly></Domn></BkTxCd>
        <NtryDtls><TxDtls>
          <Refs><AcctSvcrRef>%s</AcctSvcrRef></Refs>
          <AmtDtls><TxAmt><Amt Ccy="SEK">%s</Amt></TxAmt></AmtDtls>
          <RltdPties><Dbtr><Nm>%s</Nm></Dbtr></RltdPties>
          <RmtInf>`, esc(p.Key), p.Amount.StringFixed(2), p.Date, p.Date, esc(p.Key), esc(p.Key),
			p.Amount.StringFixed(2), esc(p.PayerName))
		if p.Message != "" {
			fmt.Fprintf(&b, `<Ustrd>%s</Ustrd>`, esc(p.Message))
		}
		if p.Reference != "" {
			fmt.Fprintf(&b, `<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp><Ref>%s</Ref></CdtrRefInf></Strd>`, esc(p.Reference))
		}
		b.WriteString("</RmtInf>\n        </TxDtls></NtryDtls>\n      </Ntry>\n")
	}
	b.WriteString("    </Ntfctn>\n  </BkToCstmrDbtCdtNtfctn>\n</Document>\n")
	return b.Bytes()
}
