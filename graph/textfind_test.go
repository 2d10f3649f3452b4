package graph

import (
	"context"
	"errors"
	"testing"
)

func TestLocateQuote(t *testing.T) {
	text := "Héllo — the “back-channel”\n  talks,\twith   O’Toole. Back channel again."
	runes := []rune(text)
	tests := []struct {
		quote string
		want  string // the original passage found
		ok    bool
	}{
		{"the \"back-channel\" talks", "the “back-channel”\n  talks", true},
		{"with O'Toole", "with   O’Toole", true},
		{"hello", "Héllo", true},
		{"BACK CHANNEL AGAIN", "Back channel again", true},
		{"not there", "", false},
		{"   ", "", false},
	}
	for _, tt := range tests {
		s, e, ok := LocateQuote(text, tt.quote)
		if ok != tt.ok {
			t.Errorf("LocateQuote(%q): ok %v, want %v", tt.quote, ok, tt.ok)
			continue
		}
		if ok && string(runes[s:e]) != tt.want {
			t.Errorf("LocateQuote(%q) = [%d,%d) %q, want %q", tt.quote, s, e, string(runes[s:e]), tt.want)
		}
	}
}

type fakeScanner struct {
	edges []Edge
	texts map[string]string
}

func (f fakeScanner) EachNode(context.Context, func(Node) error) error { return nil }
func (f fakeScanner) EachEdge(_ context.Context, fn func(Edge) error) error {
	for _, e := range f.edges {
		if err := fn(e); err != nil {
			return err
		}
	}
	return nil
}
func (f fakeScanner) EachText(_ context.Context, fn func(id, text string) error) error {
	for _, id := range []string{"doc:a", "doc:b"} {
		if t, ok := f.texts[id]; ok {
			if err := fn(id, t); err != nil {
				return err
			}
		}
	}
	return nil
}
func (f fakeScanner) Version(context.Context) (string, error) { return "1", nil }

func TestPassagesAndSearchText(t *testing.T) {
	text := "Intro. The PMO said it was not a back-channel. Later: “We deny it,” said Dong. End."
	sc := fakeScanner{
		edges: []Edge{
			{ID: "e2", Source: "a", Target: "b", Type: "DEFENDED", Status: Confirmed, Evidence: []Evidence{
				{Document: "doc:a", Quote: "We deny it,\" said Dong", AttributedTo: "Dong", Stance: Denies},
				{Document: "doc:other", Quote: "elsewhere", AttributedTo: "x", Stance: Supports},
			}},
			{ID: "e1", Source: "a", Target: "c", Type: "BRIEFED", Status: Alleged, Evidence: []Evidence{
				{Document: "doc:a", Quote: "it was not a back channel", AttributedTo: "PMO", Stance: Supports},
				{Document: "doc:a", Quote: "a quote that is not in the text", AttributedTo: "PMO", Stance: Supports},
			}},
		},
		texts: map[string]string{"doc:a": text, "doc:b": "Nothing of note; a back channel, maybe."},
	}
	ps, err := Passages(t.Context(), sc, "doc:a", text)
	if err != nil {
		t.Fatal(err)
	}
	runes := []rune(text)
	var got []string
	for _, p := range ps {
		if p.Found {
			got = append(got, p.Edge+":"+string(runes[p.Start:p.End]))
		} else {
			got = append(got, p.Edge+":missing")
		}
	}
	want := []string{"e1:it was not a back-channel", "e2:We deny it,” said Dong", "e1:missing"}
	if len(got) != len(want) {
		t.Fatalf("passages %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("passage %d: got %q, want %q", i, got[i], want[i])
		}
	}

	hits, err := SearchText(t.Context(), sc, "Back channel", 10)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, h := range hits {
		kinds = append(kinds, h.Kind+":"+h.Document+":"+string([]rune(h.Snippet)[h.SnippetStart:h.SnippetEnd]))
	}
	wantHits := []string{"quote:doc:a:back channel", "text:doc:a:back-channel", "text:doc:b:back channel"}
	if len(kinds) != len(wantHits) {
		t.Fatalf("hits %q, want %q", kinds, wantHits)
	}
	for i := range wantHits {
		if kinds[i] != wantHits[i] {
			t.Errorf("hit %d: got %q, want %q", i, kinds[i], wantHits[i])
		}
	}
	if h := hits[1]; string(runes[h.Start:h.End]) != "back-channel" {
		t.Errorf("text hit offsets [%d,%d) give %q", h.Start, h.End, string(runes[h.Start:h.End]))
	}
	if hits, _ := SearchText(t.Context(), sc, "back channel", 1); len(hits) != 1 {
		t.Errorf("limit 1: %d hits", len(hits))
	}
	for _, q := range []string{"", " - "} {
		if _, err := SearchText(t.Context(), sc, q, 10); !errors.Is(err, ErrInvalid) {
			t.Errorf("SearchText(%q): %v, want ErrInvalid", q, err)
		}
	}
	if _, err := SearchText(t.Context(), sc, "x", 1000); !errors.Is(err, ErrInvalid) {
		t.Errorf("limit 1000: %v, want ErrInvalid", err)
	}
}

func TestSnippetCutsAtWords(t *testing.T) {
	long := "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau upsilon phi chi psi omega " +
		"TARGET words after the target go on and on and on for a good while longer than the context keeps"
	s, e, ok := LocateQuote(long, "target")
	if !ok {
		t.Fatal("target not found")
	}
	snip, ss, se := snippet(long, s, e)
	if got := string([]rune(snip)[ss:se]); got != "TARGET" {
		t.Errorf("snippet %q marks %q, want TARGET", snip, got)
	}
	if r := []rune(snip); r[0] != '…' || r[len(r)-1] != '…' {
		t.Errorf("snippet %q: want ellipses at both cuts", snip)
	}
}
