package importer

import (
	"fmt"
	"sort"
	"strings"

	"github.com/backchannel/backchannel/graph"
)

// edgeSynonyms maps relationship names other tools and datasets use to the
// vocabulary (after upper-casing and turning spaces and hyphens into
// underscores). Anything else is refused with the nearest type as a
// suggestion, unless Options.TypeMap maps it.
var edgeSynonyms = map[string]string{
	"KNOWS": "ASSOCIATE_OF", "ASSOCIATE": "ASSOCIATE_OF", "ASSOCIATED_WITH": "ASSOCIATE_OF", "FRIEND_OF": "ASSOCIATE_OF",
	"RELATIVE_OF": "FAMILY_OF", "FAMILY": "FAMILY_OF", "SPOUSE_OF": "FAMILY_OF", "MARRIED_TO": "FAMILY_OF", "CHILD_OF": "FAMILY_OF", "PARENT_OF": "FAMILY_OF", "SIBLING_OF": "FAMILY_OF",
	"MEMBER": "MEMBER_OF", "BELONGS_TO": "MEMBER_OF",
	"WORKS_FOR": "EMPLOYED_BY", "EMPLOYEE_OF": "EMPLOYED_BY", "WORKS_AT": "EMPLOYED_BY", "EMPLOYS": "",
	"DIRECTOR": "DIRECTOR_OF", "OFFICER_OF": "DIRECTOR_OF", "BOARD_MEMBER_OF": "DIRECTOR_OF",
	"OWNER_OF": "OWNS", "SHAREHOLDER_OF": "OWNS", "OWNER": "OWNS", "SHAREHOLDER": "OWNS", "BENEFICIAL_OWNER_OF": "OWNS",
	"PAYMENT": "PAID", "PAID_TO": "PAID", "DONATED_TO": "PAID", "FUNDED": "PAID", "PAYS": "PAID",
	"MET": "CONTACTED", "MET_WITH": "CONTACTED", "CALLED": "CONTACTED", "CONTACT": "CONTACTED", "SPOKE_WITH": "CONTACTED", "EMAILED": "CONTACTED",
	"ADVISES": "ADVISED", "ADVISOR_TO": "ADVISED", "ADVISER_TO": "ADVISED",
	"REPRESENTATIVE_OF": "REPRESENTS", "AGENT_OF": "REPRESENTS", "LAWYER_FOR": "REPRESENTS", "INTERMEDIARY_OF": "REPRESENTS",
	"HOLDS": "HOLDS_OFFICE", "POSITION": "HOLDS_OFFICE", "OCCUPIES": "HOLDS_OFFICE",
	"RELATED": "RELATED_TO", "LINKED_TO": "RELATED_TO", "UNKNOWN": "RELATED_TO", "CONNECTED_TO": "RELATED_TO", "SIMILAR_NAME_AND_ADDRESS_AS": "RELATED_TO", "SAME_AS": "RELATED_TO",
	"MENTIONS": "", "MENTIONED": "MENTIONED_IN", "NAMED_IN": "MENTIONED_IN", "PART": "PART_OF", "SUBSIDIARY_OF": "PART_OF",
	"PARTICIPATED": "PARTICIPATED_IN", "ATTENDED": "PARTICIPATED_IN",
}

// normType is a relationship name as the vocabulary spells it.
func normType(s string) string {
	return strings.ToUpper(strings.NewReplacer(" ", "_", "-", "_").Replace(strings.TrimSpace(s)))
}

// edgeType maps a relationship name to the vocabulary: the type itself,
// the caller's map (Options.TypeMap, keys in any case), or a synonym;
// else an error that suggests the nearest type and how to map it.
func edgeType(name string, typeMap map[string]string) (string, error) {
	n := normType(name)
	for k, v := range typeMap {
		if normType(k) == n {
			n = normType(v)
			break
		}
	}
	if _, ok := graph.LookupEdgeType(n); ok {
		return n, nil
	}
	if s := edgeSynonyms[n]; s != "" {
		return s, nil
	}
	msg := fmt.Sprintf("relationship type %q is not in the vocabulary", name)
	if s := nearestType(n); s != "" {
		msg += fmt.Sprintf("; did you mean %s?", s)
	}
	return "", fmt.Errorf("%s map it with --map-type '%s=TYPE' (types: %s)", msg+";", name, graph.EdgeTypeNames())
}

// nearestType suggests the vocabulary type closest to n: one that
// contains it or that it contains, else the smallest edit distance.
func nearestType(n string) string {
	var names []string
	for _, t := range graph.EdgeTypes {
		names = append(names, t.Name)
	}
	sort.Strings(names)
	if n == "" {
		return ""
	}
	for _, t := range names {
		if strings.Contains(t, n) || strings.Contains(n, t) {
			return t
		}
	}
	best, bestD := "", max(2, len(n)/3)+1
	for _, t := range names {
		if d := graph.EditDistance(n, t, bestD); d < bestD {
			best, bestD = t, d
		}
	}
	return best
}
