#!/usr/bin/env bash
# Time from first boot to "check OK" on the simulated host (FirstBootIT): from the first runcmd of the rendered
# cloud-init (bootstrap: address check, coturn, firewall, jar download + SHA-256, certbot against Pebble, services)
# to a passing `turnkit check` through the NAT. Runs the test ROUNDS times (default 3) and prints each time.
# Needs root, coturn, pebble, certbot (bash scripts/setup). Usage: bench/first-boot.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
mvn -B -q -o test-compile
for i in $(seq 1 "$rounds"); do
  mvn -B -q -o surefire:test -Dtest=FirstBootIT -Dsurefire.failIfNoSpecifiedTests=false >/dev/null
  grep -h "first boot to check OK" target/surefire-reports/dev.turnkit.infra.FirstBootIT-output.txt
done
