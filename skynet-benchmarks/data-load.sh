#!/usr/bin/env bash
# db_proxy get_player and cache get with 64 concurrent callers, each against the same query made
# directly (JdbcClient / reactive template) in the same run, on the real MariaDB and Redis.
# About 4 minutes. Writes skynet-benchmarks/results/<yyyy-mm-dd>-data-load.txt.
#
#   skynet-benchmarks/data-load.sh
#   DATA_LOAD_SECONDS=20 DATA_LOAD_CALLERS=64 skynet-benchmarks/data-load.sh
#   DATA_LOAD_ONLY=db skynet-benchmarks/data-load.sh    # or cache: one comparison only
#   SKYNET_DB_HOST=db SKYNET_REDIS_HOST=redis skynet-benchmarks/data-load.sh
#   DATA_LOAD_JVM="-Xmx1g -Dspring.datasource.hikari.maximum-pool-size=20" skynet-benchmarks/data-load.sh  # both paths share the pool
set -euo pipefail
cd "$(dirname "$0")/.."

./mvnw -q -B -pl skynet-benchmarks -am -DskipTests install
# includeScope=compile brings the provided sample apps, which the shaded benchmarks.jar leaves out
./mvnw -q -B -pl skynet-benchmarks dependency:build-classpath -Dmdep.includeScope=compile \
    -Dmdep.outputFile="$PWD/skynet-benchmarks/target/data-load.cp"
CP="skynet-benchmarks/target/classes:$(cat skynet-benchmarks/target/data-load.cp)"

mkdir -p skynet-benchmarks/results
out="skynet-benchmarks/results/$(date +%F)-data-load.txt"
{
    echo "# data load $(date -u +%FT%TZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
    java ${DATA_LOAD_JVM:--Xmx1g} -cp "$CP" io.skynetspring.benchmarks.data.DataLoad
} | tee "$out"
