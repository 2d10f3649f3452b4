package importer

import (
	"strings"
	"testing"
)

func TestParseDate(t *testing.T) {
	cases := []struct {
		in, want string
		conv     bool
		bad      bool
	}{
		{"2021", "2021", false, false},
		{"2021-02", "2021-02", false, false},
		{"2021-02-03", "2021-02-03", false, false},
		{"2021-02-03T10:00:00Z", "2021-02-03", true, false},
		{"2021-02-03 10:00", "2021-02-03", true, false},
		{"2021/2/3", "2021-02-03", true, false},
		{"2021/02", "2021-02", true, false},
		{"13.02.2021", "2021-02-13", true, false},
		{"02/13/2021", "2021-02-13", true, false},
		{"03/03/2021", "2021-03-03", true, false},
		{"03/04/2021", "", false, true}, // day and month either way round
		{"3 March 2021", "2021-03-03", true, false},
		{"March 3, 2021", "2021-03-03", true, false},
		{"Mar 2021", "2021-03", true, false},
		{"March 2021", "2021-03", true, false},
		{"31/02/2021", "", false, true},
		{"2021-13", "", false, true},
		{"yesterday", "", false, true},
	}
	for _, c := range cases {
		d, conv, err := parseDate(c.in)
		if (err != nil) != c.bad || string(d) != c.want || conv != c.conv {
			t.Errorf("parseDate(%q) = %q, %v, %v; want %q, %v, bad %v", c.in, d, conv, err, c.want, c.conv, c.bad)
		}
	}
}

func TestEdgeType(t *testing.T) {
	cases := []struct{ in, want, errPart string }{
		{"member of", "MEMBER_OF", ""},
		{"knows", "ASSOCIATE_OF", ""},
		{"officer_of", "DIRECTOR_OF", ""},
		{"CONTACTD", "", "did you mean CONTACTED?"},
		{"waved at", "", "--map-type 'waved at=TYPE'"},
	}
	for _, c := range cases {
		got, err := edgeType(c.in, nil)
		if got != c.want || (c.errPart != "" && (err == nil || !strings.Contains(err.Error(), c.errPart))) {
			t.Errorf("edgeType(%q) = %q, %v; want %q, error with %q", c.in, got, err, c.want, c.errPart)
		}
	}
	if got, err := edgeType("Waved At", map[string]string{"waved at": "contacted"}); got != "CONTACTED" || err != nil {
		t.Errorf("mapped: %q, %v", got, err)
	}
}
