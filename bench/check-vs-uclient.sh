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

# shellcheck source=bench/coturn-loopback.sh
source bench/coturn-loopback.sh

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
