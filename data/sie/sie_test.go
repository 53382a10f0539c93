package sie

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"paminn/core"
)

// specCRC is the checksum as SIE-Gruppen's "SIE filformat, utgåva 4B" describes it
// under "Algoritm för kontrollsummering" and "Parametrar för kontrollsummaalgoritmen":
// CRC-32 with the reflected polynomial 0xEDB88320, the register started at
// 0xFFFFFFFF and inverted at the end, fed byte by byte. Written bit by bit here, not
// through hash/crc32, so the test does not check the writer against itself.
func specCRC(data []byte) uint32 {
	crc := uint32(0xFFFFFFFF)
	for _, b := range data {
		crc ^= uint32(b)
		for range 8 {
			if crc&1 != 0 {
				crc = crc>>1 ^ 0xEDB88320
			} else {
				crc >>= 1
			}
		}
	}
	return ^crc
}

func exampleFile() core.SIEFile {
	day := core.MustDate("2026-03-02")
	return core.SIEFile{Program: "Påminn", ProgramVersion: "0.1.0", Generated: day,
		Company: `Snickeri "Ek" Åkesson AB`, OrgNumber: "556677-8899",
		Accounts: []core.SIEAccount{{Number: "1510", Name: "Kundfordringar"}, {Number: "3590", Name: "Påminnelseavgifter"}}}
}

// exampleVerifications hands over the example's one verification.
func exampleVerifications(each func(core.Verification) error) error {
	return each(core.Verification{Date: core.MustDate("2026-03-02"), Text: "Påminnelse, faktura 10049",
		Lines: []core.VerificationLine{
			{Account: "1510", Amount: decimal.RequireFromString("60")},
			{Account: "3590", Amount: decimal.RequireFromString("-60")},
		}})
}

// write writes f with the example's verification and returns the file.
func write(t *testing.T, f core.SIEFile) string {
	t.Helper()
	var buf bytes.Buffer
	if n, err := (Writer{}).WriteSIE(&buf, f, exampleVerifications); err != nil || n != 1 {
		t.Fatalf("WriteSIE = %d, %v", n, err)
	}
	return buf.String()
}

// The file as the specification lays it out, written by hand from its record
// descriptions (#FLAGGA, #KSUMMA, #PROGRAM, #FORMAT, #GEN, #SIETYP, #FNAMN, #ORGNR,
// #KONTO, #VER, #TRANS), in UTF-8 here; the file itself is PC8.
const exampleText = "#FLAGGA 0\r\n" +
	"#KSUMMA\r\n" +
	"#PROGRAM \"Påminn\" 0.1.0\r\n" +
	"#FORMAT PC8\r\n" +
	"#GEN 20260302\r\n" +
	"#SIETYP 4\r\n" +
	"#FNAMN \"Snickeri \\\"Ek\\\" Åkesson AB\"\r\n" +
	"#ORGNR 556677-8899\r\n" +
	"#KONTO 1510 \"Kundfordringar\"\r\n" +
	"#KONTO 3590 \"Påminnelseavgifter\"\r\n" +
	"#VER \"\" \"\" 20260302 \"Påminnelse, faktura 10049\"\r\n" +
	"{\r\n" +
	"#TRANS 1510 {} 60.00\r\n" +
	"#TRANS 3590 {} -60.00\r\n" +
	"}\r\n"

// What the checksum covers: from the record after the opening #KSUMMA to the one
// before the closing, each record's label and its fields' contents, without the
// spaces between fields, the quotes around texts (an escaped quote counts as the
// quote it is), braces and line ends ("Vilka delar av filinnehållet ska
// kontrollsummeras?").
const exampleChecksummed = "#PROGRAMPåminn0.1.0" + "#FORMATPC8" + "#GEN20260302" + "#SIETYP4" +
	"#FNAMNSnickeri \"Ek\" Åkesson AB" + "#ORGNR556677-8899" + "#KONTO1510Kundfordringar" +
	"#KONTO3590Påminnelseavgifter" + "#VER20260302Påminnelse, faktura 10049" +
	"#TRANS151060.00" + "#TRANS3590-60.00"

// cp437 encodes the few non-ASCII letters the examples use, from IBM's code page 437
// table: å 0x86, ä 0x84, ö 0x94, Å 0x8F, Ä 0x8E, Ö 0x99, é 0x82.
func cp437(s string) []byte {
	table := map[rune]byte{'å': 0x86, 'ä': 0x84, 'ö': 0x94, 'Å': 0x8F, 'Ä': 0x8E, 'Ö': 0x99, 'é': 0x82}
	var b []byte
	for _, r := range s {
		if c, ok := table[r]; ok {
			b = append(b, c)
		} else if r < 0x80 {
			b = append(b, byte(r))
		} else {
			panic("not in the test's table: " + string(r))
		}
	}
	return b
}

func TestWriteSIEWritesTheRecordsInPC8WithTheChecksumOfTheSpecification(t *testing.T) {
	got := write(t, exampleFile())
	sum := strconv.FormatUint(uint64(specCRC(cp437(exampleChecksummed))), 10)
	want := cp437(exampleText + "#KSUMMA " + sum + "\r\n")
	if !bytes.Equal([]byte(got), want) {
		t.Errorf("file =\n%q\nwant\n%q", got, want)
	}
}

func TestWriteSIEKeepsTextsInsideTheirQuotes(t *testing.T) {
	tests := []struct {
		name, company, want string
	}{
		{"a line break becomes a space", "Ek\r\nAB", `#FNAMN "Ek  AB"`},
		{"a tab becomes a space", "Ek\tAB", `#FNAMN "Ek AB"`},
		{"a backslash cannot escape the closing quote", `Ek AB\`, `#FNAMN "Ek AB/"`},
		{"a quote is escaped", `"Ek"`, `#FNAMN "\"Ek\""`},
		{"a character PC8 lacks becomes a question mark", "Łukasz €", `#FNAMN "?ukasz ?"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := exampleFile()
			f.Company = tt.company
			if got := write(t, f); !strings.Contains(got, tt.want+"\r\n") {
				t.Errorf("no %q in\n%s", tt.want, got)
			}
		})
	}
}

func TestWriteSIELeavesOutAnEmptyOrganisationNumber(t *testing.T) {
	f := exampleFile()
	f.OrgNumber = ""
	if got := write(t, f); strings.Contains(got, "#ORGNR") {
		t.Errorf("#ORGNR written without a number:\n%s", got)
	}
}
