#!/usr/bin/env bash
# Loads one app with wrk: GET /plain (a plain WebFlux handler) against GET /skynet and /skynet-req
# (routes through a skynet service; the second builds the HttpRequest), same body, alternating rounds,
# and prints requests/s and p99 of each and each service route's ratio to /plain.
#   skynet-benchmarks/http/run.sh            # defaults: 2 threads, 64 connections, 15 s rounds, 2 rounds
#   THREADS=2 CONNECTIONS=64 DURATION=15s ROUNDS=3 skynet-benchmarks/http/run.sh
# Needs wrk (installed with apt-get when missing), curl and bc.
set -euo pipefail
cd "$(dirname "$0")/../.."

THREADS="${THREADS:-2}"; CONNECTIONS="${CONNECTIONS:-64}"; DURATION="${DURATION:-15s}"; ROUNDS="${ROUNDS:-2}"
PORT="${PORT:-18080}"; OUT="skynet-spring-boot-starter/target/http-bench"
mkdir -p "$OUT"

if ! command -v wrk >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi

if [ "${SKIP_BUILD:-}" != 1 ]; then   # SKIP_BUILD=1 reuses the classes and classpath of the last run
  ./mvnw -q -B -pl skynet-core -DskipTests install
  ./mvnw -q -B -pl skynet-spring-boot-starter test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/http-bench/classpath.txt
  # a copy, so that a build running meanwhile cannot pull classes from under the app
  rm -rf "$OUT/classes" "$OUT/test-classes"
  cp -r skynet-spring-boot-starter/target/classes skynet-spring-boot-starter/target/test-classes "$OUT/"
fi
CP="$OUT/test-classes:$OUT/classes:$(cat "$OUT/classpath.txt")"

java -Xms512m -Xmx512m -cp "$CP" io.skynetspring.boot.web.HttpBenchApp --server.port="$PORT" \
  --logging.level.root=WARN >"$OUT/app.log" 2>&1 &
APP=$!
trap 'kill "$APP" 2>/dev/null || true; wait "$APP" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$PORT/plain" >/dev/null 2>&1 && break
  kill -0 "$APP" 2>/dev/null || { cat "$OUT/app.log"; exit 1; }
  sleep 0.5
done
[ "$(curl -fs "http://127.0.0.1:$PORT/skynet")" = "Hello, Skynet!" ] || { echo "no answer from /skynet" >&2; exit 1; }

load() { # path seconds -> "rps p99"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2" --latency "http://127.0.0.1:$PORT$1" >"$OUT/last.txt"
  rps=$(awk '/^Requests\/sec/ {print $2}' "$OUT/last.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$OUT/last.txt")
  errors=$(awk '/Non-2xx|Socket errors/' "$OUT/last.txt")
  [ -z "$errors" ] || echo "  ($1: $errors)" >&2
  echo "$rps $p99"
}

ROUTES="plain skynet skynet-req"
echo "warming up (JIT) ..."
for route in $ROUTES; do load "/$route" 10s >/dev/null; done

echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency, $ROUNDS alternating rounds"
printf '%-6s %-12s %12s %10s\n' round route "requests/s" p99
declare -A sum
for r in $(seq 1 "$ROUNDS"); do
  for route in $ROUTES; do
    read -r rps p99 < <(load "/$route" "$DURATION")
    printf '%-6s %-12s %12s %10s\n' "$r" "/$route" "$rps" "$p99"
    sum[$route]=$(echo "${sum[$route]:-0} + $rps" | bc)
  done
done
for route in $ROUTES; do
  printf 'mean /%-11s %8.0f requests/s   ratio to /plain %.3f\n' "$route" \
    "$(echo "${sum[$route]} / $ROUNDS" | bc -l)" "$(echo "${sum[$route]} / ${sum[plain]}" | bc -l)"
done
echo "target: ratio >= 0.8"
