package graph

import (
	"strings"
	"testing"
)

func TestEdgeValidate(t *testing.T) {
	sup := Evidence{Document: "doc:a", Quote: "q", AttributedTo: "two sources", Stance: Supports}
	den := Evidence{Document: "doc:a", Quote: "q", AttributedTo: "Han Dong", Stance: Denies}
	ref := Evidence{Document: "doc:b", Paraphrase: "p", AttributedTo: "special rapporteur", Stance: Refutes}
	ret := Evidence{Document: "doc:c", Paraphrase: "p", AttributedTo: "the publisher", Stance: Retracts}
	par := Evidence{Document: "doc:b", Kind: Paraphrase, Paraphrase: "p", AttributedTo: "an outlet", Stance: Supports}
	base := func() Edge {
		return Edge{ID: "e", Source: "person:a", Target: "person:b", Type: "CONTACTED", Status: Alleged, Evidence: []Evidence{sup}}
	}
	tests := []struct {
		name   string
		mutate func(*Edge)
		field  string // "" for valid
		msg    string
	}{
		{"valid", func(e *Edge) {}, "", ""},
		{"disputed with both", func(e *Edge) { e.Status, e.Evidence = Disputed, []Evidence{sup, den} }, "", ""},
		{"disputed without denial", func(e *Edge) { e.Status = Disputed }, "status", "the evidence makes it alleged"},
		{"refuted", func(e *Edge) { e.Status, e.Evidence = Refuted, []Evidence{sup, den, ref} }, "", ""},
		{"refutation on disputed", func(e *Edge) { e.Status, e.Evidence = Disputed, []Evidence{sup, den, ref} }, "status", "use status refuted"},
		{"retraction wins", func(e *Edge) { e.Status, e.Evidence = Refuted, []Evidence{sup, ref, ret} }, "status", "use status retracted"},
		{"only a denial", func(e *Edge) { e.Status, e.Evidence = Disputed, []Evidence{den} }, "evidence", "no evidence supports"},
		{"paraphrase", func(e *Edge) { e.Evidence = []Evidence{par} }, "", ""},
		{"quote and paraphrase", func(e *Edge) { e.Evidence[0].Paraphrase = "p" }, "evidence[0].paraphrase", "both a quote and a paraphrase"},
		{"kind disagrees", func(e *Edge) { e.Evidence[0].Kind = Paraphrase }, "evidence[0].kind", "use kind quote"},
		{"grade on a denial", func(e *Edge) { e.Status, e.Evidence = Disputed, []Evidence{sup, den}; e.Evidence[1].Grade = Confirmed }, "evidence[1].grade", "only for supporting"},
		{"bad grade", func(e *Edge) { e.Evidence[0].Grade = Disputed }, "evidence[0].grade", `grade "disputed"`},
		{"grade decides", func(e *Edge) { e.Evidence[0].Grade = Confirmed }, "status", "use status confirmed"},
		{"bad evidence date", func(e *Edge) { e.Evidence[0].Date = "May 2023" }, "evidence[0].date", `date "May 2023"`},
		{"denial on alleged", func(e *Edge) { e.Evidence = []Evidence{sup, den} }, "status", "use status disputed"},
		{"no evidence", func(e *Edge) { e.Evidence = nil }, "evidence", "no evidence"},
		{"bad type", func(e *Edge) { e.Type = "KNOWS" }, "type", `relationship type "KNOWS"`},
		{"bad status", func(e *Edge) { e.Status = "rumoured" }, "status", `status "rumoured"`},
		{"bad date", func(e *Edge) { e.Date = "2021-2" }, "date", `date "2021-2"`},
		{"end before start", func(e *Edge) { e.Date, e.EndDate = "2021", "2019" }, "end_date", "before date"},
		{"bad stance", func(e *Edge) { e.Evidence[0].Stance = "maybe" }, "evidence[0].stance", `stance "maybe"`},
		{"no quote", func(e *Edge) { e.Evidence[0].Quote = "" }, "evidence[0].quote", "no quote"},
		{"no paraphrase", func(e *Edge) { e.Evidence[0].Quote, e.Evidence[0].Kind = "", Paraphrase }, "evidence[0].paraphrase", "no paraphrase"},
		{"anonymous", func(e *Edge) { e.Evidence[0].AttributedTo = "" }, "evidence[0].attributed_to", "say who asserts it"},
	}
	for _, tt := range tests {
		e := base()
		e.Evidence = append([]Evidence(nil), e.Evidence...)
		tt.mutate(&e)
		errs := e.Validate()
		if tt.field == "" {
			if len(errs) > 0 {
				t.Errorf("%s: got %v, want no errors", tt.name, errs)
			}
			continue
		}
		found := false
		for _, fe := range errs {
			found = found || (fe.Field == tt.field && strings.Contains(fe.Error(), tt.msg))
		}
		if !found {
			t.Errorf("%s: got %v, want an error on %s containing %q", tt.name, errs, tt.field, tt.msg)
		}
	}
}

func TestVocabularyAllows(t *testing.T) {
	tests := []struct {
		typ      string
		src, dst NodeType
		want     bool
	}{
		{"HOLDS_OFFICE", Person, Office, true},
		{"HOLDS_OFFICE", Organization, Office, false},
		{"MENTIONED_IN", Person, Document, true},
		{"MENTIONED_IN", Person, Person, false},
		{"PART_OF", Event, Event, true},
	}
	for _, tt := range tests {
		et, ok := LookupEdgeType(tt.typ)
		if !ok {
			t.Fatalf("LookupEdgeType(%q): not found", tt.typ)
		}
		if got := et.Allows(tt.src, tt.dst); got != tt.want {
			t.Errorf("%s.Allows(%s, %s) = %v, want %v", tt.typ, tt.src, tt.dst, got, tt.want)
		}
	}
}
