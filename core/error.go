package core

import (
	"bytes"
	"errors"
	"text/template"
)

// ErrorCode classifies an Error so callers can react without parsing messages.
type ErrorCode string

// The error codes used across Påminn.
const (
	EINVALID     ErrorCode = "invalid"     // bad input from the user or a file
	ENOTFOUND    ErrorCode = "not_found"   // the thing asked for does not exist
	ECONFLICT    ErrorCode = "conflict"    // the request clashes with the current state
	EUNAVAILABLE ErrorCode = "unavailable" // a resource (file, network, service) cannot be reached
	EINTERNAL    ErrorCode = "internal"    // a bug or an unexpected failure
)

// Error is the one error type Påminn shows to users.
//
// Message is an English text/template (for example "Invoice {{.Number}} is paid") that
// doubles as the translation key for the GUI's lang package; Data fills its fields. Err
// keeps the underlying cause for logs and errors.Is/As.
type Error struct {
	Code    ErrorCode
	Message string
	Data    map[string]any
	Err     error
}

// Errorf builds an *Error with a message template and optional data (nil is fine).
// A value of data longer than maxValueRunes is kept as an excerpt: no message carries
// unbounded input, whether the GUI or Render fills it in.
func Errorf(code ErrorCode, message string, data map[string]any) *Error {
	return &Error{Code: code, Message: message, Data: boundedData(data)}
}

// Wrap builds an *Error that keeps err as its cause; data is bounded as by Errorf.
func Wrap(err error, code ErrorCode, message string, data map[string]any) *Error {
	return &Error{Code: code, Message: message, Data: boundedData(data), Err: err}
}

// Error renders the English message, followed by the cause, bounded to
// maxCauseRunes, when there is one.
func (e *Error) Error() string {
	s := e.Text()
	if e.Err != nil {
		s += ": " + excerpt(e.Err.Error(), maxCauseRunes)
	}
	return s
}

// Text renders the English message alone, without the cause.
func (e *Error) Text() string { return Render(e.Message, e.Data) }

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// Render fills a message template with data, each value bounded to maxValueRunes
// (boundedData), so that data set after Errorf, or a RowError built directly, cannot
// carry unbounded input either; a template that fails to parse or execute is returned
// as it stands, so a message is never lost.
func Render(message string, data map[string]any) string {
	if data == nil {
		return message
	}
	data = boundedData(data)
	t, err := template.New("m").Option("missingkey=zero").Parse(message)
	if err != nil {
		return message
	}
	var b bytes.Buffer
	if err := t.Execute(&b, data); err != nil {
		return message
	}
	return b.String()
}

// ErrorCodeOf returns the code of the first *Error in err's chain, EINTERNAL for any
// other non-nil error, and "" for nil.
func ErrorCodeOf(err error) ErrorCode {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// AsError returns the first *Error in err's chain, or an EINTERNAL one wrapping err.
func AsError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return Wrap(err, EINTERNAL, "An unexpected error occurred", nil)
}
