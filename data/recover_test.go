package data

import (
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// The WAL and database layouts these tests read and write are SQLite's documented file
// format (https://www.sqlite.org/fileformat2.html): the database header's page size at
// offset 16 and page count at 28; the WAL's 32-byte header with the salts at 16 and 20;
// each frame a 24-byte header (page number, database size after a commit, the salts)
// followed by one page.

// TestABookWhoseCheckpointWasCutOffOpensWithAllItsData makes the book a closing
// checkpoint leaves when it is killed, or the disk fills, after writing the first page:
// the main file's header already counts the pages the WAL added, but the file does not
// hold them yet. SQLite reads such a book whole from the WAL; so must Påminn.
func TestABookWhoseCheckpointWasCutOffOpensWithAllItsData(t *testing.T) {
	path := filepath.Join(t.TempDir(), "book.db")
	closedBook(t, path)
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	const added = 300
	for i := range added {
		mustCustomer(t, s, fmt.Sprintf("W%03d", i), fmt.Sprintf("Walter %03d AB", i))
	}
	// The writes are in the WAL (it checkpoints only at 10,000 pages); copy the book as
	// it is on disk before Close checkpoints it.
	cut := filepath.Join(t.TempDir(), "book.db")
	copyFile(t, path, cut)
	copyFile(t, path+"-wal", cut+"-wal")
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	checkpointFirstPage(t, cut)

	s, err = Open(cut)
	if err != nil {
		t.Fatalf("Open of a book with a cut-off checkpoint: %v", err)
	}
	defer s.Close()
	customers, err := s.Customers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(customers) != added+1 {
		t.Errorf("the book has %d customers, want %d", len(customers), added+1)
	}
}

// checkpointFirstPage does what a checkpoint cut off after its first write leaves:
// the WAL's newest copy of page 1 written over the main file's, nothing else. It fails
// the test unless the main file is then shorter than its header says.
func checkpointFirstPage(t *testing.T, path string) {
	t.Helper()
	wal, err := os.ReadFile(path + "-wal")
	if err != nil {
		t.Fatal(err)
	}
	if len(wal) < 32 {
		t.Fatalf("the WAL holds %d bytes, no frames", len(wal))
	}
	pageSize := int(binary.BigEndian.Uint32(wal[8:12]))
	salts := wal[16:24]
	var page1 []byte
	for off := 32; off+24+pageSize <= len(wal); off += 24 + pageSize {
		frame := wal[off : off+24+pageSize]
		if string(frame[8:16]) != string(salts) {
			break // frames of an earlier generation of the WAL
		}
		if binary.BigEndian.Uint32(frame[0:4]) == 1 {
			page1 = frame[24:]
		}
	}
	if page1 == nil {
		t.Fatal("the WAL holds no copy of page 1")
	}
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteAt(page1, 0); err != nil {
		t.Fatal(err)
	}
	fi, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	pages := int64(binary.BigEndian.Uint32(page1[28:32]))
	if pages*int64(pageSize) <= fi.Size() {
		t.Fatalf("the header counts %d pages and the file holds %d bytes: not cut off", pages, fi.Size())
	}
}

// copyFile copies src to dst.
func copyFile(t *testing.T, src, dst string) {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, b, 0o644); err != nil {
		t.Fatal(err)
	}
}
