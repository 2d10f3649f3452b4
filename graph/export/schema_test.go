package export_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/backchannel/backchannel/graph/export"
)

// sharedDir returns ../shared beside the repository root (the schemas and
// samples are never copied into the project). Without it the test skips,
// or fails when CI=true.
func sharedDir(t testing.TB) string {
	t.Helper()
	dir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's directory")
		}
		dir = parent
	}
	shared := filepath.Join(filepath.Dir(dir), "shared")
	if _, err := os.Stat(filepath.Join(shared, "schemas")); err != nil {
		missing(t, "the shared schemas and samples at %s (../shared beside the repository): %v", shared, err)
	}
	return shared
}

// missing skips the test locally, and fails it in CI, where everything
// must be installed.
func missing(t testing.TB, format string, args ...any) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("missing "+format, args...)
	}
	t.Skipf("missing "+format, args...)
}

// lookTool returns the path of an installed program.
func lookTool(t testing.TB, name, install string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		missing(t, "%s (%s)", name, install)
	}
	return p
}

// TestXMLSchemas validates the GraphML and GEXF exports with xmllint
// --nonet against the schemas in ../shared/schemas: GraphML against its
// XSD, GEXF with viz colours against the RELAX NG schema (the normative
// one; the generated XSD misplaces the viz namespace), and GEXF without
// viz against both.
func TestXMLSchemas(t *testing.T) {
	xmllint := lookTool(t, "xmllint", "apt-get install libxml2-utils")
	shared := sharedDir(t)
	graphmlXSD := filepath.Join(shared, "schemas/graphml/graphml.xsd")
	gexfXSD := filepath.Join(shared, "schemas/gexf-1.3/gexf.xsd")
	gexfRNG := filepath.Join(shared, "schemas/gexf-1.3/gexf.rng")

	srcs := map[string]export.Source{"fixture": fixture(t)}
	if st := seedStore(t); st != nil {
		srcs["seeds"] = st
	}
	for name, src := range srcs {
		var gexfPlain bytes.Buffer
		if err := export.WriteGEXF(context.Background(), &gexfPlain, src, export.GEXFOptions{NoViz: true}); err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			name, schemaFlag, schema string
			data                     []byte
		}{
			{"graphml/xsd", "--schema", graphmlXSD, export_(t, "graphml", src)},
			{"gexf/rng", "--relaxng", gexfRNG, export_(t, "gexf", src)},
			{"gexf-noviz/rng", "--relaxng", gexfRNG, gexfPlain.Bytes()},
			{"gexf-noviz/xsd", "--schema", gexfXSD, gexfPlain.Bytes()},
		} {
			t.Run(name+"/"+tc.name, func(t *testing.T) {
				file := filepath.Join(t.TempDir(), "export.xml")
				if err := os.WriteFile(file, tc.data, 0o644); err != nil {
					t.Fatal(err)
				}
				out, err := exec.Command(xmllint, "--nonet", "--noout", tc.schemaFlag, tc.schema, file).CombinedOutput()
				if err != nil {
					t.Errorf("xmllint %s %s: %v\n%s", tc.schemaFlag, tc.schema, err, out)
				}
			})
		}
	}
}
