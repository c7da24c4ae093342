#!/usr/bin/env bash
# Runs every test of a configured build and prints one summary line:
# lit (dialect, passes, conversions, pipelines, CPU integration), the
# runtime's GoogleTest unit tests, and the docs-vs-ODS check.
#   scripts/run-checks.sh BUILD_DIR
set -uo pipefail
build=${1:-build}
log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT

passed=0 failed=0 suites_failed=()

echo "== lit =="
/usr/lib/llvm-22/bin/lit -sv --xunit-xml-output "$log/lit.xml" "$build/test" | tee "$log/lit.txt"
lit_rc=${PIPESTATUS[0]}
count() { grep -oE "$1 *: *[0-9]+" "$log/lit.txt" | awk '{s += $NF} END {print s + 0}'; }
lit_pass=$(count 'Passed')
lit_fail=$(count '(Failed|Unresolved|Timed Out|Unexpectedly Passed)')
[[ $lit_rc -ne 0 && $lit_fail -eq 0 ]] && lit_fail=1
passed=$((passed + ${lit_pass:-0})); failed=$((failed + lit_fail))
[[ $lit_rc -ne 0 ]] && suites_failed+=(lit)

echo "== unit tests =="
(cd "$build" && ctest --output-on-failure) | tee "$log/ctest.txt"
ctest_rc=${PIPESTATUS[0]}
total=$(grep -oE 'out of [0-9]+' "$log/ctest.txt" | grep -oE '[0-9]+' | tail -1)
bad=$(grep -oE '[0-9]+ tests failed' "$log/ctest.txt" | grep -oE '[0-9]+' | tail -1)
total=${total:-0}; bad=${bad:-0}
[[ $ctest_rc -ne 0 && $bad -eq 0 ]] && bad=1
passed=$((passed + total - bad)); failed=$((failed + bad))
[[ $ctest_rc -ne 0 ]] && suites_failed+=(unit)

echo "== docs =="
if cmake --build "$build" --target check-axt-docs; then
  passed=$((passed + 1))
else
  failed=$((failed + 1)); suites_failed+=(docs)
fi

echo
if [[ $failed -eq 0 ]]; then
  echo "make check: all tests passed (lit, unit tests, docs)"
else
  echo "make check: FAILED in: ${suites_failed[*]}"
fi
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
