// Command offshoregen writes a synthetic graph in ICIJ's Offshore Leaks
// CSV layout (nodes-entities.csv, nodes-officers.csv,
// nodes-intermediaries.csv, nodes-addresses.csv, nodes-others.csv,
// relationships.csv) with the database's shape: per 2M nodes, 810k
// entities, 747k officers, 27k intermediaries, 391k addresses and 3k
// others, and 3.3M relationships (52% officer_of, 25% registered_address,
// 18% intermediary_of, 5% similar / same_name_as / connected_to), some
// with dates in ICIJ's form. Names and addresses are made up; the same
// seed gives the same files. For the import benchmark (docs/benchmarks.md).
//
//	go run ./scripts/bench/offshoregen --nodes 2000000 --out /tmp/offshore-2m
package main

import (
	"bufio"
	"encoding/csv"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

var (
	syllables    = []string{"al", "ba", "cor", "den", "el", "fa", "gor", "han", "is", "jo", "ka", "lin", "mor", "nes", "or", "pa", "qui", "ros", "sun", "ta", "ul", "ver", "wen", "xi", "yor", "zan"}
	suffixes     = []string{"LIMITED", "LTD.", "S.A.", "INC.", "HOLDINGS LTD", "TRUST", "FOUNDATION", "CORP.", "INVESTMENTS LIMITED", "GROUP S.A."}
	jur          = [][2]string{{"BVI", "British Virgin Islands"}, {"PMA", "Panama"}, {"BAH", "Bahamas"}, {"MLT", "Malta"}, {"SEY", "Seychelles"}, {"SAM", "Samoa"}}
	countries    = [][2]string{{"GBR", "United Kingdom"}, {"HKG", "Hong Kong"}, {"CHE", "Switzerland"}, {"RUS", "Russia"}, {"BRA", "Brazil"}, {"CHN", "China"}, {"USA", "United States"}, {"VGB", "British Virgin Islands"}}
	sources      = []string{"Panama Papers", "Paradise Papers - Appleby", "Offshore Leaks", "Bahamas Leaks", "Pandora Papers - Alemán, Cordero, Galindo & Lee (Alcogal)", "Paradise Papers - Malta corporate registry"}
	officerLinks = []string{"shareholder of", "director of", "secretary of", "beneficiary of", "protector of", "nominee shareholder of", "beneficial owner of"}
	otherRels    = [][2]string{{"similar", "similar name and address as"}, {"same_name_as", "same name as"}, {"connected_to", "connected to"}, {"same_as", "same as"}, {"underlying", "underlying"}}
)

func main() {
	nodes := flag.Int("nodes", 2000000, "total nodes (all five files); relationships are 1.67 per node, as in the database")
	out := flag.String("out", "", "output `DIR`")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	if *out == "" || *nodes < 100 {
		fmt.Fprintln(os.Stderr, "usage: offshoregen --nodes N (at least 100) --out DIR")
		os.Exit(2)
	}
	if err := write(*out, *nodes, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "offshoregen:", err)
		os.Exit(1)
	}
}

type file struct {
	f *os.File
	b *bufio.Writer
	w *csv.Writer
}

func create(dir, name string, header ...string) (*file, error) {
	f, err := os.Create(filepath.Join(dir, name))
	if err != nil {
		return nil, err
	}
	b := bufio.NewWriterSize(f, 1<<20)
	w := csv.NewWriter(b)
	return &file{f, b, w}, w.Write(header)
}

func (f *file) close() error {
	f.w.Flush()
	if err := f.w.Error(); err != nil {
		return err
	}
	if err := f.b.Flush(); err != nil {
		return err
	}
	return f.f.Close()
}

func write(dir string, total int, seed uint64) error {
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return err
	}
	rnd := rand.New(rand.NewPCG(seed, 2))
	scale := float64(total) / 1978000
	nEnt, nOff, nInt, nAddr := int(810000*scale), int(747000*scale), max(1, int(27000*scale)), int(391000*scale)
	nOther := max(1, total-nEnt-nOff-nInt-nAddr)
	nRels := int(float64(total) * 3300000 / 1978000)
	name := func(words int) string {
		s := ""
		for w := 0; w < words; w++ {
			if w > 0 {
				s += " "
			}
			for k := 1 + rnd.IntN(3); k > 0; k-- {
				s += syllables[rnd.IntN(len(syllables))]
			}
		}
		return s
	}
	date := func() string {
		return time.Date(1975+rnd.IntN(45), time.Month(1+rnd.IntN(12)), 1+rnd.IntN(28), 0, 0, 0, 0, time.UTC).Format("02-Jan-2006")
	}
	pick := func(xs []string) string { return xs[rnd.IntN(len(xs))] }
	// node_id ranges per kind, as ICIJ's are.
	entID := func(i int) string { return strconv.Itoa(10000000 + i) }
	intID := func(i int) string { return strconv.Itoa(11000000 + i) }
	offID := func(i int) string { return strconv.Itoa(12000000 + i) }
	addrID := func(i int) string { return strconv.Itoa(14000000 + i) }
	othID := func(i int) string { return strconv.Itoa(85000000 + i) }

	ent, err := create(dir, "nodes-entities.csv", "node_id", "name", "original_name", "former_name", "jurisdiction", "jurisdiction_description", "company_type", "address", "internal_id", "incorporation_date", "inactivation_date", "struck_off_date", "dorm_date", "status", "service_provider", "ibcRUC", "country_codes", "countries", "sourceID", "valid_until", "note")
	if err != nil {
		return err
	}
	for i := range nEnt {
		j, c, src := jur[rnd.IntN(len(jur))], countries[rnd.IntN(len(countries))], pick(sources)
		n := fmt.Sprintf("%s %s", name(2), pick(suffixes))
		orig := ""
		if rnd.IntN(5) == 0 {
			orig = n + " (formerly)"
		}
		struck := ""
		if rnd.IntN(3) == 0 {
			struck = date()
		}
		if err := ent.w.Write([]string{entID(i), n, orig, "", j[0], j[1], "Business Company Limited by Shares", "", strconv.Itoa(rnd.IntN(1e6)), date(), "", struck, "", pick([]string{"Active", "Defaulted", "Struck / Defunct / Deregistered", "Dissolved"}), "Example Trust", strconv.Itoa(rnd.IntN(1e6)), c[0], c[1], src, "The " + src + " data is current through 2015", ""}); err != nil {
			return err
		}
	}
	if err := ent.close(); err != nil {
		return err
	}
	off, err := create(dir, "nodes-officers.csv", "node_id", "name", "countries", "country_codes", "sourceID", "valid_until", "note")
	if err != nil {
		return err
	}
	for i := range nOff {
		c, src := countries[rnd.IntN(len(countries))], pick(sources)
		if err := off.w.Write([]string{offID(i), name(2 + rnd.IntN(2)), c[1], c[0], src, "The " + src + " data is current through 2015", ""}); err != nil {
			return err
		}
	}
	if err := off.close(); err != nil {
		return err
	}
	in, err := create(dir, "nodes-intermediaries.csv", "node_id", "name", "status", "internal_id", "address", "countries", "country_codes", "sourceID", "valid_until", "note")
	if err != nil {
		return err
	}
	for i := range nInt {
		c, src := countries[rnd.IntN(len(countries))], pick(sources)
		if err := in.w.Write([]string{intID(i), name(2) + " CORPORATE SERVICES LTD.", "ACTIVE", strconv.Itoa(i), fmt.Sprintf("%d %s Road; %s", 1+rnd.IntN(200), name(1), c[1]), c[1], c[0], src, "The " + src + " data is current through 2015", ""}); err != nil {
			return err
		}
	}
	if err := in.close(); err != nil {
		return err
	}
	ad, err := create(dir, "nodes-addresses.csv", "node_id", "address", "name", "countries", "country_codes", "sourceID", "valid_until", "note")
	if err != nil {
		return err
	}
	for i := range nAddr {
		c, src := countries[rnd.IntN(len(countries))], pick(sources)
		if err := ad.w.Write([]string{addrID(i), fmt.Sprintf("%s Chambers; P.O. Box %d; %s, %s", name(1), rnd.IntN(9999), name(1), c[1]), "", c[1], c[0], src, "The " + src + " data is current through 2015", ""}); err != nil {
			return err
		}
	}
	if err := ad.close(); err != nil {
		return err
	}
	ot, err := create(dir, "nodes-others.csv", "node_id", "name", "type", "incorporation_date", "struck_off_date", "closed_date", "jurisdiction", "jurisdiction_description", "countries", "country_codes", "sourceID", "valid_until", "note")
	if err != nil {
		return err
	}
	for i := range nOther {
		j, c, src := jur[rnd.IntN(len(jur))], countries[rnd.IntN(len(countries))], pick(sources)
		if err := ot.w.Write([]string{othID(i), name(2) + " FOUNDATION", "FOUNDATION", date(), "", "", j[0], j[1], c[1], c[0], src, "The " + src + " data is current through 2015", ""}); err != nil {
			return err
		}
	}
	if err := ot.close(); err != nil {
		return err
	}
	rel, err := create(dir, "relationships.csv", "node_id_start", "node_id_end", "rel_type", "link", "status", "start_date", "end_date", "sourceID")
	if err != nil {
		return err
	}
	// A skewed pick: a few entities get many officers, as in the leaks.
	skewed := func(n int) int {
		if rnd.IntN(10) == 0 {
			return rnd.IntN(max(1, n/1000))
		}
		return rnd.IntN(n)
	}
	for k := range nRels {
		var rec [8]string
		rec[7] = pick(sources)
		switch x := rnd.IntN(100); {
		case x < 52:
			rec[0], rec[1], rec[2], rec[3] = offID(rnd.IntN(nOff)), entID(skewed(nEnt)), "officer_of", pick(officerLinks)
		case x < 77:
			rec[0], rec[1], rec[2], rec[3] = entID(rnd.IntN(nEnt)), addrID(rnd.IntN(nAddr)), "registered_address", "registered address"
		case x < 95:
			rec[0], rec[1], rec[2], rec[3] = intID(skewed(nInt)), entID(rnd.IntN(nEnt)), "intermediary_of", "intermediary of"
		default:
			o := otherRels[rnd.IntN(len(otherRels))]
			a, b := rnd.IntN(nEnt), rnd.IntN(nEnt)
			if a == b {
				b = (b + 1) % nEnt
			}
			if o[0] == "connected_to" {
				rec[0] = othID(rnd.IntN(nOther))
			} else {
				rec[0] = entID(a)
			}
			rec[1], rec[2], rec[3] = entID(b), o[0], o[1]
		}
		if rnd.IntN(100) < 28 {
			rec[5] = date()
			if rnd.IntN(100) < 28 {
				rec[6] = date()
			}
		}
		_ = k
		if err := rel.w.Write(rec[:]); err != nil {
			return err
		}
	}
	if err := rel.close(); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "offshoregen: %d entities, %d officers, %d intermediaries, %d addresses, %d others, %d relationships in %s\n", nEnt, nOff, nInt, nAddr, nOther, nRels, dir)
	return nil
}
