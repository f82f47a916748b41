#!/usr/bin/env bash
# Benchmark: `turnkit load --calls 50` vs `turnutils_uclient -y -m 50` against the same coturn on loopback, one
# after the other in one run, per transport: packets relayed per second of generator CPU, and coturn's CPU during
# each. The issue's goal: the generator's CPU below coturn's, 0 % loss.
#
#   bash bench/load-vs-uclient.sh                                   # 60 s (turnkit load's default), UDP
#   DURATION=30 TRANSPORTS="udp tcp tls" bash bench/load-vs-uclient.sh
#
# Needs: java 17, coturn (turnserver, turnutils_uclient), openssl, python3, GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-60}; CALLS=${CALLS:-50}; TRANSPORTS=${TRANSPORTS:-udp}
JAR=target/turnkit.jar
[ -f "$JAR" ] || mvn -q -B -DskipTests package >&2
# shellcheck source=bench/coturn-loopback.sh
source bench/coturn-loopback.sh
hz=$(getconf CLK_TCK)
cpu_ms() { awk -v hz="$hz" '{print int(($14 + $15) * 1000 / hz)}' "/proc/$1/stat"; }
per_s() { echo $(( $1 * 1000 / ($2 > 0 ? $2 : 1) )); }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
echo "machine: $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $(java -version 2>&1 | head -1); coturn $(turnserver --version 2>/dev/null | head -1)"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

for t in $TRANSPORTS; do
  case $t in
    udp) uc_flags=(-p "$port") ;;
    tcp) uc_flags=(-t -p "$port") ;;
    tls) uc_flags=(-t -S -p "$tls_port") ;;
    *) echo "unknown transport $t (udp, tcp, tls)" >&2; exit 3 ;;
  esac
  t0=$(cpu_ms "$turn_pid")
  /usr/bin/time -f '%U %S' -o "$work/tk.cpu" java @bin/load-jvm.options -jar "$JAR" load --server 127.0.0.1 \
    --port "$port" --tls-port "$tls_port" --ca-file "$work/cert.pem" --tls-server-name localhost \
    --secret-file "$work/secret" --calls "$CALLS" --duration "${DURATION}s" --ramp-up 2s --transport "$t" --json \
    > "$work/tk.json" 2> "$work/tk.err" || true
  t1=$(cpu_ms "$turn_pid")
  user="$(( $(date +%s) + 3600 )):bench"
  pass=$(printf '%s' "$user" | openssl dgst -sha1 -hmac "$secret" -binary | base64)
  /usr/bin/time -f '%U %S' -o "$work/uc.cpu" turnutils_uclient -y -m "$CALLS" -n $(( DURATION * 50 )) -l 160 -z 20 \
    -u "$user" -w "$pass" "${uc_flags[@]}" 127.0.0.1 > "$work/uc.out" 2>&1 || true
  t2=$(cpu_ms "$turn_pid")

  tk_cpu=$(awk '{printf "%d", ($1 + $2) * 1000}' "$work/tk.cpu"); uc_cpu=$(awk '{printf "%d", ($1 + $2) * 1000}' "$work/uc.cpu")
  tk_turn=$(( t1 - t0 )); uc_turn=$(( t2 - t1 ))
  tk_pkts=$(python3 -c 'import json,sys; u=json.load(open(sys.argv[1]))["transports"][sys.argv[2]]; print(u["receivedByPeer"]+u["receivedBack"])' "$work/tk.json" "$t" 2>/dev/null || echo 0)
  uc_pkts=$({ grep -o 'tot_recv_msgs=[0-9]*' "$work/uc.out" || true; } | tail -1 | cut -d= -f2); uc_pkts=${uc_pkts:-0}
  if [ "$uc_pkts" = 0 ]; then echo "uclient relayed nothing; its last lines:" >&2; tail -5 "$work/uc.out" >&2; fi
  echo "== $t"
  echo "turnkit load: $(cat "$work/tk.json" 2>/dev/null || tail -3 "$work/tk.err")"
  echo "uclient: $(grep -E 'Total (transmit|lost)|Average round trip|Average jitter' "$work/uc.out" | tr '\n' ' ')"
  echo "turnkit load: CPU ${tk_cpu} ms, packets relayed ${tk_pkts}, $(per_s "$tk_pkts" "$tk_cpu") per CPU s; coturn CPU ${tk_turn} ms, $(per_s "$tk_pkts" "$tk_turn") per CPU s"
  echo "uclient:      CPU ${uc_cpu} ms, packets relayed ${uc_pkts}, $(per_s "$uc_pkts" "$uc_cpu") per CPU s; coturn CPU ${uc_turn} ms, $(per_s "$uc_pkts" "$uc_turn") per CPU s"
  echo "RATIOS $t: turnkit CPU / coturn CPU = $(ratio "$tk_cpu" "$tk_turn") (goal < 1); turnkit / uclient packets per generator CPU s = $(ratio "$(per_s "$tk_pkts" "$tk_cpu")" "$(per_s "$uc_pkts" "$uc_cpu")"); uclient CPU / coturn CPU = $(ratio "$uc_cpu" "$uc_turn")"
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
