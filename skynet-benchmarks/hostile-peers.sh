#!/usr/bin/env bash
# Hostile peers on loopback: a HostileNode (gate, raw TCP, WebSocket, HTTP in one Boot app, with a
# bounded heap and direct memory) attacked by clients that never read (NEVER_READ per protocol) and
# STALLED connections that start a frame, line or header and dribble one byte a second, while one
# well-behaved client per protocol measures its round trips. Then the bad clients leave and a new
# client per protocol is timed. Everything talks to 127.0.0.1 only and stops by itself.
#
# usage: skynet-benchmarks/hostile-peers.sh      (NEVER_READ=8 STALLED=1000 DURATION=20 FLOOD=3000)
# Node settings go after --, e.g. hostile-peers.sh -- --skynet.sockets.write-high-water=1MB
set -euo pipefail
cd "$(dirname "$0")/.."

NEVER_READ=${NEVER_READ:-8}; STALLED=${STALLED:-1000}; SECONDS_EACH=${DURATION:-20}; FLOOD=${FLOOD:-3000}
NODE_JVM=${NODE_JVM:--Xms512m -Xmx512m -XX:MaxDirectMemorySize=256m}
[ "${1:-}" = "--" ] && shift
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

OUT=skynet-benchmarks/target/hostile
mkdir -p "$OUT"
if [ "${SKIP_BUILD:-}" != 1 ]; then
  ./mvnw -q -B -pl skynet-benchmarks -am install -DskipTests
  ./mvnw -q -B -pl skynet-benchmarks dependency:build-classpath -Dmdep.outputFile="$PWD/$OUT/cp.txt"
fi
CP="skynet-benchmarks/target/classes:$(cat "$OUT/cp.txt")"
PKG=io.skynetspring.benchmarks.hostile

java $NODE_JVM -cp "$CP" "$PKG.HostileNode" --server.port=0 --logging.level.root=WARN "$@" > "$OUT/node.log" 2>&1 &
NODE=$!
trap 'kill "$NODE" 2>/dev/null || true; wait "$NODE" 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
  grep -q '^ready gate=' "$OUT/node.log" && break
  kill -0 "$NODE" 2>/dev/null || { cat "$OUT/node.log"; exit 1; }
  sleep 0.1
done
READY=$(grep '^ready gate=' "$OUT/node.log") || { echo "node did not start"; cat "$OUT/node.log"; exit 1; }
GATE=$(echo "$READY" | sed 's/.*gate=\([0-9]*\).*/\1/'); TCP=$(echo "$READY" | sed 's/.*tcp=\([0-9]*\).*/\1/')
HTTP=$(echo "$READY" | sed 's/.*http=\([0-9]*\).*/\1/')
echo "== machine: $(nproc) cores, $(java -version 2>&1 | head -1); node: $NODE_JVM; $READY"

java -Xmx512m -cp "$CP" "$PKG.HostileLoad" --gate "$GATE" --tcp "$TCP" --http "$HTTP" --never-read "$NEVER_READ" \
  --stalled "$STALLED" --seconds "$SECONDS_EACH" --flood "$FLOOD" | tee "$OUT/results.txt"
kill -0 "$NODE" 2>/dev/null && echo "RESULT node alive=true" || echo "RESULT node alive=false"
echo "node log lines: $(wc -l < "$OUT/node.log") (in $OUT/node.log)"
