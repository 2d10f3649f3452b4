package export

import (
	"bufio"
	"context"
	"fmt"
	"io"

	"github.com/backchannel/backchannel/graph"
)

func init() {
	register(Format{
		Name:      "cytoscape",
		MediaType: "application/json",
		Ext:       ".cyjs",
		Summary:   "Cytoscape.js elements JSON, which Cytoscape desktop also imports",
		Write:     WriteCytoscape,
	})
	register(Format{
		Name:      "node-link",
		MediaType: "application/json",
		Ext:       ".node-link.json",
		Summary:   `networkx node_link_data JSON (edges under "edges", as networkx 3.4+ reads by default); d3 takes it as {nodes, links: edges}`,
		Write:     WriteNodeLink,
	})
}

// cyNode and cyEdge are Cytoscape.js element data. Lists are always
// present (possibly empty) so that styles and scripts can index them.
type cyNodeData struct {
	ID          string            `json:"id"`
	Label       string            `json:"label"`
	Type        graph.NodeType    `json:"type"`
	Name        string            `json:"name"`
	Aliases     []string          `json:"aliases"`
	Description string            `json:"description,omitempty"`
	Kind        string            `json:"kind,omitempty"`
	Date        graph.Date        `json:"date,omitempty"`
	URL         string            `json:"url,omitempty"`
	Props       map[string]string `json:"props,omitempty"`
}

type cyEdgeData struct {
	ID            string             `json:"id"`
	Source        string             `json:"source"`
	Target        string             `json:"target"`
	Label         string             `json:"label"`
	Type          string             `json:"type"`
	Status        graph.Status       `json:"status"`
	Date          graph.Date         `json:"date,omitempty"`
	EndDate       graph.Date         `json:"end_date,omitempty"`
	Description   string             `json:"description,omitempty"`
	EvidenceCount int                `json:"evidence_count"`
	Evidence      []graph.Evidence   `json:"evidence"`
	Props         map[string]string  `json:"props,omitempty"`
	Timeline      []graph.StatusStep `json:"timeline"`
}

type cyElement[T any] struct {
	Data    T      `json:"data"`
	Classes string `json:"classes"`
}

// WriteCytoscape streams src as Cytoscape.js JSON:
// {"format_version":"1.0",...,"elements":{"nodes":[{"data":{...},
// "classes":"person"}],"edges":[{"data":{...,"evidence":[...]},
// "classes":"disputed ADVISED"}]}}. Node classes are the node type; edge
// classes the status and the type, for styling by selector
// (edge.disputed). Every piece of evidence is in the edge's data.
func WriteCytoscape(ctx context.Context, w io.Writer, src Source) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	je := newJSONElems(bw)
	if _, err := bw.WriteString(`{"format_version":"1.0","generated_by":"backchannel","target_cytoscapejs_version":"~3.0","data":{"name":"backchannel"},"elements":{"nodes":[`); err != nil {
		return fmt.Errorf("export cytoscape: %w", err)
	}
	err := src.EachNode(ctx, func(n graph.Node) error {
		return je.write(cyElement[cyNodeData]{Data: cyNodeData{
			ID: n.ID, Label: n.Name, Type: n.Type, Name: n.Name, Aliases: nonNil(n.Aliases),
			Description: n.Description, Kind: n.Kind, Date: n.Date, URL: n.URL, Props: n.Props,
		}, Classes: string(n.Type)})
	})
	if err != nil {
		return fmt.Errorf("export cytoscape: nodes: %w", err)
	}
	je.reset()
	if _, err := bw.WriteString("\n],\"edges\":["); err != nil {
		return fmt.Errorf("export cytoscape: %w", err)
	}
	err = src.EachEdge(ctx, func(e graph.Edge) error {
		return je.write(cyElement[cyEdgeData]{Data: cyEdgeData{
			ID: e.ID, Source: e.Source, Target: e.Target, Label: e.Type, Type: e.Type, Status: e.Status,
			Date: e.Date, EndDate: e.EndDate, Description: e.Description,
			EvidenceCount: len(e.Evidence), Evidence: nonNil(e.Evidence), Props: e.Props, Timeline: timelineOf(&e),
		}, Classes: string(e.Status) + " " + e.Type})
	})
	if err != nil {
		return fmt.Errorf("export cytoscape: edges: %w", err)
	}
	if _, err := bw.WriteString("\n]}}\n"); err != nil {
		return fmt.Errorf("export cytoscape: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export cytoscape: %w", err)
	}
	return nil
}

// nlNode and nlEdge are node-link elements: networkx puts every key but
// id (nodes) and source, target and key (edges) into the attribute dict.
type nlNode struct {
	ID          string            `json:"id"`
	Type        graph.NodeType    `json:"type"`
	Name        string            `json:"name"`
	Aliases     []string          `json:"aliases"`
	Description string            `json:"description,omitempty"`
	Kind        string            `json:"kind,omitempty"`
	Date        graph.Date        `json:"date,omitempty"`
	URL         string            `json:"url,omitempty"`
	Props       map[string]string `json:"props,omitempty"`
}

type nlEdge struct {
	Source      string             `json:"source"`
	Target      string             `json:"target"`
	Key         string             `json:"key"`
	ID          string             `json:"id"`
	Type        string             `json:"type"`
	Status      graph.Status       `json:"status"`
	Date        graph.Date         `json:"date,omitempty"`
	EndDate     graph.Date         `json:"end_date,omitempty"`
	Description string             `json:"description,omitempty"`
	Evidence    []graph.Evidence   `json:"evidence"`
	Props       map[string]string  `json:"props,omitempty"`
	Timeline    []graph.StatusStep `json:"timeline"`
}

// WriteNodeLink streams src as networkx node-link JSON:
// {"directed":true,"multigraph":true,"graph":{...},"nodes":[...],
// "edges":[...]}. networkx.node_link_graph(data) reads it as a
// MultiDiGraph whose edge keys are the edge ids (networkx 3.4 and later
// default to the "edges" key; older versions need edges="edges"). Evidence
// is a list of dicts in each edge's data.
func WriteNodeLink(ctx context.Context, w io.Writer, src Source) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	je := newJSONElems(bw)
	if _, err := bw.WriteString(`{"directed":true,"multigraph":true,"graph":{"name":"backchannel"},"nodes":[`); err != nil {
		return fmt.Errorf("export node-link: %w", err)
	}
	err := src.EachNode(ctx, func(n graph.Node) error {
		return je.write(nlNode{ID: n.ID, Type: n.Type, Name: n.Name, Aliases: nonNil(n.Aliases),
			Description: n.Description, Kind: n.Kind, Date: n.Date, URL: n.URL, Props: n.Props})
	})
	if err != nil {
		return fmt.Errorf("export node-link: nodes: %w", err)
	}
	je.reset()
	if _, err := bw.WriteString("\n],\"edges\":["); err != nil {
		return fmt.Errorf("export node-link: %w", err)
	}
	err = src.EachEdge(ctx, func(e graph.Edge) error {
		return je.write(nlEdge{Source: e.Source, Target: e.Target, Key: e.ID, ID: e.ID, Type: e.Type, Status: e.Status,
			Date: e.Date, EndDate: e.EndDate, Description: e.Description, Evidence: nonNil(e.Evidence), Props: e.Props, Timeline: timelineOf(&e)})
	})
	if err != nil {
		return fmt.Errorf("export node-link: edges: %w", err)
	}
	if _, err := bw.WriteString("\n]}\n"); err != nil {
		return fmt.Errorf("export node-link: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export node-link: %w", err)
	}
	return nil
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
