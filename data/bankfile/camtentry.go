package bankfile

import (
	"cmp"
	"errors"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"paminn/core"
)

// entry turns one Ntry into payments.
func (p *camtParser) entry(e camtEntry, line int) error {
	switch strings.TrimSpace(e.CdtDbtInd) {
	case "CRDT":
	case "DBIT":
		p.debits++
		p.notes.add(msgSkippedDebits, "", line)
		return nil
	default:
		return p.fail(line, msgBadIndicator, map[string]any{"Value": core.Excerpt(e.CdtDbtInd)})
	}
	amount, err := p.amount(e.Amt, line)
	if err != nil {
		return err
	}
	p.credits++
	p.allCredits++
	p.creditSum = p.creditSum.Add(amount)
	if !e.Sts.booked() || e.RvslInd {
		return nil
	}
	if e.BkTxCd.returned() {
		p.notes.add(msgReturned, "", line)
		return nil
	}
	date, err := p.entryDate(e, line)
	if err != nil {
		return err
	}
	ref := strings.TrimSpace(e.NtryRef)
	if ref == "" {
		ref = strings.TrimSpace(e.AcctSvcrRef)
	}
	if ref == "" {
		return p.fail(line, msgNoEntryRef, nil)
	}
	if err := p.checkLengths(line, field{"NtryRef", ref, 35}); err != nil {
		return err
	}
	return p.transactions(e, ref, amount, date, line)
}

// transactions adds the entry's transactions as payments and checks they add up to
// the entry. Transactions that do not all state an amount are one payment of the
// entry's amount.
func (p *camtParser) transactions(e camtEntry, ref string, amount decimal.Decimal, date core.Date, line int) error {
	txs := e.TxDtls
	if len(txs) == 0 {
		txs = []camtTx{{}}
	}
	if len(txs) > 1 && !allHaveAmounts(txs) {
		p.notes.add(msgEntryAsOne, "", line)
		txs = []camtTx{combine(txs)}
	}
	sum, received := decimal.Zero, decimal.Zero
	for i, tx := range txs {
		pay, err := p.transaction(tx, ref, i, len(txs), amount, date, line)
		if err != nil {
			return err
		}
		sum = sum.Add(pay.Amount)
		if tx.returned() || e.BkTxCd.returned() {
			p.notes.add(msgReturned, "", line)
			continue
		}
		received = received.Add(pay.Amount)
		p.file.Payments = append(p.file.Payments, pay)
	}
	if !sum.Equal(amount) {
		return p.fail(line, msgEntrySum, map[string]any{"Want": core.FormatSEK(amount), "Got": core.FormatSEK(sum)})
	}
	p.file.Total = p.file.Total.Add(received)
	return nil
}

func allHaveAmounts(txs []camtTx) bool {
	for _, tx := range txs {
		if strings.TrimSpace(tx.amount().Value) == "" {
			return false
		}
	}
	return true
}

// combine makes one transaction of several without amounts: every reference and
// text, the first name, account and bank reference.
func combine(txs []camtTx) camtTx {
	out := camtTx{}
	for _, tx := range txs {
		out.Refs = append(out.Refs, tx.Refs...)
		out.Ustrd = append(out.Ustrd, tx.Ustrd...)
		if out.DbtrNm == "" && out.DbtrPtyNm == "" {
			out.DbtrNm, out.DbtrPtyNm = tx.DbtrNm, tx.DbtrPtyNm
		}
		if out.CdtrAcct == nil {
			out.CdtrAcct = tx.CdtrAcct
		}
		if out.AcctSvcrRef == "" {
			out.AcctSvcrRef = tx.AcctSvcrRef
		}
		out.RtrInf = out.RtrInf || tx.RtrInf
	}
	return out
}

// transaction is one TxDtls of an entry as a payment; a lone transaction without an
// amount of its own takes the entry's. A transaction marked DBIT inside a credit
// entry takes money off it, like a BGMax deduction.
func (p *camtParser) transaction(tx camtTx, entryRef string, i, n int, entryAmount decimal.Decimal, date core.Date, line int) (core.BankPayment, error) {
	if err := tx.check(p, line); err != nil {
		return core.BankPayment{}, err
	}
	amount := entryAmount
	if a := tx.amount(); strings.TrimSpace(a.Value) != "" || n > 1 {
		var err error
		if amount, err = p.amount(a, line); err != nil {
			return core.BankPayment{}, err
		}
	}
	switch strings.TrimSpace(tx.CdtDbtInd) {
	case "", "CRDT":
	case "DBIT":
		amount = amount.Neg()
	default:
		return core.BankPayment{}, p.fail(line, msgBadIndicator, map[string]any{"Value": core.Excerpt(tx.CdtDbtInd)})
	}
	key, err := p.key(entryRef, tx, i, line)
	if err != nil {
		return core.BankPayment{}, err
	}
	pay := core.BankPayment{Key: key, Line: line, Date: date, Amount: amount, Account: p.account,
		Message: strings.TrimSpace(strings.Join(tx.Ustrd, " ")), PayerName: strings.TrimSpace(tx.DbtrNm)}
	if pay.PayerName == "" {
		pay.PayerName = strings.TrimSpace(tx.DbtrPtyNm)
	}
	if tx.CdtrAcct != nil {
		acc, err := p.bankAccount(*tx.CdtrAcct, line)
		if err != nil {
			return core.BankPayment{}, err
		}
		if id := acc.id(); id != "" {
			pay.Account = id
			p.addAccount(acc)
		}
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

// key is a transaction's key: the entry's reference and the transaction's (its
// AcctSvcrRef, else its place in the entry). A key twice makes it uncertain whether
// a payment is listed twice, so the file is refused.
func (p *camtParser) key(entryRef string, tx camtTx, i, line int) (string, error) {
	txRef := strings.TrimSpace(tx.AcctSvcrRef)
	if txRef == "" {
		txRef = "#" + strconv.Itoa(i+1)
	}
	key := "camt054:" + entryRef + ":" + txRef
	if first, seen := p.keys[key]; seen {
		return "", p.fail(line, msgDuplicateTx, map[string]any{"Reference": core.Excerpt(entryRef + " " + txRef), "First": first})
	}
	p.keys[key] = line
	return key, nil
}

// maxAmountChars bounds an amount as written before it is parsed: the schema's
// amounts have at most 18 digits and a decimal point.
const maxAmountChars = 40

// amount reads an amount in SEK, not negative (the sign is CdtDbtInd's), held to
// core.CheckAmountRange; a longer run of digits than any amount has is refused
// before it is parsed.
func (p *camtParser) amount(a camtAmount, line int) (decimal.Decimal, error) {
	v := strings.TrimSpace(a.Value)
	if v == "" {
		return decimal.Zero, p.fail(line, msgNoAmount, nil)
	}
	if !plainDecimal(v) {
		return decimal.Zero, p.fail(line, msgBadAmount, map[string]any{"Value": core.Excerpt(v)})
	}
	d := decimal.New(1, maxAmountChars) // stands for an amount too long to parse: out of range
	if len(v) <= maxAmountChars {
		var err error
		if d, err = decimal.NewFromString(v); err != nil || d.Exponent() < -2 && !d.Equal(d.Round(2)) {
			return decimal.Zero, p.fail(line, msgBadAmount, map[string]any{"Value": core.Excerpt(v)})
		}
	}
	if err := core.CheckAmountRange(d, v); err != nil {
		return decimal.Zero, atLine(p.file.Name, line, err)
	}
	if cur := strings.TrimSpace(a.Ccy); cur != core.Currency {
		return decimal.Zero, p.fail(line, msgCurrency, map[string]any{"Currency": core.Excerpt(cur)})
	}
	return d, nil
}

// errNotPlain marks a number written otherwise than in digits and one point.
var errNotPlain = errors.New("not a plain decimal number")

// plainDecimal reports whether v is digits with at most one decimal point, the only
// form the schema's amounts take.
func plainDecimal(v string) bool {
	return v != "" && strings.Trim(v, "0123456789.") == "" && strings.Count(v, ".") <= 1 && v != "."
}

func (p *camtParser) checkSummary() error {
	if p.summary == nil {
		return nil
	}
	if c := strings.TrimSpace(p.summary.Count); c != "" && c != strconv.Itoa(p.credits) {
		return core.Errorf(core.EINVALID, msgSummaryCount, map[string]any{"File": p.file.Name, "Want": core.Excerpt(c), "Got": p.credits})
	}
	if s := strings.TrimSpace(p.summary.Sum); s != "" {
		// Only plain digits are parsed: "1e999999999" would make the comparison
		// below build a number of a thousand million digits.
		want, err := decimal.Zero, errNotPlain
		if plainDecimal(s) && len(s) <= maxAmountChars {
			want, err = decimal.NewFromString(s)
		}
		if err != nil || !want.Equal(p.creditSum) {
			return core.Errorf(core.EINVALID, msgSummarySum, map[string]any{"File": p.file.Name, "Want": core.Excerpt(s), "Got": core.FormatSEK(p.creditSum)})
		}
	}
	return nil
}

// field is a text element with the length the ISO 20022 schema allows it
// (Max35Text, Max140Text, …).
type field struct {
	element string
	value   string
	allowed int
}

// checkLengths refuses a field four times longer than its schema allows: a bank's
// file keeps to the schema, and a longer field is not one to show or match on.
func (p *camtParser) checkLengths(line int, fs ...field) error {
	for _, f := range fs {
		if len([]rune(f.value)) > 4*f.allowed {
			return p.fail(line, msgFieldTooLong, map[string]any{"Element": f.element, "Max": 4 * f.allowed, "Allowed": f.allowed})
		}
	}
	return nil
}

// entryDate is the entry's booking date, else its value date. A date that is written
// but is not a date (2026-02-30) is refused as such, never called missing.
func (p *camtParser) entryDate(e camtEntry, line int) (core.Date, error) {
	booking, ok, badBooking := e.BookgDt.date()
	if ok {
		return booking, nil
	}
	value, ok, badValue := e.ValDt.date()
	if ok && badBooking == "" {
		return value, nil
	}
	if bad := cmp.Or(badBooking, badValue); bad != "" {
		return core.Date{}, p.fail(line, msgNotDate, map[string]any{"Value": core.Excerpt(bad)})
	}
	return core.Date{}, p.fail(line, msgNoDate, nil)
}
