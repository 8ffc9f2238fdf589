#!/bin/bash
# deploy/devcloud/tempest-smoke.sh - run Debian's Tempest against the running
# dev cloud, on a test list (default: the OpenStack Powered Storage 2019.11
# required tests, lists/2019.11-storage-required.txt), and keep the raw
# subunit v2 stream. Evidence that the cloud is good enough for Stackmark; the
# product itself writes its own tempest.conf by discovery.
#
# Usage (as root, cloud started with start.sh):
#   deploy/devcloud/tempest-smoke.sh [--state DIR] [--workspace DIR] [--out DIR]
#                                    [--list FILE] [--concurrency N]
#     --workspace  Tempest workspace (default /tmp/stackmark-tempest-ws)
#     --out        where results go (default /tmp/stackmark-fixtures):
#                  tempest-list-tests.txt   `tempest run --list-tests`
#                  tempest-object-2019.11.subunit  `tempest run --subunit` stream
#                  (named after the list file for other lists), plus .load-list,
#                  .csv and .summary.txt beside it
#     --list       '<test name> <uuid>' lines ('#' comments allowed)
#
# Exit status: 0 when every selected test passed or was skipped.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

usage() { sed -n '/^# Usage/,/^#$/p' "$0" | sed 's/^# \{0,1\}//'; }
STATE_ARG=${STACKMARK_DEVCLOUD_STATE:-$DEFAULT_STATE}
WS=/tmp/stackmark-tempest-ws
OUT=/tmp/stackmark-fixtures
LIST=$DEVCLOUD_DIR/lists/2019.11-storage-required.txt
CONC=2
while [ $# -gt 0 ]; do
  case "$1" in
    --state) STATE_ARG=$2; shift 2 ;;
    --workspace) WS=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    --list) LIST=$2; shift 2 ;;
    --concurrency) CONC=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $1" ;;
  esac
done
set_state "$STATE_ARG"
[ -f "$ETC/passwords.env" ] || die "no dev cloud at $STATE (run start.sh first)"
source "$ETC/passwords.env"
WS=$(realpath -m "$WS"); OUT=$(realpath -m "$OUT"); LIST=$(realpath "$LIST")
case "$(basename "$LIST")" in
  2019.11-storage-required.txt) NAME=tempest-object-2019.11 ;;
  *) NAME=tempest-$(basename "$LIST" .txt) ;;
esac
mkdir -p "$OUT"

[ -f "$WS/.stestr.conf" ] || { log "tempest init $WS"; tempest init "$WS" >/dev/null; }

# A hand-written tempest.conf for this cloud: identity v3 only, Swift and
# Glance on, no compute/network/volume, dynamic credentials made by admin.
cat > "$WS/etc/tempest.conf" <<EOF
[DEFAULT]
log_dir = $WS/logs
log_file = tempest.log

[oslo_concurrency]
lock_path = $WS/tempest_lock

[auth]
admin_username = admin
admin_password = $ADMIN_PASSWORD
admin_project_name = admin
admin_domain_name = Default
use_dynamic_credentials = true
create_isolated_networks = false
# tempest_roles stays unset: Tempest gives its users what each test needs

[identity]
uri_v3 = http://$HOST:5000/v3
auth_version = v3
region = $REGION
v3_endpoint_type = public
default_domain_id = default
admin_domain_scope = false

[identity-feature-enabled]
api_v2 = false
api_v2_admin = false
api_v3 = true
trust = true
security_compliance = false
project_tags = true
application_credentials = true
access_rules = true

[service_available]
swift = true
glance = true
nova = false
cinder = false
neutron = false
heat = false
placement = false

[object-storage]
region = $REGION
endpoint_type = public
operator_role = member
reseller_admin_role = ResellerAdmin

[object-storage-feature-enabled]
discoverability = true
# needs realms and the container-sync daemon; not in the proxy pipeline
container_sync = false
object_versioning = true
discoverable_apis = bulk_delete,bulk_upload,tempurl,ratelimit,crossdomain,formpost,staticweb,container_quotas,account_quotas,slo,dlo,versioned_writes,symlink,object_versioning

[image]
region = $REGION
endpoint_type = public
container_formats = bare,ami,ari,aki,ovf,ova,docker,compressed
disk_formats = ami,ari,aki,vhd,vmdk,raw,qcow2,vdi,iso,vhdx

[image-feature-enabled]
api_v2 = true
api_v1 = false
import_image = true
os_glance_reserved = true
manage_locations = false

[validation]
run_validation = false

[enforce_scope]
keystone = false
glance = false
EOF

cd "$WS"
log "tempest run --list-tests"
tempest run --list-tests > "$OUT/tempest-list-tests.txt"
log "$(grep -c '^tempest\.' "$OUT/tempest-list-tests.txt") tests listed -> $OUT/tempest-list-tests.txt"

# Tempest's ids carry attributes ("name[id-<uuid>,smoke]"): pick the listed
# id for each wanted test, by name first, then by idempotent id.
$PY - "$LIST" "$OUT/tempest-list-tests.txt" > "$OUT/$NAME.load-list" <<'PY'
import re, sys
wanted = [l.split() for l in open(sys.argv[1]) if l.strip() and not l.startswith("#")]
by_name, by_uuid = {}, {}
for line in open(sys.argv[2]):
    m = re.match(r"^(tempest\.[^\[\s]+)(?:\[([^\]]*)\])?\s*$", line)
    if not m:
        continue
    by_name[m[1]] = line.strip()
    for attr in (m[2] or "").split(","):
        if attr.startswith("id-"):
            by_uuid[attr[3:]] = line.strip()
missing = []
for name, uuid in wanted:
    hit = by_name.get(name) or by_uuid.get(uuid)
    if hit:
        print(hit)
    else:
        missing.append(name)
for name in missing:
    print(f"not in this Tempest: {name}", file=sys.stderr)
PY
log "$(wc -l < "$OUT/$NAME.load-list") of $(grep -vc '^#' "$LIST") tests found; running at concurrency $CONC"

t0=$(date +%s)
rc=0
tempest run --load-list "$OUT/$NAME.load-list" --concurrency "$CONC" --subunit > "$OUT/$NAME.subunit" || rc=$?
log "tempest run: exit $rc after $(( $(date +%s) - t0 )) s -> $OUT/$NAME.subunit"

# Both exit 1 when the stream has a failure. With --subunit, tempest run
# itself exits 0 even when tests failed, so the verdict comes from the stream.
subunit2csv < "$OUT/$NAME.subunit" > "$OUT/$NAME.csv" || true
stats_rc=0
subunit-stats < "$OUT/$NAME.subunit" > "$OUT/$NAME.summary.txt" 2>&1 || stats_rc=$?
cat "$OUT/$NAME.summary.txt"
[ "$rc" != 0 ] || rc=$stats_rc
exit "$rc"
