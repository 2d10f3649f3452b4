//go:build race

package analysis

// RaceEnabled is set when the tests run under the race detector, which
// makes the oracle comparisons on large graphs 10 to 20 times slower:
// those tests then run on smaller graphs of the same density (see
// scaled).
const RaceEnabled = true
