#!/usr/bin/env bash
# Runner overhead: `stackmark run` (discovery, planning, streaming, reports) against a bare `tempest run` of the
# same test list with the same tempest.conf and concurrency, on the devcloud, timed by hyperfine side by side.
#   bench/runner-overhead.sh                          # Powered Storage 2019.11 on any devcloud profile, 3 runs each
#   GUIDELINE=2020.06 TARGET=platform RUNS=1 bench/runner-overhead.sh   # the 273 tests on the real-guest cloud
# Commands run through deploy/devcloud/exec (inside the real-guest cloud's namespace when it is up). Both sides start
# from a fresh Tempest workspace (no stestr timing history), as a user's run does; the bare side uses the tempest.conf
# and test list of the stackmark run just before it. Also prints, from each stackmark run's manifest.json, Tempest's
# share of its wall and the runner's own peak memory. Goals: stackmark <= 1.02x the bare run; runner < 150 MB.
# Needs hyperfine (installed if missing) and ../shared/interop or STACKMARK_INTEROP_DIR; run as root.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-3}
guideline=${GUIDELINE:-2019.11}
target=${TARGET:-object}
interop=${STACKMARK_INTEROP_DIR:-$(cd ../shared/interop && pwd)}
exec_=$(pwd)/deploy/devcloud/exec
# stestr deals test groups without timing history to its workers in set order, which follows Python's per-process
# string hash: two runs of one list get different partitions, and on the 273 real-guest tests the busier worker's
# span moved by ~100 s between runs (660/424 s vs 586/491 s). One seed for both sides gives both the same partition.
export PYTHONHASHSEED=${PYTHONHASHSEED:-0}
command -v hyperfine >/dev/null || apt-get install -y -qq hyperfine >/dev/null
dotnet build src/Stackmark.Cli -c Release -nologo -v quiet >/dev/null
bin=$(pwd)/src/Stackmark.Cli/bin/Release/net10.0/stackmark
work=$(mktemp -d)
mkdir -p "$work/manifests"
run="$exec_ $bin run --os-cloud devcloud-admin --guideline $guideline --target $target --source $interop --out $work/r --progress quiet --concurrency 2 --test-timeout 900"
bare="PATH=/usr/bin:/bin tempest init --name stackmark-bench $work/t >/dev/null && cp $work/r/tempest.conf $work/t/etc/tempest.conf && cd $work/t && PATH=/usr/bin:/bin $exec_ tempest run --load-list $work/r/test-list.txt --subunit --concurrency 2 >/dev/null"
hyperfine --runs "$runs" --warmup 0 -i --export-markdown "$work/overhead.md" --export-json "$work/overhead.json" \
  -n "stackmark run" --prepare "rm -rf $work/r" "$run >/dev/null; cp $work/r/manifest.json $work/manifests/\$(date +%s%N).json" \
  -n "bare tempest run" --prepare "rm -rf $work/t; PATH=/usr/bin:/bin tempest workspace remove --name stackmark-bench >/dev/null 2>&1; true" "$bare"
PATH=/usr/bin:/bin tempest workspace remove --name stackmark-bench >/dev/null 2>&1 || true
cat "$work/overhead.md"
python3 - "$work/overhead.json" "$work"/manifests/*.json <<'PY'
import json, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
s, t = results["stackmark run"], results["bare tempest run"]
print(f"\nstackmark run / bare tempest run (mean wall): {s['mean'] / t['mean']:.3f}x")
for path, wall in zip(sys.argv[2:], s["times"]):
    m = json.load(open(path))
    r = m.get("runner", {})
    print(f"stackmark run: {m['tests_run']} tests, compliant={m['compliant']}, wall {wall:.1f} s, Tempest {r.get('tempest_seconds')} s "
          f"(the runner's own share {wall - r.get('tempest_seconds', 0):.1f} s), runner peak memory {r.get('peak_memory_mb')} MB")
PY
echo "(work directory: $work)"
