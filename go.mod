module github.com/backchannel/backchannel

go 1.26.8

require (
	github.com/neo4j/neo4j-go-driver/v5 v5.28.4 // indirect
	gonum.org/v1/gonum v0.17.0 // indirect
	gopkg.in/yaml.v3 v3.0.1 // indirect
)
