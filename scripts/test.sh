#!/usr/bin/env bash
# `npm test`: everything from a fresh clone — system packages, npm packages, lint, types, every test.
# Exits non-zero when anything fails; the last line is the count of passed and failed tests.
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-system.sh || exit 1
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  # The committed lock as it is (scripts/lockfile.test.ts keeps it installable on every platform).
  npm ci --no-audit --no-fund || exit 1
fi
# pcsclite is optional for `npm start`; the tests need it, built against the headers installed above.
node -e "require('pcsclite')" 2>/dev/null || npm rebuild pcsclite || exit 1

status=0
step() {
  echo "── $1"
  shift
  "$@" || { echo "✗ failed: $*"; status=1; }
}
mkdir -p .tmp
rm -f .tmp/jest-*.json
step "lint" npx eslint .
step "format" npx prettier --check --log-level warn .
# One tsconfig per target (app: DOM only; Node code: no DOM; tests and browser-driving tools: both).
step "types" npx tsc -b
# Parts import only downhill (.dependency-cruiser.cjs): no development kit or tool in the app or the bridge.
step "boundaries" npm run --silent boundaries
# No dead files, exports or dependencies (knip.jsonc names the entry points knip cannot find itself).
step "dead code" npm run --silent knip
# A hung runner fails the step after 30 minutes instead of eating CI's 90 (the unit step takes 13–18).
step "unit tests" timeout 1800 npx jest --selectProjects unit --json --outputFile=.tmp/jest-unit.json
step "PC/SC tests (real pcscd, vpcd card)" timeout 1200 npx jest --selectProjects pcsc --runInBand --json --outputFile=.tmp/jest-pcsc.json
# pcscd may have gone away during the long PC/SC step (a test restarts it, or it exits idle).
bash scripts/ensure-system.sh >/dev/null || exit 1
step "e2e tests (built app in WPE WebKit and Chromium: journeys through bridge, pcscd, platform)" timeout 1500 npx jest --selectProjects e2e --runInBand --json --outputFile=.tmp/jest-e2e.json
node scripts/test-summary.js .tmp/jest-unit.json .tmp/jest-pcsc.json .tmp/jest-e2e.json || status=1
exit $status
