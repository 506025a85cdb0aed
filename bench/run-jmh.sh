#!/usr/bin/env bash
# Builds target/benchmarks.jar and runs the JMH suite from bench/ (benchmarks write journals and reports under
# bench/target/). Results as JSON in target/jmh-<mode>.json; bytes per voter in target/bench-reports/.
#
#   run-jmh.sh quick [JMH args]  CI smoke: 1 fork, 1 warm-up and 2 one-second iterations, the smallest parameters.
#                                A few minutes on 2 cores. Exits non-zero if a benchmark fails its answer check.
#   run-jmh.sh full [JMH args]   The configuration in the annotations (tens of minutes).
#
# Extra arguments go to JMH after ours: a benchmark regex, -p name=value, -prof gc, -prof stack ...
set -euo pipefail

mode="${1:-quick}"
shift || true
bench_dir="$(cd "$(dirname "$0")" && pwd)"

case "$mode" in
  quick) jmh_args=(-f 1 -wi 1 -w 1s -i 2 -r 1s -p voters=1000 -p outstanding=1 -p arguments=10000) ;;
  full) jmh_args=() ;;
  *) echo "usage: $0 quick|full [JMH arguments]" >&2; exit 2 ;;
esac

(cd "$bench_dir/.." && ./mvnw -q -B -pl bench -am package -DskipTests)

cd "$bench_dir"
rm -rf target/bench-journals
# -foe: a failed answer check stops the run with a non-zero exit instead of being skipped over.
java -jar target/benchmarks.jar "${jmh_args[@]}" -foe true -rf json -rff "target/jmh-$mode.json" "$@"

if compgen -G "target/bench-reports/*.txt" > /dev/null; then
  echo "Core table bytes per voter:"
  cat target/bench-reports/*.txt
fi
