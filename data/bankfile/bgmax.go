package bankfile

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shopspring/decimal"
	"golang.org/x/text/encoding/charmap"

	"paminn/core"
)

// recordLength is the length of every BgMax record ("Bankgiro Inbetalningar —
// Technical Manual", 3.2: each record is 80 characters).
const recordLength = 80

// maxLineBytes bounds what is read of one line before it is refused: an 80-character
// record is at most 320 bytes even in UTF-8, so a longer line is no record.
const maxLineBytes = 1024

// utf8BOM is the byte-order mark an editor puts before UTF-8 text.
var utf8BOM = []byte("\xef\xbb\xbf")

// ReadBGMax parses a BgMax file held in memory; see ReadBGMaxFrom.
func ReadBGMax(name string, content []byte) (core.BankFile, error) {
	return ReadBGMaxFrom(context.Background(), name, bytes.NewReader(content))
}

// ReadBGMaxFrom parses a BgMax file as Bankgirot's "Bankgiro Inbetalningar — Technical
// Manual" lays it out: one opening record (01, layout BGMAX version 01), sections each
// of an opening record (05, the receiving bankgiro and currency), payments (20) and
// deductions (21) each followed by their extra references (22, and 23 for a credit
// note the payer deducted), information (25), name (26), addresses (27, 28) and
// organisation number (29), and a deposit record (15, the payment date, the deposit's
// serial number, amount and count); then one end record (70, the counts of records 20,
// 21, 22+23 and 15). Text is ISO-8859-1 (UTF-8 after a byte-order mark). Every count
// and sum the file states is checked against its contents. A record type the manual
// does not list is skipped, as the manual tells a reader to do, and the file's Notes
// say so. The file is read line by line; cancelling ctx stops the reading.
func ReadBGMaxFrom(ctx context.Context, name string, r io.Reader) (core.BankFile, error) {
	p := bgmaxParser{file: core.BankFile{Name: name, Format: core.FormatBGMax}, current: -1}
	br := bufio.NewReaderSize(r, 64<<10)
	if head, _ := br.Peek(len(utf8BOM)); bytes.Equal(head, utf8BOM) {
		_, _ = br.Discard(len(utf8BOM))
		p.utf8 = true
	}
	blank := 0 // empty lines not yet followed by a record
	for {
		rec, err := readLine(br)
		if err == io.EOF && rec == nil {
			break
		}
		p.line++
		if p.line%1024 == 0 && ctx.Err() != nil {
			return core.BankFile{}, cancelled(name, ctx.Err())
		}
		if err != nil && err != io.EOF {
			return core.BankFile{}, p.readFailure(err)
		}
		if len(rec) == 0 {
			blank++
			continue
		}
		if blank > 0 { // an empty line between records is a record of no characters
			p.line -= blank
			return core.BankFile{}, p.fail(msgLength, map[string]any{"Length": 0})
		}
		if err := p.take(rec); err != nil {
			return core.BankFile{}, err
		}
	}
	if p.line-blank == 0 {
		return core.BankFile{}, core.Errorf(core.EINVALID, msgEmpty, map[string]any{"File": name})
	}
	p.line -= blank
	if !p.ended {
		return core.BankFile{}, p.fail(msgTruncated, nil)
	}
	p.file.Notes = append(p.file.Notes, p.notes.list()...)
	return p.file, nil
}

// errLongLine marks a line longer than maxLineBytes.
var errLongLine = errors.New("line too long")

// readLine returns the next line without its line end (LF or CR LF), or io.EOF after
// the last; a line longer than maxLineBytes is errLongLine, read no further.
func readLine(br *bufio.Reader) ([]byte, error) {
	line, err := br.ReadSlice('\n')
	if err == bufio.ErrBufferFull || len(line) > maxLineBytes {
		return line, errLongLine
	}
	if err == io.EOF && len(line) == 0 {
		return nil, io.EOF
	}
	if err != nil && err != io.EOF {
		return line, err
	}
	line = bytes.TrimSuffix(bytes.TrimSuffix(line, []byte("\n")), []byte("\r"))
	return line, nil
}

func (p *bgmaxParser) readFailure(err error) error {
	if errors.Is(err, errLongLine) {
		return p.fail(msgLineTooLong, map[string]any{"Max": maxLineBytes})
	}
	var e *core.Error
	if errors.As(err, &e) { // the caller's reader says why (the file is too large)
		return e
	}
	return core.Wrap(err, core.EUNAVAILABLE, msgCannotRead, map[string]any{"File": p.file.Name})
}

// take checks one line's length in characters and reads it as a record. A file
// re-saved as UTF-8 (after a byte-order mark, or a line whose characters, not bytes,
// number 80) is brought back to ISO-8859-1 first.
func (p *bgmaxParser) take(rec []byte) error {
	if p.utf8 || (len(rec) != recordLength && utf8.Valid(rec) && utf8.RuneCount(rec) == recordLength) {
		rec = toLatin1(rec)
	}
	if p.ended {
		return p.fail(msgAfterEnd, nil)
	}
	if len(rec) != recordLength {
		return p.fail(msgLength, map[string]any{"Length": len(rec)})
	}
	p.rec = rec
	return p.record()
}

// toLatin1 re-encodes UTF-8 text as ISO-8859-1; a character outside it becomes "?",
// and invalid UTF-8 is left as it is (one byte, one character).
func toLatin1(b []byte) []byte {
	if !utf8.Valid(b) {
		return b
	}
	out := make([]byte, 0, len(b))
	for _, r := range string(b) {
		if r > 0xff {
			r = '?'
		}
		out = append(out, byte(r))
	}
	return out
}

// cancelled is the error of a reading stopped by its context.
func cancelled(name string, err error) error {
	return core.Wrap(err, core.EUNAVAILABLE, msgCancelled, map[string]any{"File": name})
}

// bgmaxParser walks a BgMax file record by record.
type bgmaxParser struct {
	file  core.BankFile
	line  int
	rec   []byte
	ended bool
	utf8  bool // the file began with a UTF-8 byte-order mark
	notes noteList

	inSection    bool
	bankgiro     string
	sectionStart int // index in file.Payments of the section's first payment
	counts       map[string]int
	current      int // index of the payment the 22–29 records belong to, -1 for none
}

func (p *bgmaxParser) fail(msg string, data map[string]any) error {
	d := map[string]any{"File": p.file.Name, "Line": p.line}
	for k, v := range data {
		d[k] = v
	}
	return core.Errorf(core.EINVALID, msg, d)
}

// field returns positions from–to (1-based, inclusive, as the manual numbers them).
func (p *bgmaxParser) field(from, to int) []byte { return p.rec[from-1 : to] }

// text returns a field decoded from ISO-8859-1, blanks trimmed.
func (p *bgmaxParser) text(from, to int) string {
	f := bytes.TrimSpace(p.field(from, to))
	if isASCII(f) { // most fields: ASCII is the same in ISO-8859-1
		return string(f)
	}
	b, err := charmap.ISO8859_1.NewDecoder().Bytes(p.field(from, to))
	if err != nil { // every byte is a character in ISO-8859-1; keep the raw text anyway
		b = p.field(from, to)
	}
	return strings.TrimSpace(string(b))
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// number reads an all-digit field.
func (p *bgmaxParser) number(from, to int) (int64, error) {
	f := p.field(from, to)
	n, err := strconv.ParseInt(string(f), 10, 64)
	if err != nil || n < 0 || bytes.ContainsAny(f, "+- ") {
		return 0, p.fail(msgNotNumber, map[string]any{"From": from, "To": to, "Value": core.Excerpt(p.text(from, to))})
	}
	return n, nil
}

// amount reads an amount in öre and holds it to core.CheckAmountRange.
func (p *bgmaxParser) amount(from, to int) (decimal.Decimal, error) {
	ore, err := p.number(from, to)
	if err != nil {
		return decimal.Zero, err
	}
	d := core.FromOre(ore)
	if err := core.CheckAmountRange(d, d.StringFixed(2)); err != nil {
		return decimal.Zero, atLine(p.file.Name, p.line, err)
	}
	return d, nil
}

// digits reads an all-digit field as text, leading zeros dropped (a bankgiro number).
func (p *bgmaxParser) digits(from, to int) (string, error) {
	n, err := p.number(from, to)
	if err != nil {
		return "", err
	}
	return strconv.FormatInt(n, 10), nil
}

// blank reports whether a field holds nothing but spaces.
func (p *bgmaxParser) blank(from, to int) bool {
	return len(bytes.TrimLeft(p.field(from, to), " ")) == 0
}

func (p *bgmaxParser) record() error {
	typ := string(p.field(1, 2))
	if p.line == 1 {
		if typ != "01" || p.text(3, 22) != "BGMAX" || string(p.field(23, 24)) != "01" {
			return p.fail(msgNotBGMax, nil)
		}
		// Position 45 marks a test file (T), which Bankgirot sends while a
		// connection is set up: its payments were never made.
		if p.field(45, 45)[0] == 'T' {
			return p.fail(msgTestFile, nil)
		}
		return nil
	}
	switch typ {
	case "05":
		return p.openSection()
	case "20", "21":
		return p.payment(typ == "21")
	case "22", "23", "25", "26", "27", "28", "29":
		return p.detail(typ)
	case "15":
		return p.deposit()
	case "70":
		return p.end()
	case "01":
		return p.fail(msgOutOfPlace, map[string]any{"Type": typ})
	}
	// The manual: the layout may grow, and a reader skips a record type it does not
	// know. It carries no money the deposit and end records count.
	p.notes.add(msgSkippedType, core.Excerpt(p.text(1, 2)), p.line)
	return nil
}

// openSection reads an opening record (05): the receiving bankgiro and the currency.
func (p *bgmaxParser) openSection() error {
	if p.inSection {
		return p.fail(msgOutOfPlace, map[string]any{"Type": "05"})
	}
	bg, err := p.digits(3, 12)
	if err != nil {
		return err
	}
	if cur := p.text(23, 25); cur != core.Currency {
		return p.fail(msgCurrency, map[string]any{"Currency": core.Excerpt(cur)})
	}
	p.inSection, p.bankgiro, p.current = true, bg, -1
	p.sectionStart = len(p.file.Payments)
	p.file.Accounts = append(p.file.Accounts, core.BankAccount{Bankgiro: bg, Line: p.line})
	p.count("05")
	return nil
}

func (p *bgmaxParser) count(typ string) {
	if p.counts == nil {
		p.counts = map[string]int{}
	}
	p.counts[typ]++
}

// payment reads a payment record (20) or a deduction record (21): the payer's
// bankgiro (3–12), the reference (13–37), the amount in öre (38–55), the reference
// code (56), the payment channel (57), BGC's serial number (58–69) and the image
// mark (70); a deduction also has its deduction code (71). The serial number may be
// blank; the payment is then told apart by its place in the deposit.
func (p *bgmaxParser) payment(deduction bool) error {
	typ := string(p.field(1, 2))
	if !p.inSection {
		return p.fail(msgOutOfPlace, map[string]any{"Type": typ})
	}
	amount, err := p.amount(38, 55)
	if err != nil {
		return err
	}
	if deduction {
		amount = amount.Neg()
	}
	serial := ""
	if p.blank(58, 69) {
		p.notes.add(msgNoSerial, "", p.line)
	} else if serial, err = p.digits(58, 69); err != nil {
		return err
	}
	p.file.Payments = append(p.file.Payments, core.BankPayment{
		Key:       serial, // completed by the deposit record with bankgiro, date and deposit number
		Line:      p.line,
		Amount:    amount,
		Reference: p.text(13, 37),
		Account:   p.bankgiro,
	})
	p.current = len(p.file.Payments) - 1
	p.count(typ)
	return nil
}

// detail reads a record that belongs to the payment before it: an extra reference
// (22: one more invoice paid, 23: a credit note the payer deducted; the reference in
// 13–37, its amount in 38–55), information text (25: 3–52), the payer's name (26:
// 3–37 and 38–72), addresses (27, 28, not kept) or organisation number (29: 3–14).
func (p *bgmaxParser) detail(typ string) error {
	if p.current < 0 {
		return p.fail(msgOutOfPlace, map[string]any{"Type": typ})
	}
	pay := &p.file.Payments[p.current]
	switch typ {
	case "22", "23":
		p.count("22")
		return p.extraReference(pay, typ == "23")
	case "25":
		pay.Message = strings.TrimSpace(pay.Message + " " + p.text(3, 52))
	case "26":
		pay.PayerName = strings.TrimSpace(p.text(3, 37) + " " + p.text(38, 72))
	case "29":
		p.payerID(pay)
	}
	return nil
}

// extraReference reads record 22 or 23. A blank amount is none given.
func (p *bgmaxParser) extraReference(pay *core.BankPayment, credit bool) error {
	ref := p.text(13, 37)
	amount := decimal.Zero
	if !p.blank(38, 55) {
		var err error
		if amount, err = p.amount(38, 55); err != nil {
			return err
		}
	}
	if credit {
		pay.Deducted = append(pay.Deducted, core.DeductedCredit{Reference: ref, Amount: amount, Line: p.line})
		return nil
	}
	if ref == "" && amount.IsZero() {
		return nil
	}
	pay.Extra = append(pay.Extra, ref)
	pay.ExtraAmounts = append(pay.ExtraAmounts, amount)
	return nil
}

// payerID reads the organisation number of record 29 as its digits: Bankgirot's own
// examples write it in more than one form (left-aligned with blanks after it, with a
// century or a dash), and none of them is money, so an odd one is noted, not refused.
func (p *bgmaxParser) payerID(pay *core.BankPayment) {
	text := p.text(3, 14)
	digits := strings.TrimLeft(onlyDigits(text), "0")
	if strings.Trim(text, "0123456789 -") != "" || digits == "" {
		p.notes.add(msgOddPayerID, core.Excerpt(text), p.line)
	}
	pay.PayerID = digits
}

// deposit reads a deposit record (15), which closes its section: the payment date
// (38–45), the deposit's serial number (46–50), its amount in öre (51–68), the
// currency (69–71) and the number of payments and deductions (72–79).
func (p *bgmaxParser) deposit() error {
	if !p.inSection {
		return p.fail(msgOutOfPlace, map[string]any{"Type": "15"})
	}
	date, err := p.date(38, 45)
	if err != nil {
		return err
	}
	serial, err := p.digits(46, 50)
	if err != nil {
		return err
	}
	ore, err := p.number(51, 68)
	if err != nil {
		return err
	}
	count, err := p.number(72, 79)
	if err != nil {
		return err
	}
	if cur := p.text(69, 71); cur != core.Currency {
		return p.fail(msgCurrency, map[string]any{"Currency": core.Excerpt(cur)})
	}
	section := p.file.Payments[p.sectionStart:]
	if int(count) != len(section) {
		return p.fail(msgDepositCount, map[string]any{"Want": count, "Got": len(section)})
	}
	if err := p.keySection(section, date, serial); err != nil {
		return err
	}
	sum := decimal.Zero
	for i := range section {
		sum = sum.Add(section[i].Amount)
	}
	amount := core.FromOre(ore)
	if !sum.Equal(amount) {
		return p.fail(msgDepositSum, map[string]any{"Want": core.FormatSEK(amount), "Got": core.FormatSEK(sum)})
	}
	p.file.Total = p.file.Total.Add(amount)
	p.inSection, p.current = false, -1
	p.count("15")
	return nil
}

// keySection gives each payment of a deposit its key: bankgiro, payment date, the
// deposit's serial number and BGC's serial number of the payment (or, where that is
// blank, the payment's place in the deposit). A serial number twice in one deposit
// makes it uncertain whether a payment is listed twice, so the file is refused.
func (p *bgmaxParser) keySection(section []core.BankPayment, date core.Date, deposit string) error {
	first := make(map[string]int, len(section))
	prefix := "bgmax:" + p.bankgiro + ":" + date.String() + ":" + deposit + ":"
	for i := range section {
		serial := section[i].Key
		if serial == "" {
			section[i].Key = prefix + "#" + strconv.Itoa(i+1)
		} else {
			if line, seen := first[serial]; seen {
				return p.fail(msgDuplicateSerial, map[string]any{"Serial": serial, "First": line,
					"Line": section[i].Line, "Deposit": deposit, "Date": date.String()})
			}
			first[serial] = section[i].Line
			section[i].Key = prefix + serial
		}
		section[i].Date = date
	}
	return nil
}

func (p *bgmaxParser) date(from, to int) (core.Date, error) {
	t, err := time.Parse("20060102", string(p.field(from, to)))
	if err != nil {
		return core.Date{}, p.fail(msgNotDate, map[string]any{"Value": core.Excerpt(p.text(from, to))})
	}
	return core.DateOf(t), nil
}

// end reads the end record (70) and checks its counts of payment (3–10), deduction
// (11–18), extra reference (19–26) and deposit (27–34) records.
func (p *bgmaxParser) end() error {
	if p.inSection {
		return p.fail(msgOutOfPlace, map[string]any{"Type": "70"})
	}
	for _, c := range []struct {
		typ      string
		from, to int
	}{{"20", 3, 10}, {"21", 11, 18}, {"22", 19, 26}, {"15", 27, 34}} {
		n, err := p.number(c.from, c.to)
		if err != nil {
			return err
		}
		if got := p.counts[c.typ]; int(n) != got {
			typ := c.typ
			if typ == "22" {
				typ = "22/23"
			}
			return p.fail(msgEndCount, map[string]any{"Want": n, "Type": typ, "Got": got})
		}
	}
	p.ended = true
	return nil
}
