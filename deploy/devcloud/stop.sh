#!/bin/bash
# deploy/devcloud/stop.sh - stop the Stackmark dev cloud started by start.sh.
#
# Usage (as root):
#   deploy/devcloud/stop.sh [--profile storage|compute] [--wipe] [--state DIR]
#     --profile  accepted for symmetry with start.sh; every service of the state
#              dir is stopped whatever the profile (compute includes storage)
#     --wipe   also delete the state dir (databases, objects, images, logs,
#              passwords) and this cloud's entries in /etc/openstack/clouds.yaml
#     --state  as for start.sh (default $STACKMARK_DEVCLOUD_STATE or /var/lib/stackmark-devcloud)
#
# Only processes named in the state dir's pid files are stopped: start.sh runs
# each service with setsid, so its pid is its process group, and the whole
# group (uwsgi master + worker, glance parent + worker) gets SIGTERM, then
# SIGKILL after 10 s. The compute profile's network namespace goes too.
# --virt qemu: the guests first (destroyed through libvirtd; qemu processes that
# outlived libvirtd are killed by the pid files libvirt keeps for them), then the
# services, libvirtd and virtlogd, then the namespace stackmark-cloud with the
# guests' bridge and veth pair. This also cleans up after an interrupted start.sh.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

usage() { sed -n '/^# Usage/,/^#$/p' "$0" | sed 's/^# \{0,1\}//'; }
WIPE=false
STATE_ARG=${STACKMARK_DEVCLOUD_STATE:-$DEFAULT_STATE}
while [ $# -gt 0 ]; do
  case "$1" in
    --wipe) WIPE=true; shift ;;
    --profile) [ $# -ge 2 ] || die "--profile needs a value"; case "$2" in storage|compute) ;; *) die "--profile $2: unknown";; esac; shift 2 ;;
    --profile=*) case "${1#*=}" in storage|compute) ;; *) die "$1: unknown profile";; esac; shift ;;
    --state) [ $# -ge 2 ] || die "--state needs a value"; STATE_ARG=$2; shift 2 ;;
    --state=*) STATE_ARG=${1#*=}; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $1" ;;
  esac
done
set_state "$STATE_ARG"
[ -d "$STATE" ] || { echo "no devcloud state at $STATE; nothing to stop"; exit 0; }

# Do not stop a cloud that a start.sh is setting up right now.
exec 9>"$RUN/start.lock"
flock -w 300 9 || die "a start.sh still holds $RUN/start.lock"

VIRT=$(cat "$STATE/virt" 2>/dev/null || echo fake)
if [ "$VIRT" = qemu ]; then
  source "$DEVCLOUD_DIR/lib/libvirt.sh"
  libvirt_stop_guests
fi

# SIGTERM to every service's process group, API services first, memcached last.
declare -A PIDS=(); NAMES=()
for ((i = ${#SERVICE_PORTS[@]} - 1; i >= 0; i--)); do
  name=${SERVICE_PORTS[i]%:*}
  [ -f "$RUN/$name.pid" ] || continue
  if pid_alive "$name"; then
    read -r pid _ < "$RUN/$name.pid"
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    PIDS[$name]=$pid; NAMES+=("$name")
  else
    echo "$name: not running"
    rm -f "$RUN/$name.pid"
  fi
done
[ ${#NAMES[@]} -gt 0 ] || echo "nothing running for $STATE"
# Wait up to 10 s for them all, then SIGKILL what is left.
for _ in $(seq 40); do
  left=false
  for pid in "${PIDS[@]}"; do running "$pid" && left=true; done
  $left || break
  sleep 0.25
done
for name in "${NAMES[@]}"; do
  pid=${PIDS[$name]}
  if running "$pid"; then
    echo "killed $name (pid $pid): no exit 10 s after SIGTERM"
  else
    echo "stopped $name (pid $pid)"
  fi
  # also any worker that outlived its parent (same process group)
  kill -KILL -- "-$pid" 2>/dev/null || true
  rm -f "$RUN/$name.pid"
done

if [ "$VIRT" = qemu ]; then
  libvirt_kill_orphans
  # the whole cloud's namespace; its veth pair and bridges go with it
  NETNS=$CLOUD_NETNS
  # What still runs in it was started through deploy/devcloud/exec (say, Tempest workers of a
  # runner that was killed): cut off from the cloud anyway, and it would keep the namespace alive
  # after `ip netns delete`. SIGTERM, then SIGKILL after 5 s.
  if ip netns list 2>/dev/null | grep -qw "$NETNS"; then
    mapfile -t LEFT < <(ip netns pids "$NETNS" 2>/dev/null)
    if [ ${#LEFT[@]} -gt 0 ]; then
      for pid in "${LEFT[@]}"; do
        echo "still in $NETNS: pid $pid $(tr '\0' ' ' 2>/dev/null < "/proc/$pid/cmdline" | cut -c1-100)"
        kill -TERM "$pid" 2>/dev/null || true
      done
      for _ in $(seq 20); do
        alive=false; for pid in "${LEFT[@]}"; do running "$pid" && alive=true; done
        $alive || break; sleep 0.25
      done
      for pid in "${LEFT[@]}"; do running "$pid" && kill -KILL "$pid" 2>/dev/null && echo "killed pid $pid"; done
    fi
  fi
fi
# The linuxbridge agent's namespace (compute profile); start.sh makes it again.
if ip netns list 2>/dev/null | grep -qw "$NETNS"; then
  ip netns delete "$NETNS" && echo "deleted network namespace $NETNS"
fi

if $WIPE; then
  # Our entries leave /etc/openstack/clouds.yaml only if they are this state
  # dir's (another state dir's cloud may have written them since).
  STATE=$STATE $PY "$DEVCLOUD_DIR/lib/devcloud.py" forget
  rm -rf "$STATE"
  echo "wiped $STATE"
  # the namespace's own /etc/openstack/clouds.yaml (start.sh --virt qemu)
  if [ "$VIRT" = qemu ] && [ -d "/etc/netns/$CLOUD_NETNS" ]; then
    rm -rf "/etc/netns/$CLOUD_NETNS"; echo "removed /etc/netns/$CLOUD_NETNS"
  fi
fi
