package bankfile_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"paminn/core"
	"paminn/data/bankfile"
)

// The notifications below are written from the ISO 20022 message definition
// camt.054.001.04 (BankToCustomerDebitCreditNotificationV04): Ntry/CdtDbtInd and,
// new in .04 and mandatory there, TxDtls/CdtDbtInd; Ntry/BkTxCd and TxDtls/BkTxCd
// (the External Bank Transaction Code: Domn/Cd PMNT, Fmly/Cd RCDT for received credit
// transfers, ICDT for issued ones, SubFmlyCd RRTN for a reversal due to a payment
// return); TxDtls/RtrInf (return information, 0..1); TxDtls/RltdPties/CdtrAcct. In
// .04 (EntryTransaction4) TxDtls/Amt and TxDtls/CdtDbtInd are mandatory; in .02 and
// .03 a transaction's amount (TxDtls/AmtDtls/TxAmt/Amt) is optional (0..1).

// camtV04 wraps entries in a camt.054.001.04 notification for bankgiro 5050-1055.
func camtV04(entries ...string) string {
	return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.04">
 <BkToCstmrDbtCdtNtfctn>
  <GrpHdr><MsgId>M4</MsgId><CreDtTm>2026-11-25T08:00:00</CreDtTm></GrpHdr>
  <Ntfctn>
   <Id>N4</Id>
   <Acct><Id><Othr><Id>5050-1055</Id><SchmeNm><Prtry>BGNR</Prtry></SchmeNm></Othr></Id></Acct>
` + strings.Join(entries, "\n") + `
  </Ntfctn>
 </BkToCstmrDbtCdtNtfctn>
</Document>
`
}

// entry04 is an entry (on one line, so its line is the line of <Ntry>).
func entry04(ref, amount, ind, code, txs string) string {
	return `   <Ntry><NtryRef>` + ref + `</NtryRef><Amt Ccy="SEK">` + amount + `</Amt><CdtDbtInd>` + ind +
		`</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2026-11-24</Dt></BookgDt>` + code + `<NtryDtls>` + txs + `</NtryDtls></Ntry>`
}

func bkTxCd(family, sub string) string {
	return `<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>` + family + `</Cd><SubFmlyCd>` + sub + `</SubFmlyCd></Fmly></Domn></BkTxCd>`
}

func tx04(ref, amount, ind, extra string) string {
	amt := ""
	if amount != "" {
		amt = `<Amt Ccy="SEK">` + amount + `</Amt>`
	}
	return `<TxDtls><Refs><AcctSvcrRef>` + ref + `</AcctSvcrRef></Refs>` + amt + `<CdtDbtInd>` + ind + `</CdtDbtInd>` + extra + `</TxDtls>`
}

func readCamt(t *testing.T, xml string) (core.BankFile, error) {
	t.Helper()
	return bankfile.Read("camt.xml", []byte(xml))
}

// A notification of debits only (payments out of the account) is refused in words,
// not read as an empty file.
func TestANotificationOfPaymentsOutOfTheAccountIsRefusedClearly(t *testing.T) {
	_, err := readCamt(t, camtV04(entry04("D1", "300.00", "DBIT", bkTxCd("ICDT", "DMCT"), tx04("T1", "300.00", "DBIT", ""))))
	if core.ErrorCodeOf(err) != core.EINVALID || !strings.Contains(err.Error(), "lists payments out of the account") {
		t.Fatalf("err = %v", err)
	}
}

func TestCreditAndDebitAreReadPerTransactionAndReturnsAreNoCustomerPayments(t *testing.T) {
	f, err := readCamt(t, camtV04(
		entry04("E1", "1000.00", "CRDT", bkTxCd("RCDT", "DMCT"),
			tx04("T1", "1200.00", "CRDT", `<RmtInf><Strd><CdtrRefInf><Ref>100010503</Ref></CdtrRefInf></Strd></RmtInf>`)+
				tx04("T2", "200.00", "DBIT", "")),
		entry04("E2", "450.00", "CRDT", bkTxCd("ICDT", "RRTN"), tx04("T3", "450.00", "CRDT", "")),
		entry04("E3", "75.00", "CRDT", "", tx04("T4", "75.00", "CRDT", `<RtrInf><Rsn><Cd>AC04</Cd></Rsn></RtrInf>`)),
		entry04("E4", "99.00", "DBIT", "", tx04("T5", "99.00", "DBIT", "")),
	))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Payments) != 2 || !f.Payments[0].Amount.Equal(decimal.RequireFromString("1200")) || !f.Payments[1].Amount.Equal(decimal.RequireFromString("-200")) {
		t.Fatalf("payments %+v", f.Payments)
	}
	if !f.Total.Equal(decimal.RequireFromString("1000")) {
		t.Errorf("total %s, want the 1000 the customer entry brought in", f.Total)
	}
	notes := noteTexts(f)
	for _, want := range []string{"Returned payments of your own were left out: 2 (the first on line 9)", "Payments out of the account were left out: 1 (the first on line 11)"} {
		if !strings.Contains(notes, want) {
			t.Errorf("notes %q lack %q", notes, want)
		}
	}
}

// The creditor account of each transaction is the payment's account, and the file
// names it so a transaction for another bankgiro is seen.
func TestEachTransactionsCreditorAccountIsRead(t *testing.T) {
	f, err := readCamt(t, camtV04(entry04("E1", "100.00", "CRDT", "",
		tx04("T1", "100.00", "CRDT", `<RltdPties><CdtrAcct><Id><Othr><Id>5555-5555</Id><SchmeNm><Prtry>BGNR</Prtry></SchmeNm></Othr></Id></CdtrAcct></RltdPties>`))))
	if err != nil {
		t.Fatal(err)
	}
	if f.Payments[0].Account != "55555555" || len(f.Accounts) != 2 || f.Accounts[1].Bankgiro != "55555555" || f.Accounts[1].Line != 8 {
		t.Errorf("account %q, accounts %+v", f.Payments[0].Account, f.Accounts)
	}
}

// In camt.054.001.02 a transaction's amount (AmtDtls) is optional: an entry of
// several transactions without amounts is one payment of the entry's amount, with
// every transaction's references.
func TestAnEntryOfTransactionsWithoutAmountsIsReadFromTheEntrysAmount(t *testing.T) {
	tx02 := func(ref, rmtInf string) string {
		return `<TxDtls><Refs><AcctSvcrRef>` + ref + `</AcctSvcrRef></Refs><RmtInf>` + rmtInf + `</RmtInf></TxDtls>`
	}
	v02 := strings.Replace(camtV04(`   <Ntry><NtryRef>E1</NtryRef><Amt Ccy="SEK">1500.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>`+
		`<BookgDt><Dt>2026-11-24</Dt></BookgDt><NtryDtls>`+
		tx02("T1", `<Strd><CdtrRefInf><Ref>100010503</Ref></CdtrRefInf></Strd>`)+tx02("T2", `<Ustrd>Faktura 10002</Ustrd>`)+
		`</NtryDtls></Ntry>`), "camt.054.001.04", "camt.054.001.02", 1)
	f, err := readCamt(t, v02)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Payments) != 1 || !f.Payments[0].Amount.Equal(decimal.RequireFromString("1500")) || f.Payments[0].Reference != "100010503" ||
		f.Payments[0].Message != "Faktura 10002" {
		t.Fatalf("payments %+v", f.Payments)
	}
	if !strings.Contains(noteTexts(f), "read as one payment each: 1") {
		t.Errorf("notes %q", noteTexts(f))
	}
}

// A 30-digit amount is refused by core.CheckAmountRange, naming the line, never stored
// as another number; so is one of 4,000 digits, without parsing it.
func TestAHugeCamtAmountIsRefusedNamingTheLine(t *testing.T) {
	for _, digits := range []int{12, 30, 4000} {
		amount := strings.Repeat("9", digits) + ".00"
		_, err := readCamt(t, camtV04(entry04("E1", amount, "CRDT", "", tx04("T1", amount, "CRDT", ""))))
		var e *core.Error
		if !errors.As(err, &e) || !strings.Contains(e.Text(), "too large an amount") || e.Data["Line"] != 8 || len(e.Text()) > 300 {
			t.Errorf("%d digits: err = %v", digits, err)
		}
	}
}

func TestACamtFileWithAByteOrderMarkIsRead(t *testing.T) {
	f, err := bankfile.Read("bom.xml", append([]byte("\xef\xbb\xbf"), camtV02...))
	if err != nil || len(f.Payments) != 2 {
		t.Fatalf("%+v, %v", f, err)
	}
}

// generated is an io.Reader of head, then body repeated to n bytes in all, then tail:
// a large file made as it is read, never held in memory.
type generated struct {
	head, body, tail string
	n, done          int
}

func (g *generated) Read(b []byte) (int, error) {
	total := g.n + len(g.head) + len(g.tail)
	if g.done >= total {
		return 0, io.EOF
	}
	k := 0
	for k < len(b) && g.done < total {
		var c byte
		switch {
		case g.done < len(g.head):
			c = g.head[g.done]
		case g.done < len(g.head)+g.n:
			c = g.body[(g.done-len(g.head))%len(g.body)]
		default:
			c = g.tail[g.done-len(g.head)-g.n]
		}
		b[k] = c
		k++
		g.done++
	}
	return k, nil
}

// heapDuring reads r as a bank file and returns the error and the most the heap grew
// while it did (sampled after the read and by a goroutine meanwhile).
func heapDuring(t *testing.T, ctx context.Context, r io.Reader) (error, uint64) {
	t.Helper()
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	var peak uint64
	stop := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		var m runtime.MemStats
		for {
			select {
			case <-stop:
				return
			default:
			}
			runtime.ReadMemStats(&m)
			peak = max(peak, m.HeapAlloc)
			runtime.Gosched()
		}
	}()
	_, err := bankfile.ReadFrom(ctx, "hostile", r)
	close(stop)
	<-sampled
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	peak = max(peak, after.HeapAlloc)
	if peak < before.HeapAlloc {
		return err, 0
	}
	return err, peak - before.HeapAlloc
}

const docHead = `<?xml version="1.0"?><Document><BkToCstmrDbtCdtNtfctn><Ntfctn>`

// Hostile camt.054 files from issue 25 (100 MB of unclosed nesting, millions of
// attributes on one element, an amount of millions of digits, a name of 100 MB), and
// a BGMax file of one endless line, are refused within a bounded heap, naming what is
// wrong, as they are read.
func TestAHostileCamtFileIsRefusedWithinBoundedMemory(t *testing.T) {
	const size = 100 << 20
	for _, c := range []struct {
		name string
		r    io.Reader
		msg  string
	}{
		{"100 MB of unclosed nesting", &generated{head: docHead, body: "<a>", n: size}, "nests deeper than 64"},
		{"millions of attributes on one element", &generated{head: docHead + "<Ntry ", body: `a="1" `, n: size, tail: "/>"}, "more than 32 attributes"},
		{"an amount of 50 million digits", &generated{head: docHead + `<Ntry><Amt Ccy="SEK">`, body: "9", n: 50 << 20, tail: "</Amt></Ntry>"}, "longer than 65536 characters"},
		{"an attribute value of 100 MB", &generated{head: docHead + `<Ntry><Amt Ccy="`, body: "S", n: size, tail: `">1</Amt></Ntry>`}, "longer than 65536 characters"},
		{"a comment of 100 MB", &generated{head: docHead + `<!--`, body: "x", n: size, tail: `-->`}, "longer than 65536 characters"},
		{"a BGMax line of 100 MB", &generated{head: opening() + "\n", body: "9", n: size}, "line 2: the line is longer than 1024 characters"},
	} {
		t.Run(c.name, func(t *testing.T) {
			err, grew := heapDuring(t, context.Background(), c.r)
			if core.ErrorCodeOf(err) != core.EINVALID || !strings.Contains(err.Error(), c.msg) {
				t.Errorf("err = %v, want %q", err, c.msg)
			}
			if len(err.Error()) > 400 {
				t.Errorf("the message is %d bytes long", len(err.Error()))
			}
			if grew > 16<<20 {
				t.Errorf("the heap grew by %d MB", grew>>20)
			}
		})
	}
}

// cancelAfter is a generated reader that cancels its context once n bytes were read.
type cancelAfter struct {
	*generated
	cancel func()
	at     int
}

func (c *cancelAfter) Read(b []byte) (int, error) {
	if c.done >= c.at {
		c.cancel()
	}
	return c.generated.Read(b)
}

// Cancelling (the GUI's Cancel) stops the reading of a large file that would be read
// to its end otherwise.
func TestReadingABankFileStopsWhenCancelled(t *testing.T) {
	body := `<Ntry><NtryRef>E</NtryRef><Amt Ccy="SEK">1.00</Amt><CdtDbtInd>DBIT</CdtDbtInd></Ntry>`
	for name, gen := range map[string]*generated{
		"camt.054": {head: docHead, body: body, n: 1 << 30, tail: "</Ntfctn></BkToCstmrDbtCdtNtfctn></Document>"},
		"BGMax":    {head: opening() + "\n", body: record(map[int]string{1: "99"}) + "\n", n: 1 << 30},
	} {
		t.Run(name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			r := &cancelAfter{generated: gen, cancel: cancel, at: 1 << 20}
			_, err := bankfile.ReadFrom(ctx, "big", r)
			if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "cancelled") {
				t.Fatalf("err = %v", err)
			}
			if r.done > 8<<20 {
				t.Errorf("%d MB read after the cancel", r.done>>20)
			}
		})
	}
}

func ExampleReadFrom() {
	f, err := bankfile.ReadFrom(context.Background(), "camt.xml", strings.NewReader(camtV02))
	fmt.Println(len(f.Payments), f.Total, err)
	// Output: 2 1500 <nil>
}

// A notification without entries says so; one of two notifications with debits only
// does not make the file one of payments out.
func TestAnEmptyNotificationIsRefusedAndDebitsInOneOfTwoAreLeftOut(t *testing.T) {
	if _, err := readCamt(t, camtV04()); core.ErrorCodeOf(err) != core.EINVALID || !strings.Contains(err.Error(), "has no entries") {
		t.Errorf("an empty notification: %v", err)
	}
	two := strings.Replace(camtV04(entry04("E1", "100.00", "CRDT", "", tx04("T1", "100.00", "CRDT", ""))), "  </Ntfctn>",
		"  </Ntfctn>\n  <Ntfctn><Id>N5</Id>"+entry04("D1", "300.00", "DBIT", "", tx04("T2", "300.00", "DBIT", ""))+"</Ntfctn>", 1)
	f, err := readCamt(t, two)
	if err != nil || len(f.Payments) != 1 || !strings.Contains(noteTexts(f), "out of the account were left out: 1") {
		t.Errorf("two notifications: %+v, %v", f.Payments, err)
	}
}

// A booking date that is written but is not a date (ISO 8601 has no 30 February) is
// refused as not a date, never reported as missing; a missing one is still missing.
func TestAnImpossibleBookingDateIsNotADateNotAMissingOne(t *testing.T) {
	valid := entry04("E1", "300.00", "CRDT", "", tx04("T1", "300.00", "CRDT", ""))
	for _, tt := range []struct{ name, from, to, want string }{
		{"30 February", "<Dt>2026-11-24</Dt>", "<Dt>2026-02-30</Dt>", "line 8: 2026-02-30 is not a date"},
		{"month 13", "<Dt>2026-11-24</Dt>", "<Dt>2026-13-01</Dt>", "line 8: 2026-13-01 is not a date"},
		{"a date and time of 31 April", "<Dt>2026-11-24</Dt>", "<DtTm>2026-04-31T10:00:00</DtTm>", "line 8: 2026-04-31 is not a date"},
		{"no date at all", "<BookgDt><Dt>2026-11-24</Dt></BookgDt>", "", "neither a booking date nor a value date"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := readCamt(t, camtV04(strings.Replace(valid, tt.from, tt.to, 1)))
			if core.ErrorCodeOf(err) != core.EINVALID || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want one saying %q", err, tt.want)
			}
		})
	}
}
