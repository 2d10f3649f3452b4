package neo4j

import (
	"testing"
	"time"
)

// TestProgressCallsNeverOverlap: the load reports each phase from its own
// goroutine while tick reports from another. The callback writes state
// without a lock, as the CLI's does; under -race an overlap fails the
// test, and the count of overlaps catches it without -race too.
func TestProgressCallsNeverOverlap(t *testing.T) {
	var (
		inside, overlaps int // written without a lock on purpose
		last             LoadProgress
		calls            int
	)
	tr := &tracker{start: time.Now(), fn: func(p LoadProgress) {
		inside++
		if inside > 1 {
			overlaps++
		}
		last = p
		calls++
		time.Sleep(50 * time.Microsecond) // widen the window
		inside--
	}}
	stop := tr.tick(time.Microsecond)
	for i := range 2000 {
		tr.phase([]string{"nodes", "relationships"}[i%2])
		tr.add(1, 1)
	}
	stop()
	tr.finish(false)
	if overlaps != 0 {
		t.Errorf("progress callback ran %d times while another call was running", overlaps)
	}
	if !last.Done || last.Nodes != 2000 || last.Edges != 2000 {
		t.Errorf("last report: got %+v, want Done with 2000 nodes and 2000 relationships", last)
	}
	if calls < 2001 {
		t.Errorf("callback called %d times, want at least 2001 (each phase and the end)", calls)
	}
}
