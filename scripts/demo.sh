#!/usr/bin/env bash
# The README's main-job command: install, then run the demo.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/bootstrap.sh
exec bash scripts/pnpm.sh exec chaintrail demo "$@"
