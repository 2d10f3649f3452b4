package auth

import (
	"crypto/rand"
	"encoding/base64"
	"sync"
	"time"
)

// SessionTTL is how long a browser stays signed in.
const SessionTTL = 12 * time.Hour

// Sessions are the browser sign-ins of a running server, in memory: a
// restart signs everyone out.
type Sessions struct {
	mu   sync.Mutex
	byID map[string]session
}

type session struct {
	user    string
	expires time.Time
}

// NewSessions returns an empty session table.
func NewSessions() *Sessions { return &Sessions{byID: map[string]session{}} }

// Start signs user in and returns the session id for the cookie.
func (s *Sessions) Start(user string) (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	id := base64.RawURLEncoding.EncodeToString(b)
	s.mu.Lock()
	defer s.mu.Unlock()
	now := time.Now()
	for k, v := range s.byID { // expired sign-ins go as new ones come
		if now.After(v.expires) {
			delete(s.byID, k)
		}
	}
	s.byID[id] = session{user: user, expires: now.Add(SessionTTL)}
	return id, nil
}

// User returns the user of a live session.
func (s *Sessions) User(id string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.byID[id]
	if !ok || time.Now().After(v.expires) {
		return "", false
	}
	return v.user, true
}

// End signs a session out.
func (s *Sessions) End(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.byID, id)
}
