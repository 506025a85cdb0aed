#!/usr/bin/env bash
# How long a durable small write takes on the journal's disk while 0, 1 and 2 of the machine's cores are busy with
# something else: fio's 4 KiB overwrite + fdatasync (the journal's pattern: a few pages, then a sync), ROUNDS times
# each. On the 2-core virtual machines Urne is measured on, a sync was 10 to 20 times slower when both cores were busy
# (docs/load.md, "The disk's syncs and busy cores"): the load generator and Urne together keep them busy, so the
# journal's group commit is slowest exactly when it is loaded.
#
#   bench/trace/sync-under-load.sh [DIR]     # DIR: a directory on the disk to probe (default bench/target)
#   ROUNDS=3 WRITES=2000 bench/trace/sync-under-load.sh
#
# Needs fio and jq (apt-get install fio jq). A measuring tool, not a test: the busy loops are plain shell loops,
# each bounded by `timeout`, and the directory it writes in is removed on exit.
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v fio >/dev/null && command -v jq >/dev/null || { echo "sync-under-load: needs fio and jq (apt-get install fio jq)"; exit 2; }
DIR=${1:-bench/target}
ROUNDS=${ROUNDS:-3}
WRITES=${WRITES:-2000}
mkdir -p "$DIR"
work=$(mktemp -d "$DIR/sync-under-load.XXXXXX")
busy_pids=()
stop_busy() { for p in "${busy_pids[@]}"; do kill "$p" 2>/dev/null || true; done; busy_pids=(); }
trap 'stop_busy; rm -rf "$work"' EXIT

probe() {
    fio --name=sync --directory="$work" --rw=write --bs=4k --size=$((WRITES * 4))k --overwrite=1 --fdatasync=1 \
        --ioengine=sync --output-format=json 2>/dev/null |
        jq -r '.jobs[0] | "p50_us=\(.sync.lat_ns.percentile["50.000000"] / 1000 | floor) p99_us=\(.sync.lat_ns.percentile["99.000000"] / 1000 | floor) syncs_per_s=\(.write.iops | floor)"'
    rm -f "$work"/sync.*
}

echo "# $(date -u +%FT%TZ) dir=$DIR cores=$(nproc) kernel=$(uname -r) load=$(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq "$ROUNDS"); do
    for busy in 0 1 2; do
        for _ in $(seq "$busy"); do
            timeout 120 sh -c 'while :; do :; done' &
            busy_pids+=($!)
        done
        sleep 0.5
        echo "sync-under-load: round=$round busy_cores=$busy $(probe)"
        stop_busy
    done
done
