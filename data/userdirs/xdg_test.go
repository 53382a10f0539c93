package userdirs

import (
	"path/filepath"
	"testing"
)

// The lines are as xdg-user-dirs-update writes them on a Swedish desktop
// (xdg-user-dirs(1), user-dirs.dirs(5)).
func TestXDGDirReadsTheFileXDGUserDirsWrites(t *testing.T) {
	home := filepath.FromSlash("/home/åsa")
	swedish := []byte(`# This file is written by xdg-user-dirs-update
# If you want to change or add directories, just edit the line you're
# interested in. All local changes will be retained on the next run.
XDG_DESKTOP_DIR="$HOME/Skrivbord"
XDG_DOCUMENTS_DIR="$HOME/Dokument"
XDG_DOWNLOAD_DIR="$HOME/Hämtningar"
`)
	tests := []struct {
		name string
		file []byte
		want string
	}{
		{"a folder under home is joined to home", swedish, filepath.Join(home, "Dokument")},
		{"an absolute folder is taken as it is", []byte(`XDG_DOCUMENTS_DIR="/srv/delat/Mina dokument"`), filepath.FromSlash("/srv/delat/Mina dokument")},
		{"home itself means the folder was removed", []byte(`XDG_DOCUMENTS_DIR="$HOME/"`), ""},
		{"a commented line counts for nothing", []byte(`#XDG_DOCUMENTS_DIR="$HOME/Dokument"`), ""},
		{"a file without the key names nothing", []byte(`XDG_MUSIC_DIR="$HOME/Musik"`), ""},
		{"an unquoted value is not guessed at", []byte(`XDG_DOCUMENTS_DIR=$HOME/Dokument`), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := xdgDir(tt.file, "XDG_DOCUMENTS_DIR", home); got != tt.want {
				t.Errorf("xdgDir = %q, want %q", got, tt.want)
			}
		})
	}
}
