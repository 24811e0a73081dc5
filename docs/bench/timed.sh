# Sourced by startup.sh and startup-online.sh: times each of the commands in the array `commands`,
# once untimed (it must succeed) and then RUNS times under /usr/bin/time, and prints the load
# average before and after and a table of the median wall and CPU (user + sys) seconds per command.
# Usage: timed RUNS
timed() {
  local runs="$1" times c wall cpu
  times="$(mktemp)"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  for c in "${commands[@]}"; do
    $c >/dev/null 2>&1 || { echo "failed: $c" >&2; $c >&2 || true; rm -f "$times"; return 1; }
    for _ in $(seq "$runs"); do
      /usr/bin/time -a -o "$times" -f "%e %U %S|$c" $c >/dev/null 2>&1
    done
  done
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "| command | wall | CPU |"
  echo "|---|---|---|"
  for c in "${commands[@]}"; do
    wall="$(awk -F'|' -v c="$c" '$2 == c {split($1, t, " "); print t[1]}' "$times" | _median)"
    cpu="$(awk -F'|' -v c="$c" '$2 == c {split($1, t, " "); print t[2] + t[3]}' "$times" | _median)"
    printf '| `%s` | %.2f s | %.2f s |\n' "$c" "$wall" "$cpu"
  done
  rm -f "$times"
}

_median() { sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
