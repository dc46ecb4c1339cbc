#!/usr/bin/env bash
# Our index against PostGIS, side by side, on the same generated locations and the same routes:
# routes of 10, 100 and 1 000 km (io.corridor.bench.scenario.SearchRoutes) × r ∈ {100, 1000, 5000} m
# × {every match, the first 100 by offset}. Prints p50 and p99 of each and their ratio, and how
# their ids agree (ids within 5 cm of r may differ; beyond that the script fails).
#
#   corridor-bench/postgis-benchmark.sh [LOCATIONS] [RUNS]     (defaults: 10000000, 20)
#   ROUTES_KM=10,100 corridor-bench/postgis-benchmark.sh ...    (only some route lengths)
#   RADII=100,1000 corridor-bench/postgis-benchmark.sh ...      (only some radii)
#
# PostGIS takes seconds per query on the 100 km route and far longer on the 1 000 km one (each
# candidate of the route's bounding box is measured against every edge): at 10M locations the
# full run takes hours; start with ROUTES_KM=10 or fewer RUNS.
#
# 1. `./corridor generate --count N --seed 1` writes the CSV, `./corridor import` the snapshot
#    (both kept under ${TMPDIR:-/tmp}/corridor-postgis-bench for later runs);
# 2. a throwaway PostgreSQL 15 + PostGIS 3 cluster starts on 127.0.0.1 (a free port, a temporary
#    directory; as the postgres user when run as root) and is stopped and deleted on exit;
# 3. the CSV is loaded with COPY into locations(id, lat, lon, ...), then
#    geog = ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography, a GiST index on geog, ANALYZE;
# 4. io.corridor.bench.search.PostgisComparison times each query class RUNS times in both (ours in
#    process on the mapped snapshot, PostGIS over JDBC with ST_DWithin(geog, route, r, false)),
#    writes the routes as WKT next to the data, and prints the table.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-10000000}
runs=${2:-20}
pgbin=/usr/lib/postgresql/15/bin
dir="${TMPDIR:-/tmp}/corridor-postgis-bench"
mkdir -p "$dir"
csv="$dir/locations-$count.csv"
snapshot="$dir/locations-$count.snapshot"
jar=corridor-bench/target/benchmarks.jar

[[ -f "$jar" ]] || ./mvnw -q -pl corridor-bench -am package -DskipTests
if [[ ! -s "$csv" ]]; then
  echo "generating $count locations"
  ./corridor generate --count "$count" --seed 1 --output "$csv.tmp" && mv "$csv.tmp" "$csv"
fi
if [[ ! -s "$snapshot" ]]; then
  echo "importing them into $snapshot"
  ./corridor import --locations "$csv" --out "$snapshot"
fi

as_postgres() {
  if [[ "$(id -u)" -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}
pgdir="$(mktemp -d)"
stop_postgis() {
  as_postgres "$pgbin/pg_ctl" -D "$pgdir/data" -m fast -w stop > /dev/null 2>&1 || true
  rm -rf "$pgdir"
}
trap stop_postgis EXIT
[[ "$(id -u)" -ne 0 ]] || chown postgres:postgres "$pgdir"
pgport=54329
while (exec 3<> "/dev/tcp/127.0.0.1/$pgport") 2> /dev/null; do pgport=$((pgport + 1)); done
as_postgres "$pgbin/initdb" -D "$pgdir/data" -U postgres --auth=trust -E UTF8 > /dev/null
as_postgres "$pgbin/pg_ctl" -D "$pgdir/data" \
  -o "-k $pgdir -h 127.0.0.1 -p $pgport -c shared_buffers=1GB -c work_mem=64MB -c max_wal_size=4GB -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  -l "$pgdir/log" -w start > /dev/null || { cat "$pgdir/log"; exit 1; }
echo "PostGIS on 127.0.0.1:$pgport ($pgdir)"
psql_() { psql -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$pgport" -U postgres -d postgres "$@"; }

start=$SECONDS
psql_ <<SQL
CREATE EXTENSION postgis;
CREATE UNLOGGED TABLE staging (id text, lat double precision, lon double precision, name text, category text);
\copy staging FROM '$csv' WITH (FORMAT csv, HEADER true)
CREATE TABLE locations AS
  SELECT id, name, category, ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography(Point, 4326) AS geog
  FROM staging;
DROP TABLE staging;
ALTER TABLE locations ADD PRIMARY KEY (id);
CREATE INDEX locations_geog ON locations USING gist (geog);
ANALYZE locations;
SQL
echo "loaded $(psql_ -At -c 'SELECT count(*) FROM locations') locations into PostGIS" \
  "(COPY, geography, GiST, ANALYZE) in $((SECONDS - start)) s"

java -Xmx4g -Dcorridor.routesKm="${ROUTES_KM:-}" -Dcorridor.radii="${RADII:-}" -cp "$jar" io.corridor.bench.search.PostgisComparison "$snapshot" \
  "jdbc:postgresql://127.0.0.1:$pgport/postgres?user=postgres" "$runs" "$dir/routes"
