package core

import "fmt"

// Message is a user-visible message kept for later, such as why a delivery failed:
// the English text/template of a *Error, which doubles as its translation key, and
// the data that fills it. It is stored as it is and rendered in the user's language
// when shown. A message stored by an earlier version as rendered English text has
// that text as its Template and no Data.
type Message struct {
	Template string
	Data     map[string]string
}

// MessageOf keeps err's message (see AsError) and its data, each value as text,
// bounded as Errorf bounds it; the cause is left out, as it is by Error.Text.
func MessageOf(err error) Message {
	if err == nil {
		return Message{}
	}
	e := AsError(err)
	m := Message{Template: e.Message}
	for k, v := range boundedData(e.Data) {
		if m.Data == nil {
			m.Data = make(map[string]string, len(e.Data))
		}
		m.Data[k] = fmt.Sprint(v)
	}
	return m
}

// IsZero reports whether there is no message.
func (m Message) IsZero() bool { return m.Template == "" }

// Text renders the message in English.
func (m Message) Text() string {
	return Render(m.Template, m.Values())
}

// Values is the message's data as a template takes it.
func (m Message) Values() map[string]any {
	if m.Data == nil {
		return nil
	}
	data := make(map[string]any, len(m.Data))
	for k, v := range m.Data {
		data[k] = v
	}
	return data
}

// FailureMessage is why the reminder's last attempt failed: its Failure, or for a
// reminder that failed under an earlier version, which kept only English text, that
// text as its template (shown translated when it is a known message).
func (r Reminder) FailureMessage() Message { return StoredFailure(r.Failure, r.Error) }

// FailureMessage is why the report's last attempt failed, as Reminder.FailureMessage.
func (r AmiliReport) FailureMessage() Message {
	if r.Failure == nil {
		return StoredFailure(Message{}, r.Error)
	}
	return StoredFailure(*r.Failure, r.Error)
}

// StoredFailure is a stored failure: m, or where a row of an earlier version has no
// message, its English text as the template.
func StoredFailure(m Message, text string) Message {
	if m.IsZero() && text != "" {
		return Message{Template: text}
	}
	return m
}
