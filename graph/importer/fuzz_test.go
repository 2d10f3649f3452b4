package importer_test

import (
	"os"
	"path/filepath"
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
			res, err := importer.CSV(files, importer.Options{})
			if err == nil && res == nil {
				t.Fatal("no error and no result")
			}
			_, _ = importer.CSV(files, importer.Options{SkipBad: true})
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
		res, err := importer.FtM([]string{p}, importer.Options{})
		if err == nil && res == nil {
			t.Fatal("no error and no result")
		}
	})
}
