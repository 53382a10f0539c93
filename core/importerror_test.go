package core

import (
	"strings"
	"testing"
)

func TestImportErrorSummary(t *testing.T) {
	file := "number;name\n;A\n;B\n;C\n;D\n"
	_, err := ParseCustomersCSV(strings.NewReader(file))
	want := "4 rows have errors; nothing was imported: 4 bad rows: line 2: number is required; " +
		"line 3: number is required; line 4: number is required; and 1 more"
	if err == nil || err.Error() != want {
		t.Errorf("err = %v\nwant %s", err, want)
	}
	if AsError(err).Data["Count"] != 4 {
		t.Errorf("Count = %v, want 4", AsError(err).Data["Count"])
	}
}
