package sie

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"paminn/core"
)

func TestWriteSIEFile(t *testing.T) {
	stop := core.Errorf(core.EINTERNAL, "the book could not be read", nil)
	none := func(func(core.Verification) error) error { return nil }
	failing := func(each func(core.Verification) error) error {
		if err := exampleVerifications(each); err != nil {
			return err
		}
		return stop
	}
	tests := []struct {
		name          string
		verifications func(func(core.Verification) error) error
		inMissing     bool // the file's folder does not exist
		wantN         int
		wantErr       error
		wantCode      core.ErrorCode
		replaced      bool
	}{
		{"a file of verifications replaces what the path held", exampleVerifications, false, 1, nil, "", true},
		{"no verifications leave the path as it was", none, false, 0, nil, "", false},
		{"the caller's error comes back as it was and nothing is written", failing, false, 0, stop, core.EINTERNAL, false},
		{"a folder that does not exist is the file's error", exampleVerifications, true, 0, nil, core.EUNAVAILABLE, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "bok.si")
			if err := os.WriteFile(path, []byte("before"), 0o600); err != nil {
				t.Fatal(err)
			}
			target := path
			if tt.inMissing {
				target = filepath.Join(dir, "missing", "bok.si")
			}
			n, err := (Writer{}).WriteSIEFile(target, exampleFile(), tt.verifications)
			if n != tt.wantN || core.ErrorCodeOf(err) != tt.wantCode || (tt.wantErr != nil && !errors.Is(err, tt.wantErr)) {
				t.Fatalf("WriteSIEFile = %d, %v; want %d, code %q", n, err, tt.wantN, tt.wantCode)
			}
			content, _ := os.ReadFile(path)
			if replaced := string(content) != "before"; replaced != tt.replaced {
				t.Errorf("the file was replaced: %v, want %v", replaced, tt.replaced)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 1 {
				t.Errorf("the folder holds %d entries, want the file alone", len(entries))
			}
		})
	}
}
