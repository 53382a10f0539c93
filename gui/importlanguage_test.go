package gui

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"testing"

	"paminn/assets"
	"paminn/core"
	"paminn/data/testbook"
)

// englishWords are words of the import's vocabulary that must not reach a Swedish
// screen: the fields' keys in Påminn's own files (due_date, customer_number, …) and
// their English names where the Swedish differs.
func englishWords(t *testing.T) *regexp.Regexp {
	t.Helper()
	sv, err := assets.Translation("sv.json")
	if err != nil {
		t.Fatal(err)
	}
	var words []string
	for _, k := range []core.ImportKind{core.ImportCustomers, core.ImportInvoices} {
		for _, f := range core.ImportFields(k) {
			words = append(words, regexp.QuoteMeta(f.Key))
			if sv[f.Label] != f.Label {
				words = append(words, regexp.QuoteMeta(f.Label))
			}
		}
	}
	return regexp.MustCompile(`(^|[^\pL_])(` + strings.Join(words, "|") + `)($|[^\pL_])`)
}

// untranslatedMessages lists the messages in err that sv.json has no Swedish for.
func untranslatedMessages(t *testing.T, err error) []string {
	t.Helper()
	sv, lerr := assets.Translation("sv.json")
	if lerr != nil {
		t.Fatal(lerr)
	}
	var out []string
	if m := core.AsError(err).Message; sv[m] == "" {
		out = append(out, m)
	}
	var imp *core.ImportError
	if errors.As(err, &imp) {
		for _, r := range imp.Rows {
			if sv[r.Message] == "" {
				out = append(out, r.Message)
			}
		}
	}
	return out
}

func TestCSVImportMessagesReachASwedishScreenInSwedish(t *testing.T) {
	book := testbook.New(t, testbook.Options{})
	svc := book.Service
	ctx := context.Background()
	mapping := func(m core.ColumnMapping) func() error {
		return func() error {
			_, err := svc.ImportFile(ctx, core.ImportInvoices, []byte("A;B;C;D;E\n1;K1;2026-01-01;2026-02-01;100\n"), m)
			return err
		}
	}
	cases := []struct {
		name string
		run  func() error
	}{
		{"an invoice file without its due date", func() error {
			_, err := svc.ImportInvoicesCSV(ctx, strings.NewReader("Fakturanummer;Kundnummer;Fakturadatum;Belopp\n1;K1;2026-01-01;100\n"))
			return err
		}},
		{"a customer file with a column Påminn does not know", func() error {
			_, err := svc.ImportCustomersCSV(ctx, strings.NewReader("Kundnummer;Namn;Färg\nK9;Ek AB;blå\n"))
			return err
		}},
		{"a mapping without the due date", mapping(core.ColumnMapping{"number": 0, "customer_number": 1, "invoice_date": 2, "total": 4})},
		{"a mapping with one column for two fields", mapping(core.ColumnMapping{"number": 0, "customer_number": 1, "invoice_date": 2, "due_date": 2, "total": 4})},
		{"rows with a bad date, a bad amount and a missing number", func() error {
			_, err := svc.ImportInvoicesCSV(ctx, strings.NewReader("Fakturanummer;Kundnummer;Fakturadatum;Förfallodatum;Belopp\n"+
				"1;K1;2026-13-01;2026-02-01;100\n2;K1;2026-01-01;2026-02-01;mycket\n;K1;2026-01-01;2026-02-01;100\n"))
			return err
		}},
	}
	english := englishWords(t)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.run()
			if err == nil {
				t.Fatal("the import was taken")
			}
			shown := errorText(err)
			if words := english.FindAllString(shown, -1); len(words) > 0 {
				t.Errorf("English on the Swedish screen %q:\n%s", words, shown)
			}
			if missing := untranslatedMessages(t, err); len(missing) > 0 {
				t.Errorf("untranslated messages %q:\n%s", missing, shown)
			}
		})
	}
}

// The messages name the fields by their labels ("the columns are Kundnummer, Namn,
// …"), so each label, in Swedish as in English, must be a header the import takes.
func TestEveryFieldsLabelInEitherLanguageIsAHeaderTheImportTakes(t *testing.T) {
	sv, err := assets.Translation("sv.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []core.ImportKind{core.ImportCustomers, core.ImportInvoices} {
		for _, f := range core.ImportFields(k) {
			for _, label := range []string{f.Label, sv[f.Label]} {
				m, _ := core.MatchColumns(k, []string{label})
				if i, ok := m[f.Key]; !ok || i != 0 {
					t.Errorf("%s: the header %q is not taken as %s", k, label, f.Key)
				}
			}
		}
	}
}
