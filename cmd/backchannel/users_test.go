package main

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func runIn(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	m := &Main{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errOut}
	code := m.Run(t.Context(), args)
	return code, out.String(), errOut.String()
}

// TestServeRefusesOpenBind: serve will not listen beyond loopback without
// sign-in, and says how to turn it on.
func TestServeRefusesOpenBind(t *testing.T) {
	for _, addr := range []string{"0.0.0.0:18080", "[::]:18080", ":18080", "192.0.2.1:18080"} {
		code, _, errOut := run(t, "serve", "--data", "../../graph/dataset/testdata/valid", "--addr", addr)
		if code != 2 || !strings.Contains(errOut, "without sign-in") || !strings.Contains(errOut, "backchannel users add NAME --role admin") || !strings.Contains(errOut, "--users") {
			t.Errorf("serve --addr %s without --users: exit %d, %s; want 2 with how to turn sign-in on", addr, code, errOut)
		}
	}
	users := filepath.Join(t.TempDir(), "users.json")
	if code, _, errOut := runIn(t, "correct horse battery\n", "users", "add", "ana", "--role", "admin", "--password-stdin", "--file", users); code != 0 {
		t.Fatalf("users add: exit %d, %s", code, errOut)
	}
	code, _, errOut := run(t, "serve", "--data", "../../graph/dataset/testdata/valid", "--addr", "0.0.0.0:18080", "--users", users)
	if code != 2 || !strings.Contains(errOut, "--host") {
		t.Errorf("serve --addr 0.0.0.0 --users without --host: exit %d, %s; want 2 asking for --host", code, errOut)
	}
}

// TestUsersCommand: users add/token/list/revoke-tokens/remove maintain
// the file, and a served team server takes the result: 401 without a
// credential, 200 with the token.
func TestUsersCommand(t *testing.T) {
	users := filepath.Join(t.TempDir(), "users.json")
	steps := []struct {
		stdin string
		args  []string
		code  int
		want  string
	}{
		{"", []string{"users", "add", "ana", "--role", "boss", "--password-stdin"}, 2, "want one of reader, analyst, editor, admin"},
		{"short\n", []string{"users", "add", "ana", "--role", "analyst", "--password-stdin"}, 1, "at least 10 characters"},
		{"", []string{"users", "add", "Ana Smith", "--role", "analyst", "--no-password"}, 1, "user name"},
		{"", []string{"users", "add", "ana", "--role", "analyst"}, 1, "--password-stdin"},
		{"correct horse battery\n", []string{"users", "add", "ana", "--role", "analyst", "--password-stdin"}, 0, "added ana (analyst)"},
		{"", []string{"users", "add", "ci-bot", "--role", "reader", "--no-password"}, 0, "added ci-bot (reader)"},
		{"", []string{"users", "list"}, 0, "ci-bot\treader\ttokens only"},
		{"", []string{"users", "token", "nobody"}, 1, "no user"},
	}
	for _, s := range steps {
		code, out, errOut := runIn(t, s.stdin, append(s.args, "--file", users)...)
		if code != s.code || !strings.Contains(out+errOut, s.want) {
			t.Errorf("%s: exit %d, %s%s; want %d with %q", strings.Join(s.args, " "), code, out, errOut, s.code, s.want)
		}
	}
	code, token, errOut := run(t, "users", "token", "ci-bot", "--file", users)
	token = strings.TrimSpace(token)
	if code != 0 || !strings.HasPrefix(token, "bc_") {
		t.Fatalf("users token: exit %d, %q %s", code, token, errOut)
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan int, 1)
	go func() {
		var out, errOut bytes.Buffer
		m := &Main{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errOut}
		done <- m.Run(ctx, []string{"serve", "--data", "../../graph/dataset/testdata/valid", "--addr", addr, "--users", users})
	}()
	defer func() { cancel(); <-done }()
	get := func(auth string) int {
		req, err := http.NewRequest("GET", "http://"+addr+"/api/stats", nil)
		if err != nil {
			t.Fatal(err)
		}
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return 0
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	deadline := time.Now().Add(20 * time.Second)
	for get("") == 0 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	for _, tt := range []struct {
		auth string
		code int
	}{{"", 401}, {"Bearer " + token, 200}, {"Bearer bc_x_y", 401}} {
		if got := get(tt.auth); got != tt.code {
			t.Errorf("GET /api/stats with %q: got %d, want %d", tt.auth, got, tt.code)
		}
	}
	// Revoked while serving: refused at once.
	if code, _, errOut := run(t, "users", "revoke-tokens", "ci-bot", "--file", users); code != 0 {
		t.Fatalf("revoke-tokens: %d %s", code, errOut)
	}
	if got := get("Bearer " + token); got != 401 {
		t.Errorf("a revoked token: got %d, want 401", got)
	}
	if code, _, _ := run(t, "users", "remove", "ci-bot", "--file", users); code != 0 {
		t.Errorf("users remove: exit %d", code)
	}
	if code, out, _ := run(t, "users", "list", "--file", users); code != 0 || strings.Contains(out, "ci-bot") {
		t.Errorf("users list after remove: %d %q", code, out)
	}
}
