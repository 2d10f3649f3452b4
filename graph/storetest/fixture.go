package storetest

import "github.com/backchannel/backchannel/graph"

// Fixture returns the small graph the suite runs on. It has what stores
// get wrong: parallel relationships between the same two nodes, a
// disputed relationship with a supporting and a denying quote, partial
// dates, typographic apostrophes, and a name that is HTML.
func Fixture() *graph.Dataset {
	doc := "doc:article"
	ev := func(quote, who string, stance graph.Stance) graph.Evidence {
		return graph.Evidence{Document: doc, Quote: quote, AttributedTo: who, Stance: stance}
	}
	sources := "two national security sources"
	return &graph.Dataset{
		Texts: map[string]string{doc: FixtureText},
		Nodes: []graph.Node{
			{ID: doc, Type: graph.Document, Name: "MP advised diplomat", Aliases: []string{}, Kind: "article", Date: "2023-03-22", URL: "https://example.org/a"},
			{ID: "person:han-dong", Type: graph.Person, Name: "Han Dong", Aliases: []string{"Dong"}, Description: "MP for Don Valley North"},
			{ID: "person:han-tao", Type: graph.Person, Name: "Han Tao", Aliases: []string{"Consul General Han"}},
			{ID: "person:michael-kovrig", Type: graph.Person, Name: "Michael Kovrig", Aliases: []string{"Kovrig"}},
			{ID: "person:michael-spavor", Type: graph.Person, Name: "Michael Spavor", Aliases: []string{"Spavor"}},
			{ID: "person:erin-otoole", Type: graph.Person, Name: "Erin O’Toole", Aliases: []string{"O’Toole"}},
			{ID: "org:csis", Type: graph.Organization, Name: "Canadian Security Intelligence Service", Aliases: []string{"CSIS"}, Kind: "agency"},
			{ID: "org:prc", Type: graph.Organization, Name: "People's Republic of China", Aliases: []string{"Beijing", "China"}, Kind: "government"},
			{ID: "office:consul-general-toronto", Type: graph.Office, Name: "Consul General of the People's Republic of China in Toronto"},
			{ID: "event:trial-kovrig", Type: graph.Event, Name: "Trial of Michael Kovrig", Kind: "trial", Date: "2021-03"},
			{ID: "person:xss", Type: graph.Person, Name: `<img src=x onerror=alert(1)>`, Aliases: []string{}, Props: map[string]string{"note": "a name that is HTML"}},
		},
		Edges: []graph.Edge{
			{ID: "conversation", Source: "person:han-dong", Target: "person:han-tao", Type: "CONTACTED", Status: graph.Confirmed, Date: "2021-02",
				Evidence: []graph.Evidence{ev("Dong confirmed that he had a dialogue with Consul General Han", "Han Dong, emailed statement to Global News", graph.Supports)}},
			{ID: "advice-delay", Source: "person:han-dong", Target: "person:han-tao", Type: "ADVISED", Status: graph.Disputed, Date: "2021-02",
				Description: "advised Beijing to hold off freeing the Two Michaels",
				Evidence: []graph.Evidence{
					ev("Beijing ought to maintain off liberating Michael Kovrig and Michael Spavor", sources, graph.Supports),
					ev("denies that he suggested Beijing to delay releasing Kovrig and Spavor", "Han Dong, emailed statement to Global News", graph.Denies),
				}},
			{ID: "han-tao-office", Source: "person:han-tao", Target: "office:consul-general-toronto", Type: "HOLDS_OFFICE", Status: graph.Reported, Date: "2021",
				Evidence: []graph.Evidence{ev("Han Tao, China's consul normal in Toronto", "Global News", graph.Supports)}},
			{ID: "office-prc", Source: "office:consul-general-toronto", Target: "org:prc", Type: "PART_OF", Status: graph.Reported,
				Evidence: []graph.Evidence{ev("China's consul normal in Toronto", "Global News", graph.Supports)}},
			{ID: "detained-kovrig", Source: "org:prc", Target: "person:michael-kovrig", Type: "DETAINED", Status: graph.Confirmed, Date: "2018-12", EndDate: "2021-09",
				Evidence: []graph.Evidence{ev("the 2 Canadians had been in Chinese custody for over two years", "Global News", graph.Supports)}},
			{ID: "detained-spavor", Source: "org:prc", Target: "person:michael-spavor", Type: "DETAINED", Status: graph.Confirmed, Date: "2018-12", EndDate: "2021-09",
				Evidence: []graph.Evidence{ev("the 2 Canadians had been in Chinese custody for over two years", "Global News", graph.Supports)}},
			{ID: "kovrig-trial", Source: "person:michael-kovrig", Target: "event:trial-kovrig", Type: "PARTICIPATED_IN", Status: graph.Reported, Date: "2021-03",
				Evidence: []graph.Evidence{ev("China introduced it had tried Spavor after which Kovrig", "Global News", graph.Supports)}},
			{ID: "csis-dong", Source: "org:csis", Target: "person:han-dong", Type: "INVESTIGATED", Status: graph.Alleged, Date: "2019",
				Props:    map[string]string{"probe": "summer 2019"},
				Evidence: []graph.Evidence{ev("Dong was already the topic of a CSIS probe", "three sources", graph.Supports)}},
			{ID: "otoole-mentioned", Source: "person:erin-otoole", Target: doc, Type: "MENTIONED_IN", Status: graph.Reported,
				Evidence: []graph.Evidence{ev("then-Conservative chief Erin O’Toole", "Global News", graph.Supports)}},
		},
	}
}

// FixtureText is the text on file of the fixture's document.
const FixtureText = `MP advised diplomat — a reworded report (Toronto, “2023”)

Liberal MP Han Dong privately suggested that Beijing ought to maintain off
liberating Michael Kovrig and Michael Spavor, sources say. Han Tao, China's consul normal in Toronto,
heard him out. The 2 Canadians had been in Chinese custody for over two years.

Dong confirmed that he had a dialogue with Consul General Han but
denies that he suggested Beijing to delay releasing Kovrig and Spavor. China introduced it had tried Spavor after which Kovrig.
The PMO called it a "back-channel" conversation; then-Conservative chief Erin O’Toole said nothing. Fin — ½ page.
`
