package graph

import "fmt"

// Status says how well established a relationship is. It summarises the
// relationship's evidence:
//
//   - confirmed: established by an on-the-record source or by the party
//     itself (Dong confirmed he had a conversation with Han Tao);
//   - reported: stated by the publication as fact, without a named denial;
//   - alleged: asserted by (often anonymous) sources, not confirmed;
//   - disputed: alleged, and denied by a named party. A disputed
//     relationship carries both a supporting and a denying piece of
//     evidence.
type Status string

// The statuses, from best to least established.
const (
	Confirmed Status = "confirmed"
	Reported  Status = "reported"
	Alleged   Status = "alleged"
	Disputed  Status = "disputed"
)

// Statuses lists every status, best established first.
var Statuses = []Status{Confirmed, Reported, Alleged, Disputed}

// Valid reports whether s is one of the four statuses.
func (s Status) Valid() bool {
	return s.Rank() >= 0
}

// Rank orders statuses from 0 (confirmed) to 3 (disputed); -1 if invalid.
func (s Status) Rank() int {
	for i, v := range Statuses {
		if v == s {
			return i
		}
	}
	return -1
}

// ParseStatus returns the status named by s, or ErrInvalid.
func ParseStatus(s string) (Status, error) {
	st := Status(s)
	if !st.Valid() {
		return "", fmt.Errorf("%w: status %q: want one of confirmed, reported, alleged, disputed", ErrInvalid, s)
	}
	return st, nil
}

// Stance says whether a piece of evidence supports or denies its
// relationship.
type Stance string

// The stances.
const (
	Supports Stance = "supports"
	Denies   Stance = "denies"
)

// Valid reports whether s is supports or denies.
func (s Stance) Valid() bool { return s == Supports || s == Denies }
