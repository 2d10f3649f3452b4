package graph

import (
	"reflect"
	"testing"
)

// advice is the seed's advice claim in miniature: alleged by sources and
// denied by Dong in March 2023, found false by the special rapporteur in
// May 2023, defended by its publisher some time in 2023.
func advice() Edge {
	return Edge{ID: "advice", Source: "person:han-dong", Target: "person:han-tao", Type: "ADVISED", Status: Refuted, Date: "2021-02",
		Evidence: []Evidence{
			{Document: "doc:article", Quote: "q", Date: "2023-03-22", AttributedTo: "two national security sources", Stance: Supports},
			{Document: "doc:article", Quote: "q", Date: "2023-03-21", AttributedTo: "Han Dong", Stance: Denies},
			{Document: "doc:rapporteur", Paraphrase: "p", Date: "2023-05-23", AttributedTo: "special rapporteur", Stance: Refutes},
			{Document: "doc:defence", Paraphrase: "p", Date: "2023", AttributedTo: "the publisher, statement of defence", Stance: Supports},
		}}
}

func TestStatusAt(t *testing.T) {
	e := advice()
	conv := Edge{Status: Confirmed, Evidence: []Evidence{
		{Stance: Supports, Date: "2023-03-21", Grade: Confirmed},
		{Stance: Supports, Date: "2023-03-22", Grade: Alleged},
	}}
	nomination := Edge{Status: Confirmed, Evidence: []Evidence{
		{Stance: Supports, Date: "2023-03-22", Grade: Alleged},
		{Stance: Supports, Date: "2024", Grade: Confirmed},
	}}
	retracted := advice()
	retracted.Evidence = append(retracted.Evidence, Evidence{Stance: Retracts, Date: "2025-06-15"})
	undated := Edge{Status: Alleged, Evidence: []Evidence{{Stance: Supports}}}
	tests := []struct {
		name string
		e    *Edge
		at   Date
		want Status
	}{
		{"before anything", &e, "2023-02", Unreported},
		{"the denial alone puts nothing on record", &e, "2023-03-21", Unreported},
		{"alleged and denied", &e, "2023-03-22", Disputed},
		{"as of the month", &e, "2023-04", Disputed},
		{"the day before the finding", &e, "2023-05-22", Disputed},
		{"the finding", &e, "2023-05-23", Refuted},
		{"as of June", &e, "2023-06", Refuted},
		{"today", &e, "", Refuted},
		{"a retraction wins", &retracted, "2025-07", Retracted},
		{"before the retraction", &retracted, "2025-06-14", Refuted},
		{"best grade", &conv, "2023-04", Confirmed},
		{"a year date counts once the year is over", &nomination, "2024-06", Alleged},
		{"after the year", &nomination, "2025", Confirmed},
		{"as of the year itself", &nomination, "2024", Confirmed},
		{"undated evidence counts always", &undated, "1990", Alleged},
	}
	for _, tt := range tests {
		if got := StatusAt(tt.e, tt.at); got != tt.want {
			t.Errorf("%s: StatusAt(%s) = %s, want %s", tt.name, tt.at, got, tt.want)
		}
	}
	if got := StatusOf(&e); got != Refuted {
		t.Errorf("StatusOf(advice) = %s, want refuted", got)
	}
}

func TestTimeline(t *testing.T) {
	e := advice()
	want := []StatusStep{
		{Date: "2023-03-22", Status: Disputed, Evidence: []int{0}},
		{Date: "2023-05-23", Status: Refuted, Evidence: []int{2}},
	}
	if got := Timeline(&e); !reflect.DeepEqual(got, want) {
		t.Errorf("Timeline(advice):\n got %+v\nwant %+v", got, want)
	}
	asOf := e.AsOf("2023-04")
	if asOf.Status != Disputed || len(asOf.Timeline) != 1 {
		t.Errorf("AsOf(2023-04): status %s, timeline %+v; want disputed and one step", asOf.Status, asOf.Timeline)
	}
	if e.Status != Refuted {
		t.Errorf("AsOf changed the edge it was called on")
	}
	if today := e.AsOf(""); today.Status != Refuted || len(today.Timeline) != 2 {
		t.Errorf("AsOf(today): status %s, timeline %+v; want refuted and two steps", today.Status, today.Timeline)
	}
	undated := Edge{Status: Reported, Evidence: []Evidence{{Stance: Supports}}}
	if got := Timeline(&undated); !reflect.DeepEqual(got, []StatusStep{{Status: Reported, Evidence: []int{0}}}) {
		t.Errorf("Timeline(undated) = %+v, want one undated reported step", got)
	}
}

func TestFilterAsOf(t *testing.T) {
	e := advice()
	tests := []struct {
		name string
		f    Filter
		want bool
	}{
		{"no filter", Filter{}, true},
		{"standing today", Filter{Standing: true}, false},
		{"standing as of April 2023", Filter{Standing: true, Window: Window{Before: "2023-04"}}, true},
		{"disputed as of April 2023", Filter{Statuses: []Status{Disputed}, Window: Window{Before: "2023-04"}}, true},
		{"disputed as of June 2023", Filter{Statuses: []Status{Disputed}, Window: Window{Before: "2023-06"}}, false},
		{"refuted as of June 2023", Filter{Statuses: []Status{Refuted}, Window: Window{Before: "2023-06"}}, true},
		{"unreported in 2022", Filter{Statuses: []Status{Unreported}, Window: Window{Before: "2022"}}, true},
		{"before it happened", Filter{Window: Window{Before: "2020"}}, false},
	}
	for _, tt := range tests {
		if got := tt.f.Keep(&e); got != tt.want {
			t.Errorf("%s: Keep = %v, want %v", tt.name, got, tt.want)
		}
	}
	if v := (Filter{Window: Window{Before: "2023-04"}}).View(e); v.Status != Disputed {
		t.Errorf("View as of 2023-04: status %s, want disputed", v.Status)
	}
	if _, err := ParseFilter("", "unreported,refuted", "", "2023"); err != nil {
		t.Errorf("ParseFilter(unreported,refuted): %v", err)
	}
	if _, err := ParseStatus("unreported"); err == nil {
		t.Errorf("ParseStatus(unreported): a dataset may not give it")
	}
	for in, want := range map[string]Claims{"": StandingClaims, "all": AllClaims, "standing": StandingClaims} {
		if got, err := ParseClaims(in, StandingClaims); err != nil || got != want {
			t.Errorf("ParseClaims(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ParseClaims("some", AllClaims); err == nil {
		t.Errorf("ParseClaims(some): want an error")
	}
}
