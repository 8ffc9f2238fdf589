#!/usr/bin/env bash
# Certifies the project's loopback cloud for one program of a guideline, as a vendor would certify theirs:
#   scripts/certify-devcloud.sh [storage|compute|platform] [GUIDELINE] [-- extra `stackmark run` options]
# storage  -> OpenStack Powered Storage on the storage profile (Keystone, Swift, Glance)
# compute  -> OpenStack Powered Compute on the compute profile (adds Nova fake driver, Neutron, Cinder)
# platform -> OpenStack Powered Platform (273 counted tests in 2020.06) on the compute profile
# Needs root (the cloud) and the official guideline data in ../shared/interop, or STACKMARK_INTEROP_DIR, or
# STACKMARK_GUIDELINES=https://opendev.org/openstack/interop/raw/branch/master/ with internet access.
# Measured on the 2-core machine (Tempest 33, concurrency 2, --override image.build_timeout=60):
#   storage 2019.11: 58/58 pass, ~25 s; compute 2020.06: 205 pass, 4 fail, 8 skip of 217, 686-1246 s;
#   platform 2020.06: 261 pass, 4 fail, 8 skip of 273, 539 s.
set -euo pipefail
cd "$(dirname "$0")/.."
program=${1:-storage}
guideline=${2:-2020.06}
shift $(( $# > 2 ? 2 : $# ))
[ "${1:-}" = "--" ] && shift
source=${STACKMARK_GUIDELINES:-${STACKMARK_INTEROP_DIR:-../shared/interop}}
case "$program" in
  storage) profile=storage; target=object ;;
  compute) profile=compute; target=compute ;;
  platform) profile=compute; target=platform ;;
  *) echo "usage: $0 [storage|compute|platform] [GUIDELINE] [-- stackmark run options]" >&2; exit 2 ;;
esac
deploy/devcloud/start.sh --profile "$profile"
out=runs/devcloud-$guideline-$target-$(date -u +%Y%m%d-%H%M%S)
exec dotnet run --project src/Stackmark.Cli -c Release -- run --os-cloud devcloud-admin --guideline "$guideline" --target "$target" \
  --source "$source" --out "$out" --override image.build_timeout=60 "$@"
