package dataset

import (
	"errors"
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

// rootsOf maps each data file to the folder its document texts must stay
// in: the directory given in paths that holds it, or, for a file named
// explicitly, the file's own directory.
func rootsOf(files, paths []string) map[string]string {
	roots := make(map[string]string, len(files))
	for _, f := range files {
		for _, p := range paths {
			if f == p {
				roots[f] = filepath.Dir(p)
				break
			}
			if rel, err := filepath.Rel(p, f); err == nil && filepath.IsLocal(rel) {
				roots[f] = p
				break
			}
		}
		if _, ok := roots[f]; !ok {
			roots[f] = filepath.Dir(f)
		}
	}
	return roots
}

// insideRoot resolves a document's text file, as written in the data file
// at from, and checks that it stays inside root, symbolic links included.
// It reads nothing: a path outside root is an error before any open.
func insideRoot(root, from, file string) (string, error) {
	p := file
	if !filepath.IsAbs(p) {
		p = filepath.Join(filepath.Dir(from), p)
	}
	absRoot, err := filepath.Abs(root)
	if err != nil {
		return "", err
	}
	absP, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	outside := fmt.Errorf("file %q is outside the dataset's folder %s: keep document texts inside it (a relative path from the data file, no \"..\" out of the folder, no absolute path elsewhere)", file, root)
	if rel, err := filepath.Rel(absRoot, absP); err != nil || !filepath.IsLocal(rel) {
		return "", outside
	}
	// Symbolic links: compare the real paths. A path that does not exist
	// is left to the read, which reports it.
	realRoot, err := filepath.EvalSymlinks(absRoot)
	if err != nil {
		return "", err
	}
	realP, err := filepath.EvalSymlinks(absP)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return p, nil
		}
		return "", err
	}
	if rel, err := filepath.Rel(realRoot, realP); err != nil || !filepath.IsLocal(rel) {
		return "", fmt.Errorf("file %q is a symbolic link to %s, outside the dataset's folder %s: copy the text into the folder instead", file, realP, root)
	}
	return p, nil
}
