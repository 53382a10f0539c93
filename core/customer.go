package core

// Address is a postal address.
type Address struct {
	Line1   string
	Line2   string
	ZipCode string
	City    string
	Country string // ISO 3166-1 alpha-2, "SE" by default
}

// Postal reports whether the address can carry a letter, as Amili needs it: a street
// line, a postcode and a city (the store's candidate query says the same in SQL).
func (a Address) Postal() bool {
	return a.Line1 != "" && a.ZipCode != "" && a.City != ""
}

// Customer is someone who owes the business money.
type Customer struct {
	ID        int64
	Number    string // the business's own customer number, unique
	Name      string
	IDNumber  string // organisation number (company) or personal identity number
	IsCompany bool
	Email     string
	Mobile    string // mobile phone number, "" when not known
	Address   Address
	// FeeAgreed is whether the customer's terms allow a reminder fee (inkassolagen:
	// a fee may only be charged where it was agreed in advance).
	FeeAgreed bool
}
