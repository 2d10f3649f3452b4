package analysis

// The path search asks for the degree of every node it reaches, to pick
// the cheaper side to grow. From the offsets that is two cache misses
// (out and in) per node on a large graph; deg8 answers from one byte per
// node, a megabyte on a million nodes, which stays in the cache. Degrees
// of 255 and more are rare (the hubs), and read from the offsets.
const deg8Saturated = 255

// buildDeg8 sets p.deg8 from the offsets.
func (p *Projection) buildDeg8() {
	n := p.N()
	p.deg8 = make([]uint8, n)
	for v := range int32(n) {
		p.deg8[v] = uint8(min(p.outOff[v+1]-p.outOff[v]+p.inOff[v+1]-p.inOff[v], deg8Saturated))
	}
}

// degree is the number of relationships of v, both directions.
func (p *Projection) degree(v int32) int64 {
	if d := p.deg8[v]; d < deg8Saturated {
		return int64(d)
	}
	return int64(p.outOff[v+1]-p.outOff[v]) + int64(p.inOff[v+1]-p.inOff[v])
}

// DegreeKind chooses which relationships Degree counts.
type DegreeKind int

// Degree returns each node's number of relationships (in, out, or both),
// divided by N-1 like networkx's degree_centrality, in_degree_centrality
// and out_degree_centrality on a MultiDiGraph: parallel relationships
// count separately, as they are separate claims. O(N).
func (p *Projection) Degree(kind DegreeKind) []float64 {
	n := p.N()
	out := make([]float64, n)
	scale := 1.0
	if n > 1 {
		scale = 1 / float64(n-1)
	}
	for v := range n {
		var d int32
		if kind != DegreeIn {
			d += p.outOff[v+1] - p.outOff[v]
		}
		if kind != DegreeOut {
			d += p.inOff[v+1] - p.inOff[v]
		}
		out[v] = float64(d) * scale
	}
	return out
}

// The degree kinds.
const (
	DegreeTotal DegreeKind = iota
	DegreeIn
	DegreeOut
)
