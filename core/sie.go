package core

import (
	"context"
	"io"
)

// SIEFile is the content of an SIE type 4i file (SIE-Gruppen, "SIE filformat,
// utgåva 4B"): who made it, for whom, the accounts it names and its verifications.
// data/sie writes it in the file format.
type SIEFile struct {
	Program, ProgramVersion string
	// Generated is the date #GEN carries: the date of the latest verification, so the
	// same period exported twice is the same file (core/RULES.md).
	Generated     Date
	Company       string
	OrgNumber     string // "" leaves #ORGNR out
	Accounts      []SIEAccount
	Verifications []Verification
}

// SIEAccount is an account the file names (#KONTO).
type SIEAccount struct {
	Number string
	Name   string
}

// SIEWriter writes an SIE file (data/sie implements it: PC8 encoding, #KSUMMA).
type SIEWriter interface {
	WriteSIE(w io.Writer, f SIEFile) error
}

// SIEProgramVersion is the version #PROGRAM names (FyneApp.toml's Version).
const SIEProgramVersion = "0.1.0"

// BookEventReader reads the events of the money for the bookkeeping export (the
// sie area of the Store).
type BookEventReader interface {
	// BookEvents returns every event dated from from through to (both included),
	// each read from its own row and so in one period only, in BookEvent.Before order.
	BookEvents(ctx context.Context, from, to Date) ([]BookEvent, error)
}

// sieFile is the file of vers for the company in set.
func sieFile(set Settings, vers []Verification) SIEFile {
	f := SIEFile{Program: "Påminn", ProgramVersion: SIEProgramVersion, Company: set.Company.Name,
		OrgNumber: set.Company.OrgNumber, Verifications: vers}
	if len(vers) > 0 {
		f.Generated = vers[len(vers)-1].Date
	}
	used := map[string]bool{}
	for _, v := range vers {
		for _, l := range v.Lines {
			used[l.Account] = true
		}
	}
	for _, a := range set.Bookkeeping.Accounts.Effective().list() {
		if used[a.Number] {
			f.Accounts = append(f.Accounts, a)
			used[a.Number] = false
		}
	}
	return f
}
