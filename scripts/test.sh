#!/usr/bin/env bash
# The README's test command: install, type-check every package, run every test.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/bootstrap.sh
bash scripts/services.sh
bash scripts/pnpm.sh run typecheck
bash scripts/pnpm.sh exec vitest run "$@"
