#!/usr/bin/env bash
# Cluster calls between two JVMs over loopback, skynet-spring against Pekko Artery TCP: per contender an
# echo node JVM (SkynetEchoNode / PekkoEchoNode) and a client JVM (ClusterLoad) that runs three workloads:
# sequential calls (one caller), pipelined calls (64 in flight), 1 MiB request + 1 MiB reply round trips.
# Every call carries a unique id; the client checks each came back once with its own id and bytes, and the
# echo's count of served requests. Writes skynet-benchmarks/results/<yyyy-mm-dd>-cluster-<TAG>.md (TAG=load).
#
# usage: skynet-benchmarks/cluster-load.sh          (WARMUP=5 DURATION=15 BIG_DURATION=10 PIPELINE=64)
#   CONTENDERS="skynet" SKIP_BUILD=1 SERVER_JVM="-Xms1g -Xmx1g" LOAD_JVM="-Xms1g -Xmx1g" skynet-benchmarks/cluster-load.sh
set -euo pipefail
cd "$(dirname "$0")/.."

WARMUP=${WARMUP:-5}; DURATION=${DURATION:-15}; BIG_DURATION=${BIG_DURATION:-10}; PIPELINE=${PIPELINE:-64}
CONTENDERS=${CONTENDERS:-skynet pekko}
# On 2 cores the JDK sizes the common pool to 1 and CompletableFuture then starts a thread per async stage,
# which Pekko's context.ask goes through (see README, "Runtime comparison"); both contenders get the same flags.
COMMON_JVM="-Djava.util.concurrent.ForkJoinPool.common.parallelism=2"
SERVER_JVM=${SERVER_JVM:--Xms1g -Xmx1g}
LOAD_JVM=${LOAD_JVM:--Xms1g -Xmx1g}

OUT=skynet-benchmarks/target/cluster-load
mkdir -p "$OUT"
if [ "${SKIP_BUILD:-}" != 1 ]; then
    # no install: the reactor resolves the modules to their target/classes, so the shared ~/.m2 stays as it is
    ./mvnw -q -B -pl skynet-benchmarks -am compile dependency:build-classpath \
        -DincludeScope=runtime -Dmdep.outputFile=target/cluster-load.cp
fi
CP="skynet-benchmarks/target/classes:$(cat skynet-benchmarks/target/cluster-load.cp)"
PKG=io.skynetspring.benchmarks.cluster

SERVER_PID=
stop_server() {
    if [ -n "$SERVER_PID" ]; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
        SERVER_PID=
    fi
}
trap stop_server EXIT

# start_server <main class> <log>: sets PORT from its "ready port=N" line
start_server() {
    : > "$2"
    java $SERVER_JVM $COMMON_JVM -Xlog:gc:file="${2%.log}-gc.log" -cp "$CP" "$PKG.$1" 0 > "$2" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 1 600); do
        PORT=$(sed -n 's/^ready port=\([0-9]*\)$/\1/p' "$2" | head -1)
        [ -n "$PORT" ] && return 0
        kill -0 "$SERVER_PID" 2>/dev/null || { cat "$2"; return 1; }
        sleep 0.1
    done
    echo "$1 did not start in 60 s"; cat "$2"; return 1
}

gc_summary() {
    grep ' Pause ' "$1" 2>/dev/null | grep -o '[0-9.]*ms$' \
        | awk '{ ms = $1; sub("ms", "", ms); n++; if (ms + 0 > max) max = ms + 0 } END { printf "%d pauses, longest %.1f ms", n, max }'
}

load() { cut -d' ' -f1-3 /proc/loadavg; }
commit=$(git rev-parse --short HEAD)
load_before=$(load)
lines="$OUT/results.txt"
: > "$lines"
echo "== cluster load at $commit, $(nproc) cores, load $load_before, $(java -version 2>&1 | head -1)"
echo "== server: $SERVER_JVM; client: $LOAD_JVM; both $COMMON_JVM; warmup=${WARMUP}s duration=${DURATION}s big=${BIG_DURATION}s pipeline=$PIPELINE"
for contender in $CONTENDERS; do
    case "$contender" in
        skynet) server=SkynetEchoNode ;;
        pekko) server=PekkoEchoNode ;;
        *) echo "unknown contender $contender (skynet or pekko)"; exit 1 ;;
    esac
    start_server "$server" "$OUT/$contender-server.log"
    echo "== $contender: echo node pid $SERVER_PID on port $PORT"
    status=0
    java $LOAD_JVM $COMMON_JVM -Xlog:gc:file="$OUT/$contender-load-gc.log" -cp "$CP" "$PKG.ClusterLoad" \
        --contender "$contender" --port "$PORT" --warmup "$WARMUP" --seconds "$DURATION" \
        --big-seconds "$BIG_DURATION" --pipeline "$PIPELINE" 2> "$OUT/$contender-load.log" \
        | tee -a "$lines" || status=$?
    [ "$status" = 0 ] || echo "== $contender: the client exited $status (2: a check failed; see $OUT/$contender-load.log)"
    echo "== $contender: load now $(load); server cpu $(ps -o times= -p "$SERVER_PID" | tr -d ' ') s;" \
        "gc: server $(gc_summary "$OUT/$contender-server-gc.log"), client $(gc_summary "$OUT/$contender-load-gc.log")"
    stop_server
done
load_after=$(load)

mkdir -p skynet-benchmarks/results
results="skynet-benchmarks/results/$(date +%F)-cluster-${TAG:-load}.md"
java -cp "$CP" "$PKG.ClusterReport" "$lines" "$results" \
    "skynet-spring at $commit; load average (1/5/15 min): $load_before before the run, $load_after after; each side its own JVM ($SERVER_JVM / $LOAD_JVM, $COMMON_JVM), 127.0.0.1; warm-up ${WARMUP} s, window ${DURATION} s (1 MiB: ${BIG_DURATION} s)"
cat "$results"
echo "written to $results"
