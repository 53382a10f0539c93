package core_test

import (
	"database/sql"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"paminn/core"
	"paminn/data"
	"paminn/data/benchbook"
	"paminn/data/sie"
)

// BenchmarkExportSIEYear exports the year up to benchbook's Today from the book of
// 100,000 invoices (target ≤ 3 s): its year of payments (about 36,000) and, added
// here, a charge on every invoice due in the year, as if each had been reminded
// (about 50,000 more verifications), read, booked, written in PC8 with its checksum
// and renamed into place.
func BenchmarkExportSIEYear(b *testing.B) {
	path := benchbook.Copy(b)
	to := benchbook.Today
	from := to.AddDays(-364)
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO claim_entries (invoice_id, kind, date, fee_ore, compensation_ore, interest_ore, created_at)
		SELECT id, 'charge', date(due_date, '+20 days'), 6000, 45000 * (id % 7 = 0), 1000 + id % 9000, 'bench'
		FROM invoices WHERE date(due_date, '+20 days') BETWEEN ?1 AND ?2`, from.String(), to.String()); err != nil {
		b.Fatal(err)
	}
	db.Close()
	store, err := data.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { store.Close() })
	store.WaitForCheck()
	svc := core.NewService(store, core.Options{Clock: core.FixedClock(to.Time().Add(10 * time.Hour)),
		Logger: slog.New(slog.DiscardHandler), SIE: sie.Writer{}})
	out := filepath.Join(b.TempDir(), "year.si")
	var res core.SIEExport
	defer benchbook.ReportCPU(b)()
	b.ReportAllocs()
	for b.Loop() {
		if res, err = svc.ExportSIE(b.Context(), from, to, out); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(res.Verifications), "verifications")
}
