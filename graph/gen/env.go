package gen

import (
	"fmt"
	"os"
	"strconv"
)

// BenchNodesEnv names the environment variable that sets the size of the
// generated graphs the packages' benchmarks run on.
const BenchNodesEnv = "BACKCHANNEL_BENCH_NODES"

// BenchNodes returns the node count from BACKCHANNEL_BENCH_NODES, or def
// when it is unset.
func BenchNodes(def int) (int, error) {
	s := os.Getenv(BenchNodesEnv)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		return 0, fmt.Errorf("%s=%q: want a positive node count", BenchNodesEnv, s)
	}
	return n, nil
}
