package auth

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestPassword(t *testing.T) {
	h, err := HashPassword("correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") || strings.Contains(h, "horse") {
		t.Errorf("hash %q: want argon2id in PHC format, without the password", h)
	}
	for _, tt := range []struct {
		password string
		want     bool
	}{{"correct horse battery", true}, {"correct horse batterY", false}, {"", false}} {
		if got, err := CheckPassword(h, tt.password); got != tt.want || err != nil {
			t.Errorf("CheckPassword(%q): got %t, %v; want %t", tt.password, got, err, tt.want)
		}
	}
	if _, err := HashPassword("short"); err == nil {
		t.Errorf("a 5-character password: want an error")
	}
	for _, bad := range []string{"", "plain", "$argon2id$v=19$m=0,t=1,p=1$AA$AA", "$bcrypt$..."} {
		if ok, err := CheckPassword(bad, "x"); ok || err == nil {
			t.Errorf("CheckPassword(hash %q): got %t, %v; want an error", bad, ok, err)
		}
	}
}

func TestUsersFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "users.json")
	us, err := ReadUsers(path)
	if err != nil || us.Len() != 0 {
		t.Fatalf("a missing file: got %v, %v; want no users", us, err)
	}
	if err := us.Set("ana", Analyst, "correct horse battery"); err != nil {
		t.Fatal(err)
	}
	tok, err := us.NewToken("ana")
	if err != nil {
		t.Fatal(err)
	}
	if err := us.Write(path); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("users file mode: %v, %v; want 0600", info.Mode(), err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), "horse") || strings.Contains(string(data), tok) {
		t.Errorf("the users file holds a password or a token in clear:\n%s", data)
	}
	f, err := OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := f.Users()
	if u, ok := got.SignIn("ana", "correct horse battery"); !ok || u.Role != Analyst {
		t.Errorf("sign in: got %+v, %t", u, ok)
	}
	if _, ok := got.SignIn("ana", "wrong"); ok {
		t.Errorf("sign in with a wrong password succeeded")
	}
	if _, ok := got.SignIn("nobody", "correct horse battery"); ok {
		t.Errorf("sign in as a user who does not exist succeeded")
	}
	if u, ok := got.ByToken(tok); !ok || u.Name != "ana" {
		t.Errorf("token: got %+v, %t", u, ok)
	}
	if _, ok := got.ByToken(tok + "x"); ok {
		t.Errorf("a changed token was accepted")
	}
	// A change to the file applies without a restart.
	us.RevokeTokens("ana")
	if err := us.Set("ria", Reader, ""); err != nil {
		t.Fatal(err)
	}
	time.Sleep(10 * time.Millisecond) // a distinct modification time
	if err := us.Write(path); err != nil {
		t.Fatal(err)
	}
	got, err = f.Users()
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := got.ByToken(tok); ok {
		t.Errorf("a revoked token still works")
	}
	if u, ok := got.Lookup("ria"); !ok || u.Role != Reader {
		t.Errorf("a user added while serving: got %+v, %t", u, ok)
	}
	if _, ok := got.SignIn("ria", ""); ok {
		t.Errorf("a token-only user signed in with an empty password")
	}
}

func TestRoles(t *testing.T) {
	if !Admin.Allows(Analyst) || Reader.Allows(Analyst) || !Analyst.Allows(Analyst) || Role("root").Allows(Reader) {
		t.Errorf("role order wrong")
	}
	if _, err := ParseRole("superuser"); err == nil || !strings.Contains(err.Error(), "reader, analyst, editor, admin") {
		t.Errorf("ParseRole(superuser): %v", err)
	}
	if err := CheckName("Ana Smith"); err == nil {
		t.Errorf("a name with a space and capitals: want an error")
	}
}
