#!/usr/bin/env bash
# Runner overhead: `stackmark run` (discovery, planning, streaming, reports) against a bare `tempest run` of the
# same test list with the same configuration and concurrency, on the devcloud. Needs the devcloud running
# (deploy/devcloud/start.sh) and hyperfine (apt-get install hyperfine). Both start from a fresh workspace (no
# stestr timing history), as a user's run does. Goal: stackmark <= 2 % slower.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-3}
interop=${STACKMARK_INTEROP_DIR:-../shared/interop}
command -v hyperfine >/dev/null || apt-get install -y -qq hyperfine >/dev/null
dotnet build src/Stackmark.Cli -c Release -nologo -v quiet >/dev/null
bin=$(pwd)/src/Stackmark.Cli/bin/Release/net10.0/stackmark
work=$(mktemp -d)
# One run to produce the workspace, tempest.conf and load list the bare Tempest will use.
"$bin" run --os-cloud devcloud-admin --guideline 2019.11 --target object --source "$interop" --out "$work/ref" --progress quiet --concurrency 2 >/dev/null || true
ws="$work/ref/workspace"
hyperfine --runs "$runs" --warmup 0 --export-markdown "$work/overhead.md" \
  -n "stackmark run" --prepare "rm -rf $work/r" \
  "$bin run --os-cloud devcloud-admin --guideline 2019.11 --target object --source $interop --out $work/r --progress quiet --concurrency 2 >/dev/null" \
  -n "tempest init + run" --prepare "rm -rf $work/t; PATH=/usr/bin:/bin tempest workspace remove --name stackmark-bench >/dev/null 2>&1; true" \
  "PATH=/usr/bin:/bin tempest init --name stackmark-bench $work/t >/dev/null && cp $ws/etc/tempest.conf $work/t/etc/ && cd $work/t && PATH=/usr/bin:/bin tempest run --load-list $work/ref/test-list.txt --subunit --concurrency 2 >/dev/null"
PATH=/usr/bin:/bin tempest workspace remove --name stackmark-bench >/dev/null 2>&1 || true
cat "$work/overhead.md"
