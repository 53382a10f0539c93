package data

import (
	"encoding/json"
	"fmt"

	"paminn/core"
)

// storedMessage is the stored form of a core.Message (the error_message columns).
type storedMessage struct {
	Template string            `json:"t"`
	Data     map[string]string `json:"d,omitempty"`
}

// messageText encodes m for an error_message column; "" for no message.
func messageText(m core.Message) string {
	if m.IsZero() {
		return ""
	}
	b, err := json.Marshal(storedMessage{m.Template, m.Data})
	if err != nil { // a map of strings always encodes
		panic(err)
	}
	return string(b)
}

// messageCol scans an error_message column; "" (and NULL) is no message.
type messageCol struct{ m *core.Message }

func (c messageCol) Scan(v any) error {
	s, err := text(v)
	if err != nil || s == "" {
		*c.m = core.Message{}
		return err
	}
	var sm storedMessage
	if err := json.Unmarshal([]byte(s), &sm); err != nil {
		return fmt.Errorf("stored message %q: %w", core.Excerpt(s), err)
	}
	*c.m = core.Message{Template: sm.Template, Data: sm.Data}
	return nil
}

// messagePtrCol scans an error_message column into a *core.Message, nil for none.
type messagePtrCol struct{ m **core.Message }

func (c messagePtrCol) Scan(v any) error {
	var m core.Message
	if err := (messageCol{&m}).Scan(v); err != nil || m.IsZero() {
		*c.m = nil
		return err
	}
	*c.m = &m
	return nil
}
