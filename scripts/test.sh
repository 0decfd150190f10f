#!/usr/bin/env bash
# npm test: type-check, lint (ESLint, the import layers of .dependency-cruiser.mjs, the size aim
# of scripts/code-size.mjs, Prettier's formatting), validate the workflows, build, then every test
# (unit, integration, end to end, the packaging of the desktop app) with a real Secret Service for
# the OS-keyring cipher (see with-keyring.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

npm run --silent typecheck
npx eslint .
npm run --silent lint:layers
npm run --silent lint:size
npx prettier --check --log-level warn .
# The GitHub Actions workflows, against the workflow schema (CI runs .ci/run, not these).
for workflow in .github/workflows/*.yml; do npx action-validator "$workflow"; done
npm run --silent build
bash scripts/with-keyring.sh npx vitest run "$@"
