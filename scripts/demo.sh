#!/usr/bin/env bash
# The whole certification loop on embedded defaults, in one command (README's main job):
#   1. bring up the loopback cloud (deploy/devcloud: Keystone, Swift, Glance, Tempest from Debian packages),
#   2. certify it for OpenStack Powered Storage with `stackmark run`,
#   3. start the registry (`stackmark serve`) on SQLite,
#   4. make a vendor key, register it, upload the signed result,
#   5. print the report's URL — and keep the registry running until Ctrl-C.
# Everything listens on 127.0.0.1 only. Run as root (or with sudo) from anywhere.
#
# Settings (environment):
#   STACKMARK_GUIDELINES    guideline source (a directory or an http(s) URL); default: the guidelines built into
#                           Stackmark (official openstack/interop data; the user cache first, if `stackmark guidelines
#                           update` filled it)
#   STACKMARK_GUIDELINE     the guideline version to certify against; default: the newest in force for Storage
#   STACKMARK_DEMO_DIR      where the run, the key, the registry database and its log go (default artifacts/demo)
#   STACKMARK_DEMO_PORT     the registry's port (default 8000)
#   STACKMARK_ADMIN_PASSWORD the registry's first foundation admin (user "admin"); default: a random one, printed
#   STACKMARK_DEMO_DETACH=1 leave the registry running in the background (its pid in $STACKMARK_DEMO_DIR/serve.pid)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

say() { printf 'demo: %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# The guideline source is the built-in one unless asked; the guideline, the newest in force unless asked.
source_args=()
serve_args=()
if [ -n "${STACKMARK_GUIDELINES:-}" ]; then
  source_args=(--source "$STACKMARK_GUIDELINES")
  serve_args=(--guidelines "$STACKMARK_GUIDELINES")
fi
guideline_args=()
if [ -n "${STACKMARK_GUIDELINE:-}" ]; then
  guideline_args=(--guideline "$STACKMARK_GUIDELINE")
fi
demo=${STACKMARK_DEMO_DIR:-$root/artifacts/demo}
port=${STACKMARK_DEMO_PORT:-8000}
password=${STACKMARK_ADMIN_PASSWORD:-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')}
registry=http://127.0.0.1:$port

say "1/5 the loopback cloud (deploy/devcloud/start.sh)"
as_root "$root/deploy/devcloud/start.sh" --profile storage ${STACKMARK_DEVCLOUD_STATE:+--state "$STACKMARK_DEVCLOUD_STATE"} >&2

say "building stackmark"
dotnet build "$root/src/Stackmark.Cli" -c Release -nologo -v quiet >&2
stackmark() { dotnet "$root/src/Stackmark.Cli/bin/Release/net10.0/stackmark.dll" "$@"; }

# A registry left over from an earlier demo holds the port and the database: stop it first.
if [ -f "$demo/serve.pid" ] && kill -0 "$(cat "$demo/serve.pid")" 2>/dev/null; then
  kill "$(cat "$demo/serve.pid")" && sleep 1
fi
rm -rf "$demo"
mkdir -p "$demo"

say "2/5 certifying the cloud for OpenStack Powered Storage (guideline ${STACKMARK_GUIDELINE:-the newest in force}, source ${STACKMARK_GUIDELINES:-built in})"
verdict=0
stackmark run --os-cloud devcloud-admin "${guideline_args[@]}" --target object "${source_args[@]}" --out "$demo/run" --progress plain || verdict=$?
if [ "$verdict" -gt 1 ]; then
  say "the run failed (exit $verdict); nothing to upload"
  exit "$verdict"
fi
guideline=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["guideline"])' "$demo/run/manifest.json")

say "3/5 the registry on SQLite: $registry (database $demo/registry.db, log $demo/serve.log)"
STACKMARK_ADMIN_PASSWORD=$password stackmark serve --urls "$registry" "${serve_args[@]}" --database "$demo/registry.db" >"$demo/serve.log" 2>&1 &
serve=$!
echo "$serve" >"$demo/serve.pid"
stop_registry() { kill "$serve" 2>/dev/null || true; }
trap stop_registry INT TERM
for _ in $(seq 1 120); do
  python3 - "$registry/v1/guidelines" <<'PY' 2>/dev/null && break
import sys, urllib.request
urllib.request.urlopen(sys.argv[1], timeout=2)
PY
  kill -0 "$serve" 2>/dev/null || { say "the registry did not start:"; tail -20 "$demo/serve.log" >&2; exit 3; }
  sleep 0.5
done

say "4/5 a vendor key, registered as admin's, and the signed upload"
ssh-keygen -q -t rsa -b 3072 -m PEM -N "" -C "stackmark demo" -f "$demo/vendor-key"
stackmark sign "$demo/vendor-key" >"$demo/vendor-key.sign"
(umask 077; python3 - "$registry" "$password" "$demo/vendor-key.sign" <<'PY'
import json, sys, urllib.request
registry, password, sign = sys.argv[1:]
fields = dict(line.split(":", 1) for line in open(sign).read().splitlines() if ":" in line)
def post(path, body, token=None):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    request = urllib.request.Request(registry + path, json.dumps(body).encode(), headers)
    return json.load(urllib.request.urlopen(request, timeout=30))
token = post("/v1/auth/tokens", {"username": "admin", "password": password})["token"]
post("/v1/profile/pubkeys", {"raw_key": fields["Public key"].strip(), "self_signature": fields["Self signature"].strip()}, token)
print(token)
PY
) >"$demo/admin-token"
chmod 600 "$demo/admin-token"
upload=$(stackmark upload "$demo/run" --url "$registry" --key "$demo/vendor-key" --signature-version 2)
id=${upload##*/}
id=${id##*#}
# Results are private to their uploader until shared (as in RefStack): share this one, and name its guideline and
# target, so that anyone can open the report.
python3 - "$registry" "$demo/admin-token" "$id" "$guideline" <<'PY'
import sys, urllib.request
registry, token_file, run, guideline = sys.argv[1:]
token = open(token_file).read().strip()
for key, value in (("shared", "true"), ("guideline", guideline), ("target", "object")):
    request = urllib.request.Request(f"{registry}/v1/results/{run}/meta/{key}", value.encode(),
                                     {"Content-Type": "text/plain", "Authorization": "Bearer " + token}, method="POST")
    urllib.request.urlopen(request, timeout=30)
PY

say "5/5 done"
report="$registry/results/$id?guideline=$guideline&target=object"
echo "$report" >"$demo/report-url"
cat <<EOF

Cloud certified: $( [ "$verdict" -eq 0 ] && echo "COMPLIANT" || echo "NOT COMPLIANT" ) (guideline $guideline, OpenStack Powered Storage; evidence in $demo/run)
Report:          $report
Registry:        $registry  (sign in as admin with password $password)
EOF
if [ "${STACKMARK_DEMO_DETACH:-}" = 1 ]; then
  echo "Registry left running: pid $serve (kill it, or run this script again)"
  exit 0
fi
echo "Ctrl-C stops the registry."
wait "$serve" || true
