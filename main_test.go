package main

import (
	"slices"
	"testing"
)

// Started again to open the book chosen under Delad bok på server, Påminn drops the
// --db it was started with (which would open the old book again) and keeps the rest.
func TestStartedAgainTheProgramDropsOnlyItsBook(t *testing.T) {
	tests := []struct{ args, want []string }{
		{nil, nil},
		{[]string{"--db", "/home/anna/paminn.db"}, nil},
		{[]string{"-db", "postgres://anna@db/paminn", "--demo-size", "5"}, []string{"--demo-size", "5"}},
		{[]string{"--db=/tmp/b.db"}, nil},
		{[]string{"-db=/tmp/b.db", "-v"}, []string{"-v"}},
	}
	for _, tt := range tests {
		if got := withoutBook(tt.args); !slices.Equal(got, tt.want) {
			t.Errorf("withoutBook(%q) = %q, want %q", tt.args, got, tt.want)
		}
	}
}

// Which book a restart opens: the chosen server's (the --db dropped), the file on
// this computer when a server's book was open (dropped too), or the file this window
// had open when the file is chosen (kept).
func TestStartedAgainTheProgramOpensTheChosenBook(t *testing.T) {
	server := "postgres://anna@db.kontoret.se/paminn?sslmode=verify-full"
	tests := []struct {
		args   []string
		chosen string
		want   []string
	}{
		{nil, server, nil},
		{nil, "", nil},
		{[]string{"--db", "/home/anna/b.db"}, server, nil},
		{[]string{"--db", "/home/anna/b.db"}, "", []string{"--db", "/home/anna/b.db"}},
		{[]string{"--db", server}, "", nil},
	}
	for _, tt := range tests {
		given := ""
		if i := slices.Index(tt.args, "--db"); i >= 0 {
			given = tt.args[i+1]
		}
		if got := reopenArgs(tt.args, given, tt.chosen); !slices.Equal(got, tt.want) {
			t.Errorf("reopenArgs(%q, %q) = %q, want %q", tt.args, tt.chosen, got, tt.want)
		}
	}
}
