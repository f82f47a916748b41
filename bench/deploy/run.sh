#!/bin/sh
# Deploy benchmark against the simulated host (needs root, sshd, coturn): medians of 10 of a no-change redeploy,
# a changed-config deploy + production check, and the peer (scp + ssh install + systemctl restart) in the same run.
# Usage (repository root): bench/deploy/run.sh
set -eu
mvn -B -o -q test -Dtest=DeployBench -Dturnkit.bench=true -Dsurefire.failIfNoSpecifiedTests=false
grep -A6 '^deploy bench' target/surefire-reports/dev.turnkit.deploy.DeployBench-output.txt
