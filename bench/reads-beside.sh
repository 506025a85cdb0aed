#!/usr/bin/env bash
# Issue 11's open-model read target, with an external reader: ingest latency at RATE ballots/s (`urne bench`'s open
# model, against `urne serve` in a process of its own) without reads, then with wrk reading the poll's results beside
# it as live pages do (bench/ratio/results-reads.lua: If-None-Match with the last ETag, READ_CONNS connections, each
# pausing 1 ms between answers, so up to READ_CONNS thousand reads a second offered). Prints both p99s, their ratio
# and the reads served; the target is a p99 at most 1.2x with 20,000 reads/s beside 2,000 ballots/s (docs/load.md,
# "Reads beside ballots"). A p99 over 15 s moves by a third from one run to the next on a shared machine, so the
# script runs ROUNDS pairs (alone, then with reads, against the same server) and prints each pair's ratio and the
# median of the ratios, which is the figure to quote.
#
#   bench/reads-beside.sh                         # 2,000 ballots/s, 20 read connections, 15 s measured each
#   RATE=1000 READ_CONNS=40 bench/reads-beside.sh
#   ROUNDS=1 bench/reads-beside.sh                # one pair
#
# Knobs: RATE (2000), READ_CONNS (20), DURATION (15 s), ROUNDS (3), WARMUP (30 s of ballots at up to 1,000/s
# before each measured phase, for the generator's JVM and the server's JIT). Urne runs bench/ratio/urne-ratio.yaml
# (fsync journal in a fresh directory under bench/target, poll p1 from perf-poll.json) with the public-read limit
# out of the way: one client here stands for thousands of pages. Loopback only; every process it starts is stopped on
# exit and its directory deleted; wrk's runs are bounded by DURATION.
set -euo pipefail
cd "$(dirname "$0")/.."
RATE=${RATE:-2000}
READ_CONNS=${READ_CONNS:-20}
DURATION=${DURATION:-15}
WARMUP=${WARMUP:-30}
ROUNDS=${ROUNDS:-3}
. bench/ratio/serve-urne.sh
prepare_urne reads-beside
serve_urne reads-beside "$work" URNE_PUBLIC_RATE_PER_SECOND=10000000 URNE_PUBLIC_RATE_BURST=10000000

# One measured phase of ballots; with reads, wrk starts as the measured phase does and lasts as long.
phase() {
  local reads=$1 out=$work/bench-$1.log
  ./urne bench --url "$url" --token "$PLATFORM_TOKEN" --poll p1 --paper 0 --no-ceiling --rate "$RATE" \
    --duration "$DURATION" --warmup "$WARMUP" --out "$work/report-$reads" >"$out" 2>&1 &
  local bench=$!
  if [ "$reads" = with-reads ]; then
    sleep "$((WARMUP + 1))"
    READ_PATH=/v1/polls/p1/results DELAY_MS=1 timeout "$((DURATION + 30))" \
      wrk -t1 -c"$READ_CONNS" -d"${DURATION}s" -s bench/ratio/results-reads.lua "$url" | grep -E '^(READS|STATUS)' |
      sed 's/^/reads-beside: /'
  fi
  wait "$bench" || { cat "$out" >&2; echo "reads-beside: urne bench failed" >&2; exit 1; }
  grep -E "^urne $RATE/s" "$out" | sed "s/^/reads-beside: $reads: /"
  grep -E "^urne $RATE/s" "$out" | awk '{ for (i = 1; i < NF; i++) if ($i == "p99") print $(i + 1) }'
}
ratios=
for round in $(seq "$ROUNDS"); do
  alone=$(phase alone | tee /dev/stderr | tail -n 1)
  beside=$(phase with-reads | tee /dev/stderr | tail -n 1)
  ratio=$(awk -v a="$alone" -v b="$beside" 'BEGIN { printf "%.2f", b / a }')
  ratios="$ratios $ratio"
  echo "reads-beside: round $round: ingest p99 $alone ms alone, $beside ms with reads: ${ratio}x"
done
echo "$ratios" | tr ' ' '\n' | grep . | sort -n | awk '{ r[NR] = $1 } END {
  m = NR % 2 ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2
  printf "reads-beside: median of %d rounds: %.2fx (target: at most 1.2x)\n", NR, m }'
