package mem_test

import (
	"testing"

	"github.com/backchannel/backchannel/graph"
	"github.com/backchannel/backchannel/graph/mem"
	"github.com/backchannel/backchannel/graph/storetest"
)

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T, ds *graph.Dataset) graph.Store {
		t.Helper()
		st := mem.New()
		if err := st.Load(t.Context(), ds); err != nil {
			t.Fatalf("load fixture: %v", err)
		}
		return st
	})
}
