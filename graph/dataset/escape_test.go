package dataset

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLoadEscapes: a document's file must stay inside the dataset's
// folder (testdata/escape/data), symbolic links included; anything else is
// a file:line problem, and the file is never read (its text appears in no
// message, not even as the "closest passage" of a quote).
func TestLoadEscapes(t *testing.T) {
	res, err := Load(t.Context(), "testdata/escape/data")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{} // "file:line" -> message
	for _, p := range res.Problems {
		got[fmt.Sprintf("%s:%d", filepath.Base(p.File), p.Line)] = p.Msg
		if strings.Contains(p.Msg, "SECRET") || strings.Contains(p.Msg, "root:") {
			t.Errorf("a problem shows the text of a file outside the folder: %s", p)
		}
	}
	tests := []struct{ at, want string }{
		{"nodes.yaml:17", `document "doc:up": file "../outside.txt" is outside the dataset's folder testdata/escape/data`},
		{"nodes.yaml:21", `document "doc:passwd": file "/etc/passwd" is outside the dataset's folder`},
		{"nodes.yaml:25", `document "doc:link": file "link.txt" is a symbolic link to`},
		{"nodes.yaml:29", `document "doc:deep": file "./sub/../../../../../../etc/hostname" is outside`},
		{"nodes.yaml:42", `CONTACTED links "person:han-dong" to itself: check source and target (only OWNS may link a node to itself)`},
	}
	for _, tt := range tests {
		if !strings.Contains(got[tt.at], tt.want) {
			t.Errorf("%s: got %q, want it to contain %q", tt.at, got[tt.at], tt.want)
		}
	}
	if msg, ok := got["nodes.yaml:50"]; ok {
		t.Errorf("OWNS may link a node to itself (a company holding its own shares), got %q", msg)
	}
	if _, ok := res.DocumentFiles["doc:ok"]; !ok {
		t.Errorf("doc:ok, inside the folder, was not read: %v", res.Problems)
	}
	for _, id := range []string{"doc:up", "doc:passwd", "doc:link", "doc:deep"} {
		if f, ok := res.DocumentFiles[id]; ok {
			t.Errorf("%s: text read from %s, outside the folder", id, f)
		}
	}
}

// TestLoadExplicitFileRoot: a data file named on its own has its own
// directory as the dataset's folder.
func TestLoadExplicitFileRoot(t *testing.T) {
	res, err := Load(t.Context(), "testdata/escape/data/nodes.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := res.DocumentFiles["doc:ok"]; !ok {
		t.Errorf("doc:ok beside the file: not read: %v", res.Problems)
	}
	if _, ok := res.DocumentFiles["doc:up"]; ok {
		t.Errorf("doc:up outside the file's folder: read")
	}
}

// TestSyntaxErrorLines: YAML and JSON syntax errors name the line they
// are on, however far into the file (yaml.v3 reports the line where the
// enclosing block starts; the JSON decoder's offsets drift).
func TestSyntaxErrorLines(t *testing.T) {
	var y strings.Builder
	y.WriteString("nodes:\n")
	for i := range 13 { // lines 2..40
		fmt.Fprintf(&y, "  - id: person:a%d\n    type: person\n    name: A\n", i)
	}
	y.WriteString("  - id: person:bad\n   type: person\n    name: B\n") // line 42: one space short
	var j strings.Builder
	j.WriteString("{\"nodes\": [\n")
	for i := range 3998 { // lines 2..3999
		fmt.Fprintf(&j, "{\"id\": \"person:a%d\", \"type\": \"person\", \"name\": \"A\"},\n", i)
	}
	j.WriteString("{\"id\": \"person:b\", \"type\": \"person\" \"name\": \"B\"}\n]}\n") // line 4000: a comma missing
	tests := []struct {
		name, text string
		line       int
	}{
		{"bad.yaml", y.String(), 42},
		{"quote.yaml", "nodes:\n  - id: x\n    name: \"unterminated\n    type: person\n", 3},
		{"mapping.yaml", "nodes:\n  - id: x\n    name: a: b\n", 3},
		{"bad.json", j.String(), 4000},
		{"early.json", "{\"nodes\": [\n{\"id\": \"x\",,}\n]}\n", 2},
		{"truncated.json", "{\"nodes\": [\n{\"id\": \"x\"}\n", 2}, // the last line with text
	}
	dir := t.TempDir()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(dir, tt.name)
			if err := os.WriteFile(p, []byte(tt.text), 0o644); err != nil {
				t.Fatal(err)
			}
			res, err := Load(t.Context(), p)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Problems) == 0 {
				t.Fatalf("no problem reported")
			}
			if p := res.Problems[0]; p.Line != tt.line {
				t.Errorf("got %s, want line %d", p, tt.line)
			}
		})
	}
}
