package dataset

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"
)

func TestFindQuotes(t *testing.T) {
	text := "Han Dong met the consul in 2019. He said: 'we never met'. " + strings.Repeat("x", 40) + " tail"
	cases := []struct {
		quote string
		want  bool
	}{
		{"", true},
		{"H", true},
		{"Han Dong met", true},
		{"Han Dong met the consul in 2019. He said", true}, // longer than the anchor
		{"we never met'. " + strings.Repeat("x", 40) + " tail", true},
		{"tail", true},
		{"tail!", false},
		{"Han Dong met the consul in 2020. He said", false}, // same anchor, differs later
		{text, true},
		{text + " ", false},
		{"consul in 2019. He said: 'we never met'. xxxx", true},
	}
	quotes := make([]string, len(cases))
	for i, c := range cases {
		quotes[i] = c.quote
	}
	got := findQuotes(text, quotes)
	for i, c := range cases {
		if got[i] != c.want {
			t.Errorf("findQuotes(%q) = %v, want %v", c.quote, got[i], c.want)
		}
	}
}

func TestQuotesInNormalises(t *testing.T) {
	got := QuotesIn("He said: “we never\n  met”.", []string{`we never met"`, "we  never", "we met"})
	if want := []bool{true, true, false}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("QuotesIn = %v, want %v", got, want)
	}
}

// TestFindQuotesOracle checks findQuotes against strings.Contains on random
// texts over a small alphabet, where anchors collide often.
func TestFindQuotesOracle(t *testing.T) {
	rnd := rand.New(rand.NewSource(1))
	for round := 0; round < 200; round++ {
		text := randText(rnd, rnd.Intn(300))
		var quotes []string
		for range 50 {
			if len(text) > 0 && rnd.Intn(2) == 0 {
				a := rnd.Intn(len(text))
				b := a + rnd.Intn(min(len(text)-a, 80)+1)
				quotes = append(quotes, text[a:b])
			} else {
				quotes = append(quotes, randText(rnd, rnd.Intn(60)))
			}
		}
		got := findQuotes(text, quotes)
		for i, q := range quotes {
			if want := strings.Contains(text, q); got[i] != want {
				t.Fatalf("text %q quote %q: got %v, want %v", text, q, got[i], want)
			}
		}
	}
}

func randText(rnd *rand.Rand, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = "ab "[rnd.Intn(3)]
	}
	return string(b)
}

func FuzzFindQuotes(f *testing.F) {
	f.Add("Han Dong met the consul", "consul", "Han")
	f.Add(strings.Repeat("ab", 40), strings.Repeat("ab", 20)+"a", "ba")
	f.Fuzz(func(t *testing.T, text, q1, q2 string) {
		got := findQuotes(text, []string{q1, q2})
		for i, q := range []string{q1, q2} {
			if want := strings.Contains(text, q); got[i] != want {
				t.Fatalf("text %q quote %q: got %v, want %v", text, q, got[i], want)
			}
		}
	})
}

// TestFindQuotesLinear: one pass finds the quotes of every record of a big
// document; strings.Contains per record would take minutes here.
func TestFindQuotesLinear(t *testing.T) {
	var b strings.Builder
	var quotes []string
	for i := range 200000 {
		line := fmt.Sprintf("person:p%d,org:o%d,MEMBER_OF,reported,row %d of the sheet", i, i%97, i)
		b.WriteString(line + " ")
		quotes = append(quotes, line)
	}
	for i, ok := range findQuotes(b.String(), quotes) {
		if !ok {
			t.Fatalf("quote %d not found", i)
		}
	}
}
