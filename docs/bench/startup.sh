#!/usr/bin/env bash
# Start-up of the offline commands, side by side with `java -version`: one untimed run of each
# command first (it builds the jar if needed and makes the command's class-data archive), then
# RUNS timed runs each; prints the median wall and CPU (user + sys) seconds per command, and the
# load average before and after, since a shared machine inflates wall time.
# Usage, from the repository root: docs/bench/startup.sh [RUNS]   (default 11)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-11}"
commands=(
  "java -version"
  "./failwise --version"
  "./failwise --help"
  "./failwise validate playbooks/"
  "./failwise estimate -f playbooks/scenarios/2026-03-12-incident.yaml"
  "./failwise plan -f playbooks/regional-failover.yaml -f manifests/samples/clusters.yaml --source go-eu-west-1"
  "java -jar target/quarkus-app/quarkus-run.jar validate playbooks/"
)
source docs/bench/timed.sh
timed "$runs"
