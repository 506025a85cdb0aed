#!/usr/bin/env bash
# The load generator's CI mode: 10 seconds of realistic ballots against an in-process Urne (fsync journal), then a
# check that the published results equal what was acknowledged. Prints the numbers; fails only on a wrong count or
# a failed request, since a shared CI machine is too noisy to assert latencies. Runs through ./urne, which builds
# the distribution first if needed. Other arguments replace the defaults, e.g. `bench/run-load.sh --profile
# find-max`; `./urne bench --help` lists them. Reports go to target/bench-<timestamp>/.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$#" -eq 0 ]; then
  set -- --profile ci --duration 10
fi
exec ./urne bench "$@"
