package neo4j

import (
	"sync"
	"time"
)

// LoadProgress reports a running load.
type LoadProgress struct {
	// Phase is "schema", "nodes", "relationships", "switch", "cleanup" or
	// "done"; Skipped is set when the dataset was already loaded.
	Phase string
	// Version is the dataset version being written.
	Version                string
	Nodes, Edges           int
	TotalNodes, TotalEdges int
	Elapsed                time.Duration
	// NodeTime and EdgeTime are the time spent writing each.
	NodeTime, EdgeTime time.Duration
	Done, Skipped      bool
}

// NodesPerSecond and EdgesPerSecond are the write rates so far.
func (p LoadProgress) NodesPerSecond() float64 { return rate(p.Nodes, p.NodeTime) }

// EdgesPerSecond is the relationship write rate so far.
func (p LoadProgress) EdgesPerSecond() float64 { return rate(p.Edges, p.EdgeTime) }

func rate(n int, d time.Duration) float64 {
	if d <= 0 {
		return 0
	}
	return float64(n) / d.Seconds()
}

// tracker holds a load's progress for the reporting goroutine. fn is
// called both from the load (at each phase) and from tick's goroutine:
// reporting holds reportMu, so fn never runs twice at once and sees
// snapshots in order.
type tracker struct {
	reportMu sync.Mutex
	mu       sync.Mutex
	p        LoadProgress
	start    time.Time
	fn       func(LoadProgress)
	// phase start, for the rate of the running phase
	phaseStart time.Time
}

func (t *tracker) phase(name string) {
	t.mu.Lock()
	t.p.Phase, t.phaseStart = name, time.Now()
	t.mu.Unlock()
	t.report()
}

func (t *tracker) add(nodes, edges int) {
	t.mu.Lock()
	t.p.Nodes += nodes
	t.p.Edges += edges
	t.mu.Unlock()
}

func (t *tracker) setTime(d *time.Duration, v time.Duration) {
	t.mu.Lock()
	*d = v
	t.mu.Unlock()
}

func (t *tracker) snapshot() LoadProgress {
	t.mu.Lock()
	defer t.mu.Unlock()
	p := t.p
	p.Elapsed = time.Since(t.start)
	switch p.Phase {
	case "nodes":
		p.NodeTime = time.Since(t.phaseStart)
	case "relationships":
		p.EdgeTime = time.Since(t.phaseStart)
	}
	return p
}

func (t *tracker) report() {
	if t.fn == nil {
		return
	}
	t.reportMu.Lock()
	defer t.reportMu.Unlock()
	t.fn(t.snapshot())
}

func (t *tracker) finish(skipped bool) {
	t.mu.Lock()
	t.p.Phase, t.p.Done, t.p.Skipped = "done", true, skipped
	t.mu.Unlock()
	t.report()
}

// tick reports every d until the returned stop is called (idempotent).
func (t *tracker) tick(d time.Duration) (stop func()) {
	if t.fn == nil {
		return func() {}
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tk := time.NewTicker(d)
		defer tk.Stop()
		for {
			select {
			case <-done:
				return
			case <-tk.C:
				t.report()
			}
		}
	}()
	var once sync.Once
	return func() {
		once.Do(func() { close(done); wg.Wait() })
	}
}
