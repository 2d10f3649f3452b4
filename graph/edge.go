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

// Validate checks the edge on its own: its type, status, dates and that
// its evidence agrees with its status. References to nodes and documents
// are checked by whoever holds the whole dataset.
func (e *Edge) Validate() []error {
	var errs []error
	if e.ID == "" {
		errs = append(errs, fmt.Errorf("%w: edge %s -> %s has no id", ErrInvalid, e.Source, e.Target))
	}
	if _, ok := LookupEdgeType(e.Type); !ok {
		errs = append(errs, fmt.Errorf("%w: relationship type %q: want one of %s", ErrInvalid, e.Type, EdgeTypeNames()))
	}
	if !e.Status.Valid() {
		errs = append(errs, fmt.Errorf("%w: status %q: want one of confirmed, reported, alleged, disputed", ErrInvalid, e.Status))
	}
	for _, d := range []Date{e.Date, e.EndDate} {
		if _, err := ParseDate(string(d)); err != nil {
			errs = append(errs, err)
		}
	}
	if !e.EndDate.IsZero() && !e.Date.IsZero() && e.EndDate.End().Before(e.Date.Start()) {
		errs = append(errs, fmt.Errorf("%w: end_date %s is before date %s", ErrInvalid, e.EndDate, e.Date))
	}
	if len(e.Evidence) == 0 {
		errs = append(errs, fmt.Errorf("%w: relationship %q has no evidence: add at least one {document, quote, attributed_to, stance}", ErrInvalid, e.ID))
	}
	var supports, denies int
	for i, ev := range e.Evidence {
		switch ev.Stance {
		case Supports:
			supports++
		case Denies:
			denies++
		default:
			errs = append(errs, fmt.Errorf("%w: evidence %d: stance %q: want supports or denies", ErrInvalid, i+1, ev.Stance))
		}
		if ev.Quote == "" {
			errs = append(errs, fmt.Errorf("%w: evidence %d has no quote", ErrInvalid, i+1))
		}
		if ev.AttributedTo == "" {
			errs = append(errs, fmt.Errorf("%w: evidence %d: attributed_to is empty: say who asserts it", ErrInvalid, i+1))
		}
		if ev.Document == "" {
			errs = append(errs, fmt.Errorf("%w: evidence %d names no document", ErrInvalid, i+1))
		}
	}
	if len(e.Evidence) > 0 {
		switch {
		case e.Status == Disputed && (supports == 0 || denies == 0):
			errs = append(errs, fmt.Errorf("%w: status disputed needs evidence that supports and evidence that denies (has %d supporting, %d denying)", ErrInvalid, supports, denies))
		case e.Status != Disputed && e.Status.Valid() && denies > 0:
			errs = append(errs, fmt.Errorf("%w: status %s but %d evidence entries deny it: use status disputed", ErrInvalid, e.Status, denies))
		case supports == 0 && e.Status != Disputed:
			errs = append(errs, fmt.Errorf("%w: no evidence supports the relationship", ErrInvalid))
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
