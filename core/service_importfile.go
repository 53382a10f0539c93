package core

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"
)

// ImportPreview is what importing a file would do, worked out before anything is
// written: the file's beginning, how its columns map to fields, and either how many
// rows would be imported or which rows are bad.
type ImportPreview struct {
	Kind    ImportKind
	Sample  ImportSample
	Mapping ColumnMapping
	// Remembered: the mapping is the one the user chose before for these headers.
	Remembered bool
	// NeedsMapping: a required field has no column, or a column named no field, so
	// the user is asked to map them; Rows and Problems are then not worked out.
	NeedsMapping bool
	Rows         int          // rows the import would bring in; 0 when any is bad
	Problems     *ImportError // the bad rows by line; nil when there are none
}

// PreviewImport reads an import file of kind k (CSV text, or an Excel workbook when
// the Service has a SpreadsheetReader) and matches its columns by their
// names, or by the mapping the user chose before for the same headers. When every
// column is matched it checks every row as the import would, against the book too,
// and writes nothing.
func (s *Service) PreviewImport(ctx context.Context, k ImportKind, file []byte) (ImportPreview, error) {
	file, err := s.importText(file)
	if err != nil {
		return ImportPreview{}, err
	}
	sample, err := ReadImportSample(bytes.NewReader(file))
	if err != nil {
		return ImportPreview{}, err
	}
	p := ImportPreview{Kind: k, Sample: sample}
	m, unknown := MatchColumns(k, sample.Header)
	p.Mapping = m
	if len(unknown) > 0 || len(m.Missing(k)) > 0 {
		set, err := s.store.Settings(ctx)
		if err != nil {
			return ImportPreview{}, err
		}
		if saved, ok := set.ImportMappings[importHeaderKey(k, sample.Header)]; ok && saved.check(k, len(sample.Header)) == nil {
			p.Mapping, p.Remembered = saved, true
		} else {
			p.NeedsMapping = true
			return p, nil
		}
	}
	return s.checkPreview(ctx, p, file)
}

// PreviewImportWith checks every row of an import file of kind k as the import
// would, reading the columns m names, and writes nothing.
func (s *Service) PreviewImportWith(ctx context.Context, k ImportKind, file []byte, m ColumnMapping) (ImportPreview, error) {
	file, err := s.importText(file)
	if err != nil {
		return ImportPreview{}, err
	}
	sample, err := ReadImportSample(bytes.NewReader(file))
	if err != nil {
		return ImportPreview{}, err
	}
	return s.checkPreview(ctx, ImportPreview{Kind: k, Sample: sample, Mapping: m}, file)
}

// checkPreview fills p's Rows or Problems by parsing file with p's mapping.
func (s *Service) checkPreview(ctx context.Context, p ImportPreview, file []byte) (ImportPreview, error) {
	n, err := s.parseAndCheck(ctx, p.Kind, file, p.Mapping, func([]Customer, []ImportInvoice) error { return nil })
	var ie *ImportError
	switch {
	case errors.As(err, &ie):
		p.Problems = ie
	case err != nil:
		return ImportPreview{}, err
	default:
		p.Rows = n
	}
	return p, nil
}

// ImportFile imports every row of an import file of kind k, reading the columns m
// names, or, if any row is bad, imports nothing and reports each bad row by line. A
// mapping that differs from what the headers name is remembered for files with the
// same headers.
func (s *Service) ImportFile(ctx context.Context, k ImportKind, file []byte, m ColumnMapping) (ImportResult, error) {
	file, err := s.importText(file)
	if err != nil {
		return ImportResult{}, err
	}
	var res ImportResult
	_, err = s.parseAndCheck(ctx, k, file, m, func(cs []Customer, invs []ImportInvoice) error {
		var err error
		res, err = s.store.Import(ctx, cs, invs)
		return err
	})
	if err != nil {
		return ImportResult{}, err
	}
	if err := s.rememberMapping(ctx, k, file, m); err != nil {
		s.log.Warn("remembering an import's column mapping", "err", err)
	}
	s.changed("file imported")
	return res, nil
}

// parseAndCheck parses file with m, checks its rows against the book, and hands the
// rows to then; it returns how many rows there were.
func (s *Service) parseAndCheck(ctx context.Context, k ImportKind, file []byte, m ColumnMapping,
	then func([]Customer, []ImportInvoice) error) (int, error) {
	if k == ImportInvoices {
		invs, err := parseInvoices(bytes.NewReader(file), openMapped(k, m))
		if err == nil {
			err = s.checkInvoices(ctx, invs)
		}
		if err != nil {
			return 0, err
		}
		return len(invs), then(nil, invs)
	}
	cs, lines, err := parseCustomers(bytes.NewReader(file), openMapped(k, m))
	if err == nil {
		err = s.checkCustomers(ctx, cs, lines)
	}
	if err != nil {
		return 0, err
	}
	return len(cs), then(cs, nil)
}

// rememberMapping keeps m for files of kind k with file's headers, unless the
// headers name it themselves.
func (s *Service) rememberMapping(ctx context.Context, k ImportKind, file []byte, m ColumnMapping) error {
	sample, err := ReadImportSample(bytes.NewReader(file))
	if err != nil {
		return err
	}
	if byName, unknown := MatchColumns(k, sample.Header); len(unknown) == 0 && byName.Equal(m) {
		return nil
	}
	set, err := s.store.Settings(ctx)
	if err != nil {
		return err
	}
	key := importHeaderKey(k, sample.Header)
	if set.ImportMappings[key].Equal(m) {
		return nil
	}
	if set.ImportMappings == nil {
		set.ImportMappings = map[string]ColumnMapping{}
	}
	set.ImportMappings[key] = m
	return s.store.SaveSettings(ctx, set)
}

// importHeaderKey names a set of headers of a file of kind k, as headers are
// compared (normalHeader), in their order.
func importHeaderKey(k ImportKind, header []string) string {
	names := make([]string, len(header))
	for i, h := range header {
		names[i] = normalHeader(h)
	}
	sum := sha256.Sum256([]byte(strings.Join(names, "\x1f")))
	return string(k) + ":" + hex.EncodeToString(sum[:12])
}
