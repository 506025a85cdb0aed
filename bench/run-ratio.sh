#!/usr/bin/env bash
# CI's ratio guard (issue 11, part 6): Urne's durable ingest against the raw HTTP + JSON ceiling, both loaded by the
# same external generator (Debian's wrk, one thread, bench/ratio/ballot.lua), measured in the same run. Fails when
# the best round's urne/ceiling throughput ratio is below RATIO_MIN, when either server answers anything but 2xx or
# a connection breaks (wrk's connect, read and write errors), or when the answer check below fails. wrk's timeouts
# (an answer slower than 2 s, still awaited and counted) are printed, not failed on: a shared machine's stall is not
# a wrong answer, and the answer check bounds what was left unanswered.
#
# What it runs, from the project root (also as `bench/run-ratio.sh` from .ci/run):
#   - `./urne --version` first, which builds the distribution when it is stale (not timed; in CI ./run-tests built it).
#   - `urne ceiling` (deploy's CeilingServer as its own process: parse the JSON ballot, answer 202 with a receipt-sized
#     body, store nothing) and `urne serve --config bench/ratio/urne-ratio.yaml` (fsync journal in a fresh directory
#     under bench/target, on the checkout's disk rather than a tmpfs), both on free ports of 127.0.0.1, each with its
#     default number of event loops (or EVENT_LOOPS for both). Poll p1 (bench/ratio/perf-poll.json) is defined through the API.
#   - WARMUP seconds of the load on each, then ROUNDS interleaved rounds of DURATION seconds: ceiling, urne, ceiling,
#     urne... The server not being loaded is paused (SIGSTOP) and resumed afterwards (SIGCONT): idle, Urne's journal
#     writer and tally threads still poll (about a fifth of a core here), which the ceiling would otherwise lose.
#   - Ratio per round = urne req/s / ceiling req/s of the same round; the best round counts, so a noisy neighbour
#     during one round does not fail the run, while a real slowdown shows in every round.
#   - When no round reaches RATIO_MIN, up to EXTRA_ROUNDS more pairs run, stopping at the first that does: a
#     neighbour busy for the whole first set costs about 25 s a pair instead of failing CI, and a real slowdown
#     still fails every pair.
#   - The answer check (exact): ballot.lua's ballotIds are unique and p1 replaces a voter's earlier ballot, so the
#     results must count exactly one ballot per distinct voter in the journal. After the rounds it exports the journal
#     (`urne export`, read-only), counts the distinct voter keys of its ballots with sort, and compares them with the
#     total that GET /v1/polls/p1/results serves once it has applied the last one. wrk cannot tell which voters got a
#     202, so the journal is the list of acknowledged ballots; it is checked against wrk's count of 202s: at least as
#     many ballots (every 202 was durable), and at most CONNS more per wrk run (a ballot still in flight when wrk
#     stops may be journaled without wrk counting its answer).
#
# Output: one line per round, then
#   run-ratio: best urne/ceiling = 0.NN (urne N/s, ceiling N/s), threshold 0.50: ok|FAIL
# Exit status: 0 pass, 1 the ratio or a check failed, 2 it could not run (wrk or curl missing, bad knob, a server
# did not start). Every process it starts is stopped on exit (EXIT trap) and its directory deleted.
#
# Knobs (environment): RATIO_MIN (0.5), DURATION (10 s per round and server), ROUNDS (3), EXTRA_ROUNDS (3, only
# while no round has reached RATIO_MIN), CONNS (64 wrk connections),
# WARMUP (10 s per server: C2 was still compiling Urne after 5 s), VOTERS (1000000, drawn uniformly by ballot.lua), EVENT_LOOPS (both servers; default: each
# its own, twice the cores for the ceiling and half the cores for `urne serve`, where each takes the most), JAVA_OPTS (passed to both JVMs by the launcher).
# Takes 91-100 s on a 2-core machine with the defaults (129 s at load 10-20), the build not counted; each extra
# round adds about 25 s, so at most about 175 s on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."

RATIO_MIN=${RATIO_MIN:-0.5}
DURATION=${DURATION:-10}
ROUNDS=${ROUNDS:-3}
EXTRA_ROUNDS=${EXTRA_ROUNDS:-3}
CONNS=${CONNS:-64}
WARMUP=${WARMUP:-10}
VOTERS=${VOTERS:-1000000}
EVENT_LOOPS=${EVENT_LOOPS:-}

. bench/ratio/credentials.sh   # PLATFORM_TOKEN, OPERATOR_TOKEN, VOTER_SECRET
readonly LOAD=bench/ratio/ballot.lua
readonly START_LIMIT=120   # seconds a server may take to serve: a shared CI machine can be slow to start a JVM

say() { echo "run-ratio: $*"; }
die() { say "ERROR: $*" >&2; exit 2; }

for knob in DURATION ROUNDS EXTRA_ROUNDS CONNS WARMUP VOTERS ${EVENT_LOOPS:+EVENT_LOOPS}; do
  [[ ${!knob} =~ ^[0-9]+$ ]] || die "$knob must be a whole number, got '${!knob}'"
done
[[ $RATIO_MIN =~ ^[0-9]*\.?[0-9]+$ ]] || die "RATIO_MIN must be a number, got '$RATIO_MIN'"
((DURATION > 0 && ROUNDS > 0 && CONNS > 0)) || die "DURATION, ROUNDS and CONNS must be above 0"
command -v wrk >/dev/null || die "wrk is missing: scripts/install-test-tools.sh installs Debian's wrk"
command -v curl >/dev/null || die "curl is missing (apt-get install curl)"

# The servers' settings come from the files and knobs here only, not from the caller's URNE_* variables.
while read -r name; do unset "$name"; done < <(compgen -e | grep '^URNE_' || true)

./urne --version >/dev/null
SECONDS=0

mkdir -p bench/target
work=$(mktemp -d "$PWD/bench/target/run-ratio.XXXXXX")
ceiling_pid=
urne_pid=
wrk_pid=

# stop PID: resume it if paused, TERM it, and KILL it if it has not ended after 20 s.
stop() {
  local pid=$1 i
  [ -n "$pid" ] || return 0
  kill -CONT "$pid" 2>/dev/null || true
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  [ -z "$wrk_pid" ] || kill -KILL "$wrk_pid" 2>/dev/null || true
  stop "$urne_pid"
  stop "$ceiling_pid"
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# await_line PID LOG SED_SCRIPT: what the sed script prints from LOG once it prints something, within START_LIMIT;
# fails, showing the log, if PID ends first.
await_line() {
  local pid=$1 log=$2 script=$3 found i
  for i in $(seq 1 $((START_LIMIT * 5))); do
    found=$(sed -n "$script" "$log")
    if [ -n "$found" ]; then
      echo "$found"
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || { tail -n 30 "$log" >&2; die "the server ended before serving (log above)"; }
    sleep 0.2
  done
  tail -n 30 "$log" >&2
  die "the server printed no URL within $START_LIMIT s (log above)"
}

# only RUN PAUSE: the server not being loaded is paused, so that each round has the machine to itself (see the
# header); fails, with its log, if either server has ended.
only() {
  local run=$1 pause=$2 pid
  for pid in "$run" "$pause"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      [ "$pid" = "$urne_pid" ] && tail -n 30 "$work/urne.log" >&2 || tail -n 30 "$work/ceiling.log" >&2
      die "a server ended during the run (log above)"
    fi
  done
  kill -STOP "$pause"
  kill -CONT "$run"
}

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# load NAME URL SECONDS PID: runs wrk against URL's p1 ballots; sets RPS NON2XX P99 REQUESTS, BROKEN (connect, read
# and write errors), SLOW (wrk's timeouts) and CPU_US (the server PID's CPU time per request, all threads, in
# microseconds). The Authorization header goes to both servers, so both read the same bytes.
load() {
  local name=$1 url=$2 seconds=$3 pid=$4 out="$work/wrk-$1.out" before after rc=0 result
  before=$(cpu_ticks "$pid")
  TOKEN=$PLATFORM_TOKEN VOTERS=$VOTERS timeout -k 5 $((seconds + 30)) \
    wrk -t1 -c"$CONNS" -d"${seconds}s" --timeout 2s -s "$LOAD" "$url/v1/polls/p1/ballots" >"$out" 2>&1 &
  wrk_pid=$!
  wait "$wrk_pid" || rc=$?
  wrk_pid=
  after=$(cpu_ticks "$pid")
  result=$(sed -n 's/^RESULT rps=\([0-9.]*\) non2xx=\([0-9]*\) p50_ms=[0-9.]* p99_ms=\([0-9.]*\) requests=\([0-9]*\) .*$/\1 \2 \3 \4/p' "$out")
  if [ "$rc" -ne 0 ] || [ -z "$result" ]; then
    cat "$out" >&2
    die "wrk against $name failed (exit $rc, output above)"
  fi
  read -r RPS NON2XX P99 REQUESTS <<<"$result"
  # ballot.lua's sock_err adds timeouts to the errors; wrk's own line tells them apart (printed only when not all 0).
  read -r BROKEN SLOW < <(sed -n 's/^ *Socket errors: connect \([0-9]*\), read \([0-9]*\), write \([0-9]*\), timeout \([0-9]*\)$/\1 \2 \3 \4/p' \
    "$out" | awk '{ print $1 + $2 + $3, $4 } END { if (NR == 0) print 0, 0 }')
  CPU_US=$(awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v n="$REQUESTS" \
    'BEGIN { printf "%.0f", (n > 0 ? t / hz * 1e6 / n : 0) }')
}

# --- the two servers -------------------------------------------------------------------------------------------
./urne ceiling --port 0 ${EVENT_LOOPS:+--event-loops "$EVENT_LOOPS"} >"$work/ceiling.log" 2>&1 &
ceiling_pid=$!
serving=$(await_line "$ceiling_pid" "$work/ceiling.log" \
  's/^Ceiling is serving \(http:[^ ]*\) with \([0-9]*\) event loops$/\1 \2/p')
read -r ceiling_url loops <<<"$serving"

URNE_JOURNAL_DIR="$work/journal" URNE_VOTER_SECRET=$VOTER_SECRET URNE_HTTP_EVENT_LOOPS=${EVENT_LOOPS:-0} \
  ./urne serve --config bench/ratio/urne-ratio.yaml --port 0 >"$work/urne.log" 2>&1 &
urne_pid=$!
urne_url=$(await_line "$urne_pid" "$work/urne.log" 's/^Urne is serving \(http:[^ ]*\)$/\1/p')
curl -fsS --max-time 10 -o /dev/null "$urne_url/health/ready" || die "$urne_url/health/ready is not 200"

status=$(curl -sS --max-time 10 -o /dev/null -w '%{http_code}' -X PUT -H "Authorization: Bearer $OPERATOR_TOKEN" \
  -H 'Content-Type: application/json' --data @bench/ratio/perf-poll.json "$urne_url/v1/polls/p1")
[ "$status" = 201 ] || die "defining p1 answered $status, not 201"
# p1 opens at a past opensAt, so it is open once defined; opening it is only needed if the API ever changes that.
if ! curl -fsS --max-time 10 "$urne_url/v1/polls/p1" | grep -q '"status":"open"'; then
  curl -fsS --max-time 10 -o /dev/null -X POST -H "Authorization: Bearer $OPERATOR_TOKEN" \
    "$urne_url/v1/polls/p1/open"
  curl -fsS --max-time 10 "$urne_url/v1/polls/p1" | grep -q '"status":"open"' || die "p1 is not open"
fi

say "urne at $urne_url (fsync journal on $(stat -f -c %T "$work")), ${EVENT_LOOPS:-$(( $(nproc) / 2 > 0 ? $(nproc) / 2 : 1 ))} event loops; ceiling at" \
  "$ceiling_url, $loops event loops; wrk -t1 -c$CONNS, $ROUNDS rounds of ${DURATION}s after ${WARMUP}s of warm-up, $(nproc) cores," \
  "started in ${SECONDS}s"

# --- warm-up and rounds ----------------------------------------------------------------------------------------
failures=()
urne_acked=0
urne_runs=0
# check_answers NAME WHEN: after load, a failure for any non-2xx or broken connection; a line for slow answers.
check_answers() {
  if [ "$NON2XX" -ne 0 ] || [ "$BROKEN" -ne 0 ]; then
    failures+=("$1 answered $NON2XX non-2xx and broke $BROKEN connections in $2")
  fi
  if [ "$SLOW" -ne 0 ]; then
    say "$2: $1 took over 2 s to answer, $SLOW times (wrk's timeouts; awaited and counted)"
  fi
}
urne_round() {
  load urne "$urne_url" "$1" "$urne_pid"
  urne_acked=$((urne_acked + REQUESTS))
  urne_runs=$((urne_runs + 1))
  check_answers urne "$2"
}
ceiling_round() {
  load ceiling "$ceiling_url" "$1" "$ceiling_pid"
  check_answers ceiling "$2"
}

if [ "$WARMUP" -gt 0 ]; then
  only "$ceiling_pid" "$urne_pid"
  ceiling_round "$WARMUP" warm-up
  only "$urne_pid" "$ceiling_pid"
  urne_round "$WARMUP" warm-up
fi

best=0 best_urne=0 best_ceiling=0
# reached: whether the best round so far is at or above RATIO_MIN.
reached() { awk -v b="$best" -v m="$RATIO_MIN" 'BEGIN { exit !(b >= m) }'; }
# pair N OF: one ceiling round and one Urne round, printed; keeps the best ratio.
pair() {
  only "$ceiling_pid" "$urne_pid"
  ceiling_round "$DURATION" "round $1"
  c_rps=$RPS c_p99=$P99 c_cpu=$CPU_US
  only "$urne_pid" "$ceiling_pid"
  urne_round "$DURATION" "round $1"
  ratio=$(awk -v u="$RPS" -v c="$c_rps" 'BEGIN { printf "%.2f", (c > 0 ? u / c : 0) }')
  say "round $1/$2: ceiling $c_rps/s p99 $c_p99 ms ${c_cpu} us CPU/req | urne $RPS/s p99 $P99 ms" \
    "${CPU_US} us CPU/req non2xx $NON2XX | urne/ceiling $ratio"
  if awk -v r="$ratio" -v b="$best" 'BEGIN { exit !(r > b) }'; then
    best=$ratio best_urne=$RPS best_ceiling=$c_rps
  fi
}
for round in $(seq 1 "$ROUNDS"); do
  pair "$round" "$ROUNDS"
done
extra=0
while ! reached && [ "$extra" -lt "$EXTRA_ROUNDS" ]; do
  extra=$((extra + 1))
  [ "$extra" -eq 1 ] && say "no round reached $RATIO_MIN: up to $EXTRA_ROUNDS more, until one does"
  pair "$((ROUNDS + extra))" "$((ROUNDS + EXTRA_ROUNDS))"
done

# --- the answer check ------------------------------------------------------------------------------------------
kill -CONT "$urne_pid"
timeout 120 ./urne export --journal "$work/journal" --poll p1 --format csv -o "$work/ballots.csv" \
  >"$work/export.log" 2>&1 || { cat "$work/export.log" >&2; die "urne export failed (output above)"; }
# Columns: position,time,type,poll,receipt,voter_key,...: the first six never hold a comma.
read -r journaled last_position < <(awk -F, '$3 == "ballot" { n++; p = $1 } END { print n + 0, p + 0 }' \
  "$work/ballots.csv")
voters=$(awk -F, '$3 == "ballot" { print $6 }' "$work/ballots.csv" | sort -u | wc -l)
counted=
for i in $(seq 1 100); do   # the tally publishes results every 100 ms: wait until they cover the last ballot
  results=$(curl -fsS --max-time 10 "$urne_url/v1/polls/p1/results") || die "GET /v1/polls/p1/results failed"
  position=$(grep -o '"position":[0-9]*' <<<"$results" | head -n 1 | cut -d: -f2)
  if [ -n "$position" ] && [ "$position" -ge "$last_position" ]; then
    counted=$(grep -o '"ballots":{[^}]*}' <<<"$results" | grep -o '"total":[0-9]*' | cut -d: -f2)
    break
  fi
  sleep 0.2
done
most=$((urne_acked + CONNS * urne_runs))
check="$urne_acked ballots acknowledged (wrk's 202s), $journaled in the journal (at most $most),"
check+=" $voters distinct voters, results total ${counted:-not published}"
if [ -n "$counted" ] && [ "$counted" -gt 0 ] && [ "$counted" -eq "$voters" ] &&
   [ "$journaled" -ge "$urne_acked" ] && [ "$journaled" -le "$most" ]; then
  say "answer check: $check: ok"
else
  say "answer check: $check: FAIL"
  failures+=("the answer check failed")
fi

verdict=ok
if ! reached; then
  verdict=FAIL
  failures+=("the best ratio $best is below $RATIO_MIN")
fi
say "took ${SECONDS}s after the build"
for failure in "${failures[@]}"; do
  say "FAILED: $failure"
done
say "best urne/ceiling = $best (urne $best_urne/s, ceiling $best_ceiling/s), threshold $(printf %.2f "$RATIO_MIN"): $verdict"
[ "${#failures[@]}" -eq 0 ]
