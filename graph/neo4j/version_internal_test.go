package neo4j

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"slices"
	"testing"

	"github.com/backchannel/backchannel/graph"
	"github.com/backchannel/backchannel/graph/storetest"
)

// encoderVersion is datasetVersion as it was written first, with
// json.Encoder: the oracle, since a changed hash would make every loaded
// database look out of date.
func encoderVersion(t *testing.T, ds *graph.Dataset) string {
	t.Helper()
	h := sha256.New()
	enc := json.NewEncoder(h)
	nodes := slices.Clone(ds.Nodes)
	slices.SortFunc(nodes, func(a, b graph.Node) int { return cmp.Compare(a.ID, b.ID) })
	for _, n := range nodes {
		if err := enc.Encode(&n); err != nil {
			t.Fatal(err)
		}
	}
	edges := slices.Clone(ds.Edges)
	slices.SortFunc(edges, func(a, b graph.Edge) int { return cmp.Compare(a.ID, b.ID) })
	for _, e := range edges {
		if err := enc.Encode(&e); err != nil {
			t.Fatal(err)
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

func TestDatasetVersionBytes(t *testing.T) {
	odd := storetest.Fixture()
	// What an encoder escapes or compacts: HTML (the fixture has a name
	// that is HTML), line and paragraph separators, quotes, no aliases.
	odd.Nodes[1].Description = "a <b> & \"c\"\u2028d\u2029e\n\tf"
	odd.Nodes[2].Aliases = nil
	odd.Edges[0].Props = map[string]string{"z": "1", "a": "<&>"}
	for name, ds := range map[string]*graph.Dataset{"fixture": storetest.Fixture(), "odd": odd, "import fixture": importFixture()} {
		t.Run(name, func(t *testing.T) {
			got, err := datasetVersion(ds)
			if err != nil {
				t.Fatal(err)
			}
			if want := encoderVersion(t, ds); got != want {
				t.Errorf("datasetVersion = %s, the encoder's hash is %s", got, want)
			}
		})
	}
}
