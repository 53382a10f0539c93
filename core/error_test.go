package core

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

// hugeValue stands for input of any size that reaches a message: the 100 MB currency
// attribute of issue 25, a 200 MB CSV field.
type hugeValue struct{}

func (hugeValue) String() string { return strings.Repeat("9", 10<<20) }

// No message, however it is built, carries more than maxValueRunes of one value, and a
// file path of a realistic length is left whole.
func TestMessagesBoundEveryValue(t *testing.T) {
	huge := strings.Repeat("S", 10<<20)
	path := `C:\Users\` + strings.Repeat("Anna Andersson\\Dokument\\", 9) + "fakturor.csv"
	const message = "{{.Value}} is not a currency"
	for _, tt := range []struct {
		name string
		text func(value any) string
	}{
		{"Errorf's Text", func(v any) string { return Errorf(EINVALID, message, map[string]any{"Value": v}).Text() }},
		{"Wrap's Error", func(v any) string {
			return Wrap(errors.New("cause"), EINVALID, message, map[string]any{"Value": v}).Error()
		}},
		{"Errorf's data as the GUI fills it in", func(v any) string {
			return fmt.Sprint(Errorf(EINVALID, message, map[string]any{"Value": v}).Data["Value"])
		}},
		{"Render", func(v any) string { return Render(message, map[string]any{"Value": v}) }},
		{"a CSV row's problem as the GUI fills it in", func(v any) string {
			var p rowProblems
			p.add(2, message, map[string]any{"Value": v})
			return fmt.Sprint(p.rows[0].Data["Value"])
		}},
		{"a RowError built directly", func(v any) string {
			return RowError{Line: 2, Message: message, Data: map[string]any{"Value": v}}.Text()
		}},
		{"data set after Errorf", func(v any) string {
			e := Errorf(EINVALID, message, map[string]any{})
			e.Data["Value"] = v
			return e.Text()
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			for _, v := range []any{huge, errors.New(huge), hugeValue{}} {
				if n := utf8.RuneCountInString(tt.text(v)); n > maxValueRunes+100 {
					t.Errorf("a %T of 10 MB: the message has %d characters", v, n)
				}
			}
			if got := tt.text(path); !strings.Contains(got, path) {
				t.Errorf("a path of %d characters was cut: %q", len(path), got)
			}
		})
	}
}

// The cause Error appends is bounded too: a parser's error may quote its whole input.
func TestErrorBoundsItsCause(t *testing.T) {
	cause := fmt.Errorf("strconv.ParseInt: parsing %q: value out of range", strings.Repeat("9", 50<<20))
	got := Wrap(cause, EINVALID, "The amount could not be read", nil).Error()
	if n := utf8.RuneCountInString(got); n > maxCauseRunes+100 {
		t.Errorf("the message has %d characters", n)
	}
	if !strings.HasPrefix(got, "The amount could not be read: strconv.ParseInt: parsing \"999") ||
		!strings.HasSuffix(got, "999\": value out of range") {
		t.Errorf("the message does not show both ends of its cause: %.100s…", got)
	}
}

// Excerpt keeps its promise at every size: at most maxExcerptRunes characters and the
// two ends of the input.
func TestExcerpt(t *testing.T) {
	for _, tt := range []struct {
		name, in, want string
	}{
		{"a short value is kept", "EUR", "EUR"},
		{"sixty characters are kept", strings.Repeat("å", 60), strings.Repeat("å", 60)},
		{"sixty-one are cut in the middle", "a" + strings.Repeat("å", 59) + "z", "a" + strings.Repeat("å", 29) + "…" + strings.Repeat("å", 29) + "z"},
		{"a line break and a NUL show as spaces", "a\nb\x00c", "a b c"},
		{"invalid UTF-8 shows as U+FFFD", "a\xffb", "a\uFFFDb"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := Excerpt(tt.in); got != tt.want {
				t.Errorf("Excerpt(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
