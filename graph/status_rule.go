package graph

import (
	"slices"
	"time"
)

// The status rule. A relationship's status at a date T is derived from
// its evidence dated up to T; its stored status is the rule applied to
// all of its evidence, and the loaders refuse a dataset where the two
// disagree.
//
//  1. Evidence counts at T when it is undated, or when the whole of its
//     date lies within or before T: evidence of 2023-05-23 counts as of
//     2023-05 and as of 2023; evidence dated only 2023 counts as of 2023
//     (or later), not as of 2023-06, because it may be from December.
//  2. No supporting evidence counts: unreported (nobody had asserted the
//     claim yet; a denial given before the claim was published does not
//     put it on the record).
//  3. A retracting entry counts: retracted. Whoever asserted the claim
//     withdrew it or conceded it; nothing later can make it stand again.
//  4. Else a refuting entry counts: refuted. An authoritative finding
//     (official review, inquiry, court) said it is false; a source that
//     repeats or defends the claim afterwards does not undo that.
//  5. Else a denying entry counts: disputed.
//  6. Else the best grade among the supporting entries that count:
//     confirmed, then reported, then alleged (see GradeOf).
//
// Questioning entries (a finding that the claim lacks corroboration) are
// on the claim's record but change no status.

// KnownBy reports whether evidence dated d counts as of t (rule 1). The
// zero t means "today": everything counts.
func KnownBy(d, t Date) bool {
	if d.IsZero() || t.IsZero() {
		return true
	}
	return !d.End().After(t.End())
}

// GradeOf is the status a supporting entry of e gives it on its own: the
// entry's Grade, else e's status where that is confirmed, reported or
// alleged, else alleged.
func GradeOf(e *Edge, ev *Evidence) Status {
	switch {
	case ev.Grade != "":
		return ev.Grade
	case e.Status.Supported():
		return e.Status
	}
	return Alleged
}

// StatusOf applies the rule to all of e's evidence: the status e should
// have today.
func StatusOf(e *Edge) Status { return statusWith(e, func(*Evidence) bool { return true }) }

// StatusAt is e's status as of t (the zero t: today, e.Status as
// stored). Unreported when no supporting evidence is dated by t.
func StatusAt(e *Edge, t Date) Status {
	if t.IsZero() {
		return e.Status
	}
	return statusWith(e, func(ev *Evidence) bool { return KnownBy(ev.Date, t) })
}

func statusWith(e *Edge, counts func(*Evidence) bool) Status {
	var supports, denies, refutes, retracts bool
	best := Unreported
	for i := range e.Evidence {
		ev := &e.Evidence[i]
		if !counts(ev) {
			continue
		}
		switch ev.Stance {
		case Supports:
			supports = true
			if g := GradeOf(e, ev); g.Rank() < best.Rank() {
				best = g
			}
		case Denies:
			denies = true
		case Refutes:
			refutes = true
		case Retracts:
			retracts = true
		}
	}
	switch {
	case !supports:
		return Unreported
	case retracts:
		return Retracted
	case refutes:
		return Refuted
	case denies:
		return Disputed
	}
	return best
}

// ruleFor names the rule that gives s, for messages.
func ruleFor(s Status) string {
	switch s {
	case Retracted:
		return "an entry retracts it"
	case Refuted:
		return "an entry refutes it"
	case Disputed:
		return "entries support and deny it"
	case Unreported:
		return "no entry supports it"
	}
	return "the best grade among its supporting entries"
}

// StatusStep is one change in a relationship's status: from Date on (as
// of any date by which the whole of Date has passed) the status is
// Status, because of the evidence entries listed (indices into the
// relationship's Evidence).
type StatusStep struct {
	// Date is the date of the evidence that changed the status; empty for
	// undated evidence, which counts at every date.
	Date     Date   `json:"date,omitempty"`
	Status   Status `json:"status"`
	Evidence []int  `json:"evidence"`
}

// Timeline returns e's status history: one step per date at which the
// status changes, oldest first. The last step's status is StatusOf(e).
// Evidence dates are ordered by when they have certainly passed (their
// End), so "2023" comes after "2023-05-23".
func Timeline(e *Edge) []StatusStep {
	order := make([]int, len(e.Evidence))
	for i := range order {
		order[i] = i
	}
	end := func(i int) time.Time { return e.Evidence[i].Date.End() }
	slices.SortStableFunc(order, func(a, b int) int { return end(a).Compare(end(b)) })
	var steps []StatusStep
	prev := Unreported
	for k := 0; k < len(order); {
		// the group of entries that become known together
		j := k
		for j < len(order) && end(order[j]).Equal(end(order[k])) {
			j++
		}
		limit := end(order[k])
		known := func(ev *Evidence) bool { return ev.Date.IsZero() || !ev.Date.End().After(limit) }
		if limit.IsZero() {
			known = func(ev *Evidence) bool { return ev.Date.IsZero() }
		}
		st := statusWith(e, known)
		if st != prev {
			steps = append(steps, StatusStep{Date: latestDate(e, order[k:j]), Status: st, Evidence: changers(e, order[k:j], st)})
			prev = st
		}
		k = j
	}
	return steps
}

// latestDate is the most precise date among a group that ends together.
func latestDate(e *Edge, group []int) Date {
	d := e.Evidence[group[0]].Date
	for _, i := range group[1:] {
		if len(e.Evidence[i].Date) > len(d) {
			d = e.Evidence[i].Date
		}
	}
	return d
}

// changers picks, from the entries that became known together, those
// that decide the new status; all of them if none does on its own.
func changers(e *Edge, group []int, st Status) []int {
	var out []int
	for _, i := range slices.Sorted(slices.Values(group)) {
		ev := &e.Evidence[i]
		var decides bool
		switch st {
		case Retracted:
			decides = ev.Stance == Retracts
		case Refuted:
			decides = ev.Stance == Refutes
		case Disputed:
			decides = ev.Stance == Denies || ev.Stance == Supports
		default:
			decides = ev.Stance == Supports && GradeOf(e, ev) == st
		}
		if decides {
			out = append(out, i)
		}
	}
	if len(out) == 0 {
		out = slices.Sorted(slices.Values(group))
	}
	return out
}

// AsOf returns e as it was understood at t: its status as of t and its
// timeline up to t (the zero t: today, the whole timeline). Evidence is
// kept whole, dates and all, so a reader can see what came later.
func (e Edge) AsOf(t Date) Edge {
	tl := Timeline(&e)
	if !t.IsZero() {
		e.Status = StatusAt(&e, t)
		n := 0
		for n < len(tl) && KnownBy(tl[n].Date, t) {
			n++
		}
		tl = tl[:n]
	}
	e.Timeline = tl
	return e
}
