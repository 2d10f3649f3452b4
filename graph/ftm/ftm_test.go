package ftm

import (
	"slices"
	"strings"
	"testing"
)

func TestIDs(t *testing.T) {
	cases := []struct{ id, want string }{
		{"person:han-dong", "person.han-dong"},
		{"org:acme.holdings", "org.acme.holdings"},
		{"person:a_b", ""}, // "_" is not an FtM id character: encoded
		{"person:x-", ""},  // must end with a letter or digit: encoded
		{"doc:24ca-2023", "doc.24ca-2023"},
	}
	for _, c := range cases {
		got := NodeID(c.id)
		if !ValidID(got) {
			t.Errorf("NodeID(%q) = %q, not a valid FtM id", c.id, got)
		}
		if c.want != "" && got != c.want {
			t.Errorf("NodeID(%q) = %q, want %q", c.id, got, c.want)
		}
		prefix, _, _ := strings.Cut(c.id, ":")
		back, ok := DecodeNodeID(got, prefix)
		if c.want != "" && (!ok || back != c.id) {
			t.Errorf("DecodeNodeID(%q) = %q, %v; want %q", got, back, ok, c.id)
		}
		if c.want == "" && ok && NodeID(back) != got {
			// An encoded id comes back as another node id, but one
			// whose FtM id is the same: the next cycle is stable.
			t.Errorf("DecodeNodeID(%q) = %q, whose FtM id is %q", got, back, NodeID(back))
		}
	}
	for _, id := range []string{"a>CONTACTED>b", "", ":::", strings.Repeat("x", 500), "ftm:abc:def", "é"} {
		if e := EncodeID(id); !ValidID(e) || len(e) > MaxIDLen {
			t.Errorf("EncodeID(%q) = %q, not a valid FtM id", id, e)
		}
	}
	if EncodeID("a>b") == EncodeID("a:b") {
		t.Error("EncodeID gives two ids one FtM id")
	}
	if _, ok := DecodeNodeID("abc123", "person"); ok {
		t.Error("an FtM id of another form decoded")
	}
}

func TestValues(t *testing.T) {
	for _, vs := range [][]string{{"one"}, {"a", "b"}, {"[not json"}, {"a; b", "c"}} {
		if got := SplitValues(JoinValues(vs)); !slices.Equal(got, vs) {
			t.Errorf("SplitValues(JoinValues(%q)) = %q", vs, got)
		}
	}
	if got := SplitValues("plain; text"); !slices.Equal(got, []string{"plain; text"}) {
		t.Errorf("a plain prop split: %q", got)
	}
	if typ, ok := HasProp("Ownership", "startDate"); !ok || typ != "date" {
		t.Errorf("Ownership.startDate: %q %v", typ, ok)
	}
	if !ValidValue("date", "2021-02") || ValidValue("date", "Feb 2021") || ValidValue("entity", "a:b") {
		t.Error("ValidValue")
	}
}
