#!/usr/bin/env bash
# Builds corridor-bench/target/benchmarks.jar and runs the benchmarks, writing JMH JSON results
# (and flame graphs) under corridor-bench/results/ (override with RESULTS=...).
#
#   corridor-bench/run-benchmarks.sh seed         SeedScenarioBenchmark, all scenarios x strategies (~3 min)
#   corridor-bench/run-benchmarks.sh large        LargeFilterBenchmark without pre_bbox (~10 min)
#   corridor-bench/run-benchmarks.sh large-pre-bbox   LargeFilterBenchmark, pre_bbox only, 1+2 iterations
#   corridor-bench/run-benchmarks.sh flamegraph   async-profiler flame graph of fast on long_corridor_many_filtered_out
#   corridor-bench/run-benchmarks.sh search       SearchBenchmark, 10M locations, corridor and s2 (long: see README)
#   corridor-bench/run-benchmarks.sh search-quick SearchBenchmark at 1M locations, once each (checks, not figures)
#   corridor-bench/run-benchmarks.sh smoke        everything once, briefly, 100 000 locations (checks, not figures)
#   corridor-bench/run-benchmarks.sh all          seed, large, large-pre-bbox, flamegraph
#
# Extra arguments after the first are passed to JMH (e.g. -p radius=1000). EVENT=itimer picks the
# profiler's event when perf events are unavailable (see corridor-bench/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."

RESULTS=${RESULTS:-corridor-bench/results}
JAR=corridor-bench/target/benchmarks.jar
EVENT=${EVENT:-cpu}
what=${1:-all}
shift || true
mkdir -p "$RESULTS"

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) platform=linux-x64 ;;
  Linux-aarch64) platform=linux-arm64 ;;
  Darwin-*) platform=macos ;;
  *) platform=unknown ;;
esac
PROFILER_LIB="$(pwd)/corridor-bench/target/async-profiler/$platform/libasyncProfiler.so"

./mvnw -q ${MAVEN_ARGS:-} -pl corridor-bench -am package -DskipTests

seed() {
  java -jar "$JAR" SeedScenarioBenchmark -rf json -rff "$RESULTS/seed-scenarios.json" "$@"
}
large() {
  java -jar "$JAR" LargeFilterBenchmark -p impl=fast_1core,fast_all_cores,jts,s2 \
    -rf json -rff "$RESULTS/large-filter.json" "$@"
}
large_pre_bbox() {
  java -jar "$JAR" LargeFilterBenchmark -p impl=pre_bbox -wi 1 -i 2 \
    -rf json -rff "$RESULTS/large-filter-pre-bbox.json" "$@"
}
flamegraph() {
  java -jar "$JAR" SeedScenarioBenchmark \
    -p scenario=long_corridor_many_filtered_out -p strategy=fast \
    -prof "async:libPath=$PROFILER_LIB;output=flamegraph;event=$EVENT;dir=$RESULTS/flamegraph" \
    -rf json -rff "$RESULTS/flamegraph.json" "$@"
}
search() {
  java -jar "$JAR" SearchBenchmark -rf json -rff "$RESULTS/search.json" "$@"
}

search_quick() {
  java -jar "$JAR" SearchBenchmark -p locations=1000000 -f 1 -wi 1 -i 1 -w 1s -r 1s \
    -rf json -rff "$RESULTS/search-quick.json" "$@"
}

smoke() {
  local quick=(-f 1 -wi 1 -i 1 -w 1s -r 1s)
  java -jar "$JAR" SeedScenarioBenchmark "${quick[@]}" -rf json -rff "$RESULTS/smoke-seed.json" "$@"
  java -jar "$JAR" LargeFilterBenchmark "${quick[@]}" -p locations=100000 \
    -rf json -rff "$RESULTS/smoke-large.json" "$@"
}

case "$what" in
  seed) seed "$@" ;;
  large) large "$@" ;;
  large-pre-bbox) large_pre_bbox "$@" ;;
  flamegraph) flamegraph "$@" ;;
  search) search "$@" ;;
  search-quick) search_quick "$@" ;;
  smoke) smoke "$@" ;;
  all) seed "$@"; large "$@"; large_pre_bbox "$@"; flamegraph "$@" ;;
  *) echo "usage: $0 seed|large|large-pre-bbox|flamegraph|search|search-quick|smoke|all [JMH options]" >&2; exit 2 ;;
esac
