// Package gen generates deterministic, realistic datasets for scale work:
// a power-law graph of people, organisations, offices, events and
// documents whose relationships carry evidence that quotes the generated
// documents verbatim, so that the dataset validator accepts them.
//
// Degrees follow a Chung-Lu model: node i gets weight (i+1)^(-1/(γ-1))
// with γ = 2.5 (the exponent of many social networks), both ends of each
// relationship are drawn in proportion to the weights, and ids are
// shuffled so that weight does not follow id order. Statuses are drawn
// 25% confirmed, 35% reported, 30% alleged, 10% disputed; a disputed
// relationship has a supporting and a denying evidence entry. 70% of
// relationships are dated, with year, month or day precision.
package gen

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/backchannel/backchannel/graph"
)

// Config says what to generate.
type Config struct {
	// Nodes is how many nodes (at least 1). The first three are
	// documents, for the evidence to quote.
	Nodes int
	// EdgesPerNode is the mean number of relationships per node
	// (default 5). A small graph gets fewer when its node types allow
	// fewer pairs (ten nodes have at most 45): then it gets every pair
	// they allow, one relationship each.
	EdgesPerNode int
	Seed         uint64
}

// Sink receives the generated dataset in order: every document's text,
// then every node, then every relationship.
type Sink interface {
	// Document gives the text of the document node id, and the file
	// name the node's file field will hold.
	Document(id, file, text string) error
	// Node gives a node; file is set for documents.
	Node(n graph.Node, file string) error
	Edge(e graph.Edge) error
}

// nodeTypes in proportion; documents are few and carry the texts.
var typeShares = []struct {
	t     graph.NodeType
	share float64
}{
	{graph.Person, 0.56}, {graph.Organization, 0.16}, {graph.Office, 0.08}, {graph.Event, 0.17}, {graph.Document, 0.03},
}

var (
	orgKinds   = []string{"government", "party", "agency", "consulate", "company", "media", "legislature", "ngo"}
	eventKinds = []string{"conversation", "meeting", "trial", "election", "detention", "call", "dinner"}
	docKinds   = []string{"article", "memo", "statement", "report", "transcript"}
	syllables  = []string{"an", "bel", "cor", "dan", "el", "fen", "gar", "hal", "ir", "jun", "kov", "lin", "mar", "nor", "ol", "pet", "quin", "ros", "sam", "tao", "ul", "vik", "wen", "xu", "yar", "zed"}
	places     = []string{"Don Valley North", "Ottawa Centre", "Toronto", "Vancouver", "Beijing", "Markham", "Montreal", "Calgary"}
	attributed = []string{"two national security sources", "a senior government official", "a spokesperson for the party", "court filings", "the publication's own reporting", "a former intelligence officer", "the minister's office, emailed statement", "a person with knowledge of the matter"}
	deniers    = []string{"the party named, emailed statement", "a lawyer for the person named", "the embassy, statement", "the office concerned, statement"}
)

// typeWeights: relative frequency of each relationship type; the
// generator picks among those whose endpoint rules allow the two nodes.
var typeWeights = map[string]float64{
	"CONTACTED": 10, "MEMBER_OF": 6, "HOLDS_OFFICE": 6, "PARTICIPATED_IN": 8, "MENTIONED_IN": 8, "PUBLISHED": 2,
	"ADVISED": 3, "BRIEFED": 3, "SUPPORTED": 3, "TARGETED": 2, "DIRECTED": 2, "PRESSED": 1, "INVESTIGATED": 1,
	"ACCUSED": 1, "DEFENDED": 1, "PROSECUTED": 0.5, "DETAINED": 0.3, "SPOKESPERSON_FOR": 1, "PART_OF": 2, "CITES": 2,
	"EMPLOYED_BY": 3, "DIRECTOR_OF": 1, "ASSOCIATE_OF": 3, "FAMILY_OF": 1, "OWNS": 0.5, "PAID": 0.5, "REPRESENTS": 0.5, "RELATED_TO": 0.2,
}

type generator struct {
	cfg    Config
	r      *rand.Rand
	types  []graph.NodeType // by node index
	ids    []string
	names  []string
	cum    []float64 // cumulative Chung-Lu weights, by node index
	docs   []int32   // document node indices
	texts  [][]string
	choice [5][5][]weighted // relationship types allowed by endpoint types
}

type weighted struct {
	name string
	cum  float64
}

// Stream generates the dataset and hands it to sink. It holds the node
// ids and names, the document texts and a set of the node pairs used
// (for 1M nodes and 5M relationships, about 400 MB), never the
// relationships.
func Stream(cfg Config, sink Sink) error {
	if cfg.Nodes < 1 || cfg.Nodes > maxNodes {
		return fmt.Errorf("%w: generate %d nodes: want 1 to %d", graph.ErrInvalid, cfg.Nodes, maxNodes)
	}
	if cfg.EdgesPerNode == 0 {
		cfg.EdgesPerNode = 5
	}
	if cfg.EdgesPerNode < 1 || cfg.EdgesPerNode > 100 {
		return fmt.Errorf("%w: %d relationships per node: want 1 to 100", graph.ErrInvalid, cfg.EdgesPerNode)
	}
	g := &generator{cfg: cfg, r: rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x5bd1e995))}
	g.nodes()
	g.relationshipTypes()
	for i, d := range g.docs {
		if err := sink.Document(g.ids[d], docFile(g.ids[d]), strings.Join(g.texts[i], " ")+"\n"); err != nil {
			return err
		}
	}
	for i := range g.ids {
		n, file := g.node(i)
		if err := sink.Node(n, file); err != nil {
			return err
		}
	}
	return g.edges(sink)
}

// maxNodes keeps node indices in an int32.
const maxNodes = 1<<31 - 1

func docFile(id string) string { return "docs/" + strings.ReplaceAll(id, ":", "-") + ".txt" }

func typeIndex(t graph.NodeType) int { return slices.Index(graph.NodeTypes, t) }

func (g *generator) nodes() {
	n := g.cfg.Nodes
	g.types = make([]graph.NodeType, n)
	g.ids = make([]string, n)
	g.names = make([]string, n)
	count := map[graph.NodeType]int{}
	for i := range n {
		x := g.r.Float64()
		t := typeShares[len(typeShares)-1].t
		for _, s := range typeShares {
			if x < s.share {
				t = s.t
				break
			}
			x -= s.share
		}
		// at least a few documents, for the evidence
		if i < 3 {
			t = graph.Document
		}
		count[t]++
		g.types[i] = t
		prefix := map[graph.NodeType]string{graph.Person: "person", graph.Organization: "org", graph.Office: "office", graph.Event: "event", graph.Document: "doc"}[t]
		g.ids[i] = fmt.Sprintf("%s:g%07d", prefix, count[t])
		g.names[i] = g.name(t)
		if t == graph.Document {
			g.docs = append(g.docs, int32(i))
		}
	}
	// Chung-Lu weights on a random permutation of the nodes.
	perm := g.r.Perm(n)
	w := make([]float64, n)
	for rank, i := range perm {
		w[i] = math.Pow(float64(rank+1), -1/(2.5-1))
	}
	g.cum = make([]float64, n)
	var sum float64
	for i, x := range w {
		sum += x
		g.cum[i] = sum
	}
	g.texts = make([][]string, len(g.docs))
	for i := range g.docs {
		g.texts[i] = g.text()
	}
}

func (g *generator) word() string {
	var b strings.Builder
	for range 2 + g.r.IntN(2) {
		b.WriteString(syllables[g.r.IntN(len(syllables))])
	}
	s := b.String()
	return strings.ToUpper(s[:1]) + s[1:]
}

func (g *generator) name(t graph.NodeType) string {
	switch t {
	case graph.Person:
		return g.word() + " " + g.word()
	case graph.Organization:
		return g.word() + " " + []string{"Group", "Party", "Agency", "Holdings", "Media", "Council", "Association"}[g.r.IntN(7)]
	case graph.Office:
		return "Member of Parliament for " + places[g.r.IntN(len(places))] + " " + g.word()
	case graph.Event:
		return "Meeting at " + g.word() + " House"
	}
	return "Report on " + g.word() + " " + g.word()
}

// text is a document: a dozen sentences (about 1 KB) naming random
// people and organisations. Evidence quotes whole sentences.
func (g *generator) text() []string {
	templates := []string{
		"%s met %s on several occasions, according to people familiar with the matter.",
		"Records reviewed by the publication show that %s was in regular contact with %s.",
		"%s denied any wrongdoing and said the conversation with %s was routine.",
		"Officials briefed %s about concerns involving %s, the sources said.",
		"%s, who declined to comment, has been linked to %s since at least the last election.",
		"In a statement, %s said it had never directed %s.",
		"The memo describes how %s sought to influence %s through intermediaries.",
		"%s later confirmed that a meeting with %s had taken place.",
	}
	out := make([]string, 10+g.r.IntN(6))
	for i := range out {
		a, b := g.names[g.r.IntN(len(g.names))], g.names[g.r.IntN(len(g.names))]
		out[i] = fmt.Sprintf(templates[g.r.IntN(len(templates))], a, b)
	}
	return out
}

func (g *generator) node(i int) (graph.Node, string) {
	t := g.types[i]
	n := graph.Node{ID: g.ids[i], Type: t, Name: g.names[i], Aliases: []string{}}
	// deterministic per node, independent of the main stream
	r := rand.New(rand.NewPCG(g.cfg.Seed, uint64(i)))
	switch t {
	case graph.Person:
		n.Aliases = []string{strings.Fields(g.names[i])[1]}
	case graph.Organization:
		n.Kind = orgKinds[r.IntN(len(orgKinds))]
	case graph.Event:
		n.Kind = eventKinds[r.IntN(len(eventKinds))]
		n.Date = randomDate(r)
	case graph.Document:
		n.Kind = docKinds[r.IntN(len(docKinds))]
		n.Date = graph.Date(fmt.Sprintf("%04d-%02d-%02d", 2000+r.IntN(24), 1+r.IntN(12), 1+r.IntN(28)))
		n.URL = "https://example.org/" + strings.ReplaceAll(n.ID, ":", "/")
		return n, docFile(n.ID)
	}
	return n, ""
}

func randomDate(r *rand.Rand) graph.Date {
	y := 1995 + r.IntN(29)
	switch x := r.Float64(); {
	case x < 0.3:
		return graph.Date(fmt.Sprintf("%04d", y))
	case x < 0.7:
		return graph.Date(fmt.Sprintf("%04d-%02d", y, 1+r.IntN(12)))
	default:
		return graph.Date(fmt.Sprintf("%04d-%02d-%02d", y, 1+r.IntN(12), 1+r.IntN(28)))
	}
}

func (g *generator) relationshipTypes() {
	for si, st := range graph.NodeTypes {
		for ti, tt := range graph.NodeTypes {
			var sum float64
			var list []weighted
			for _, et := range graph.EdgeTypes {
				if w := typeWeights[et.Name]; w > 0 && et.Allows(st, tt) {
					sum += w
					list = append(list, weighted{et.Name, sum})
				}
			}
			g.choice[si][ti] = list
		}
	}
}

func (g *generator) pick() int32 {
	x := g.r.Float64() * g.cum[len(g.cum)-1]
	i, _ := slices.BinarySearch(g.cum, x)
	return int32(min(i, len(g.cum)-1))
}

// edges draws Nodes*EdgesPerNode distinct node pairs (in either
// direction, at most one relationship per pair), each end in proportion
// to the weights, among the pairs some relationship type allows.
//
// Pairs of two light nodes are rarely drawn, so when a small graph asks
// for (nearly) every pair it allows, drawing would all but stop: after a
// long run of draws that find no new pair, the pairs left are listed and
// taken in random order instead. Asking for more pairs than the node
// types allow gets all of them.
func (g *generator) edges(sink Sink) error {
	m := min(g.cfg.Nodes*g.cfg.EdgesPerNode, g.pairsAllowed())
	used := make(map[uint64]struct{}, m)
	key := func(a, b int32) uint64 { return uint64(a)<<32 | uint64(uint32(b)) }
	misses := 0
	for made := 0; made < m; {
		if misses > 64*m+1024 && len(g.ids) <= maxListed {
			return g.remainingPairs(sink, used, m-made)
		}
		s, t := g.pick(), g.pick()
		if s == t {
			misses++
			continue
		}
		if _, dup := used[key(s, t)]; dup {
			misses++
			continue
		}
		if _, dup := used[key(t, s)]; dup {
			misses++
			continue
		}
		list := g.choice[typeIndex(g.types[s])][typeIndex(g.types[t])]
		if len(list) == 0 {
			misses++
			continue
		}
		misses = 0
		used[key(s, t)] = struct{}{}
		made++
		if err := sink.Edge(g.edge(s, t, g.pickType(list))); err != nil {
			return err
		}
	}
	return nil
}

// maxListed bounds the graphs whose remaining pairs may be listed (n²/2
// checks).
const maxListed = 20_000

// pairsAllowed counts the unordered node pairs that some relationship
// type allows in one direction or the other.
func (g *generator) pairsAllowed() int {
	var count [5]int
	for _, t := range g.types {
		count[typeIndex(t)]++
	}
	total := 0
	for a := range count {
		for b := a; b < len(count); b++ {
			if len(g.choice[a][b]) == 0 && len(g.choice[b][a]) == 0 {
				continue
			}
			if a == b {
				total += count[a] * (count[a] - 1) / 2
			} else {
				total += count[a] * count[b]
			}
		}
	}
	return total
}

// remainingPairs emits k relationships on pairs not yet used, taken in
// random order from the list of every pair left.
func (g *generator) remainingPairs(sink Sink, used map[uint64]struct{}, k int) error {
	key := func(a, b int32) uint64 { return uint64(a)<<32 | uint64(uint32(b)) }
	var left [][2]int32
	n := int32(len(g.ids))
	for a := range n {
		for b := a + 1; b < n; b++ {
			if _, dup := used[key(a, b)]; dup {
				continue
			}
			if _, dup := used[key(b, a)]; dup {
				continue
			}
			ab := len(g.choice[typeIndex(g.types[a])][typeIndex(g.types[b])]) > 0
			ba := len(g.choice[typeIndex(g.types[b])][typeIndex(g.types[a])]) > 0
			switch {
			case ab && ba && g.r.IntN(2) == 1, !ab && ba:
				left = append(left, [2]int32{b, a})
			case ab:
				left = append(left, [2]int32{a, b})
			}
		}
	}
	g.r.Shuffle(len(left), func(i, j int) { left[i], left[j] = left[j], left[i] })
	for _, p := range left[:min(k, len(left))] {
		list := g.choice[typeIndex(g.types[p[0]])][typeIndex(g.types[p[1]])]
		if err := sink.Edge(g.edge(p[0], p[1], g.pickType(list))); err != nil {
			return err
		}
	}
	return nil
}

// pickType draws a relationship type from list by weight.
func (g *generator) pickType(list []weighted) string {
	x := g.r.Float64() * list[len(list)-1].cum
	j, _ := slices.BinarySearchFunc(list, x, func(w weighted, x float64) int {
		if w.cum < x {
			return -1
		}
		return 1
	})
	return list[min(j, len(list)-1)].name
}

func (g *generator) edge(s, t int32, typ string) graph.Edge {
	e := graph.Edge{
		ID: g.ids[s] + ">" + typ + ">" + g.ids[t], Source: g.ids[s], Target: g.ids[t], Type: typ,
	}
	switch x := g.r.Float64(); {
	case x < 0.25:
		e.Status = graph.Confirmed
	case x < 0.60:
		e.Status = graph.Reported
	case x < 0.90:
		e.Status = graph.Alleged
	default:
		e.Status = graph.Disputed
	}
	if g.r.Float64() < 0.7 {
		e.Date = randomDate(g.r)
		if g.r.Float64() < 0.15 {
			y := e.Date.Start().Year() + 1 + g.r.IntN(5)
			e.EndDate = graph.Date(fmt.Sprintf("%04d", y))
		}
	}
	supports := 1 + g.r.IntN(3)
	if e.Status == graph.Confirmed {
		supports = 1 + g.r.IntN(2)
	}
	for range supports {
		e.Evidence = append(e.Evidence, g.evidence(graph.Supports, attributed[g.r.IntN(len(attributed))]))
	}
	if e.Status == graph.Disputed {
		e.Evidence = append(e.Evidence, g.evidence(graph.Denies, deniers[g.r.IntN(len(deniers))]))
	}
	return e
}

func (g *generator) evidence(stance graph.Stance, who string) graph.Evidence {
	d := g.r.IntN(len(g.docs))
	sentences := g.texts[d]
	return graph.Evidence{
		Document:     g.ids[g.docs[d]],
		Quote:        sentences[g.r.IntN(len(sentences))],
		AttributedTo: who,
		Stance:       stance,
	}
}
