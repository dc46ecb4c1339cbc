#!/usr/bin/env bash
# Times `./corridor filter` end to end (JVM start, CSV parsing, filter, output) on a million
# generated locations and a 1 400-vertex route across Switzerland, as BENCHMARKS.md records.
#
#   corridor-bench/cli-benchmark.sh [LOCATIONS] [RUNS]     (defaults: 1000000, 5)
#
# The data is deterministic (awk's srand(1)) and written under ${TMPDIR:-/tmp}/corridor-cli-bench.
set -euo pipefail
cd "$(dirname "$0")/.."
locations=${1:-1000000}
runs=${2:-5}
dir="${TMPDIR:-/tmp}/corridor-cli-bench"
mkdir -p "$dir"

csv="$dir/locations-$locations.csv"
if [[ ! -s "$csv" ]]; then
  awk -v n="$locations" 'BEGIN {
    srand(1); print "id,lat,lon,name";
    for (i = 0; i < n; i++) printf "loc%d,%.6f,%.6f,Place %d\n", i, 45 + 3.5 * rand(), 5.5 + 5 * rand(), i
  }' > "$csv"
fi
route="$dir/route.geojson"
awk 'BEGIN {
  split("6.14 6.63 7.0 7.44 7.9 8.54 9.37 9.84", lon, " ");
  split("46.20 46.52 46.7 46.95 47.2 47.37 47.42 47.5", lat, " ");
  printf "{\"type\":\"LineString\",\"coordinates\":[";
  sep = "";
  for (k = 1; k < 8; k++) for (j = 0; j < 200; j++) {
    t = j / 200; printf "%s[%.6f,%.6f]", sep, lon[k] + (lon[k+1] - lon[k]) * t, lat[k] + (lat[k+1] - lat[k]) * t; sep = ",";
  }
  printf ",[%s,%s]]}\n", lon[8], lat[8];
}' > "$route"

./corridor --version >/dev/null   # builds the jar if needed, outside the timing
for ((i = 1; i <= runs; i++)); do
  /usr/bin/time -f "run $i: %e s wall, %U s user, %M KB max RSS" \
    ./corridor filter --route "$route" --radius 1000 --locations "$csv" --output "$dir/matches.csv"
done
echo "$(($(wc -l < "$dir/matches.csv") - 1)) matches"
