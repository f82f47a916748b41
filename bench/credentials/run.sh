#!/usr/bin/env bash
# Credentials endpoint benchmark: the seed's FastAPI design (no auth) vs `turnkit credentials serve` with Firebase
# ID token verification (Auth emulator tokens) and rate limiting on (limits too high to trip), same machine,
# alternating, ROUNDS rounds of `wrk -t2 -c32 -d10s --latency` after a 5 s warm-up each; prints medians.
#
# usage: bench/credentials/run.sh            (from the repository root, after `mvn -q -o -DskipTests package`)
# env:   ROUNDS (3), DURATION (10s), WARMUP (5s), JAVA_OPTS (default: bin/credentials-jvm.options, what bin/turnkit
#        and the systemd unit use), JAVA_THREADS (2), PYTHON (/usr/bin/python3),
#        JAR (target/turnkit.jar), BASELINE_JAR (optional: another turnkit build, e.g. main's, measured in the same
#        rounds as "base"), JFR (optional: a .jfr file to record the turnkit JVM's profile into)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
ROUNDS="${ROUNDS:-3}"
DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-5s}"
PYTHON="${PYTHON:-/usr/bin/python3}"
JAVA_THREADS="${JAVA_THREADS:-2}"
JAVA_OPTS="${JAVA_OPTS:-$(grep -v '^#' "$ROOT/bin/credentials-jvm.options" | tr '\n' ' ')}"
JAR="${JAR:-$ROOT/target/turnkit.jar}"
BASELINE_JAR="${BASELINE_JAR:-}"
JFR="${JFR:-}"
FIREBASE="$ROOT/e2e/node_modules/.bin/firebase"
PROJECT="demo-turnkit-bench"

die() { echo "bench: $*" >&2; exit 3; }
command -v wrk >/dev/null || die "wrk missing: apt-get install -y wrk"
"$PYTHON" -c 'import fastapi, uvicorn' 2>/dev/null || die "$PYTHON lacks fastapi/uvicorn: apt-get install -y python3-fastapi python3-uvicorn"
[[ -f "$JAR" ]] || die "$JAR missing: run 'mvn -q -o -DskipTests package' first"
[[ -x "$FIREBASE" ]] || die "$FIREBASE missing: run 'npm ci --prefix e2e'"

WORK="$(mktemp -d)"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) CPUs); JAVA_OPTS: $JAVA_OPTS" >&2
LOAD_START="$(cut -d' ' -f1 /proc/loadavg)"
PIDS=()
cleanup() {
  # by PID: SIGTERM to the servers (the JVM runs its shutdown hooks), SIGINT to the emulator (its clean shutdown)
  for pid in "${PIDS[@]}"; do
    if [[ $pid == "${EMU_PID:-}" ]]; then kill -INT "$pid" 2>/dev/null || true; else kill -TERM "$pid" 2>/dev/null || true; fi
  done
  for _ in $(seq 1 50); do
    alive=0; for pid in "${PIDS[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [[ $alive == 0 ]] && break; sleep 0.2
  done
  for pid in "${PIDS[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { "$PYTHON" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_http() { for _ in $(seq 1 600); do curl -s -m 1 -o /dev/null "$1" && return 0; sleep 0.2; done; die "$1 not ready"; }

# Firebase Auth emulator and one signed-up user's ID token
AUTH_PORT="$(free_port)"; HUB_PORT="$(free_port)"; LOG_PORT="$(free_port)"
cat > "$WORK/firebase.json" <<JSON
{"emulators":{"auth":{"host":"127.0.0.1","port":$AUTH_PORT},"hub":{"host":"127.0.0.1","port":$HUB_PORT},
 "logging":{"host":"127.0.0.1","port":$LOG_PORT},"ui":{"enabled":false},"singleProjectMode":true}}
JSON
(cd "$WORK" && exec "$FIREBASE" emulators:start --only auth --project "$PROJECT" > "$WORK/emulator.log" 2>&1) &
EMU_PID=$!; PIDS+=($EMU_PID)
wait_http "http://127.0.0.1:$AUTH_PORT/"
TOKEN="$(curl -s -m 10 -H 'Content-Type: application/json' -d '{"email":"bench@example.com","password":"secret123","returnSecureToken":true}' \
  "http://127.0.0.1:$AUTH_PORT/identitytoolkit.googleapis.com/v1/accounts:signUp?key=fake" \
  | "$PYTHON" -c 'import json,sys; print(json.load(sys.stdin)["idToken"])')"

# the seed (uvicorn's access log off: less work for the peer, not more)
SEED_PORT="$(free_port)"
(cd "$ROOT/bench/credentials" && exec "$PYTHON" -m uvicorn seed_app:app --host 127.0.0.1 --port "$SEED_PORT" \
  --no-access-log --log-level warning > "$WORK/seed.log" 2>&1) &
SEED_PID=$!; PIDS+=($SEED_PID)
SEED_URL="http://127.0.0.1:$SEED_PORT/turn-credentials?username=alice"
wait_http "$SEED_URL"

# turnkit (its JSON access log goes to a file, as journald would take it)
head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$WORK/turn-secret"; chmod 600 "$WORK/turn-secret"
start_java() { # name jar [extra JVM options] -> sets STARTED_PID and STARTED_URL
  local name=$1 jar=$2 extra=${3:-} port
  port="$(free_port)"
  # shellcheck disable=SC2086
  java $JAVA_OPTS $extra -jar "$jar" credentials serve --bind 127.0.0.1 --port "$port" --project "$PROJECT" \
    --secret-file "$WORK/turn-secret" --turn-host turn.example.com --auth-emulator "127.0.0.1:$AUTH_PORT" \
    --uid-rate 100000000 --ip-rate 100000000 --threads "$JAVA_THREADS" 2> "$WORK/$name.log" &
  STARTED_PID=$!; PIDS+=($STARTED_PID)
  STARTED_URL="http://127.0.0.1:$port/v1/turn-credentials"
  wait_http "http://127.0.0.1:$port/healthz"
  [[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$STARTED_URL")" == 200 ]] \
    || die "$name did not issue credentials: $(tail -3 "$WORK/$name.log")"
  [[ "$(curl -s -o /dev/null -w '%{http_code}' "$STARTED_URL")" == 401 ]] || die "$name answered without a token"
}
start_java java "$JAR" "${JFR:+-XX:StartFlightRecording=filename=$JFR,settings=profile,dumponexit=true}"
JAVA_PID=$STARTED_PID; JAVA_URL=$STARTED_URL
if [[ -n $BASELINE_JAR ]]; then
  start_java base "$BASELINE_JAR"
  BASE_PID=$STARTED_PID; BASE_URL=$STARTED_URL
fi

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

run_wrk() { # name url round pid -> appends "name rps p99ms non2xx cpu_ns_per_request" to results
  local name=$1 url=$2 out="$WORK/wrk-$1-$3.txt" pid=$4 before after
  before="$(cpu_ticks "$pid")"
  if [[ $name == java || $name == base ]]; then
    wrk -t2 -c32 -d"$DURATION" --latency -H "Authorization: Bearer $TOKEN" "$url" > "$out"
  else
    wrk -t2 -c32 -d"$DURATION" --latency "$url" > "$out"
  fi
  after="$(cpu_ticks "$pid")"
  local rps p99 bad reqs
  rps="$(awk '/^Requests\/sec:/ {print $2}' "$out")"
  p99="$(awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub(/us$/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v=v*1000}; print v}' "$out")"
  bad="$(awk '/Non-2xx/ {print $NF}' "$out")"
  reqs="$(awk '/requests in/ {print $1}' "$out")"
  # server CPU time per request (clock ticks of 10 ms): comparable even when other jobs share the cores
  echo "$name $rps $p99 ${bad:-0} $(( (after - before) * 10000000 / reqs ))" >> "$WORK/results"
}

echo "warm-up $WARMUP each" >&2
wrk -t2 -c32 -d"$WARMUP" "$SEED_URL" > /dev/null
wrk -t2 -c32 -d"$WARMUP" -H "Authorization: Bearer $TOKEN" "$JAVA_URL" > /dev/null
[[ -n $BASELINE_JAR ]] && wrk -t2 -c32 -d"$WARMUP" -H "Authorization: Bearer $TOKEN" "$BASE_URL" > /dev/null
: > "$WORK/results"
for round in $(seq 1 "$ROUNDS"); do
  run_wrk seed "$SEED_URL" "$round" "$SEED_PID"
  run_wrk java "$JAVA_URL" "$round" "$JAVA_PID"
  [[ -n $BASELINE_JAR ]] && run_wrk base "$BASE_URL" "$round" "$BASE_PID"
  echo "java_rss_kb $(ps -o rss= -p "$JAVA_PID" | tr -d ' ') 0 0 0" >> "$WORK/results"
  [[ -n $BASELINE_JAR ]] && echo "base_rss_kb $(ps -o rss= -p "$BASE_PID" | tr -d ' ') 0 0 0" >> "$WORK/results"
  echo "round $round: $(tail -5 "$WORK/results" | tr '\n' ';')" >&2
done
SEED_RSS_KB="$(ps -o rss= -p "$SEED_PID" | tr -d ' ')"
# the high-water mark: RSS at its peak (JIT warm-up included), not only after each round
JAVA_HWM_KB="$(awk '/^VmHWM/ {print $2}' "/proc/$JAVA_PID/status")"
echo "java_hwm_kb $JAVA_HWM_KB 0 0 0" >> "$WORK/results"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg) (at start: $LOAD_START)"

"$PYTHON" - "$WORK/results" "$SEED_RSS_KB" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
def col(name, i): return [float(r[i]) for r in rows if r[0] == name]
seed_rps, java_rps = col("seed", 1), col("java", 1)
seed_p99, java_p99 = col("seed", 2), col("java", 2)
rss = col("java_rss_kb", 1)
seed_cpu, java_cpu = col("seed", 4), col("java", 4)
bad = sum(col("seed", 3)) + sum(col("java", 3))
m = statistics.median
print(f"seed FastAPI req/s: {', '.join(f'{v:.0f}' for v in seed_rps)} -> median {m(seed_rps):.0f}; "
      f"p99 ms: {', '.join(f'{v:.2f}' for v in seed_p99)} -> median {m(seed_p99):.2f}; RSS {int(sys.argv[2] or 0)//1024} MB")
print(f"turnkit req/s: {', '.join(f'{v:.0f}' for v in java_rps)} -> median {m(java_rps):.0f}; "
      f"p99 ms: {', '.join(f'{v:.2f}' for v in java_p99)} -> median {m(java_p99):.2f}; "
      f"RSS after each round MB: {', '.join(str(int(v)//1024) for v in rss)}; peak RSS (VmHWM) "
      f"{int(col('java_hwm_kb', 1)[0])//1024} MB")
print(f"server CPU per request (ns, median): seed {m(seed_cpu):.0f}, turnkit {m(java_cpu):.0f} "
      f"-> turnkit needs {m(java_cpu)/m(seed_cpu):.2f}x the seed's CPU per request")
base_rps, base_p99, base_cpu = col("base", 1), col("base", 2), col("base", 4)
if base_rps:
    print(f"baseline turnkit req/s: {', '.join(f'{v:.0f}' for v in base_rps)} -> median {m(base_rps):.0f}; "
          f"p99 ms median {m(base_p99):.2f}; CPU per request {m(base_cpu):.0f} ns; "
          f"RSS after each round MB: {', '.join(str(int(v)//1024) for v in col('base_rss_kb', 1))}; "
          f"turnkit/baseline throughput {m(java_rps)/m(base_rps):.2f}x, CPU per request {m(java_cpu)/m(base_cpu):.2f}x")
    bad += sum(col("base", 3))
    print(f"throughput ratio baseline/seed (medians): {m(base_rps)/m(seed_rps):.2f}x")
print(f"throughput ratio turnkit/seed (medians): {m(java_rps)/m(seed_rps):.2f}x (goal >= 5x); "
      f"turnkit RSS max after a round {int(max(rss))//1024} MB (goal <= 128 MB); non-2xx responses: {int(bad)}")
PY
