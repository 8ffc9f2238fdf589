#!/bin/bash
# deploy/devcloud/install.sh - install what the Stackmark dev cloud needs, from
# Debian bookworm's own OpenStack (Zed) packages. Run as root. Idempotent: when
# everything is installed already it only asks dpkg and exits (well under 1 s).
#
# Why library packages (python3-keystone, python3-swift, python3-glance) and not
# the service packages (keystone, swift-proxy, glance-api, ...): the service
# packages ask debconf/dbconfig-common questions, ship init scripts and try to
# configure and start daemons in their maintainer scripts. start.sh runs the
# daemons itself, so it only needs the Python code, uwsgi and the CLI tools.
#
# Also fetched (never installed): Glance's metadata-definition JSON files, which
# ship only in glance-common (whose postinst wants dbconfig). They are unpacked
# to $METADEFS_DIR and loaded by start.sh.
#
# Profile "compute" adds MariaDB, RabbitMQ, Placement, Nova, Neutron, Cinder
# (library packages again: python3-nova, python3-neutron, python3-cinder,
# python3-placement, mariadb-server-core) and the tools the neutron agent calls
# (iproute2, ebtables, iptables, socat). The config files that only the service
# packages ship (api-paste.ini of nova/neutron/cinder, cinder's
# resource_filters.json) are unpacked from their *-common .debs to $SHARE_DIR.
#
# --virt qemu (with --profile compute) adds libvirtd + qemu (TCG), Nova's config-drive
# tool (genisoimage) and what lib/guest-image.sh builds the guest image with.
#
# Usage: deploy/devcloud/install.sh [--quiet] [--profile storage|compute] [--virt fake|qemu]
set -euo pipefail

# Debian's tools, not a pyenv/venv python that may come first on PATH.
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
export DEBIAN_FRONTEND=noninteractive

SHARE_DIR=/usr/local/share/stackmark-devcloud
METADEFS_DIR=$SHARE_DIR/glance-metadefs
QUIET=false
PROFILE=storage
VIRT=fake
while [ $# -gt 0 ]; do
  case "$1" in
    --quiet) QUIET=true; shift ;;
    --profile) PROFILE=${2:?--profile needs a value}; shift 2 ;;
    --profile=*) PROFILE=${1#*=}; shift ;;
    --virt) VIRT=${2:?--virt needs a value}; shift 2 ;;
    --virt=*) VIRT=${1#*=}; shift ;;
    *) echo "install.sh: unknown argument: $1" >&2; exit 2 ;;
  esac
done
case "$PROFILE" in storage|compute) ;; *) echo "install.sh: unknown profile $PROFILE" >&2; exit 2 ;; esac
case "$VIRT" in fake|qemu) ;; *) echo "install.sh: unknown virt $VIRT" >&2; exit 2 ;; esac

# Top-level packages (apt pulls in the rest; about 250 packages on a bare bookworm).
PACKAGES=(
  # Keystone under uwsgi
  python3-keystone python3-keystonemiddleware uwsgi-core uwsgi-plugin-python3
  # Swift proxy + account/container/object servers (run from the library)
  python3-swift
  # Glance API with the file store
  python3-glance
  # cache for keystone, keystonemiddleware and swift
  memcached python3-memcache
  # clients
  python3-openstackclient python3-swiftclient python3-glanceclient python3-yaml
  # Tempest and the subunit tool chain (subunit2csv, subunit-stats, ...)
  python3-tempest python3-stestr python3-subunit subunit
  # used by the scripts themselves
  sqlite3 util-linux procps
  # start.sh --tls: the HTTPS front and the CA (lib/tls.sh)
  haproxy openssl
)
# profile compute: about 100 more packages (erlang, mariadb, nova/neutron/cinder libraries)
COMPUTE_PACKAGES=(
  mariadb-server-core mariadb-client-core python3-pymysql
  rabbitmq-server
  python3-placement python3-nova python3-neutron python3-cinder
  # the neutron linuxbridge agent (in its own network namespace) and the rabbit relay into it
  iproute2 ebtables iptables socat
  # qemu-img: images for the cloud are built locally
  qemu-utils
)
# --virt qemu: about 40 more (libvirt without libvirt-daemon-system: no polkit, no systemd units)
QEMU_PACKAGES=(
  libvirt-daemon libvirt-daemon-driver-qemu libvirt-clients python3-libvirt qemu-system-x86
  # Nova's config drive (force_config_drive) is an ISO made with genisoimage
  genisoimage
  # lib/guest-image.sh: unpack, find modules, pack the initramfs, make the FAT disk and its boot loader
  cpio kmod zstd binutils fdisk dosfstools mtools syslinux syslinux-common
)
[ "$PROFILE" = compute ] && PACKAGES+=("${COMPUTE_PACKAGES[@]}")
[ "$PROFILE" = compute ] && [ "$VIRT" = qemu ] && PACKAGES+=("${QEMU_PACKAGES[@]}")

say() { $QUIET || echo "install.sh: $*"; }

if [ "$(id -u)" != 0 ]; then
  echo "install.sh: must run as root" >&2; exit 1
fi

missing_packages() {
  # One dpkg-query call for all packages; unknown packages count as missing.
  local installed
  installed=$(dpkg-query -W -f='${Package} ${db:Status-Abbrev}\n' "${PACKAGES[@]}" 2>/dev/null \
    | awk '$2 ~ /^ii/ {print $1}' || true)
  local p
  for p in "${PACKAGES[@]}"; do
    grep -qx "$p" <<<"$installed" || echo "$p"
  done
}

# apt lists count as stale when none of the Packages indexes is younger than a day.
apt_lists_fresh() {
  [ -n "$(find /var/lib/apt/lists -maxdepth 1 -name '*_Packages*' -mmin -1440 2>/dev/null | head -1)" ]
}

APT_OPTS=(-y -q -o DPkg::Lock::Timeout=600 --no-install-recommends
          -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold)

mapfile -t MISSING < <(missing_packages)
if [ ${#MISSING[@]} -gt 0 ]; then
  say "installing ${MISSING[*]}"
  # Keep maintainer scripts from starting daemons (memcached's postinst would
  # otherwise start one on 127.0.0.1:11211 through its init script, and it
  # would then be nobody's to stop). Leave an existing policy-rc.d alone.
  policy_created=false
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\n# stackmark devcloud install.sh: no daemon starts during apt-get\nexit 101\n' \
      > /usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    policy_created=true
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT
  fi
  apt_lists_fresh || { say "apt-get update"; apt-get -q -o DPkg::Lock::Timeout=600 update; }
  if ! apt-get install "${APT_OPTS[@]}" "${MISSING[@]}"; then
    # Stale lists give 404s for superseded versions: refresh once and retry.
    say "install failed; apt-get update and retry"
    apt-get -q -o DPkg::Lock::Timeout=600 update
    apt-get install "${APT_OPTS[@]}" "${MISSING[@]}"
  fi
  if $policy_created; then rm -f /usr/sbin/policy-rc.d; trap - EXIT; fi
  mapfile -t STILL < <(missing_packages)
  if [ ${#STILL[@]} -gt 0 ]; then
    echo "install.sh: still missing after apt-get: ${STILL[*]}" >&2; exit 1
  fi
else
  say "all packages installed"
fi

# Glance metadefs: the .deb matching the installed glance version, unpacked only.
version=$(dpkg-query -W -f='${Version}' python3-glance)
if [ "$(cat "$METADEFS_DIR/.version" 2>/dev/null)" != "$version" ]; then
  say "fetching glance metadefs (glance-common .deb, not installed)"
  tmp=$(mktemp -d)
  if (cd "$tmp" && apt-get download -q "glance-common=$version" >/dev/null 2>&1 \
        || { apt-get -q update >/dev/null && apt-get download -q "glance-common=$version" >/dev/null; }) \
     && dpkg-deb -x "$tmp"/glance-common_*.deb "$tmp/x" \
     && [ -d "$tmp/x/usr/share/glance-common/metadefs" ]; then
    rm -rf "$METADEFS_DIR"; mkdir -p "$(dirname "$METADEFS_DIR")"
    cp -r "$tmp/x/usr/share/glance-common/metadefs" "$METADEFS_DIR"
    echo "$version" > "$METADEFS_DIR/.version"
  else
    # Not fatal: only Glance's metadef API tests need them.
    echo "install.sh: WARNING: could not fetch glance-common $version; Glance runs without metadefs" >&2
  fi
  rm -rf "$tmp"
fi
# Compute profile: config files that only the service packages ship. Unpacked
# from the .deb of the installed version (never installed: their maintainer
# scripts want debconf/dbconfig and start daemons).
# deb_file PACKAGE VERSION PATH-IN-DEB DEST
deb_file() {
  local pkg=$1 ver=$2 src=$3 dest=$4
  [ "$(cat "$dest.version" 2>/dev/null)" = "$ver" ] && [ -f "$dest" ] && return 0
  say "fetching $src from $pkg $ver (not installed)"
  local tmp; tmp=$(mktemp -d)
  if (cd "$tmp" && { apt-get download -q "$pkg=$ver" >/dev/null 2>&1 \
        || { apt-get -q update >/dev/null && apt-get download -q "$pkg=$ver" >/dev/null; }; }) \
     && dpkg-deb -x "$tmp/${pkg}_"*.deb "$tmp/x" && [ -f "$tmp/x$src" ]; then
    mkdir -p "$(dirname "$dest")"; cp "$tmp/x$src" "$dest"; echo "$ver" > "$dest.version"
  else
    rm -rf "$tmp"; echo "install.sh: could not get $src out of $pkg $ver" >&2; exit 1
  fi
  rm -rf "$tmp"
}
if [ "$PROFILE" = compute ]; then
  v=$(dpkg-query -W -f='${Version}' python3-nova)
  deb_file nova-common "$v" /usr/share/nova-common/api-paste.ini "$SHARE_DIR/nova/api-paste.ini"
  v=$(dpkg-query -W -f='${Version}' python3-neutron)
  deb_file neutron-common "$v" /usr/share/neutron-common/api-paste.ini "$SHARE_DIR/neutron/api-paste.ini"
  v=$(dpkg-query -W -f='${Version}' python3-cinder)
  deb_file cinder-common "$v" /usr/share/cinder-common/api-paste.ini "$SHARE_DIR/cinder/api-paste.ini"
  deb_file cinder-common "$v" /etc/cinder/resource_filters.json "$SHARE_DIR/cinder/resource_filters.json"
fi
say "done"
