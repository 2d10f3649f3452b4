package graph

import (
	"fmt"
	"strings"
)

// Status says how well established a relationship is. It is derived from
// the relationship's evidence by the rule in StatusOf (status_rule.go):
//
//   - confirmed: established by an on-the-record source or by the party
//     itself (Dong confirmed he had a conversation with Han Tao);
//   - reported: stated by the publication as fact, without a named denial;
//   - alleged: asserted by (often anonymous) sources, not confirmed;
//   - disputed: alleged, and denied by a named party. A disputed
//     relationship carries both a supporting and a denying piece of
//     evidence;
//   - refuted: an authoritative finding (an official review, a public
//     inquiry, a court) says the claim is false;
//   - retracted: whoever first asserted the claim withdrew it or conceded
//     that it is false.
//
// Refuted and retracted claims are not standing (see Standing): paths and
// centrality leave them out unless asked to keep them. Unreported is not
// a status a dataset may give: it is what a relationship's status is as of
// a date before any of its evidence (see StatusAt).
type Status string

// The statuses, from best to least established.
const (
	Confirmed Status = "confirmed"
	Reported  Status = "reported"
	Alleged   Status = "alleged"
	Disputed  Status = "disputed"
	Refuted   Status = "refuted"
	Retracted Status = "retracted"
	// Unreported is the status as of a date before the first evidence for
	// the relationship: nobody had asserted it yet. Only StatusAt gives it.
	Unreported Status = "unreported"
)

// Statuses lists every status a dataset may give, best established first.
var Statuses = []Status{Confirmed, Reported, Alleged, Disputed, Refuted, Retracted}

// AllStatuses is Statuses plus Unreported: every status an as-of view can
// show, and so every status a filter may name. Rank indexes it.
var AllStatuses = append(append([]Status(nil), Statuses...), Unreported)

// Valid reports whether s is a status a dataset may give (not Unreported).
func (s Status) Valid() bool {
	r := s.Rank()
	return r >= 0 && s != Unreported
}

// Rank orders statuses from 0 (confirmed) to 6 (unreported); -1 if
// invalid.
func (s Status) Rank() int {
	for i, v := range AllStatuses {
		if v == s {
			return i
		}
	}
	return -1
}

// Standing reports whether a claim with this status still stands: every
// status but refuted and retracted.
func (s Status) Standing() bool { return s != Refuted && s != Retracted }

// Supported reports whether s is one that supporting evidence alone can
// establish (confirmed, reported or alleged): the grades of Evidence.
func (s Status) Supported() bool { return s == Confirmed || s == Reported || s == Alleged }

// statusNames lists Statuses for messages.
func statusNames(list []Status) string {
	s := make([]string, len(list))
	for i, v := range list {
		s[i] = string(v)
	}
	return strings.Join(s, ", ")
}

// ParseStatus returns the status a dataset may give named by s, or
// ErrInvalid.
func ParseStatus(s string) (Status, error) {
	st := Status(s)
	if !st.Valid() {
		return "", fmt.Errorf("%w: status %q: want one of %s", ErrInvalid, s, statusNames(Statuses))
	}
	return st, nil
}

// ParseFilterStatus is ParseStatus for filters, which may also ask for
// unreported relationships.
func ParseFilterStatus(s string) (Status, error) {
	st := Status(s)
	if st.Rank() < 0 {
		return "", fmt.Errorf("%w: status %q: want one of %s", ErrInvalid, s, statusNames(AllStatuses))
	}
	return st, nil
}

// Stance says how a piece of evidence bears on its relationship.
type Stance string

// The stances.
const (
	// Supports: the source asserts the claim.
	Supports Stance = "supports"
	// Denies: a named party says the claim is false (Dong denying he
	// advised a delay). A denial makes a claim disputed.
	Denies Stance = "denies"
	// Refutes: an authoritative finding says the claim is false: an
	// official review (a special rapporteur), a public inquiry, a court.
	// A refutation makes a claim refuted.
	Refutes Stance = "refutes"
	// Retracts: whoever first asserted the claim withdraws it or concedes
	// that it is false. A retraction makes a claim retracted.
	Retracts Stance = "retracts"
	// Questions: a finding or record that the claim lacks support (a
	// court finding no documentary corroboration, a review that does not
	// name someone) without saying it is false. It is part of the claim's
	// record and changes no status.
	Questions Stance = "questions"
)

// Stances lists every stance.
var Stances = []Stance{Supports, Denies, Refutes, Retracts, Questions}

// Valid reports whether s is one of Stances.
func (s Stance) Valid() bool {
	for _, v := range Stances {
		if v == s {
			return true
		}
	}
	return false
}
