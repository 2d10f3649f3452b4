package graph

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
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

// dateTable is graph/testdata/date-window.json, the one table of
// partial-date cases every implementation passes (Go and JS).
type dateTable struct {
	Spans []struct {
		Date  Date    `json:"date"`
		Start *string `json:"start"` // nil: no span
		End   *string `json:"end"`
	} `json:"spans"`
	Windows []struct {
		Name        string `json:"name"`
		Date        Date   `json:"date"`
		EndDate     Date   `json:"end_date"`
		After       Date   `json:"after"`
		Before      Date   `json:"before"`
		RequireDate bool   `json:"require_date"`
		Want        bool   `json:"want"`
	} `json:"windows"`
}

func readDateTable(t *testing.T) dateTable {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "date-window.json"))
	if err != nil {
		t.Fatal(err)
	}
	var tab dateTable
	if err := json.Unmarshal(data, &tab); err != nil {
		t.Fatalf("testdata/date-window.json: %v", err)
	}
	if len(tab.Spans) == 0 || len(tab.Windows) == 0 {
		t.Fatal("testdata/date-window.json: no cases")
	}
	return tab
}

func TestDateSpans(t *testing.T) {
	for _, c := range readDateTable(t).Spans {
		_, err := ParseDate(string(c.Date))
		if c.Start == nil {
			if !c.Date.Start().IsZero() || !c.Date.End().IsZero() {
				t.Errorf("%q: Start %v, End %v; want zero times (no span)", c.Date, c.Date.Start(), c.Date.End())
			}
			if c.Date != "" && err == nil {
				t.Errorf("ParseDate(%q): no error, want ErrInvalid", c.Date)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseDate(%q): %v", c.Date, err)
		}
		if got := c.Date.Start().Format("2006-01-02"); got != *c.Start {
			t.Errorf("%q.Start(): got %s, want %s", c.Date, got, *c.Start)
		}
		if got := c.Date.End().Format("2006-01-02"); got != *c.End {
			t.Errorf("%q.End(): got %s, want %s", c.Date, got, *c.End)
		}
	}
}

func TestWindow(t *testing.T) {
	for _, c := range readDateTable(t).Windows {
		w := Window{After: c.After, Before: c.Before, RequireDate: c.RequireDate}
		if got := w.Contains(c.Date, c.EndDate); got != c.Want {
			t.Errorf("%s: %+v.Contains(%q, %q) = %v, want %v", c.Name, w, c.Date, c.EndDate, got, c.Want)
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
