package letter

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/theme"

	"paminn/core"
)

// notoSans is what main.go hands the letter writer: the Noto Sans that Fyne bundles.
// (Only this test imports Fyne; the package does not.)
func notoSans() Fonts {
	return Fonts{Regular: theme.DefaultTextFont().Content(), Bold: theme.DefaultTextBoldFont().Content(),
		Italic: theme.DefaultTextItalicFont().Content()}
}

func notoWriter(tb testing.TB) *Writer {
	tb.Helper()
	w, err := NewWithFonts(notoSans())
	if err != nil {
		tb.Fatal(err)
	}
	return w
}

// Issue 25, point 10: the built-in Helvetica holds Windows-1252 only, and a letter
// printed "." for every other character of a customer's name or address.
func TestALetterPrintsNamesOutsideWindows1252(t *testing.T) {
	w := notoWriter(t)
	for _, tc := range []struct{ script, name, line1, city string }{
		{"Polish", "Łukasz Żółkiewski", "ul. Świętokrzyska 5", "Łódź"},
		{"Russian", "Ольга Смирнова", "ул. Тверская 7", "Москва"},
		{"Vietnamese", "Nguyễn Thị Hằng", "Đường Lê Lợi 12", "Hà Nội"},
		{"Greek", "Γιώργος Παπαδόπουλος", "Οδός Ερμού 3", "Αθήνα"},
		{"Czech", "Jiří Dvořák", "Náměstí Míru 8", "Brno"},
	} {
		t.Run(tc.script, func(t *testing.T) {
			l := sampleLetter()
			l.Customer.Name, l.Customer.Address.Line1, l.Customer.Address.Line2, l.Customer.Address.City = tc.name, tc.line1, "", tc.city
			pdf, err := w.RenderLetter(l)
			if err != nil {
				t.Fatal(err)
			}
			text := pdfText(t, pdf)
			for _, want := range []string{tc.name, tc.line1, tc.city, "Betalningspåminnelse 2", "Att betala 12 528,13 kr", "Fjällbäckens Snickeri AB"} {
				if !strings.Contains(text, want) {
					t.Errorf("the letter does not say %q; it says:\n%s", want, text)
				}
			}
			if got := w.Unprintable(l); len(got) != 0 {
				t.Errorf("Unprintable says %q, though the fonts print them", got)
			}
		})
	}
}

// Only a letter that needs them embeds the TrueType fonts, and only the styles it uses:
// a Swedish letter stays as small and as quick as with Helvetica alone.
func TestOnlyALetterThatNeedsThemEmbedsTheFonts(t *testing.T) {
	w := notoWriter(t)
	swedish, err := w.RenderLetter(sampleLetter())
	if err != nil {
		t.Fatal(err)
	}
	plain, err := New().RenderLetter(sampleLetter())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(swedish, plain) {
		t.Error("a letter whose text fits Windows-1252 differs from one with Helvetica alone")
	}
	l := sampleLetter()
	l.Customer.Name = "Łukasz Żółkiewski"
	polish, err := w.RenderLetter(l)
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(polish, []byte("/FontFile2")); n != 1 {
		t.Errorf("the letter embeds %d TrueType fonts, want 1 (the regular style of the name)", n)
	}
	if len(polish) > 60<<10 {
		t.Errorf("the letter is %d bytes; the font is not subset", len(polish))
	}
}

func TestUnprintableNamesWhatNoFontPrints(t *testing.T) {
	l := sampleLetter()
	l.Customer.Name = "山田太郎"
	l.Customer.Address.City = "Łódź"
	l.Invoice.Number = "2026-" + strings.Repeat("😀", 80)
	tests := []struct {
		name   string
		writer *Writer
		want   []string
	}{
		{"with Noto Sans, the Japanese name and the emoji", notoWriter(t), []string{"山田太郎", core.Excerpt(l.Invoice.Number)}},
		{"with Helvetica alone, the Polish city too", New(), []string{"山田太郎", "Łódź", core.Excerpt(l.Invoice.Number)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.writer.Unprintable(l)
			slices.Sort(got)
			slices.Sort(tt.want)
			if !slices.Equal(got, tt.want) {
				t.Errorf("Unprintable = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestNewWithFontsRefusesAFileThatIsNoFont(t *testing.T) {
	_, err := NewWithFonts(Fonts{Regular: []byte("%PDF-1.4 not a font")})
	if core.ErrorCodeOf(err) != core.EINVALID {
		t.Fatalf("err = %v, want EINVALID", err)
	}
}

// BenchmarkRender200LettersOutsideWindows1252 is the worst case for the fonts: every
// letter of the batch goes to a customer whose name needs them, so each embeds one.
func BenchmarkRender200LettersOutsideWindows1252(b *testing.B) {
	w := notoWriter(b)
	letters := make([]core.Letter, core.MaxBatch)
	for i := range letters {
		letters[i] = sampleLetter()
		letters[i].Invoice.Number = fmt.Sprintf("2025-%04d", i)
		letters[i].Customer.Name = []string{"Łukasz Żółkiewski", "Ольга Смирнова", "Nguyễn Thị Hằng"}[i%3]
	}
	benchmarkWrite(b, w, letters)
}
