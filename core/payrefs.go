package core

import (
	"strings"
	"unicode"
)

// mentionRole says what the words before a number make it: an invoice number
// ("faktura 1234", "F1234"), a customer number ("kund 567", "kundnr 567"), a credit
// note's number ("kreditfaktura 88"), or nothing said.
type mentionRole int

const (
	roleUnsaid mentionRole = iota
	roleInvoice
	roleCustomer
	roleCredit
)

// mention is a word of a payer's reference or message that may be a number the
// business gave out: an invoice's or a customer's.
type mention struct {
	text string
	role mentionRole
}

// The words payers write before a number, lower case, without dots. "nr", "no" and
// "nummer" after one of them keep its meaning ("kund nr 567").
var mentionKeywords = map[string]mentionRole{
	"faktura": roleInvoice, "fakt": roleInvoice, "fakturanr": roleInvoice, "fakturanummer": roleInvoice,
	"fnr": roleInvoice, "fa": roleInvoice, "f": roleInvoice, "fakturor": roleInvoice, "inv": roleInvoice,
	"invoice": roleInvoice, "avser": roleInvoice, "ref": roleInvoice, "referens": roleInvoice, "ocr": roleInvoice,
	"kund": roleCustomer, "kundnr": roleCustomer, "kundnummer": roleCustomer, "knr": roleCustomer,
	"kundid": roleCustomer, "customer": roleCustomer, "cust": roleCustomer, "kundref": roleCustomer,
	"kredit": roleCredit, "kreditfaktura": roleCredit, "kreditnota": roleCredit, "kf": roleCredit,
	"credit": roleCredit, "kreditering": roleCredit,
}

var keepRole = map[string]bool{"nr": true, "no": true, "nummer": true, "number": true, "num": true}

// mentions reads the numbers in a reference or message the way payers write them:
// "Faktura 1234", "Faktura:1234", "F1234", "Fakt1234", "1234/567" (invoice and
// customer number, in either order), "kund 567 fakt 1234", "Kundnr: 567". A word of
// letters glued to a number is both the whole word (an invoice number may have
// letters) and the number after them, which the letters name when they are a keyword.
func mentions(s string) []mention {
	var out []mention
	role := roleUnsaid
	for _, w := range strings.FieldsFunc(s, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '/')
	}) {
		for _, part := range strings.Split(w, "/") {
			if part = strings.Trim(part, "-"); part == "" {
				continue
			}
			lower := strings.ToLower(part)
			if r, ok := mentionKeywords[lower]; ok {
				role = r
				continue
			}
			if keepRole[lower] {
				continue
			}
			if !strings.ContainsFunc(part, unicode.IsDigit) {
				role = roleUnsaid
				continue
			}
			out = append(out, gluedMentions(part, role)...)
			role = roleUnsaid
		}
	}
	return out
}

// gluedMentions is a word with digits: itself, and when letters lead it ("F1234",
// "Kundnr567"), the rest after them in the role the letters give.
func gluedMentions(word string, role mentionRole) []mention {
	out := []mention{{text: word, role: role}}
	i := strings.IndexFunc(word, func(r rune) bool { return !unicode.IsLetter(r) })
	if i <= 0 {
		return out
	}
	rest := strings.TrimLeft(word[i:], "-")
	if rest == "" || !unicode.IsDigit(rune(rest[0])) {
		return out
	}
	if r, ok := mentionKeywords[strings.ToLower(word[:i])]; ok {
		role = r
	}
	return append(out, mention{text: rest, role: role})
}
