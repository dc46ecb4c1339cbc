#!/usr/bin/env bash
# Start-up of a large snapshot, as a user meets it: from launching `corridor search` (a fresh JVM)
# to its answer written, on a snapshot of generated locations. Cold runs first empty the page
# cache (when this user may write /proc/sys/vm/drop_caches; otherwise they are reported as warm).
#
#   corridor-bench/startup-benchmark.sh [LOCATIONS] [RUNS]     (defaults: 10000000, 5)
#
# The CSV and snapshot are generated once (seed 1, the default region) under
# ${TMPDIR:-/tmp}/corridor-startup-bench and reused; the route is the 100 km benchmark route.
set -euo pipefail
cd "$(dirname "$0")/.."
locations=${1:-10000000}
runs=${2:-5}
dir="${TMPDIR:-/tmp}/corridor-startup-bench"
mkdir -p "$dir"
jar=corridor-cli/target/corridor.jar
bench=corridor-bench/target/benchmarks.jar

./corridor --version >/dev/null   # builds the command-line jar if needed, outside the timing
if [[ ! -s "$bench" ]]; then
  ./mvnw -q -pl corridor-bench -am package -DskipTests
fi
csv="$dir/locations-$locations.csv"
snapshot="$dir/locations-$locations.corridx"
if [[ ! -s "$csv" ]]; then
  java -jar "$jar" generate --count "$locations" --output "$csv"
fi
if [[ ! -s "$snapshot" ]]; then
  /usr/bin/time -f "import: %e s wall, %M KB max RSS" \
    java -jar "$jar" import --locations "$csv" --out "$snapshot"
fi
route="$dir/route-100km.geojson"
java -cp "$bench" io.corridor.bench.scenario.SearchRoutes 100 > "$route"
echo "snapshot: $(stat -c %s "$snapshot") bytes, $locations locations"

search() {
  java -jar "$jar" search --index "$snapshot" --route "$route" --radius 1000 --limit 20 \
    --output "$dir/first20.csv"
}
drop_caches() {
  sync
  if { echo 3 > /proc/sys/vm/drop_caches; } 2>/dev/null; then echo cold; else echo warm; fi
}
for ((i = 1; i <= runs; i++)); do
  state=$(drop_caches)
  start=$(date +%s%N)
  search
  end=$(date +%s%N)
  echo "run $i ($state page cache): $(( (end - start) / 1000000 )) ms from launch to answer"
done
for ((i = 1; i <= runs; i++)); do
  start=$(date +%s%N)
  search
  end=$(date +%s%N)
  echo "run $i (warm page cache): $(( (end - start) / 1000000 )) ms from launch to answer"
done
echo "$(($(wc -l < "$dir/first20.csv") - 1)) matches in the last answer"
