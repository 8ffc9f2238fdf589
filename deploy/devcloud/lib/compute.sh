# deploy/devcloud/lib/compute.sh - profile "compute" of start.sh: MariaDB, RabbitMQ, Placement,
# Neutron (ML2 + one linuxbridge agent), Nova and Cinder, all from Debian bookworm's library
# packages, all on 127.0.0.1.
#   VIRT=fake  Nova's fake virt driver, Cinder's fake volume driver; the agent alone sits in a network
#              namespace (everything else in the host's)
#   VIRT=qemu  Nova's libvirt driver with TCG guests, Cinder's file driver (lib/py/filevolume.py); the
#              whole cloud runs inside the network namespace $CLOUD_NETNS (start.sh enters it), where
#              the guests sit on the flat network "$GUEST_NET" (lib/libvirt.sh, lib/guest-image.sh)
# shellcheck shell=bash
# Sourced by start.sh after its helpers (start_service, wait_port, write_file, authtoken_options, ...).
#
#   compute_early     MariaDB, epmd, RabbitMQ; then the four database set-ups in the background
#   compute_services  write configs, wait for the databases, start Placement, Neutron, Nova, Cinder
#
# Why each non-obvious setting is there: deploy/devcloud/README.md, "Compute profile gotchas".

source "$DEVCLOUD_DIR/lib/libvirt.sh"

SHARE=/usr/local/share/stackmark-devcloud      # files unpacked by install.sh from the *-common .debs
MYSOCK=$RUN/mysqld.sock
TRANSPORT="rabbit://openstack:$RABBIT_PASSWORD@$HOST:5672/"
dburl() { echo "mysql+pymysql://openstack:$DB_PASSWORD@$HOST:3306/$1?charset=utf8"; }
mysql_root() { /usr/bin/mariadb --no-defaults -S "$MYSOCK" -uroot "$@"; }
# run a service's python entry point (the library packages have no console scripts)
pymain() { local mod=$1 argv0=$2; shift 2; $PY -c "import sys; from $mod import main; sys.argv[0] = '$argv0'; sys.exit(main())" "$@"; }

RQ=$DATA/rabbitmq
RQENV=(HOME="$RQ/home" RABBITMQ_NODENAME=rabbit@localhost RABBITMQ_NODE_IP_ADDRESS="$HOST"
  RABBITMQ_NODE_PORT=5672 ERL_EPMD_ADDRESS="$HOST" ERL_EPMD_PORT=4369 RABBITMQ_DIST_PORT=25672
  RABBITMQ_MNESIA_BASE="$RQ/mnesia" RABBITMQ_LOG_BASE="$LOGS/rabbitmq"
  RABBITMQ_CONFIG_FILE="$RQ/rabbitmq.conf" RABBITMQ_ENABLED_PLUGINS_FILE="$RQ/enabled_plugins"
  RABBITMQ_CONF_ENV_FILE=/dev/null
  RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}")
rabbitmqctl() { env "${RQENV[@]}" /usr/lib/rabbitmq/bin/rabbitmqctl "$@"; }

# ------------------------------------------------------------ early part --
compute_early() {
  # MariaDB: Debian's mariadbd by hand. --no-defaults: never reads /etc/mysql nor touches
  # /var/lib/mysql (a MariaDB of the host stays untouched); own datadir and socket.
  local my=$DATA/mysql
  if [ ! -d "$my/mysql" ]; then
    log "mariadb: install-db"
    /usr/bin/mariadb-install-db --no-defaults --datadir="$my" --user=root \
      --auth-root-authentication-method=socket --skip-test-db >"$LOGS/mariadb-install.log" 2>&1 \
      || die "mariadb-install-db failed; see $LOGS/mariadb-install.log"
  fi
  start_service mariadb 3306 /usr/sbin/mariadbd --no-defaults --user=root --datadir="$my" \
    --socket="$MYSOCK" --pid-file="$RUN/mariadbd.pidfile" --port=3306 --bind-address=$HOST \
    --skip-name-resolve --character-set-server=utf8 --collation-server=utf8_general_ci \
    --max-connections=1000 --innodb-buffer-pool-size=128M --innodb-flush-log-at-trx-commit=2 \
    --log-error="$LOGS/mariadb.err"

  # RabbitMQ as root from the state dir. epmd first, in the foreground under its own pid
  # file: otherwise erlang spawns a detached epmd that no pid file names.
  mkdir -p "$RQ/home" "$RQ/mnesia" "$LOGS/rabbitmq"
  [ -f "$RQ/home/.erlang.cookie" ] || ( umask 077; od -An -N16 -tx1 /dev/urandom | tr -d ' \n' > "$RQ/home/.erlang.cookie" )
  chmod 400 "$RQ/home/.erlang.cookie"
  [ -s "$RQ/enabled_plugins" ] || echo '[].' > "$RQ/enabled_plugins"
  write_file "$RQ/rabbitmq.conf" rabbitmq <<EOF
listeners.tcp.default = $HOST:5672
loopback_users = none
EOF
  start_service epmd 4369 /usr/bin/epmd -address $HOST -port 4369
  wait_port epmd 4369 10
  MATCH=rabbitmq-server start_service rabbitmq 5672 env "${RQENV[@]}" /usr/lib/rabbitmq/bin/rabbitmq-server

  local i
  for ((i = 0; i < 240; i++)); do mysql_root -e 'select 1' >/dev/null 2>&1 && break; sleep 0.25; done
  mysql_root -e 'select 1' >/dev/null 2>&1 || die "mariadb does not answer; see $LOGS/mariadb.err"
  mysql_root -e "CREATE DATABASE IF NOT EXISTS nova_api; CREATE DATABASE IF NOT EXISTS nova;
    CREATE DATABASE IF NOT EXISTS nova_cell0; CREATE DATABASE IF NOT EXISTS placement;
    CREATE DATABASE IF NOT EXISTS neutron; CREATE DATABASE IF NOT EXISTS cinder;
    CREATE USER IF NOT EXISTS 'openstack'@'127.0.0.1' IDENTIFIED BY '$DB_PASSWORD';
    GRANT ALL PRIVILEGES ON *.* TO 'openstack'@'127.0.0.1';"
  log "mariadb: ready"

  compute_configs
  # Database set-ups: independent of each other and of keystone; they run while the
  # storage services start. Nova's create_cell records the transport URL only.
  DB_JOBS=()
  db_job placement placement_db
  db_job neutron neutron_db
  db_job nova nova_db
  db_job cinder cinder_db
}

db_job() { # NAME FUNCTION: once per state dir, in the background
  [ -f "$DATA/$1.ready" ] && return 0
  log "$1: database set-up (background)"
  { $2 && touch "$DATA/$1.ready"; } >>"$LOGS/$1-manage.log" 2>&1 &
  DB_JOBS+=("$!:$1")
}
placement_db() { /usr/bin/placement-manage --config-dir "$ETC/placement" db sync; }
neutron_db() { pymain neutron.db.migration.cli neutron-db-manage $NEUTRON_CONF_ARGS upgrade heads; }
nova_manage() { pymain nova.cmd.manage nova-manage --config-file "$ETC/nova/nova.conf" "$@"; }
nova_db() {
  nova_manage api_db sync
  nova_manage cell_v2 map_cell0 --database_connection "$(dburl nova_cell0)"
  nova_manage cell_v2 list_cells | grep -q ' cell1 ' || nova_manage cell_v2 create_cell --name cell1
  nova_manage db sync
}
cinder_db() { pymain cinder.cmd.manage cinder-manage --config-file "$ETC/cinder/cinder.conf" db sync; }

# ----------------------------------------------------------------- configs --
# Common to the [keystone_authtoken] of placement, neutron, nova, cinder: keystonemiddleware
# checks that a service token (X-Service-Token) carries the "service" role.
authtoken_section() { printf '[keystone_authtoken]\n%s\nservice_token_roles_required = true\n' "$(authtoken_options "$1")"; }
# a [section] of credentials of a service user, for calls between services
service_credentials() { # SECTION USER
  cat <<EOF
[$1]
auth_url = http://$HOST:5000
auth_type = password
project_domain_name = Default
user_domain_name = Default
region_name = $REGION
project_name = service
username = $2
password = $SERVICE_PASSWORD
EOF
}
POLICY_DEFAULTS="[oslo_policy]
enforce_new_defaults = false
enforce_scope = false"

compute_configs() {
  mkdir -p "$ETC"/{placement,neutron,nova,cinder} "$DATA"/neutron/lock "$DATA"/nova/{instances,lock} "$DATA"/cinder/lock
  local f
  for f in nova/api-paste.ini neutron/api-paste.ini cinder/api-paste.ini cinder/resource_filters.json; do
    [ -f "$SHARE/$f" ] || die "$SHARE/$f is missing (install.sh --profile compute unpacks it)"
    write_file "$ETC/$f" <"$SHARE/$f"
  done

  write_file "$ETC/placement/placement.conf" placement-api <<EOF
[DEFAULT]
log_file = $LOGS/placement-app.log
[placement_database]
connection = $(dburl placement)
[api]
auth_strategy = keystone
$POLICY_DEFAULTS
$(authtoken_section placement)
EOF

  # Neutron: ML2, tenant networks of type "local" (no dataplane), the linuxbridge mechanism
  # driver and one real linuxbridge agent that does nothing but report itself alive, so that
  # ML2 can bind ports to host "devcloud". No L3/DHCP agents: routers stay unscheduled.
  write_file "$ETC/neutron/neutron.conf" neutron-server <<EOF
[DEFAULT]
bind_host = $HOST
bind_port = 9696
host = devcloud
core_plugin = ml2
service_plugins = router
auth_strategy = keystone
api_paste_config = $ETC/neutron/api-paste.ini
state_path = $DATA/neutron
transport_url = $TRANSPORT
api_workers = 1
rpc_workers = 1
rpc_state_report_workers = 1
log_file = $LOGS/neutron-server-app.log
allow_overlapping_ips = true
notify_nova_on_port_status_changes = true
notify_nova_on_port_data_changes = true
[database]
connection = $(dburl neutron)
[oslo_concurrency]
lock_path = $DATA/neutron/lock
$POLICY_DEFAULTS
[agent]
root_helper =
report_interval = 10
[experimental]
# Zed marks linuxbridge experimental
linuxbridge = true
$(service_credentials nova nova)
$(authtoken_section neutron)
EOF
  write_file "$ETC/neutron/ml2_conf.ini" neutron-server <<EOF
[ml2]
type_drivers = local,flat,vlan
tenant_network_types = local
mechanism_drivers = linuxbridge
extension_drivers = port_security
[ml2_type_flat]
flat_networks = *
[securitygroup]
enable_security_group = true
firewall_driver = noop
EOF
  # qemu: the guests' flat network (physnet $GUEST_PHYSNET) is bridged to the veth end $GUEST_VETH
  local mapping=''; [ "$VIRT" != qemu ] || mapping=" $GUEST_PHYSNET:$GUEST_VETH"
  write_file "$ETC/neutron/linuxbridge_agent.ini" neutron-linuxbridge-agent <<EOF
[linux_bridge]
physical_interface_mappings =$mapping
[vxlan]
enable_vxlan = false
[securitygroup]
enable_security_group = true
firewall_driver = noop
[agent]
root_helper =
report_interval = 10
EOF
  NEUTRON_CONF_ARGS="--config-file $ETC/neutron/neutron.conf --config-file $ETC/neutron/ml2_conf.ini"

  # What differs between the virt drivers: Nova's driver settings ([DEFAULT] keys and sections of
  # their own), Cinder's backend.
  local nova_driver nova_vif nova_sections='' cinder_backend cinder_section
  if [ "$VIRT" = qemu ]; then
    nova_driver="compute_driver = libvirt.LibvirtDriver
# no metadata service and no DHCP: the guest reads its hostname, SSH keys and fixed IP from the drive
force_config_drive = true
# the guest powers off within seconds of the ACPI button; Nova destroys it after this at the latest
shutdown_timeout = 30"
    nova_vif="# real taps: neutron's linuxbridge agent wires them and Nova waits for network-vif-plugged
vif_plugging_is_fatal = true
vif_plugging_timeout = 300"
    nova_sections="
[libvirt]
# TCG: no KVM needed. cpu_mode none = qemu64, the same CPU whatever the host
virt_type = qemu
cpu_mode = none
[spice]
enabled = false
[workarounds]
# nova-rootwrap ships in nova-common, which is not installed: privsep starts with sudo privsep-helper
disable_rootwrap = true"
    cinder_backend=file
    cinder_section="[file]
# deploy/devcloud/lib/py/filevolume.py (cinder runs with lib/py on PYTHONPATH): every volume is a
# sparse file, which Nova attaches to the guest as a file disk
volume_driver = filevolume.FileVolumeDriver
volume_backend_name = file
file_volume_dir = $DATA/cinder/volumes"
  else
    nova_driver="# nova/virt/fake.py: servers exist in the databases only; nothing is booted
compute_driver = fake.FakeDriver"
    nova_vif="# the fake driver plugs no VIF, so \"network-vif-plugged\" never comes: do not wait for it
vif_plugging_is_fatal = false
vif_plugging_timeout = 0"
    cinder_backend=fake
    cinder_section="[fake]
# cinder/tests/fake_driver.py (shipped in python3-cinder): volumes, snapshots and
# attachments exist in the database only; no data is ever written
volume_driver = cinder.tests.fake_driver.FakeLoggingVolumeDriver
volume_backend_name = fake"
  fi

  write_file "$ETC/nova/nova.conf" nova-api <<EOF
[DEFAULT]
host = devcloud
my_ip = $HOST
transport_url = $TRANSPORT
state_path = $DATA/nova
instances_path = $DATA/nova/instances
$nova_driver
enabled_apis = osapi_compute
osapi_compute_listen = $HOST
osapi_compute_listen_port = 8774
osapi_compute_workers = 1
metadata_listen = $HOST
metadata_workers = 1
$nova_vif
allow_resize_to_same_host = true
[api]
auth_strategy = keystone
[wsgi]
api_paste_config = $ETC/nova/api-paste.ini
[api_database]
connection = $(dburl nova_api)
[database]
connection = $(dburl nova)
[conductor]
workers = 1
[scheduler]
workers = 1
discover_hosts_in_cells_interval = 30
[oslo_concurrency]
lock_path = $DATA/nova/lock
$POLICY_DEFAULTS
[vnc]
enabled = false$nova_sections
[glance]
region_name = $REGION
[cinder]
os_region_name = $REGION
$(service_credentials placement placement)
$(service_credentials neutron neutron)
# Cinder lets Nova delete a volume attachment only with a Nova service token
# (CVE-2023-2088 / OSSN-0092 fix in Debian's cinder); without it detach ends in
# 409 ConflictNovaUsingAttachment and the volume stays "detaching".
$(service_credentials service_user nova)
send_service_user_token = true
$(authtoken_section nova)
EOF

  write_file "$ETC/cinder/cinder.conf" cinder-api <<EOF
[DEFAULT]
host = devcloud
my_ip = $HOST
transport_url = $TRANSPORT
auth_strategy = keystone
osapi_volume_listen = $HOST
osapi_volume_listen_port = 8776
osapi_volume_workers = 1
api_paste_config = $ETC/cinder/api-paste.ini
resource_query_filters_file = $ETC/cinder/resource_filters.json
state_path = $DATA/cinder
log_file = $LOGS/cinder-app.log
enabled_backends = $cinder_backend
default_volume_type = __DEFAULT__
[database]
connection = $(dburl cinder)
[oslo_concurrency]
lock_path = $DATA/cinder/lock
$POLICY_DEFAULTS
$cinder_section
$(service_credentials nova nova)
$(authtoken_section cinder)
EOF
}

# ------------------------------------------------------------ services --
compute_services() {
  local j
  for j in "${DB_JOBS[@]}"; do wait_job "${j%%:*}" "${j#*:} database set-up"; log "${j#*:}: database ready"; done
  rabbitmq_ready

  start_service placement-api 8778 /usr/bin/uwsgi --plugin python3 --master --die-on-term \
    --http-socket $HOST:8778 --processes 1 --threads 4 --lazy-apps --need-app \
    --wsgi-file /usr/bin/placement-api --env "OS_PLACEMENT_CONFIG_DIR=$ETC/placement" \
    --buffer-size 65535 --add-header "Connection: close"

  # shellcheck disable=SC2086
  start_service neutron-server 9696 $PY -c "import sys; from neutron.cmd.eventlet.server import main; sys.argv[0] = 'neutron-server'; sys.exit(main())" $NEUTRON_CONF_ARGS
  neutron_agent

  [ "$VIRT" != qemu ] || libvirt_start
  local svc
  for svc in conductor scheduler compute api; do
    local port=0; [ $svc = api ] && port=8774
    start_service nova-$svc $port $PY -c "import sys; from nova.cmd.$svc import main; sys.argv[0] = 'nova-$svc'; sys.exit(main())" \
      --config-file "$ETC/nova/nova.conf" --log-file "$LOGS/nova-$svc-app.log"
  done
  for svc in scheduler volume api; do
    local port=0; [ $svc = api ] && port=8776
    start_service cinder-$svc $port env PYTHONPATH="$DEVCLOUD_DIR/lib/py" $PY -c "import sys; from cinder.cmd.$svc import main; sys.argv[0] = 'cinder-$svc'; sys.exit(main())" \
      --config-file "$ETC/cinder/cinder.conf" --log-file "$LOGS/cinder-$svc-app.log"
  done
  wait_port placement-api 8778 60
  wait_port neutron-server 9696 120
  wait_port nova-api 8774 120
  wait_port cinder-api 8776 120
}

rabbitmq_ready() {
  local i
  for ((i = 0; i < 120; i++)); do
    rabbitmqctl -q await_startup >/dev/null 2>&1 && break
    pid_alive rabbitmq || { tail -20 "$LOGS/rabbitmq.log" >&2; die "rabbitmq exited during start"; }
    sleep 1
  done
  rabbitmqctl -q list_users 2>/dev/null | grep -q '^openstack' \
    || rabbitmqctl -q add_user openstack "$RABBIT_PASSWORD" >/dev/null
  rabbitmqctl -q set_permissions openstack '.*' '.*' '.*' >/dev/null
  log "rabbitmq: ready"
}

# The linuxbridge agent.
# fake: it runs inside a network namespace of its own, so whatever it does with
# ip/ebtables/bridges cannot touch the host's network. It needs an interface with a MAC
# address (its agent id), so the namespace gets a veth pair ("dummy" links are not in every
# kernel). It reaches RabbitMQ through two socat relays and a UNIX socket in the state dir:
# netns 127.0.0.1:5672 -> $RUN/rabbit.sock -> host 127.0.0.1:5672; nothing listens on a
# non-loopback address.
# qemu: the whole cloud is in $CLOUD_NETNS already. The agent bridges the veth end $GUEST_VETH
# into the flat network's bridge (brq<net-id>, made by Nova's os-vif on the first boot); the
# other end, $GUEST_GW_VETH, holds the gateway address $GUEST_GW: the way the namespace (Tempest,
# `exec ssh`) reaches the guests. Nothing of this exists in the host's namespace.
neutron_agent() {
  local agent_main="from neutron.cmd.eventlet.plugins.linuxbridge_neutron_agent import main"
  local agent_args=(--config-file "$ETC/neutron/neutron.conf" --config-file "$ETC/neutron/linuxbridge_agent.ini"
    --log-file "$LOGS/neutron-linuxbridge-agent-app.log")
  if [ "$VIRT" = qemu ]; then
    ip link show "$GUEST_VETH" >/dev/null 2>&1 || ip link add "$GUEST_VETH" type veth peer name "$GUEST_GW_VETH"
    ip link set "$GUEST_VETH" up
    ip link set "$GUEST_GW_VETH" up
    ip -4 addr show dev "$GUEST_GW_VETH" | grep -q " $GUEST_GW/" || ip addr add "$GUEST_GW/24" dev "$GUEST_GW_VETH"
    # lib/py/ebtables_nft_fix.py, imported after the agent module (eventlet is patched by then)
    start_service neutron-linuxbridge-agent 0 env PYTHONPATH="$DEVCLOUD_DIR/lib/py" $PY -c \
      "import sys; $agent_main; import ebtables_nft_fix; sys.argv[0] = 'neutron-linuxbridge-agent'; sys.exit(main())" "${agent_args[@]}"
    return
  fi
  ip netns list | grep -qw "$NETNS" || ip netns add "$NETNS"
  ip netns exec "$NETNS" ip link set lo up
  ip netns exec "$NETNS" ip link show smveth0 >/dev/null 2>&1 \
    || ip netns exec "$NETNS" ip link add smveth0 type veth peer name smveth1
  ip netns exec "$NETNS" ip link set smveth0 up
  start_service rabbit-relay 0 /usr/bin/socat UNIX-LISTEN:"$RUN/rabbit.sock",fork,unlink-early TCP:$HOST:5672
  start_service rabbit-relay-netns 0 ip netns exec "$NETNS" /usr/bin/socat \
    TCP-LISTEN:5672,bind=127.0.0.1,fork,reuseaddr UNIX-CONNECT:"$RUN/rabbit.sock"
  start_service neutron-linuxbridge-agent 0 ip netns exec "$NETNS" $PY -c \
    "import sys; $agent_main; sys.argv[0] = 'neutron-linuxbridge-agent'; sys.exit(main())" "${agent_args[@]}"
}

# Map the compute host into cell1 once nova-compute has registered (the scheduler also
# does it every 30 s; doing it here saves the wait).
compute_discover_hosts() {
  nova_manage cell_v2 discover_hosts >>"$LOGS/nova-manage.log" 2>&1 || true
}
