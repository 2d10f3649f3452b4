package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/backchannel/backchannel/graph"
)

func init() {
	register(command{name: "query", summary: "run read-only Cypher against Neo4j", run: runQuery})
}

func runQuery(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("query", "[--neo4j URI ...] [--format table|json] [--param name=json ...] 'CYPHER'")
	var n neo4jFlags
	n.register(fs)
	format := fs.String("format", "table", "output `format`: table or json")
	maxRows := fs.Int("max-rows", 0, "row cap (0: the default, 5,000)")
	timeout := fs.Duration("timeout", 0, "transaction timeout (0: the default, 10s)")
	params := map[string]any{}
	fs.Func("param", "a query parameter as `name=JSON`, e.g. --param id='\"person:han-dong\"' (repeatable)", func(s string) error {
		name, val, ok := strings.Cut(s, "=")
		if !ok || name == "" {
			return fmt.Errorf("want name=JSON")
		}
		var v any
		if err := json.Unmarshal([]byte(val), &v); err != nil {
			v = val // a bare string
		}
		params[name] = v
		return nil
	})
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usageError("want exactly one Cypher query, quoted, e.g. backchannel query 'MATCH (p:Person) RETURN p.name LIMIT 5'")
	}
	if *format != "table" && *format != "json" {
		return usageError("--format %q: want table or json", *format)
	}
	src := sourceFlags{neo4j: n}
	if n.URI == "" {
		return fmt.Errorf("%w: Cypher needs Neo4j: pass --neo4j bolt://HOST:7687 or set NEO4J_URI (start one with \"make neo4j-up\", then \"backchannel load --neo4j URI seeds\")", graph.ErrUnsupported)
	}
	store, err := src.open(ctx, m)
	if err != nil {
		return err
	}
	defer closeStore(m, store)
	qr, ok := store.(graph.QueryRunner)
	if !ok {
		return fmt.Errorf("%w: the %s store does not run Cypher", graph.ErrUnsupported, store.Backend())
	}
	res, err := qr.Query(ctx, graph.Query{Cypher: fs.Arg(0), Params: params, MaxRows: *maxRows, TimeoutMillis: int(*timeout / time.Millisecond)})
	if err != nil {
		return err
	}
	if *format == "json" {
		enc := json.NewEncoder(m.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	return writeTable(m.Stdout, res)
}

// writeTable prints the rows as aligned columns; nodes and edges show
// their ids, other structured values compact JSON.
func writeTable(w io.Writer, res graph.QueryResult) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(res.Columns, "\t"))
	for _, row := range res.Rows {
		cells := make([]string, len(row))
		for i, v := range row {
			cells[i] = cell(v)
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if res.Truncated {
		_, err := fmt.Fprintf(w, "(%d rows shown; the result was truncated: add LIMIT or raise --max-rows)\n", len(res.Rows))
		return err
	}
	_, err := fmt.Fprintf(w, "(%d rows)\n", len(res.Rows))
	return err
}

func cell(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case string:
		return strings.NewReplacer("\t", " ", "\n", " ").Replace(x)
	case graph.Node:
		return fmt.Sprintf("(%s %q)", x.ID, x.Name)
	case graph.Edge:
		return fmt.Sprintf("[%s %s %s->%s]", x.ID, x.Type, x.Source, x.Target)
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}
