package export_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/backchannel/backchannel/graph/export"
	"gopkg.in/yaml.v3"
)

// ftmSchema is what the test needs of a FollowTheMoney schema YAML.
type ftmSchema struct {
	Extends    []string `yaml:"extends"`
	Abstract   bool     `yaml:"abstract"`
	Properties map[string]struct {
		Type  string `yaml:"type"`
		Range string `yaml:"range"`
	} `yaml:"properties"`
}

// ftmModel reads every schema in ../shared/schemas/ftm.
func ftmModel(t *testing.T) map[string]ftmSchema {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(sharedDir(t), "schemas/ftm/*.y*ml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no FtM schema files: %v", err)
	}
	model := map[string]ftmSchema{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]ftmSchema
		if err := yaml.Unmarshal(data, &m); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for name, s := range m {
			model[name] = s
		}
	}
	return model
}

// ancestors returns the schema and every schema it extends.
func ancestors(model map[string]ftmSchema, name string) []string {
	out := []string{name}
	for _, p := range model[name].Extends {
		out = append(out, ancestors(model, p)...)
	}
	return out
}

// TestFtMAgainstSchema checks every exported entity against the FtM
// model: a known, concrete schema; every property defined on it or an
// ancestor; entity references pointing at exported entities whose schema
// is the property's range or descends from it.
func TestFtMAgainstSchema(t *testing.T) {
	model := ftmModel(t)
	srcs := map[string]export.Source{"fixture": fixture(t)}
	if st := seedStore(t); st != nil {
		srcs["seeds"] = st
	}
	for name, src := range srcs {
		t.Run(name, func(t *testing.T) {
			data := export_(t, "ftm", src)
			var ents []export.FtMEntity
			schemaOf := map[string]string{}
			sc := bufio.NewScanner(bytes.NewReader(data))
			sc.Buffer(nil, 1<<24)
			for sc.Scan() {
				var e export.FtMEntity
				if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
					t.Fatalf("line %q: %v", sc.Text(), err)
				}
				ents = append(ents, e)
				schemaOf[e.ID] = e.Schema
			}
			for _, e := range ents {
				s, ok := model[e.Schema]
				if !ok || s.Abstract {
					t.Errorf("%s: schema %q is unknown or abstract", e.ID, e.Schema)
					continue
				}
				anc := ancestors(model, e.Schema)
				for prop, values := range e.Properties {
					var def *struct {
						Type  string `yaml:"type"`
						Range string `yaml:"range"`
					}
					for _, a := range anc {
						if p, ok := model[a].Properties[prop]; ok {
							def = &p
							break
						}
					}
					if def == nil {
						t.Errorf("%s (%s): property %q is not defined on %s", e.ID, e.Schema, prop, strings.Join(anc, ", "))
						continue
					}
					if def.Type != "entity" {
						continue
					}
					for _, v := range values {
						target, ok := schemaOf[v]
						if !ok {
							t.Errorf("%s (%s): %s references %q, which is not exported", e.ID, e.Schema, prop, v)
							continue
						}
						if def.Range != "" && !contains(ancestors(model, target), def.Range) {
							t.Errorf("%s (%s): %s references %s, a %s, want a %s", e.ID, e.Schema, prop, v, target, def.Range)
						}
					}
				}
			}
		})
	}
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}
