#!/usr/bin/env bash
# The README's first command on this checkout: `./urne serve` answers on the URL it prints, within a bounded wait,
# with the three demo polls. Its data goes to a temporary folder, removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
log="$work/serve.log"
./urne serve --data "$work/urne-data" --port 0 >"$log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
url=""
for _ in $(seq 1 240); do
  url=$(sed -n 's/^Urne is serving \(http[^ ]*\)$/\1/p' "$log")
  [ -n "$url" ] && break
  kill -0 "$pid" 2>/dev/null || { echo "smoke: serve exited:"; cat "$log"; exit 1; }
  sleep 0.5
done
[ -n "$url" ] || { echo "smoke: serve printed no URL within 120 s:"; cat "$log"; exit 1; }
curl -fsS "$url/health/ready" >/dev/null
curl -fsS "$url/v1/polls" | grep -q '"clermont-2022-votation"'
curl -fsS "$url/v1/polls/clermont-2022-jugement/results" | grep -q '"kind":"judgment"'
grep -q 'operator token:' "$log"
echo "smoke: ./urne serve answered on $url with the demo polls"
