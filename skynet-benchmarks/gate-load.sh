#!/usr/bin/env bash
# Gate load on this machine, in one run: (a) 10,000 idle connections held, server heap per
# connection; (b) echo messages/s and p50/p99 latency with 1,000 connections, closed loop, then
# open loop at 50% of the plain server's maximum. Each server is its own JVM process, the load
# generator another; everything talks to 127.0.0.1 only.
#
# usage: skynet-benchmarks/gate-load.sh [idle-connections] [echo-connections] [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."

IDLE=${1:-10000}
CONNS=${2:-1000}
SECONDS_EACH=${3:-15}
SERVER_JVM=${SERVER_JVM:--Xms256m -Xmx1g}
LOAD_JVM=${LOAD_JVM:--Xmx1g}

# two ends of 10,000 connections need more descriptors than the usual 1024
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

./mvnw -q -B -pl skynet-benchmarks -am install -DskipTests
./mvnw -q -B -pl skynet-benchmarks dependency:build-classpath -Dmdep.outputFile="$PWD/skynet-benchmarks/target/gate-load.cp"
CP="skynet-benchmarks/target/classes:$(cat skynet-benchmarks/target/gate-load.cp)"
OUT=skynet-benchmarks/target/gate-load
mkdir -p "$OUT"
PKG=io.skynetspring.benchmarks.gate

SERVER_PID=
stop_server() {
    if [ -n "$SERVER_PID" ]; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
        SERVER_PID=
    fi
}
trap stop_server EXIT

# start_server <GateEchoNode|PlainEchoServer> <log>: sets PORT and PROBE from its "ready" line
start_server() {
    java $SERVER_JVM -cp "$CP" "$PKG.$1" 0 0 > "$2" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 1 900); do
        if grep -q '^ready port=[0-9]* probe=[0-9]*$' "$2"; then
            PORT=$(sed -n 's/^ready port=\([0-9]*\) probe=\([0-9]*\).*/\1/p' "$2")
            PROBE=$(sed -n 's/^ready port=\([0-9]*\) probe=\([0-9]*\).*/\2/p' "$2")
            return 0
        fi
        kill -0 "$SERVER_PID" 2>/dev/null || { cat "$2"; return 1; }
        sleep 0.1
    done
    echo "server $1 did not start"; cat "$2"; return 1
}

load() {
    java $LOAD_JVM -cp "$CP" "$PKG.LoadGenerator" --port "$PORT" --probe "$PROBE" "$@" | tee -a "$OUT/results.txt" \
        | grep '^RESULT' | tail -1
}

field() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }

: > "$OUT/results.txt"
echo "== machine: $(nproc) cores, $(java -version 2>&1 | head -1)"

for server in PlainEchoServer GateEchoNode; do
    label=$([ "$server" = GateEchoNode ] && echo gate || echo plain)
    start_server "$server" "$OUT/$label-idle.log"
    r=$(load --label "$label" --mode idle --connections "$IDLE" --seconds 5)
    echo "$r"
    stop_server
done

start_server PlainEchoServer "$OUT/plain-echo.log"
PLAIN_MAX=$(load --label plain --mode max --connections "$CONNS" --seconds "$SECONDS_EACH" --warmup 5)
echo "$PLAIN_MAX"
stop_server
HALF=$(awk -v m="$(field "$PLAIN_MAX" msgs_per_s)" 'BEGIN { printf "%.0f", m / 2 }')

start_server GateEchoNode "$OUT/gate-echo.log"
GATE_MAX=$(load --label gate --mode max --connections "$CONNS" --seconds "$SECONDS_EACH" --warmup 5)
echo "$GATE_MAX"
stop_server

start_server PlainEchoServer "$OUT/plain-rate.log"
echo "$(load --label plain --mode rate --rate "$HALF" --connections "$CONNS" --seconds "$SECONDS_EACH" --warmup 5)"
stop_server

start_server GateEchoNode "$OUT/gate-rate.log"
echo "$(load --label gate --mode rate --rate "$HALF" --connections "$CONNS" --seconds "$SECONDS_EACH" --warmup 5)"
stop_server

awk -v g="$(field "$GATE_MAX" msgs_per_s)" -v p="$(field "$PLAIN_MAX" msgs_per_s)" -v h="$HALF" \
    'BEGIN { printf "== gate/plain throughput: %.2f (target >= 0.80); open-loop rate used: %s msgs/s\n", g / p, h }'
