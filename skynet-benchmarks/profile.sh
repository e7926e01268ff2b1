#!/usr/bin/env bash
# CPU profile of one runtime benchmark with async-profiler (from Maven Central: its jar carries the
# native library), through JMH's async profiler. Prints the hottest frames of the sender and of the
# workers, and keeps the collapsed stacks for a flame graph tool.
#
#   skynet-benchmarks/profile.sh                          # SkynetBenchmark.oneWay
#   skynet-benchmarks/profile.sh 'SkynetBenchmark.fanOut'
#
# Uses the ctimer event (per-thread CPU timers), which works where perf events are not offered,
# as on most virtual machines.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
bench="${1:-SkynetBenchmark.oneWay}"
version=4.1
lib="$here/target/async-profiler/linux-x64/libasyncProfiler.so"

cd "$root"
./mvnw -q -B -pl skynet-benchmarks -am -DskipTests package
if [ ! -f "$lib" ]; then
    ./mvnw -q -B dependency:get -Dartifact=tools.profiler:async-profiler:$version
    mkdir -p "$here/target/async-profiler"
    (cd "$here/target/async-profiler" && unzip -o -q \
        "$HOME/.m2/repository/tools/profiler/async-profiler/$version/async-profiler-$version.jar" 'linux-x64/*')
fi
out="$here/target/profile"
rm -rf "$out"
java -jar "$here/target/benchmarks.jar" "$bench" -f 1 -wi 3 -w 2s -i 4 -r 3s \
    -prof "async:libPath=$lib;event=ctimer;output=collapsed;dir=$out" | grep -E "^[A-Za-z]+Benchmark\."
stacks="$(find "$out" -name 'collapsed-*.csv' | head -1)"
python3 - "$stacks" <<'PY'
import collections, sys
self_time = collections.defaultdict(collections.Counter)
total = collections.Counter()
for line in open(sys.argv[1]):
    stack, n = line.rsplit(' ', 1)
    n = int(n)
    frames = stack.split(';')
    who = 'workers' if any('Workers.loop' in f for f in frames) else (
        'sender' if any('Contender.' in f for f in frames) else 'other')
    total[who] += n
    self_time[who][frames[-1]] += n
for who in ('sender', 'workers'):
    print(f"\n{who}: {total[who]} samples; hottest frames (self)")
    for frame, n in self_time[who].most_common(15):
        print(f"{n:7d} {100.0 * n / max(1, total[who]):5.1f}%  {frame}")
PY
echo "collapsed stacks: $stacks"
