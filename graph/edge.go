package graph

import "fmt"

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
	// Timeline is the status history derived from the evidence (see
	// Timeline and Edge.AsOf). Stores do not keep it: views fill it in.
	Timeline []StatusStep `json:"timeline,omitempty"`
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
		add("status", "status %q: want one of %s", e.Status, statusNames(Statuses))
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
		add("evidence", "relationship has no evidence: add at least one {document, quote or paraphrase, attributed_to, stance}")
	}
	for i, ev := range e.Evidence {
		for _, fe := range ev.Validate() {
			errs = append(errs, fieldErr(fmt.Sprintf("evidence[%d].%s", i, fe.Field), fe.Err))
		}
	}
	if len(e.Evidence) > 0 && e.Status.Valid() {
		switch want := StatusOf(e); {
		case want == Unreported:
			add("evidence", "no evidence supports the relationship: add an entry with stance supports")
		case want != e.Status:
			add("status", "status %s, but the evidence makes it %s (%s): use status %s, or check the stances", e.Status, want, ruleFor(want), want)
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
