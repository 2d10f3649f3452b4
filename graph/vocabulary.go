package graph

import (
	"sort"
	"strings"
)

// EdgeType describes one relationship type of the vocabulary. The
// vocabulary is small on purpose: a reviewer should be able to hold it in
// their head, and two people coding the same sentence should pick the same
// type.
type EdgeType struct {
	Name string `json:"name"`
	// Meaning reads as "source <Meaning> target".
	Meaning string `json:"meaning"`
	// Sources and Targets restrict the endpoint node types; empty means
	// any.
	Sources []NodeType `json:"sources,omitempty"`
	Targets []NodeType `json:"targets,omitempty"`
	// SelfLoops says that an edge of this type may link a node to itself
	// (a company holding its own shares); for every other type a
	// source equal to the target is a mistake in the data.
	SelfLoops bool `json:"self_loops,omitempty"`
}

var (
	people = []NodeType{Person}
	actors = []NodeType{Person, Organization}
)

// EdgeTypes is the relationship vocabulary, documented in seeds/README.md.
var EdgeTypes = []EdgeType{
	{Name: "HOLDS_OFFICE", Meaning: "holds or held the office", Sources: people, Targets: []NodeType{Office}},
	{Name: "MEMBER_OF", Meaning: "is a member of", Sources: actors, Targets: []NodeType{Organization}},
	{Name: "PART_OF", Meaning: "is a part of (an office of a body, a unit of an organisation, an event of a larger one)"},
	{Name: "CONTACTED", Meaning: "spoke or corresponded with (a conversation, a call, a message)", Sources: actors, Targets: actors},
	{Name: "ADVISED", Meaning: "advised or suggested a course of action to", Sources: actors, Targets: actors},
	{Name: "INVESTIGATED", Meaning: "investigated, probed or questioned the conduct of", Sources: actors},
	{Name: "DETAINED", Meaning: "detained, jailed or held in custody", Sources: actors, Targets: people},
	{Name: "ACCUSED", Meaning: "accused of wrongdoing", Sources: actors},
	{Name: "PROSECUTED", Meaning: "put on trial or charged", Sources: actors, Targets: actors},
	{Name: "DEFENDED", Meaning: "publicly defended", Sources: actors},
	{Name: "SPOKESPERSON_FOR", Meaning: "speaks for", Sources: people, Targets: []NodeType{Organization}},
	{Name: "SUPPORTED", Meaning: "supported, favoured or aided", Sources: actors},
	{Name: "TARGETED", Meaning: "targeted, attacked or sought to influence", Sources: actors},
	{Name: "DIRECTED", Meaning: "directed, controlled or guided", Sources: actors},
	{Name: "PRESSED", Meaning: "pressed or urged to act", Sources: actors, Targets: actors},
	{Name: "BRIEFED", Meaning: "briefed or informed", Sources: actors},
	{Name: "PARTICIPATED_IN", Meaning: "took part in, or was the subject of, the event", Targets: []NodeType{Event}},
	{Name: "PUBLISHED", Meaning: "published or wrote the document", Targets: []NodeType{Document}},
	{Name: "MENTIONED_IN", Meaning: "is named or described in the document", Targets: []NodeType{Document}},
	{Name: "CITES", Meaning: "cites or relies on the document", Sources: []NodeType{Document}, Targets: []NodeType{Document}},
	// Types that imports bring (FollowTheMoney and spreadsheets).
	{Name: "OWNS", Meaning: "owns (a share of)", SelfLoops: true},
	{Name: "DIRECTOR_OF", Meaning: "is a director of", Targets: []NodeType{Organization}},
	{Name: "EMPLOYED_BY", Meaning: "is employed by", Targets: []NodeType{Organization}},
	{Name: "REPRESENTS", Meaning: "represents (as agent or lawyer)"},
	{Name: "FAMILY_OF", Meaning: "is a relative of", Sources: people, Targets: people},
	{Name: "ASSOCIATE_OF", Meaning: "is an associate of", Sources: people, Targets: people},
	{Name: "PAID", Meaning: "paid or donated to"},
	{Name: "RELATED_TO", Meaning: "has an unspecified link to"},
}

// LookupEdgeType returns the vocabulary entry for name.
func LookupEdgeType(name string) (EdgeType, bool) {
	for _, t := range EdgeTypes {
		if t.Name == name {
			return t, true
		}
	}
	return EdgeType{}, false
}

// EdgeTypeNames lists the vocabulary, sorted, comma separated.
func EdgeTypeNames() string {
	names := make([]string, len(EdgeTypes))
	for i, t := range EdgeTypes {
		names[i] = t.Name
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// Allows reports whether the type accepts the endpoint node types.
func (t EdgeType) Allows(source, target NodeType) bool {
	return allows(t.Sources, source) && allows(t.Targets, target)
}

func allows(set []NodeType, v NodeType) bool {
	if len(set) == 0 {
		return true
	}
	for _, s := range set {
		if s == v {
			return true
		}
	}
	return false
}

// Ends describes the node types the type links, "person -> office".
func (t EdgeType) Ends() string {
	side := func(ts []NodeType) string {
		if len(ts) == 0 {
			return "any"
		}
		s := make([]string, len(ts))
		for i, v := range ts {
			s[i] = string(v)
		}
		return strings.Join(s, " or ")
	}
	return side(t.Sources) + " -> " + side(t.Targets)
}

// SelfLoopTypes lists the edge types that may link a node to itself.
func SelfLoopTypes() []string {
	var out []string
	for _, t := range EdgeTypes {
		if t.SelfLoops {
			out = append(out, t.Name)
		}
	}
	return out
}
