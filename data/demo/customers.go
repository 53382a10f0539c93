package demo

import (
	"math/rand/v2"
	"strconv"
	"strings"

	"paminn/core"
)

var (
	surnames = []string{
		"Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson",
		"Persson", "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Jansson", "Hansson",
		"Bengtsson", "Jönsson", "Lindberg", "Jakobsson", "Magnusson", "Olofsson", "Lindström",
		"Lindqvist", "Lindgren", "Berg", "Axelsson", "Bergström", "Lundberg", "Lundgren",
		"Lundqvist", "Mattsson", "Berglund", "Fredriksson", "Sandberg", "Henriksson",
		"Forsberg", "Sjöberg", "Wallin", "Engström", "Eklund", "Danielsson", "Håkansson",
		"Lundin", "Björk", "Gunnarsson", "Holm", "Bergman", "Samuelsson", "Fransson",
		"Wikström", "Isaksson", "Nyström", "Holmberg", "Åberg", "Söderberg", "Nordström",
		"Ström", "Hedlund", "Öberg", "Sundberg", "Björklund", "Ekström", "Löfgren",
		"Dahlgren", "Sjögren", "Åström", "Blomqvist", "Nordin", "Lundström", "Hägglund",
	}
	womenNames = []string{
		"Anna", "Eva", "Maria", "Karin", "Kristina", "Lena", "Sara", "Emma", "Elin", "Ingrid",
		"Malin", "Linnéa", "Märta", "Åsa", "Ebba", "Maja", "Sofia", "Annika", "Birgitta",
		"Ulla", "Agnes", "Astrid", "Frida", "Hanna", "Ida", "Matilda", "Sigrid", "Ylva",
		"Jenny", "Britt-Marie",
	}
	menNames = []string{
		"Erik", "Lars", "Karl", "Anders", "Johan", "Per", "Nils", "Mikael", "Jan", "Hans",
		"Olof", "Peter", "Gustav", "Fredrik", "Björn", "Göran", "Stefan", "Mats", "Jörgen",
		"Håkan", "Åke", "Örjan", "Oskar", "William", "Hugo", "Axel", "Linus", "Måns",
		"Sören", "Jonas",
	}
	// trades name a business by what it does: "Bergström Bygg AB", "Lindqvists Måleri".
	trades = []string{
		"Bygg", "Måleri", "Rör", "El", "Snickeri", "Trädgård", "Städ", "Transport", "Åkeri",
		"Redovisning", "Konsult", "Data", "Fastigheter", "Plåtslageri", "Golv",
		"Mark & Anläggning", "Bilverkstad", "Frisör", "Fotografi", "Reklam", "Design", "VVS",
		"Ventilation", "Kakel", "Tak", "Glas", "Låsservice", "Juridik", "Catering", "Bageri",
		"Blommor", "Flytt", "Hundtrim",
	}
	// brands are the fancy names small firms pick: "Norrsken Konsult AB", "Café Solrosen HB".
	brands = []string{
		"Solrosen", "Norrsken", "Fjällvinden", "Havsbrisen", "Älvdalen", "Ängen", "Granen",
		"Björken", "Lärkan", "Svalan", "Stjärnan", "Kompassen", "Ankaret", "Fyren", "Vågen",
		"Måsen", "Tallen", "Eken", "Lönnen", "Sjöviken", "Gläntan", "Nyponet", "Blåklinten",
	}
	// venues go before a brand: "Café Solrosen HB", "Salong Lärkan HB".
	venues = []string{"Café", "Salong", "Restaurang", "Studio", "Bageriet", "Pensionat", "Kiosken"}

	streets = []string{
		"Storgatan", "Drottninggatan", "Kungsgatan", "Järnvägsgatan", "Skolgatan", "Sveavägen",
		"Vasagatan", "Björkvägen", "Ekvägen", "Industrivägen", "Hamngatan", "Östra Långgatan",
		"Nygatan", "Kyrkogatan", "Parkvägen", "Ringvägen", "Södra vägen", "Åsgatan",
		"Götgatan", "Tegnérgatan", "Slottsgatan", "Fabriksgatan", "Ängsvägen", "Lärkvägen",
		"Strandvägen", "Idrottsvägen", "Bangårdsgatan", "Köpmangatan", "Västra Hamngatan",
		"Hantverkargatan",
	}
	mailProviders = []string{
		"gmail.com", "hotmail.com", "outlook.com", "telia.com", "icloud.com", "live.se",
		"bredband.net", "yahoo.se",
	}
	companyMailboxes = []string{"faktura", "faktura", "ekonomi", "info", "kontakt", "bokforing"}
)

// city is a Swedish city with the first three digits of its postcodes.
type city struct {
	name     string
	zipFirst int // lowest three-digit postcode prefix
	zipSpan  int // how many prefixes from zipFirst
	weight   int // relative number of customers there
}

var cities = []city{
	{"Stockholm", 111, 19, 12}, {"Göteborg", 411, 8, 8}, {"Malmö", 211, 7, 6},
	{"Uppsala", 751, 7, 4}, {"Västerås", 721, 5, 3}, {"Örebro", 702, 2, 3},
	{"Linköping", 582, 6, 3}, {"Umeå", 903, 5, 2}, {"Jönköping", 553, 4, 3},
	{"Lund", 222, 6, 2}, {"Norrköping", 602, 2, 2}, {"Helsingborg", 252, 5, 3},
	{"Gävle", 802, 5, 2}, {"Sundsvall", 852, 5, 2}, {"Luleå", 972, 4, 1},
	{"Karlstad", 652, 5, 2}, {"Växjö", 352, 4, 2}, {"Halmstad", 302, 3, 2},
	{"Borås", 503, 5, 2}, {"Östersund", 831, 4, 1}, {"Visby", 621, 2, 1},
	{"Kiruna", 981, 1, 1}, {"Skellefteå", 931, 4, 1}, {"Kalmar", 392, 3, 1},
}

// cityTable lists each city index weight times, so one IntN picks a weighted city.
var cityTable = func() []int {
	var t []int
	for i, c := range cities {
		for range c.weight {
			t = append(t, i)
		}
	}
	return t
}()

// kind is the legal form of a customer.
type kind int

const (
	privatePerson kind = iota
	aktiebolag         // AB, organisation number 556…/559…
	handelsbolag       // HB, organisation number 969…
	enskildFirma       // sole trader, identified by the owner's personal number
)

// generateCustomers makes n customers numbered K1001 onwards: about 30% private
// persons, the rest companies of the three common forms; about 3% without an
// organisation or personal number and 15% without an e-mail address.
func generateCustomers(r *rand.Rand, n int) []core.Customer {
	noID, noEmail := pickSet(r, n, max(share(n, 3), min(n, 1))), pickSet(r, n, share(n, 15))
	names := make(map[string]bool, n) // only looked up, never ranged over
	cs := make([]core.Customer, n)
	for i := range cs {
		c := newCustomer(r, pickKind(r), names)
		c.Number = "K" + strconv.Itoa(1001+i)
		if noID[i] {
			c.IDNumber = ""
		}
		if noEmail[i] {
			c.Email = ""
		}
		cs[i] = c
	}
	return cs
}

// pickKind draws a legal form: 30% private persons, 45% AB, 12% HB, 13% sole traders.
func pickKind(r *rand.Rand) kind {
	switch p := r.IntN(100); {
	case p < 30:
		return privatePerson
	case p < 75:
		return aktiebolag
	case p < 87:
		return handelsbolag
	default:
		return enskildFirma
	}
}

// newCustomer makes one customer of kind k whose name is not yet in names.
func newCustomer(r *rand.Rand, k kind, names map[string]bool) core.Customer {
	var c core.Customer
	var man bool
	for try := 0; ; try++ {
		c, man = customerName(r, k)
		if try >= 5 {
			c.Name += " " + strconv.Itoa(try) // a sixth namesake gets told apart
		}
		if !names[c.Name] {
			break
		}
	}
	names[c.Name] = true
	c.IsCompany = k != privatePerson
	c.Address = address(r)
	switch k {
	case privatePerson:
		c.IDNumber = personalNumber(r, man)
		c.Email = privateEmail(r, c.Name)
		c.FeeAgreed = r.IntN(100) < 40
	case enskildFirma:
		c.IDNumber = personalNumber(r, man)
		c.Email = companyEmail(r, c.Name)
		c.FeeAgreed = r.IntN(100) < 75
	case aktiebolag:
		c.IDNumber = orgNumber(r, []string{"556", "559"}[r.IntN(2)])
		c.Email = companyEmail(r, strings.TrimSuffix(c.Name, " AB"))
		c.FeeAgreed = r.IntN(100) < 90
	case handelsbolag:
		c.IDNumber = orgNumber(r, "969")
		c.Email = companyEmail(r, strings.TrimSuffix(c.Name, " HB"))
		c.FeeAgreed = r.IntN(100) < 85
	}
	return c
}

// customerName makes a name of kind k and says whether the person (or a sole
// trader's owner) is a man, which sets the personal number's gender digit.
func customerName(r *rand.Rand, k kind) (core.Customer, bool) {
	man := r.IntN(2) == 0
	first := pick(r, womenNames)
	if man {
		first = pick(r, menNames)
	}
	surname := pick(r, surnames)
	var name string
	switch k {
	case privatePerson:
		name = first + " " + surname
	case aktiebolag:
		if r.IntN(3) == 0 {
			name = pick(r, brands) + " " + pick(r, trades) + " AB"
		} else {
			name = surname + " " + pick(r, trades) + " AB"
		}
	case handelsbolag:
		switch r.IntN(3) {
		case 0:
			name = pick(r, venues) + " " + pick(r, brands) + " HB"
		case 1:
			name = "Bröderna " + surname + " HB"
		default:
			name = surname + " & " + pick(r, surnames) + " " + pick(r, trades) + " HB"
		}
	case enskildFirma:
		if r.IntN(4) == 0 {
			name = first + " " + surname + " " + pick(r, trades)
		} else {
			name = surname + "s " + pick(r, trades)
		}
	}
	return core.Customer{Name: name}, man
}

// address makes a street address in a weighted-random Swedish city.
func address(r *rand.Rand) core.Address {
	c := cities[cityTable[r.IntN(len(cityTable))]]
	line1 := pick(r, streets) + " " + strconv.Itoa(1+r.IntN(120))
	if r.IntN(10) == 0 {
		line1 += string(rune('A' + r.IntN(3)))
	}
	zip := strconv.Itoa(c.zipFirst+r.IntN(c.zipSpan)) + " " + pad(r.IntN(100), 2)
	return core.Address{Line1: line1, ZipCode: zip, City: c.name, Country: "SE"}
}

// orgNumber makes an organisation number "556123-4567" starting with prefix and
// ending in its Luhn check digit.
func orgNumber(r *rand.Rand, prefix string) string {
	digits := prefix + pad(r.IntN(1_000_000), 6)
	digits += luhnDigit(digits)
	return digits[:6] + "-" + digits[6:]
}

// personalNumber makes a twelve-digit personal number "19800101-1234" for someone
// born 1945–2004, whose third serial digit is odd for men and even for women, and
// whose check digit is the Luhn digit of the ten digits after the century.
func personalNumber(r *rand.Rand, man bool) string {
	born := core.NewDate(1945+r.IntN(60), 1, 1).AddDays(r.IntN(365))
	gender := 2 * r.IntN(5)
	if man {
		gender++
	}
	serial := pad(r.IntN(100), 2) + string(rune('0'+gender))
	ten := pad(born.Year%100, 2) + pad(int(born.Month), 2) + pad(born.Day, 2) + serial
	ten += luhnDigit(ten)
	return strconv.Itoa(born.Year/100) + ten[:6] + "-" + ten[6:]
}

// luhnDigit returns the modulus-10 check digit of digits, the rule organisation and
// personal numbers share with OCR references.
func luhnDigit(digits string) string {
	d, err := core.OCRCheckDigit(digits)
	if err != nil {
		panic(err) // digits are generated here and are always 0–9
	}
	return string(rune('0' + d))
}

// companyEmail makes an invoice address at the firm's own domain:
// "faktura@bergstrombygg.se".
func companyEmail(r *rand.Rand, name string) string {
	return pick(r, companyMailboxes) + "@" + mailSlug(name, "") + ".se"
}

// privateEmail makes a personal address such as "anna.karlsson@gmail.com".
func privateEmail(r *rand.Rand, name string) string {
	local := mailSlug(name, ".")
	if r.IntN(3) == 0 {
		local += pad(r.IntN(100), 2)
	}
	return local + "@" + pick(r, mailProviders)
}

// mailSlug folds name to lower-case ASCII for an e-mail address (å and ä to a, ö to
// o, é to e), drops everything else but letters and digits, and joins the words with
// sep.
func mailSlug(name, sep string) string {
	var b strings.Builder
	space := false
	for _, ch := range strings.ToLower(name) {
		switch ch {
		case 'å', 'ä', 'á', 'à':
			ch = 'a'
		case 'ö', 'ø', 'ó':
			ch = 'o'
		case 'é', 'è':
			ch = 'e'
		case 'ü':
			ch = 'u'
		}
		switch {
		case ch >= 'a' && ch <= 'z' || ch >= '0' && ch <= '9':
			if space && b.Len() > 0 {
				b.WriteString(sep)
			}
			space = false
			b.WriteRune(ch)
		default:
			space = true
		}
	}
	return b.String()
}

// pick returns a random element of list.
func pick(r *rand.Rand, list []string) string { return list[r.IntN(len(list))] }

// pad formats n (≥ 0) in decimal with leading zeros to width digits.
func pad(n, width int) string {
	s := strconv.Itoa(n)
	if len(s) >= width {
		return s
	}
	return strings.Repeat("0", width-len(s)) + s
}
