#!/usr/bin/env bash
# Runs a benchmark from src/test/java/dev/feedbackloop/bench: ./bench.sh NAME [ARGS...]
# e.g. ./bench.sh JunitParseBenchmark, or one in a subpackage: ./bench.sh history.HistorySimulator --out DIR.
# JAVA_OPTS are passed to the JVM (benchmarks document the heap they assume).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
name="${1:?usage: ./bench.sh BenchmarkName [args...]}"; shift
cd "$here"
./mvnw -B -q -DskipTests test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >&2
exec java ${JAVA_OPTS:-} -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  "dev.feedbackloop.bench.$name" "$@"
