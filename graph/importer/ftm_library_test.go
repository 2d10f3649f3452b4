package importer_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/backchannel/backchannel/graph/dataset"
	"github.com/backchannel/backchannel/graph/export"
	"github.com/backchannel/backchannel/graph/importer"
	"github.com/backchannel/backchannel/graph/mem"
)

// ftmPython returns a Python with the followthemoney library ($PYTHON,
// else python3); it skips locally and fails in CI when there is none.
func ftmPython(t *testing.T) string {
	t.Helper()
	py := os.Getenv("PYTHON")
	if py == "" {
		py = "python3"
	}
	if out, err := exec.Command(py, "-c", "import followthemoney").CombinedOutput(); err != nil {
		msg := "no Python with followthemoney (pip install -r scripts/requirements.txt, or set PYTHON): " + strings.TrimSpace(string(out))
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return py
}

// checkFtM runs scripts/check-ftm.py on an export (and the original it
// came from, if any): followthemoney must keep every id, value and
// reference, and every original entity must come back with its id.
func checkFtM(t *testing.T, py, exported, original string) {
	t.Helper()
	args := []string{"../../scripts/check-ftm.py", exported}
	if original != "" {
		args = append(args, "--original", original, "--schemata", strings.Join(importer.FtMSchemata(), ","))
	}
	out, err := exec.Command(py, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("check-ftm.py %s: %v\n%s", filepath.Base(exported), err, out)
	}
	t.Logf("%s", bytes.TrimSpace(out))
}

// exportFtM writes the store's FtM export to a file.
func exportFtM(t *testing.T, st *mem.Store, path string) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := export.Write(context.Background(), &b, "ftm", st); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// importFtM imports an FtM file into a fresh dataset and serves it.
func importFtM(t *testing.T, path string) *mem.Store {
	t.Helper()
	res, err := importer.FtM(context.Background(), []string{path}, importer.Options{})
	if err != nil {
		t.Fatalf("import %s: %v %v", path, err, res.Bad)
	}
	out, err := importer.Write(context.Background(), t.TempDir(), "in", res, "")
	if err != nil {
		t.Fatal(err)
	}
	return load(t, out)
}

func sortedLines(b []byte) string {
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}

// TestFtMWithLibrary: the FtM exports of the seeds and of both samples
// (imported) pass followthemoney's validation with every value, id and
// reference intact, every original id comes back, and another
// import/export cycle gives the same entities.
func TestFtMWithLibrary(t *testing.T) {
	py := ftmPython(t)
	dir := t.TempDir()
	seedsRes, err := dataset.Load(context.Background(), "../../seeds")
	if err != nil || len(seedsRes.Problems) > 0 {
		t.Fatalf("seeds: %v %v", err, seedsRes.Problems)
	}
	seeds := mem.New()
	if err := seeds.Load(context.Background(), seedsRes.Dataset); err != nil {
		t.Fatal(err)
	}
	samples := sharedSamples(t)
	cases := []struct {
		name, original string
		st             *mem.Store
	}{
		{"seeds", "", seeds},
		{"yente-zala", filepath.Join(samples, "yente-zala.entities.ftm.json"), nil},
		{"nomenklatura-donations", filepath.Join(samples, "nomenklatura-donations.ijson"), nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			st := tc.st
			if st == nil {
				st = importFtM(t, tc.original)
			}
			first := filepath.Join(dir, tc.name+".1.ftm.json")
			a := exportFtM(t, st, first)
			checkFtM(t, py, first, tc.original)
			again := importFtM(t, first)
			if tc.name == "seeds" {
				// backchannel's own ids come back from their FtM form.
				for _, n := range seedsRes.Dataset.Nodes {
					if _, err := again.Node(context.Background(), n.ID); err != nil {
						t.Errorf("node %s did not come back: %v", n.ID, err)
					}
				}
				for _, e := range seedsRes.Dataset.Edges {
					got, err := again.Edges(context.Background(), []string{e.ID})
					if err != nil || len(got) != 1 || got[0].Type != e.Type || got[0].Source != e.Source || got[0].Target != e.Target || got[0].Date != e.Date {
						t.Errorf("edge %s did not come back as it was: %v %+v", e.ID, err, got)
					}
				}
			}
			b := exportFtM(t, again, filepath.Join(dir, tc.name+".2.ftm.json"))
			if sortedLines(a) != sortedLines(b) {
				t.Errorf("export -> import -> export changed the FtM entities (%d bytes, then %d)", len(a), len(b))
			}
		})
	}
}
