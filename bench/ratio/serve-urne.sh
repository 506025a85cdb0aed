# Sourced by bench/thread-cpu.sh and bench/reads-beside.sh (from the project root): `urne serve` as bench/run-ratio.sh
# configures it (bench/ratio/urne-ratio.yaml, its fixed tokens and voter secret, poll p1 from perf-poll.json).

. bench/ratio/credentials.sh

pid=
# The scripts' EXIT trap: stops the server serve_urne started and deletes the scripts' $work. Neither step may fail
# under set -e: `wait` answers 143 for the server it just stopped, which used to end the trap before the delete.
stop_urne() {
  if [ -n "$pid" ]; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}

# prepare_urne SCRIPT: what the scripts need before they start a server: wrk, the distribution built (./urne builds
# it when stale), and a fresh work directory under bench/target, set in $work and deleted on exit with the server.
prepare_urne() {
  local script=$1
  command -v wrk >/dev/null || { echo "$script: wrk is missing (scripts/install-test-tools.sh installs it)" >&2; exit 2; }
  ./urne --version >/dev/null
  mkdir -p bench/target
  work=$(mktemp -d "bench/target/$script.XXXXXX")
  trap stop_urne EXIT
}

# serve_urne SCRIPT WORK [NAME=value ...]: starts ./urne serve with its journal in WORK/journal, its log in
# WORK/serve.log and the NAME=value settings (URNE_* variables) on top, waits until it serves, defines p1; sets pid
# and url. Exits 2, naming SCRIPT, when it does not serve within two minutes.
serve_urne() {
  local script=$1 work=$2
  shift 2
  env URNE_JOURNAL_DIR="$work/journal" URNE_VOTER_SECRET="$VOTER_SECRET" \
    "$@" ./urne serve --config bench/ratio/urne-ratio.yaml --port 0 >"$work/serve.log" 2>&1 &
  pid=$!
  url=
  for _ in $(seq 240); do
    url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/serve.log" | head -n 1 || true)
    [ -n "$url" ] && curl -sf "$url/health/ready" >/dev/null && break
    kill -0 "$pid" 2>/dev/null || { cat "$work/serve.log" >&2; exit 2; }
    sleep 0.5
  done
  [ -n "$url" ] || { echo "$script: urne did not start" >&2; exit 2; }
  curl -sf -X PUT -H "Authorization: Bearer $OPERATOR_TOKEN" -H 'Content-Type: application/json' \
    --data @bench/ratio/perf-poll.json "$url/v1/polls/p1" >/dev/null
}
