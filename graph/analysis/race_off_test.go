//go:build !race

package analysis

// RaceEnabled is set when the tests run under the race detector (see
// race_on_test.go).
const RaceEnabled = false
