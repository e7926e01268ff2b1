#!/usr/bin/env bash
# Gateway load on this machine: the gateway sample (skynet-sample-apps/gateway) as its own JVM with a fixed
# heap, and GatewayLoad (another JVM) with bots on its TCP gate: first IDLE players logged in and idle (the
# app's heap after a full GC per player, through jcmd), then players in scenes of SCENE moving RATE times a
# second, START at first and STEP more at each level, until the p99 of move-to-delivery latency passes
# LIMIT_MS (or MAX): moves/s, deliveries/s, p50/p99/max and the app's CPU per level. Everything talks to
# 127.0.0.1 only and stops by itself. Writes skynet-benchmarks/target/gateway-load/results.txt.
#
# usage: skynet-benchmarks/gateway-load.sh        (IDLE=2000 START=500 STEP=500 MAX=4000 SCENE=50 RATE=10
#                                                  WARMUP=5 DURATION=10 LIMIT_MS=50 CLOCK_US=1000 LOAD_TRANSPORT=auto)
#   APP_JVM="-Xms512m -Xmx512m" LOAD_JVM="-Xmx1g" SKIP_BUILD=1 skynet-benchmarks/gateway-load.sh   (G1, 4 KiB pages)
# Gateway settings go after --, e.g. gateway-load.sh -- --gateway.login-rate=1000 (or --skynet.sockets.transport=epoll)
set -euo pipefail
cd "$(dirname "$0")/.."

[ "${1:-}" = "--" ] && shift
IDLE=${IDLE:-2000}; START=${START:-500}; STEP=${STEP:-500}; MAX=${MAX:-4000}; SCENE=${SCENE:-50}; RATE=${RATE:-10}
WARMUP=${WARMUP:-5}; DURATION=${DURATION:-10}; LIMIT_MS=${LIMIT_MS:-50}
# the generator's clock: players move in slots this long (0: each on its own exact schedule)
CLOCK_US=${CLOCK_US:-1000}
# the generator's sockets: auto (io_uring where the kernel allows it, else epoll), io_uring, epoll or nio; the app
# chooses its own by skynet.sockets.transport (auto by default)
LOAD_TRANSPORT=${LOAD_TRANSPORT:-auto}
# Both JVMs: the parallel collector (cheaper write barriers than G1's, no concurrent refinement on 2 cores)
# and transparent huge pages for the heap (madvise). On a VM whose kernel samples page access bits (DAMON
# here, every ~0.5 s) 4 KiB pages turned each sample into a burst of late deliveries; 2 MiB pages did not.
# The results and how this was found: skynet-benchmarks/results/2026-12-03-gateway-load-4.md.
# MaxTenuringThreshold=1: what survives a young collection is mostly players' state that lives as long as they
# do; the adaptive threshold kept copying it between survivor spaces (11 MB, 17-36 ms a pause, each pause a burst
# of late deliveries) for five collections before promoting it (results/2026-12-03-gateway-load-5.md).
APP_JVM=${APP_JVM:--Xms512m -Xmx512m -XX:+UseParallelGC -XX:+UseTransparentHugePages -XX:MaxTenuringThreshold=1}
LOAD_JVM=${LOAD_JVM:--Xms512m -Xmx1g -XX:+UseParallelGC -XX:+UseTransparentHugePages -XX:MaxTenuringThreshold=1}
APP=skynet-sample-apps/gateway

ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

OUT=skynet-benchmarks/target/gateway-load
mkdir -p "$OUT"
if [ "${SKIP_BUILD:-}" != 1 ]; then
    # no install: the reactor resolves the modules to their target/classes, so the shared ~/.m2 stays as it is
    ./mvnw -q -B -pl "skynet-benchmarks,$APP" -am compile dependency:build-classpath \
        -DincludeScope=runtime -Dmdep.outputFile=target/gateway-load.cp
fi
# the generator needs the gateway's bot (a provided dependency of the benchmarks): the app's class path serves
APP_CP="$APP/target/classes:$(cat "$APP/target/gateway-load.cp")"
LOAD_CP="skynet-benchmarks/target/classes:$APP_CP:$(cat skynet-benchmarks/target/gateway-load.cp)"

APP_PID=
stop_app() {
    if [ -n "$APP_PID" ]; then
        kill "$APP_PID" 2>/dev/null || true
        wait "$APP_PID" 2>/dev/null || true
        APP_PID=
    fi
}
trap stop_app EXIT

LOG="$OUT/app.log"
: > "$LOG"
java $APP_JVM -Xlog:gc*:file="$OUT/app-gc.log":time,uptime -cp "$APP_CP" io.skynetspring.samples.gateway.GatewayApplication \
    --gateway.port=0 --server.port=0 --gateway.max-client=20000 "$@" > "$LOG" 2>&1 &
APP_PID=$!
PORT=
for _ in $(seq 1 1200); do
    PORT=$(sed -n 's/.*TCP gate on [0-9.]*:\([0-9]*\).*/\1/p' "$LOG" | head -1 || true)
    [ -n "$PORT" ] && break
    kill -0 "$APP_PID" 2>/dev/null || { cat "$LOG"; exit 1; }
    sleep 0.1
done
[ -n "$PORT" ] || { echo "the gateway did not start in 120 s"; cat "$LOG"; exit 1; }

{
    echo "# gateway load $(date -u +%FT%TZ) at $(git rev-parse --short HEAD), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
    echo "# app: $APP_JVM $*; generator: $LOAD_JVM; idle=$IDLE start=$START step=$STEP max=$MAX scene=$SCENE rate=$RATE/s warmup=${WARMUP}s duration=${DURATION}s limit p99=${LIMIT_MS} ms clock=${CLOCK_US} us generator sockets=${LOAD_TRANSPORT}"
    java $LOAD_JVM -Xlog:gc:file="$OUT/load-gc.log":time,uptime -cp "$LOAD_CP" io.skynetspring.benchmarks.gateway.GatewayLoad \
        --port "$PORT" --pid "$APP_PID" --idle "$IDLE" --start "$START" --step "$STEP" --max "$MAX" --scene "$SCENE" \
        --rate "$RATE" --warmup "$WARMUP" --seconds "$DURATION" --limit-ms "$LIMIT_MS" --clock-us "$CLOCK_US" --transport "$LOAD_TRANSPORT"
    kill -0 "$APP_PID" 2>/dev/null && echo "app alive: true" || echo "app alive: false"
    echo "load after: $(cut -d' ' -f1-3 /proc/loadavg); app cpu $(ps -o times= -p "$APP_PID" 2>/dev/null | tr -d ' ') s in $(ps -o etimes= -p "$APP_PID" 2>/dev/null | tr -d ' ') s"
    echo "app log: $(wc -l < "$LOG") lines, $(grep -c ' WARN \| ERROR ' "$LOG" || true) WARN/ERROR (in $LOG)"
} 2>&1 | tee "$OUT/results.txt"
echo "written to $OUT/results.txt"
