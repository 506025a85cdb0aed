#!/usr/bin/env bash
# Fuzzes one Jazzer @FuzzTest for a while, e.g.
#   scripts/fuzz.sh tally 'JournalRecordCodecFuzzTest#anySealedBodyDecodesToARecordThatReencodesOrFailsAsCorrupt' 10m
#   scripts/fuzz.sh ingest 'BodyParsersFuzzTest#anyBodyIsABallotOrAProblem' 1h
# Under `./mvnw verify` fuzz tests only replay the inputs committed under src/test/resources/<package>/<Class>Inputs/
# <method>/. Here Jazzer mutates them for the given time (default 5m) and keeps what it learned in
# <module>/.cifuzz-corpus (not committed). A finding fails the run and is written to that inputs directory as
# crash-<hash>: fix the code, keep the file (rename it to say what it found) and commit it as a regression input.
# Maven options (e.g. -Dmaven.repo.local=...) go in MAVEN_ARGS.
set -euo pipefail
cd "$(dirname "$0")/.."
module=${1:?module (tally or ingest)}
test=${2:?Class#method}
duration=${3:-5m}
JAZZER_FUZZ=1 JAZZER_MAX_DURATION="$duration" ./mvnw -B -ntp ${MAVEN_ARGS:-} -pl "$module" -am test \
  -Dsurefire.failIfNoSpecifiedTests=false -Dtest="$test"
