#!/usr/bin/env bash
# serve-start.sh DIR [PORT]: start `backchannel serve --data DIR` and report
# the seconds until /healthz answers, the resident memory then, and the
# seconds and resident memory once the background warm-up (projection and
# PageRank, /api/stats "warm") is ready, beside the size of the input.
# Stops the server when done. BACKCHANNEL_BIN picks the binary (default
# backchannel on PATH); BACKCHANNEL_CACHE is passed through (see README).
# Hold `flock /tmp/bench.lock` around it on a shared machine.
set -euo pipefail
dir=${1:?usage: serve-start.sh DIR [PORT]}
port=${2:-18080}
bin=${BACKCHANNEL_BIN:-backchannel}
log=$(mktemp)
rss() { awk -v k="$1:" '$1 == k { printf "%.0f", $2 / 1024 }' "/proc/$pid/status"; }
start=$(date +%s.%N)
"$bin" serve --data "$dir" --addr "127.0.0.1:$port" 2>"$log" &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -f "$log"' EXIT
until curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; do
	kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
	sleep 0.1
done
health=$(echo "$(date +%s.%N) - $start" | bc)
rss_health=$(rss VmRSS)
cpu_health=$(awk '{ printf "%.1f", ($14 + $15) / 100 }' "/proc/$pid/stat")
state=""
until [ "$state" = ready ] || [ "$state" = failed ]; do
	sleep 0.5
	state=$(curl -fs "http://127.0.0.1:$port/api/stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["warm"]["state"])')
done
warm=$(echo "$(date +%s.%N) - $start" | bc)
sleep 1
input=$(du -sb "$dir" | cut -f1)
printf 'input %s MiB; /healthz after %.1f s (%s s of CPU), resident %s MiB; warm %s after %.1f s, resident %s MiB, peak %s MiB\n' \
	"$((input / 1048576))" "$health" "$cpu_health" "$rss_health" "$state" "$warm" "$(rss VmRSS)" "$(rss VmHWM)"
if [ -n "${KEEP_SERVING:-}" ]; then
	echo "waiting for background work (snapshot) up to ${KEEP_SERVING}s" >&2
	for _ in $(seq "$KEEP_SERVING"); do grep -q "wrote \|could not write" "$log" && break; sleep 1; done
fi
grep -v "^time=" "$log" >&2 || true
