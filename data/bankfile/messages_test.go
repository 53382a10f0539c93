package bankfile

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"paminn/core"
)

// The range of amounts is core.CheckAmountRange's alone; a bank file's message about
// it is core's message with the file and line in front.
func TestTheAmountRangeMessageIsCoresWithTheLineInFront(t *testing.T) {
	e := core.AsError(core.CheckAmountRange(decimal.New(1, 20), "1"))
	if e == nil || msgAmountRange != "{{.File}}, line {{.Line}}: "+e.Message {
		t.Errorf("msgAmountRange %q does not end in core's %q", msgAmountRange, e.Message)
	}
	if !strings.Contains(atLine("f", 3, e).Error(), "f, line 3: 1 is too large") {
		t.Errorf("atLine: %v", atLine("f", 3, e))
	}
}
