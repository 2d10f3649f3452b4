package graph

import "fmt"

// EvidenceKind says how a piece of evidence holds its source's words.
type EvidenceKind string

// The evidence kinds.
const (
	// Quote: a verbatim passage of a document whose text is on file (the
	// document has a file); the loader checks that the passage is there.
	Quote EvidenceKind = "quote"
	// Paraphrase: our own short summary of what a cited document says.
	// The document's text is not on file (third-party articles may not be
	// copied into a dataset): it is cited by outlet, headline, date and
	// URL. A paraphrase is never shown in quotation marks.
	Paraphrase EvidenceKind = "paraphrase"
)

// Evidence is one source's word on a relationship.
type Evidence struct {
	// Document is the id of the document node the evidence comes from:
	// for a quote, a document with its text on file; for a paraphrase, a
	// cited document with an outlet, a headline (its name), a date and a
	// URL.
	Document string `json:"document"`
	// Kind is quote or paraphrase; exactly one of Quote and Paraphrase is
	// set, the one Kind names. Loaders fill Kind in from which one is set.
	Kind EvidenceKind `json:"kind"`
	// Quote is a verbatim passage of the document (whitespace and
	// typographic quotes normalised), odd wording and all.
	Quote string `json:"quote,omitempty"`
	// Paraphrase is what the cited document says, in our own words.
	Paraphrase string `json:"paraphrase,omitempty"`
	// Date is when the evidence was given: the document's date, or an
	// earlier one where the document reports an earlier statement (Dong's
	// email of 2023-03-21 in an article of 2023-03-22). Loaders fill it in
	// from the document when it is not given. Undated evidence counts at
	// every date.
	Date Date `json:"date,omitempty"`
	// AttributedTo says who asserts it: "two national security sources",
	// "Han Dong, emailed statement to Global News".
	AttributedTo string `json:"attributed_to"`
	// Stance is supports, denies, refutes, retracts or questions.
	Stance Stance `json:"stance"`
	// Grade is, for a supporting entry, the status it gives the claim on
	// its own: confirmed (on the record, or the party itself), reported
	// (the publication as fact) or alleged (sources). Empty means the
	// relationship's status where that is a grade, else alleged (see
	// GradeOf).
	Grade Status `json:"grade,omitempty"`
}

// KindOf returns the evidence's kind: Kind, or, when unset, the kind of
// the text that is set.
func (ev *Evidence) KindOf() EvidenceKind {
	switch {
	case ev.Kind != "":
		return ev.Kind
	case ev.Paraphrase != "" && ev.Quote == "":
		return Paraphrase
	}
	return Quote
}

// Text returns the quote or the paraphrase.
func (ev *Evidence) Text() string {
	if ev.KindOf() == Paraphrase {
		return ev.Paraphrase
	}
	return ev.Quote
}

// Validate checks one piece of evidence on its own. Whether the document
// exists, has its text on file (a quote) or carries a full citation (a
// paraphrase) is checked by whoever holds the dataset.
func (ev *Evidence) Validate() []FieldError {
	var errs []FieldError
	add := func(field string, format string, a ...any) {
		errs = append(errs, fieldErr(field, fmt.Errorf("%w: "+format, append([]any{ErrInvalid}, a...)...)))
	}
	if !ev.Stance.Valid() {
		add("stance", "stance %q: want one of supports, denies, refutes, retracts, questions", ev.Stance)
	}
	switch {
	case ev.Kind != "" && ev.Kind != Quote && ev.Kind != Paraphrase:
		add("kind", "kind %q: want quote or paraphrase", ev.Kind)
	case ev.Quote != "" && ev.Paraphrase != "":
		add("paraphrase", "evidence has both a quote and a paraphrase: give one (a quote when the document's text is on file, else a paraphrase)")
	case ev.Quote == "" && ev.Paraphrase == "" && ev.KindOf() == Paraphrase:
		add("paraphrase", "evidence has no paraphrase: say in your own words what the document says")
	case ev.Quote == "" && ev.Paraphrase == "":
		add("quote", "evidence has no quote: copy the passage verbatim from the document (or, for a document whose text is not on file, give a paraphrase)")
	case ev.Kind == Quote && ev.Quote == "":
		add("kind", "kind quote but the evidence has a paraphrase: use kind paraphrase")
	case ev.Kind == Paraphrase && ev.Paraphrase == "":
		add("kind", "kind paraphrase but the evidence has a quote: use kind quote")
	}
	if ev.AttributedTo == "" {
		add("attributed_to", "attributed_to is empty: say who asserts it")
	}
	if ev.Document == "" {
		add("document", "evidence names no document")
	}
	if _, err := ParseDate(string(ev.Date)); err != nil {
		errs = append(errs, fieldErr("date", err))
	}
	if ev.Grade != "" {
		switch {
		case !ev.Grade.Supported():
			add("grade", "grade %q: want confirmed, reported or alleged", ev.Grade)
		case ev.Stance != Supports:
			add("grade", "grade is only for supporting evidence, and this entry %s", ev.Stance)
		}
	}
	return errs
}
