package core

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// The rules are written down once, in RULES.md; the package comment lists them by
// the same numbers and titles, and every "rule N" in the code names one of them.
func TestTheRulesAreWrittenDownOnce(t *testing.T) {
	md, err := os.ReadFile("RULES.md")
	if err != nil {
		t.Fatal(err)
	}
	written := map[int]string{}
	for _, m := range regexp.MustCompile(`(?m)^## Rule (\d+) — (.+)$`).FindAllStringSubmatch(string(md), -1) {
		n, _ := strconv.Atoi(m[1])
		written[n] = m[2]
	}
	if len(written) == 0 {
		t.Fatal("RULES.md has no rules")
	}
	doc, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	listed := map[int]string{}
	for _, m := range regexp.MustCompile(`(?m)^//\s+(\d+)\. ([^:\n]+):?`).FindAllStringSubmatch(string(doc), -1) {
		n, _ := strconv.Atoi(m[1])
		listed[n] = strings.TrimSuffix(m[2], ".")
	}
	for n, title := range written {
		if listed[n] != title {
			t.Errorf("rule %d is %q in RULES.md but %q in the package comment", n, title, listed[n])
		}
	}
	for n := range listed {
		if _, ok := written[n]; !ok {
			t.Errorf("the package comment lists rule %d, which RULES.md lacks", n)
		}
	}
	ref := regexp.MustCompile(`(?i)\brules? (\d+)(?:[–-](\d+))?`)
	for _, dir := range []string{".", filepath.Join("..", "data"), filepath.Join("..", "gui")} {
		err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
				return err
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			for _, m := range ref.FindAllStringSubmatch(string(b), -1) {
				for _, s := range m[1:] {
					if n, err := strconv.Atoi(s); err == nil && written[n] == "" {
						t.Errorf("%s refers to %q, which RULES.md does not have", path, m[0])
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}
