// Command neo4jbench times Cypher's shortestPath through the store's
// read-only query API (graph.QueryRunner, what the Cypher console uses)
// on the pairs gobench wrote (pairs.txt), against a Neo4j loaded with the
// same generated dataset (backchannel gen --nodes N --seed 1, then
// backchannel load --neo4j URI DIR). It writes DIR/neo4j.json with the
// median time per query and the hop counts, for report.py.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/backchannel/backchannel/graph"
	"github.com/backchannel/backchannel/graph/neo4j"
)

func main() {
	dir := flag.String("dir", "", "gobench output directory")
	uri := flag.String("uri", os.Getenv("NEO4J_URI"), "bolt URI")
	user := flag.String("user", "neo4j", "user")
	password := flag.String("password", os.Getenv("NEO4J_PASSWORD"), "password")
	maxHops := flag.Int("max-hops", 15, "shortestPath bound")
	flag.Parse()
	if err := run(context.Background(), *dir, neo4j.Config{URI: *uri, User: *user, Password: *password, QueryTimeout: time.Minute}, *maxHops); err != nil {
		log.Fatal(err)
	}
}

func run(ctx context.Context, dir string, cfg neo4j.Config, maxHops int) (err error) {
	f, err := os.Open(filepath.Join(dir, "pairs.txt"))
	if err != nil {
		return err
	}
	var ids []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		ids = append(ids, sc.Text())
	}
	if err := f.Close(); err != nil {
		return err
	}
	st, err := neo4j.New(ctx, cfg)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := st.Close(ctx); err == nil {
			err = cerr
		}
	}()
	version, err := st.Version(ctx)
	if err != nil {
		return err
	}
	cypher := fmt.Sprintf(`MATCH (a:Entity {id: $a, v: $v}), (b:Entity {id: $b, v: $v})
OPTIONAL MATCH p = shortestPath((a)-[*..%d]-(b))
RETURN CASE WHEN p IS NULL THEN -1 ELSE length(p) END AS hops`, maxHops)
	var times []time.Duration
	var hops []int
	for i := 0; i+1 < len(ids); i += 2 {
		q := graph.Query{Cypher: cypher, Params: map[string]any{"a": ids[i], "b": ids[i+1], "v": version}}
		t0 := time.Now()
		res, err := st.Query(ctx, q)
		if err != nil {
			return fmt.Errorf("pair %s %s: %w", ids[i], ids[i+1], err)
		}
		times = append(times, time.Since(t0))
		h := -1
		if len(res.Rows) == 1 {
			if v, ok := res.Rows[0][0].(int64); ok {
				h = int(v)
			}
		}
		hops = append(hops, h)
	}
	slices.Sort(times)
	out := map[string]any{"tool": "neo4j", "shortest_path_median_s": times[len(times)/2].Seconds(), "shortest_path_hops": hops, "max_hops": maxHops}
	b, err := json.MarshalIndent(out, "", " ")
	if err != nil {
		return err
	}
	fmt.Println(string(b))
	return os.WriteFile(filepath.Join(dir, "neo4j.json"), b, 0o644)
}
