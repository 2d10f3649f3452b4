// Package auth holds the team server's users, roles and credentials: the
// users file (`backchannel users` maintains it), password hashes
// (argon2id, from golang.org/x/crypto), bearer tokens for API clients and
// the browser's sign-in sessions. The server package enforces them.
package auth
