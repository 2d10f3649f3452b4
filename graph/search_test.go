package graph

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Erin O’Toole", "erin o'toole"},
		{"  Consul-General   Han ", "consul general han"},
		{"Montréal", "montreal"},
		{"<img src=x>", "img src x"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMatchName(t *testing.T) {
	tests := []struct {
		q, name string
		want    Match
		ok      bool
	}{
		{"michael kovrig", "Michael Kovrig", MatchExact, true},
		{"mich", "Michael Kovrig", MatchPrefix, true},
		{"kovrig", "Michael Kovrig", MatchPrefix, true},
		{"kovrik", "Michael Kovrig", MatchFuzzy, true},
		{"ovri", "Michael Kovrig", MatchFuzzy, true},
		{"spavr", "Michael Spavor", MatchFuzzy, true},
		{"xyz", "Michael Kovrig", "", false},
		{"a", "", "", false},
	}
	for _, tt := range tests {
		got, _, ok := MatchName(tt.q, tt.name)
		if got != tt.want || ok != tt.ok {
			t.Errorf("MatchName(%q, %q) = %q, %v; want %q, %v", tt.q, tt.name, got, ok, tt.want, tt.ok)
		}
	}
}

func TestRankOrder(t *testing.T) {
	nodes := []Node{
		{ID: "person:a", Name: "Michael Kovrig"},
		{ID: "event:b", Name: "Trial of Michael Kovrig"},
		{ID: "person:c", Name: "Kovrig", Aliases: nil},
		{ID: "person:d", Name: "Someone", Aliases: []string{"Kovrig"}},
	}
	var hits []Hit
	for i := range nodes {
		if h, ok := RankNode("kovrig", &nodes[i]); ok {
			hits = append(hits, h)
		}
	}
	SortHits(hits)
	want := []string{"person:c", "person:d", "person:a", "event:b"}
	for i, h := range hits {
		if h.ID != want[i] {
			t.Fatalf("order: got %v, want %v (exact name, exact alias, earlier word, later word)", hits, want)
		}
	}
}

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b string
		max  int
		want int
	}{
		{"kovrig", "kovrik", 2, 1},
		{"spavor", "spavr", 2, 1},
		{"abc", "abcdef", 2, 3},
		{"", "", 1, 0},
		{"é", "e", 1, 1},
	}
	for _, tt := range tests {
		if got := EditDistance(tt.a, tt.b, tt.max); got != tt.want {
			t.Errorf("EditDistance(%q, %q, %d) = %d, want %d", tt.a, tt.b, tt.max, got, tt.want)
		}
	}
}

func TestJSONListsNeverNull(t *testing.T) {
	b, err := json.Marshal(Dataset{Nodes: []Node{{ID: "person:a", Type: Person, Name: "A"}}, Edges: []Edge{{ID: "e"}}})
	if err != nil {
		t.Fatal(err)
	}
	if s := string(b); strings.Contains(s, "null") {
		t.Errorf("json: %s: want [] for aliases and evidence, not null", s)
	}
}

func TestBestHitsMatchesSortHits(t *testing.T) {
	var all []Hit
	for i := range 200 {
		all = append(all, Hit{ID: string(rune('a'+i%26)) + string(rune('a'+i/26)), Name: "n", Match: []Match{MatchExact, MatchPrefix, MatchFuzzy}[i%3], Score: float64(i%7) / 7})
	}
	for _, limit := range []int{1, 5, 200, 500} {
		best := BestHits{Limit: limit}
		for _, h := range all {
			best.Add(h)
		}
		sorted := append([]Hit(nil), all...)
		SortHits(sorted)
		want := sorted[:min(limit, len(sorted))]
		got := best.Hits()
		if len(got) != len(want) {
			t.Fatalf("limit %d: got %d hits, want %d", limit, len(got), len(want))
		}
		for i := range got {
			if got[i].ID != want[i].ID {
				t.Fatalf("limit %d: hit %d is %v, want %v", limit, i, got[i], want[i])
			}
		}
	}
}

func TestMatchNameOtherScripts(t *testing.T) {
	tests := []struct {
		q, name string
		want    Match
	}{
		{"韩东", "韩东", MatchExact},
		{"韩冬", "韩东", MatchFuzzy}, // one character off: byte lengths must not rule it out
		{"мэн", "Мэн Ваньчжоу", MatchPrefix},
	}
	for _, tt := range tests {
		if got, _, _ := MatchName(Normalize(tt.q), tt.name); got != tt.want {
			t.Errorf("MatchName(%q, %q) = %q, want %q", tt.q, tt.name, got, tt.want)
		}
	}
}
