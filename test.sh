#!/usr/bin/env bash
# Runs every test project and ends with one summary line: "N passed, M failed[, K skipped]".
# Exits non-zero when the build fails or any test fails. Extra arguments go to `dotnet test`.
set -uo pipefail
cd "$(dirname "$0")"
results="$(pwd)/TestResults/run-$$"
rm -rf "$results"
mkdir -p "$results"

dotnet test Switchyard.slnx --logger "trx" --results-directory "$results" "$@"
status=$?

passed=0 failed=0 skipped=0 files=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get notExecuted)))
done

if [ "$files" -eq 0 ] && [ "$status" -ne 0 ]; then
  echo "build failed: no test results"
  echo "0 passed, 1 failed"
  exit 1
fi

summary="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && summary="$summary, $skipped skipped"
echo "$summary"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ]; then
  exit 1
fi
exit 0
