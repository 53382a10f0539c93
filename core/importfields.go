package core

import (
	"strings"
	"unicode"
)

// ImportKind is what an import file holds: customers or invoices.
type ImportKind string

// The kinds of import file.
const (
	ImportCustomers ImportKind = "customers"
	ImportInvoices  ImportKind = "invoices"
)

// ImportField is one thing an import reads from a column of the file.
type ImportField struct {
	Key      string // the column's name in Påminn's own files, e.g. "customer_number"
	Label    string // English, shown to the user and the translation key
	Swedish  string // the header in the Swedish template
	English  string // the header in the English template
	Required bool
	// Synonyms are further headers meaning the field, in either language, as
	// bookkeeping programs and spreadsheets name them. They are compared with
	// normalHeader: case, accents, spaces and punctuation do not matter.
	Synonyms []string
}

// customerFields are the columns of a customer file, in the templates' order.
var customerFields = []ImportField{
	{Key: "number", Label: "Customer number", Swedish: "Kundnummer", English: "Customer number", Required: true,
		Synonyms: []string{"kundnr", "kund-id", "kundid", "customer no", "customer id", "customer_number", "nummer", "nr"}},
	{Key: "name", Label: "Name", Swedish: "Namn", English: "Name", Required: true,
		Synonyms: []string{"kundnamn", "företagsnamn", "företag namn", "customer name", "company name", "full name"}},
	{Key: "id_number", Label: "Organisation or personal number", Swedish: "Organisationsnummer", English: "Organisation number",
		Synonyms: []string{"orgnr", "org.nr", "org nummer", "personnummer", "pnr", "person nr", "org/personnummer",
			"organisations-/personnummer", "organisations- eller personnummer", "org./personnummer", "organisationsnummer/personnummer", "identitetsnummer",
			"organization number", "org number", "org no", "company number", "corporate identity number",
			"personal number", "personal identity number", "id number", "id_number"}},
	{Key: "is_company", Label: "Company (yes/no)", Swedish: "Företag", English: "Company",
		Synonyms: []string{"är företag", "företag (ja/nej)", "juridisk person", "is company", "is_company"}},
	{Key: "email", Label: "E-mail", Swedish: "E-post", English: "E-mail",
		Synonyms: []string{"epost", "e-postadress", "mejl", "mejladress", "mail", "email address", "e-mail address"}},
	{Key: "address_line1", Label: "Address", Swedish: "Adress", English: "Address",
		Synonyms: []string{"gatuadress", "utdelningsadress", "adress 1", "adressrad 1", "postadress", "street",
			"street address", "address line 1", "address 1", "address_line1"}},
	{Key: "address_line2", Label: "Address line 2", Swedish: "Adress 2", English: "Address line 2",
		Synonyms: []string{"adressrad 2", "c/o", "co-adress", "c/o-adress", "address 2", "address_line2"}},
	{Key: "zip_code", Label: "Postcode", Swedish: "Postnummer", English: "Postcode",
		Synonyms: []string{"postnr", "zip", "zip code", "zip_code", "postal code"}},
	{Key: "city", Label: "City", Swedish: "Ort", English: "City",
		Synonyms: []string{"postort", "stad", "town"}},
	{Key: "country", Label: "Country", Swedish: "Land", English: "Country",
		Synonyms: []string{"landskod", "country code"}},
	{Key: "fee_agreed", Label: "Reminder fee agreed (yes/no)", Swedish: "Påminnelseavgift avtalad", English: "Reminder fee agreed",
		Synonyms: []string{"avgift avtalad", "påminnelseavgift avtalad (ja/nej)", "påminnelseavgift", "fee agreed", "fee_agreed"}},
}

// invoiceFields are the columns of an invoice file, in the templates' order.
var invoiceFields = []ImportField{
	{Key: "number", Label: "Invoice number", Swedish: "Fakturanummer", English: "Invoice number", Required: true,
		Synonyms: []string{"fakturanr", "faktura nr", "faktura", "invoice no", "invoice", "nummer", "number"}},
	{Key: "customer_number", Label: "Customer number", Swedish: "Kundnummer", English: "Customer number", Required: true,
		Synonyms: []string{"kundnr", "kund", "kund-id", "kundid", "customer no", "customer", "customer id", "customer_number"}},
	{Key: "invoice_date", Label: "Invoice date", Swedish: "Fakturadatum", English: "Invoice date", Required: true,
		Synonyms: []string{"datum", "date", "invoice_date"}},
	{Key: "due_date", Label: "Due date", Swedish: "Förfallodatum", English: "Due date", Required: true,
		Synonyms: []string{"förfallodag", "förfaller", "förfallo datum", "sista betalningsdag", "due", "due_date"}},
	{Key: "total", Label: "Total", Swedish: "Belopp", English: "Total",
		Required: true, Synonyms: []string{"summa", "totalt", "totalbelopp", "att betala", "fakturabelopp", "total amount",
			"amount", "invoice total", "invoice amount", "sum"}},
	{Key: "paid", Label: "Amount paid", Swedish: "Betalt", English: "Paid",
		Synonyms: []string{"betalt belopp", "inbetalt"}},
	{Key: "currency", Label: "Currency", Swedish: "Valuta", English: "Currency"},
	{Key: "ocr", Label: "OCR reference", Swedish: "OCR", English: "OCR reference",
		Synonyms: []string{"ocr-nummer", "ocr-referens", "ocr number", "payment reference"}},
}

// ImportFields returns the fields a file of kind k is read into, in the templates'
// order.
func ImportFields(k ImportKind) []ImportField {
	if k == ImportInvoices {
		return invoiceFields
	}
	return customerFields
}

// fieldKeys are the fields' keys: the columns of Påminn's own files.
func fieldKeys(fields []ImportField) []string {
	keys := make([]string, len(fields))
	for i, f := range fields {
		keys[i] = f.Key
	}
	return keys
}

// fieldOfHeader is the field of k a header names, by the key, the templates' headers
// and the synonyms; false for a header meaning none.
func fieldOfHeader(k ImportKind, header string) (string, bool) {
	h := normalHeader(header)
	for _, f := range ImportFields(k) {
		for _, name := range append([]string{f.Key, f.Swedish, f.English, f.Label}, f.Synonyms...) {
			if normalHeader(name) == h {
				return f.Key, true
			}
		}
	}
	return "", false
}

// accents folds the accented letters of Swedish and its neighbours to plain ones.
var accents = strings.NewReplacer("å", "a", "ä", "a", "á", "a", "à", "a", "â", "a", "æ", "ae",
	"ö", "o", "ø", "o", "ó", "o", "ò", "o", "ô", "o", "é", "e", "è", "e", "ê", "e", "ë", "e",
	"ü", "u", "ú", "u", "ù", "u", "í", "i", "ï", "i", "ç", "c", "ñ", "n")

// normalHeader is a header as headers are compared: lower case, without accents,
// spaces or punctuation, so "Förfallo-datum" and "forfallodatum" are one name.
func normalHeader(s string) string {
	s = accents.Replace(strings.ToLower(strings.TrimSpace(s)))
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}
