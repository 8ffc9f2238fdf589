#!/usr/bin/env bash
# Times Stackmark's subunit reader against Debian's python-subunit on a 200k-event Tempest-shaped stream.
# Needs: apt-get install -y python3-subunit subunit hyperfine. Usage: bench/subunit-vs-python.sh [EVENTS]
set -euo pipefail
cd "$(dirname "$0")/.."
events="${1:-200000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Native AOT takes .NET start-up (~60 ms of JIT) out of a ~2 s comparison; fall back to a JIT build without a C toolchain.
if ! dotnet publish bench/Stackmark.Subunit.Bench -c Release -r linux-x64 -p:PublishAot=true -o "$work/bin" --nologo -v quiet; then
  echo "Native AOT publish failed; timing the JIT build instead" >&2
  dotnet publish bench/Stackmark.Subunit.Bench -c Release -o "$work/bin" --nologo -v quiet
fi
bench="$work/bin/Stackmark.Subunit.Bench"
file="$work/run.subunit"
"$bench" generate "$events" "$file"
echo "stream: $events events, $(stat -c %s "$file") bytes"

# Same counts first: the comparison is meaningless otherwise. (Both exit 1 when the stream has failures.)
ours="$("$bench" stats "$file" || true)"
theirs="$(PATH=/usr/bin:/bin /usr/bin/subunit-stats < "$file" || true)"
if [[ "$ours" != "$theirs" ]]; then
  printf 'counts differ\n--- ours\n%s\n--- subunit-stats\n%s\n' "$ours" "$theirs" >&2
  exit 1
fi
echo "$ours"

PATH=/usr/bin:/bin /usr/bin/hyperfine --warmup 1 --runs "${RUNS:-5}" -i -N \
  --export-markdown "$work/results.md" \
  --command-name stackmark "$bench stats $file" \
  --command-name subunit-stats "/usr/bin/bash -c '/usr/bin/subunit-stats < $file'"
cat "$work/results.md"
