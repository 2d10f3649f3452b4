package analysis

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// yen returns the k best loopless paths (Yen 1971): each next path
// deviates from an accepted one at a spur node, with the accepted paths'
// next hops from the same root removed and the root's nodes blocked.
// Paths are ranked by hops then evidence cost, or (weighted) cost then
// hops; remaining ties by relationship indices, so the answer is
// deterministic. In hop mode the spur searches minimise hops only, so
// among paths of equal length the cheaper one wins only once both are
// candidates.
func (sr *search) yen(ctx context.Context, src, dst int32, k int) ([]ipath, error) {
	first, ok := sr.find(src, dst)
	if !ok {
		return nil, nil
	}
	accepted := []ipath{sr.costed(first)}
	var candidates []ipath
	seen := map[string]bool{pathKey(first): true}
	maxHops := sr.maxHops
	defer func() { sr.maxHops, sr.bannedNodes, sr.bannedEdges = maxHops, nil, nil }()
	for len(accepted) < k {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("k shortest paths: %w", err)
		}
		prev := accepted[len(accepted)-1]
		for i := 0; i < len(prev.via); i++ {
			spur := prev.nodes[i]
			banned := map[int32]bool{}
			for _, a := range accepted {
				if len(a.via) > i && slices.Equal(a.via[:i], prev.via[:i]) && slices.Equal(a.nodes[:i+1], prev.nodes[:i+1]) {
					banned[edgeOf(a.via[i])] = true
				}
			}
			sr.bannedEdges = banned
			sr.bannedNodes = prev.nodes[:i]
			sr.maxHops = 0
			if maxHops > 0 {
				if maxHops-i <= 0 {
					continue
				}
				sr.maxHops = maxHops - i
			}
			tail, ok := sr.find(spur, dst)
			if !ok {
				continue
			}
			cand := ipath{
				nodes: append(slices.Clone(prev.nodes[:i]), tail.nodes...),
				via:   append(slices.Clone(prev.via[:i]), tail.via...),
			}
			key := pathKey(cand)
			if seen[key] {
				continue
			}
			seen[key] = true
			candidates = append(candidates, sr.costed(cand))
		}
		if len(candidates) == 0 {
			break
		}
		best := 0
		for j := 1; j < len(candidates); j++ {
			if sr.better(candidates[j], candidates[best]) {
				best = j
			}
		}
		accepted = append(accepted, candidates[best])
		candidates = slices.Delete(candidates, best, best+1)
	}
	return accepted, nil
}

// costed sets ip.cost to the ranking cost: hops, or evidence cost.
func (sr *search) costed(ip ipath) ipath {
	if !sr.weighted {
		ip.cost = float64(len(ip.via))
		return ip
	}
	ip.cost = 0
	for _, via := range ip.via {
		ip.cost += sr.p.EdgeCost(edgeOf(via))
	}
	return ip
}

// better orders candidate paths; costs within 1e-9 count as equal.
func (sr *search) better(a, b ipath) bool {
	if d := a.cost - b.cost; d < -1e-9 || d > 1e-9 {
		return d < 0
	}
	if len(a.via) != len(b.via) {
		return len(a.via) < len(b.via)
	}
	// equal hops: the better established path first
	if ca, cb := sr.evidenceCost(a), sr.evidenceCost(b); ca != cb {
		return ca < cb
	}
	return pathKey(a) < pathKey(b)
}

func (sr *search) evidenceCost(ip ipath) float64 {
	var c float64
	for _, via := range ip.via {
		c += sr.p.EdgeCost(edgeOf(via))
	}
	return c
}

func pathKey(ip ipath) string {
	var b strings.Builder
	for _, v := range ip.via {
		fmt.Fprintf(&b, "%d,", v)
	}
	return b.String()
}
