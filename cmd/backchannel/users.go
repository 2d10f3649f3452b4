package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/backchannel/backchannel/server/auth"
	"golang.org/x/term"
)

func init() {
	register(command{name: "users", summary: "manage the team server's users, roles and API tokens", run: runUsers})
}

const usersUsage = `users add NAME --role reader|analyst|editor|admin [--password-stdin | --no-password]
       backchannel users token NAME          (prints a new bearer token for scripts, once)
       backchannel users revoke-tokens NAME
       backchannel users remove NAME
       backchannel users list
   every subcommand takes --file FILE (default $BACKCHANNEL_USERS, else users.json)`

// defaultUsersFile is $BACKCHANNEL_USERS, else users.json.
func defaultUsersFile() string {
	if f := os.Getenv("BACKCHANNEL_USERS"); f != "" {
		return f
	}
	return "users.json"
}

func runUsers(ctx context.Context, m *Main, args []string) error {
	if len(args) == 0 {
		return usageError("want a subcommand: backchannel %s", usersUsage)
	}
	sub, args := args[0], args[1:]
	fs := m.newFlagSet("users "+sub, "\n       backchannel "+usersUsage)
	file := fs.String("file", defaultUsersFile(), "the users `file`")
	role := fs.String("role", "", "the user's `role`: reader (explore, export), analyst (+ Cypher console), editor (+ changes to the data), admin (+ load, users)")
	fromStdin := fs.Bool("password-stdin", false, "read the password from the first line of stdin (for scripts)")
	noPassword := fs.Bool("no-password", false, "no password: the user signs in with bearer tokens only (an API client)")
	// NAME may come before the flags: backchannel users add ana --role analyst.
	var name string
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		name, args = args[0], args[1:]
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if name == "" && fs.NArg() > 0 {
		name = fs.Arg(0)
	} else if fs.NArg() > 0 {
		return usageError("unexpected argument %q", fs.Arg(0))
	}
	users, err := auth.ReadUsers(*file)
	if err != nil {
		return err
	}
	needName := func() error {
		if name == "" {
			return usageError("users %s: want a user NAME", sub)
		}
		return auth.CheckName(name)
	}
	switch sub {
	case "add":
		if err := needName(); err != nil {
			return err
		}
		if *role == "" {
			return usageError("users add %s: want --role reader|analyst|editor|admin", name)
		}
		r, err := auth.ParseRole(*role)
		if err != nil {
			return usageError("%v", err)
		}
		password := ""
		if !*noPassword {
			if password, err = readPassword(m, *fromStdin); err != nil {
				return err
			}
		}
		_, existed := users.Lookup(name)
		if err := users.Set(name, r, password); err != nil {
			return err
		}
		if err := users.Write(*file); err != nil {
			return err
		}
		verb := "added"
		if existed {
			verb = "updated"
		}
		fmt.Fprintf(m.Stderr, "backchannel: %s %s (%s) in %s\n", verb, name, r, *file)
		return nil
	case "token":
		if err := needName(); err != nil {
			return err
		}
		token, err := users.NewToken(name)
		if err != nil {
			return err
		}
		if err := users.Write(*file); err != nil {
			return err
		}
		fmt.Fprintln(m.Stdout, token)
		fmt.Fprintf(m.Stderr, "backchannel: a new token for %s (shown once; send it as Authorization: Bearer TOKEN)\n", name)
		return nil
	case "revoke-tokens":
		if err := needName(); err != nil {
			return err
		}
		n := users.RevokeTokens(name)
		if err := users.Write(*file); err != nil {
			return err
		}
		fmt.Fprintf(m.Stderr, "backchannel: revoked %d token(s) of %s\n", n, name)
		return nil
	case "remove":
		if err := needName(); err != nil {
			return err
		}
		if !users.Remove(name) {
			return fmt.Errorf("no user %q in %s", name, *file)
		}
		if err := users.Write(*file); err != nil {
			return err
		}
		fmt.Fprintf(m.Stderr, "backchannel: removed %s from %s\n", name, *file)
		return nil
	case "list":
		for _, u := range users.List() {
			login := "password"
			if u.PasswordHash == "" {
				login = "tokens only"
			}
			fmt.Fprintf(m.Stdout, "%s\t%s\t%s\t%d token(s)\n", u.Name, u.Role, login, len(u.Tokens))
		}
		return nil
	}
	return usageError("users: unknown subcommand %q: want add, token, revoke-tokens, remove or list", sub)
}

// readPassword reads a password: from the first line of stdin with
// --password-stdin, else from the terminal without echo, twice.
func readPassword(m *Main, fromStdin bool) (string, error) {
	if fromStdin {
		line, err := bufio.NewReader(m.Stdin).ReadString('\n')
		if err != nil && line == "" {
			return "", fmt.Errorf("--password-stdin: no password on stdin: %w", err)
		}
		return strings.TrimRight(line, "\r\n"), nil
	}
	f, ok := m.Stdin.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return "", errors.New("no terminal to ask for the password on: pass it with --password-stdin (echo PASSWORD | backchannel users add ...), or --no-password for a token-only user")
	}
	fmt.Fprint(m.Stderr, "Password: ")
	p1, err := term.ReadPassword(int(f.Fd()))
	fmt.Fprintln(m.Stderr)
	if err != nil {
		return "", err
	}
	fmt.Fprint(m.Stderr, "Again: ")
	p2, err := term.ReadPassword(int(f.Fd()))
	fmt.Fprintln(m.Stderr)
	if err != nil {
		return "", err
	}
	if string(p1) != string(p2) {
		return "", errors.New("the two passwords differ")
	}
	return string(p1), nil
}
