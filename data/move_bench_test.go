package data_test

import (
	"path/filepath"
	"testing"
	"time"

	"paminn/data"
	"paminn/data/benchbook"
)

// BenchmarkMoveBook moves benchbook's book (100,000 invoices; PAMINN_BENCH_SIZE for
// another size) into an empty database on the test server (.ci/pg-server) and back
// into a new file, and reports each direction's wall time (to-server-s, to-file-s)
// and the rows moved. While PostgreSQL's migrations end before SQLite's, the book is
// first taken down to PostgreSQL's version (AtServerVersion), outside the timing.
func BenchmarkMoveBook(b *testing.B) {
	down := data.AtServerVersion(b)
	var toServer, toFile time.Duration
	var rows int64
	defer benchbook.ReportCPU(b)() // this process's: the server's own work is not in it
	for b.Loop() {
		b.StopTimer()
		file := benchbook.Copy(b)
		down(b, file)
		server := data.NewPGBook(b)
		back := filepath.Join(b.TempDir(), "back.db")
		b.StartTimer()
		start := time.Now()
		res, err := data.MoveBook(benchCtx, file, server, tableTimes(b, "to the server"))
		if err != nil {
			b.Fatalf("to the server: %v", err)
		}
		mid := time.Now()
		if _, err := data.MoveBook(benchCtx, server, back, tableTimes(b, "to a file")); err != nil {
			b.Fatalf("back to a file: %v", err)
		}
		toServer += mid.Sub(start)
		toFile += time.Since(mid)
		rows = res.Rows
	}
	b.ReportMetric(toServer.Seconds()/float64(b.N), "to-server-s")
	b.ReportMetric(toFile.Seconds()/float64(b.N), "to-file-s")
	b.ReportMetric(float64(rows), "rows")
}

// tableTimes logs how long each table of more than 1,000 rows took to move.
func tableTimes(b *testing.B, what string) func(data.MoveProgress) {
	var started time.Time
	return func(p data.MoveProgress) {
		switch {
		case p.Rows == 0:
			started = time.Now()
		case p.Rows == p.Of && p.Of > 1000:
			b.Logf("%s: %s, %d rows in %.1f s", what, p.Table, p.Of, time.Since(started).Seconds())
		}
	}
}
