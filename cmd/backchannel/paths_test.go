package main

import (
	"strings"
	"testing"
)

func TestPathsAndCentralityCommands(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
		want []string // in stdout (or stderr for failures)
	}{
		{[]string{"paths", "person:han-dong", "person:michael-kovrig", "--data", "../../seeds"}, 0,
			[]string{"Path 1: 2 hop(s)", "Han Dong (person:han-dong)", "--PARTICIPATED_IN-->", "[confirmed, 2021-02]", `supports: "`, "according to Han Dong, emailed statement to Global News"}},
		{[]string{"paths", "person:han-dong", "person:michael-kovrig", "--data", "../../seeds", "--status", "alleged,disputed"}, 0,
			[]string{"No path from Han Dong (person:han-dong)"}},
		{[]string{"paths", "--format", "json", "--mode", "k", "person:han-dong", "person:michael-kovrig", "--data", "../../seeds"}, 0,
			[]string{`"paths": [`, `"graph": {`, `"evidence": [`}},
		{[]string{"paths", "person:han-dong", "--data", "../../seeds"}, 2, []string{"want FROM and TO"}},
		{[]string{"paths", "person:han-dong", "person:nobody", "--data", "../../seeds"}, 1, []string{`node "person:nobody"`}},
		{[]string{"paths", "a", "b", "--status", "rumoured"}, 2, []string{"rumoured"}},
		{[]string{"centrality", "betweenness", "--top", "3", "--data", "../../seeds"}, 0, []string{"betweenness over", "   1  "}},
		{[]string{"centrality", "communities", "--data", "../../seeds", "--format", "json"}, 0, []string{`"groups": [`, `"modularity"`}},
		{[]string{"centrality", "fame", "--data", "../../seeds"}, 1, []string{`metric "fame"`}},
	} {
		code, stdout, stderr := run(t, tc.args...)
		out := stdout
		if tc.code != 0 {
			out = stderr
		}
		if code != tc.code {
			t.Errorf("%v: exit %d, want %d; stderr %s", tc.args, code, tc.code, stderr)
		}
		for _, w := range tc.want {
			if !strings.Contains(out, w) {
				t.Errorf("%v: output lacks %q:\n%s", tc.args, w, out)
			}
		}
	}
}

func TestGenCommand(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := run(t, "gen", "--nodes", "300", "--seed", "3", "--out", dir); code != 0 {
		t.Fatalf("gen: exit %d: %s", code, stderr)
	}
	code, stdout, stderr := run(t, "validate", dir)
	if code != 0 {
		t.Fatalf("validate generated dataset: exit %d:\n%s%s", code, stdout, stderr)
	}
	code, stdout, stderr = run(t, "centrality", "pagerank", "--data", dir, "--top", "2")
	if code != 0 || !strings.Contains(stdout, "pagerank over 300 nodes and 1500 relationships") {
		t.Errorf("centrality on generated data: exit %d:\n%s%s", code, stdout, stderr)
	}
}

// TestNamesForIDs: where a node id is expected, a name (or alias) that
// one node has works too; an unknown name says so.
func TestNamesForIDs(t *testing.T) {
	code, out, errOut := run(t, "paths", "Han Dong", "person:michael-kovrig", "--data", "../../seeds")
	if code != 0 || !strings.Contains(out, "Path 1") {
		t.Errorf("paths by name: exit %d\n%s%s", code, out, errOut)
	}
	code, out, errOut = run(t, "paths", "han dong", "michael kovrig", "--data", "../../seeds", "--format", "json")
	if code != 0 || !strings.Contains(out, "person:han-dong") {
		t.Errorf("paths by names in any case: exit %d\n%s%s", code, out, errOut)
	}
	code, out, errOut = run(t, "export", "--data", "../../seeds", "--node", "Han Dong")
	if code != 0 || !strings.Contains(out, "person:han-dong") {
		t.Errorf("export --node NAME: exit %d\n%.300s%s", code, out, errOut)
	}
	code, _, errOut = run(t, "paths", "Nobody Atall", "person:han-dong", "--data", "../../seeds")
	if code != 1 || !strings.Contains(errOut, `no node has the id or name "Nobody Atall"`) {
		t.Errorf("unknown name: exit %d, %s", code, errOut)
	}
}
