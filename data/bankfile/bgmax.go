package bankfile

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"
	"golang.org/x/text/encoding/charmap"

	"paminn/core"
)

// recordLength is the length of every BgMax record ("Bankgiro Inbetalningar —
// Technical Manual", 3.2: each record is 80 characters).
const recordLength = 80

// ReadBGMax parses a BgMax file as Bankgirot's "Bankgiro Inbetalningar — Technical
// Manual" lays it out: one opening record (01, layout BGMAX version 01), sections
// each of an opening record (05, the receiving bankgiro and currency), payments (20)
// and deductions (21) each followed by their extra references (22, 23), information
// (25), name (26), addresses (27, 28) and organisation number (29), and a deposit
// record (15, the payment date, the deposit's serial number, amount and count); then
// one end record (70, the counts of records 20, 21, 22+23 and 15). Text is
// ISO-8859-1. Every count and sum the file states is checked against its contents.
func ReadBGMax(name string, content []byte) (core.BankFile, error) {
	p := bgmaxParser{file: core.BankFile{Name: name, Format: core.FormatBGMax}, keys: map[string]bool{}, current: -1}
	lines := splitRecords(content)
	if len(lines) == 0 {
		return core.BankFile{}, core.Errorf(core.EINVALID, msgEmpty, map[string]any{"File": name})
	}
	for i, rec := range lines {
		p.line = i + 1
		if p.ended {
			return core.BankFile{}, p.fail(msgAfterEnd, nil)
		}
		if len(rec) != recordLength {
			return core.BankFile{}, p.fail(msgLength, map[string]any{"Length": len(rec)})
		}
		p.rec = rec
		if err := p.record(); err != nil {
			return core.BankFile{}, err
		}
	}
	if !p.ended {
		return core.BankFile{}, p.fail(msgTruncated, nil)
	}
	return p.file, nil
}

// splitRecords splits content into records at line ends (LF or CR LF), dropping
// trailing empty lines.
func splitRecords(content []byte) [][]byte {
	lines := bytes.Split(content, []byte("\n"))
	for i, l := range lines {
		lines[i] = bytes.TrimSuffix(l, []byte("\r"))
	}
	for len(lines) > 0 && len(lines[len(lines)-1]) == 0 {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// bgmaxParser walks a BgMax file record by record.
type bgmaxParser struct {
	file  core.BankFile
	line  int
	rec   []byte
	ended bool
	keys  map[string]bool

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
	b, err := charmap.ISO8859_1.NewDecoder().Bytes(p.field(from, to))
	if err != nil { // every byte is a character in ISO-8859-1; keep the raw text anyway
		b = p.field(from, to)
	}
	return strings.TrimSpace(string(b))
}

// number reads an all-digit field.
func (p *bgmaxParser) number(from, to int) (int64, error) {
	f := p.field(from, to)
	n, err := strconv.ParseInt(string(f), 10, 64)
	if err != nil || n < 0 || bytes.ContainsAny(f, "+- ") {
		return 0, p.fail(msgNotNumber, map[string]any{"From": from, "To": to, "Value": p.text(from, to)})
	}
	return n, nil
}

// digits reads an all-digit field as text, leading zeros dropped (a bankgiro number).
func (p *bgmaxParser) digits(from, to int) (string, error) {
	n, err := p.number(from, to)
	if err != nil {
		return "", err
	}
	return strconv.FormatInt(n, 10), nil
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
	return p.fail(msgUnknownType, map[string]any{"Type": p.text(1, 2)})
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
		return p.fail(msgCurrency, map[string]any{"Currency": cur})
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
// mark (70); a deduction also has its deduction code (71).
func (p *bgmaxParser) payment(deduction bool) error {
	typ := string(p.field(1, 2))
	if !p.inSection {
		return p.fail(msgOutOfPlace, map[string]any{"Type": typ})
	}
	ore, err := p.number(38, 55)
	if err != nil {
		return err
	}
	if deduction {
		ore = -ore
	}
	serial, err := p.digits(58, 69)
	if err != nil {
		return err
	}
	p.file.Payments = append(p.file.Payments, core.BankPayment{
		Key:       serial, // completed by the deposit record with bankgiro, date and deposit number
		Line:      p.line,
		Amount:    core.FromOre(ore),
		Reference: p.text(13, 37),
	})
	p.current = len(p.file.Payments) - 1
	p.count(typ)
	return nil
}

// detail reads a record that belongs to the payment before it: an extra reference
// (22, 23: the reference in 13–37), information text (25: 3–52), the payer's name
// (26: 3–37 and 38–72), addresses (27, 28, not kept) or organisation number (29: 3–14).
func (p *bgmaxParser) detail(typ string) error {
	if p.current < 0 {
		return p.fail(msgOutOfPlace, map[string]any{"Type": typ})
	}
	pay := &p.file.Payments[p.current]
	switch typ {
	case "22", "23":
		if ref := p.text(13, 37); ref != "" {
			pay.Extra = append(pay.Extra, ref)
		}
		p.count("22")
	case "25":
		pay.Message = strings.TrimSpace(pay.Message + " " + p.text(3, 52))
	case "26":
		pay.PayerName = strings.TrimSpace(p.text(3, 37) + " " + p.text(38, 72))
	case "29":
		id, err := p.digits(3, 14)
		if err != nil {
			return err
		}
		pay.PayerID = id
	}
	return nil
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
		return p.fail(msgCurrency, map[string]any{"Currency": cur})
	}
	section := p.file.Payments[p.sectionStart:]
	if int(count) != len(section) {
		return p.fail(msgDepositCount, map[string]any{"Want": count, "Got": len(section)})
	}
	sum := decimal.Zero
	for i := range section {
		sum = sum.Add(section[i].Amount)
		key := fmt.Sprintf("bgmax:%s:%s:%s:%s", p.bankgiro, date, serial, section[i].Key)
		if p.keys[key] {
			return p.fail(msgDuplicateKey, map[string]any{"Key": key, "Line": section[i].Line})
		}
		p.keys[key] = true
		section[i].Key, section[i].Date = key, date
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

func (p *bgmaxParser) date(from, to int) (core.Date, error) {
	t, err := time.Parse("20060102", string(p.field(from, to)))
	if err != nil {
		return core.Date{}, p.fail(msgNotDate, map[string]any{"Value": p.text(from, to)})
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
