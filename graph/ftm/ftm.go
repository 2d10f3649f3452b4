// Package ftm holds what backchannel's FollowTheMoney reader
// (graph/importer) and writer (graph/export) share: the entity id rules,
// how a backchannel id becomes a valid FtM id and back, the properties of
// each schema (props_gen.go, generated from the FtM schema YAML), and how
// a multi-valued FtM property is kept in a node's or edge's props.
//
// FtM ids are `[0-9a-zA-Z]([0-9a-zA-Z.-]*[0-9a-zA-Z])?`, at most 200
// characters (followthemoney's EntityType); backchannel's node ids
// (`person:han-dong`) and edge ids (`a>CONTACTED>b`) are not, and the
// library drops a reference that is not a valid id. So:
//
//   - an entity that came from FtM keeps its original id (props.ftm_id);
//   - a node `prefix:slug` becomes `prefix.slug` when that is a valid id
//     (and the importer turns `prefix.slug` back into `prefix:slug`);
//   - any other id becomes EncodeID(id): its readable part and a hash,
//     and an edge's id travels in recordId, so that the importer can
//     restore it when EncodeID(recordId) is the entity's id.
package ftm

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"regexp"
	"strings"

	"github.com/backchannel/backchannel/graph"
)

// MaxIDLen is followthemoney's ENTITY_ID_LEN.
const MaxIDLen = 200

var idRE = regexp.MustCompile(`^[0-9a-zA-Z]([0-9a-zA-Z.-]*[0-9a-zA-Z])?$`)

// ValidID reports whether followthemoney accepts s as an entity id.
func ValidID(s string) bool { return len(s) <= MaxIDLen && idRE.MatchString(s) }

var notIDChars = regexp.MustCompile(`[^0-9a-zA-Z.-]+`)

// EncodeID makes a valid FtM id for any backchannel id: the id's letters,
// digits, dots and hyphens (other runs become one hyphen, cut to 150
// characters), a hyphen and 16 hex digits of its SHA-256. Distinct ids
// give distinct FtM ids (up to the hash).
func EncodeID(id string) string {
	sum := sha256.Sum256([]byte(id))
	h := hex.EncodeToString(sum[:8])
	readable := notIDChars.ReplaceAllString(strings.ReplaceAll(id, ":", "."), "-")
	if len(readable) > 150 {
		readable = readable[:150]
	}
	readable = strings.TrimRight(strings.TrimLeft(readable, ".-"), ".-")
	if readable == "" {
		return "bc-" + h
	}
	return readable + "-" + h
}

// NodeID is the FtM id of a backchannel node id: `prefix.slug` when that
// is valid and names the node unambiguously, else EncodeID(id).
func NodeID(id string) string {
	prefix, slug, ok := strings.Cut(id, ":")
	if ok && ValidID(prefix+"."+slug) && !strings.Contains(slug, ":") {
		return prefix + "." + slug
	}
	return EncodeID(id)
}

// DecodeNodeID returns the backchannel node id that NodeID turned into
// ftmID, if ftmID has that form for the given type prefix.
func DecodeNodeID(ftmID, prefix string) (string, bool) {
	rest, ok := strings.CutPrefix(ftmID, prefix+".")
	if !ok {
		return "", false
	}
	id := prefix + ":" + rest
	if !graph.ValidID(id) || NodeID(id) != ftmID {
		return "", false
	}
	return id, true
}

// JoinValues keeps an FtM property's values in one prop string: a single
// value as itself, several (or one that starts with "[") as a JSON list,
// so that SplitValues gives them back exactly.
func JoinValues(vs []string) string {
	if len(vs) == 1 && !strings.HasPrefix(vs[0], "[") {
		return vs[0]
	}
	b, _ := json.Marshal(vs) // a []string always marshals
	return string(b)
}

// SplitValues is the inverse of JoinValues; any other string is one value.
func SplitValues(s string) []string {
	if strings.HasPrefix(s, "[") {
		var vs []string
		if json.Unmarshal([]byte(s), &vs) == nil {
			return vs
		}
	}
	if s == "" {
		return nil
	}
	return []string{s}
}

// HasProp reports whether the schema has the property, and its FtM type
// ("date", "entity", "name", "string", ...).
func HasProp(schema, prop string) (typ string, ok bool) {
	typ, ok = schemaProps[schema][prop]
	return typ, ok
}

var dateRE = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2}(T\d{2}(:\d{2}(:\d{2})?)?)?)?)?$`)

// ValidValue reports whether a value of the given FtM type would survive
// followthemoney's cleaning unchanged, for the types backchannel checks
// (dates and entity references); other types pass.
func ValidValue(typ, v string) bool {
	switch typ {
	case "date":
		return dateRE.MatchString(v)
	case "entity":
		return ValidID(v)
	}
	return true
}
