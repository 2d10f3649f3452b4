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
// 2021-02-01). The zero Date and invalid dates return the zero time.
func (d Date) Start() time.Time {
	t, err := time.Parse(dateLayouts[len(d)], string(d))
	if d == "" || err != nil {
		return time.Time{}
	}
	return t
}

// End is the first instant after the date (2021-02 ends at 2021-03-01),
// so a partial date covers [Start, End).
func (d Date) End() time.Time {
	t := d.Start()
	if t.IsZero() {
		return t
	}
	switch len(d) {
	case 4:
		return t.AddDate(1, 0, 0)
	case 7:
		return t.AddDate(0, 1, 0)
	}
	return t.AddDate(0, 0, 1)
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
// window. end may be zero for a point-in-time or open relationship.
func (w Window) Contains(start, end Date) bool {
	if start.IsZero() {
		return !w.RequireDate
	}
	if !w.Before.IsZero() && !start.Start().Before(w.Before.End()) {
		return false
	}
	if !w.After.IsZero() {
		last := start.End()
		if !end.IsZero() {
			last = end.End()
		}
		if !last.After(w.After.Start()) {
			return false
		}
	}
	return true
}
