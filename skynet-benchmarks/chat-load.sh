#!/usr/bin/env bash
# Chat load on this machine: the chat sample (skynet-sample-apps/chat) as its own JVM with a fixed heap,
# and ChatLoad (another JVM) with 1,000 WebSocket clients in 20 rooms, each saying one line a second:
# deliveries/s and p50/p99/max latency over the measured window, errors by code, lost lines. Everything
# talks to 127.0.0.1 only and stops by itself. Writes skynet-benchmarks/results/<yyyy-mm-dd>-chat-load.txt.
#
# usage: skynet-benchmarks/chat-load.sh [runs]        (CLIENTS=1000 ROOMS=20 RATE=1 WARMUP=10 DURATION=30)
#   APP_JVM="-Xms512m -Xmx512m" LOAD_JVM="-Xmx512m" SKIP_BUILD=1 skynet-benchmarks/chat-load.sh 2
# Chat app settings go after --, e.g. chat-load.sh 1 -- --chat.say-rate=10
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${1:-1}
[ $# -gt 0 ] && shift
[ "${1:-}" = "--" ] && shift
CLIENTS=${CLIENTS:-1000}; ROOMS=${ROOMS:-20}; RATE=${RATE:-1}; WARMUP=${WARMUP:-10}; DURATION=${DURATION:-30}
APP_JVM=${APP_JVM:--Xms512m -Xmx512m}
LOAD_JVM=${LOAD_JVM:--Xms256m -Xmx512m}
APP=skynet-sample-apps/chat

[ -d "$APP" ] || { echo "no $APP here: the chat sample is needed (merge it first)"; exit 1; }
# both ends of 1,000 WebSockets in one machine need more descriptors than the usual 1024
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

OUT=skynet-benchmarks/target/chat-load
mkdir -p "$OUT"
if [ "${SKIP_BUILD:-}" != 1 ]; then
    # no install: the reactor resolves the modules to their target/classes, so the shared ~/.m2 stays as it is;
    # each module writes its own target/chat-load.cp
    ./mvnw -q -B -pl "skynet-benchmarks,$APP" -am compile dependency:build-classpath \
        -DincludeScope=runtime -Dmdep.outputFile=target/chat-load.cp
fi
LOAD_CP="skynet-benchmarks/target/classes:$(cat skynet-benchmarks/target/chat-load.cp)"
APP_CP="$APP/target/classes:$(cat "$APP/target/chat-load.cp")"

APP_PID=
stop_app() {
    if [ -n "$APP_PID" ]; then
        kill "$APP_PID" 2>/dev/null || true
        wait "$APP_PID" 2>/dev/null || true
        APP_PID=
    fi
}
trap stop_app EXIT

# start_app [app settings]: starts the chat app logging to $LOG; sets PORT from Boot's "Netty started on port N" line
start_app() {
    : > "$LOG"   # exists before the app opens it, so the wait below can read it at once
    java $APP_JVM -Xlog:gc:file="${LOG%.log}-gc.log" -cp "$APP_CP" io.skynetspring.samples.chat.ChatApplication --server.port=0 "$@" > "$LOG" 2>&1 &
    APP_PID=$!
    for _ in $(seq 1 1200); do
        PORT=$(sed -n 's/.*Netty started on port \([0-9]*\).*/\1/p' "$LOG" | head -1 || true)
        [ -n "$PORT" ] && return 0
        kill -0 "$APP_PID" 2>/dev/null || { cat "$LOG"; return 1; }
        sleep 0.1
    done
    echo "the chat app did not start in 120 s"; cat "$LOG"; return 1
}

# gc_summary <gc log>: pauses and the longest one, over the whole run (warm-up included)
gc_summary() {
    grep ' Pause ' "$1" 2>/dev/null | grep -o '[0-9.]*ms$' \
        | awk '{ ms = $1; sub("ms", "", ms); n++; if (ms + 0 > max) max = ms + 0 } END { printf "%d pauses, longest %.1f ms", n, max }'
}

mkdir -p skynet-benchmarks/results
results="skynet-benchmarks/results/$(date +%F)-chat-load.txt"
{
    echo "# chat load $(date -u +%FT%TZ) at $(git rev-parse --short HEAD), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
    echo "# app: $APP_JVM $*; generator: $LOAD_JVM; clients=$CLIENTS rooms=$ROOMS rate=$RATE/s warmup=${WARMUP}s duration=${DURATION}s"
    for run in $(seq 1 "$RUNS"); do
        LOG="$OUT/app-$run.log"
        start_app "$@"
        echo "== run $run: chat app pid $APP_PID on port $PORT"
        java $LOAD_JVM -Xlog:gc:file="$OUT/load-$run-gc.log" -cp "$LOAD_CP" io.skynetspring.benchmarks.chat.ChatLoad --port "$PORT" \
            --clients "$CLIENTS" --rooms "$ROOMS" --rate "$RATE" --warmup "$WARMUP" --seconds "$DURATION" \
            --label "run$run"
        kill -0 "$APP_PID" 2>/dev/null && echo "RESULT run$run app_alive=true" || echo "RESULT run$run app_alive=false"
        # the machine is shared: a p99 far off its usual value usually comes with a high load average
        echo "load after run $run: $(cut -d' ' -f1-3 /proc/loadavg); app cpu $(ps -o times= -p "$APP_PID" 2>/dev/null | tr -d ' ') s in $(ps -o etimes= -p "$APP_PID" 2>/dev/null | tr -d ' ') s"
        echo "app log: $(wc -l < "$LOG") lines, $(grep -c ' WARN \| ERROR ' "$LOG" || true) WARN/ERROR (in $LOG)"
        echo "gc: app $(gc_summary "${LOG%.log}-gc.log"); generator $(gc_summary "$OUT/load-$run-gc.log")"
        stop_app
    done
} 2>&1 | tee "$results"
echo "written to $results"
