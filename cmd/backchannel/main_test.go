package main

import (
	"bytes"
	"strings"
	"testing"
)

// run executes a command in-process and returns its exit code and output.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	m := &Main{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errOut}
	code := m.Run(t.Context(), args)
	return code, out.String(), errOut.String()
}

func TestValidate(t *testing.T) {
	tests := []struct {
		args     []string
		code     int
		contains string
	}{
		{[]string{"validate", "../../seeds"}, 0, "ok: "},
		{[]string{"validate", "../../graph/dataset/testdata/valid"}, 0, "3 nodes, 2 relationships"},
		{[]string{"validate", "../../graph/dataset/testdata/broken"}, 1, `unknown node "person:han-do": did you mean "person:han-dong"?`},
		{[]string{"validate", "no/such/dir"}, 1, "no such file"},
		{[]string{"validate", "--bogus"}, 2, "flag provided but not defined"},
		{[]string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{[]string{"help"}, 0, "validate"},
	}
	for _, tt := range tests {
		code, out, errOut := run(t, tt.args...)
		if code != tt.code || !strings.Contains(out+errOut, tt.contains) {
			t.Errorf("backchannel %v: exit %d, output:\n%s%s\nwant exit %d and output containing %q", tt.args, code, out, errOut, tt.code, tt.contains)
		}
	}
}
