package export_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/backchannel/backchannel/graph/export"
)

// TestNetworkxReadsExports runs scripts/check-exports.py, which reads the
// GraphML, GEXF and node-link exports with networkx and compares nodes,
// edges and every attribute with the native JSON export.
func TestNetworkxReadsExports(t *testing.T) {
	python := lookTool(t, "python3", "apt-get install python3")
	if out, err := exec.Command(python, "-c", "import networkx").CombinedOutput(); err != nil {
		missing(t, "networkx (pip install -r scripts/requirements.txt): %s", out)
	}
	srcs := map[string]export.Source{"fixture": fixture(t)}
	if st := seedStore(t); st != nil {
		srcs["seeds"] = st
	}
	for name, src := range srcs {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			for format, file := range map[string]string{
				"json": "export.json", "graphml": "export.graphml", "gexf": "export.gexf", "node-link": "export.node-link.json",
			} {
				if err := os.WriteFile(filepath.Join(dir, file), export_(t, format, src), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			out, err := exec.Command(python, "../../scripts/check-exports.py", dir).CombinedOutput()
			if err != nil {
				t.Errorf("check-exports.py: %v\n%s", err, out)
			} else {
				t.Logf("%s", out)
			}
		})
	}
}
