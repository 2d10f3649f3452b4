package mem

import (
	"bufio"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/backchannel/backchannel/graph"
)

// A snapshot file holds a loaded store as it sits in memory, so that a
// large graph starts without parsing and checking its JSON again:
//
//	magic "BCMEMSN2"
//	uvarint counts: nodes, edges, aliases, evidence entries, normalised
//	  names, word starts, adjacency entries
//	uvarint length of the string table, then the string table: every
//	  string of the graph once (repeated ones, such as quotes, types and
//	  statuses, stored once)
//	uvarint length of the records, then the records, all uvarints:
//	  nodes, edges (endpoints by node index), normalised names, word
//	  starts, adjacency offsets and entries, then the documents' texts:
//	  their count, and (node index, text) for each, by node index
//
// A string is an (offset, length) pair into the table. Reading builds
// every string as a slice of the one table, every alias, evidence and
// normalised-name list as a slice of one shared array, and recomputes
// only the id map and the counts, so a million nodes and five million
// relationships load in seconds with few allocations.
const snapshotMagic = "BCMEMSN2"

// WriteSnapshot writes the store's current graph to w (see ReadSnapshot).
// tmpDir holds the records while the string table is gathered ("" for
// the system's temporary directory).
func (s *Store) WriteSnapshot(ctx context.Context, w io.Writer, tmpDir string) (err error) {
	g := s.snap.Load()
	rec, err := os.CreateTemp(tmpDir, "backchannel-snapshot-*")
	if err != nil {
		return fmt.Errorf("snapshot: %w", err)
	}
	defer func() {
		rec.Close() // a temporary file: its close error loses nothing kept
		if rerr := os.Remove(rec.Name()); rerr != nil && err == nil {
			err = fmt.Errorf("snapshot: %w", rerr)
		}
	}()
	e := &encoder{w: bufio.NewWriterSize(rec, 1<<20), seen: map[string]uint64{}}
	counts, err := g.encode(ctx, e)
	if err != nil {
		return err
	}
	if err := e.w.Flush(); err != nil {
		return fmt.Errorf("snapshot: write %s: %w", rec.Name(), err)
	}
	size, err := rec.Seek(0, io.SeekCurrent)
	if err != nil {
		return fmt.Errorf("snapshot: %w", err)
	}
	if _, err := rec.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("snapshot: %w", err)
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	bw.WriteString(snapshotMagic)
	for _, c := range counts {
		writeUvarint(bw, c)
	}
	writeUvarint(bw, uint64(e.table.Len()))
	bw.WriteString(e.table.String())
	writeUvarint(bw, uint64(size))
	if _, err := io.Copy(bw, rec); err != nil {
		return fmt.Errorf("snapshot: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("snapshot: %w", err)
	}
	return nil
}

func writeUvarint(w *bufio.Writer, x uint64) {
	var buf [binary.MaxVarintLen64]byte
	w.Write(buf[:binary.PutUvarint(buf[:], x)])
}

// encoder writes records and gathers the string table. seen remembers
// the strings likely to repeat (everything but ids), so each is stored
// once.
type encoder struct {
	w     *bufio.Writer // errors surface at Flush
	table strings.Builder
	seen  map[string]uint64
}

func (e *encoder) uint(x uint64) { writeUvarint(e.w, x) }

// str writes a string stored once; unique writes one that is not worth
// remembering (ids).
func (e *encoder) str(s string) {
	off, ok := e.seen[s]
	if !ok {
		off = uint64(e.table.Len())
		e.table.WriteString(s)
		e.seen[s] = off
	}
	e.uint(off)
	e.uint(uint64(len(s)))
}

func (e *encoder) unique(s string) {
	e.uint(uint64(e.table.Len()))
	e.uint(uint64(len(s)))
	e.table.WriteString(s)
}

// list writes a length that tells nil (0) from empty (1).
func listLen[T any](l []T) uint64 {
	if l == nil {
		return 0
	}
	return uint64(len(l)) + 1
}

func (e *encoder) props(p map[string]string) {
	if p == nil {
		e.uint(0)
		return
	}
	e.uint(uint64(len(p)) + 1)
	for _, k := range slices.Sorted(maps.Keys(p)) {
		e.str(k)
		e.str(p[k])
	}
}

func (g *snapshot) encode(ctx context.Context, e *encoder) ([]uint64, error) {
	var aliases, evidence, norms uint64
	for i := range g.nodes {
		if i%65536 == 0 && ctx.Err() != nil {
			return nil, fmt.Errorf("snapshot: %w", ctx.Err())
		}
		n := &g.nodes[i]
		e.unique(n.ID)
		e.str(string(n.Type))
		e.str(n.Name)
		e.uint(listLen(n.Aliases))
		for _, a := range n.Aliases {
			e.str(a)
		}
		aliases += uint64(len(n.Aliases))
		e.str(n.Description)
		e.str(n.Kind)
		e.str(string(n.Date))
		e.str(n.URL)
		e.props(n.Props)
		e.uint(uint64(len(g.norm[i])))
		for _, nn := range g.norm[i] {
			e.str(nn)
		}
		norms += uint64(len(g.norm[i]))
	}
	for i := range g.edges {
		if i%65536 == 0 && ctx.Err() != nil {
			return nil, fmt.Errorf("snapshot: %w", ctx.Err())
		}
		ed := &g.edges[i]
		e.unique(ed.ID)
		e.uint(uint64(g.nodeIdx[ed.Source]))
		e.uint(uint64(g.nodeIdx[ed.Target]))
		e.str(ed.Type)
		e.str(string(ed.Status))
		e.str(string(ed.Date))
		e.str(string(ed.EndDate))
		e.str(ed.Description)
		e.uint(listLen(ed.Evidence))
		for _, ev := range ed.Evidence {
			e.str(ev.Document)
			e.str(ev.Quote)
			e.str(ev.AttributedTo)
			e.str(string(ev.Stance))
		}
		evidence += uint64(len(ed.Evidence))
		e.props(ed.Props)
	}
	for _, w := range g.words {
		e.uint(uint64(w.node))
		e.uint(uint64(w.name))
		e.uint(uint64(w.pos))
	}
	for _, o := range g.adjOff {
		e.uint(uint64(o))
	}
	for _, a := range g.adj {
		e.uint(uint64(a))
	}
	textIDs := slices.Sorted(maps.Keys(g.texts))
	e.uint(uint64(len(textIDs)))
	for _, id := range textIDs {
		e.uint(uint64(g.nodeIdx[id]))
		e.str(g.texts[id])
	}
	return []uint64{uint64(len(g.nodes)), uint64(len(g.edges)), aliases, evidence, norms, uint64(len(g.words)), uint64(len(g.adj))}, nil
}

// errCorrupt: the snapshot does not hold what its header says.
var errCorrupt = errors.New("snapshot is corrupt or from another version")

// ReadSnapshot loads a store from a snapshot of size bytes written by
// WriteSnapshot. A snapshot that is cut short or damaged is an error,
// never a panic.
func ReadSnapshot(r io.Reader, size int64) (*Store, error) {
	br := bufio.NewReaderSize(r, 1<<20)
	magic := make([]byte, len(snapshotMagic))
	if _, err := io.ReadFull(br, magic); err != nil || string(magic) != snapshotMagic {
		return nil, fmt.Errorf("read snapshot: %w", errCorrupt)
	}
	var counts [7]uint64
	for i := range counts {
		c, err := binary.ReadUvarint(br)
		if err != nil || c > math.MaxInt32 {
			return nil, fmt.Errorf("read snapshot: %w", errCorrupt)
		}
		counts[i] = c
	}
	n, err := sectionLen(br, size)
	if err != nil {
		return nil, err
	}
	var table strings.Builder
	table.Grow(n)
	if _, err := io.CopyN(&table, br, int64(n)); err != nil {
		return nil, fmt.Errorf("read snapshot: %w (%v)", errCorrupt, err)
	}
	if n, err = sectionLen(br, size); err != nil {
		return nil, err
	}
	records := make([]byte, n)
	if _, err := io.ReadFull(br, records); err != nil {
		return nil, fmt.Errorf("read snapshot: %w (%v)", errCorrupt, err)
	}
	d := &decoder{buf: records, table: table.String()}
	g, err := d.snapshot(counts)
	if err != nil {
		return nil, fmt.Errorf("read snapshot: %w", err)
	}
	s := New()
	g.version = fmt.Sprintf("embedded-%d", s.loads.Add(1))
	s.snap.Store(g)
	return s, nil
}

// sectionLen reads a section's length, which cannot exceed the file.
func sectionLen(br *bufio.Reader, size int64) (int, error) {
	n, err := binary.ReadUvarint(br)
	if err != nil || n > uint64(size) {
		return 0, fmt.Errorf("read snapshot: %w", errCorrupt)
	}
	return int(n), nil
}

// decoder reads records; the first error sticks and later reads return
// zeros.
type decoder struct {
	buf   []byte
	table string
	err   error
}

func (d *decoder) uint() uint64 {
	if d.err != nil {
		return 0
	}
	x, n := binary.Uvarint(d.buf)
	if n <= 0 {
		d.err = errCorrupt
		return 0
	}
	d.buf = d.buf[n:]
	return x
}

// index reads a number below limit.
func (d *decoder) index(limit int) int32 {
	x := d.uint()
	if x >= uint64(limit) {
		d.fail()
		return 0
	}
	return int32(x)
}

func (d *decoder) fail() {
	if d.err == nil {
		d.err = errCorrupt
	}
}

func (d *decoder) str() string {
	off, n := d.uint(), d.uint()
	if off > uint64(len(d.table)) || n > uint64(len(d.table))-off {
		d.fail()
		return ""
	}
	return d.table[off : off+n]
}

// list reads a length written by listLen and takes that many entries
// from pool: nil, empty, or a slice whose capacity ends at its length
// (so an append by a caller cannot overwrite the next entry's).
func list[T any](d *decoder, pool *[]T, read func() T) []T {
	n := d.uint()
	if n == 0 {
		return nil
	}
	n--
	if n > uint64(cap(*pool)-len(*pool)) {
		d.fail()
		return []T{}
	}
	start := len(*pool)
	for range n {
		*pool = append(*pool, read())
	}
	return (*pool)[start:len(*pool):len(*pool)]
}

func (d *decoder) props() map[string]string {
	n := d.uint()
	if n == 0 {
		return nil
	}
	if n-1 > uint64(len(d.buf)) {
		d.fail()
		return nil
	}
	p := make(map[string]string, n-1)
	for range n - 1 {
		k := d.str()
		p[k] = d.str()
	}
	return p
}

func (d *decoder) snapshot(c [7]uint64) (*snapshot, error) {
	nNodes, nEdges := int(c[0]), int(c[1])
	// Every count bounds an allocation: a damaged header must not ask for
	// more than the records could hold (at least one byte per entry).
	for _, x := range c {
		if x > uint64(len(d.buf)) {
			return nil, errCorrupt
		}
	}
	if nNodes == 0 && nEdges > 0 {
		return nil, errCorrupt
	}
	g := &snapshot{
		nodes:   make([]graph.Node, nNodes),
		norm:    make([][]string, nNodes),
		nodeIdx: make(map[string]int32, nNodes),
		edges:   make([]graph.Edge, nEdges),
		stats:   graph.Stats{NodeTypes: map[string]int{}, EdgeTypes: map[string]int{}, Statuses: map[string]int{}},
	}
	aliases := make([]string, 0, c[2])
	evidence := make([]graph.Evidence, 0, c[3])
	norms := make([]string, 0, c[4])
	for i := range g.nodes {
		n := &g.nodes[i]
		n.ID = d.str()
		n.Type = graph.NodeType(d.str())
		n.Name = d.str()
		n.Aliases = list(d, &aliases, d.str)
		n.Description = d.str()
		n.Kind = d.str()
		n.Date = graph.Date(d.str())
		n.URL = d.str()
		n.Props = d.props()
		k := d.uint()
		if k > uint64(cap(norms)-len(norms)) {
			d.fail()
		}
		if d.err != nil {
			return nil, d.err
		}
		start := len(norms)
		for range k {
			norms = append(norms, d.str())
		}
		g.norm[i] = norms[start:len(norms):len(norms)]
		if i > 0 && g.nodes[i-1].ID >= n.ID {
			return nil, errCorrupt
		}
		g.nodeIdx[n.ID] = int32(i)
		g.stats.NodeTypes[string(n.Type)]++
	}
	for i := range g.edges {
		e := &g.edges[i]
		e.ID = d.str()
		e.Source = g.nodes[d.index(nNodes)].ID
		e.Target = g.nodes[d.index(nNodes)].ID
		e.Type = d.str()
		e.Status = graph.Status(d.str())
		e.Date = graph.Date(d.str())
		e.EndDate = graph.Date(d.str())
		e.Description = d.str()
		e.Evidence = list(d, &evidence, func() graph.Evidence {
			return graph.Evidence{Document: d.str(), Quote: d.str(), AttributedTo: d.str(), Stance: graph.Stance(d.str())}
		})
		e.Props = d.props()
		if d.err != nil {
			return nil, d.err
		}
		if i > 0 && g.edges[i-1].ID >= e.ID {
			return nil, errCorrupt
		}
		g.stats.EdgeTypes[e.Type]++
		g.stats.Statuses[string(e.Status)]++
	}
	g.words = make([]wordStart, c[5])
	for i := range g.words {
		w := wordStart{node: d.index(nNodes)}
		if d.err == nil {
			w.name = d.index(len(g.norm[w.node]))
		}
		if d.err != nil {
			return nil, d.err
		}
		n := g.norm[w.node][w.name]
		g.words[i] = newWordStart(w.node, w.name, d.index(len(n)+1), n)
	}
	g.vocabulary()
	g.adjOff = make([]int32, nNodes+1)
	for i := range g.adjOff {
		g.adjOff[i] = d.index(int(c[6]) + 1)
		if i > 0 && g.adjOff[i] < g.adjOff[i-1] {
			d.fail()
		}
	}
	g.adj = make([]int32, c[6])
	for i := range g.adj {
		g.adj[i] = d.index(nEdges)
	}
	nTexts := d.index(nNodes + 1)
	if d.err != nil {
		return nil, d.err
	}
	if nTexts > 0 {
		g.texts = make(map[string]string, nTexts)
	}
	last := int32(-1)
	for range nTexts {
		i := d.index(nNodes)
		text := d.str()
		if d.err != nil {
			return nil, d.err
		}
		if i <= last || g.nodes[i].Type != graph.Document {
			return nil, errCorrupt
		}
		last = i
		g.texts[g.nodes[i].ID] = text
	}
	if len(d.buf) != 0 || g.adjOff[nNodes] != int32(len(g.adj)) || len(aliases) != cap(aliases) || len(evidence) != cap(evidence) || len(norms) != cap(norms) {
		return nil, errCorrupt
	}
	g.stats.Nodes, g.stats.Edges = nNodes, nEdges
	return g, nil
}

// ReadSnapshotFile loads a store from a snapshot file.
func ReadSnapshotFile(path string) (*Store, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read snapshot: %w", err)
	}
	defer f.Close() // read-only
	info, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("read snapshot: %w", err)
	}
	return ReadSnapshot(f, info.Size())
}

// WriteSnapshotFile writes header (the caller's, e.g. what the snapshot
// was built from) and then the snapshot to path, through a temporary
// file in the same directory renamed into place when complete, so a
// reader never sees half a snapshot.
func (s *Store) WriteSnapshotFile(ctx context.Context, path string, header []byte) (err error) {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, ".snapshot-*")
	if err != nil {
		return fmt.Errorf("snapshot: %w", err)
	}
	defer func() {
		if err != nil {
			f.Close() // already failing: the file is removed
			os.Remove(f.Name())
		}
	}()
	if _, err := f.Write(header); err != nil {
		return fmt.Errorf("snapshot: %w", err)
	}
	if err := s.WriteSnapshot(ctx, f, dir); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("snapshot: %w", err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("snapshot: %w", err)
	}
	return nil
}
