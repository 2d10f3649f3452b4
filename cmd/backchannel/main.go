// Command backchannel explores influence networks: it validates datasets,
// loads them into the embedded store or Neo4j, serves the explorer, and
// answers path, centrality and export questions from the command line.
//
// Usage: backchannel COMMAND [flags]; "backchannel help" lists commands.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"sort"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	m := &Main{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr}
	code := m.Run(ctx, os.Args[1:])
	stop()
	os.Exit(code)
}

// Main holds the program's wiring so that end-to-end tests can run
// commands in-process with their own streams.
type Main struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
}

// command is one subcommand. Each lives in its own file and registers
// itself in init, so adding a command touches no shared file.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, m *Main, args []string) error
}

var commands = map[string]command{}

func register(c command) {
	if _, dup := commands[c.name]; dup {
		panic("backchannel: command registered twice: " + c.name)
	}
	commands[c.name] = c
}

// errProblems marks a failure that has already been reported in full (the
// validator's list), so Run exits 1 without repeating it.
var errProblems = errors.New("problems reported")

// Run executes one command and returns the process exit code: 0 on
// success, 1 on failure, 2 on a usage error.
func (m *Main) Run(ctx context.Context, args []string) int {
	switch {
	case len(args) == 0:
		m.usage(m.Stderr)
		return 2
	case args[0] == "--version" || args[0] == "-version" || args[0] == "version":
		fmt.Fprintln(m.Stdout, version())
		return 0
	case args[0] == "help" && len(args) > 1:
		// help CMD: the command's flags, as the answer (stdout).
		c, ok := commands[args[1]]
		if !ok {
			fmt.Fprintf(m.Stderr, "backchannel: unknown command %q\n\n", args[1])
			m.usage(m.Stderr)
			return 2
		}
		asked := *m
		asked.Stderr = m.Stdout
		fmt.Fprintf(m.Stdout, "backchannel %s: %s\n\n", c.name, c.summary)
		if err := c.run(ctx, &asked, []string{"-h"}); err != nil && !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintf(m.Stderr, "backchannel %s: %v\n", c.name, err)
			return 1
		}
		return 0
	case args[0] == "help" || args[0] == "-h" || args[0] == "--help":
		m.usage(m.Stdout)
		return 0
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(m.Stderr, "backchannel: unknown command %q\n\n", args[0])
		m.usage(m.Stderr)
		return 2
	}
	err := c.run(ctx, m, args[1:])
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		fmt.Fprintf(m.Stderr, "backchannel %s: %v\n", c.name, err)
		return 2
	case errors.Is(err, errProblems):
		return 1
	}
	fmt.Fprintf(m.Stderr, "backchannel %s: %v\n", c.name, err)
	return 1
}

// errUsage wraps errors in the command line itself.
var errUsage = errors.New("usage")

func usageError(format string, a ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{errUsage}, a...)...)
}

func (m *Main) usage(w io.Writer) {
	fmt.Fprintln(w, "backchannel: explore influence networks, with the evidence behind every edge")
	fmt.Fprintln(w, "\nUsage: backchannel COMMAND [flags]\n\nCommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-12s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nRun \"backchannel help COMMAND\" (or \"backchannel COMMAND -h\") for a command's flags;")
	fmt.Fprintln(w, "\"backchannel --version\" for the version. Flags go before file arguments.")
	fmt.Fprintln(w, "\nOutput: stdout carries the answer (data, a report, a result); progress, what was")
	fmt.Fprintln(w, "written where, warnings and errors go to stderr. Exit 0 ok, 1 failed, 2 usage.")
}

// newFlagSet returns a flag set that reports errors instead of exiting.
func (m *Main) newFlagSet(name, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet("backchannel "+name, flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(m.Stderr, "Usage: backchannel %s %s\n\nFlags:\n", name, usage)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args, mapping flag errors to usage errors (the flag
// package has already printed the message and usage).
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	return nil
}

// version describes the build: the module version, and the commit and its
// time when built from a checkout (with "+dirty" for local changes).
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "backchannel (unknown build)"
	}
	v := info.Main.Version
	var rev, at, dirty string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "+dirty"
			}
		}
	}
	out := "backchannel " + v
	if rev != "" {
		out += " " + rev[:min(12, len(rev))] + dirty
	}
	if at != "" {
		out += " " + at
	}
	return out + " (" + info.GoVersion + ")"
}
