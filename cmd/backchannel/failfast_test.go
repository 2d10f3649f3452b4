package main

import (
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

// boltProxy stands between the store and the test Neo4j, so that a test
// can make the server look stopped (connections refused: closed at once)
// or frozen (connections stay open and nothing comes back, as with
// SIGSTOP or a dead network path) without touching the real server,
// which other tests share.
type boltProxy struct {
	ln     net.Listener
	target string

	mu    sync.Mutex
	mode  string // "pass", "stop" or "freeze"
	conns []net.Conn
}

func newBoltProxy(t *testing.T, uri string) *boltProxy {
	t.Helper()
	u, err := url.Parse(uri)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &boltProxy{ln: ln, target: u.Host, mode: "pass"}
	go p.serve()
	t.Cleanup(func() { p.ln.Close(); p.set("stop") })
	return p
}

func (p *boltProxy) uri() string { return "bolt://" + p.ln.Addr().String() }

func (p *boltProxy) serve() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		p.mu.Lock()
		mode := p.mode
		if mode == "stop" {
			p.mu.Unlock()
			c.Close()
			continue
		}
		p.conns = append(p.conns, c)
		p.mu.Unlock()
		if mode == "freeze" {
			continue // held open, never answered
		}
		go p.pipe(c)
	}
}

func (p *boltProxy) pipe(c net.Conn) {
	s, err := net.Dial("tcp", p.target)
	if err != nil {
		c.Close()
		return
	}
	p.mu.Lock()
	p.conns = append(p.conns, s)
	p.mu.Unlock()
	copyUnlessFrozen := func(dst, src net.Conn) {
		buf := make([]byte, 32<<10)
		for {
			n, err := src.Read(buf)
			if n > 0 {
				for p.frozen() {
					time.Sleep(20 * time.Millisecond) // hold the bytes, like a stopped process
				}
				if _, werr := dst.Write(buf[:n]); werr != nil {
					return
				}
			}
			if err != nil {
				dst.Close()
				return
			}
		}
	}
	go copyUnlessFrozen(s, c)
	copyUnlessFrozen(c, s)
}

func (p *boltProxy) frozen() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.mode == "freeze"
}

// set switches the mode; "stop" also drops every open connection.
func (p *boltProxy) set(mode string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.mode = mode
	if mode == "stop" {
		for _, c := range p.conns {
			c.Close()
		}
		p.conns = nil
	}
}

// TestFailFast: with Neo4j stopped or frozen, every route answers 503
// naming the database within 5 s, /healthz is not 200, and when Neo4j
// comes back the routes answer again without a restart.
func TestFailFast(t *testing.T) {
	neo4jSeeds(t)
	flags := testNeo4jFlags(t)
	proxy := newBoltProxy(t, flags.URI)
	flags.URI = proxy.uri()
	h, _ := handlerFor(t, sourceFlags{neo4j: flags})

	type request struct{ method, url, body string }
	routes := []request{
		{"GET", "/api/stats", ""},
		{"GET", "/api/search?q=kovrig", ""},
		{"GET", "/api/nodes/person:han-dong", ""},
		{"GET", "/api/nodes/person:han-dong/neighbors?depth=2", ""},
		{"GET", "/api/paths?from=person:han-dong&to=person:michael-kovrig", ""},
		{"GET", "/api/centrality?metric=pagerank&top=5", ""},
		{"GET", "/api/export?format=json", ""},
		{"POST", "/api/cypher", `{"query": "MATCH (n:Person) RETURN n.name LIMIT 3"}`},
	}
	do := func(r request) (int, string, time.Duration) {
		req := httptest.NewRequest(r.method, r.url, strings.NewReader(r.body))
		if r.body != "" {
			req.Header.Set("Content-Type", "application/json")
		}
		rec := httptest.NewRecorder()
		start := time.Now()
		h.ServeHTTP(rec, req)
		return rec.Code, rec.Body.String(), time.Since(start)
	}
	all := func(t *testing.T, check func(r request, code int, body string, d time.Duration)) {
		t.Helper()
		var wg sync.WaitGroup
		for _, r := range append(routes, request{"GET", "/healthz", ""}) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				code, body, d := do(r)
				check(r, code, body, d)
			}()
		}
		wg.Wait()
	}
	up := func(t *testing.T) {
		t.Helper()
		deadline := time.Now().Add(20 * time.Second)
		for {
			bad := ""
			for _, r := range append(routes, request{"GET", "/healthz", ""}) {
				if code, body, _ := do(r); code != 200 {
					bad = r.method + " " + r.url + ": " + body
					break
				}
			}
			if bad == "" {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("Neo4j is back, and 20 s later still: %.300s", bad)
			}
			time.Sleep(200 * time.Millisecond)
		}
	}
	up(t) // warm: the projection for paths and centrality is built

	for _, mode := range []string{"stop", "freeze"} {
		t.Run(mode, func(t *testing.T) {
			proxy.set(mode)
			var mu sync.Mutex
			var slowest time.Duration
			all(t, func(r request, code int, body string, d time.Duration) {
				mu.Lock()
				slowest = max(slowest, d)
				mu.Unlock()
				if code != http.StatusServiceUnavailable || d > 5*time.Second || !strings.Contains(body, "neo4j") {
					t.Errorf("Neo4j %s: %s %s: got %d after %v: %.200s; want 503 naming the database within 5 s", mode, r.method, r.url, code, d.Round(time.Millisecond), body)
				}
			})
			t.Logf("Neo4j %s: the slowest of %d routes answered in %v", mode, len(routes)+1, slowest.Round(time.Millisecond))
			// Down and known to be: the answer comes at once.
			for _, r := range routes[:3] {
				code, body, d := do(r)
				if code != 503 || d > time.Second || !strings.Contains(body, "is not answering (since ") || strings.Contains(body, "nil") {
					t.Errorf("Neo4j %s, known: %s: got %d after %v: %s; want 503 at once, saying since when and why", mode, r.url, code, d, body)
				}
			}
			proxy.set("pass")
			up(t)
		})
	}
}
