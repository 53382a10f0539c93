package amili

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"

	"paminn/core"
)

// sandboxState is what a sandbox keeps between runs: its cases and their numbering,
// so the demo's invoices keep pointing at cases that still exist.
type sandboxState struct {
	CaseSeq int    `json:"case_seq"`
	Cases   []Case `json:"cases"`
	Pinned  []bool `json:"pinned"`
}

// Persist makes the sandbox keep its cases in the JSON file at path: it loads them
// now, if the file exists, and writes them after every change. For the demo; tests
// leave it off.
func (s *Sandbox) Persist(path string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.statePath = path
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return core.Wrap(err, core.EUNAVAILABLE, "The Amili sandbox could not read {{.Path}}", map[string]any{"Path": path})
	}
	var st sandboxState
	if err := json.Unmarshal(b, &st); err != nil || len(st.Pinned) != len(st.Cases) {
		return core.Wrap(err, core.EINVALID, "The Amili sandbox file {{.Path}} is damaged", map[string]any{"Path": path})
	}
	s.caseSeq, s.cases = st.CaseSeq, make([]*sandboxCase, len(st.Cases))
	for i, c := range st.Cases {
		s.cases[i] = &sandboxCase{Case: c, pinned: st.Pinned[i]}
	}
	return nil
}

// saveState writes the cases to the Persist file, if any; the caller holds s.mu.
// The file is replaced atomically so a crash never leaves half of it.
func (s *Sandbox) saveState() error {
	if s.statePath == "" {
		return nil
	}
	st := sandboxState{CaseSeq: s.caseSeq}
	for _, c := range s.cases {
		st.Cases, st.Pinned = append(st.Cases, c.Case), append(st.Pinned, c.pinned)
	}
	b, err := json.Marshal(st)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(s.statePath), ".sandbox-*.json")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), s.statePath)
}
