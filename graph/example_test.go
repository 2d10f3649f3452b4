package graph_test

import (
	"fmt"

	"github.com/backchannel/backchannel/graph"
)

// A relationship's status follows from its evidence: sources alone make
// it alleged, and it is disputed only once a named party denies it.
func ExampleEdge_Validate() {
	e := graph.Edge{
		ID: "advice", Source: "person:han-dong", Target: "person:han-tao",
		Type: "ADVISED", Status: graph.Disputed, Date: "2021-02",
		Evidence: []graph.Evidence{
			{Document: "doc:article", Quote: "Beijing ought to maintain off liberating Michael Kovrig", AttributedTo: "two national security sources", Stance: graph.Supports},
		},
	}
	for _, err := range e.Validate() {
		fmt.Println(err)
	}
	// Output:
	// status: invalid: status disputed, but the evidence makes it alleged (the best grade among its supporting entries): use status alleged, or check the stances
}

// "As of February 2021" keeps whatever can have begun by the end of that
// month.
func ExampleWindow_Contains() {
	asOf := graph.Window{Before: "2021-02"}
	fmt.Println(asOf.Contains("2021-02", ""), asOf.Contains("2021-03", ""), asOf.Contains("", ""))
	// Output: true false true
}

func ExampleMatchName() {
	for _, q := range []string{"michael kovrig", "kovrig", "kovrik"} {
		m, _, _ := graph.MatchName(q, "Michael Kovrig")
		fmt.Println(q, m)
	}
	// Output:
	// michael kovrig exact
	// kovrig prefix
	// kovrik fuzzy
}
