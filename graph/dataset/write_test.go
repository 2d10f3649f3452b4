package dataset_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/backchannel/backchannel/graph/dataset"
)

// TestWriteRoundTrip: the seeds written as YAML and as JSON (with their
// documents' file fields) load back to the same dataset, and writing what
// was read gives the same bytes again (stable order: a diff shows only
// what changed).
func TestWriteRoundTrip(t *testing.T) {
	ctx := context.Background()
	seeds, err := dataset.Load(ctx, "../../seeds")
	if err != nil || len(seeds.Problems) > 0 {
		t.Fatalf("seeds: %v %v", err, seeds.Problems)
	}
	dir := t.TempDir()
	// Texts beside the written file, as the loader wants them.
	files := map[string]string{}
	for id, p := range seeds.DocumentFiles {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		files[id] = filepath.Base(p)
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(p)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, ext := range []string{"yaml", "json"} {
		var first bytes.Buffer
		write := func(b *bytes.Buffer, r *dataset.Result) {
			var err error
			if ext == "yaml" {
				err = dataset.WriteYAML(b, r.Dataset, files, "# seeds, rewritten\n")
			} else {
				err = dataset.WriteJSON(b, r.Dataset, files)
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		write(&first, seeds)
		path := filepath.Join(dir, "seeds."+ext)
		if err := os.WriteFile(path, first.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		back, err := dataset.Load(ctx, path)
		if err != nil || len(back.Problems) > 0 {
			t.Fatalf("%s: %v %v", ext, err, back.Problems)
		}
		var second bytes.Buffer
		write(&second, back)
		if first.String() != second.String() {
			t.Errorf("%s: writing what was read changed the bytes", ext)
		}
		a, _ := json.Marshal(seeds.Dataset)
		b, _ := json.Marshal(back.Dataset)
		if !bytes.Equal(a, b) {
			t.Errorf("%s: the dataset read back differs from the seeds", ext)
		}
		os.Remove(path)
	}
}
