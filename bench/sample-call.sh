#!/usr/bin/env bash
# Benchmark: click-to-connected of the sample call page on the Firebase Web SDK (web/ in this tree) against the
# REST-polling page it replaced (web/ and e2e/sample-call.mjs at commit $OLD), measured in the same run on the same
# machine: one stack (`turnkit local up --ports auto`, this tree's jar and firestore.rules) serves one page, then
# the other, alternating ROUNDS times, each round CALLS relay-only calls with fresh users (after one warm-up request
# to the Firestore emulator). Prints each run's medians and the load average; BENCHMARKS.md has the results.
#
#   bash bench/sample-call.sh              # ROUNDS=2 CALLS=5
#   ROUNDS=3 CALLS=7 OLD=c9f8d23 bash bench/sample-call.sh
#
# Needs what SampleCallTest needs (coturn, chromium, the Firestore emulator, npm ci --prefix e2e and --prefix web).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-2}
CALLS=${CALLS:-5}
OLD=${OLD:-c9f8d23}
root=$(pwd)
[ -f target/turnkit.jar ] || mvn -q -B -DskipTests package >&2
node web/build.mjs --if-stale >&2

work=$(mktemp -d -t tk-bench-sample-XXXXXX)
state=""
cleanup() {
  if [ -n "$state" ]; then java -jar "$root/target/turnkit.jar" local down --state-dir "$state" >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# One stack serves both pages from one web/ directory whose files are swapped between runs (the static server reads
# them on every request): same coturn, emulators, endpoint, origin and CORS allow-list for both.
mkdir -p "$work/old/e2e" "$work/new" "$work/repo/web/dist"
git archive "$OLD" web | tar -x -C "$work/old"
git show "$OLD:e2e/sample-call.mjs" > "$work/old/e2e/sample-call.mjs"
# Its relay check predates peer-reflexive remote candidates (the other side's relay address learned from its first
# check): accept them, as the new script does, so a fast call does not count as a failure.
sed -i "s/pair.localType === 'relay' \&\& pair.remoteType === 'relay'/pair.localType === 'relay' \&\& ['relay', 'prflx'].includes(pair.remoteType)/" \
  "$work/old/e2e/sample-call.mjs"
ln -s "$root/e2e/node_modules" "$work/old/e2e/node_modules"
cp -r web/index.html web/style.css web/js web/dist "$work/new/"
cp firestore.rules "$work/repo/"
ln -s "$root/e2e" "$work/repo/e2e"
cp -r "$work/new/." "$work/repo/web/"

state="$work/state"
for attempt in 1 2 3; do  # a loaded machine can miss a start deadline; try again
  if java -jar "$root/target/turnkit.jar" local up --detach --json --ports auto --no-check --state-dir "$state" \
      --repo "$work/repo" > "$work/stack.json"; then break; fi
  [ "$attempt" = 3 ] && { echo "bench: local up failed 3 times" >&2; exit 3; }
done

run() {  # run NAME PAGE_DIR SCRIPT
  find "$work/repo/web" -mindepth 1 -delete
  cp -r "$2/." "$work/repo/web/"
  echo "== $1 page, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  node "$3" "$work/stack.json" --calls "$CALLS" --artifacts "$work/artifacts-$1" \
    | grep -E 'TIME_TO_CONNECTED_MS|over [0-9]+ calls|PASSED|FAILED' || echo "$1: the run failed"
}

echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load average $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq "$ROUNDS"); do
  echo "# round $round"
  run rest "$work/old/web" "$work/old/e2e/sample-call.mjs"
  run sdk "$work/new" "$root/e2e/sample-call.mjs"
done
