// Package dataset reads datasets from files, the YAML that people edit by
// hand (and the native JSON that exports and generators write), validates
// them, and builds the graph.Dataset that every store loads.
//
// Load reports every problem at once, each with its file and line, and
// never panics on malformed input (the parsers are fuzzed; the corpus is
// in testdata/fuzz).
package dataset
