#!/usr/bin/env bash
# The runner's own peak memory (VmHWM of the stackmark process, not Tempest's workers, which /usr/bin/time -v
# would report as the largest child) during a certification run on the devcloud. Goal: < 150 MB.
#   bench/runner-memory.sh [GUIDELINE] [TARGET]      e.g. 2020.06 compute (needs the compute profile)
set -euo pipefail
cd "$(dirname "$0")/.."
guideline=${1:-2019.11}
target=${2:-object}
interop=${STACKMARK_INTEROP_DIR:-../shared/interop}
dotnet build src/Stackmark.Cli -c Release -nologo -v quiet >/dev/null
bin=$(pwd)/src/Stackmark.Cli/bin/Release/net10.0/stackmark
out=$(mktemp -d)/run
"$bin" run --os-cloud devcloud-admin --guideline "$guideline" --target "$target" --source "$interop" --out "$out" --progress quiet >"$out.log" 2>&1 &
pid=$!
hwm=0
while kill -0 "$pid" 2>/dev/null; do
  v=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
  [ -n "$v" ] && hwm=$v
  sleep 0.5
done
wait "$pid" || true
tests=$(grep -c . "$out/test-list.txt" || true)
echo "stackmark run $guideline $target: $tests tests, runner peak RSS $((hwm / 1024)) MB ($(grep -E 'COMPLIANT' "$out.log" | head -1))"
