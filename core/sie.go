package core

import (
	"context"
	"strings"
)

// SIEFile is the head of an SIE type 4i file (SIE-Gruppen, "SIE filformat, utgåva
// 4B"): who made it, for whom, the accounts it names. Its verifications follow it,
// streamed (SIEWriter), so an export holds one verification at a time, however
// large the period. data/sie writes it in the file format.
type SIEFile struct {
	Program, ProgramVersion string
	// Generated is the date #GEN carries: the date of the period's latest event, so
	// the same period exported twice is the same file (core/RULES.md).
	Generated Date
	Company   string
	OrgNumber string // "" leaves #ORGNR out
	Accounts  []SIEAccount
}

// SIEAccount is an account the file names (#KONTO).
type SIEAccount struct {
	Number string
	Name   string
}

// SIEWriter writes an SIE file (data/sie implements it: PC8 encoding, #KSUMMA):
// f's records, then each verification verifications hands to each, in order, at
// path, whole or not at all, replacing what path held. With no verifications it
// leaves path as it was and returns 0. It returns the number written; an error of
// verifications comes back as it was, one of the file is an EUNAVAILABLE *Error
// naming path.
type SIEWriter interface {
	WriteSIEFile(path string, f SIEFile, verifications func(each func(Verification) error) error) (int, error)
}

// SIEProgramVersion is the version #PROGRAM names (FyneApp.toml's Version).
const SIEProgramVersion = "0.1.0"

// BookEventReader reads the events of the money for the bookkeeping export (the
// sie area of the Store).
type BookEventReader interface {
	// BookEvents calls each with every event dated from from through to (both
	// included), each read from its own row and so in one period only, ordered by
	// date, then kind (what raises a claim before what settles it), then row; it
	// stops at each's first error and returns it.
	BookEvents(ctx context.Context, from, to Date, each func(BookEvent) error) error
	// LastBookEventDate is the date of the latest event from from through to (the
	// zero Date when there is none).
	LastBookEventDate(ctx context.Context, from, to Date) (Date, error)
}

// sieHead is the head of the file of an export for the company in set whose latest
// event is on last. It names every account the export may book on, once.
func sieHead(set Settings, last Date) SIEFile {
	f := SIEFile{Program: "Påminn", ProgramVersion: SIEProgramVersion, Generated: last,
		Company: strings.TrimSpace(set.Company.Name), OrgNumber: sieOrgNumber(set.Company.OrgNumber)}
	named := map[string]bool{}
	for _, a := range set.Bookkeeping.Accounts.Effective().list() {
		if !named[a.Number] {
			f.Accounts = append(f.Accounts, a)
			named[a.Number] = true
		}
	}
	return f
}

// sieOrgNumber is the organisation number as #ORGNR writes it: "Organisationsnumret
// ska innehålla ett bindestreck efter den sjätte siffran" (SIE filformat 4B, 11
// "#ORGNR"), whatever form it was entered in — ten digits, or a personal number
// with its century (a sole trader's: 12 digits starting 18, 19 or 20) or an
// organisation number with Skatteverket's "16" in front. Anything else is no
// number #ORGNR can carry, and the optional record is left out ("").
func sieOrgNumber(entered string) string {
	var digits []byte
	for _, r := range entered {
		switch {
		case r >= '0' && r <= '9':
			digits = append(digits, byte(r))
		case r == '-' || r == '+' || r == ' ':
		default:
			return ""
		}
	}
	if len(digits) == 12 {
		switch string(digits[:2]) {
		case "16", "18", "19", "20":
			digits = digits[2:]
		}
	}
	if len(digits) != 10 {
		return ""
	}
	return string(digits[:6]) + "-" + string(digits[6:])
}
