package main

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"sort"
	"time"

	"github.com/backchannel/backchannel/graph/dataset"
	"github.com/backchannel/backchannel/graph/mem"
)

// The embedded store of a large dataset is cached as a snapshot (see
// mem.WriteSnapshot), so that the next start reads it instead of parsing
// and checking gigabytes of JSON. A snapshot is used only when every
// file the dataset was built from (the data files and the document texts
// its quotes were checked against) has the same SHA-256 as when it was
// written, the same data files are found under the same paths, and the
// program is the same binary (so rules changed by an upgrade are applied
// again). Anything else, and any damage, means the dataset is read from
// its files as before.
//
// The cache lives in BACKCHANNEL_CACHE (a directory, or "off"), by
// default the user's cache directory (for example ~/.cache/backchannel).

// cacheMinElements: smaller datasets load from their files in well under
// a second, so they are not cached.
var cacheMinElements = 100_000

const cacheMagic = "BCCACHE1"

type cacheManifest struct {
	Paths      []string  `json:"paths"`      // absolute, as given
	DataFiles  []string  `json:"data_files"` // what dataset.Files found
	Files      []fileSum `json:"files"`      // data files and document texts
	Executable string    `json:"executable"` // SHA-256 of the program
}

type fileSum struct {
	Path   string `json:"path"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// cacheDir returns where snapshots go, or "" when caching is off or no
// cache directory is known.
func cacheDir() string {
	switch d := os.Getenv("BACKCHANNEL_CACHE"); d {
	case "off":
		return ""
	case "":
		base, err := os.UserCacheDir()
		if err != nil {
			return ""
		}
		return filepath.Join(base, "backchannel")
	default:
		return d
	}
}

// cachePath names the snapshot of the dataset at paths.
func cachePath(dir string, abs []string) string {
	h := sha256.New()
	for _, p := range abs {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return filepath.Join(dir, hex.EncodeToString(h.Sum(nil)[:12])+".snapshot")
}

func absPaths(paths []string) ([]string, error) {
	out := make([]string, len(paths))
	for i, p := range paths {
		a, err := filepath.Abs(p)
		if err != nil {
			return nil, err
		}
		out[i] = a
	}
	return out, nil
}

func hashFile(path string) (fileSum, error) {
	f, err := os.Open(path)
	if err != nil {
		return fileSum{}, err
	}
	defer f.Close() // read-only
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return fileSum{}, err
	}
	return fileSum{Path: path, Size: n, SHA256: hex.EncodeToString(h.Sum(nil))}, nil
}

func executableSum() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	s, err := hashFile(exe)
	return s.SHA256, err
}

// openCached returns the store from the cached snapshot of paths, or nil
// when there is none or it is out of date. Only a failure to read a
// snapshot that should be good is reported (on stderr); the caller then
// reads the files.
func openCached(ctx context.Context, m *Main, paths []string) *mem.Store {
	dir := cacheDir()
	if dir == "" {
		return nil
	}
	abs, err := absPaths(paths)
	if err != nil {
		return nil
	}
	path := cachePath(dir, abs)
	f, err := os.Open(path)
	if err != nil {
		return nil // no snapshot yet
	}
	defer f.Close() // read-only
	start := time.Now()
	info, err := f.Stat()
	if err != nil {
		return nil
	}
	br := bufio.NewReader(f)
	man, err := readManifest(br)
	if err != nil || !slices.Equal(man.Paths, abs) {
		fmt.Fprintf(m.Stderr, "backchannel: ignoring the snapshot %s: %v\n", path, cmpErr(err, "it is for other paths"))
		return nil
	}
	// Check the files while the snapshot is read: on two cores the two
	// overlap, and both must finish before the store is used.
	fresh := make(chan error, 1)
	go func() { fresh <- man.check(ctx, paths) }()
	// The snapshot is a few large arrays that all stay live: collecting
	// while they are built only rescans them, so the collector waits.
	gc := debug.SetGCPercent(-1)
	st, err := mem.ReadSnapshot(br, info.Size())
	debug.SetGCPercent(gc)
	ferr := <-fresh
	switch {
	case ferr != nil:
		fmt.Fprintf(m.Stderr, "backchannel: the snapshot %s is out of date (%v); reading the data files\n", path, ferr)
		return nil
	case err != nil:
		fmt.Fprintf(m.Stderr, "backchannel: ignoring the snapshot %s: %v\n", path, err)
		return nil
	}
	fmt.Fprintf(m.Stderr, "backchannel: loaded the snapshot %s in %.1fs (its %d files are unchanged)\n", path, time.Since(start).Seconds(), len(man.Files))
	return st
}

func cmpErr(err error, otherwise string) error {
	if err != nil {
		return err
	}
	return errors.New(otherwise)
}

func readManifest(br *bufio.Reader) (*cacheManifest, error) {
	magic := make([]byte, len(cacheMagic))
	if _, err := io.ReadFull(br, magic); err != nil || string(magic) != cacheMagic {
		return nil, errors.New("not a backchannel snapshot, or from another version")
	}
	n, err := binary.ReadUvarint(br)
	if err != nil || n > 1<<30 {
		return nil, errors.New("damaged header")
	}
	raw := make([]byte, n)
	if _, err := io.ReadFull(br, raw); err != nil {
		return nil, fmt.Errorf("damaged header: %w", err)
	}
	var man cacheManifest
	if err := json.Unmarshal(raw, &man); err != nil {
		return nil, fmt.Errorf("damaged header: %w", err)
	}
	return &man, nil
}

// check says whether the files are still those the snapshot was built
// from.
func (man *cacheManifest) check(ctx context.Context, paths []string) error {
	exe, err := executableSum()
	if err != nil {
		return fmt.Errorf("cannot hash this program: %w", err)
	}
	if exe != man.Executable {
		return errors.New("written by another build of backchannel")
	}
	files, err := dataset.Files(paths...)
	if err != nil {
		return err
	}
	if !slices.Equal(files, man.DataFiles) {
		return errors.New("data files were added or removed")
	}
	for _, want := range man.Files {
		if err := ctx.Err(); err != nil {
			return err
		}
		info, err := os.Stat(want.Path)
		if err != nil {
			return err
		}
		if info.Size() != want.Size {
			return fmt.Errorf("%s changed", want.Path)
		}
		got, err := hashFile(want.Path)
		if err != nil {
			return err
		}
		if got != want {
			return fmt.Errorf("%s changed", want.Path)
		}
	}
	return nil
}

// writeCache writes the snapshot of st, built from res read at paths, for
// the next start. Small datasets and a cache turned off write nothing.
func writeCache(ctx context.Context, st *mem.Store, paths []string, res *dataset.Result) (string, error) {
	dir := cacheDir()
	stats, err := st.Stats(ctx)
	if err != nil {
		return "", err
	}
	if dir == "" || stats.Nodes+stats.Edges < cacheMinElements {
		return "", nil
	}
	abs, err := absPaths(paths)
	if err != nil {
		return "", err
	}
	man := cacheManifest{Paths: abs, DataFiles: res.Files}
	if man.Executable, err = executableSum(); err != nil {
		return "", fmt.Errorf("hash this program: %w", err)
	}
	seen := map[string]bool{}
	var all []string
	for _, p := range res.Files {
		seen[p] = true
		all = append(all, p)
	}
	for _, p := range res.DocumentFiles {
		if !seen[p] {
			seen[p] = true
			all = append(all, p)
		}
	}
	sort.Strings(all[len(res.Files):])
	for _, p := range all {
		if err := ctx.Err(); err != nil {
			return "", err
		}
		s, err := hashFile(p)
		if err != nil {
			return "", err
		}
		man.Files = append(man.Files, s)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	path := cachePath(dir, abs)
	raw, err := json.Marshal(man)
	if err != nil {
		return "", err
	}
	head := append([]byte(cacheMagic), binary.AppendUvarint(nil, uint64(len(raw)))...)
	head = append(head, raw...)
	if err := st.WriteSnapshotFile(ctx, path, head); err != nil {
		return "", err
	}
	return path, nil
}
