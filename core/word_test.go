package core

import (
	"strings"
	"testing"
)

func TestWordsRenderInEnglishAndStayWordsWhenBounded(t *testing.T) {
	long := Words{}
	for range 60 {
		long = append(long, "Organisation or personal number")
	}
	err := Errorf(EINVALID, "Missing column(s): {{.Columns}}", map[string]any{"Columns": Words{"Due date", "Total"}, "Long": long})
	e := AsError(err)
	if got := e.Error(); !strings.Contains(got, "Missing column(s): Due date, Total") {
		t.Errorf("rendered %q", got)
	}
	if _, ok := e.Data["Long"].(Words); !ok {
		t.Errorf("a long list of words became %T: the screen could no longer translate it", e.Data["Long"])
	}
}
