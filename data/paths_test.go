package data

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// Books live where users put them: under a Windows user name with å, ä and ö and a
// space ("C:\Users\Åsa Öberg\…"), in folders named "Bokslut #2" or "100% klart". The
// connection string is a file: URI, so each of these must reach SQLite as the same
// file the user chose, with its lock file and WAL beside it.
func TestABookOpensInFoldersWithSwedishLettersSpacesAndURICharacters(t *testing.T) {
	for _, folder := range []string{"Åsa Öberg", "Mina böcker/Bokslut #2", "100% klart", "Vad? Varför", "ÅÄÖ åäö"} {
		t.Run(folder, func(t *testing.T) {
			if runtime.GOOS == "windows" && strings.ContainsAny(folder, `?`) {
				t.Skip("Windows forbids ? in a file name, so no book can be there")
			}
			dir := filepath.Join(t.TempDir(), filepath.FromSlash(folder))
			if err := os.MkdirAll(dir, 0o700); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, "Företaget AB.db")
			s, err := Open(path)
			if err != nil {
				t.Fatalf("Open(%q): %v", path, err)
			}
			c := mustCustomer(t, s, "K1", "Åsa Öberg")
			if err := s.Close(); err != nil {
				t.Fatalf("Close: %v", err)
			}
			for _, name := range []string{path, path + ".lock"} {
				if _, err := os.Stat(name); err != nil {
					t.Errorf("%s is not where the user put the book: %v", filepath.Base(name), err)
				}
			}
			s, err = Open(path)
			if err != nil {
				t.Fatalf("reopen: %v", err)
			}
			defer s.Close()
			got, err := s.Customer(ctx, c.ID)
			if err != nil || got.Name != "Åsa Öberg" {
				t.Errorf("reopened book has customer %q, %v; want the one written", got.Name, err)
			}
		})
	}
}
