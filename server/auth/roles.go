package auth

import (
	"fmt"
	"strings"
)

// Role is what a user may do; each role may do everything the ones
// before it may.
type Role string

// The roles, from least to most.
const (
	// Reader explores and exports the graph.
	Reader Role = "reader"
	// Analyst may also run the Cypher console.
	Analyst Role = "analyst"
	// Editor may also change the data (the authoring work to come).
	Editor Role = "editor"
	// Admin may also load datasets and manage users.
	Admin Role = "admin"
)

// Roles lists the roles from least to most.
var Roles = []Role{Reader, Analyst, Editor, Admin}

func (r Role) rank() int {
	for i, x := range Roles {
		if x == r {
			return i
		}
	}
	return -1
}

// Valid reports whether r is one of Roles.
func (r Role) Valid() bool { return r.rank() >= 0 }

// Allows reports whether r may do what need requires.
func (r Role) Allows(need Role) bool { return r.Valid() && r.rank() >= need.rank() }

// ParseRole reads a role name.
func ParseRole(s string) (Role, error) {
	r := Role(strings.ToLower(strings.TrimSpace(s)))
	if !r.Valid() {
		names := make([]string, len(Roles))
		for i, x := range Roles {
			names[i] = string(x)
		}
		return "", fmt.Errorf("role %q: want one of %s", s, strings.Join(names, ", "))
	}
	return r, nil
}
