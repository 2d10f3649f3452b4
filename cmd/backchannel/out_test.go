package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestOutRefusesNonRegular: --out replaces only a regular file or writes
// into a directory; a FIFO, a symlink or a device is refused and left as
// it was.
func TestOutRefusesNonRegular(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(dir, "target.json")
	if err := os.WriteFile(target, []byte("keep"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.json")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	linkDir := filepath.Join(dir, "linkdir")
	if err := os.Symlink(dir, linkDir); err != nil {
		t.Fatal(err)
	}
	data := "../../graph/dataset/testdata/valid"
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"export", "--data", data, "--out", fifo}, "is a FIFO"},
		{[]string{"export", "--data", data, "--out", link}, "is a symbolic link"},
		{[]string{"export", "--data", data, "--out", os.DevNull}, "is a device"},
		{[]string{"export", "--data", data, "--out", dir}, "is a directory"},
		{[]string{"export", "--format", "neo4j-csv", "--data", data, "--out", linkDir}, "is a symbolic link"},
		{[]string{"export", "--format", "neo4j-csv", "--data", data, "--out", target}, "give a directory"},
		{[]string{"import", "--format", "csv", "--out", fifo, "../../graph/importer/testdata/edges.csv"}, "is a FIFO"},
		{[]string{"load", "--import-csv", link, data}, "is a symbolic link"},
		{[]string{"gen", "--nodes", "10", "--out", os.DevNull}, "is a device"},
	}
	for _, c := range cases {
		code, out, errOut := run(t, c.args...)
		if code != 2 || !strings.Contains(errOut, c.want) {
			t.Errorf("backchannel %s: exit %d\n%s%s\nwant exit 2 and %q", strings.Join(c.args, " "), code, out, errOut, c.want)
		}
	}
	if st, err := os.Lstat(fifo); err != nil || st.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was replaced: %v %v", st.Mode(), err)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the symlink was replaced: %v", err)
	}
	if b, _ := os.ReadFile(target); string(b) != "keep" {
		t.Errorf("the symlink's target was written: %q", b)
	}
	if st, err := os.Stat(os.DevNull); err != nil || st.Mode()&os.ModeCharDevice == 0 {
		t.Errorf("%s is no longer a device: %v %v", os.DevNull, st.Mode(), err)
	}
}

// TestOutHonoursUmask: a file --out writes is 0666 less the umask, and a
// regular file at the path is replaced.
func TestOutHonoursUmask(t *testing.T) {
	old := syscall.Umask(0o027)
	defer syscall.Umask(old)
	path := filepath.Join(t.TempDir(), "g.json")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := run(t, "export", "--data", "../../graph/dataset/testdata/valid", "--out", path)
	if code != 0 {
		t.Fatalf("export: exit %d %s%s", code, out, errOut)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := st.Mode().Perm(); got != 0o640 {
		t.Errorf("mode %v, want 0640 (0666 less umask 027)", got)
	}
	if b, _ := os.ReadFile(path); !strings.Contains(string(b), `"nodes"`) {
		t.Errorf("the regular file was not replaced: %q", b)
	}
}
