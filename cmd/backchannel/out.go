package main

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// What --out may name. A command writes a regular file or a directory,
// never through anything else at that path: a FIFO would block or feed
// another process, a symlink would redirect the write, and a device
// (/dev/null, a disk) is not ours to replace. New files and directories
// get the process's umask (0666 and 0777 less it).

// describeMode names what a non-regular path is, for the refusal.
func describeMode(m fs.FileMode) string {
	switch {
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO"
	case m&fs.ModeDevice != 0 || m&fs.ModeCharDevice != 0:
		return "a device"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m.IsDir():
		return "a directory"
	}
	return "not a regular file"
}

// checkOutFile allows a path that does not exist yet or is a regular file.
func checkOutFile(path string) error {
	st, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("--out %s: %w", path, err)
	}
	if !st.Mode().IsRegular() {
		return usageError("--out %s is %s: give the path of a regular file (or one that does not exist yet)", path, describeMode(st.Mode()))
	}
	return nil
}

// checkOutDir allows a path that does not exist yet or is a directory
// (not a link to one).
func checkOutDir(path string) error {
	st, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("--out %s: %w", path, err)
	}
	if !st.IsDir() {
		return usageError("--out %s is %s: give a directory (or a path that does not exist yet)", path, describeMode(st.Mode()))
	}
	return nil
}

// writeFile writes path through a temporary file in the same directory,
// renamed into place only when fn succeeds, so a failed or interrupted
// write leaves no half-written file behind. The file is created 0666 less
// the umask, as any file a shell redirection makes.
func writeFile(path string, fn func(*os.File) error) (err error) {
	if err := checkOutFile(path); err != nil {
		return err
	}
	var suffix [6]byte
	_, _ = rand.Read(suffix[:]) // crypto/rand never fails on Linux
	tmpName := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+"."+hex.EncodeToString(suffix[:])+".tmp")
	tmp, err := os.OpenFile(tmpName, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			os.Remove(tmp.Name()) // best effort: the write already failed
		}
	}()
	if err := fn(tmp); err != nil {
		tmp.Close() // the write error is the one to report
		return err
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := checkOutFile(path); err != nil { // it may have changed meanwhile
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
