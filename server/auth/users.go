package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"
)

// User is one person or API client of the team server.
type User struct {
	Name string `json:"name"`
	Role Role   `json:"role"`
	// PasswordHash is argon2id (HashPassword); empty for a user that signs
	// in with tokens only.
	PasswordHash string  `json:"password_hash,omitempty"`
	Tokens       []Token `json:"tokens,omitempty"`
}

// Token is a bearer token, stored as the SHA-256 of its secret (tokens
// are 256 random bits, so a fast hash is enough; the secret is shown
// once, when it is made).
type Token struct {
	ID      string    `json:"id"`
	Hash    string    `json:"sha256"`
	Created time.Time `json:"created"`
}

// usersFile is the file's shape.
type usersFile struct {
	Comment string `json:"_comment,omitempty"`
	Users   []User `json:"users"`
}

const fileComment = "backchannel users: maintained by `backchannel users`; passwords are argon2id hashes, tokens SHA-256 of their secret. Keep this file private (mode 0600)."

var nameRE = regexp.MustCompile(`^[a-z0-9][a-z0-9._@-]{0,63}$`)

// CheckName validates a user name: lower-case letters, digits and . _ @ -.
func CheckName(name string) error {
	if !nameRE.MatchString(name) {
		return fmt.Errorf("user name %q: want 1 to 64 of a-z 0-9 . _ @ -, starting with a letter or digit", name)
	}
	return nil
}

// Users is the users file's content.
type Users struct {
	list []User
}

// ReadUsers reads a users file; a file that does not exist is no users.
func ReadUsers(path string) (*Users, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return &Users{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("users file %s: %w", path, err)
	}
	var f usersFile
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("users file %s: %w", path, err)
	}
	for _, u := range f.Users {
		if err := CheckName(u.Name); err != nil {
			return nil, fmt.Errorf("users file %s: %w", path, err)
		}
		if !u.Role.Valid() {
			return nil, fmt.Errorf("users file %s: user %s: unknown role %q", path, u.Name, u.Role)
		}
	}
	return &Users{list: f.Users}, nil
}

// Write saves the users to path atomically, readable by its owner only.
func (us *Users) Write(path string) error {
	data, err := json.MarshalIndent(usersFile{Comment: fileComment, Users: us.list}, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".users-*.json")
	if err != nil {
		return fmt.Errorf("users file %s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // gone after the rename; cleans up on failure
	if err := tmp.Chmod(0o600); err != nil {
		return errors.Join(err, tmp.Close())
	}
	if _, err := tmp.Write(append(data, '\n')); err != nil {
		return errors.Join(err, tmp.Close())
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("users file %s: %w", path, err)
	}
	return nil
}

// List returns the users, by name.
func (us *Users) List() []User {
	out := slices.Clone(us.list)
	slices.SortFunc(out, func(a, b User) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// Len is the number of users.
func (us *Users) Len() int { return len(us.list) }

func (us *Users) find(name string) *User {
	for i := range us.list {
		if us.list[i].Name == name {
			return &us.list[i]
		}
	}
	return nil
}

// Lookup returns the user called name.
func (us *Users) Lookup(name string) (User, bool) {
	if u := us.find(name); u != nil {
		return *u, true
	}
	return User{}, false
}

// Set adds the user, or changes an existing one's role and, when password
// is not empty, password.
func (us *Users) Set(name string, role Role, password string) error {
	if err := CheckName(name); err != nil {
		return err
	}
	if !role.Valid() {
		_, err := ParseRole(string(role))
		return err
	}
	var hash string
	if password != "" {
		h, err := HashPassword(password)
		if err != nil {
			return err
		}
		hash = h
	}
	u := us.find(name)
	if u == nil {
		us.list = append(us.list, User{Name: name})
		u = &us.list[len(us.list)-1]
	}
	u.Role = role
	if hash != "" {
		u.PasswordHash = hash
	}
	return nil
}

// Remove deletes a user; false if there was none.
func (us *Users) Remove(name string) bool {
	n := len(us.list)
	us.list = slices.DeleteFunc(us.list, func(u User) bool { return u.Name == name })
	return len(us.list) < n
}

// NewToken makes a bearer token for the user and returns its secret,
// which is not stored.
func (us *Users) NewToken(name string) (string, error) {
	u := us.find(name)
	if u == nil {
		return "", fmt.Errorf("no user %q: add one with backchannel users add %s --role ROLE", name, name)
	}
	id := make([]byte, 6)
	secret := make([]byte, 32)
	if _, err := rand.Read(id); err != nil {
		return "", err
	}
	if _, err := rand.Read(secret); err != nil {
		return "", err
	}
	t := Token{ID: hex.EncodeToString(id), Created: time.Now().UTC().Truncate(time.Second)}
	full := "bc_" + t.ID + "_" + base64.RawURLEncoding.EncodeToString(secret)
	sum := sha256.Sum256([]byte(full))
	t.Hash = hex.EncodeToString(sum[:])
	u.Tokens = append(u.Tokens, t)
	return full, nil
}

// RevokeTokens removes every token of the user; it returns how many.
func (us *Users) RevokeTokens(name string) int {
	u := us.find(name)
	if u == nil {
		return 0
	}
	n := len(u.Tokens)
	u.Tokens = nil
	return n
}

// SignIn returns the user if name and password match.
func (us *Users) SignIn(name, password string) (User, bool) {
	u := us.find(name)
	if u == nil || u.PasswordHash == "" {
		// The same work as a real check, so that timing does not tell
		// which names exist.
		if _, err := CheckPassword(dummyHash, password); err != nil {
			return User{}, false
		}
		return User{}, false
	}
	ok, err := CheckPassword(u.PasswordHash, password)
	if err != nil || !ok {
		return User{}, false
	}
	return *u, true
}

var dummyHash = func() string {
	h, err := HashPassword("not a password of anyone")
	if err != nil {
		panic(err)
	}
	return h
}()

// ByToken returns the user a bearer token belongs to.
func (us *Users) ByToken(token string) (User, bool) {
	rest, ok := strings.CutPrefix(token, "bc_")
	if !ok {
		return User{}, false
	}
	id, _, ok := strings.Cut(rest, "_")
	if !ok {
		return User{}, false
	}
	sum := sha256.Sum256([]byte(token))
	got := hex.EncodeToString(sum[:])
	for _, u := range us.list {
		for _, t := range u.Tokens {
			if t.ID == id && subtle.ConstantTimeCompare([]byte(t.Hash), []byte(got)) == 1 {
				return u, true
			}
		}
	}
	return User{}, false
}

// File is a users file that a running server reads, and reads again when
// it changes (a user added or removed applies at once).
type File struct {
	path string

	mu      sync.Mutex
	users   *Users
	modTime time.Time
	size    int64
}

// OpenFile reads the users file at path; it must exist and hold a user.
func OpenFile(path string) (*File, error) {
	f := &File{path: path}
	us, err := f.Users()
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("users file %s does not exist: create it with backchannel users add NAME --role admin --file %s", path, path)
	}
	if err != nil {
		return nil, err
	}
	if us.Len() == 0 {
		return nil, fmt.Errorf("users file %s has no users: add one with backchannel users add NAME --role admin --file %s", path, path)
	}
	return f, nil
}

// Path is the file's path.
func (f *File) Path() string { return f.path }

// Users returns the current users, reading the file again if it changed.
func (f *File) Users() (*Users, error) {
	info, err := os.Stat(f.path)
	if err != nil {
		return nil, fmt.Errorf("users file: %w", err)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.users != nil && info.ModTime().Equal(f.modTime) && info.Size() == f.size {
		return f.users, nil
	}
	us, err := ReadUsers(f.path)
	if err != nil {
		return nil, err
	}
	f.users, f.modTime, f.size = us, info.ModTime(), info.Size()
	return us, nil
}
