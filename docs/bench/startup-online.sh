#!/usr/bin/env bash
# Start-up of the commands that ask the API server (they go through Quarkus): `./failwise` with the
# client compiler and the serial collector it gives them, beside the same command on the JVM's
# defaults (`java -jar`). An embedded API server with the samples answers them, started here on a
# kubeconfig of its own and stopped at the end. One untimed run of each command first, then RUNS
# timed runs each; prints the median wall and CPU (user + sys) seconds per command, and the load
# average before and after, since a shared machine inflates wall time.
# Usage, from the repository root: docs/bench/startup-online.sh [RUNS]   (default 11)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-11}"
./failwise --version >/dev/null # builds the jar if needed
work="$(mktemp -d)"
kubeconfig="$work/kubeconfig"
QUARKUS_HTTP_PORT=0 ./failwise run --embedded --no-controller --kubeconfig-out "$kubeconfig" >"$work/server.log" 2>&1 &
server=$! # the JVM itself: the script execs java
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 120); do
  [ -s "$kubeconfig" ] && break
  kill -0 "$server" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
  sleep 0.5
done
[ -s "$kubeconfig" ] || { echo "the embedded API server wrote no kubeconfig in 60 s" >&2; exit 1; }
export KUBECONFIG="$kubeconfig"
jar=target/quarkus-app/quarkus-run.jar
commands=(
  "./failwise runs --help"
  "java -jar $jar runs --help"
  "./failwise get clusters"
  "java -jar $jar get clusters"
  "./failwise runs -A"
  "java -jar $jar runs -A"
)
source docs/bench/timed.sh
timed "$runs"
