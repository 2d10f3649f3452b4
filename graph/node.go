package graph

import "regexp"

// NodeType is the kind of thing a node stands for.
type NodeType string

// The node types.
const (
	// Person: a human being, named as the source names them.
	Person NodeType = "person"
	// Organization: a government, party, agency, consulate, company,
	// media outlet...; Node.Kind says which.
	Organization NodeType = "organization"
	// Office: a position someone holds ("Member of Parliament for Don
	// Valley North").
	Office NodeType = "office"
	// Event: a conversation, a trial, an election, a detention.
	Event NodeType = "event"
	// Document: a source. Either one whose text the dataset holds (the
	// article), which evidence can quote, or one that is only cited (the
	// February 2020 Privy Council Office memo).
	Document NodeType = "document"
)

// NodeTypes lists every node type.
var NodeTypes = []NodeType{Person, Organization, Office, Event, Document}

// Valid reports whether t is one of NodeTypes.
func (t NodeType) Valid() bool {
	for _, v := range NodeTypes {
		if v == t {
			return true
		}
	}
	return false
}

// Node is a person, organisation, office, event or document.
type Node struct {
	// ID is stable and readable: "<type>:<slug>", e.g. "person:han-dong".
	ID   string   `json:"id"`
	Type NodeType `json:"type"`
	// Name is the real name, even where the source garbles it.
	Name string `json:"name"`
	// Aliases are what the text calls the node ("Dong", "Consul General
	// Han"); search matches them as well as Name.
	Aliases     []string `json:"aliases"`
	Description string   `json:"description,omitempty"`
	// Kind refines Type: an organisation's kind (government, party,
	// agency, consulate, company, media, ...), an event's (conversation,
	// trial, election, detention), a document's (article, memo,
	// statement).
	Kind string `json:"kind,omitempty"`
	// Date is when an event happened or a document was published.
	Date Date `json:"date,omitempty"`
	// URL locates a document, where it has one.
	URL string `json:"url,omitempty"`
	// Props holds further properties, e.g. those an import brings along
	// (an FtM entity's country or birth date). Keys are sorted on output.
	Props map[string]string `json:"props,omitempty"`
}

// idPattern: lower-case type prefix, a colon, then a slug of letters,
// digits, dots, underscores and hyphens. Imports may bring upper case and
// digits (FtM ids are hex digests), so the slug allows them.
var idPattern = regexp.MustCompile(`^[a-z]+:[A-Za-z0-9][A-Za-z0-9._-]*$`)

// ValidID reports whether id has the form "<prefix>:<slug>".
func ValidID(id string) bool { return idPattern.MatchString(id) }
