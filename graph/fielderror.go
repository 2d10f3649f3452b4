package graph

// FieldError is a validation error tied to one field of a node or edge,
// so that a file loader can point at the line that holds it. Evidence
// fields are named "evidence[i].field" (i from 0).
type FieldError struct {
	Field string
	Err   error
}

func (e FieldError) Error() string { return e.Field + ": " + e.Err.Error() }
func (e FieldError) Unwrap() error { return e.Err }

func fieldErr(field string, err error) FieldError { return FieldError{Field: field, Err: err} }
