package graph

// Evidence is one source's word on a relationship.
type Evidence struct {
	// Document is the id of the document node the quote comes from.
	Document string `json:"document"`
	// Quote is a verbatim passage of the document (whitespace and
	// typographic quotes normalised), odd wording and all.
	Quote string `json:"quote"`
	// AttributedTo says who asserts it: "two national security sources",
	// "Han Dong, emailed statement to Global News".
	AttributedTo string `json:"attributed_to"`
	// Stance is supports or denies.
	Stance Stance `json:"stance"`
}

// Edge is a directed, typed relationship with its evidence.
type Edge struct {
	ID     string `json:"id"`
	Source string `json:"source"`
	Target string `json:"target"`
	// Type comes from the vocabulary (see EdgeTypes).
	Type   string `json:"type"`
	Status Status `json:"status"`
	// Date is when the relationship began or happened; EndDate, where
	// known, when it ended. A relationship with Date and no EndDate is a
	// point in time.
	Date        Date       `json:"date,omitempty"`
	EndDate     Date       `json:"end_date,omitempty"`
	Description string     `json:"description,omitempty"`
	Evidence    []Evidence `json:"evidence"`
	// Props holds further properties, e.g. an imported payment's amount.
	Props map[string]string `json:"props,omitempty"`
}

// DefaultEdgeID is the id an edge gets when its file gives none:
// "source>TYPE>target". Two edges with the same source, type and target
// need explicit ids.
func DefaultEdgeID(source, typ, target string) string {
	return source + ">" + typ + ">" + target
}

// Other returns the endpoint of e that is not id.
func (e *Edge) Other(id string) string {
	if e.Source == id {
		return e.Target
	}
	return e.Source
}
