package graph

import "fmt"

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

// Validate checks the edge on its own: its type, status, dates and that
// its evidence agrees with its status. References to nodes and documents
// are checked by whoever holds the whole dataset.
func (e *Edge) Validate() []FieldError {
	var errs []FieldError
	add := func(field string, format string, a ...any) {
		errs = append(errs, fieldErr(field, fmt.Errorf("%w: "+format, append([]any{ErrInvalid}, a...)...)))
	}
	if e.ID == "" {
		add("id", "edge %s -> %s has no id", e.Source, e.Target)
	}
	if _, ok := LookupEdgeType(e.Type); !ok {
		add("type", "relationship type %q: want one of %s", e.Type, EdgeTypeNames())
	}
	if !e.Status.Valid() {
		add("status", "status %q: want one of confirmed, reported, alleged, disputed", e.Status)
	}
	if _, err := ParseDate(string(e.Date)); err != nil {
		errs = append(errs, fieldErr("date", err))
	}
	if _, err := ParseDate(string(e.EndDate)); err != nil {
		errs = append(errs, fieldErr("end_date", err))
	}
	if !e.EndDate.IsZero() && !e.Date.IsZero() && e.EndDate.End().Before(e.Date.Start()) {
		add("end_date", "end_date %s is before date %s", e.EndDate, e.Date)
	}
	if len(e.Evidence) == 0 {
		add("evidence", "relationship has no evidence: add at least one {document, quote, attributed_to, stance}")
	}
	var supports, denies int
	for i, ev := range e.Evidence {
		f := fmt.Sprintf("evidence[%d].", i)
		switch ev.Stance {
		case Supports:
			supports++
		case Denies:
			denies++
		default:
			add(f+"stance", "stance %q: want supports or denies", ev.Stance)
		}
		if ev.Quote == "" {
			add(f+"quote", "evidence has no quote: copy the passage verbatim from the document")
		}
		if ev.AttributedTo == "" {
			add(f+"attributed_to", "attributed_to is empty: say who asserts it")
		}
		if ev.Document == "" {
			add(f+"document", "evidence names no document")
		}
	}
	if len(e.Evidence) > 0 {
		switch {
		case e.Status == Disputed && (supports == 0 || denies == 0):
			add("status", "status disputed needs evidence that supports and evidence that denies (has %d supporting, %d denying)", supports, denies)
		case e.Status != Disputed && e.Status.Valid() && denies > 0:
			add("status", "status %s but %d evidence entries deny it: use status disputed", e.Status, denies)
		case supports == 0 && e.Status != Disputed:
			add("evidence", "no evidence supports the relationship")
		}
	}
	return errs
}

// Other returns the endpoint of e that is not id.
func (e *Edge) Other(id string) string {
	if e.Source == id {
		return e.Target
	}
	return e.Source
}
