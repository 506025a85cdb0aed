#!/usr/bin/env bash
# Issue 11's open-model latency target, with Urne in a process of its own: `urne serve` (bench/ratio/urne-ratio.yaml,
# fsync journal in a fresh directory under bench/target, the demo polls) loaded by `urne bench --url` at RATE
# ballots/s on the open model (--profile ci: every poll kind, 10 % revotes, 5 % retries, 20 % paper; WARMUP s of
# warm-up at up to 1,000/s, above that 5 s at RATE to settle, then DURATION s measured, then the answer check).
# Both JVMs log their collections: the script prints the latency line, the server's own ack time over the measured
# phase (urne.journal.ack from /metrics: submission to answer), each JVM's young pauses during the measured phase
# and the server's CPU time, so a tail can be told from the generator's own pauses (the open model counts them as
# latency: a request due during a pause is late).
#
#   bench/open-model.sh                          # 5,000 ballots/s, 30 s of warm-up, 20 s measured
#   RATE=2000 DURATION=60 bench/open-model.sh
#   SERVER_OPTS=-Xms1g GEN_OPTS=-XX:MaxGCPauseMillis=5 bench/open-model.sh   # JVM options of each side
#   SERVER_OPTS= GEN_OPTS= bench/open-model.sh                                  # the JVM's defaults
#
# Both sides run by default with the collector settings of the systemd unit (deploy/src/dist/systemd/urne.service:
# a 10 ms pause goal, tenured after one collection), which halve each side's longest young pause here (docs/load.md,
# "The open model at 15,000/s").
#
# Loopback only; the server is stopped on exit and its directory deleted; the run is bounded by DURATION.
set -euo pipefail
cd "$(dirname "$0")/.."
RATE=${RATE:-5000}
DURATION=${DURATION:-20}
WARMUP=${WARMUP:-30}
# The collector flags of the systemd unit (its -XX: options), so that the script measures what a deployment runs.
GC_OPTS=$(grep '^Environment=JAVA_OPTS=' deploy/src/dist/systemd/urne.service | grep -o -- '-XX:[^ ]*' | tr '\n' ' ')
SERVER_OPTS=${SERVER_OPTS-$GC_OPTS}
GEN_OPTS=${GEN_OPTS-$GC_OPTS}
. bench/ratio/serve-urne.sh
prepare_urne open-model
demo=$(ls -d deploy/target/urne-*/urne-*/config/demo-polls | head -n 1)
serve_urne open-model "$work" URNE_POLLS_DIR="$demo" JAVA_OPTS="$SERVER_OPTS -Xlog:gc:file=$work/server-gc.log:timemillis"
JAVA_OPTS="$GEN_OPTS -Xlog:gc:file=$work/generator-gc.log:timemillis" ./urne bench --url "$url" \
  --token "$OPERATOR_TOKEN" --profile ci --rate "$RATE" --duration "$DURATION" --warmup "$WARMUP" \
  --out "$work/report" >"$work/bench.log" 2>&1 &
bench_pid=$!
# The server's own view of the measured phase: its ack-time histogram (urne.journal.ack, from a ballot's submission
# to its answer: journaled, synced, applied) read from /metrics as the phase starts (its log appears; the logs before
# it are the warm-up's and, above 1,000/s, the settling's) and as it ends (its result line is printed).
ack_buckets() {
  curl -sf -H "Authorization: Bearer $OPERATOR_TOKEN" "$url/metrics" | grep '^urne_journal_ack_seconds_bucket' >"$1" || true
}
measured_log() {
  ls "$work"/report/*.hlog 2>/dev/null | grep -v -e '-warm-up\.hlog$' -e '-settling\.hlog$' | head -n 1 || true
}
while kill -0 "$bench_pid" 2>/dev/null && [ -z "$(measured_log)" ]; do sleep 0.1; done
ack_buckets "$work/ack-start.txt"
while kill -0 "$bench_pid" 2>/dev/null && ! grep -qE "^urne [0-9]+/s" "$work/bench.log"; do sleep 0.1; done
ack_buckets "$work/ack-end.txt"
wait "$bench_pid" || { cat "$work/bench.log" >&2; echo "open-model: urne bench failed" >&2; exit 1; }
grep -E "^urne [0-9]+/s|^results check|^errors" "$work/bench.log" | sed 's/^/open-model: /'
# Bucket upper bounds in seconds; the answers in the phase are the end's cumulative counts less the start's.
paste -d' ' "$work/ack-start.txt" "$work/ack-end.txt" | awk '
  { le = $1; sub(/.*le="/, "", le); sub(/".*/, "", le); n++; bound[n] = le; count[n] = $4 - $2 }
  END {
    total = count[n]; if (total <= 0) { print "open-model: no ack times read from /metrics"; exit }
    for (i = 1; i <= n; i++) { if (!p99 && count[i] >= 0.99 * total) p99 = bound[i]; if (!p999 && count[i] >= 0.999 * total) p999 = bound[i] }
    printf "open-model: server ack time (submission to answer) in the measured phase: %d answers read, p99 <= %.2f ms, p99.9 <= %.2f ms\n", total, p99 * 1000, p999 * 1000 }'
# Young pauses in the measured phase, which starts at its histogram log's StartTime (seconds since the epoch).
measured=$(measured_log)
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
