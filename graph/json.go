package graph

import "encoding/json"

// MarshalJSON writes aliases as a list even when there are none: the
// native JSON shape promises "aliases": [] rather than null, so readers
// need no null checks.
//
// Beware when embedding Node in another struct: the method is promoted,
// and encoding/json then writes only the Node, dropping the outer
// struct's own fields. Give such a struct its own MarshalJSON (see
// graph/gen's writer) or name the field instead of embedding it.
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

// MarshalJSON always writes the kind, quote or paraphrase, so that no
// reader has to guess whether a text is verbatim.
func (ev Evidence) MarshalJSON() ([]byte, error) {
	type plain Evidence
	ev.Kind = ev.KindOf()
	return json.Marshal(plain(ev))
}
