#!/usr/bin/env bash
# npm test: everything, on a fresh machine. Checks/installs system dependencies, then static
# checks, unit tests (Node), a build, and end-to-end tests (browser mode in Debian's Chromium).
set -uo pipefail
cd "$(dirname "$0")/.."
export ELECTRON_SKIP_BINARY_DOWNLOAD=1
mkdir -p test-reports

bash scripts/ensure-deps.sh || exit 1

echo "== typecheck"; npm run -s typecheck || exit 1
echo "== lint"; npm run -s lint || exit 1

echo "== unit tests"
npx vitest run --reporter=default --reporter=json --outputFile.json=test-reports/unit.json
unit_rc=$?

echo "== build"; node scripts/build.mjs --quiet --test-hooks || exit 1

echo "== end-to-end tests"
CI=1 npx playwright test
e2e_rc=$?

node scripts/test-summary.mjs; summary_rc=$?
[ $unit_rc -eq 0 ] && [ $e2e_rc -eq 0 ] && [ $summary_rc -eq 0 ]
