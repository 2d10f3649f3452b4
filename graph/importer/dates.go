package importer

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/backchannel/backchannel/graph"
)

// Dates in the forms spreadsheets and other tools write. Each form that
// is not already a partial ISO date is converted and reported (Result.Dates
// counts them with an example), never guessed: a form whose day and month
// could be swapped (03/04/2021) is refused unless one of them is over 12.

var (
	isoTime    = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$`)
	numericYMD = regexp.MustCompile(`^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$`)
	numericXYZ = regexp.MustCompile(`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$`)
	numericYM  = regexp.MustCompile(`^(\d{4})/(\d{1,2})$`)
)

// textual layouts Go's time package reads, from most to least precise.
var textDateLayouts = []struct{ layout, precision string }{
	{"2 January 2006", "day"}, {"2 Jan 2006", "day"}, {"January 2, 2006", "day"}, {"Jan 2, 2006", "day"},
	{"January 2 2006", "day"}, {"Jan 2 2006", "day"}, {"2. January 2006", "day"},
	{"January 2006", "month"}, {"Jan 2006", "month"}, {"January, 2006", "month"},
}

// parseDate reads a partial ISO date or a common other form. converted
// reports that the text was not already YYYY, YYYY-MM or YYYY-MM-DD.
func parseDate(s string) (d graph.Date, converted bool, err error) {
	s = strings.TrimSpace(s)
	if d, err := graph.ParseDate(s); err == nil {
		return d, false, nil
	}
	bad := fmt.Errorf("date %q: want YYYY, YYYY-MM or YYYY-MM-DD (or 3 March 2021, March 2021, 2021/03/03, 03.03.2021 with a day over 12)", s)
	day := func(y, m, dd int) (graph.Date, bool, error) {
		t := time.Date(y, time.Month(m), dd, 0, 0, 0, 0, time.UTC)
		if m < 1 || m > 12 || t.Day() != dd || t.Month() != time.Month(m) {
			return "", false, bad
		}
		return graph.Date(t.Format("2006-01-02")), true, nil
	}
	if m := isoTime.FindStringSubmatch(s); m != nil {
		return graph.Date(m[1]), true, nil
	}
	if m := numericYMD.FindStringSubmatch(s); m != nil {
		return day(atoi(m[1]), atoi(m[2]), atoi(m[3]))
	}
	if m := numericYM.FindStringSubmatch(s); m != nil {
		if mo := atoi(m[2]); mo >= 1 && mo <= 12 {
			return graph.Date(fmt.Sprintf("%s-%02d", m[1], mo)), true, nil
		}
		return "", false, bad
	}
	if m := numericXYZ.FindStringSubmatch(s); m != nil {
		a, b, y := atoi(m[1]), atoi(m[2]), atoi(m[3])
		switch {
		case a > 12 && b <= 12:
			return day(y, b, a) // day first
		case b > 12 && a <= 12:
			return day(y, a, b) // month first
		case a == b:
			return day(y, a, b)
		}
		return "", false, fmt.Errorf("date %q: the day and the month could be either way round: write it as YYYY-MM-DD", s)
	}
	for _, l := range textDateLayouts {
		if t, err := time.Parse(l.layout, s); err == nil {
			if l.precision == "month" {
				return graph.Date(t.Format("2006-01")), true, nil
			}
			return graph.Date(t.Format("2006-01-02")), true, nil
		}
	}
	return "", false, bad
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

// date parses a date field of a record, counting a conversion in the
// result (with the first as an example) so that the caller can report it.
func (r *Result) date(file string, line int, s string) (graph.Date, error) {
	d, conv, err := parseDate(s)
	if err == nil && conv {
		if r.DatesConverted == 0 {
			r.DateExample = fmt.Sprintf("%s:%d: %q read as %s", file, line, s, d)
		}
		r.DatesConverted++
	}
	return d, err
}
