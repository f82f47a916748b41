#!/usr/bin/env bash
# Benchmark: the whole `turnkit check` suite as a fresh process (JVM start included) against the minimal relay check
# of coturn's own client, `turnutils_uclient -y -n 5`, on the same coturn on loopback, in alternating runs.
# Writes the medians and the ratio into BENCHMARKS.md (between the check-vs-uclient markers).
#
#   bash bench/check-vs-uclient.sh            # RUNS=7 by default
#   RUNS=11 bash bench/check-vs-uclient.sh
#
# Needs: java 17, coturn (turnserver, turnutils_uclient, turnutils_stunclient), openssl, python3 (free ports),
# GNU time (/usr/bin/time, for CPU seconds: on a shared machine wall time mostly measures the queue).
# Builds target/turnkit.jar first if it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-7}
JAR=target/turnkit.jar
if [ ! -f "$JAR" ]; then
  echo "bench: building $JAR" >&2
  mvn -q -B -DskipTests package >&2
fi

work=$(mktemp -d)
turn_pid=""
cleanup() {
  if [ -n "$turn_pid" ]; then kill "$turn_pid" 2>/dev/null || true; wait "$turn_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
port=$(free_port); tls_port=$(free_port); min_port=$(( 20000 + RANDOM % 12000 ))
secret="bench-$(openssl rand -hex 8)"
printf '%s' "$secret" > "$work/secret"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 365 -subj /CN=localhost \
  -addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null

# The hardened peer rules of design-notes.md §2.4 for 4.6.1, plus the test-only loopback exception that lets two
# allocations relay to each other: relay on 127.0.0.2 and allow exactly that peer (127.0.0.1 stays denied).
{
  cat <<CONF
listening-ip=127.0.0.1
listening-port=$port
tls-listening-port=$tls_port
min-port=$min_port
max-port=$(( min_port + 199 ))
use-auth-secret
static-auth-secret=$secret
realm=bench.turnkit.test
fingerprint
no-cli
no-dtls
cert=$work/cert.pem
pkey=$work/key.pem
pidfile=$work/turnserver.pid
userdb=$work/turndb
log-file=$work/turnserver.log
simple-log
no-multicast-peers
no-tcp-relay
relay-ip=127.0.0.2
allow-loopback-peers
cli-password=bench-only-cli-is-off
allowed-peer-ip=127.0.0.2
denied-peer-ip=::ffff:0.0.0.0-::ffff:255.255.255.255
CONF
  for r in 0.0.0.0-0.255.255.255 10.0.0.0-10.255.255.255 100.64.0.0-100.127.255.255 127.0.0.0-127.255.255.255 \
    169.254.0.0-169.254.255.255 172.16.0.0-172.31.255.255 192.0.0.0-192.0.0.255 192.0.2.0-192.0.2.255 \
    192.31.196.0-192.31.196.255 192.52.193.0-192.52.193.255 192.88.99.0-192.88.99.255 \
    192.168.0.0-192.168.255.255 192.175.48.0-192.175.48.255 198.18.0.0-198.19.255.255 \
    198.51.100.0-198.51.100.255 203.0.113.0-203.0.113.255 224.0.0.0-239.255.255.255 240.0.0.0-255.255.255.255; do
    echo "denied-peer-ip=$r"
  done
} > "$work/turnserver.conf"

turnserver -c "$work/turnserver.conf" > "$work/stdout.log" 2>&1 &
turn_pid=$!
for _ in $(seq 1 100); do
  if timeout 1 turnutils_stunclient -p "$port" 127.0.0.1 >/dev/null 2>&1; then break; fi
  sleep 0.1
done

now_ms() { date +%s%3N; }
median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print int((a[NR/2]+a[NR/2+1])/2)}'; }

turnkit_cmd=(java -jar "$JAR" check --server 127.0.0.1 --port "$port" --tls-port "$tls_port"
  --secret-file "$work/secret" --ca-file "$work/cert.pem" --tls-server-name localhost --timeout 10s)
user="$(( $(date +%s) + 3600 )):bench"
pass=$(printf '%s' "$user" | openssl dgst -sha1 -hmac "$secret" -binary | base64)
uclient_cmd=(turnutils_uclient -y -n 5 -m 1 -u "$user" -w "$pass" -p "$port" 127.0.0.1)

: > "$work/turnkit.ms"; : > "$work/inprocess.ms"; : > "$work/uclient.ms"; : > "$work/turnkit.cpu"; : > "$work/uclient.cpu"
turnkit_rcs=""; uclient_rcs=""
for i in $(seq 1 "$RUNS"); do
  t0=$(now_ms); set +e
  /usr/bin/time -f '%U %S' -o "$work/cpu" "${turnkit_cmd[@]}" > "$work/turnkit.out" 2>&1; rc=$?; set -e; t1=$(now_ms)
  echo $(( t1 - t0 )) >> "$work/turnkit.ms"; turnkit_rcs="$turnkit_rcs $rc"
  awk '/^[0-9.]+ [0-9.]+$/ {printf "%d\n", ($1 + $2) * 1000}' "$work/cpu" >> "$work/turnkit.cpu"
  sed -n 's/.*checks in \([0-9]*\) ms).*/\1/p' "$work/turnkit.out" >> "$work/inprocess.ms"
  t0=$(now_ms); set +e
  /usr/bin/time -f '%U %S' -o "$work/cpu" "${uclient_cmd[@]}" > "$work/uclient.out" 2>&1; rc=$?; set -e; t1=$(now_ms)
  echo $(( t1 - t0 )) >> "$work/uclient.ms"; uclient_rcs="$uclient_rcs $rc"
  awk '/^[0-9.]+ [0-9.]+$/ {printf "%d\n", ($1 + $2) * 1000}' "$work/cpu" >> "$work/uclient.cpu"
  echo "run $i: turnkit $(tail -1 "$work/turnkit.ms") ms, uclient $(tail -1 "$work/uclient.ms") ms" >&2
done

tk=$(median < "$work/turnkit.ms"); ip=$(median < "$work/inprocess.ms"); uc=$(median < "$work/uclient.ms")
tk_cpu=$(median < "$work/turnkit.cpu"); uc_cpu=$(median < "$work/uclient.cpu")
ratio=$(awk -v a="$uc" -v b="$tk" 'BEGIN {printf "%.1f", a / b}')
echo "--- last turnkit output ---" >&2; cat "$work/turnkit.out" >&2

cpu=$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')
mem=$(free -h | awk '/^Mem:/ {print $2}')
section=$(cat <<MD
<!-- check-vs-uclient:start -->
## \`turnkit check\` (full suite) vs \`turnutils_uclient -y -n 5\`

Script: \`bash bench/check-vs-uclient.sh\` (RUNS=$RUNS, alternating runs, wall time around each process).
Date: $(date -u +%Y-%m-%dT%H:%MZ). Machine: $(nproc) CPUs ($cpu), $mem RAM, load average at the end
$(cut -d' ' -f1-3 /proc/loadavg) (shared with other jobs). $(java -version 2>&1 | head -1); coturn $(turnserver --version 2>/dev/null | head -1 || echo 4.6.1) on loopback.

| command | median wall (ms) | runs (ms) | median CPU user+sys (ms) | exit codes |
|---|---|---|---|---|
| \`java -jar target/turnkit.jar check --server 127.0.0.1 --port P --tls-port T --secret-file F --ca-file C --tls-server-name localhost --timeout 10s\` (9 checks: stun-binding udp/tcp, turn-allocate udp/tcp/tls, relay-echo, auth-required, peer-deny-sweep, tls-certificate) | **$tk** | $(paste -sd' ' "$work/turnkit.ms") | $tk_cpu | $turnkit_rcs |
| same, time inside the JVM (runner start to report) | $ip | $(paste -sd' ' "$work/inprocess.ms") | | |
| \`turnutils_uclient -y -n 5 -m 1 -u U -w P -p P 127.0.0.1\` (one relay round trip check) | **$uc** | $(paste -sd' ' "$work/uclient.ms") | $uc_cpu | $uclient_rcs |

Ratio uclient / turnkit (medians): **${ratio}×**. Goal: turnkit ≤ 1000 ms wall including JVM start, ≥ 5× faster.

Reading: uclient spends almost no CPU; its time is its own random 1–6 s pre-send delay (design-notes.md §9), so
machine load hardly changes it. turnkit's time is CPU: a cold JVM with picocli (about 0.45 s CPU for
\`--version\`), two cold TLS handshakes (JSSE start-up and pure-Java EC arithmetic, about 0.5 s CPU together) and
nine concurrent checks. On a 2-core machine shared with other jobs the wall time is mostly time spent waiting for a
CPU: compare the CPU column and the fastest runs with the medians, and note the load average.
<!-- check-vs-uclient:end -->
MD
)
python3 - "$section" <<'PY'
import pathlib, re, sys
section = sys.argv[1]
path = pathlib.Path("BENCHMARKS.md")
text = path.read_text() if path.exists() else "# Benchmarks\n\nSpeed targets, measured against the named peer in the same run.\n"
pattern = re.compile(r"<!-- check-vs-uclient:start -->.*?<!-- check-vs-uclient:end -->", re.S)
text = pattern.sub(lambda m: section, text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section + "\n"
path.write_text(text)
PY
echo "turnkit median ${tk} ms (in-process ${ip} ms), uclient median ${uc} ms, ratio ${ratio}x -> BENCHMARKS.md" >&2
