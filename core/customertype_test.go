package core

import (
	"strings"
	"testing"
)

// A customer file without a Företag column still tells companies from persons by
// the number: an organisation number's third digit is at least 2, where a personal
// number has its birth month (Skatteverket, SKV 709 "Organisationsnummer": "den
// tredje siffran i organisationsnumret är alltid lägst en tvåa"). A Företag column
// filled in decides; a personal number (a sole trader's too) is a person.
func TestACustomerFileWithoutACompanyColumnTakesTheTypeFromTheNumber(t *testing.T) {
	for _, c := range []struct {
		name, header, row string
		company           bool
	}{
		{"an aktiebolag's organisation number is a company", "Kundnummer;Namn;Organisationsnummer", "K1;Åkeri AB;556677-8899", true},
		{"a handelsbolag's is a company", "Kundnummer;Namn;Organisationsnummer", "K1;Bröderna HB;969604-1285", true},
		{"twelve digits with the 16 prefix are a company", "Kundnummer;Namn;Organisationsnummer", "K1;Åkeri AB;165566778899", true},
		{"a personal number is a person", "Kundnummer;Namn;Organisationsnummer", "K1;Axel Jonsson;19851220-6098", false},
		{"no number is a person", "Kundnummer;Namn;Organisationsnummer", "K1;Anna Berg;", false},
		{"a Företag column saying nej decides", "Kundnummer;Namn;Organisationsnummer;Företag", "K1;Åkeri AB;556677-8899;nej", false},
		{"a Företag column saying ja decides", "Kundnummer;Namn;Organisationsnummer;Företag", "K1;Anna Berg AB;19851220-6098;ja", true},
		{"an empty Företag column leaves it to the number", "Kundnummer;Namn;Organisationsnummer;Företag", "K1;Åkeri AB;556677-8899;", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			cs, err := ParseCustomersCSV(strings.NewReader(c.header + "\n" + c.row + "\n"))
			if err != nil {
				t.Fatal(err)
			}
			if len(cs) != 1 || cs[0].IsCompany != c.company {
				t.Errorf("IsCompany = %v, want %v", cs[0].IsCompany, c.company)
			}
		})
	}
}
