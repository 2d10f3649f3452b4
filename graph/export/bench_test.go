package export_test

import (
	"context"
	"io"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/backchannel/backchannel/graph/export"
	"github.com/backchannel/backchannel/graph/gen"
	"github.com/backchannel/backchannel/graph/mem"
)

var (
	benchOnce  sync.Once
	benchStore *mem.Store
)

// benchGraph is a generated graph (graph/gen, seed 1) in the embedded
// store: 100,000 nodes by default, BACKCHANNEL_BENCH_NODES to change it
// (1000000 for the 1M-node figures in docs/interop.md).
func benchGraph(b *testing.B) *mem.Store {
	b.Helper()
	benchOnce.Do(func() {
		n, err := gen.BenchNodes(100_000)
		if err != nil {
			b.Fatal(err)
		}
		ds, _, err := gen.Generate(gen.Config{Nodes: n, Seed: 1})
		if err != nil {
			b.Fatal(err)
		}
		st := mem.New()
		if err := st.Load(context.Background(), ds); err != nil {
			b.Fatal(err)
		}
		benchStore = st
	})
	if benchStore == nil {
		b.Fatal("no bench graph")
	}
	return benchStore
}

type countWriter struct{ n int64 }

func (c *countWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

// BenchmarkExport streams the whole generated graph in every format to a
// byte counter. MB/s is output bytes per second; peak-MB is the most the
// live heap grew above the store while exporting (a second copy of the
// graph would show as hundreds of MB at 1M nodes).
func BenchmarkExport(b *testing.B) {
	st := benchGraph(b)
	for _, f := range export.Formats() {
		b.Run(f.Name, func(b *testing.B) {
			var size int64
			var peak uint64
			for i := 0; i < b.N; i++ {
				runtime.GC()
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				base := ms.HeapAlloc
				var hi atomic.Uint64
				done := make(chan struct{})
				go func() {
					t := time.NewTicker(20 * time.Millisecond)
					defer t.Stop()
					var m runtime.MemStats
					for {
						select {
						case <-done:
							return
						case <-t.C:
							runtime.ReadMemStats(&m)
							if m.HeapAlloc > base && m.HeapAlloc-base > hi.Load() {
								hi.Store(m.HeapAlloc - base)
							}
						}
					}
				}()
				cw := &countWriter{}
				if err := f.Write(context.Background(), io.Writer(cw), st); err != nil {
					b.Fatal(err)
				}
				close(done)
				size = cw.n
				peak = max(peak, hi.Load())
			}
			b.SetBytes(size)
			b.ReportMetric(float64(size)/1e6, "out-MB")
			b.ReportMetric(float64(peak)/1e6, "peak-MB")
		})
	}
}
