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
times="$(mktemp)"
trap 'rm -f "$times"' EXIT
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for c in "${commands[@]}"; do
  $c >/dev/null 2>&1 || { echo "failed: $c" >&2; exit 1; }
  for _ in $(seq "$runs"); do
    /usr/bin/time -a -o "$times" -f "%e %U %S|$c" $c >/dev/null 2>&1
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| command | wall | CPU |"
echo "|---|---|---|"
median() { sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
for c in "${commands[@]}"; do
  wall="$(awk -F'|' -v c="$c" '$2 == c {split($1, t, " "); print t[1]}' "$times" | median)"
  cpu="$(awk -F'|' -v c="$c" '$2 == c {split($1, t, " "); print t[2] + t[3]}' "$times" | median)"
  printf '| `%s` | %.2f s | %.2f s |\n' "$c" "$wall" "$cpu"
done
