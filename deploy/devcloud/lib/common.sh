# deploy/devcloud/lib/common.sh - shared by start.sh, stop.sh and tempest-smoke.sh.
# shellcheck shell=bash disable=SC2034  # variables for the scripts that source this
# Sourced, not run. Expects `set -euo pipefail` in the caller.

# Debian's tools and python3, never a pyenv/venv python3 that may be first on
# PATH (pyenv's python3 has none of the OpenStack libraries).
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
unset PYTHONPATH PYTHONHOME VIRTUAL_ENV || true
PY=/usr/bin/python3
export HOME=${HOME:-/root}   # tempest init writes ~/.tempest

DEVCLOUD_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEFAULT_STATE=/var/lib/stackmark-devcloud
HOST=127.0.0.1            # every service binds here and nowhere else
REGION=RegionOne

# name:port of every service (port 0: listens on no TCP port); stop.sh stops in
# the reverse order whatever has a pid file, so it stops either profile.
STORAGE_SERVICE_PORTS=(memcached:11211 keystone:5000 swift-account:6202 swift-container:6201
               swift-object:6200 swift-proxy:8080 glance-api:9292 swift-proxy-r2:8090 glance-api-r2:9392
               tls-proxy:15000)
# profile compute, in start order (mariadb, epmd and rabbitmq start before keystone)
COMPUTE_SERVICE_PORTS=(mariadb:3306 epmd:4369 rabbitmq:5672 placement-api:8778
               neutron-server:9696 rabbit-relay:0 rabbit-relay-netns:0 neutron-linuxbridge-agent:0
               virtlogd:0 libvirtd:0 nova-conductor:0 nova-scheduler:0 nova-compute:0 nova-api:8774
               cinder-scheduler:0 cinder-volume:0 cinder-api:8776)
SERVICE_PORTS=("${STORAGE_SERVICE_PORTS[@]:0:1}" "${COMPUTE_SERVICE_PORTS[@]:0:3}"
               "${STORAGE_SERVICE_PORTS[@]:1}" "${COMPUTE_SERVICE_PORTS[@]:3}")
# The network namespace of the neutron linuxbridge agent (profile compute, --virt fake).
NETNS=stackmark-devcloud
# --virt qemu: the namespace that holds the whole cloud and its guests (deploy/devcloud/exec enters
# it), and the guests' flat network in it: physnet, the veth pair (one end in the bridge, the other
# holding the gateway address) and the subnet, with no DHCP.
CLOUD_NETNS=stackmark-cloud
GUEST_NET=guests GUEST_PHYSNET=guests GUEST_VETH=dcguest0 GUEST_GW_VETH=dcguest1
GUEST_CIDR=10.77.0.0/24 GUEST_GW=10.77.0.1

T0=${T0:-$(date +%s)}
log() { printf '[%3ss] %s\n' "$(( $(date +%s) - T0 ))" "$*"; }
die() { echo "$(basename "$0"): $*" >&2; exit 1; }

# set_state DIR: state layout. Everything the cloud writes lives below it,
# except /etc/swift/swift.conf (hard-coded in Swift) and the merged
# /etc/openstack/clouds.yaml.
set_state() {
  STATE=$(realpath -m "$1")
  ETC=$STATE/etc DATA=$STATE/data LOGS=$STATE/log RUN=$STATE/run
}

# running PID: a live process; a zombie (exited, not yet reaped by whoever
# inherited it) counts as gone.
running() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) }; [ "${stat%% *}" != Z ]
}

# pid_alive NAME: its pid file names a live process that is still ours (the
# command line contains the string saved beside the pid, so a recycled pid of
# an unrelated process does not count).
pid_alive() {
  local f=$RUN/$1.pid pid match
  [ -f "$f" ] || return 1
  read -r pid match < "$f" || true
  [ -n "$pid" ] && running "$pid" || return 1
  [ -z "$match" ] && return 0
  local cmdline; cmdline=$(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null) || return 1
  [[ "$cmdline" == *"$match"* ]]
}

# port_open PORT: something accepts TCP connections on 127.0.0.1:PORT.
port_open() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }
