package core

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
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
	n, err := s.writeSIEFile(path, sieHead(set, last), verifications, nothing)
	if err != nil {
		return SIEExport{}, err
	}
	return SIEExport{Path: path, Verifications: n}, nil
}

// writeSIEFile writes the file to a temporary file beside path and renames it to
// path, so path holds the whole file or what it held before. A file of no
// verifications is not kept: none is that error.
func (s *Service) writeSIEFile(path string, head SIEFile, verifications func(func(Verification) error) error, none error) (int, error) {
	fail := func(err error) error {
		return Wrap(err, EUNAVAILABLE, "The file {{.Path}} could not be written; nothing was exported",
			map[string]any{"Path": path})
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".paminn-sie-*")
	if err != nil {
		return 0, fail(err)
	}
	defer os.Remove(tmp.Name()) // gone once renamed; the leftover of a failure otherwise
	w := bufio.NewWriterSize(tmp, 1<<16)
	n, err := s.sie.WriteSIE(w, head, verifications)
	if err == nil && n == 0 {
		tmp.Close()
		return 0, none
	}
	if err != nil {
		tmp.Close()
		if _, ours := err.(*Error); ours {
			return 0, err // from the book or the booking, not the file
		}
		return 0, fail(err)
	}
	if err = w.Flush(); err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return 0, fail(err)
	}
	return n, nil
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
