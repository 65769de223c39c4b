#!/usr/bin/env bash
# List benchmark of one query instance: list pages over N objects of one data source (real path: embedded broker,
# the tracker topology, RocksDB, the API), p50/p99 and process CPU per request of each page shape, asked one after
# another. Kinds (a comma list, default all): tables (ListMmsTables), jobs (ListMmsJobs), tasks (ListMmsTasks: N
# tasks of one job in one source, N tasks over N/1000 jobs in another; jobId, status and srcTableName filters),
# dashboard (the requests of the dashboard's fleet and source views over N tables and N jobs).
# Usage: modules/query/bench/run-list-bench.sh [objects=100000] [requests-per-shape=200] [kinds=tables,jobs,tasks,dashboard] [instances=1]
# With instances above 1, that many tracker instances of one application share the partitions (in the benchmark's JVM,
# on ports from BENCH_PORT_BASE, else free ones) and every list is gathered from all of them over HTTP.
# BENCH_JAVA_OPTS is added to the benchmark JVM (e.g. -XX:StartFlightRecording=settings=profile,filename=list.jfr).
# Not part of the build or CI.
set -euo pipefail
cd "$(dirname "$0")/../../.."
OBJECTS=${1:-100000}; REQUESTS=${2:-200}; KINDS=${3:-tables,jobs,tasks,dashboard}; INSTANCES=${4:-1}
PORT=${BENCH_PORT_BASE:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("",0)); print(s.getsockname()[1])')}
CP_FILE=$(mktemp)
trap 'rm -f "$CP_FILE"' EXIT
mvn -B -ntp -q -pl modules/query -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test >/dev/null
CP="modules/query/target/test-classes:modules/query/target/classes:$(cat "$CP_FILE")"
java -Xms512m -Xmx1g ${BENCH_JAVA_OPTS:-} -cp "$CP" io.mmatracker.query.bench.ListBench "$PORT" "$OBJECTS" "$REQUESTS" "$KINDS" "$INSTANCES" 2>&1 | grep -v -E "^\s*$|WARN|INFO"
