package bankfile_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"paminn/core"
	"paminn/data/bankfile"
)

// camtV02 is a notification in the ISO 20022 message definition camt.054.001.02: a
// booked credit entry with two transactions (one with a structured creditor
// reference, one with unstructured text only), a debit entry and a pending credit
// entry that are not payments received, and the summary of the credit entries.
const camtV02 = `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.02">
 <BkToCstmrDbtCdtNtfctn>
  <GrpHdr><MsgId>M1</MsgId><CreDtTm>2026-11-25T08:00:00</CreDtTm></GrpHdr>
  <Ntfctn>
   <Id>N1</Id>
   <Acct><Id><Othr><Id>5050-1055</Id><SchmeNm><Prtry>BGNR</Prtry></SchmeNm></Othr></Id></Acct>
   <TxsSummry><TtlCdtNtries><NbOfNtries>2</NbOfNtries><Sum>1800.00</Sum></TtlCdtNtries></TxsSummry>
   <Ntry>
    <NtryRef>E1</NtryRef>
    <Amt Ccy="SEK">1500.00</Amt>
    <CdtDbtInd>CRDT</CdtDbtInd>
    <Sts>BOOK</Sts>
    <BookgDt><Dt>2026-11-24</Dt></BookgDt>
    <ValDt><Dt>2026-11-23</Dt></ValDt>
    <AcctSvcrRef>A1</AcctSvcrRef>
    <NtryDtls>
     <TxDtls>
      <Refs><AcctSvcrRef>T1</AcctSvcrRef></Refs>
      <AmtDtls><TxAmt><Amt Ccy="SEK">1250.00</Amt></TxAmt></AmtDtls>
      <RltdPties><Dbtr><Nm>Åkesson &amp; Söner AB</Nm></Dbtr></RltdPties>
      <RmtInf><Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp><Ref>100010503</Ref></CdtrRefInf></Strd></RmtInf>
     </TxDtls>
     <TxDtls>
      <Refs><AcctSvcrRef>T2</AcctSvcrRef></Refs>
      <AmtDtls><TxAmt><Amt Ccy="SEK">250.00</Amt></TxAmt></AmtDtls>
      <RmtInf><Ustrd>Faktura 10002</Ustrd></RmtInf>
     </TxDtls>
    </NtryDtls>
   </Ntry>
   <Ntry>
    <NtryRef>E2</NtryRef>
    <Amt Ccy="SEK">99.00</Amt>
    <CdtDbtInd>DBIT</CdtDbtInd>
    <Sts>BOOK</Sts>
    <BookgDt><Dt>2026-11-24</Dt></BookgDt>
   </Ntry>
   <Ntry>
    <NtryRef>E3</NtryRef>
    <Amt Ccy="SEK">300.00</Amt>
    <CdtDbtInd>CRDT</CdtDbtInd>
    <Sts>PDNG</Sts>
    <BookgDt><Dt>2026-11-24</Dt></BookgDt>
   </Ntry>
  </Ntfctn>
 </BkToCstmrDbtCdtNtfctn>
</Document>
`

// camtV08 is one entry in camt.054.001.08, where Sts holds a code element, a
// transaction's amount is TxDtls/Amt and the debtor's name Dbtr/Pty/Nm.
const camtV08 = `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08">
 <BkToCstmrDbtCdtNtfctn>
  <GrpHdr><MsgId>M8</MsgId><CreDtTm>2026-11-25T08:00:00</CreDtTm></GrpHdr>
  <Ntfctn>
   <Id>N8</Id>
   <Acct><Id><IBAN>SE4550000000058398257466</IBAN></Id></Acct>
   <Ntry>
    <Amt Ccy="SEK">700.00</Amt>
    <CdtDbtInd>CRDT</CdtDbtInd>
    <Sts><Cd>BOOK</Cd></Sts>
    <ValDt><Dt>2026-11-22</Dt></ValDt>
    <AcctSvcrRef>A8</AcctSvcrRef>
    <NtryDtls><TxDtls>
     <Amt Ccy="SEK">700.00</Amt>
     <RltdPties><Dbtr><Pty><Nm>Berits Garn</Nm></Pty></Dbtr></RltdPties>
     <RmtInf><Ustrd>Faktura</Ustrd><Ustrd>10003</Ustrd></RmtInf>
    </TxDtls></NtryDtls>
   </Ntry>
  </Ntfctn>
 </BkToCstmrDbtCdtNtfctn>
</Document>
`

func TestACamt054NotificationReadsItsBookedCreditTransactions(t *testing.T) {
	f, err := bankfile.Read("camt.xml", []byte(camtV02))
	if err != nil {
		t.Fatal(err)
	}
	if f.Format != core.FormatCamt054 || len(f.Accounts) != 1 || f.Accounts[0].Bankgiro != "50501055" || f.Accounts[0].Line != 7 {
		t.Fatalf("file = %+v", f)
	}
	if len(f.Payments) != 2 || !f.Total.Equal(decimal.RequireFromString("1500")) {
		t.Fatalf("payments %+v, total %s", f.Payments, f.Total)
	}
	p, q := f.Payments[0], f.Payments[1]
	if p.Key != "camt054:E1:T1" || p.Line != 9 || p.Date != core.MustDate("2026-11-24") || !p.Amount.Equal(decimal.RequireFromString("1250")) ||
		p.Reference != "100010503" || p.PayerName != "Åkesson & Söner AB" {
		t.Errorf("first payment = %+v", p)
	}
	if q.Key != "camt054:E1:T2" || q.Message != "Faktura 10002" || q.Reference != "" {
		t.Errorf("second payment = %+v", q)
	}
}

func TestACamt054OfALaterVersionReadsTheSame(t *testing.T) {
	f, err := bankfile.Read("camt8.xml", []byte(camtV08))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Payments) != 1 || f.Accounts[0].IBAN == "" || f.Accounts[0].Bankgiro != "" {
		t.Fatalf("file = %+v", f)
	}
	p := f.Payments[0]
	if p.Key != "camt054:A8:#1" || p.Date != core.MustDate("2026-11-22") || p.PayerName != "Berits Garn" || p.Message != "Faktura 10003" {
		t.Errorf("payment = %+v", p)
	}
}

func TestTheCamtWriterWritesWhatTheReaderReads(t *testing.T) {
	pays := []core.BankPayment{{Key: "K1", Date: core.MustDate("2026-11-24"), Amount: decimal.RequireFromString("10.05"),
		Reference: "100010503", PayerName: "A & B", Message: "<hej>"}}
	f, err := bankfile.ReadCamt054("w.xml", bankfile.WriteCamt054(time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC), "M", "5050-1055", pays))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Payments) != 1 || f.Payments[0].Key != "camt054:K1:K1" || f.Payments[0].Message != "<hej>" || f.Payments[0].PayerName != "A & B" {
		t.Errorf("read back %+v", f)
	}
}

func TestABadCamt054IsRefusedNamingTheLine(t *testing.T) {
	for _, c := range []struct {
		name, xml, msg string
		line           int
	}{
		{"an entry whose transactions do not add up", strings.Replace(camtV02, "<Amt Ccy=\"SEK\">250.00</Amt>", "<Amt Ccy=\"SEK\">249.00</Amt>", 1), "add up to", 9},
		{"a summary that counts wrong", strings.Replace(camtV02, "<NbOfNtries>2<", "<NbOfNtries>3<", 1), "counts 3", 0},
		{"a summary whose sum is wrong", strings.Replace(camtV02, "<Sum>1800.00<", "<Sum>1700.00<", 1), "add up to 1700.00", 0},
		{"an entry without a reference", strings.Replace(strings.Replace(camtV02, "<NtryRef>E1</NtryRef>", "", 1), "<AcctSvcrRef>A1</AcctSvcrRef>", "", 1), "no reference", 9},
		{"another currency", strings.Replace(camtV02, `Ccy="SEK">1500.00`, `Ccy="EUR">1500.00`, 1), "SEK only", 9},
		{"a broken XML file", camtV02[:400], "line 8: the XML cannot be read", 0},
		{"an XML file of another kind", `<?xml version="1.0"?><Document><CstmrCdtTrfInitn/></Document>`, "not an ISO 20022 camt.054", 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := bankfile.Read("bad.xml", []byte(c.xml))
			var e *core.Error
			if !errors.As(err, &e) || e.Code != core.EINVALID {
				t.Fatalf("err = %v, want an EINVALID *core.Error", err)
			}
			if !strings.Contains(e.Text(), c.msg) {
				t.Errorf("message %q lacks %q", e.Text(), c.msg)
			}
			if c.line != 0 && e.Data["Line"] != c.line {
				t.Errorf("line %v, want %d (%s)", e.Data["Line"], c.line, e.Text())
			}
		})
	}
}

// FuzzReadCamt054: whatever the bytes, the reader returns a file or an *Error, never
// panics, and a file it accepts has a total equal to its payments' sum.
func FuzzReadCamt054(f *testing.F) {
	f.Add([]byte(camtV02))
	f.Add([]byte(camtV08))
	// Seeds of issues 19 and 25: version .04 with per-transaction indicators, returns,
	// creditor accounts and transactions without amounts; debits only; a 30-digit
	// amount; nesting, attributes and text at the bounds.
	f.Add([]byte(camtV04(entry04("E1", "1000.00", "CRDT", bkTxCd("RCDT", "DMCT"),
		tx04("T1", "1200.00", "CRDT", `<RltdPties><CdtrAcct><Id><IBAN>SE4550000000058398257466</IBAN></Id></CdtrAcct></RltdPties>`)+
			tx04("T2", "200.00", "DBIT", "")),
		entry04("E2", "450.00", "CRDT", bkTxCd("ICDT", "RRTN"), tx04("T3", "", "CRDT", "<RtrInf/>")+tx04("T4", "", "CRDT", "")))))
	f.Add([]byte(camtV04(entry04("D1", "300.00", "DBIT", "", tx04("T1", "300.00", "DBIT", "")))))
	f.Add([]byte(camtV04(entry04("E1", strings.Repeat("9", 30), "CRDT", "", ""))))
	f.Add([]byte(docHead + strings.Repeat("<a>", 70)))
	f.Add([]byte(docHead + "<Ntry " + strings.Repeat(`a="1" `, 40) + "/>"))
	f.Add(append([]byte("\xef\xbb\xbf"), camtV02...))
	f.Fuzz(func(t *testing.T, b []byte) {
		file, err := bankfile.ReadCamt054("fuzz.xml", b)
		if err != nil {
			var e *core.Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v is not a *core.Error", err)
			}
			return
		}
		sum := decimal.Zero
		for _, p := range file.Payments {
			sum = sum.Add(p.Amount)
		}
		if !sum.Equal(file.Total) {
			t.Fatalf("total %s, payments add up to %s", file.Total, sum)
		}
	})
}
