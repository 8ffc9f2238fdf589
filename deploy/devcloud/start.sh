#!/bin/bash
# deploy/devcloud/start.sh - configure and start the Stackmark dev cloud: a
# single-node OpenStack (Debian bookworm's Zed packages) on 127.0.0.1 only,
# with SQLite and no systemd.
#
#   profile "storage": memcached, Keystone (uwsgi), Swift (proxy + account,
#   container and object servers, one replica on a plain folder) and Glance
#   (file store). Enough for the OpenStack Powered Storage guideline.
#   profile "compute": storage + MariaDB, RabbitMQ, Placement, Neutron (ML2,
#   `local` networks, one linuxbridge agent), Nova and Cinder, plus two flavors,
#   two images and the external network `public`: what OpenStack Powered Compute
#   and Platform need (lib/compute.sh). With --virt fake, Nova's fake virt
#   driver and Cinder's fake volume driver; with --virt qemu, real TCG guests
#   (libvirt), file-backed volumes and the whole cloud inside the network
#   namespace stackmark-cloud (deploy/devcloud/exec runs commands there).
#
# Usage (as root):
#   deploy/devcloud/start.sh [--profile storage|compute] [--virt fake|qemu] [--tls|--no-tls] [--regions 1|2] [--state DIR]
#     --profile  what to run (default storage). compute includes storage: a
#                storage state dir grows into a compute one, and a compute state
#                dir started with --profile storage runs as compute
#     --virt     compute only: fake (the default) or qemu. A state dir keeps the
#                virt it was made with (changing it takes stop.sh --wipe); qemu
#                starts from an empty state dir
#     --tls      every public endpoint over HTTPS (haproxy on port+10000 of each
#                service, a CA of the cloud's own in $STATE/etc/tls/ca.pem, named as
#                cacert in clouds.yaml); --no-tls: plain HTTP again. Without
#                either, as the state dir had it (default off)
#     --regions  2: a second region, RegionTwo, with its own Swift proxy and Glance
#                (lib/region-two.sh); 1 removes it. Default: as the state dir had it (1)
#     --state    where config, databases, data, logs and pids go
#                (default $STACKMARK_DEVCLOUD_STATE or /var/lib/stackmark-devcloud)
#
# Idempotent: a second run while the cloud runs leaves every service alone,
# checks the endpoints, rewrites clouds.yaml and exits 0 within seconds; a
# service that died is started again. Runs install.sh first (a no-op when the
# packages are there), so a fresh Debian 12 machine needs only this command.
#
# Result: $STATE/clouds.yaml and /etc/openstack/clouds.yaml with the clouds
#   devcloud        user demo, project demo, role member
#   devcloud-admin  user admin, project admin, role admin
#   devcloud-alt    user alt_demo, project alt_demo, role member
# so that `openstack --os-cloud devcloud ...` works (with --regions 2 also the
# same three with -r2, in RegionTwo), and $STATE/accounts.yaml: the member accounts
# a vendor certifies with (Tempest's format; no admin role anywhere; two accounts
# with ResellerAdmin).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

usage() { sed -n '/^# Usage/,/^#$/p' "$0" | sed 's/^# \{0,1\}//'; }

ARGS=("$@")   # for the qemu case, which runs this script again inside the namespace
PROFILE=storage
VIRT_ARG=
TLS_ARG=
REGIONS_ARG=
STATE_ARG=${STACKMARK_DEVCLOUD_STATE:-$DEFAULT_STATE}
while [ $# -gt 0 ]; do
  case "$1" in
    --profile) [ $# -ge 2 ] || die "--profile needs a value"; PROFILE=$2; shift 2 ;;
    --profile=*) PROFILE=${1#*=}; shift ;;
    --virt) [ $# -ge 2 ] || die "--virt needs a value"; VIRT_ARG=$2; shift 2 ;;
    --virt=*) VIRT_ARG=${1#*=}; shift ;;
    --tls) TLS_ARG=on; shift ;;
    --no-tls) TLS_ARG=off; shift ;;
    --regions) [ $# -ge 2 ] || die "--regions needs a value"; REGIONS_ARG=$2; shift 2 ;;
    --regions=*) REGIONS_ARG=${1#*=}; shift ;;
    --state) [ $# -ge 2 ] || die "--state needs a value"; STATE_ARG=$2; shift 2 ;;
    --state=*) STATE_ARG=${1#*=}; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $1" ;;
  esac
done
case "$PROFILE" in
  storage|compute) ;;
  *) die "--profile $PROFILE: unknown (storage or compute)" ;;
esac
case "$VIRT_ARG" in
  ''|fake|qemu) ;;
  *) die "--virt $VIRT_ARG: unknown (fake or qemu)" ;;
esac
case "$REGIONS_ARG" in
  ''|1|2) ;;
  *) die "--regions $REGIONS_ARG: 1 or 2" ;;
esac
[ "$(id -u)" = 0 ] || die "must run as root"

set_state "$STATE_ARG"
mkdir -p "$ETC" "$DATA" "$LOGS" "$RUN"
chmod 700 "$STATE"

# One start.sh at a time per state dir (two at once would both db_sync). The
# qemu case's second pass inside the namespace inherits the lock on fd 9.
IN_NETNS=${STACKMARK_DEVCLOUD_IN_NETNS:-}
if [ -z "$IN_NETNS" ]; then
  exec 9>"$RUN/start.lock"
  flock -n 9 || { log "another start.sh holds $RUN/start.lock; waiting"; flock 9; }
fi

# compute is storage plus more: a storage state dir grows into a compute one; a
# compute state dir is started whole even with --profile storage (its catalog
# lists the compute services, and the readiness check expects them to answer).
if [ -f "$STATE/profile" ] && [ "$(cat "$STATE/profile")" = compute ] && [ "$PROFILE" = storage ]; then
  log "state $STATE has the compute profile, which includes storage: starting it as compute"
  PROFILE=compute
fi
# The virt driver is the state dir's for good: its databases know the hypervisor and the
# backends, and a qemu cloud lives in another network namespace than a fake one.
STATE_VIRT=$(cat "$STATE/virt" 2>/dev/null || true)
if [ -n "$VIRT_ARG" ] && [ "$PROFILE" != compute ]; then
  die "--virt needs --profile compute"
fi
if [ -n "$VIRT_ARG" ] && [ -n "$STATE_VIRT" ] && [ "$VIRT_ARG" != "$STATE_VIRT" ]; then
  die "state $STATE was made with --virt $STATE_VIRT; stop.sh --wipe (or another --state) for --virt $VIRT_ARG"
fi
VIRT=${VIRT_ARG:-${STATE_VIRT:-fake}}
if [ "$VIRT" = qemu ] && [ "$STATE_VIRT" != qemu ] && [ -e "$DATA/keystone.ready" ]; then
  # its services would run in the host's namespace, the rest of a qemu cloud in another one
  die "--virt qemu starts from an empty state dir, and $STATE has a cloud; stop.sh --wipe (or another --state) first"
fi
echo "$PROFILE" > "$STATE/profile"
# TLS and the second region stay as the state dir had them unless said otherwise.
TLS=${TLS_ARG:-$(cat "$STATE/tls" 2>/dev/null || echo off)}
REGIONS=${REGIONS_ARG:-$(cat "$STATE/regions" 2>/dev/null || echo 1)}
echo "$TLS" > "$STATE/tls"
echo "$REGIONS" > "$STATE/regions"
export TLS REGIONS
[ "$PROFILE" != compute ] || echo "$VIRT" > "$STATE/virt"
export VIRT

if [ -z "$IN_NETNS" ]; then
  "$DEVCLOUD_DIR/install.sh" --quiet --profile "$PROFILE" ${VIRT_ARG:+--virt "$VIRT"}
fi

# --virt qemu: the whole cloud runs in the network namespace $CLOUD_NETNS. What needs the
# Debian mirror (packages, the guest image's .debs) happens here first, in the host's namespace,
# which the cloud's namespace has no route out of; then this script runs again inside it and
# starts everything there, bound to the namespace's own 127.0.0.1.
if [ "$VIRT" = qemu ] && [ -z "$IN_NETNS" ]; then
  GUEST_IMAGE=$DATA/guest/devcloud-guest.qcow2
  if [ ! -f "$GUEST_IMAGE" ]; then
    log "guest image: building $GUEST_IMAGE from Debian packages"
    "$DEVCLOUD_DIR/lib/guest-image.sh" "$GUEST_IMAGE" >>"$LOGS/guest-image.log" 2>&1 \
      || die "building the guest image failed; see $LOGS/guest-image.log"
    log "guest image: $(tail -1 "$LOGS/guest-image.log")"
  fi
  ip netns list | grep -qw "$CLOUD_NETNS" || { ip netns add "$CLOUD_NETNS"; log "network namespace $CLOUD_NETNS: created"; }
  ip -n "$CLOUD_NETNS" link set lo up
  # `ip netns exec` bind-mounts /etc/netns/NAME/* over /etc/*: the namespace gets its own
  # /etc/openstack/clouds.yaml, whose devcloud entries point at the namespace's 127.0.0.1,
  # while the host's file (maybe another devcloud's) stays as it is.
  mkdir -p "/etc/netns/$CLOUD_NETNS/openstack"
  export T0
  exec ip netns exec "$CLOUD_NETNS" env STACKMARK_DEVCLOUD_IN_NETNS=1 "$0" "${ARGS[@]}"
fi

# ------------------------------------------------------------------ helpers --

# Throwaway passwords, made once per state dir. clouds.yaml carries them too.
if [ ! -f "$ETC/passwords.env" ]; then
  gen() { od -An -N12 -tx1 /dev/urandom | tr -d ' \n'; }
  ( umask 077
    printf 'ADMIN_PASSWORD=%s\nDEMO_PASSWORD=%s\nALT_PASSWORD=%s\nSERVICE_PASSWORD=%s\n' \
      "$(gen)" "$(gen)" "$(gen)" "$(gen)" > "$ETC/passwords.env" )
fi
if [ "$PROFILE" = compute ] && ! grep -q '^DB_PASSWORD=' "$ETC/passwords.env"; then
  ( umask 077; gen() { od -An -N12 -tx1 /dev/urandom | tr -d ' \n'; }
    printf 'DB_PASSWORD=%s\nRABBIT_PASSWORD=%s\n' "$(gen)" "$(gen)" >> "$ETC/passwords.env" )
fi
if ! grep -q '^RESELLER_PASSWORD=' "$ETC/passwords.env"; then
  # the member accounts of accounts.yaml beyond demo and alt_demo
  ( umask 077; gen() { od -An -N12 -tx1 /dev/urandom | tr -d ' \n'; }
    printf 'DEMO3_PASSWORD=%s\nDEMO4_PASSWORD=%s\nRESELLER_PASSWORD=%s\n' "$(gen)" "$(gen)" "$(gen)" >> "$ETC/passwords.env" )
fi
if ! grep -q '^RESELLER2_PASSWORD=' "$ETC/passwords.env"; then
  ( umask 077; gen() { od -An -N12 -tx1 /dev/urandom | tr -d ' \n'; }
    printf 'RESELLER2_PASSWORD=%s\n' "$(gen)" >> "$ETC/passwords.env" )
fi
set -a; source "$ETC/passwords.env"; set +a
export OS_AUTH_URL=http://$HOST:5000/v3 REGION HOST STATE PROFILE
export GUEST_NET GUEST_PHYSNET GUEST_CIDR GUEST_GW   # lib/devcloud.py resources (--virt qemu)

# write_file PATH: stdin to PATH only if the content differs. Tells when a
# running service would need a restart to see the change.
write_file() {
  local new; new=$(cat)
  if [ ! -f "$1" ] || [ "$new" != "$(cat "$1")" ]; then
    printf '%s\n' "$new" > "$1"
    [ -z "${2:-}" ] || ! pid_alive "$2" || log "NOTE: $1 changed; '$2' runs with the old one (stop.sh + start.sh to apply)"
  fi
}

# start_service NAME PORT CMD...: run CMD in the background in its own session
# (its pid is then also its process group id, which stop.sh kills), unless it
# runs already. CMD must stay in the foreground. PORT 0: it listens on no port.
# MATCH=STRING: what its command line will contain (default: the state dir if
# CMD names a file in it, else the program name).
start_service() {
  local name=$1 port=$2; shift 2
  if pid_alive "$name"; then log "$name: running (pid $(cut -d' ' -f1 "$RUN/$name.pid"))"; return; fi
  [ "$port" = 0 ] || ! port_open "$port" || die "$name: $HOST:$port is in use by a process that is not this cloud's (state $STATE)"
  # 9>&-: the daemon must not inherit (and so hold forever) the start.lock fd
  setsid "$@" >>"$LOGS/$name.log" 2>&1 </dev/null 9>&- &
  # the string checked by pid_alive: the config path, or the program name
  local match=${MATCH:-$STATE}; [ -n "${MATCH:-}" ] || [[ "$*" == *"$STATE/"* ]] || match=$(basename "$1")
  echo "$! $match" > "$RUN/$name.pid"
  log "$name: started (pid $!, log $LOGS/$name.log)"
}

# wait_port NAME PORT [SECONDS]
wait_port() {
  local i
  for ((i = 0; i < ${3:-60} * 4; i++)); do
    port_open "$2" && return 0
    pid_alive "$1" || { tail -20 "$LOGS/$1.log" >&2; die "$1 exited during start; log: $LOGS/$1.log"; }
    sleep 0.25
  done
  die "$1 not listening on $HOST:$2 after ${3:-60}s; log: $LOGS/$1.log"
}

# wait_job PID WHAT: a background set-up step finished successfully.
wait_job() { wait "$1" || die "$2 failed; see $LOGS"; }

authtoken_options() { # keystonemiddleware options for a service user
  cat <<EOF
www_authenticate_uri = http://$HOST:5000
auth_url = http://$HOST:5000
memcached_servers = $HOST:11211
auth_type = password
project_domain_name = Default
user_domain_name = Default
project_name = service
username = $1
password = $SERVICE_PASSWORD
EOF
}

log "devcloud profile=$PROFILE$([ "$PROFILE" != compute ] || echo " virt=$VIRT") state=$STATE${IN_NETNS:+ netns=$CLOUD_NETNS}"

# ---------------------------------------------------------------- memcached --
# Cache for keystone (tokens, catalog) and for the authtoken/Swift middleware.
# -U 0: no UDP.
start_service memcached 11211 /usr/bin/memcached -u root -l $HOST -p 11211 -U 0 -m 64

# Compute profile: MariaDB and RabbitMQ now, the four database set-ups in the
# background while the storage services start (lib/compute.sh).
if [ "$PROFILE" = compute ]; then
  source "$DEVCLOUD_DIR/lib/compute.sh"
  compute_early
fi

# ----------------------------------------------------------------- keystone --
KCONF=$ETC/keystone/keystone.conf
mkdir -p "$ETC/keystone"
write_file "$KCONF" keystone <<EOF
[DEFAULT]
log_file = $LOGS/keystone-app.log
[database]
connection = sqlite:///$DATA/keystone.sqlite
[token]
provider = fernet
[fernet_tokens]
key_repository = $ETC/keystone/fernet-keys
[fernet_receipts]
key_repository = $ETC/keystone/fernet-keys
[credential]
key_repository = $ETC/keystone/credential-keys
[identity]
# a test cloud: cheap bcrypt (the default 12 rounds cost ~0.3 s per login on 2 cores)
password_hash_rounds = 4
[cache]
enabled = true
backend = dogpile.cache.memcached
memcache_servers = $HOST:11211
[oslo_policy]
enforce_new_defaults = false
enforce_scope = false
[oslo_middleware]
# behind start.sh --tls's haproxy: version documents link to https
enable_proxy_headers_parsing = true
EOF

keystone_db() {
  local km=(/usr/bin/keystone-manage --config-file "$KCONF")
  "${km[@]}" db_sync
  # WAL lets readers run beside the single writer. SQLite stays a one-writer
  # database: keystone therefore runs 1 uwsgi process with 1 thread (2 workers
  # gave "database is locked" 500s under Tempest, even with WAL).
  sqlite3 "$DATA/keystone.sqlite" 'PRAGMA journal_mode=WAL;' >/dev/null
  # oslo.db leaves SQLite foreign keys off, so ON DELETE CASCADE does nothing,
  # and SQLite reuses integer ids: orphan application_credential_role rows then
  # make every new application credential fail with 409 "Duplicate entry".
  # These triggers do the cascade keystone expects.
  sqlite3 "$DATA/keystone.sqlite" "
    CREATE TRIGGER IF NOT EXISTS devcloud_appcred_cascade AFTER DELETE ON application_credential BEGIN
      DELETE FROM application_credential_role WHERE application_credential_id = OLD.internal_id;
      DELETE FROM application_credential_access_rule WHERE application_credential_id = OLD.internal_id;
    END;
    CREATE TRIGGER IF NOT EXISTS devcloud_accessrule_cascade AFTER DELETE ON access_rule BEGIN
      DELETE FROM application_credential_access_rule WHERE access_rule_id = OLD.id;
    END;"
  [ -d "$ETC/keystone/fernet-keys" ] || "${km[@]}" fernet_setup --keystone-user root --keystone-group root
  [ -d "$ETC/keystone/credential-keys" ] || "${km[@]}" credential_setup --keystone-user root --keystone-group root
  # admin user/project, the admin/member/reader roles and the identity endpoints
  "${km[@]}" bootstrap --bootstrap-password "$ADMIN_PASSWORD" --bootstrap-region-id $REGION \
    --bootstrap-admin-url "$OS_AUTH_URL" --bootstrap-internal-url "$OS_AUTH_URL" \
    --bootstrap-public-url "$OS_AUTH_URL"
  touch "$DATA/keystone.ready"
}

# -------------------------------------------------------------------- glance --
G=$ETC/glance
mkdir -p "$G" "$DATA"/glance/{images,images2,staging,tasks}
GCONF=$G/glance-api.conf
write_file "$GCONF" glance-api <<EOF
[DEFAULT]
bind_host = $HOST
bind_port = 9292
# one API worker: the SQLite database takes one writer at a time
workers = 1
log_file = $LOGS/glance-app.log
# two file stores: copy-image (an import method) needs a second store to copy to
enabled_backends = file:file,file2:file
show_image_direct_url = true
show_multiple_locations = false
# no web-download: it would make Glance fetch URLs from the internet
enabled_import_methods = [glance-direct,copy-image]
[database]
connection = sqlite:///$DATA/glance.sqlite
[glance_store]
default_backend = file
[file]
filesystem_store_datadir = $DATA/glance/images/
[file2]
filesystem_store_datadir = $DATA/glance/images2/
[os_glance_staging_store]
filesystem_store_datadir = $DATA/glance/staging/
[os_glance_tasks_store]
filesystem_store_datadir = $DATA/glance/tasks/
[paste_deploy]
flavor = keystone
config_file = $G/glance-api-paste.ini
[oslo_policy]
enforce_new_defaults = false
enforce_scope = false
[image_import_opts]
image_import_plugins = []
[oslo_middleware]
enable_proxy_headers_parsing = true
[keystone_authtoken]
$(authtoken_options glance)
service_token_roles_required = true
EOF
# The paste pipeline of glance-api-paste.ini (glance-common), v2 API only.
write_file "$G/glance-api-paste.ini" glance-api <<'EOF'
[pipeline:glance-api-keystone]
pipeline = cors healthcheck http_proxy_to_wsgi versionnegotiation authtoken context rootapp
[composite:rootapp]
paste.composite_factory = glance.api:root_app_factory
/: apiversions
/v2: apiv2app
[app:apiversions]
paste.app_factory = glance.api.versions:create_resource
[app:apiv2app]
paste.app_factory = glance.api.v2.router:API.factory
[filter:healthcheck]
paste.filter_factory = oslo_middleware:Healthcheck.factory
backends = disable_by_file
disable_by_file_path = /nonexistent/healthcheck_disable
[filter:versionnegotiation]
paste.filter_factory = glance.api.middleware.version_negotiation:VersionNegotiationFilter.factory
[filter:context]
paste.filter_factory = glance.api.middleware.context:ContextMiddleware.factory
[filter:authtoken]
paste.filter_factory = keystonemiddleware.auth_token:filter_factory
delay_auth_decision = true
[filter:cors]
paste.filter_factory = oslo_middleware.cors:filter_factory
oslo_config_project = glance
oslo_config_program = glance-api
[filter:http_proxy_to_wsgi]
paste.filter_factory = oslo_middleware:HTTPProxyToWSGI.factory
EOF

# Debian's library packages have no glance-manage/glance-api scripts: run the modules.
glance_cmd() { echo "import sys; from glance.cmd.$1 import main; sys.argv[0] = 'glance-$1'; sys.exit(main())"; }
glance_module() { local m=$1; shift; $PY -c "$(glance_cmd "$m")" "$@"; }
glance_db() {
  glance_module manage --config-file "$GCONF" db_sync
  # metadata definitions (fetched by install.sh from glance-common)
  local metadefs=/usr/local/share/stackmark-devcloud/glance-metadefs
  if [ -d "$metadefs" ]; then
    glance_module manage --config-file "$GCONF" db_load_metadefs "$metadefs"
  else
    echo "no $metadefs; Glance runs without metadata definitions"
  fi
  touch "$DATA/glance.ready"
}

# ------------------------------------------------- databases, in parallel ----
# The two db_syncs are the slowest part of a cold start; they are independent.
ks_job='' g_job=''
[ -f "$DATA/keystone.ready" ] || { log "keystone: db_sync + bootstrap"; keystone_db >>"$LOGS/keystone-manage.log" 2>&1 & ks_job=$!; }
[ -f "$DATA/glance.ready" ] || { log "glance: db_sync + metadefs"; glance_db >>"$LOGS/glance-manage.log" 2>&1 & g_job=$!; }

# --------------------------------------------------------------------- swift --
# SAIO-like: one replica, one device (a plain folder), part power 10, no
# rsync/replicators/updaters/auditors. Swift reads /etc/swift/swift.conf (its
# path is hard-coded); rings and server configs live in the state dir.
SW=$ETC/swift
mkdir -p "$SW" "$DATA/swift/node/d1" "$RUN/swift-recon" /etc/swift
if [ ! -f /etc/swift/swift.conf ]; then
  cat > /etc/swift/swift.conf <<EOF
# written by stackmark deploy/devcloud/start.sh
[swift-hash]
swift_hash_path_suffix = devcloud-$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')
swift_hash_path_prefix = devcloud
[storage-policy:0]
name = Policy-0
default = yes
[swift-constraints]
EOF
fi
touch "$SW/container-sync-realms.conf"

# Rings: built once, all three in one python process (swift-ring-builder is
# in the `swift` package, which is not installed; its module is).
swift_rings() {
  $PY - "$SW" "$HOST" <<'PY'
import os, sys
from swift.cli.ringbuilder import main
sw, host = sys.argv[1:3]
for kind, port in (("account", 6202), ("container", 6201), ("object", 6200)):
    builder = f"{sw}/{kind}.builder"
    if os.path.exists(f"{sw}/{kind}.ring.gz"):
        continue
    if os.path.exists(builder):
        os.remove(builder)  # left by an interrupted run
    print(f"building the {kind} ring")
    for args in (["create", "10", "1", "1"], ["add", f"r1z1-{host}:{port}/d1", "100"], ["rebalance"]):
        try:
            main(["swift-ring-builder", builder] + args)
        except SystemExit as e:
            if e.code not in (None, 0, 1):  # 1 = warnings only
                raise
PY
}
swift_server() { # NAME CONF APP: a swift WSGI server as one foreground process (workers = 0)
  start_service "$1" "$4" $PY -c "import sys; from swift.common.wsgi import run_wsgi; sys.exit(run_wsgi('$2', '$3', verbose=True))"
}
# Swift logs to syslog by default: send it to the UDP discard port; verbose=True
# above puts the same lines on stderr, i.e. in $LOGS/swift-*.log.
SWIFT_LOG="log_udp_host = $HOST
log_udp_port = 9"

if ! [ -f "$SW/account.ring.gz" ] || ! [ -f "$SW/container.ring.gz" ] || ! [ -f "$SW/object.ring.gz" ]; then
  log "swift: building rings"
  swift_rings >>"$LOGS/swift-ring.log" 2>&1 || die "building the swift rings failed; see $LOGS/swift-ring.log"
fi
for spec in account:6202 container:6201 object:6200; do
  kind=${spec%:*} port=${spec#*:}
  write_file "$SW/$kind-server.conf" "swift-$kind" <<EOF
[DEFAULT]
devices = $DATA/swift/node
mount_check = false
bind_ip = $HOST
bind_port = $port
workers = 0
swift_dir = $SW
recon_cache_path = $RUN/swift-recon
$SWIFT_LOG
[pipeline:main]
pipeline = recon $kind-server
[app:$kind-server]
use = egg:swift#$kind
[filter:recon]
use = egg:swift#recon
[$kind-replicator]
[$kind-updater]
[$kind-auditor]
EOF
  swift_server "swift-$kind" "$SW/$kind-server.conf" "$kind-server" "$port"
done

# Proxy: keystone auth plus the middleware the interop object-storage tests
# use (tempurl, formpost, staticweb, bulk, slo, dlo, copy, quotas, versioned
# writes, symlink, ...). No container_sync: it needs realms and a sync daemon.
write_file "$SW/proxy-server.conf" swift-proxy <<EOF
[DEFAULT]
bind_ip = $HOST
bind_port = 8080
workers = 0
swift_dir = $SW
$SWIFT_LOG
[pipeline:main]
pipeline = catch_errors gatekeeper healthcheck proxy-logging cache listing_formats bulk tempurl ratelimit crossdomain authtoken keystoneauth formpost staticweb copy container-quotas account-quotas slo dlo versioned_writes symlink proxy-logging proxy-server
[app:proxy-server]
use = egg:swift#proxy
account_autocreate = true
allow_account_management = true
[filter:authtoken]
paste.filter_factory = keystonemiddleware.auth_token:filter_factory
delay_auth_decision = true
$(authtoken_options swift)
[filter:keystoneauth]
use = egg:swift#keystoneauth
operator_roles = admin, member, swiftoperator
reseller_admin_role = ResellerAdmin
[filter:catch_errors]
use = egg:swift#catch_errors
[filter:gatekeeper]
use = egg:swift#gatekeeper
[filter:healthcheck]
use = egg:swift#healthcheck
[filter:proxy-logging]
use = egg:swift#proxy_logging
[filter:cache]
use = egg:swift#memcache
memcache_servers = $HOST:11211
[filter:listing_formats]
use = egg:swift#listing_formats
[filter:bulk]
use = egg:swift#bulk
[filter:tempurl]
use = egg:swift#tempurl
[filter:ratelimit]
use = egg:swift#ratelimit
[filter:crossdomain]
use = egg:swift#crossdomain
[filter:formpost]
use = egg:swift#formpost
[filter:staticweb]
use = egg:swift#staticweb
[filter:copy]
use = egg:swift#copy
[filter:container-quotas]
use = egg:swift#container_quotas
[filter:account-quotas]
use = egg:swift#account_quotas
[filter:slo]
use = egg:swift#slo
[filter:dlo]
use = egg:swift#dlo
[filter:versioned_writes]
use = egg:swift#versioned_writes
allow_versioned_writes = true
allow_object_versioning = true
[filter:symlink]
use = egg:swift#symlink
EOF
swift_server swift-proxy "$SW/proxy-server.conf" proxy-server 8080

# ------------------------------------------------ keystone and glance APIs ----
[ -z "$ks_job" ] || { wait_job "$ks_job" "keystone db_sync/bootstrap"; log "keystone: database ready"; }
# uwsgi: 1 process, 1 thread (see keystone_db). Connection: close because
# uwsgi's plain --http-socket does no keep-alive.
start_service keystone 5000 /usr/bin/uwsgi --plugin python3 --master --die-on-term \
  --http-socket $HOST:5000 --processes 1 --threads 1 --lazy-apps --need-app \
  --wsgi-file /usr/bin/keystone-wsgi-public --env "OS_KEYSTONE_CONFIG_FILES=$KCONF" \
  --buffer-size 65535 --add-header "Connection: close"
wait_port keystone 5000

[ -z "$g_job" ] || { wait_job "$g_job" "glance db_sync"; log "glance: database ready"; }
start_service glance-api 9292 $PY -c "$(glance_cmd api)" --config-file "$GCONF"

# ------------------------------------------ RegionTwo and the HTTPS front ----
source "$DEVCLOUD_DIR/lib/region-two.sh"
if [ "$REGIONS" = 2 ]; then region_two_services; else region_two_off; fi
source "$DEVCLOUD_DIR/lib/tls.sh"
tls_services() { # name:port of every HTTP service in the catalog
  local s=(keystone:5000 swift-proxy:8080 glance-api:9292)
  [ "$REGIONS" != 2 ] || s+=(swift-proxy-r2:$R2_SWIFT_PORT glance-api-r2:$R2_GLANCE_PORT)
  [ "$PROFILE" != compute ] || s+=(placement-api:8778 neutron-server:9696 nova-api:8774 cinder-api:8776)
  echo "${s[@]}"
}
if [ "$TLS" = on ]; then
  # shellcheck disable=SC2046
  tls_front $(tls_services)
else
  tls_off
fi
export TLS_CA=$ETC/tls/ca.pem

# --------------------------------------- users, catalog, readiness, clouds ---
devcloud_py() { # COMMAND: lib/devcloud.py COMMAND, its output logged; fails start.sh if it fails
  local out rc=0
  out=$($PY "$DEVCLOUD_DIR/lib/devcloud.py" "$1" 2>&1) || rc=$?
  log "$out"
  [ $rc = 0 ] && return 0
  for s in "${SERVICE_PORTS[@]}"; do
    [ -f "$RUN/${s%:*}.pid" ] || continue
    pid_alive "${s%:*}" || log "${s%:*} is not running; last lines of $LOGS/${s%:*}.log:" \
      "$(tail -5 "$LOGS/${s%:*}.log" 2>/dev/null)"
  done
  die "lib/devcloud.py $1 failed"
}
devcloud_py bootstrap
if [ "$PROFILE" = compute ]; then
  compute_services
  devcloud_py compute-up
  compute_discover_hosts
  # flavors, images (built here), the public network; then wait until a hypervisor
  # and Cinder's pool are there
  devcloud_py resources
fi
devcloud_py wait
devcloud_py clouds

log "ready: clouds.yaml in $STATE/clouds.yaml and /etc/openstack/clouds.yaml (devcloud, devcloud-admin, devcloud-alt$([ "$REGIONS" != 2 ] || echo ", the same with -r2 in RegionTwo")); member accounts in $STATE/accounts.yaml"
[ "$TLS" != on ] || log "TLS: public endpoints over HTTPS on port+10000 (keystone https://$HOST:15000/v3), CA $TLS_CA"
log "keystone http://$HOST:5000/v3  swift http://$HOST:8080  glance http://$HOST:9292  memcached $HOST:11211"
[ "$VIRT" != qemu ] || log "all of it inside network namespace $CLOUD_NETNS (guests on $GUEST_NET $GUEST_CIDR): deploy/devcloud/exec CMD runs CMD there"
[ "$PROFILE" != compute ] || log "nova http://$HOST:8774/v2.1  neutron http://$HOST:9696  cinder http://$HOST:8776/v3  placement http://$HOST:8778  mariadb $HOST:3306  rabbitmq $HOST:5672"
