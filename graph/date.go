package graph

import (
	"fmt"
	"time"
)

// Date is a partial ISO 8601 calendar date: "2019", "2021-02" or
// "2021-02-14". Reporting often gives only a month or a year, and the
// model keeps exactly the precision the source gives. The zero value means
// "no date".
type Date string

// layouts by string length.
var dateLayouts = map[int]string{4: "2006", 7: "2006-01", 10: "2006-01-02"}

// ParseDate checks s and returns it as a Date. The empty string is the
// valid zero Date.
func ParseDate(s string) (Date, error) {
	if s == "" {
		return "", nil
	}
	layout, ok := dateLayouts[len(s)]
	if !ok {
		return "", fmt.Errorf("%w: date %q: want YYYY, YYYY-MM or YYYY-MM-DD", ErrInvalid, s)
	}
	if _, err := time.Parse(layout, s); err != nil {
		return "", fmt.Errorf("%w: date %q: want YYYY, YYYY-MM or YYYY-MM-DD", ErrInvalid, s)
	}
	return Date(s), nil
}

// IsZero reports whether d is unset.
func (d Date) IsZero() bool { return d == "" }

// Precision is "year", "month", "day", or "" for the zero Date.
func (d Date) Precision() string {
	switch len(d) {
	case 4:
		return "year"
	case 7:
		return "month"
	case 10:
		return "day"
	}
	return ""
}

// Start is the first instant the date can mean (2021-02 starts on
// 2021-02-01), in UTC. The zero Date and invalid dates return the zero
// time.
func (d Date) Start() time.Time {
	first, _, ok := d.Days()
	if !ok {
		return time.Time{}
	}
	return time.Unix(int64(first)*secondsPerDay, 0).UTC()
}

// End is the first instant after the date (2021-02 ends at 2021-03-01),
// so a partial date covers [Start, End).
func (d Date) End() time.Time {
	_, end, ok := d.Days()
	if !ok {
		return time.Time{}
	}
	return time.Unix(int64(end)*secondsPerDay, 0).UTC()
}

const secondsPerDay = 24 * 60 * 60

// Days is the span of d in days since 1970-01-01: first is the first day
// d can mean, end the day after its last, so d covers [first, end). ok is
// false for the zero Date and for invalid dates. Every date rule (Start,
// End, Window.Contains, the analysis projection's filter) reads dates
// through it; it parses without time.Parse, since the projection calls it
// per relationship.
func (d Date) Days() (first, end int, ok bool) {
	y, m, day, ok := parseDate(string(d))
	if !ok {
		return 0, 0, false
	}
	switch {
	case m == 0:
		return civilDays(y, 1, 1), civilDays(y+1, 1, 1), true
	case day == 0:
		ny, nm := y, m+1
		if nm == 13 {
			ny, nm = y+1, 1
		}
		return civilDays(y, m, 1), civilDays(ny, nm, 1), true
	}
	first = civilDays(y, m, day)
	return first, first + 1, true
}

// parseDate reads "YYYY", "YYYY-MM" or "YYYY-MM-DD": year, month (0 if
// absent) and day (0 if absent); ok is false for anything else,
// including days the month does not have.
func parseDate(s string) (y, m, day int, ok bool) {
	num := func(s string) (int, bool) {
		v := 0
		for _, c := range []byte(s) {
			if c < '0' || c > '9' {
				return 0, false
			}
			v = v*10 + int(c-'0')
		}
		return v, true
	}
	switch len(s) {
	case 4, 7, 10:
	default:
		return 0, 0, 0, false
	}
	if y, ok = num(s[:4]); !ok {
		return 0, 0, 0, false
	}
	if len(s) >= 7 {
		if s[4] != '-' {
			return 0, 0, 0, false
		}
		if m, ok = num(s[5:7]); !ok || m < 1 || m > 12 {
			return 0, 0, 0, false
		}
	}
	if len(s) == 10 {
		if s[7] != '-' {
			return 0, 0, 0, false
		}
		ny, nm := y, m+1
		if nm == 13 {
			ny, nm = y+1, 1
		}
		if day, ok = num(s[8:10]); !ok || day < 1 || day > civilDays(ny, nm, 1)-civilDays(y, m, 1) {
			return 0, 0, 0, false
		}
	}
	return y, m, day, true
}

// civilDays is the number of days from 1970-01-01 to y-m-d (Howard
// Hinnant's days_from_civil).
func civilDays(y, m, d int) int {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// Window selects relationships by date. A relationship is inside the
// window when the period it may cover overlaps [After, Before]: "as of
// 2021-02" (Before: "2021-02") keeps everything that can have begun by the
// end of February 2021. Undated relationships are kept unless
// RequireDate is set, because an undated claim is not evidence that the
// relationship is outside the window.
type Window struct {
	After       Date
	Before      Date
	RequireDate bool
}

// IsZero reports whether the window selects everything.
func (w Window) IsZero() bool { return w.After == "" && w.Before == "" && !w.RequireDate }

// Contains reports whether a relationship dated [start, end] falls in the
// window. end may be zero for a point-in-time or open relationship. A
// start that is no valid date counts as undated.
func (w Window) Contains(start, end Date) bool {
	first, last, ok := start.Days()
	if !ok {
		return !w.RequireDate
	}
	if _, before, ok := w.Before.Days(); ok && first >= before {
		return false
	}
	if after, _, ok := w.After.Days(); ok {
		if _, e, ok := end.Days(); ok {
			last = e
		}
		if last <= after {
			return false
		}
	}
	return true
}
