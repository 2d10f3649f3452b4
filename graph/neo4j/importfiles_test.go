package neo4j_test

import (
	"bytes"
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/backchannel/backchannel/graph/mem"
	"github.com/backchannel/backchannel/graph/neo4j"
	"github.com/backchannel/backchannel/graph/storetest"
)

// TestImportFilesWithNeo4jAdmin is the offline way in, end to end: the
// files WriteImportFiles writes, imported by neo4j-admin into a database
// of its own, served by a second local server; Load on that server must
// write nothing and leave a store whose export is the embedded store's.
// It needs Java and the project's scripts (scripts/neo4j-local), like
// the test server; without java it skips, except in CI.
func TestImportFilesWithNeo4jAdmin(t *testing.T) {
	if _, err := exec.LookPath("java"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("java not found (CI=true: this test never skips in CI)")
		}
		t.Skip("java not found: the offline importer runs on Java 17")
	}
	ctx := context.Background()
	ds := storetest.Fixture()
	// What CSV and the importer could get wrong: line breaks (also
	// "\r\n") and quotes in a cell, ";" (the importer's default array
	// delimiter), props that only some nodes have.
	ds.Nodes[1].Description = "MP for Don Valley North;\n\"resigned from caucus\", 2023\r\nsat as an independent"
	ds.Nodes[2].Props = map[string]string{"posting": "Toronto, 2018-2021"}

	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	csvDir := filepath.Join(tmp, "csv")
	files, err := neo4j.WriteImportFiles(ctx, csvDir, ds)
	if err != nil {
		t.Fatal(err)
	}
	env := append(os.Environ(),
		"NEO4J_LOCAL_DIR="+filepath.Join(tmp, "home"),
		"NEO4J_LOCAL_RUN_DIR="+filepath.Join(tmp, "run"),
		"NEO4J_ADMIN_HEAP=512m", "NEO4J_LOCAL_HEAP=512m", "NEO4J_LOCAL_PORT="+strconv.Itoa(freePort(t)))
	run := func(script string, args ...string) string {
		t.Helper()
		cmd := exec.Command("bash", append([]string{filepath.Join(root, script)}, args...)...)
		cmd.Env = env
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("%s %s: %v\n%s\n%s", script, strings.Join(args, " "), err, stdout.String(), stderr.String())
		}
		return stdout.String()
	}
	// The arguments of neo4j.ImportCommand, with the files' full paths.
	var args []string
	for _, a := range strings.Fields(neo4j.ImportCommand)[4:] {
		if k, f, ok := strings.Cut(a, "="); ok && strings.HasSuffix(f, ".csv") {
			a = k + "=" + filepath.Join(csvDir, f)
		}
		args = append(args, a)
	}
	out := run("scripts/neo4j-local/neo4j-admin-import.sh", args...)
	if !strings.Contains(out, "IMPORT DONE") {
		t.Fatalf("neo4j-admin import did not finish:\n%s", out)
	}
	t.Cleanup(func() { run("scripts/neo4j-down.sh") })
	lines := strings.Split(strings.TrimSpace(run("scripts/neo4j-up.sh")), "\n")
	uri, ok := strings.CutPrefix(lines[len(lines)-1], "NEO4J_URI=")
	if !ok {
		t.Fatalf("neo4j-up.sh printed no URI: %q", lines)
	}

	var skipped bool
	st, err := neo4j.New(ctx, neo4j.Config{URI: uri, Progress: func(p neo4j.LoadProgress) { skipped = skipped || p.Skipped }})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close(ctx)
	if err := st.Load(ctx, ds); err != nil {
		t.Fatalf("load after the import: %v", err)
	}
	if !skipped {
		t.Errorf("load after the import wrote the dataset again; want it to find version %s active", files.Version)
	}
	if v, err := st.Version(ctx); err != nil || v != files.Version {
		t.Errorf("active version %q (%v), want %s", v, err, files.Version)
	}
	embedded := mem.New()
	if err := embedded.Load(ctx, ds); err != nil {
		t.Fatal(err)
	}
	if got, want := exportAll(t, st), exportAll(t, embedded); !bytes.Equal(got, want) {
		t.Errorf("export of the imported database differs from the embedded store's:\n%s\nwant\n%s", got, want)
	}
	// The indexes Load created were populated from the imported data.
	hits, err := st.Search(ctx, "kovrik", 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) == 0 || hits[0].ID != "person:michael-kovrig" {
		t.Errorf("search %q after the import: %+v, want person:michael-kovrig first", "kovrik", hits)
	}
	st2, err := st.Stats(ctx)
	if err != nil || st2.Nodes != len(ds.Nodes) || st2.Edges != len(ds.Edges) {
		t.Errorf("stats %+v (%v), want %d nodes, %d edges", st2, err, len(ds.Nodes), len(ds.Edges))
	}
}

// freePort returns a TCP port nothing listens on just now.
func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}
