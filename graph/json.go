package graph

import "encoding/json"

// MarshalJSON writes aliases as a list even when there are none: the
// native JSON shape promises "aliases": [] rather than null, so readers
// need no null checks.
func (n Node) MarshalJSON() ([]byte, error) {
	type plain Node // no methods, so no recursion
	if n.Aliases == nil {
		n.Aliases = []string{}
	}
	return json.Marshal(plain(n))
}

// MarshalJSON writes evidence as a list even when there is none.
func (e Edge) MarshalJSON() ([]byte, error) {
	type plain Edge
	if e.Evidence == nil {
		e.Evidence = []Evidence{}
	}
	return json.Marshal(plain(e))
}
