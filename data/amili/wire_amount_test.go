package amili

import (
	"encoding/json"
	"strings"
	"testing"

	"paminn/core"
)

// An amount in Amili's answer is held to core's one range before it is used, like
// every amount that enters Påminn; one written too long or with a huge exponent is
// refused before any work is spent on it.
func TestAnAmountInAnAnswerIsHeldToCoresRange(t *testing.T) {
	for _, tt := range []struct {
		name, json string
		ok         bool
	}{
		{"a documented amount", "2050.0", true},
		{"the largest amount Påminn takes", "999999999.99", true},
		{"a negative amount within the range", "-500.5", true},
		{"an exponent within the range", "2.05e3", true},
		{"one krona over the range", "1000000000.00", false},
		{"thirty digits", "123456789012345678901234567890", false},
		{"an exponent far past the range", "1e40", false},
		{"an exponent far below the öre", "1e-41", false},
		{"four thousand digits", strings.Repeat("9", 4000), false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var a Amount
			err := json.Unmarshal([]byte(tt.json), &a)
			if tt.ok {
				if err != nil {
					t.Fatalf("Unmarshal(%.40s) = %v, want it read", tt.json, err)
				}
				return
			}
			if core.ErrorCodeOf(err) != core.EINVALID || !strings.Contains(err.Error(), "too large an amount") {
				t.Fatalf("Unmarshal(%.40s) = %v, want the amount range's refusal", tt.json, err)
			}
			if len(err.Error()) > 300 {
				t.Errorf("the message is %d bytes long; it quotes too much", len(err.Error()))
			}
		})
	}
}
