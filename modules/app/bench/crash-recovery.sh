#!/usr/bin/env bash
# Crash recovery of the single-node demo, measured in one run on one data directory:
#   1. first start (fills the data directory), until a GET of a known job answers 200;
#   2. clean stop (SIGTERM), then start again: seconds from launch until that GET answers 200;
#   3. SIGKILL, then start again: the same figure after a crash.
# Prints both and their ratio. Usage: modules/app/bench/crash-recovery.sh [--set KEY=VALUE ...]
# Ports: HTTP_PORT, KAFKA_PORT, SIM_PORT (default 18101-18103); the data directory is a fresh temporary one.
# KEEP_LOGS=DIR keeps the three starts' console logs there (first.log, clean.log, crash.log) to see where the time went.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
http=${HTTP_PORT:-18101}; kafka=${KAFKA_PORT:-18102}; sim=${SIM_PORT:-18103}
work="$(mktemp -d)"; data="$work/data"; pid=""
cleanup() {
  [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null || true
  [ -n "${KEEP_LOGS:-}" ] && mkdir -p "$KEEP_LOGS" && cp "$work"/*.log "$KEEP_LOGS"/ 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
"$root/mma-tracker" --help > /dev/null   # build first; the starts below run the jar itself, so none includes a build
mkdir "$work/app" && cp -r "$root/modules/app/target/mma-tracker.jar" "$root/modules/app/target/lib" "$work/app/"
jar="$work/app/mma-tracker.jar"   # a copy: a build in the worktree meanwhile cannot change what is measured

start() {  # $1: log file
  log="$1"
  java ${JAVA_OPTS:-} -jar "$jar" demo --http-port "$http" --kafka-port "$kafka" --sim-port "$sim" --data-dir "$data" "${extra[@]}" > "$1" 2>&1 &
  pid=$!
}
seconds_until_200() {  # $1: URL; prints seconds since $t0
  until curl -sf -o /dev/null "$1"; do
    kill -0 "$pid" 2>/dev/null || { echo "the demo exited:" >&2; tail -40 "$log" >&2; exit 1; }
    sleep 0.05
  done
  awk -v now="$(date +%s.%N)" -v t0="$t0" 'BEGIN { print now - t0 }'
}
extra=("$@")

start "$work/first.log"
until grep -qs "curl -s http" "$work/first.log"; do
  kill -0 "$pid" 2>/dev/null || { cat "$work/first.log"; exit 1; }
  sleep 0.2
done
url="$(grep -m1 "curl -s http" "$work/first.log" | grep -o "http://[^ ]*")"
t0=$(date +%s.%N); seconds_until_200 "$url" > /dev/null
sleep 5  # let Streams commit and checkpoint, as a running demo would have

kill -TERM "$pid"; wait "$pid" || true
t0=$(date +%s.%N); start "$work/clean.log"; clean=$(seconds_until_200 "$url")
sleep 5

kill -KILL "$pid"; wait "$pid" 2>/dev/null || true
t0=$(date +%s.%N); start "$work/crash.log"; crash=$(seconds_until_200 "$url")
kill -TERM "$pid"; wait "$pid" || true; pid=""

printf 'clean restart %.1f s, restart after SIGKILL %.1f s, ratio %.2f (load average %s)\n' \
  "$clean" "$crash" "$(awk -v a="$crash" -v b="$clean" 'BEGIN { print a / b }')" "$(cut -d' ' -f1-3 /proc/loadavg)"
