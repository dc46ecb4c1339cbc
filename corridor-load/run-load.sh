#!/usr/bin/env bash
# The load test of `corridor serve`: request pools, Gatling runs, reports and the seed's two
# experiments. Not part of the build or CI; see README.md, "Load test".
#
#   corridor-load/run-load.sh pool search|filter --out DIR [generate-pool options]
#   corridor-load/run-load.sh run --pool DIR [--url URL [--allow-remote]] [PLAN] [--label NAME] [--svg FILE] [--p99-target MS]
#   corridor-load/run-load.sh report [--svg FILE] [--title TEXT] [--p99-target MS] [LABEL=]RUN...
#   corridor-load/run-load.sh sizes --pool DIR [--url URL] [--max N] [--label NAME]
#   corridor-load/run-load.sh replay --pool DIR --index FILE [--passes N]   (a search pool in process, no HTTP)
#   corridor-load/run-load.sh strategies --pool DIR [--port P] [PLAN] [--svg FILE]
#   corridor-load/run-load.sh bbox --pool DIR --index FILE [--port P] [PLAN] [--svg FILE]
#
# PLAN: --start R --increment R --steps N --step-seconds S [--warmup-seconds W] (arrivals per second:
# W seconds at R, left out of the report, then steps of R, R+increment, ...; W defaults to 10).
# `run` loads a server that is already running; `strategies` and `bbox` start `./corridor serve`
# themselves on 127.0.0.1, once per setting, and stop it after each run.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
results_root="$here/target/load"

# Server settings that force what the experiments compare (environment variables of corridor serve).
strategy_setting="${STRATEGY_SETTING:-CORRIDOR_FILTER_STRATEGY}"
answer_setting="${ANSWER_SETTING:-CORRIDOR_SEARCH_ANSWER}"
settle_seconds="${SETTLE_SECONDS:-10}"

die() { echo "run-load: $*" >&2; exit 2; }

# Compiles the module and writes its runtime class path; prints the java class path.
classpath() {
  (cd "$root" && ./mvnw -q -B -pl corridor-load -am package dependency:build-classpath -DskipTests \
      -Dmdep.includeScope=runtime -Dmdep.outputFile="$here/target/classpath.txt") >&2
  echo "$here/target/classes:$(cat "$here/target/classpath.txt")"
}

java_cmd="java"
[[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]] && java_cmd="$JAVA_HOME/bin/java"
cp=""
java_main() {
  local main="$1"; shift
  [[ -n "$cp" ]] || cp="$(classpath)"
  "$java_cmd" -cp "$cp" "io.corridor.load.$main" "$@"
}

# Plan options shared by run, strategies and bbox.
start=10; increment=10; steps=3; step_seconds=5; warmup_seconds=10
url="http://127.0.0.1:8080"; label=""; svg=""; p99_target=50; port=18080; pool=""; index=""; allow_remote=false
parse_plan() {
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --pool) pool="$2"; shift 2 ;;
      --url) url="$2"; shift 2 ;;
      --start) start="$2"; shift 2 ;;
      --increment) increment="$2"; shift 2 ;;
      --steps) steps="$2"; shift 2 ;;
      --step-seconds) step_seconds="$2"; shift 2 ;;
      --warmup-seconds) warmup_seconds="$2"; shift 2 ;;
      --label) label="$2"; shift 2 ;;
      --svg) svg="$2"; shift 2 ;;
      --p99-target) p99_target="$2"; shift 2 ;;
      --port) port="$2"; shift 2 ;;
      --index) index="$2"; shift 2 ;;
      --allow-remote) allow_remote=true; shift ;;
      *) die "unknown option '$1'" ;;
    esac
  done
  [[ -n "$pool" && -f "$pool/manifest.tsv" ]] || die "--pool DIR: a pool directory with manifest.tsv is required"
  pool="$(cd "$pool" && pwd)"
}

# One Gatling run of the pool against $url; results under $results_root/$1.
gatling_run() {
  local name="$1"
  local results="$results_root/$name"
  mkdir -p "$results"
  echo "run-load: $name: ${warmup_seconds} s warm-up, then $steps steps of $step_seconds s from $start/s" \
    "by $increment/s against $url" >&2
  (cd "$root" && ./mvnw -q -B -pl corridor-load -am -Pload test -DskipTests \
      -Dload.pool="$pool" -Dload.url="$url" -Dload.start="$start" -Dload.increment="$increment" \
      -Dload.steps="$steps" -Dload.step-seconds="$step_seconds" -Dload.warmup-seconds="$warmup_seconds" \
      -Dload.results="$results" \
      -Dload.allow-remote="$allow_remote")
}

server_pid=""
stop_server() {
  if [[ -n "$server_pid" ]]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}
trap stop_server EXIT

# Starts corridor serve on 127.0.0.1:$port with the given VAR=VALUE settings, waits until ready.
start_server() {
  local log="$1"; shift
  "$root/corridor" --help >/dev/null   # builds the command-line tool first if needed
  env "$@" "$root/corridor" serve --host 127.0.0.1 --port "$port" ${index:+--index "$index"} >"$log" 2>&1 &
  server_pid=$!
  url="http://127.0.0.1:$port"
  for _ in $(seq 1 600); do
    if curl -fsS -o /dev/null "$url/health/ready" 2>/dev/null; then
      echo "run-load: corridor serve ready on $url with $* (log: $log)" >&2
      return 0
    fi
    kill -0 "$server_pid" 2>/dev/null || { cat "$log" >&2; die "corridor serve exited; see $log"; }
    sleep 0.5
  done
  die "corridor serve was not ready within 300 s; see $log"
}

command="${1:-}"
[[ -n "$command" ]] || die "usage: run-load.sh pool|run|report|sizes|replay|strategies|bbox ... (see the header of this script)"
shift
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
case "$command" in
  pool)
    java_main GeneratePool "$@"
    ;;
  report)
    java_main LoadReport "$@"
    ;;
  sizes)
    java_main ResponseSizes "$@"
    ;;
  replay)
    java_main InProcessReplay "$@"
    ;;
  run)
    parse_plan "$@"
    name="${label:-run}-$stamp"
    gatling_run "$name"
    java_main LoadReport --p99-target "$p99_target" ${svg:+--svg "$svg"} "${label:-run}=$results_root/$name"
    ;;
  strategies)
    # The first experiment: the same filter pool and rates against the three filter strategies.
    parse_plan "$@"
    runs=()
    for strategy in baseline pre_bbox fast; do
      name="strategy-$strategy-$stamp"
      mkdir -p "$results_root"
      start_server "$results_root/$name-server.log" "$strategy_setting=$strategy"
      gatling_run "$name"
      stop_server
      runs+=("$strategy=$results_root/$name")
      sleep "$settle_seconds"
    done
    java_main LoadReport --p99-target "$p99_target" --svg "${svg:-$results_root/strategies-$stamp.svg}" \
      --title "POST /v1/filter, the seed's scenarios: baseline, pre_bbox and fast under the same rates" "${runs[@]}"
    ;;
  bbox)
    # The second experiment: exact corridor answers against every candidate of the bounding box.
    parse_plan "$@"
    [[ -n "$index" && -f "$index" ]] || die "--index FILE: the snapshot to serve is required"
    runs=()
    for answer in exact bbox; do
      name="answer-$answer-$stamp"
      mkdir -p "$results_root"
      start_server "$results_root/$name-server.log" "$answer_setting=$answer"
      java_main ResponseSizes --pool "$pool" --url "$url" --label "$answer"
      gatling_run "$name"
      stop_server
      runs+=("$answer=$results_root/$name")
      sleep "$settle_seconds"
    done
    java_main LoadReport --p99-target "$p99_target" --svg "${svg:-$results_root/answers-$stamp.svg}" \
      --title "Search: exact corridor answers against bounding-box-only answers under the same rates" "${runs[@]}"
    ;;
  *)
    die "unknown command '$command': pool, run, report, sizes, replay, strategies or bbox"
    ;;
esac
