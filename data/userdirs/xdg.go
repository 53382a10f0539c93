package userdirs

import (
	"bufio"
	"bytes"
	"path/filepath"
	"strings"
)

// xdgDir is the folder that the user-dirs.dirs text b names for key, with $HOME
// expanded to home; "" when b names none or names the home folder itself (which
// xdg-user-dirs writes for a folder the user removed). The file's lines are shell
// assignments, key="$HOME/Dokument" or key="/abs/path", as xdg-user-dirs(1) writes them.
func xdgDir(b []byte, key, home string) string {
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		name, value, ok := strings.Cut(line, "=")
		if !ok || strings.HasPrefix(line, "#") || strings.TrimSpace(name) != key {
			continue
		}
		value = strings.TrimSpace(value)
		if len(value) < 2 || value[0] != '"' || value[len(value)-1] != '"' {
			return ""
		}
		value = strings.ReplaceAll(value[1:len(value)-1], `\"`, `"`)
		switch {
		case value == "$HOME" || value == "$HOME/":
			return ""
		case strings.HasPrefix(value, "$HOME/"):
			return filepath.Join(home, filepath.FromSlash(value[len("$HOME/"):]))
		case strings.HasPrefix(value, "/"):
			return filepath.Clean(value)
		}
		return ""
	}
	return ""
}
