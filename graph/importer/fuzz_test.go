package importer_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/backchannel/backchannel/graph/importer"
)

// fuzzFile writes data to a file named name in a fresh directory.
func fuzzFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// FuzzCSV: any bytes as an edge table (with the node table of testdata)
// or as a table on their own give an error or a result, never a panic.
func FuzzCSV(f *testing.F) {
	for _, s := range []string{
		"source,target,relationship\nperson:jane-roe,Li Wei,contacted\n",
		"\"", "\"a\nb", "name,type\nX,person\n", "id;name;type\n1;A;org\n",
		"source,target,type,date\nA,B,member of,2021-13-40\n",
		"from,to,label,url\nAlice,Bob,ASSOCIATE_OF,https://example.org\n",
		"\xef\xbb\xbfsource,target\n,,\n", "{\"nodes\":[]}",
	} {
		f.Add([]byte(s))
	}
	nodes, err := filepath.Abs("testdata/nodes.csv")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p := fuzzFile(t, "edges.csv", data)
		for _, files := range [][]string{{p}, {nodes, p}} {
			res, err := importer.CSV(context.Background(), files, importer.Options{})
			if err == nil && res == nil {
				t.Fatal("no error and no result")
			}
			_, _ = importer.CSV(context.Background(), files, importer.Options{SkipBad: true})
		}
	})
}

// FuzzFtM: any bytes as FtM JSON lines give an error or a result, never a
// panic.
func FuzzFtM(f *testing.F) {
	for _, s := range []string{
		`{"id":"a","schema":"Person","properties":{"name":["A"]}}` + "\n" +
			`{"id":"b","schema":"Company","properties":{"name":["B"]}}` + "\n" +
			`{"id":"o","schema":"Ownership","properties":{"owner":["a"],"asset":["b"],"startDate":["2020-01"]}}`,
		`{"id":"x","schema":"Family","properties":{"person":["x"],"relative":["x"]}}`,
		`{"id":"","schema":""}`, `[1,2]`, `{"id":"a:b>c","schema":"Person","properties":{"name":[""]}}`, "\x00\n{",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p := fuzzFile(t, "in.ftm.json", data)
		res, err := importer.FtM(context.Background(), []string{p}, importer.Options{})
		if err == nil && res == nil {
			t.Fatal("no error and no result")
		}
	})
}

// FuzzGraph: any bytes in any graph format give an error or a result,
// never a panic.
func FuzzGraph(f *testing.F) {
	for _, s := range []string{
		`{"nodes":[{"id":"person:a","type":"person","name":"A"},{"id":"b","type":"org","label":"B"}],"edges":[{"source":"person:a","target":"B","type":"member of","date":"3 March 2021"}]}`,
		`{"directed":true,"nodes":[{"id":1}],"links":[{"source":1,"target":1,"key":0}]}`,
		`{"elements":[{"group":"nodes","data":{"id":"a","type":"person"}},{"data":{"source":"a","target":"a"}}]}`,
		`{"elements":{"nodes":[{"data":{"id":"a"}}],"edges":[{"data":{"id":"e","source":"a","target":"x","evidence":"[{}]"}}]}}`,
		`<graphml><key id="d0" for="node" attr.name="type"><default>person</default></key><graph><node id="a"/><node id="b"><data key="d0">organization</data></node><edge source="a" target="b"><data key="x">member_of</data></edge></graph></graphml>`,
		`<gexf><graph><attributes class="node"><attribute id="0" title="type"/></attributes><nodes><node id="a" label="A"><attvalues><attvalue for="0" value="person"/></attvalues></node></nodes><edges><edge source="a" target="a" label="knows"/></edges></graph></gexf>`,
		`<graphml><graph><node id="a"><node id="b"/></node></graph>`, `{"nodes":`, `[]`, `<`,
	} {
		for i := range 5 {
			f.Add(uint8(i), []byte(s))
		}
	}
	formats := importer.GraphFormats()
	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		format := formats[int(which)%len(formats)]
		p := fuzzFile(t, "in."+format, data)
		for _, o := range []importer.Options{{}, {SkipBad: true, NodeType: "person", EdgeType: "RELATED_TO"}} {
			res, err := importer.Graph(context.Background(), format, []string{p}, o)
			if err == nil && res == nil {
				t.Fatal("no error and no result")
			}
		}
	})
}

// FuzzOffshore: any bytes as relationships.csv (beside the node files of
// testdata/offshore) give an error or a result, never a panic.
func FuzzOffshore(f *testing.F) {
	rels, err := os.ReadFile("testdata/offshore/relationships.csv")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(rels)
	f.Add([]byte("node_id_start,node_id_end,rel_type\n12000001,12000001,officer_of\n"))
	f.Add([]byte("node_id_start,node_id_end\n\"\n"))
	nodes, err := filepath.Glob("testdata/offshore/nodes-*.csv")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p := fuzzFile(t, "relationships.csv", data)
		res, err := importer.Offshore(context.Background(), append(slices.Clone(nodes), p), importer.Options{SkipBad: true})
		if err == nil && res == nil {
			t.Fatal("no error and no result")
		}
	})
}
