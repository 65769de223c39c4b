#!/usr/bin/env bash
# Scale benchmark: SOURCES x TABLES simulated tables, the tracker (`run`: poller, Streams, API) in a JVM of its own with
# its heap capped, the embedded broker (bench/Broker.java) and the MMA simulator (`simulate`) in two other JVMs, so
# the RSS and heap printed are the tracker's alone (MMA and Kafka are other machines in a deployment). Prints the time
# from the tracker's launch until every table is listed, the poller's MMA requests by operation, the tracker's RSS and
# heap, and GetMmsTable latency (wrk, random table) during and after ingestion, then one block with what goal 2 of
# issue 16 asks (time to every table queryable, requests, RSS and heap peaks, GET p99 during and after, load averages).
# Then it stops the tracker (SIGTERM, timed), deletes its Streams state directory and starts it again: the time until
# every table is listed again is the changelog restore of a lost state directory (goal 5; RSS and heap sampled, capped
# at BENCH_RESTORE_MAX_SECONDS, default 600, and ended early if the tracker runs out of heap).
# Usage: modules/app/bench/million-tables.sh [sources=10] [tables-per-source=100000] [heap=512m] [--set KEY=VALUE ...]
# (the --set arguments go to the tracker). BENCH_MAX_SECONDS=N stops waiting after N s and prints the figures reached
# by then (no restore step). BENCH_JFR=FILE records the tracker with JDK Flight Recorder (profile settings) into FILE (the restore into FILE.restore.jfr);
# BENCH_JAVA_OPTS adds JVM options to the tracker (e.g. -XX:NativeMemoryTracking=summary).
# BENCH_JAR=FILE runs another build's jar (with its lib/ beside it; e.g. a copy of main's target/) for A/B runs.
# Needs wrk, curl and jcmd. Ports 18681-18683 (BENCH_PORT_BASE=N: N+1 to N+3). Not part of the build or CI.
set -euo pipefail
cd "$(dirname "$0")/../../.."
SOURCES=${1:-10}; TABLES=${2:-100000}; HEAP=${3:-512m}
shift $(( $# < 3 ? $# : 3 ))
PORTS=${BENCH_PORT_BASE:-18680}   # its HTTP, Kafka and simulator ports are the next three
HTTP=$((PORTS + 1)); KAFKA=$((PORTS + 2)); SIM=$((PORTS + 3))
DATA=$(mktemp -d /tmp/mma-million-XXXXXX)
LOG="$DATA.log"
EXPECTED=$((SOURCES * TABLES))
./mma-tracker --help >/dev/null   # builds once, outside the measured time
JAR=${BENCH_JAR:-modules/app/target/mma-tracker.jar}   # BENCH_JAR: another build's jar (its lib/ beside it), for A/B
java -Xmx1g -cp "$JAR" modules/app/bench/Broker.java $KAFKA "$DATA/broker" >"$LOG.broker" 2>&1 &
BROKER=$!
java -Xmx256m -jar "$JAR" simulate --port $SIM --sources "$SOURCES" --tables-per-source "$TABLES" >"$LOG.sim" 2>&1 &
SIMULATOR=$!
TRACKER=""
stop() {   # the tracker first, while the broker still answers its clean shutdown
  [ -n "$TRACKER" ] && kill $TRACKER 2>/dev/null && timeout 60 tail --pid=$TRACKER -f /dev/null
  kill $SIMULATOR $BROKER 2>/dev/null; wait 2>/dev/null
}
trap 'rc=$?; stop; rm -rf "$DATA" "$DATA.histogram" "$LOG" "$LOG.broker" "$LOG.sim"; exit $rc' EXIT
until grep -q '^READY' "$LOG.broker" 2>/dev/null; do kill -0 $BROKER || { cat "$LOG.broker"; exit 1; }; sleep 1; done
until curl -s -o /dev/null "http://127.0.0.1:$SIM/"; do kill -0 $SIMULATOR || { cat "$LOG.sim"; exit 1; }; sleep 1; done
JFR_OPTS=(${BENCH_JAVA_OPTS:-})
[ -n "${BENCH_JFR:-}" ] && JFR_OPTS+=("-XX:StartFlightRecording=settings=profile,filename=$BENCH_JFR,dumponexit=true")
tracker() {
  exec java -Xmx$HEAP -XX:+UseG1GC "${JFR_OPTS[@]}" -jar "$JAR" run \
      --set kafka.bootstrap.servers=127.0.0.1:$KAFKA --set mma.endpoint=http://127.0.0.1:$SIM \
      --set streams.state-dir="$DATA/streams" --set query.bind-host=127.0.0.1 --set query.port=$HTTP \
      --set topics.partitions=3 --set topics.replication-factor=1 "$@"
}
START=$(date +%s.%N)
tracker "$@" >"$LOG" 2>&1 &
TRACKER=$!
URL="http://127.0.0.1:$HTTP"
listed() {
  local sum=0 s t
  for ((s = 0; s < SOURCES; s++)); do
    t=$(curl -s -m 5 "$URL/api/v1/mms/datasources/$((2000001 + s))/tables?pageSize=1" | sed -n 's/.*"total":\([0-9]*\).*/\1/p')
    sum=$((sum + ${t:-0}))
  done
  echo $sum
}
heap_used_kb() {   # the tracker's used heap in KB, 0 while jcmd cannot attach yet
  local kb
  kb=$(jcmd $TRACKER GC.heap_info 2>/dev/null | sed -n 's/.*used \([0-9]*\)K.*/\1/p' | head -1)
  echo "${kb:-0}"
}
cpu_s() {   # a process's CPU seconds so far (user + system, /proc/PID/stat), for CPU per table on a shared machine
  awk -v hz="$(getconf CLK_TCK)" '{sub(/^.*\) /, ""); printf "%.1f", ($12 + $13) / hz}' /proc/$1/stat 2>/dev/null || echo 0
}
thread_cpu() {   # the tracker's CPU seconds by thread (names as /proc shows them: 15 characters, numbers folded to N)
  local t
  for t in /proc/$1/task/*; do
    echo "$(awk '{sub(/^.*\) /, ""); print $12 + $13}' $t/stat 2>/dev/null || echo 0) $(tr ' ' '_' 2>/dev/null <$t/comm)"
  done | sed 's/ mma-tracker-.*/ Streams(mma-tracker-*)/; s/[0-9]\+$/N/; s/#[0-9]\+/#N/' | awk -v hz="$(getconf CLK_TCK)" '{c[$2] += $1} END {for (k in c) printf "%.1f %s\n", c[k] / hz, k}' |
      sort -rn | head -8 | awk '{printf "%s%s %s s", (NR > 1 ? ", " : ""), $2, $1}'
}
PEAK_RSS=0
PEAK_HEAP=0
FIRST_TABLE=""
DURING=""
DURING_LOAD=""
CAPPED=""
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
while true; do
  kill -0 $TRACKER 2>/dev/null || { tail -50 "$LOG"; echo "the tracker died"; exit 1; }
  N=$(listed)
  RSS=$(ps -o rss= -p $TRACKER 2>/dev/null | tr -d ' ' || echo 0)
  RSS=${RSS:-0}; [ "$RSS" -gt "$PEAK_RSS" ] && PEAK_RSS=$RSS
  HEAP_KB=$(heap_used_kb); [ "$HEAP_KB" -gt "$PEAK_HEAP" ] && PEAK_HEAP=$HEAP_KB
  NOW=$(date +%s.%N)
  [ -z "$FIRST_TABLE" ] && [ "$N" -gt 0 ] && FIRST_TABLE=$(echo "$NOW - $START" | bc)
  printf '%6.1f s  %8d of %d tables listed  RSS %d MB  heap used %d MB  load %s\n' "$(echo "$NOW - $START" | bc)" "$N" "$EXPECTED" \
      $((RSS / 1024)) $((HEAP_KB / 1024)) "$(cut -d' ' -f1 /proc/loadavg)"
  HALFWAY=0; [ -n "${BENCH_MAX_SECONDS:-}" ] && HALFWAY=$(echo "$NOW - $START > $BENCH_MAX_SECONDS / 2" | bc)
  if [ -z "$DURING" ] && { [ "$N" -gt $((EXPECTED / 4)) ] || [ "$HALFWAY" = 1 ]; }; then
    DURING=$(BENCH_SOURCES=$SOURCES BENCH_TABLES=$TABLES wrk -t1 -c8 -d5s -s modules/app/bench/random-table.lua "$URL" 2>&1 | tail -1 || true)
    DURING_LOAD=$(cut -d' ' -f1 /proc/loadavg)
    continue
  fi
  [ "$N" -ge "$EXPECTED" ] && break
  if [ -n "${BENCH_MAX_SECONDS:-}" ] && [ "$(echo "$NOW - $START > $BENCH_MAX_SECONDS" | bc)" = 1 ]; then
    CAPPED="stopped at the ${BENCH_MAX_SECONDS} s cap with $N of $EXPECTED tables listed"; break
  fi
  sleep 2
done
DONE=$(echo "$(date +%s.%N) - $START" | bc)
CPU_TRACKER=$(cpu_s $TRACKER); CPU_SIM=$(cpu_s $SIMULATOR); CPU_BROKER=$(cpu_s $BROKER)   # before wrk adds GETs
CPU_THREADS=$(thread_cpu $TRACKER)
LOAD_DONE=$(cut -d' ' -f1-3 /proc/loadavg)
AFTER=$(BENCH_SOURCES=$SOURCES BENCH_TABLES=$TABLES wrk -t1 -c8 -d10s -s modules/app/bench/random-table.lua "$URL" 2>&1 | tail -1 || true)
AFTER_LOAD=$(cut -d' ' -f1 /proc/loadavg)
RSS=$(ps -o rss= -p $TRACKER | tr -d ' ')
HEAP_USED=$(heap_used_kb)
jcmd $TRACKER GC.class_histogram >"$DATA.histogram" 2>/dev/null || true   # a full GC first: what is live
LIVE_MB=$(awk '/^Total/ {printf "%d", $3 / 1048576}' "$DATA.histogram")
METRICS=$(curl -s "$URL/metrics")
REQUESTS=$(echo "$METRICS" | awk '/^mma_poller_requests_total/ {s += $2} END {printf "%d", s}')
BY_OPERATION=$(curl -s "http://127.0.0.1:$SIM/_sim/stats" | python3 -c 'import json, sys
ops = json.load(sys.stdin)["data"]["operations"]
print(", ".join(f"{op} {sum(n.values())}" for op, n in sorted(ops.items(), key=lambda o: -sum(o[1].values()))))')
OTHERS_RSS=$(( $(ps -o rss= -p $BROKER | tr -d ' ') / 1024 )) ; SIM_RSS=$(( $(ps -o rss= -p $SIMULATOR | tr -d ' ') / 1024 ))
p99() { echo "$1" | sed -n 's/.*p99 \([0-9.]*\) ms.*/\1 ms/p'; }
echo
echo "== $EXPECTED tables ($SOURCES x $TABLES), -Xmx$HEAP, load average at start $LOAD_START, at the end $LOAD_DONE"
echo "${CAPPED:-every table listed} after ${DONE%.*} s; poller MMA requests: $REQUESTS (simulator: $BY_OPERATION)"
echo "tracker RSS now $((RSS / 1024)) MB, peak seen $((PEAK_RSS / 1024)) MB; heap used now $((HEAP_USED / 1024)) MB, peak seen $((PEAK_HEAP / 1024)) MB (broker JVM $OTHERS_RSS MB, simulator JVM $SIM_RSS MB)"
STREAMS_UP=$(sed -n 's/^\([0-9T:.-]*\)Z .*Kafka Streams REBALANCING -> RUNNING.*/\1/p' "$LOG" | head -1)   # its stores opened
STREAMS_UP=${STREAMS_UP:+$(echo "$(date -u -d "${STREAMS_UP/T/ }" +%s.%N) - $START" | bc)}
echo "Kafka Streams first RUNNING after ${STREAMS_UP%.*} s, first table listed after ${FIRST_TABLE%.*} s; CPU seconds until then (every table or the cap): tracker $CPU_TRACKER, simulator $CPU_SIM, broker $CPU_BROKER ($N tables: $(echo "scale=1; $CPU_TRACKER * 1000000 / ($N + 1)" | bc) / $(echo "scale=1; $CPU_SIM * 1000000 / ($N + 1)" | bc) / $(echo "scale=1; $CPU_BROKER * 1000000 / ($N + 1)" | bc) µs per table)"
echo "the tracker's CPU by thread until then: $CPU_THREADS"
echo "GetMmsTable during ingestion (5 s, 8 connections, load $DURING_LOAD): $DURING"
echo "GetMmsTable after ingestion (10 s, 8 connections, load $AFTER_LOAD):  $AFTER"
echo "largest classes on the tracker's heap at the end (jcmd GC.class_histogram):"
sed -n '4,13p' "$DATA.histogram"
if [[ "${BENCH_JAVA_OPTS:-}" == *NativeMemoryTracking* ]]; then   # the JVM's side of RSS
  echo "the JVM's native memory at the end (jcmd VM.native_memory summary; RocksDB's is not in it):"
  jcmd $TRACKER VM.native_memory summary | awk '/^(Total|-)/ && match($0, /committed=[0-9]+KB/) {
    name = $0; sub(/^- */, "", name); sub(/ *\(?reserved=.*/, "", name); sub(/:$/, "", name)
    printf "  %-28s %6d MB committed\n", name, substr($0, RSTART + 10, RLENGTH - 12) / 1024 }'
fi
echo
echo "== goal 2 (issue 16): every table queryable <= 120 s at the default budget, tracker heap <= 512 MB, RSS <= 1 GB"
printf '%-34s %s\n' "every table queryable" "${CAPPED:-after ${DONE%.*} s}" \
    "poller MMA requests" "$REQUESTS" \
    "tracker RSS peak" "$((PEAK_RSS / 1024)) MB" \
    "tracker heap used peak (of $HEAP)" "$((PEAK_HEAP / 1024)) MB; live after a full GC at the end ${LIVE_MB:-?} MB" \
    "GetMmsTable p99 during / after" "$(p99 "$DURING") (load $DURING_LOAD) / $(p99 "$AFTER") (load $AFTER_LOAD)" \
    "load average (1, 5, 15 min)" "start $LOAD_START; end $LOAD_DONE"

[ -n "${CAPPED:-}" ] && exit 0
STOP_START=$(date +%s.%N)
kill $TRACKER; wait $TRACKER 2>/dev/null || true   # SIGTERM: the tracker stops cleanly
STOPPED=$(echo "$(date +%s.%N) - $STOP_START" | bc)
STATE_MB=$(du -sm "$DATA/streams" | cut -f1)
rm -rf "$DATA/streams"
RESTORE_LINE=$(wc -l <"$LOG")
START=$(date +%s.%N)
if [ -n "${BENCH_JFR:-}" ]; then   # the restore's recording beside the ingestion's, not over it
  JFR_OPTS=(${BENCH_JAVA_OPTS:-} "-XX:StartFlightRecording=settings=profile,filename=$BENCH_JFR.restore.jfr,dumponexit=true")
fi
tracker "$@" >>"$LOG" 2>&1 &
TRACKER=$!
FIRST=""
RESTORE_CAP=${BENCH_RESTORE_MAX_SECONDS:-600}
PEAK_RSS=0
PEAK_HEAP=0
RESTORE_END="every table listed"
while true; do
  kill -0 $TRACKER 2>/dev/null || { tail -50 "$LOG"; echo "the tracker died"; exit 1; }
  if [ -z "$FIRST" ] && [ "$(curl -s -o /dev/null -w '%{http_code}' -m 5 "$URL/api/v1/mms/datasources/2000001/tables/100000001")" = 200 ]; then
    FIRST=$(echo "$(date +%s.%N) - $START" | bc)
  fi
  RSS=$(ps -o rss= -p $TRACKER 2>/dev/null | tr -d ' ' || echo 0)
  RSS=${RSS:-0}; [ "$RSS" -gt "$PEAK_RSS" ] && PEAK_RSS=$RSS
  HEAP_KB=$(heap_used_kb); [ "$HEAP_KB" -gt "$PEAK_HEAP" ] && PEAK_HEAP=$HEAP_KB
  N=$(listed)
  NOW=$(date +%s.%N)
  printf 'restore %6.1f s  %8d of %d tables listed  RSS %d MB  heap used %d MB  load %s\n' "$(echo "$NOW - $START" | bc)" "$N" \
      "$EXPECTED" $((RSS / 1024)) $((HEAP_KB / 1024)) "$(cut -d' ' -f1 /proc/loadavg)"
  [ "$N" -ge "$EXPECTED" ] && break
  if tail -n +"$RESTORE_LINE" "$LOG" | grep -q OutOfMemoryError; then RESTORE_END="OUT OF HEAP with $N listed"; break; fi
  if [ "$(echo "$NOW - $START > $RESTORE_CAP" | bc)" = 1 ]; then RESTORE_END="stopped at the $RESTORE_CAP s cap with $N listed"; break; fi
  sleep 2
done
RESTORED=$(echo "$(date +%s.%N) - $START" | bc)
echo
echo "== goal 5 (issue 16): restore of a lost state directory ($STATE_MB MB of RocksDB deleted after a SIGTERM that took ${STOPPED%.*} s)"
printf '%-34s %s\n' "first GetMmsTable 200" "${FIRST:+after ${FIRST%.*} s}" \
    "every table listed again" "$RESTORE_END after ${RESTORED%.*} s" \
    "tracker RSS peak" "$((PEAK_RSS / 1024)) MB" \
    "tracker heap used peak (of $HEAP)" "$((PEAK_HEAP / 1024)) MB" \
    "load average (1, 5, 15 min)" "$(cut -d' ' -f1-3 /proc/loadavg)"
