#!/bin/bash
# deploy/devcloud/mem-report.sh - memory of the dev cloud: RSS and PSS of each service's
# whole process group (the pid in its pid file is the group leader; workers included), in MB.
# RSS counts pages shared by forked workers once per process; PSS splits them.
#
# Usage: deploy/devcloud/mem-report.sh [--state DIR]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
STATE_ARG=${STACKMARK_DEVCLOUD_STATE:-$DEFAULT_STATE}
[ "${1:-}" = --state ] && STATE_ARG=${2:?--state needs a value}
set_state "$STATE_ARG"
total_rss=0 total_pss=0 n=0
printf '%-26s %5s %8s %8s\n' service procs RSS_MB PSS_MB
for s in "${SERVICE_PORTS[@]}"; do
  name=${s%:*}
  pid_alive "$name" || continue
  read -r pgid _ < "$RUN/$name.pid"
  rss=0 pss=0 procs=0
  for p in $(ps -eo pid=,pgid= | awk -v g="$pgid" '$2 == g {print $1}'); do
    r=$(awk '/^Rss:/ {s=$2} END {print s+0}' "/proc/$p/smaps_rollup" 2>/dev/null || echo 0)
    q=$(awk '/^Pss:/ {s=$2} END {print s+0}' "/proc/$p/smaps_rollup" 2>/dev/null || echo 0)
    rss=$((rss + r)) pss=$((pss + q)) procs=$((procs + 1))
  done
  printf '%-26s %5d %8d %8d\n' "$name" "$procs" $((rss / 1024)) $((pss / 1024))
  total_rss=$((total_rss + rss)) total_pss=$((total_pss + pss)) n=$((n + 1))
done
printf '%-26s %5s %8d %8d   (%d services)\n' total '' $((total_rss / 1024)) $((total_pss / 1024)) "$n"
