package safefile

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestNameKeepsOnlyPortableCharacters(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"2025-0042", "2025-0042"},
		{"A/B\\C:D*E?F\"G<H>I|J", "A_B_C_D_E_F_G_H_I_J"},
		{"..hemligt", "hemligt"},
		{"Faktura 1", "Faktura_1"},
		{"Faktura-ö1", "Faktura-o1"},
		{"Łukasz-7", "_ukasz-7"},
		{"", "_"},
		{strings.Repeat("9", 100), strings.Repeat("9", 64)},
	} {
		if got := Name(tc.in); got != tc.want {
			t.Errorf("Name(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestWriteNeverReplacesAFile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new folder")
	path := filepath.Join(dir, "faktura-1.pdf")
	first, second := []byte("%PDF-1.4\n% first\n"), []byte("%PDF-1.4\n% second\n")
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"a new name is written as it is, its folder created", first, path},
		{"the same bytes again are found where they are", first, path},
		{"other bytes under a taken name go beside it", second, filepath.Join(dir, "faktura-1-2.pdf")},
		{"and are found there the next time", second, filepath.Join(dir, "faktura-1-2.pdf")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Write(path, tt.data, 0o600)
			if err != nil || got != tt.want {
				t.Fatalf("Write = %q, %v; want %q", got, err, tt.want)
			}
			if b, _ := os.ReadFile(got); !bytes.Equal(b, tt.data) {
				t.Errorf("%s holds %q, want %q", got, b, tt.data)
			}
		})
	}
	if b, _ := os.ReadFile(path); !bytes.Equal(b, first) {
		t.Error("the first file was replaced")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("the folder holds %v, want the two files and no temporary one", entries)
	}
}

func TestWriteGivesUpAfterAHundredTwins(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.pdf")
	for n := 1; n <= maxTwins; n++ {
		if _, err := Write(path, []byte{byte(n)}, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := Write(path, []byte("one more"), 0o600); !errors.Is(err, fs.ErrExist) {
		t.Fatalf("err = %v, want fs.ErrExist", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != maxTwins || strings.HasPrefix(entries[0].Name(), ".") {
		t.Errorf("the folder holds %d entries, want %d and no temporary file", len(entries), maxTwins)
	}
}

// FuzzName holds Name to what a file name on every system needs, whatever the
// invoice number: at most 64 bytes, only portable characters, no leading dot, never
// empty.
func FuzzName(f *testing.F) {
	for _, s := range []string{"2026/15", "A 1", "Faktura-ö1", "..", "ễ\u0301\u0302", strings.Repeat("é", 300), "\x00\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Name(s)
		if got == "" || len(got) > maxName || strings.HasPrefix(got, ".") {
			t.Fatalf("Name(%q) = %q", s, got)
		}
		for _, r := range got {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.') {
				t.Fatalf("Name(%q) = %q holds %q", s, got, r)
			}
		}
	})
}
