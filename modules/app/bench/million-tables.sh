#!/usr/bin/env bash
# Scale benchmark: the demo (embedded broker, simulator, poller, Streams, API in ONE process) with SOURCES x TABLES
# simulated tables and the heap capped; prints the time until every table is listed, the poller's MMA request count,
# the process's RSS and heap, and GetMmsTable latency (wrk, random table) during and after ingestion.
# Then it stops the demo (SIGTERM), deletes the Streams state directory and starts it again on the same data
# directory: the time until every table is listed again is the changelog restore of a lost state directory.
# Usage: modules/app/bench/million-tables.sh [sources=10] [tables-per-source=100000] [heap=512m]
# Needs wrk and curl. Ports 18581-18583 (the perf range). Not part of the build or CI.
set -euo pipefail
cd "$(dirname "$0")/../../.."
SOURCES=${1:-10}; TABLES=${2:-100000}; HEAP=${3:-512m}
HTTP=18581; KAFKA=18582; SIM=18583
DATA=$(mktemp -d /tmp/mma-million-XXXXXX)
LOG="$DATA.log"
EXPECTED=$((SOURCES * TABLES))
./mma-tracker --help >/dev/null   # builds once, outside the measured time
START=$(date +%s.%N)
JAVA_OPTS="-Xmx$HEAP -XX:+UseG1GC" ./mma-tracker demo --http-port $HTTP --kafka-port $KAFKA --sim-port $SIM \
    --data-dir "$DATA" --sources "$SOURCES" --set simulator.tables-per-source="$TABLES" >"$LOG" 2>&1 &
DEMO=$!
trap 'rc=$?; kill $DEMO 2>/dev/null; wait $DEMO 2>/dev/null; rm -rf "$DATA" "$LOG"; exit $rc' EXIT
URL="http://127.0.0.1:$HTTP"
listed() {
  local sum=0 s t
  for ((s = 0; s < SOURCES; s++)); do
    t=$(curl -s -m 5 "$URL/api/v1/mms/datasources/$((2000001 + s))/tables?pageSize=1" | sed -n 's/.*"total":\([0-9]*\).*/\1/p')
    sum=$((sum + ${t:-0}))
  done
  echo $sum
}
PEAK_RSS=0
DURING=""
while true; do
  kill -0 $DEMO 2>/dev/null || { tail -50 "$LOG"; echo "the demo died"; exit 1; }
  N=$(listed)
  RSS=$(ps -o rss= -p "$(pgrep -P $DEMO java || echo $DEMO)" 2>/dev/null | tr -d ' ' || echo 0)
  RSS=${RSS:-0}; [ "$RSS" -gt "$PEAK_RSS" ] && PEAK_RSS=$RSS
  NOW=$(date +%s.%N)
  printf '%6.1f s  %8d of %d tables listed  RSS %d MB\n' "$(echo "$NOW - $START" | bc)" "$N" "$EXPECTED" $((RSS / 1024))
  if [ -z "$DURING" ] && [ "$N" -gt $((EXPECTED / 4)) ]; then
    DURING=$(BENCH_SOURCES=$SOURCES BENCH_TABLES=$TABLES wrk -t1 -c8 -d5s -s modules/app/bench/random-table.lua "$URL" | tail -1)
    continue
  fi
  [ "$N" -ge "$EXPECTED" ] && break
  sleep 2
done
DONE=$(echo "$(date +%s.%N) - $START" | bc)
AFTER=$(BENCH_SOURCES=$SOURCES BENCH_TABLES=$TABLES wrk -t1 -c8 -d10s -s modules/app/bench/random-table.lua "$URL" | tail -1)
PID=$(pgrep -P $DEMO java || echo $DEMO)
RSS=$(ps -o rss= -p "$PID" | tr -d ' ')
HEAP_USED=$(jcmd "$PID" GC.heap_info 2>/dev/null | sed -n 's/.*used \([0-9]*K\).*/\1/p' | head -1)
REQUESTS=$(curl -s "$URL/metrics" | awk '/^mma_poller_requests_total/ {s += $2} END {printf "%d", s}')
echo
echo "== $EXPECTED tables ($SOURCES x $TABLES), -Xmx$HEAP, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "every table listed after ${DONE%.*} s; poller MMA requests: $REQUESTS"
echo "RSS now $((RSS / 1024)) MB, peak seen $((PEAK_RSS / 1024)) MB; heap used now ${HEAP_USED:-?}"
echo "GetMmsTable during ingestion (5 s, 8 connections): $DURING"
echo "GetMmsTable after ingestion (10 s, 8 connections):  $AFTER"

kill $DEMO; wait $DEMO 2>/dev/null || true   # SIGTERM: the demo stops cleanly
STATE_MB=$(du -sm "$DATA/streams" | cut -f1)
rm -rf "$DATA/streams"
START=$(date +%s.%N)
JAVA_OPTS="-Xmx$HEAP -XX:+UseG1GC" ./mma-tracker demo --http-port $HTTP --kafka-port $KAFKA --sim-port $SIM \
    --data-dir "$DATA" --sources "$SOURCES" --set simulator.tables-per-source="$TABLES" >>"$LOG" 2>&1 &
DEMO=$!
FIRST=""
while true; do
  kill -0 $DEMO 2>/dev/null || { tail -50 "$LOG"; echo "the demo died"; exit 1; }
  if [ -z "$FIRST" ] && [ "$(curl -s -o /dev/null -w '%{http_code}' -m 5 "$URL/api/v1/mms/datasources/2000001/tables/100000001")" = 200 ]; then
    FIRST=$(echo "$(date +%s.%N) - $START" | bc)
  fi
  [ "$(listed)" -ge "$EXPECTED" ] && break
  sleep 1
done
RESTORED=$(echo "$(date +%s.%N) - $START" | bc)
echo "restore of a lost state directory ($STATE_MB MB of RocksDB): first GetMmsTable 200 after ${FIRST%.*} s, every table listed after ${RESTORED%.*} s (load average $(cut -d' ' -f1-3 /proc/loadavg))"
