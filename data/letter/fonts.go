package letter

import (
	"slices"
	"strings"
	"sync"

	"github.com/go-pdf/fpdf"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/text/encoding/charmap"

	"paminn/core"
)

// Fonts are TrueType fonts (the bytes of .ttf files) for the text of a letter that
// Windows-1252, the encoding of the PDF's built-in Helvetica, cannot hold: Łukasz,
// Ольга, Nguyễn. main.go hands over Fyne's bundled Noto Sans (data does not import
// Fyne). Bold and Italic may be nil: the regular font stands in for them.
type Fonts struct {
	Regular, Bold, Italic []byte
}

// unicodeFamily is the family the TrueType fonts are added under in a letter's PDF.
const unicodeFamily = "paminnunicode"

// trueType is a Writer's TrueType fonts: the fonts as given, by fpdf style ("", "B",
// "I"), and, once a letter first needs them, cut to the repertoire and parsed, to tell
// which characters they print.
type trueType struct {
	given map[string][]byte
	once  sync.Once
	cut   map[string][]byte
	faces []*sfnt.Font
}

// NewWithFonts returns a Writer that prints text outside Windows-1252 in fonts. Only
// the pieces of text that need them are set in them, so a letter whose text fits
// Windows-1252 is the same as with New and costs no more, and one that does not
// embeds only the styles it uses. EINVALID when a font cannot be read.
func NewWithFonts(fonts Fonts) (*Writer, error) {
	tt := &trueType{given: map[string][]byte{"": fonts.Regular, "B": fonts.Bold, "I": fonts.Italic}}
	for style, ttf := range tt.given {
		if ttf == nil {
			tt.given[style] = fonts.Regular
		}
		if _, err := sfnt.Parse(tt.given[style]); err != nil {
			return nil, core.Wrap(err, core.EINVALID, "The letters' font could not be read", nil)
		}
	}
	w := New()
	w.ttf = tt
	return w, nil
}

// prepare cuts the fonts to the repertoire, once: a few milliseconds that a program
// writing no letter outside Windows-1252 never spends.
func (t *trueType) prepare() {
	t.once.Do(func() {
		t.cut = map[string][]byte{}
		for _, style := range []string{"", "B", "I"} {
			ttf := fpdf.UTF8CutFont(t.given[style], repertoire())
			face, err := sfnt.Parse(ttf)
			if err != nil { // fpdf's cut of a font sfnt read: keep the whole font
				ttf = t.given[style]
				face, _ = sfnt.Parse(ttf)
			}
			t.cut[style] = ttf
			t.faces = append(t.faces, face)
		}
	})
}

// font returns the font of style, cut to the repertoire.
func (t *trueType) font(style string) []byte {
	t.prepare()
	return t.cut[style]
}

// repertoireBlocks are the Unicode blocks the letters' TrueType fonts keep: the
// alphabets of Europe and Vietnam, with their punctuation and currency signs. Each
// letter that embeds a font pays for its size (parsed, then cut to the letter's own
// characters), so the rest of a font that covers many scripts is left out; a name in
// another script is what Unprintable reports.
var repertoireBlocks = [][2]rune{
	{0x0020, 0x007e}, // Basic Latin
	{0x00a0, 0x02af}, // Latin-1 Supplement, Latin Extended-A and -B, IPA
	{0x02b0, 0x036f}, // Spacing Modifier Letters, Combining Diacritical Marks
	{0x0370, 0x03ff}, // Greek and Coptic
	{0x0400, 0x052f}, // Cyrillic and its Supplement
	{0x1e00, 0x1eff}, // Latin Extended Additional (Vietnamese)
	{0x2000, 0x206f}, // General Punctuation
	{0x2070, 0x209f}, // Superscripts and Subscripts
	{0x20a0, 0x20cf}, // Currency Symbols
	{0x2100, 0x214f}, // Letterlike Symbols
}

// repertoire is every character of repertoireBlocks, in order.
func repertoire() string {
	var b strings.Builder
	for _, blk := range repertoireBlocks {
		for r := blk[0]; r <= blk[1]; r++ {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// has reports whether every style of the fonts can print r.
func (t *trueType) has(r rune) bool {
	t.prepare()
	var buf sfnt.Buffer
	for _, f := range t.faces {
		if i, err := f.GlyphIndex(&buf, r); err != nil || i == 0 {
			return false
		}
	}
	return true
}

// inCP1252 reports whether r prints in the built-in Helvetica.
func inCP1252(r rune) bool {
	_, ok := charmap.Windows1252.EncodeRune(r)
	return ok
}

// fitsCP1252 reports whether all of s prints in the built-in Helvetica.
func fitsCP1252(s string) bool {
	for _, r := range s {
		if !inCP1252(r) {
			return false
		}
	}
	return true
}

// printable reports whether the Writer can print r.
func (w *Writer) printable(r rune) bool {
	return inCP1252(r) || (w.ttf != nil && w.ttf.has(r))
}

// Unprintable returns, quoted as a message may quote them, the names, addresses and
// numbers of the letter that hold a character the Writer cannot print (it would print
// as "." or nothing): what to tell the user before the letter is sent.
func (w *Writer) Unprintable(l core.Letter) []string {
	co, cu := l.Company, l.Customer
	fields := []string{co.Name, co.Address.Line1, co.Address.Line2, co.Address.ZipCode, co.Address.City,
		co.Email, co.Phone, co.OrgNumber, cu.Name, cu.Number, cu.Address.Line1, cu.Address.Line2,
		cu.Address.ZipCode, cu.Address.City, l.Invoice.Number, l.Invoice.OCR}
	var bad []string
	for _, s := range fields {
		if strings.ContainsFunc(s, func(r rune) bool { return !w.printable(r) }) && !slices.Contains(bad, core.Excerpt(s)) {
			bad = append(bad, core.Excerpt(s))
		}
	}
	return bad
}
