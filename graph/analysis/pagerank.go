package analysis

import (
	"context"
	"fmt"
	"math"

	"github.com/backchannel/backchannel/graph"
)

// PageRank returns PageRank on the directed graph (relationships point
// from source to target; parallel relationships add up), as networkx's
// pagerank: damping damp (networkx: 0.85), uniform teleport, and the rank
// of nodes without out-relationships spread uniformly. It iterates from
// the uniform vector until the L1 change of an iteration is below tol or
// maxIter iterations pass (networkx stops at N x 1e-6, which is loose on
// large graphs: pass 1e-10 to compare). Scores sum to 1. It returns the
// scores and the number of iterations. Each iteration pulls along the
// in-rows, split across cores; O(M) per iteration.
//
// This is plain power iteration (Jacobi). Gauss-Seidel sweeps were tried
// and converged more slowly on generated graphs (92 iterations instead of
// 26 at 1e-10), because the dangling nodes' mass, which dominates there,
// can only be redistributed once per sweep.
//
// Two things make an iteration cheap, since on large graphs it is bound
// by memory traffic and by the random reads of the neighbours' shares:
//
//   - The state is one array, y[v] = x[v]/outdeg(v) (x[v] itself for
//     nodes without out-relationships, which no in-row ever reads), so an
//     iteration streams the in-rows, a byte of in- and of out-degree per
//     node, y and the next y, and gathers from y; x is rebuilt at the end.
//   - The first iterations run in float32, which halves the bytes
//     gathered and streamed, until the change is below warmTolerance (or
//     stops shrinking, or tol is loose enough); the float32 vector is
//     then renormalised and the float64 iterations finish from it. The
//     stopping test is always a float64 iteration's change, so the
//     result is as precise as float64 all the way (checked against the
//     float64-only iteration in TestPageRankMixedPrecision).
func (p *Projection) PageRank(ctx context.Context, damp, tol float64, maxIter int) ([]float64, int, error) {
	return p.pageRank(ctx, damp, tol, maxIter, p.N() >= minMixedPrecision)
}

// pageRank is PageRank, with the float32 warm-up or without.
func (p *Projection) pageRank(ctx context.Context, damp, tol float64, maxIter int, mixed bool) ([]float64, int, error) {
	n := p.N()
	if n == 0 {
		return nil, 0, nil
	}
	if damp < 0 || damp >= 1 || tol <= 0 || maxIter < 1 {
		return nil, 0, fmt.Errorf("%w: pagerank damping %g, tolerance %g, iterations %d: want 0 <= damping < 1, tolerance > 0, iterations >= 1", graph.ErrInvalid, damp, tol, maxIter)
	}
	pr := pagerank{p: p, damp: damp, chunks: p.splitByInEdges(pagerankChunks * workers())}
	pr.inLen, pr.outLen = degreeBytes(p.inOff), degreeBytes(p.outOff)
	pr.diffs = make([]float64, len(pr.chunks))
	pr.dangs = make([]float64, len(pr.chunks))
	iter := 0
	y := make([]float64, n)
	warm := max(warmTolerance, 100*tol)
	if mixed && maxIter > 1 {
		y32, it, err := pr.warmUp(ctx, warm, maxIter-1)
		iter += it
		if err != nil {
			return nil, iter, err
		}
		pr.widen(y32, y)
	} else {
		for v := range n {
			if d := p.outDegree(int32(v)); d > 0 {
				y[v] = 1 / float64(n) / float64(d)
			} else {
				y[v] = 1 / float64(n)
			}
		}
	}
	pr.dangling = pr.danglingMass64(y)
	next := make([]float64, n)
	for iter < maxIter {
		if err := ctx.Err(); err != nil {
			return nil, iter, fmt.Errorf("pagerank: %w", err)
		}
		iter++
		base := (1-damp)/float64(n) + damp*pr.dangling/float64(n)
		parallelChunks(pr.chunks, func(c int, lo, hi int32) {
			pr.diffs[c], pr.dangs[c] = pagerankStep(&pr, y, next, lo, hi, base, damp, true)
		})
		y, next = next, y
		if pr.sum() < tol {
			break
		}
	}
	for v := range n {
		if d := p.outDegree(int32(v)); d > 0 {
			y[v] *= float64(d)
		}
	}
	return y, iter, nil
}

// warmTolerance is the L1 change at which PageRank leaves float32: a
// float32 vector of sum 1 holds each score to about 6e-8 relative, so its
// iterations stop improving somewhat below 1e-6 on large graphs.
const warmTolerance = 1e-6

// pagerankChunks is how many pieces per core an iteration is cut into.
// parallelChunks runs a goroutine per piece, so the cores take pieces as
// they come free: on a shared machine, where another job may hold a core
// for a while, fixed halves would make every iteration wait for the
// slower one. The per-piece sums are added in piece order, so results do
// not depend on the scheduling.
var pagerankChunks = 32

// warmCheckEvery is how often the float32 warm-up measures its change.
const warmCheckEvery = 4

// minMixedPrecision is the size below which PageRank runs in float64
// only: small graphs fit in cache, and gain nothing.
const minMixedPrecision = 1 << 16

// pagerank holds one computation's split and per-chunk sums.
type pagerank struct {
	p            *Projection
	damp         float64
	chunks       [][2]int32
	diffs, dangs []float64
	dangling     float64
	// in- and out-degree by node, saturated at 255 (then read from the
	// offsets): an iteration streams these 2 bytes per node instead of 8
	// bytes of offsets
	inLen, outLen []uint8
}

// degreeBytes returns each row's length from off, saturated at 255.
func degreeBytes(off []int32) []uint8 {
	b := make([]uint8, len(off)-1)
	for v := range b {
		b[v] = uint8(min(off[v+1]-off[v], 255))
	}
	return b
}

// sum adds up the chunks' changes and dangling mass; it returns the
// iteration's L1 change and keeps the dangling mass for the next one.
func (pr *pagerank) sum() float64 {
	var diff float64
	pr.dangling = 0
	for c := range pr.chunks {
		diff += pr.diffs[c]
		pr.dangling += pr.dangs[c]
	}
	return diff
}

// warmUp iterates in float32 from the uniform vector until the change is
// below warm, stops shrinking, or maxIter iterations pass.
func (pr *pagerank) warmUp(ctx context.Context, warm float64, maxIter int) ([]float32, int, error) {
	p, n := pr.p, pr.p.N()
	y := make([]float32, n)
	next := make([]float32, n)
	for v := range n {
		if d := p.outDegree(int32(v)); d > 0 {
			y[v] = float32(1 / float64(n) / float64(d))
		} else {
			y[v] = float32(1 / float64(n))
			pr.dangling += 1 / float64(n)
		}
	}
	prev := math.Inf(1)
	iter := 0
	for iter < maxIter {
		if err := ctx.Err(); err != nil {
			return nil, iter, fmt.Errorf("pagerank: %w", err)
		}
		iter++
		// The change is measured every warmCheckEvery iterations only: it
		// costs a read of the whole state, and a few float32 iterations
		// past the threshold only leave less for float64 to do.
		check := iter%warmCheckEvery == 0
		base := float32((1-pr.damp)/float64(n) + pr.damp*pr.dangling/float64(n))
		parallelChunks(pr.chunks, func(c int, lo, hi int32) {
			pr.diffs[c], pr.dangs[c] = pagerankStep(pr, y, next, lo, hi, base, float32(pr.damp), check)
		})
		y, next = next, y
		diff := pr.sum()
		if !check {
			continue
		}
		// stalled: float32 cannot get closer
		if diff < warm || diff > 0.5*prev {
			break
		}
		prev = diff
	}
	return y, iter, nil
}

// widen copies the float32 state into y, rescaled so that the scores sum
// to 1 exactly (float32 rounding drifts the sum, and the iteration
// preserves whatever sum it starts from).
func (pr *pagerank) widen(y32 []float32, y []float64) {
	p := pr.p
	var sum float64
	for v, s := range y32 {
		y[v] = float64(s)
		if d := p.outDegree(int32(v)); d > 0 {
			sum += y[v] * float64(d)
		} else {
			sum += y[v]
		}
	}
	for v := range y {
		y[v] /= sum
	}
}

// danglingMass64 is the total score of the nodes without
// out-relationships.
func (pr *pagerank) danglingMass64(y []float64) float64 {
	var m float64
	for v := range y {
		if pr.p.outDegree(int32(v)) == 0 {
			m += y[v]
		}
	}
	return m
}

// pagerankStep computes the next state of nodes lo..hi-1 from y into
// next, in float32 or float64, and returns their L1 change (0 without
// check, which then does not read the old state) and the next dangling
// mass, both summed in float64. It reads the arrays into locals first, so
// that the compiler keeps their headers in registers. (float32 and
// float64 are different shapes to the compiler, so each gets its own
// specialised code.)
func pagerankStep[F float32 | float64](pr *pagerank, y, next []F, lo, hi int32, base, damp F, check bool) (diff, dang float64) {
	inOff, inAdj, outOff, inLen, outLen := pr.p.inOff, pr.p.inAdj, pr.p.outOff, pr.inLen, pr.outLen
	k := inOff[lo]
	for v := lo; v < hi; v++ {
		l := int32(inLen[v])
		if l == 255 {
			l = inOff[v+1] - inOff[v]
		}
		var sum F
		for _, u := range inAdj[k : k+l] {
			sum += y[u]
		}
		k += l
		nv := base + damp*sum
		d := int32(outLen[v])
		if d == 255 {
			d = outOff[v+1] - outOff[v]
		}
		if d > 0 {
			fd := F(d)
			if check {
				diff += math.Abs(float64(nv - y[v]*fd))
			}
			next[v] = nv / fd
		} else {
			if check {
				diff += math.Abs(float64(nv - y[v]))
			}
			dang += float64(nv)
			next[v] = nv
		}
	}
	return diff, dang
}

// outDegree is the number of relationships leaving v.
func (p *Projection) outDegree(v int32) int32 { return p.outOff[v+1] - p.outOff[v] }
