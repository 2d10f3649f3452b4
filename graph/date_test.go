package graph

import (
	"errors"
	"testing"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in        string
		precision string
		ok        bool
	}{
		{"", "", true},
		{"2019", "year", true},
		{"2021-02", "month", true},
		{"2021-02-14", "day", true},
		{"2021-13", "", false},
		{"2021-02-30", "", false},
		{"Feb 2021", "", false},
		{"21", "", false},
	}
	for _, tt := range tests {
		d, err := ParseDate(tt.in)
		if (err == nil) != tt.ok {
			t.Errorf("ParseDate(%q): error %v, want ok=%v", tt.in, err, tt.ok)
			continue
		}
		if err != nil && !errors.Is(err, ErrInvalid) {
			t.Errorf("ParseDate(%q): error %v is not ErrInvalid", tt.in, err)
		}
		if d.Precision() != tt.precision {
			t.Errorf("ParseDate(%q).Precision() = %q, want %q", tt.in, d.Precision(), tt.precision)
		}
	}
}

func TestWindow(t *testing.T) {
	tests := []struct {
		name       string
		w          Window
		start, end Date
		want       bool
	}{
		{"zero window keeps all", Window{}, "2021-02", "", true},
		{"undated kept", Window{Before: "2021-02"}, "", "", true},
		{"undated dropped when required", Window{Before: "2021-02", RequireDate: true}, "", "", false},
		{"same month is as of that month", Window{Before: "2021-02"}, "2021-02", "", true},
		{"a year overlaps its months", Window{Before: "2021-02"}, "2021", "", true},
		{"later month is out", Window{Before: "2021-02"}, "2021-03", "", false},
		{"day before the end of the month", Window{Before: "2021-02"}, "2021-02-28", "", true},
		{"after: point before is out", Window{After: "2021-03"}, "2021-02", "", false},
		{"after: span reaching in is kept", Window{After: "2021-03"}, "2018-12", "2021-09", true},
		{"after: span ending before is out", Window{After: "2022"}, "2018-12", "2021-09", false},
		{"between", Window{After: "2019", Before: "2021"}, "2020-06", "", true},
	}
	for _, tt := range tests {
		if got := tt.w.Contains(tt.start, tt.end); got != tt.want {
			t.Errorf("%s: %+v.Contains(%q, %q) = %v, want %v", tt.name, tt.w, tt.start, tt.end, got, tt.want)
		}
	}
}

func TestParseFilter(t *testing.T) {
	f, err := ParseFilter(" ADVISED, CONTACTED ,", "confirmed,reported", "2019", "2021-02")
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Types) != 2 || len(f.Statuses) != 2 || f.Window.After != "2019" || f.Window.Before != "2021-02" {
		t.Errorf("ParseFilter: got %+v", f)
	}
	for _, bad := range [][4]string{{"KNOWS", "", "", ""}, {"", "rumoured", "", ""}, {"", "", "Feb", ""}} {
		if _, err := ParseFilter(bad[0], bad[1], bad[2], bad[3]); !errors.Is(err, ErrInvalid) {
			t.Errorf("ParseFilter(%q): got %v, want ErrInvalid", bad, err)
		}
	}
}
