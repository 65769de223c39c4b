#!/usr/bin/env bash
# Load test of one query instance: GetMmsJob by random key over N jobs, measured with wrk.
# Usage: modules/query/bench/run-bench.sh [kafka|memory] [jobs=100000] [seconds=30] [connections=64] [cache-bytes=268435456]
#   kafka:  embedded broker + Kafka Streams (RocksDB) + the API reading by interactive queries (the real path)
#   memory: the API over in-memory state (the HTTP path alone)
# BENCH_TREE=<another checkout> builds and measures that tree with this script (an A/B of two commits in the same
# minutes: git worktree add /tmp/before <commit>; BENCH_TREE=/tmp/before modules/query/bench/run-bench.sh ...).
# Besides wrk's figures it prints the server's CPU time per request (the JVM's user + system time over the measured
# run / requests): throughput follows the machine's load, the CPU per request much less.
# Needs wrk (apt-get install -y wrk). Not part of the build or CI.
set -euo pipefail
SCRIPTS="$(cd "$(dirname "$0")" && pwd)"
cd "${BENCH_TREE:-$SCRIPTS/../../..}"
MODE=${1:-kafka}; JOBS=${2:-100000}; SECONDS_=${3:-30}; CONNECTIONS=${4:-64}; CACHE=${5:-268435456}
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("",0)); print(s.getsockname()[1])')
CP_FILE=$(mktemp)
mvn -B -ntp -q -pl modules/query -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test >/dev/null
CP="modules/query/target/test-classes:modules/query/target/classes:$(cat "$CP_FILE")"
LOG=$(mktemp)
java -Xms1g -Xmx2g -XX:+UseParallelGC -cp "$CP" io.mmatracker.query.bench.BenchServer "$MODE" "$PORT" "$JOBS" "$CACHE" >"$LOG" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; rm -f "$CP_FILE" "$LOG" "$LOG.wrk"' EXIT
until grep -q "BENCH READY" "$LOG"; do
  kill -0 $SERVER 2>/dev/null || { cat "$LOG"; exit 1; }
  sleep 1
done
URL="http://localhost:$PORT"
# warm-up (JIT, cache fill), then the measured run
BENCH_JOBS=$JOBS wrk -t2 -c"$CONNECTIONS" -d10s -s "$SCRIPTS/random-job.lua" "$URL" >/dev/null
echo "== $MODE: GetMmsJob, random key over $JOBS jobs, $CONNECTIONS connections, ${SECONDS_}s ($(git log -1 --format=%h), load $(cut -d' ' -f1-3 /proc/loadavg))"
CPU_BEFORE=$(awk '{print $14 + $15}' "/proc/$SERVER/stat")
BENCH_JOBS=$JOBS wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_}s" --latency -s "$SCRIPTS/random-job.lua" "$URL" | tee "$LOG.wrk"
CPU_AFTER=$(awk '{print $14 + $15}' "/proc/$SERVER/stat")
REQUESTS=$(grep -oE '^ *[0-9]+ requests in' "$LOG.wrk" | grep -oE '[0-9]+')
echo "server CPU per request: $(( (CPU_AFTER - CPU_BEFORE) * 1000000 / $(getconf CLK_TCK) / REQUESTS )) us (load $(cut -d' ' -f1-3 /proc/loadavg))"
curl -s "$URL/metrics" | grep -E "^mma_query_cache_(hits_total|misses_total|entries|bytes)|^mma_query_unexpected"
