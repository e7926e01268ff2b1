#!/usr/bin/env bash
# Runs the runtime comparison (skynet-spring vs Pekko typed vs Vert.x event bus vs a bare MPSC
# queue) and writes results/<yyyy-mm-dd>-<host-kind>.md. About 9 minutes on a 2-core machine.
#
#   skynet-benchmarks/run.sh                    # everything
#   BENCH=SkynetBenchmark skynet-benchmarks/run.sh   # one runtime's JMH benchmarks (a regex)
#   SPAWN_N=200000 skynet-benchmarks/run.sh     # fewer services in the spawn/footprint run
#   HOST_KIND=laptop skynet-benchmarks/run.sh   # names the results file
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
date="$(date +%F)"
host_kind="${HOST_KIND:-$(nproc)cpu-$(awk '/MemTotal/ {printf "%d", $2 / 1048576 + 0.5}' /proc/meminfo)g}"
bench="${BENCH:-io.skynetspring.benchmarks.runtime}"
spawn_n="${SPAWN_N:-1000000}"
# Short warm-up and measurement keep the whole run under 10 minutes on 2 cores; each invocation is
# already a round of 100k-1M messages. Heap and common-pool flags are in RuntimeBenchmark's @Fork.
jmh_opts="${JMH_OPTS:--f 1 -wi 2 -w 2s -i 3 -r 3s}"

cd "$root"
./mvnw -q -B -pl skynet-benchmarks -am -DskipTests package

cd "$here"
mkdir -p results
jar=target/benchmarks.jar
json="results/$date.json"
spawn="results/$date-spawn.tsv"
table="results/$date-$host_kind.md"
load() { cut -d' ' -f1-3 /proc/loadavg; }

load_before="$(load)"
# shellcheck disable=SC2086 # jmh_opts is a list of options
java -jar "$jar" "$bench" $jmh_opts -prof gc -rf json -rff "$json"

rm -f "$spawn"
for runtime in skynet pekko; do
  java -Xms8g -Xmx8g -cp "$jar" io.skynetspring.benchmarks.runtime.spawn.SpawnFootprint "$runtime" "$spawn_n" "$spawn"
done
load_after="$(load)"
commit="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [ -n "$(git -C "$root" status --porcelain -- skynet-core skynet-spring-boot-starter 2>/dev/null)" ]; then
  commit="$commit with uncommitted changes in core/starter"
fi

java -cp "$jar" io.skynetspring.benchmarks.runtime.report.ResultsTable "$json" "$spawn" "$table" \
  "skynet-spring at $commit; load average (1/5/15 min): $load_before before the run, $load_after after"
echo "wrote skynet-benchmarks/$table"
cat "$table"
