#!/usr/bin/env bash
# Runs every Stackmark test on a fresh Debian machine with the .NET SDK (as root, or with sudo):
# installs what the tests need from Debian, then runs each test project and prints one total line:
#   N passed, N failed, N skipped
# Exit status is non-zero when anything failed. Needs ../shared/interop (the official guideline data)
# beside the repository, or STACKMARK_INTEROP_DIR pointing at a copy.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Debian tools the tests drive for real: python-subunit (interop and golden bytes), ssh-keygen and openssl
# (signature checks), /usr/bin/python3 (the RefStack-rules oracle), python3-tempest (its tree
# and `stestr list` check the static Tempest reader), postgresql (the registry's storage tests start a
# cluster of their own on 127.0.0.1), chromium (the registry UI's browser tests, driven by Playwright; nothing
# is downloaded).
need=()
for pkg in python3 python3-subunit subunit python3-tempest openssh-client openssl postgresql chromium; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "test.sh: installing ${need[*]}" >&2
  as_root apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

# The loopback OpenStack (Keystone, Swift, Glance) for the end-to-end tests; start.sh installs its Debian
# packages (Tempest included) and is idempotent. Tests that need it fail rather than skip from here on.
# The tests' cloud has a state dir of its own: phase 1 needs the storage profile alone, and a state dir once grown
# to compute (phase 2 of an earlier run, or any compute devcloud) starts whole, so a compute one is wiped first.
# Any other devcloud is stopped (not wiped): they all bind the same ports.
test_state=/var/lib/stackmark-devcloud-test
qemu_state=/var/lib/stackmark-devcloud-qemu
export STACKMARK_DEVCLOUD_STATE=$test_state
: >"$root/artifacts/devcloud-stop.log"
for other in /var/lib/stackmark-devcloud "$qemu_state"; do
  as_root deploy/devcloud/stop.sh --state "$other" >>"$root/artifacts/devcloud-stop.log" 2>&1 || true
done
if [ "$(as_root cat "$test_state/profile" 2>/dev/null)" != storage ]; then
  as_root deploy/devcloud/stop.sh --wipe --state "$test_state" >>"$root/artifacts/devcloud-stop.log" 2>&1 || true
fi
# Phase 1's cloud serves its public endpoints over HTTPS only (a CA of its own, named in clouds.yaml) and has a second
# region: every storage test, the member-account certifications included, runs the way a vendor's cloud is reached.
echo "test.sh: starting the devcloud (deploy/devcloud/start.sh --profile storage --tls --regions 2 --state $test_state)" >&2
if ! as_root deploy/devcloud/start.sh --profile storage --tls --regions 2 --state "$test_state" >"$root/artifacts/devcloud-start.log" 2>&1; then
  echo "test.sh: the devcloud did not start; see artifacts/devcloud-start.log:" >&2
  tail -20 "$root/artifacts/devcloud-start.log" >&2
fi
export STACKMARK_REQUIRE_DEVCLOUD=1
export CI="${CI:-}"

dotnet build Stackmark.slnx -c Debug -nologo -v quiet 2>&1 | grep -E "error|Warn|warn" | sort -u
build=${PIPESTATUS[0]}
if [ "$build" -ne 0 ]; then
  echo "test.sh: build failed" >&2
  echo "0 passed, 1 failed"
  exit 1
fi

status=0
run_tests() { # project, trx name, extra dotnet test arguments...
  local proj=$1 name=$2
  shift 2
  echo "== $name" >&2
  dotnet test "$proj" --no-build -nologo --logger "trx;LogFileName=$name.trx" --results-directory "$results" "$@" 2>&1 \
    | grep -E "^\s+(Failed|Skipped) |Error Message|^(Passed|Failed)!|\[FAIL\]" | head -200 >&2
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
}

# Phase 1: everything, on the storage profile (the compute end-to-end tests wait for phases 2 and 3).
for proj in tests/*/*.Tests.csproj; do
  name=$(basename "$proj" .csproj)
  if [ "$name" = Stackmark.EndToEnd.Tests ]; then
    run_tests "$proj" "$name" --filter "devcloud!=compute&devcloud!=realguest"
  else
    run_tests "$proj" "$name"
  fi
done

# Phase 2: the compute profile (Nova fake driver, Neutron, Cinder, MariaDB, RabbitMQ) added to the same cloud, back on
# plain HTTP in one region, and OpenStack Powered Compute 2020.06 end to end on it (admin credentials).
echo "test.sh: starting the devcloud's compute profile" >&2
if ! as_root deploy/devcloud/start.sh --profile compute --no-tls --regions 1 --state "$test_state" >"$root/artifacts/devcloud-compute-start.log" 2>&1; then
  echo "test.sh: the compute profile did not start; see artifacts/devcloud-compute-start.log:" >&2
  tail -20 "$root/artifacts/devcloud-compute-start.log" >&2
fi
export STACKMARK_REQUIRE_COMPUTE=1
run_tests tests/Stackmark.EndToEnd.Tests/Stackmark.EndToEnd.Tests.csproj Stackmark.EndToEnd.Compute --filter "devcloud=compute"

# Phase 3: real guests (Nova libvirt under QEMU TCG, a guest image built from Debian packages, file-backed Cinder), the
# whole cloud in the network namespace stackmark-cloud with a state of its own; the fake-driver cloud is stopped first
# to give it the two cores. OpenStack Powered Platform 2020.06, 273 of 273, guest validation discovered; then the same
# run with --validation off, compared: exactly the two guest-dependent tests differ (docs/guest-question.md).
echo "test.sh: stopping the fake-driver cloud; starting the devcloud with real guests (--virt qemu)" >&2
as_root deploy/devcloud/stop.sh --state "$test_state" >>"$root/artifacts/devcloud-stop.log" 2>&1 || true
if ! as_root deploy/devcloud/start.sh --profile compute --virt qemu --state "$qemu_state" >"$root/artifacts/devcloud-qemu-start.log" 2>&1; then
  echo "test.sh: the real-guest cloud did not start; see artifacts/devcloud-qemu-start.log:" >&2
  tail -20 "$root/artifacts/devcloud-qemu-start.log" >&2
fi
export STACKMARK_REQUIRE_REALGUEST=1 STACKMARK_DEVCLOUD_QEMU_STATE=$qemu_state
run_tests tests/Stackmark.EndToEnd.Tests/Stackmark.EndToEnd.Tests.csproj Stackmark.EndToEnd.RealGuest --filter "devcloud=realguest"
as_root deploy/devcloud/stop.sh --state "$qemu_state" >>"$root/artifacts/devcloud-stop.log" 2>&1 || true

# Each failure's whole message (a CI log is all there is to read afterwards), then the total over every
# project, from the TRX files (one counters line each).
python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
p = f = s = 0
for path in sorted(glob.glob(sys.argv[1] + "/*.trx")):
    for r in ET.parse(path).getroot().iterfind(".//t:UnitTestResult[@outcome='Failed']", ns):
        print(f"test.sh: FAILED {r.get('testName')} ({r.get('duration')})", file=sys.stderr)
        text = "\n".join(e.text or "" for e in r.iterfind("t:Output/t:ErrorInfo/t:Message", ns))
        for line in text.splitlines()[:160]:
            print(f"test.sh: | {line[:400]}", file=sys.stderr)
for path in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(path).getroot().find("t:ResultSummary/t:Counters", ns)
    p += int(c.get("passed")); f += int(c.get("failed")) + int(c.get("error")) + int(c.get("timeout")) + int(c.get("aborted"))
    s += int(c.get("total")) - int(c.get("executed"))
print(f"{p} passed, {f} failed, {s} skipped")
PY
exit $status
