package graph

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

// Other returns the endpoint of e that is not id.
func (e *Edge) Other(id string) string {
	if e.Source == id {
		return e.Target
	}
	return e.Source
}
