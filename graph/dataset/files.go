package dataset

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// dataFiles expands paths into the sorted list of data files they hold.
// Hidden directories and node_modules are skipped; a file named
// explicitly is taken whatever its extension.
func dataFiles(paths []string) ([]string, error) {
	seen := map[string]bool{}
	var out []string
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	for _, root := range paths {
		info, err := os.Stat(root)
		if err != nil {
			return nil, fmt.Errorf("load %s: %w", root, err)
		}
		if !info.IsDir() {
			add(root)
			continue
		}
		err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			name := d.Name()
			if d.IsDir() {
				if p != root && (strings.HasPrefix(name, ".") || name == "node_modules" || name == "testdata") {
					return filepath.SkipDir
				}
				return nil
			}
			switch filepath.Ext(name) {
			case ".yaml", ".yml", ".json":
				add(p)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("load %s: %w", root, err)
		}
	}
	sort.Strings(out)
	return out, nil
}

// Files lists the data files Load reads for paths, in the order it reads
// them (for callers that cache what Load built and must notice a file
// added or removed).
func Files(paths ...string) ([]string, error) {
	if len(paths) == 0 {
		paths = []string{"seeds"}
	}
	return dataFiles(paths)
}
