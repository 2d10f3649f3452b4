package analysis

import (
	"context"
	"fmt"
	"runtime"
	"sync"
)

// workers is the number of goroutines the parallel algorithms use.
func workers() int { return max(1, runtime.GOMAXPROCS(0)) }

// parallelSources runs one worker per core over sources. newWorker makes
// a worker's state and returns its step function, which is called once
// per source and finally with -1 to flush its results.
func parallelSources(ctx context.Context, sources []int32, newWorker func() func(s int32)) error {
	var next int64
	var mu sync.Mutex
	take := func() (int32, bool) {
		mu.Lock()
		defer mu.Unlock()
		if next >= int64(len(sources)) {
			return 0, false
		}
		next++
		return sources[next-1], true
	}
	var wg sync.WaitGroup
	errs := make([]error, workers())
	for w := range workers() {
		wg.Go(func() {
			step := newWorker()
			for {
				if err := ctx.Err(); err != nil {
					errs[w] = err
					return
				}
				s, ok := take()
				if !ok {
					break
				}
				step(s)
			}
			step(-1)
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return fmt.Errorf("centrality: %w", err)
		}
	}
	return nil
}

// splitByInEdges cuts the node range into k chunks of about equal work
// (in-relationships plus nodes).
func (p *Projection) splitByInEdges(k int) [][2]int32 {
	n := p.N()
	total := int64(p.M()) + int64(n)
	var chunks [][2]int32
	lo := int32(0)
	for c := 1; c <= k; c++ {
		target := total * int64(c) / int64(k)
		hi := lo
		if c == k {
			hi = int32(n)
		} else {
			for hi < int32(n) && int64(p.inOff[hi])+int64(hi) < target {
				hi++
			}
		}
		chunks = append(chunks, [2]int32{lo, hi})
		lo = hi
	}
	return chunks
}

func parallelChunks(chunks [][2]int32, fn func(c int, lo, hi int32)) {
	if len(chunks) == 1 {
		fn(0, chunks[0][0], chunks[0][1])
		return
	}
	var wg sync.WaitGroup
	for c, ch := range chunks {
		wg.Go(func() { fn(c, ch[0], ch[1]) })
	}
	wg.Wait()
}
