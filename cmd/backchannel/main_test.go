package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
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

// TestSourcePrecedence: an explicit --data wins over NEO4J_URI in the
// environment; --data with --neo4j is a usage error.
func TestSourcePrecedence(t *testing.T) {
	t.Setenv("NEO4J_URI", "bolt://127.0.0.1:1") // nothing listens there
	code, out, errOut := run(t, "centrality", "degree", "--top", "1", "--data", "../../graph/dataset/testdata/valid")
	if code != 0 || !strings.Contains(out, "person:han-dong") {
		t.Errorf("--data with NEO4J_URI set: exit %d\n%s%s\nwant the embedded store on the given data", code, out, errOut)
	}
	code, _, errOut = run(t, "centrality", "degree", "--data", "seeds", "--neo4j", "bolt://127.0.0.1:1")
	if code != 2 || !strings.Contains(errOut, "not both") {
		t.Errorf("--data with --neo4j: exit %d, %s; want a usage error", code, errOut)
	}
}

// TestLoadImportCSV: --import-csv needs no server; it validates first and
// writes the offline importer's files (their content is graph/neo4j's
// TestWriteImportFiles and TestImportFilesWithNeo4jAdmin).
func TestLoadImportCSV(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "import")
	code, _, errOut := run(t, "load", "--import-csv", dir, "../../seeds")
	if code != 0 || !strings.Contains(errOut, "dataset version") || !strings.Contains(errOut, "neo4j-admin database import full") {
		t.Fatalf("load --import-csv: exit %d\n%s", code, errOut)
	}
	for _, f := range []string{"dataset.csv", "nodes.csv", "relationships.csv", "import.sh"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
	broken := filepath.Join(t.TempDir(), "broken")
	code, _, errOut = run(t, "load", "--import-csv", broken, "../../graph/dataset/testdata/broken")
	if _, err := os.Stat(broken); code != 1 || !strings.Contains(errOut, "person:han-do") || err == nil {
		t.Errorf("load --import-csv of a broken dataset: exit %d, dir written: %t\n%s", code, err == nil, errOut)
	}
}

// TestHelpAndVersion: help CMD prints the command's flags on stdout;
// --version names the build; no command is a usage error on stderr.
func TestHelpAndVersion(t *testing.T) {
	code, out, errOut := run(t, "help", "import")
	if code != 0 || !strings.Contains(out, "--format") || !strings.Contains(out, "--out") || errOut != "" {
		t.Errorf("help import: exit %d\nstdout %s\nstderr %s", code, out, errOut)
	}
	code, out, _ = run(t, "help", "nosuch")
	if code != 2 || out != "" {
		t.Errorf("help nosuch: exit %d, stdout %q; want 2 and nothing on stdout", code, out)
	}
	code, out, _ = run(t, "--version")
	if code != 0 || !strings.HasPrefix(out, "backchannel ") {
		t.Errorf("--version: exit %d, %q", code, out)
	}
	code, out, errOut = run(t)
	if code != 2 || out != "" || !strings.Contains(errOut, "Usage") {
		t.Errorf("no command: exit %d, stdout %q, stderr %q; want 2 and the usage on stderr", code, out, errOut)
	}
}

// TestOutputRule: a command that writes files reports what it wrote on
// stderr (with no progress lines when stderr is not a terminal) and leaves
// stdout for answers; an import whose flags follow the
// files is refused with the advice to put them first.
func TestOutputRule(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{"import", "--format", "csv", "--out", filepath.Join(dir, "imp"), "../../graph/importer/testdata/nodes.csv", "../../graph/importer/testdata/edges.csv"},
		{"export", "--data", "../../graph/dataset/testdata/valid", "--out", filepath.Join(dir, "g.json")},
		{"export", "--format", "neo4j-csv", "--data", "../../graph/dataset/testdata/valid", "--out", filepath.Join(dir, "csv")},
	} {
		code, out, errOut := run(t, args...)
		if code != 0 || out != "" || !strings.Contains(errOut, "backchannel: wrote ") || strings.Contains(errOut, "\r") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want 0, nothing on stdout, what was written on stderr", args, code, out, errOut)
		}
	}
	code, _, errOut := run(t, "import", "--format", "csv", "--out", filepath.Join(dir, "x"), "a.csv", "--skip-bad")
	if code != 2 || !strings.Contains(errOut, "give flags first") {
		t.Errorf("flag after files: exit %d, %s", code, errOut)
	}
}

// TestErrorsCapped: a dataset with more problems than maxErrors lists
// the first ones and counts the rest; --all lists every one.
func TestErrorsCapped(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("nodes:\n")
	for i := range maxErrors + 7 {
		fmt.Fprintf(&b, "  - id: person:p%d\n    type: nobody\n    name: P\n", i)
	}
	if err := os.WriteFile(filepath.Join(dir, "many.yaml"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ := run(t, "validate", dir)
	if code != 1 || strings.Count(out, "many.yaml:") != maxErrors || !strings.Contains(out, "... and 7 more") {
		t.Errorf("validate: exit %d, %d problem lines; want %d and \"... and 7 more\"\n%.500s", code, strings.Count(out, "many.yaml:"), maxErrors, out)
	}
	code, out, _ = run(t, "validate", "--all", dir)
	if code != 1 || strings.Count(out, "many.yaml:") != maxErrors+7 {
		t.Errorf("validate --all: exit %d, %d problem lines", code, strings.Count(out, "many.yaml:"))
	}
}
