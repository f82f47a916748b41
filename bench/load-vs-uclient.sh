#!/usr/bin/env bash
# Benchmark: `turnkit load --calls 50` vs `turnutils_uclient -y -m 50` against the same coturn on loopback, one
# after the other in one run: packets relayed per second of generator CPU, and coturn's CPU during each.
#
#   DURATION=20 bash bench/load-vs-uclient.sh
#
# Needs: java 17, coturn (turnserver, turnutils_uclient), openssl, python3, GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-20}; CALLS=${CALLS:-50}
JAR=target/turnkit.jar
[ -f "$JAR" ] || mvn -q -B -DskipTests package >&2
# shellcheck source=bench/coturn-loopback.sh
source bench/coturn-loopback.sh
hz=$(getconf CLK_TCK)
cpu_ms() { awk -v hz="$hz" '{print int(($14 + $15) * 1000 / hz)}' "/proc/$1/stat"; }

t0=$(cpu_ms "$turn_pid")
/usr/bin/time -f '%U %S' -o "$work/tk.cpu" java -Xmx128m -jar "$JAR" load --server 127.0.0.1 --port "$port" \
  --secret-file "$work/secret" --calls "$CALLS" --duration "${DURATION}s" --ramp-up 2s --json > "$work/tk.json" 2> "$work/tk.err" || true
t1=$(cpu_ms "$turn_pid")
user="$(( $(date +%s) + 3600 )):bench"
pass=$(printf '%s' "$user" | openssl dgst -sha1 -hmac "$secret" -binary | base64)
/usr/bin/time -f '%U %S' -o "$work/uc.cpu" turnutils_uclient -y -m "$CALLS" -n $(( DURATION * 50 )) -l 160 -z 20 \
  -u "$user" -w "$pass" -p "$port" 127.0.0.1 > "$work/uc.out" 2>&1 || true
t2=$(cpu_ms "$turn_pid")

tk_cpu=$(awk '{printf "%d", ($1 + $2) * 1000}' "$work/tk.cpu"); uc_cpu=$(awk '{printf "%d", ($1 + $2) * 1000}' "$work/uc.cpu")
tk_pkts=$(python3 -c 'import json,sys; u=json.load(open(sys.argv[1]))["transports"]["udp"]; print(u["receivedByPeer"]+u["receivedBack"])' "$work/tk.json")
uc_pkts=$(grep -o 'tot_recv_msgs=[0-9]*' "$work/uc.out" | tail -1 | cut -d= -f2)
echo "turnkit load: $(cat "$work/tk.json")"
echo "turnkit load: CPU ${tk_cpu} ms, packets relayed ${tk_pkts}, $(( tk_pkts * 1000 / (tk_cpu > 0 ? tk_cpu : 1) )) per CPU s; coturn CPU $(( t1 - t0 )) ms"
echo "uclient: $(grep -E 'Total (transmit|lost)|Average round trip|Average jitter|tot_send|tot_recv' "$work/uc.out" | tr '\n' ' ')"
echo "uclient: CPU ${uc_cpu} ms, packets relayed ${uc_pkts:-?}, $(( ${uc_pkts:-0} * 1000 / (uc_cpu > 0 ? uc_cpu : 1) )) per CPU s; coturn CPU $(( t2 - t1 )) ms"
echo "load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) CPUs"
