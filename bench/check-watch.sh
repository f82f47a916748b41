#!/usr/bin/env bash
# Benchmark: CPU per cycle of `turnkit check --watch` (the full suite, one long-lived JVM) in steady state, next to
# the CPU of a cold `turnkit check` (a new JVM per run, what a timer would start), on the same coturn on loopback.
# Goal (issue 15): <= 50 ms CPU per watch cycle. Prints a Markdown table row set for BENCHMARKS.md.
#
#   bash bench/check-watch.sh          # COLD=5 cold runs, WARMUP=20 and CYCLES=60 watch cycles at 1 s
#
# Needs: java 17, coturn, openssl, python3, GNU time. Builds target/turnkit.jar first if it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
COLD=${COLD:-5}; WARMUP=${WARMUP:-20}; CYCLES=${CYCLES:-60}
JAR=target/turnkit.jar
[ -f "$JAR" ] || mvn -q -B -DskipTests package >&2
# shellcheck source=bench/coturn-loopback.sh
source bench/coturn-loopback.sh
watch_pid=""
trap 'if [ -n "$watch_pid" ]; then kill "$watch_pid" 2>/dev/null || true; fi; cleanup' EXIT

args=(check --server 127.0.0.1 --port "$port" --tls-port "$tls_port" --secret-file "$work/secret"
  --ca-file "$work/cert.pem" --tls-server-name localhost --timeout 1s)
opts=${JAVA_OPTS:--Xmx48m -Xss512k -XX:+UseSerialGC -XX:TieredStopAtLevel=1}
median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print int((a[NR/2]+a[NR/2+1])/2)}'; }

: > "$work/cold.cpu"
for _ in $(seq 1 "$COLD"); do
  # shellcheck disable=SC2086
  /usr/bin/time -f '%U %S' -o "$work/cpu" java $opts -jar "$JAR" "${args[@]}" > "$work/cold.out" 2>&1 || true
  awk '/^[0-9.]+ [0-9.]+$/ {printf "%d\n", ($1 + $2) * 1000}' "$work/cpu" >> "$work/cold.cpu"
done

cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' "/proc/$1/stat"; }
lines() { wc -l < "$work/watch.out"; }
# shellcheck disable=SC2086
java $opts -jar "$JAR" "${args[@]}" --watch 1s --prometheus "$work/turnkit.prom" > "$work/watch.out" 2> "$work/watch.err" &
watch_pid=$!
until [ "$(lines)" -ge "$WARMUP" ]; do sleep 0.2; done
c0=$(cpu_ms "$watch_pid"); n0=$(lines)
until [ "$(lines)" -ge $(( n0 + CYCLES )) ]; do sleep 0.2; done
c1=$(cpu_ms "$watch_pid"); n1=$(lines)
rss=$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$watch_pid/status")
kill "$watch_pid"; wait "$watch_pid" 2>/dev/null || true; watch_pid=""
per=$(awk -v c=$(( c1 - c0 )) -v n=$(( n1 - n0 )) 'BEGIN {printf "%.1f", c / n}')
cold=$(median < "$work/cold.cpu")
statuses=$(awk '{print $2}' "$work/watch.out" | sort | uniq -c | tr -s ' ' | paste -sd, -)
echo "cold check CPU (ms): $(paste -sd' ' "$work/cold.cpu"), median $cold"
echo "watch: $(( n1 - n0 )) cycles after $WARMUP warm-up cycles, $(( c1 - c0 )) ms CPU, $per ms/cycle, RSS $rss MB, statuses:$statuses"
echo "ratio cold/cycle: $(awk -v a="$cold" -v b="$per" 'BEGIN {printf "%.0f", a / b}')x; load $(cut -d' ' -f1-3 /proc/loadavg); JAVA_OPTS=$opts"
