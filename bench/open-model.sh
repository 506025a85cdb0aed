#!/usr/bin/env bash
# Issue 11's open-model latency target, with Urne in a process of its own: `urne serve` (bench/ratio/urne-ratio.yaml,
# fsync journal in a fresh directory under bench/target, the demo polls) loaded by `urne bench --url` at RATE
# ballots/s on the open model (--profile ci: every poll kind, 10 % revotes, 5 % retries, 20 % paper; WARMUP s of
# warm-up at up to 1,000/s, above that 5 s at RATE to settle, then DURATION s measured, then the answer check).
# Both JVMs log their collections: the script prints the latency line, each JVM's young pauses during the measured
# phase and the server's CPU time, so a tail can be told from the generator's own pauses (the open model counts
# them as latency: a request due during a pause is late).
#
#   bench/open-model.sh                          # 5,000 ballots/s, 30 s of warm-up, 20 s measured
#   RATE=2000 DURATION=60 bench/open-model.sh
#   SERVER_OPTS=-Xms1g GEN_OPTS=-XX:MaxGCPauseMillis=5 bench/open-model.sh   # JVM options of each side
#
# Loopback only; the server is stopped on exit and its directory deleted; the run is bounded by DURATION.
set -euo pipefail
cd "$(dirname "$0")/.."
RATE=${RATE:-5000}
DURATION=${DURATION:-20}
WARMUP=${WARMUP:-30}
. bench/ratio/serve-urne.sh
prepare_urne open-model
demo=$(ls -d deploy/target/urne-*/urne-*/config/demo-polls | head -n 1)
serve_urne open-model "$work" URNE_POLLS_DIR="$demo" JAVA_OPTS="${SERVER_OPTS:-} -Xlog:gc:file=$work/server-gc.log:timemillis"
JAVA_OPTS="${GEN_OPTS:-} -Xlog:gc:file=$work/generator-gc.log:timemillis" ./urne bench --url "$url" \
  --token "$OPERATOR_TOKEN" --profile ci --rate "$RATE" --duration "$DURATION" --warmup "$WARMUP" \
  --out "$work/report" >"$work/bench.log" 2>&1 || { cat "$work/bench.log" >&2; echo "open-model: urne bench failed" >&2; exit 1; }
grep -E "^urne [0-9]+/s|^results check|^errors" "$work/bench.log" | sed 's/^/open-model: /'
# Young pauses in the measured phase, which starts at its histogram log's StartTime (seconds since the epoch); the
# logs before it are the warm-up's and, above 1,000/s, the settling's.
measured=$(ls "$work"/report/*.hlog | grep -v -e '-warm-up\.hlog$' -e '-settling\.hlog$' | head -n 1)
from=$(sed -n 's/^#\[StartTime: \([0-9.]*\) .*/\1/p' "$measured" | head -n 1)
for side in server generator; do
  awk -v side="$side" -v from="$from" -v d="$DURATION" '
    /Pause Young/ && /ms$/ { t = substr($1, 2) / 1000; if (t >= from && t <= from + d) { n++; ms = $NF + 0; s += ms; if (ms > m) m = ms } }
    END { printf "open-model: %s young pauses in the measured phase: %d, %.0f ms in all, the longest %.1f ms\n", side, n, s, m }' \
    "$work/$side-gc.log"
done
java_pid=$(pgrep -P "$pid" java || echo "$pid")
awk -v hz="$(getconf CLK_TCK)" '{ printf "open-model: server CPU %.1f s since it started\n", ($14 + $15) / hz }' \
  /proc/"$java_pid"/stat
