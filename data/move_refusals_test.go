package data

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"paminn/core"
)

// smallBook writes a book of one customer and two invoices at path, at the version a
// move takes it (down, from atServerVersion), and closes it.
func smallBook(t *testing.T, path string, down func(testing.TB, string)) {
	t.Helper()
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	c := mustCustomer(t, s, "K1", "Anna AB")
	mustInvoice(t, s, c, invoiceSpec{number: "A", dueIn: -20, total: "1000"})
	mustInvoice(t, s, c, invoiceSpec{number: "B", dueIn: 5, total: "500"})
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	down(t, path)
}

func TestMoveBookRefusesWhatItCannotMove(t *testing.T) {
	skipWithoutPG(t)
	down := atServerVersion(t)
	tests := []struct {
		name string
		// move returns the source, the target, and what must hold of the target after.
		move func(t *testing.T, dir string) (from, to string, after func(t *testing.T))
		code core.ErrorCode
		says string
	}{
		{"two files are not a move", func(t *testing.T, dir string) (string, string, func(*testing.T)) {
			return filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db"), noFile(filepath.Join(dir, "b.db"))
		}, core.EINVALID, "are both files"},
		{"two server books are not a move", func(t *testing.T, dir string) (string, string, func(*testing.T)) {
			return newPGBook(t), newPGBook(t), func(*testing.T) {}
		}, core.EINVALID, "are both books on a server"},
		{"a file that is not there is not created", func(t *testing.T, dir string) (string, string, func(*testing.T)) {
			from := filepath.Join(dir, "none.db")
			return from, newPGBook(t), noFile(from)
		}, core.ENOTFOUND, "There is no book at"},
		{"an existing file is not overwritten", func(t *testing.T, dir string) (string, string, func(*testing.T)) {
			to := filepath.Join(dir, "taken.db")
			if err := os.WriteFile(to, []byte("mine"), 0o644); err != nil {
				t.Fatal(err)
			}
			return newPGBook(t), to, func(t *testing.T) {
				if b, _ := os.ReadFile(to); string(b) != "mine" {
					t.Errorf("the existing file now holds %q", b)
				}
			}
		}, core.EINVALID, "already exists"},
		{"a server book with customers is not written to", func(t *testing.T, dir string) (string, string, func(*testing.T)) {
			from := filepath.Join(dir, "book.db")
			smallBook(t, from, down)
			to := newPGBook(t)
			s, err := OpenPostgres(ctx, to)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			mustCustomer(t, s, "X1", "Finns redan")
			return from, to, serverCustomers(to, []string{"X1"})
		}, core.EINVALID, "already holds a book"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			from, to, after := tt.move(t, t.TempDir())
			_, err := MoveBook(ctx, from, to, nil)
			wantCode(t, err, tt.code)
			if !strings.Contains(err.Error(), tt.says) {
				t.Errorf("error %q does not say %q", err, tt.says)
			}
			after(t)
		})
	}
}

// noFile checks that path was not made.
func noFile(path string) func(t *testing.T) {
	return func(t *testing.T) {
		if _, err := os.Stat(path); err == nil {
			t.Errorf("%s was made", path)
		}
	}
}

// serverCustomers checks that the server book at address holds the customers
// numbered want, and nothing was moved into it.
func serverCustomers(address string, want []string) func(t *testing.T) {
	return func(t *testing.T) {
		t.Helper()
		s, err := OpenPostgres(ctx, address)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		got := queryStrings(t, s.db, `SELECT number FROM customers ORDER BY number`)
		if !slices.Equal(got, want) {
			t.Errorf("the server book holds customers %v, want %v", got, want)
		}
	}
}

func TestMoveBookRefusesBooksOfDifferentVersions(t *testing.T) {
	skipWithoutPG(t)
	// SQLite one migration ahead of PostgreSQL, whatever their versions are.
	withExtraMigration(t, `CREATE TABLE later (x INTEGER)`)
	from := filepath.Join(t.TempDir(), "book.db")
	s, err := Open(from)
	if err != nil {
		t.Fatal(err)
	}
	mustCustomer(t, s, "K1", "Anna AB")
	s.Close()
	to := newPGBook(t)
	_, err = MoveBook(ctx, from, to, nil)
	wantCode(t, err, core.EINVALID)
	if !strings.Contains(err.Error(), "moves a book only between books of the same version") {
		t.Errorf("error %q does not name the versions", err)
	}
	serverCustomers(to, nil)(t)
}

func TestAFailedMoveLeavesNoPartOfTheBook(t *testing.T) {
	skipWithoutPG(t)
	down := atServerVersion(t)
	t.Run("to the server: a value the server does not take", func(t *testing.T) {
		from := filepath.Join(t.TempDir(), "book.db")
		smallBook(t, from, down)
		rawExec(t, from, `UPDATE invoices SET total_ore = 'tusen' WHERE number = 'B'`)
		to := newPGBook(t)
		_, err := MoveBook(ctx, from, to, nil)
		wantCode(t, err, core.EINVALID)
		if !strings.Contains(err.Error(), "invoices could not be copied") {
			t.Errorf("error %q does not name the table", err)
		}
		serverCustomers(to, nil)(t) // the customers, copied before, are gone with the rest
	})
	t.Run("to a file: stopped half-way", func(t *testing.T) {
		dir := t.TempDir()
		from := filepath.Join(dir, "book.db")
		smallBook(t, from, down)
		server := newPGBook(t)
		if _, err := MoveBook(ctx, from, server, nil); err != nil {
			t.Fatal(err)
		}
		back := filepath.Join(t.TempDir(), "back.db")
		cctx, cancel := context.WithCancel(ctx)
		defer cancel()
		_, err := MoveBook(cctx, server, back, func(p MoveProgress) {
			if p.Table == "invoices" {
				cancel()
			}
		})
		if err == nil {
			t.Fatal("a move stopped half-way succeeded")
		}
		if left := dirNames(t, filepath.Dir(back)); len(left) != 0 {
			t.Errorf("the folder holds %v after a failed move, want nothing", left)
		}
	})
}

func TestAServerBookIsNotWrittenToWhileItIsMovedToAFile(t *testing.T) {
	skipWithoutPG(t)
	down := atServerVersion(t)
	dir := t.TempDir()
	from := filepath.Join(dir, "book.db")
	smallBook(t, from, down)
	server := newPGBook(t)
	if _, err := MoveBook(ctx, from, server, nil); err != nil {
		t.Fatal(err)
	}
	desktop, err := OpenPostgres(ctx, server)
	if err != nil {
		t.Fatal(err)
	}
	defer desktop.Close()
	written := make(chan error, 1)
	var during bool
	back := filepath.Join(dir, "back.db")
	_, err = MoveBook(ctx, server, back, func(p MoveProgress) {
		if p.Table != "customers" || p.Rows != 0 {
			return
		}
		go func() {
			_, err := desktop.CreateCustomer(ctx, core.Customer{Number: "K2", Name: "Under flytten"})
			written <- err
		}()
		select {
		case <-written:
			during = true
		case <-time.After(150 * time.Millisecond):
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if during {
		t.Fatal("another desktop wrote to the book while it was being moved")
	}
	if err := <-written; err != nil {
		t.Fatalf("the other desktop's write after the move: %v", err)
	}
	moved := dumpSQLiteBook(t, back)
	for _, row := range moved.tables["customers"] {
		if strings.Contains(row, "Under flytten") {
			t.Errorf("the moved file has the customer written after its snapshot: %s", row)
		}
	}
	serverCustomers(server, []string{"K1", "K2"})(t)
}
