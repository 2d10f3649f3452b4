"""Write a small attributed graph with networkx as GraphML and GEXF into
the folder given as the first argument (graph/importer TestNetworkxFiles)."""
import sys

import networkx as nx

out = sys.argv[1]
g = nx.DiGraph()
g.add_node("alice", type="person", name="Alice Example", party="Green", age=41)
g.add_node("acme", type="organization", name="Acme Ltd", founded=1999)
g.add_node("bob", type="person", name="Bob Example")
g.add_edge("alice", "acme", relationship="director of", date="3 March 2021", weight=2.5)
g.add_edge("bob", "alice", relationship="knows", status="alleged")
nx.write_graphml(g, out + "/networkx.graphml")
nx.write_gexf(g, out + "/networkx.gexf")
