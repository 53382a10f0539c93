package core

import (
	"context"
	"strings"
)

// SIEExport is what an export wrote.
type SIEExport struct {
	Path          string
	Verifications int
}

// ExportSIE writes every event of the money dated from from through to as an SIE
// type 4i file at path (core/RULES.md, "Bookkeeping export"), replacing what path
// held. The file appears whole or not at all: a period with nothing to book, an
// account that is not one, or a file that cannot be written is an error and leaves
// path as it was. The same period exported twice gives the same bytes. The events
// stream from the book to the file, so memory stays small however long the period.
func (s *Service) ExportSIE(ctx context.Context, from, to Date, path string) (SIEExport, error) {
	if s.sie == nil {
		return SIEExport{}, Errorf(EUNAVAILABLE, "The bookkeeping export is not available in this build", nil)
	}
	if from.IsZero() || to.IsZero() || to.Before(from) {
		return SIEExport{}, Errorf(EINVALID, "The period to export must start on or before its last day", nil)
	}
	if path == "" {
		return SIEExport{}, Errorf(EINVALID, "Choose the file to export to", nil)
	}
	set, err := s.store.Settings(ctx)
	if err != nil {
		return SIEExport{}, err
	}
	if err := CheckAccounts(set.Bookkeeping.Accounts); err != nil {
		return SIEExport{}, err
	}
	if strings.TrimSpace(set.Company.Name) == "" {
		// #FNAMN is obligatory in every SIE file, its name too (SIE filformat 4B, 6
		// and 5.15).
		return SIEExport{}, Errorf(EINVALID, "Enter the company's name under Settings: the bookkeeping file must name the company", nil)
	}
	last, err := s.store.LastBookEventDate(ctx, from, to)
	if err != nil {
		return SIEExport{}, err
	}
	nothing := Errorf(EINVALID, "Nothing to book from {{.From}} to {{.To}}: no file was written",
		map[string]any{"From": from.String(), "To": to.String()})
	if last.IsZero() {
		return SIEExport{}, nothing
	}
	verifications := func(each func(Verification) error) error {
		return s.store.BookEvents(ctx, from, to, func(e BookEvent) error {
			v, ok, err := Book(e, set.Bookkeeping)
			if err != nil || !ok {
				return err
			}
			return each(v)
		})
	}
	n, err := s.sie.WriteSIEFile(path, sieHead(set, last), verifications)
	if err != nil {
		return SIEExport{}, err
	}
	if n == 0 {
		return SIEExport{}, nothing
	}
	return SIEExport{Path: path, Verifications: n}, nil
}

// SaveBookkeeping stores how the export books: the method and the accounts ("" for
// the BAS default). An account that is not one, or a method Påminn does not know, is
// refused and nothing is stored.
func (s *Service) SaveBookkeeping(ctx context.Context, b BookkeepingSettings) error {
	if b.Method != BookWhenCharged && b.Method != BookWhenPaid {
		return Errorf(EINVALID, "{{.Method}} is not a booking method", map[string]any{"Method": Excerpt(string(b.Method))})
	}
	if err := CheckAccounts(b.Accounts); err != nil {
		return err
	}
	set, err := s.store.Settings(ctx)
	if err != nil {
		return err
	}
	set.Bookkeeping = b
	if err := s.store.SaveSettings(ctx, set); err != nil {
		return err
	}
	s.changed("bookkeeping saved")
	return nil
}
