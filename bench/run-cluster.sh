#!/usr/bin/env bash
# The 3-member cluster beside the single server, in one run, under the same open-model load: `urne cluster demo`
# (3 members on this machine, fsync durability) is loaded through one member with `urne bench --url`, then a single
# `urne serve` (fsync) by `urne bench` itself, at each rate of RATES (default "500 1000 2000"), DURATION seconds each
# (default 15). Prints each run's lines (rate reached, p50/p99, errors, the results check); docs/load.md, "Three
# members on one machine", has the numbers and what limits them. Loopback only; everything under a temporary
# directory removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
RATES=${RATES:-"500 1000 2000"}
DURATION=${DURATION:-15}
work=$(mktemp -d)
demo_pid=
cleanup() {
  if [ -n "$demo_pid" ] && kill -0 "$demo_pid" 2>/dev/null; then
    kill -TERM "$demo_pid"
    wait "$demo_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

./urne --version >/dev/null   # builds the distribution first if needed
# Below the ephemeral range (32768 and up), so no outgoing connection takes a member's port meanwhile.
http_port=$((26000 + RANDOM % 3000))
./urne cluster demo --data "$work/cluster" --http-port "$http_port" --port-base $((21000 + 100 * (RANDOM % 40))) \
  > "$work/demo.out" 2>&1 &
demo_pid=$!
for _ in $(seq 1 120); do
  grep -q '  operator token:' "$work/demo.out" && break
  kill -0 "$demo_pid" 2>/dev/null || { cat "$work/demo.out"; exit 1; }
  sleep 1
done
operator=$(awk '/  operator token:/ {print $3}' "$work/demo.out")
[ -n "$operator" ] || { echo "run-cluster: the demo did not start:"; cat "$work/demo.out"; exit 1; }
grep -E '^  member ' "$work/demo.out"

for rate in $RATES; do
  echo "== cluster, $rate/s (through member 0, http://127.0.0.1:$http_port)"
  ./urne bench --url "http://127.0.0.1:$http_port" --token "$operator" --profile ci --rate "$rate" \
    --duration "$DURATION" --out "$work/reports" | grep -E '^(urne |results check|errors)'
  echo "== single server, $rate/s"
  ./urne bench --profile ci --rate "$rate" --duration "$DURATION" --out "$work/reports" \
    | grep -E '^(urne |results check|errors)'
done
