#!/usr/bin/env bash
# Load test of one query instance: GetMmsJob by random key over N jobs, measured with wrk.
# Usage: modules/query/bench/run-bench.sh [kafka|memory] [jobs=100000] [seconds=30] [connections=64] [cache-bytes=268435456]
#   kafka:  embedded broker + Kafka Streams (RocksDB) + the API reading by interactive queries (the real path)
#   memory: the API over in-memory state (the HTTP path alone)
# Needs wrk (apt-get install -y wrk). Not part of the build or CI.
set -euo pipefail
cd "$(dirname "$0")/../../.."
MODE=${1:-kafka}; JOBS=${2:-100000}; SECONDS_=${3:-30}; CONNECTIONS=${4:-64}; CACHE=${5:-268435456}
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("",0)); print(s.getsockname()[1])')
CP_FILE=$(mktemp)
mvn -B -ntp -q -pl modules/query -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test >/dev/null
CP="modules/query/target/test-classes:modules/query/target/classes:$(cat "$CP_FILE")"
LOG=$(mktemp)
java -Xms1g -Xmx2g -XX:+UseParallelGC -cp "$CP" io.mmatracker.query.bench.BenchServer "$MODE" "$PORT" "$JOBS" "$CACHE" >"$LOG" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; rm -f "$CP_FILE" "$LOG"' EXIT
until grep -q "BENCH READY" "$LOG"; do
  kill -0 $SERVER 2>/dev/null || { cat "$LOG"; exit 1; }
  sleep 1
done
URL="http://localhost:$PORT"
# warm-up (JIT, cache fill), then the measured run
BENCH_JOBS=$JOBS wrk -t2 -c"$CONNECTIONS" -d10s -s modules/query/bench/random-job.lua "$URL" >/dev/null
echo "== $MODE: GetMmsJob, random key over $JOBS jobs, $CONNECTIONS connections, ${SECONDS_}s"
BENCH_JOBS=$JOBS wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_}s" --latency -s modules/query/bench/random-job.lua "$URL"
curl -s "$URL/metrics" | grep -E "^mma_query_cache_(hits|misses)_total|^mma_query_unexpected"
